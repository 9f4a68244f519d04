#include "scoring/Lexicon.hpp"

#include <algorithm>

namespace sparring::scoring {

Lexicon::Lexicon(std::vector<PhraseList> lists, TextSegmenter& segmenter) : m_lists(std::move(lists))
{
    for (std::size_t i = 0; i < m_lists.size(); ++i)
        for (const auto& phrase : m_lists[i].phrases) {
            Compiled compiled;
            compiled.list = i;
            for (const auto& token : segmenter.tokens(phrase))
                if (token.isWord || token.folded == "?")
                    compiled.stems.push_back(token.stem);
            if (!compiled.stems.empty())
                m_byFirstStem[compiled.stems.front()].push_back(std::move(compiled));
        }
    for (auto& [first, phrases] : m_byFirstStem)
        std::stable_sort(phrases.begin(), phrases.end(),
                         [](const Compiled& a, const Compiled& b) { return a.stems.size() > b.stems.size(); });
}

std::vector<PhraseMatch> Lexicon::find(const Segmented& text) const
{
    std::vector<PhraseMatch> out;
    const auto& tokens = text.tokens;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto found = m_byFirstStem.find(tokens[i].stem);
        if (found == m_byFirstStem.end())
            continue;
        for (const auto& phrase : found->second) {
            // Match the phrase's stems against the next tokens, skipping punctuation between words.
            std::size_t t = i;
            std::size_t s = 0;
            while (s < phrase.stems.size() && t < tokens.size()) {
                if (!tokens[t].isWord && tokens[t].folded != "?" && t != i) {
                    ++t;
                    continue;
                }
                if (tokens[t].stem != phrase.stems[s])
                    break;
                ++s;
                ++t;
            }
            if (s == phrase.stems.size())
                out.push_back({phrase.list, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(t - i)});
        }
    }
    return out;
}

} // namespace sparring::scoring
