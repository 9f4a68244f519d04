// TextSegmenter: ICU words and sentences with byte offsets into the original text, case folding,
// straightened quotes, Snowball stems, question detection, and text that is not well-formed.
// Expected values are for Debian 12's ICU 72 (its CJK dictionary decides the Japanese words).

#include "core/TextSegmenter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sparring::core {
namespace {

/// Each token as "folded [begin,end) s<sentence>", with " punct" when it is not a word.
std::vector<std::string> tokensOf(const Segmented& s)
{
    std::vector<std::string> out;
    for (const auto& t : s.tokens)
        out.push_back(t.folded + " [" + std::to_string(t.begin) + "," + std::to_string(t.end) + ") s" +
                      std::to_string(t.sentence) + (t.isWord ? "" : " punct"));
    return out;
}

/// Each sentence as "[begin,end) tokens first+count", with " ?" when it is a question.
std::vector<std::string> sentencesOf(const Segmented& s)
{
    std::vector<std::string> out;
    for (const auto& x : s.sentences)
        out.push_back("[" + std::to_string(x.begin) + "," + std::to_string(x.end) + ") tokens " +
                      std::to_string(x.firstToken) + "+" + std::to_string(x.tokenCount) +
                      (x.question ? " ?" : ""));
    return out;
}

/// The original bytes each token's span points at.
std::vector<std::string> originalsOf(std::string_view text, const Segmented& s)
{
    std::vector<std::string> out;
    for (const auto& t : s.tokens)
        out.emplace_back(text.substr(t.begin, t.end - t.begin));
    return out;
}

std::vector<std::string> stemsOf(const Segmented& s)
{
    std::vector<std::string> out;
    for (const auto& t : s.tokens)
        out.push_back(t.stem);
    return out;
}

/// Spans that stay inside the text, tokens in order without overlap, sentences in order.
void expectWellFormed(std::string_view text, const Segmented& s)
{
    std::uint32_t previousEnd = 0;
    for (const auto& t : s.tokens) {
        EXPECT_LT(t.begin, t.end);
        EXPECT_LE(t.end, text.size());
        EXPECT_GE(t.begin, previousEnd);
        EXPECT_LT(t.sentence, s.sentences.size());
        previousEnd = t.end;
    }
    previousEnd = 0;
    for (const auto& x : s.sentences) {
        EXPECT_LE(x.begin, x.end);
        EXPECT_LE(x.end, text.size());
        EXPECT_GE(x.begin, previousEnd);
        EXPECT_LE(x.firstToken + x.tokenCount, s.tokens.size());
        previousEnd = x.end;
    }
}

const std::string kReplacement = "\xEF\xBF\xBD"; // U+FFFD

TEST(TextSegmenter, AsciiTokensAndSentencesCarryByteOffsets)
{
    TextSegmenter segmenter;
    const std::string text = "Hello world. How are you?";
    const auto s = segmenter.segment(text);
    EXPECT_TRUE(s.validUtf8);
    EXPECT_EQ(tokensOf(s), (std::vector<std::string>{"hello [0,5) s0", "world [6,11) s0",
                                                     ". [11,12) s0 punct", "how [13,16) s1", "are [17,20) s1",
                                                     "you [21,24) s1", "? [24,25) s1 punct"}));
    EXPECT_EQ(sentencesOf(s), (std::vector<std::string>{"[0,12) tokens 0+3", "[13,25) tokens 3+4 ?"}));
    EXPECT_EQ(s.wordCount(), 5u);
}

TEST(TextSegmenter, OffsetsCountBytesOfMultiByteCharacters)
{
    TextSegmenter segmenter;
    const std::string text = "Café au lait, plaît.";
    const auto s = segmenter.segment(text);
    EXPECT_TRUE(s.validUtf8);
    EXPECT_EQ(tokensOf(s),
              (std::vector<std::string>{"café [0,5) s0", "au [6,8) s0", "lait [9,13) s0",
                                        ", [13,14) s0 punct", "plaît [15,21) s0", ". [21,22) s0 punct"}));
    EXPECT_EQ(originalsOf(text, s), (std::vector<std::string>{"Café", "au", "lait", ",", "plaît", "."}));
    EXPECT_EQ(sentencesOf(s), (std::vector<std::string>{"[0,22) tokens 0+6"}));
}

TEST(TextSegmenter, EmojiAreTokensButNotWords)
{
    TextSegmenter segmenter;
    const std::string text = "call them 🙂 now 👍🏽";
    const auto s = segmenter.segment(text);
    // 🙂 is 4 bytes; 👍🏽 (thumbs up + skin tone modifier) is 8 bytes and one token.
    EXPECT_EQ(tokensOf(s),
              (std::vector<std::string>{"call [0,4) s0", "them [5,9) s0", "🙂 [10,14) s0 punct",
                                        "now [15,18) s0", "👍🏽 [19,27) s0 punct"}));
    EXPECT_EQ(s.wordCount(), 3u);
}

TEST(TextSegmenter, CjkWordsAndSentencesKeepByteOffsets)
{
    TextSegmenter segmenter;
    const std::string text = "東京に行きます。Ok?";
    const auto s = segmenter.segment(text);
    EXPECT_EQ(tokensOf(s),
              (std::vector<std::string>{"東京 [0,6) s0", "に [6,9) s0", "行き [9,15) s0", "ます [15,21) s0",
                                        "。 [21,24) s0 punct", "ok [24,26) s1", "? [26,27) s1 punct"}));
    EXPECT_EQ(sentencesOf(s), (std::vector<std::string>{"[0,24) tokens 0+5", "[24,27) tokens 5+2 ?"}));
}

TEST(TextSegmenter, CurlyQuotesFoldToStraightOnesAndKeepTheirThreeBytes)
{
    TextSegmenter segmenter;
    const std::string text = "I’ll say “no”.";
    const auto s = segmenter.segment(text);
    // ’ “ ” are 3 bytes each: the folded token is shorter than the span it points at.
    EXPECT_EQ(tokensOf(s),
              (std::vector<std::string>{"i'll [0,6) s0", "say [7,10) s0", "\" [11,14) s0 punct",
                                        "no [14,16) s0", "\" [16,19) s0 punct", ". [19,20) s0 punct"}));
    EXPECT_EQ(originalsOf(text, s), (std::vector<std::string>{"I’ll", "say", "“", "no", "”", "."}));
    // The same words typed with a straight apostrophe fold and stem identically.
    EXPECT_EQ(stemsOf(segmenter.segment("i'll say \"no\".")), stemsOf(s));
}

TEST(TextSegmenter, CaseFoldingIsFullUnicodeFolding)
{
    TextSegmenter segmenter;
    const auto s = segmenter.segment("STRASSE Straße İstanbul ÉTÉ");
    // ß folds to "ss"; İ (U+0130) folds, without Turkic rules, to i + U+0307 COMBINING DOT ABOVE.
    EXPECT_EQ(tokensOf(s), (std::vector<std::string>{"strasse [0,7) s0", "strasse [8,15) s0",
                                                     "i\xCC\x87stanbul [16,25) s0", "été [26,31) s0"}));
    EXPECT_EQ(s.tokens[0].stem, s.tokens[1].stem);
}

TEST(TextSegmenter, StemsAreSnowballEnglish)
{
    TextSegmenter segmenter;
    const auto s = segmenter.segment("Calling called calls recall");
    EXPECT_EQ(stemsOf(s), (std::vector<std::string>{"call", "call", "call", "recal"}));
    EXPECT_EQ(s.tokens[0].folded, "calling");
    // Punctuation is not stemmed: its stem is its folded form.
    EXPECT_EQ(stemsOf(segmenter.segment("Why?")), (std::vector<std::string>{"whi", "?"}));
}

TEST(TextSegmenter, QuestionsAreDetectedThroughTrailingSpacesQuotesAndBrackets)
{
    TextSegmenter segmenter;
    for (const std::string text : {"What happened?", "What happened?   ", "What happened?\"",
                                   "What happened?’ ", "What happened?)", "What happened？"}) {
        const auto s = segmenter.segment(text);
        ASSERT_EQ(s.sentences.size(), 1u) << text;
        EXPECT_TRUE(s.sentences[0].question) << text;
    }
    for (const std::string text : {"What happened.", "What happened", "What? No.", "\"What?\" she said."}) {
        const auto s = segmenter.segment(text);
        ASSERT_FALSE(s.sentences.empty()) << text;
        EXPECT_FALSE(s.sentences.back().question) << text;
    }
    EXPECT_EQ(sentencesOf(segmenter.segment("\"What?\" she said.")),
              (std::vector<std::string>{"[0,7) tokens 0+4 ?", "[8,17) tokens 4+3"}));
}

TEST(TextSegmenter, SentenceSpansExcludeLeadingAndTrailingWhiteSpace)
{
    TextSegmenter segmenter;
    const std::string text = "  Hi there. What? Why?  ";
    const auto s = segmenter.segment(text);
    EXPECT_EQ(sentencesOf(s), (std::vector<std::string>{"[2,11) tokens 0+3", "[12,17) tokens 3+2 ?",
                                                        "[18,22) tokens 5+2 ?"}));
    EXPECT_EQ(tokensOf(s).front(), "hi [2,4) s0");
}

TEST(TextSegmenter, TextWithoutPunctuationIsOneSentenceAndLineBreaksEndSentences)
{
    TextSegmenter segmenter;
    EXPECT_EQ(sentencesOf(segmenter.segment("no punctuation here")),
              (std::vector<std::string>{"[0,19) tokens 0+3"}));
    EXPECT_EQ(sentencesOf(segmenter.segment("first bit\nsecond bit")),
              (std::vector<std::string>{"[0,9) tokens 0+2", "[10,20) tokens 2+2"}));
}

TEST(TextSegmenter, InvalidUtf8BecomesReplacementCharactersWithOffsetsInTheText)
{
    TextSegmenter segmenter;
    {
        const std::string text = "ab\xFF"
                                 "cd ef";
        const auto s = segmenter.segment(text);
        EXPECT_FALSE(s.validUtf8);
        EXPECT_EQ(tokensOf(s), (std::vector<std::string>{"ab [0,2) s0", kReplacement + " [2,3) s0 punct",
                                                         "cd [3,5) s0", "ef [6,8) s0"}));
        expectWellFormed(text, s);
    }
    {
        const std::string text = "\xE2\x82"; // a 3-byte sequence cut short at the end
        const auto s = segmenter.segment(text);
        EXPECT_FALSE(s.validUtf8);
        EXPECT_EQ(tokensOf(s), (std::vector<std::string>{kReplacement + " [0,2) s0 punct"}));
        EXPECT_EQ(s.wordCount(), 0u);
    }
    {
        const std::string text = "x\xC0\xAFy"; // an overlong '/'
        const auto s = segmenter.segment(text);
        EXPECT_FALSE(s.validUtf8);
        EXPECT_EQ(tokensOf(s), (std::vector<std::string>{"x [0,1) s0", kReplacement + " [1,2) s0 punct",
                                                         kReplacement + " [2,3) s0 punct", "y [3,4) s0"}));
    }
    for (const std::string& text : {std::string("\xED\xA0\x80 surrogate"), std::string("caf\xE9 latin-1"),
                                    std::string("\x80\x80\x80"), std::string("what?\xF0\x9F\x99")}) {
        const auto s = segmenter.segment(text);
        EXPECT_FALSE(s.validUtf8);
        expectWellFormed(text, s);
    }
}

TEST(TextSegmenter, EmptyAndWhiteSpaceOnlyTextHaveNoTokens)
{
    TextSegmenter segmenter;
    const auto empty = segmenter.segment("");
    EXPECT_TRUE(empty.validUtf8);
    EXPECT_TRUE(empty.tokens.empty());
    EXPECT_TRUE(empty.sentences.empty());

    const auto blank = segmenter.segment(" \t  \n ");
    EXPECT_TRUE(blank.validUtf8);
    EXPECT_TRUE(blank.tokens.empty());
    EXPECT_EQ(blank.wordCount(), 0u);
    for (const auto& x : blank.sentences) {
        EXPECT_EQ(x.tokenCount, 0u);
        EXPECT_EQ(x.begin, x.end);
        EXPECT_FALSE(x.question);
    }
}

TEST(TextSegmenter, HundredKilobytesSegmentCompletely)
{
    TextSegmenter segmenter;
    const std::string unit = "Let me call them about the proposal, OK? "; // 8 words, 41 bytes
    std::string text;
    while (text.size() + unit.size() <= 100 * 1024)
        text += unit;
    const std::size_t units = text.size() / unit.size();
    ASSERT_EQ(units, 2497u);
    const auto s = segmenter.segment(text);
    EXPECT_TRUE(s.validUtf8);
    EXPECT_EQ(s.wordCount(), units * 8);
    EXPECT_EQ(s.tokens.size(), units * 10);
    ASSERT_EQ(s.sentences.size(), units);
    EXPECT_EQ(s.sentences.back().begin, text.size() - unit.size());
    EXPECT_EQ(s.sentences.back().end, text.size() - 1);
    EXPECT_TRUE(s.sentences.back().question);
    EXPECT_EQ(s.tokens.back().sentence, units - 1);
    expectWellFormed(text, s);
}

TEST(TextSegmenter, ReuseGivesTheSameResultAsAFreshSegmenter)
{
    TextSegmenter used;
    (void)used.segment(std::string(5000, 'x') + " \xFF? Long text first.");
    const std::string text = "Short, é?";
    TextSegmenter fresh;
    const auto a = used.segment(text);
    const auto b = fresh.segment(text);
    EXPECT_EQ(tokensOf(a), tokensOf(b));
    EXPECT_EQ(sentencesOf(a), sentencesOf(b));
    EXPECT_EQ(a.validUtf8, b.validUtf8);
    EXPECT_TRUE(a.validUtf8);
    EXPECT_EQ(tokensOf(a), (std::vector<std::string>{"short [0,5) s0", ", [5,6) s0 punct", "é [7,9) s0",
                                                     "? [9,10) s0 punct"}));
}

TEST(TextSegmenter, TokensOfAPhraseAreTheSegmentTokens)
{
    TextSegmenter segmenter;
    const auto tokens = segmenter.tokens("Calling THEM");
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].stem, "call");
    EXPECT_EQ(tokens[1].folded, "them");
    EXPECT_EQ(tokens[1].begin, 8u);
    EXPECT_EQ(tokens[1].end, 12u);
}

} // namespace
} // namespace sparring::core
