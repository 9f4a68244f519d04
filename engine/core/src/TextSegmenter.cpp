#include "core/TextSegmenter.hpp"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace sparring::core {

std::size_t Segmented::wordCount() const
{
    return static_cast<std::size_t>(
        std::count_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.isWord; }));
}

struct TextSegmenter::Impl {
    std::unique_ptr<icu::BreakIterator> words;
    std::unique_ptr<icu::BreakIterator> sentences;
    sb_stemmer* stemmer = nullptr;
    icu::UnicodeString text;
    std::vector<std::uint32_t> byteOffset; ///< UTF-16 index -> byte offset in the original
    std::string scratch;

    ~Impl()
    {
        if (stemmer)
            sb_stemmer_delete(stemmer);
    }

    /// Decodes UTF-8 (ill-formed sequences become U+FFFD, as ICU does) and straightens curly
    /// quotes, remembering where each UTF-16 unit came from.
    bool decode(std::string_view utf8)
    {
        text.remove();
        byteOffset.clear();
        bool valid = true;
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
        const auto length = static_cast<std::int32_t>(utf8.size());
        std::int32_t i = 0;
        while (i < length) {
            const std::int32_t start = i;
            UChar32 c = 0;
            U8_NEXT(bytes, i, length, c);
            if (c < 0) {
                c = 0xFFFD;
                valid = false;
            }
            switch (c) {
            case 0x2018:
            case 0x2019:
            case 0x02BC:
            case 0x2032:
                c = '\'';
                break;
            case 0x201C:
            case 0x201D:
                c = '"';
                break;
            default:
                break;
            }
            text.append(c);
            while (byteOffset.size() < static_cast<std::size_t>(text.length()))
                byteOffset.push_back(static_cast<std::uint32_t>(start));
        }
        byteOffset.push_back(static_cast<std::uint32_t>(utf8.size()));
        return valid;
    }

    std::string foldedUtf8(std::int32_t start, std::int32_t end)
    {
        icu::UnicodeString piece(text, start, end - start);
        piece.foldCase();
        scratch.clear();
        piece.toUTF8String(scratch);
        return scratch;
    }

    std::string stem(const std::string& folded)
    {
        const sb_symbol* out = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded.data()),
                                               static_cast<int>(folded.size()));
        if (!out)
            return folded;
        return std::string(reinterpret_cast<const char*>(out),
                           static_cast<std::size_t>(sb_stemmer_length(stemmer)));
    }
};

TextSegmenter::TextSegmenter() : m_impl(std::make_unique<Impl>())
{
    UErrorCode status = U_ZERO_ERROR;
    m_impl->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
    m_impl->sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status) || !m_impl->words || !m_impl->sentences)
        throw TextError(std::string("ICU break iterators are unavailable: ") + u_errorName(status));
    m_impl->stemmer = sb_stemmer_new("english", "UTF_8");
    if (!m_impl->stemmer)
        throw TextError("the Snowball English stemmer is unavailable");
}

TextSegmenter::~TextSegmenter() = default;

Segmented TextSegmenter::segment(std::string_view utf8)
{
    Impl& m = *m_impl;
    Segmented out;
    out.validUtf8 = m.decode(utf8);
    out.tokens.reserve(utf8.size() / 3 + 4); // about one token per five bytes of English, with room

    // Sentences first, so tokens can point at theirs.
    std::vector<std::pair<std::int32_t, std::int32_t>> sentenceRanges;
    m.sentences->setText(m.text);
    for (std::int32_t start = m.sentences->first(), end = m.sentences->next();
         end != icu::BreakIterator::DONE; start = end, end = m.sentences->next())
        sentenceRanges.emplace_back(start, end);
    for (const auto& [start, end] : sentenceRanges) {
        Sentence s;
        // The span runs from the first to the last visible character: ICU gives the trailing
        // spaces to the sentence, and the first sentence starts with the text's leading ones.
        std::int32_t last = end;
        while (last > start && u_isUWhiteSpace(m.text.charAt(last - 1)))
            --last;
        std::int32_t first = start;
        while (first < last && u_isUWhiteSpace(m.text.charAt(first)))
            ++first;
        s.begin = m.byteOffset[static_cast<std::size_t>(first)];
        s.end = m.byteOffset[static_cast<std::size_t>(last)];
        for (std::int32_t k = end - 1; k >= start; --k) {
            const UChar c = m.text.charAt(k);
            if (u_isspace(c) || c == '"' || c == '\'' || c == ')')
                continue;
            s.question = c == '?' || c == 0xFF1F;
            break;
        }
        out.sentences.push_back(s);
    }

    m.words->setText(m.text);
    std::size_t sentence = 0;
    for (std::int32_t start = m.words->first(), end = m.words->next(); end != icu::BreakIterator::DONE;
         start = end, end = m.words->next()) {
        const UChar32 first = m.text.char32At(start);
        if (u_isUWhiteSpace(first))
            continue;
        while (sentence + 1 < sentenceRanges.size() && start >= sentenceRanges[sentence].second)
            ++sentence;
        Token token;
        token.isWord = m.words->getRuleStatus() != UBRK_WORD_NONE;
        token.folded = m.foldedUtf8(start, end);
        token.stem = token.isWord ? m.stem(token.folded) : token.folded;
        token.begin = m.byteOffset[static_cast<std::size_t>(start)];
        token.end = m.byteOffset[static_cast<std::size_t>(end)];
        token.sentence = static_cast<std::uint32_t>(sentence);
        if (sentence < out.sentences.size()) {
            auto& s = out.sentences[sentence];
            if (s.tokenCount == 0)
                s.firstToken = static_cast<std::uint32_t>(out.tokens.size());
            ++s.tokenCount;
        }
        out.tokens.push_back(std::move(token));
    }
    return out;
}

} // namespace sparring::core
