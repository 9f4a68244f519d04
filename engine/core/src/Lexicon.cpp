#include "core/Lexicon.hpp"

#include <algorithm>
#include <array>
#include <string_view>

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

namespace {

/// How many words before a phrase a negation still reaches: "I'm really not going to call her".
constexpr std::size_t kNegationReach = 5;

bool endsClause(const Token& token)
{
    if (token.isWord)
        return token.folded == "but";
    static constexpr std::array<std::string_view, 10> kBreaks{",", ";",      ":",      ".", "!",
                                                              "?", "\u2014", "\u2013", "-", "\u2026"};
    return std::find(kBreaks.begin(), kBreaks.end(), token.folded) != kBreaks.end();
}

bool negates(const Token& token)
{
    static constexpr std::array<std::string_view, 16> kNegations{
        "not", "no", "never", "nor", "without", "cannot", "nobody", "nothing",
        // typed without the apostrophe
        "dont", "didnt", "wont", "cant", "wouldnt", "shouldnt", "isnt", "arent"};
    const std::string_view word = token.folded;
    const bool contracted = word.size() > 3 && word.substr(word.size() - 3) == "n't";
    return token.isWord &&
           (contracted || std::find(kNegations.begin(), kNegations.end(), word) != kNegations.end());
}

} // namespace

bool negatedAt(const std::vector<Token>& tokens, std::size_t at)
{
    std::size_t words = 0;
    for (std::size_t t = at; t-- > 0 && words < kNegationReach;) {
        if (tokens[t].sentence != tokens[at].sentence || endsClause(tokens[t]))
            return false;
        if (!tokens[t].isWord)
            continue;
        if (negates(tokens[t]))
            return true;
        ++words;
    }
    return false;
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
        if (phraseAt(text.tokens, i, stems) > 0 && !negatedAt(text.tokens, i))
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
                out.push_back({phrase.list, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(span),
                               negatedAt(tokens, i)});
    }
    return out;
}

} // namespace sparring::core
