#include "core/Lexicon.hpp"

#include <algorithm>

namespace sparring::core {

std::size_t phraseAt(const std::vector<Token>& tokens, std::size_t at, const std::vector<std::string>& stems)
{
    if (stems.empty())
        return 0;
    std::size_t t = at;
    std::size_t s = 0;
    while (s < stems.size() && t < tokens.size()) {
        if (!tokens[t].isWord && tokens[t].folded != "?" && t != at) {
            ++t; // punctuation between words
            continue;
        }
        if (tokens[t].stem != stems[s])
            return 0;
        ++s;
        ++t;
    }
    return s == stems.size() ? t - at : 0;
}

std::vector<std::string> phraseStems(TextSegmenter& segmenter, std::string_view phrase)
{
    std::vector<std::string> stems;
    for (const auto& token : segmenter.tokens(phrase))
        if (token.isWord || token.folded == "?")
            stems.push_back(token.stem);
    return stems;
}

bool containsPhrase(const Segmented& text, const std::vector<std::string>& stems)
{
    for (std::size_t i = 0; i < text.tokens.size(); ++i)
        if (phraseAt(text.tokens, i, stems) > 0)
            return true;
    return false;
}

Lexicon::Lexicon(std::vector<PhraseList> lists, TextSegmenter& segmenter) : m_lists(std::move(lists))
{
    for (std::size_t i = 0; i < m_lists.size(); ++i)
        for (const auto& phrase : m_lists[i].phrases) {
            Compiled compiled;
            compiled.list = i;
            compiled.stems = phraseStems(segmenter, phrase);
            if (!compiled.stems.empty())
                m_byFirstStem[compiled.stems.front()].push_back(std::move(compiled));
        }
    for (auto& [first, phrases] : m_byFirstStem)
        std::stable_sort(phrases.begin(), phrases.end(), [](const Compiled& a, const Compiled& b) {
            return a.stems.size() > b.stems.size();
        });
}

std::vector<PhraseMatch> Lexicon::find(const Segmented& text) const
{
    std::vector<PhraseMatch> out;
    const auto& tokens = text.tokens;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto found = m_byFirstStem.find(tokens[i].stem);
        if (found == m_byFirstStem.end())
            continue;
        for (const auto& phrase : found->second)
            if (const auto span = phraseAt(tokens, i, phrase.stems))
                out.push_back({phrase.list, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(span)});
    }
    return out;
}

} // namespace sparring::core
