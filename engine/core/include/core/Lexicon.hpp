#pragma once
// The transparent layer: phrase lists per tag, kept as data in the framework YAML so an
// organisation can add its own common language and phrasings without recompiling. Phrases match
// on Snowball stems, so "call them" also finds "calling them".

#include "core/TextSegmenter.hpp"

#include <string_view>

#include <string>
#include <unordered_map>
#include <vector>

namespace sparring::core {

/// Phrase lists as authored: a tag (e.g. "takeover", "framework_term:economic_buyer") and its
/// phrases, plus the human name of the term for explanations ("economic buyer").
struct PhraseList {
    std::string tag;
    std::string name;
    std::vector<std::string> phrases;
};

struct PhraseMatch {
    std::size_t list = 0; ///< index into the lists given to the Lexicon
    std::uint32_t firstToken = 0;
    std::uint32_t tokenCount = 0;
    bool negated = false; ///< the clause negates it before it (negatedAt): "I won't call her"
};

/// The one rule for finding a phrase in a text: the phrase's stems (phraseStems), in order, from
/// token `at` on, with only punctuation between them. Returns how many tokens the match spans, or
/// 0 when the phrase is not there. Routes, cue lists and the common language all match by it.
[[nodiscard]] std::size_t phraseAt(const std::vector<Token>& tokens, std::size_t at,
                                   const std::vector<std::string>& stems);

/// Whether the clause a phrase starts in negates it: a negation ("not", "no", "never", "without",
/// "cannot", any "...n't", or the same typed without the apostrophe) among the few words before
/// token `at` in its clause. A clause ends at punctuation (, ; : . ! ? and dashes), at a new
/// sentence and at "but". "I won't call her" does not say "call her"; "I'd call her, not Tom"
/// does.
[[nodiscard]] bool negatedAt(const std::vector<Token>& tokens, std::size_t at);

/// The stems a phrase is matched by: its words (and question marks), folded and stemmed.
[[nodiscard]] std::vector<std::string> phraseStems(TextSegmenter& segmenter, std::string_view phrase);

/// Whether `phrase` occurs anywhere in `text` (phraseAt) outside a clause that negates it
/// (negatedAt). A phrase without words never does.
[[nodiscard]] bool containsPhrase(const Segmented& text, const std::vector<std::string>& stems);

class Lexicon {
public:
    Lexicon() = default;
    Lexicon(std::vector<PhraseList> lists, TextSegmenter& segmenter);

    [[nodiscard]] const std::vector<PhraseList>& lists() const { return m_lists; }
    /// Every occurrence of every phrase in the words of `text` (longest match first at a position).
    [[nodiscard]] std::vector<PhraseMatch> find(const Segmented& text) const;

private:
    struct Compiled {
        std::vector<std::string> stems;
        std::size_t list = 0;
    };
    std::vector<PhraseList> m_lists;
    std::unordered_map<std::string, std::vector<Compiled>> m_byFirstStem;
};

} // namespace sparring::core
