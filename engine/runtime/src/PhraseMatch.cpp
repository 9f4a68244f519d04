#include "PhraseMatch.hpp"

#include <algorithm>
#include <cctype>

namespace sparring::runtime {

namespace {

bool isWordByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '\'' || u >= 0x80; // non-ASCII letters count as word bytes
}

} // namespace

std::string normaliseForMatching(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        // U+2018/U+2019 (E2 80 98/99) -> '; U+201C/U+201D (E2 80 9C/9D) -> "
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
            const auto third = static_cast<unsigned char>(text[i + 2]);
            if (third == 0x98 || third == 0x99 || third == 0x9C || third == 0x9D) {
                if (space && !out.empty())
                    out += ' ';
                space = false;
                out += (third <= 0x99) ? '\'' : '"';
                i += 2;
                continue;
            }
        }
        if (std::isspace(c)) {
            space = true;
            continue;
        }
        if (space && !out.empty())
            out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

bool containsPhrase(std::string_view text, std::string_view phrase)
{
    if (phrase.empty())
        return false;
    for (std::size_t at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
        const bool startOk = at == 0 || !isWordByte(text[at - 1]) || !isWordByte(phrase.front());
        const std::size_t end = at + phrase.size();
        const bool endOk = end == text.size() || !isWordByte(text[end]) || !isWordByte(phrase.back());
        if (startOk && endOk)
            return true;
    }
    return false;
}

bool phrasesMatch(const core::ResponseMatch& match, std::string_view text)
{
    const auto has = [&](const std::string& phrase) { return containsPhrase(text, normaliseForMatching(phrase)); };
    if (!match.any.empty() && std::none_of(match.any.begin(), match.any.end(), has))
        return false;
    if (!std::all_of(match.all.begin(), match.all.end(), has))
        return false;
    return std::none_of(match.none.begin(), match.none.end(), has);
}

} // namespace sparring::runtime
