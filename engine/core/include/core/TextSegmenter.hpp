#pragma once
// Unicode-correct segmentation of what a trainee types: sentences and words by ICU's break
// rules, case folding by ICU, English stems by the Snowball stemmer. Every token keeps the byte
// span it came from in the original text, so evidence can be highlighted in the trainee's words.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::core {

/// The segmenter cannot exist: ICU's break iterators or the Snowball stemmer are unavailable (an
/// environment failure, not a content problem).
class TextError : public std::runtime_error {
public:
    explicit TextError(const std::string& what) : std::runtime_error(what) {}
};

struct Token {
    std::string folded;      ///< case-folded, curly quotes straightened ("i'll")
    std::string stem;        ///< Snowball English stem of `folded` ("calling" -> "call")
    std::uint32_t begin = 0; ///< byte offsets into the original text, [begin, end)
    std::uint32_t end = 0;
    std::uint32_t sentence = 0; ///< index into Segmented::sentences
    bool isWord = false;        ///< letters or digits (false: punctuation, symbols, emoji)
};

struct Sentence {
    std::uint32_t begin = 0; ///< byte offsets into the original text, without leading or trailing white space
    std::uint32_t end = 0;
    std::uint32_t firstToken = 0;
    std::uint32_t tokenCount = 0;
    bool question = false; ///< ends with '?' (or '？')
};

struct Segmented {
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
    bool validUtf8 = true; ///< false: ill-formed bytes were read as U+FFFD
    [[nodiscard]] std::size_t wordCount() const;
};

/// Reusable segmenter. Not thread-safe: use one per thread.
class TextSegmenter {
public:
    /// Throws TextError when ICU or the stemmer is unavailable.
    TextSegmenter();
    ~TextSegmenter();
    TextSegmenter(const TextSegmenter&) = delete;
    TextSegmenter& operator=(const TextSegmenter&) = delete;

    [[nodiscard]] Segmented segment(std::string_view utf8);
    /// Folds and stems a single phrase the same way (for lexicon entries).
    [[nodiscard]] std::vector<Token> tokens(std::string_view utf8) { return segment(utf8).tokens; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sparring::core
