// Lexicon: phrases match whole words on Snowball stems, across punctuation, longest first at a
// position, from several lists at once, with the token positions of each match; a phrase in a
// clause that negates it is marked so (and does not count for containsPhrase).

#include "core/Lexicon.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sparring::core {
namespace {

/// Each match as "tag 'original text' first+count".
std::vector<std::string> matchesOf(const Lexicon& lexicon, TextSegmenter& segmenter, const std::string& text)
{
    const auto seg = segmenter.segment(text);
    std::vector<std::string> out;
    for (const auto& m : lexicon.find(seg)) {
        const auto begin = seg.tokens[m.firstToken].begin;
        const auto end = seg.tokens[m.firstToken + m.tokenCount - 1].end;
        out.push_back(lexicon.lists()[m.list].tag + " '" + text.substr(begin, end - begin) + "' " +
                      std::to_string(m.firstToken) + "+" + std::to_string(m.tokenCount));
    }
    return out;
}

class LexiconTest : public ::testing::Test {
protected:
    TextSegmenter m_segmenter;
    Lexicon m_lexicon{{{"takeover", "", {"call them", "let me call them", "I'll handle"}},
                       {"filler", "", {"um", "you know"}},
                       {"framework_term:economic_buyer", "economic buyer", {"economic buyer", "signs off"}},
                       {"question_mark", "", {"right?"}}},
                      m_segmenter};

    std::vector<std::string> matches(const std::string& text)
    {
        return matchesOf(m_lexicon, m_segmenter, text);
    }
};

TEST_F(LexiconTest, SingleWordPhrase)
{
    EXPECT_EQ(matches("Um, I think so."), (std::vector<std::string>{"filler 'Um' 0+1"}));
}

TEST_F(LexiconTest, MultiWordPhrase)
{
    EXPECT_EQ(matches("Have you met the Economic Buyer yet?"),
              (std::vector<std::string>{"framework_term:economic_buyer 'Economic Buyer' 4+2"}));
}

TEST_F(LexiconTest, PhrasesMatchOnStems)
{
    EXPECT_EQ(matches("I was calling them yesterday"),
              (std::vector<std::string>{"takeover 'calling them' 2+2"}));
    EXPECT_EQ(matches("She called them."), (std::vector<std::string>{"takeover 'called them' 1+2"}));
    EXPECT_EQ(matches("Who signed off?"),
              (std::vector<std::string>{"framework_term:economic_buyer 'signed off' 1+2"}));
}

TEST_F(LexiconTest, PunctuationBetweenWordsIsSkippedAndCountedInTheMatch)
{
    EXPECT_EQ(matches("call, them"), (std::vector<std::string>{"takeover 'call, them' 0+3"}));
    EXPECT_EQ(matches("you... know"), (std::vector<std::string>{"filler 'you... know' 0+5"}));
    // A curly apostrophe matches the straight one of the phrase.
    EXPECT_EQ(matches("I’ll handle it"), (std::vector<std::string>{"takeover 'I’ll handle' 0+2"}));
}

TEST_F(LexiconTest, PartialWordsNeverMatch)
{
    EXPECT_TRUE(matches("recall them").empty());
    EXPECT_TRUE(matches("call themselves").empty());
    EXPECT_TRUE(matches("callthem").empty());
    EXPECT_TRUE(matches("an umbrella, yours now").empty());
    EXPECT_TRUE(matches("call").empty()); // the phrase runs past the end of the text
}

TEST_F(LexiconTest, LongestMatchComesFirstAtAPosition)
{
    TextSegmenter segmenter;
    const Lexicon lexicon({{"takeover", "", {"let me", "let me call them", "call them"}}}, segmenter);
    EXPECT_EQ(matchesOf(lexicon, segmenter, "Let me call them."),
              (std::vector<std::string>{"takeover 'Let me call them' 0+4", "takeover 'Let me' 0+2",
                                        "takeover 'call them' 2+2"}));
}

TEST_F(LexiconTest, SeveralListsMatchInTextOrder)
{
    EXPECT_EQ(matches("Um, let me call them, the economic buyer, you know?"),
              (std::vector<std::string>{
                  "filler 'Um' 0+1", "takeover 'let me call them' 2+4", "takeover 'call them' 4+2",
                  "framework_term:economic_buyer 'economic buyer' 8+2", "filler 'you know' 11+2"}));
}

TEST_F(LexiconTest, EveryOccurrenceIsFound)
{
    EXPECT_EQ(matches("um um. Um?"),
              (std::vector<std::string>{"filler 'um' 0+1", "filler 'um' 1+1", "filler 'Um' 3+1"}));
}

TEST_F(LexiconTest, QuestionMarksArePartOfPhrases)
{
    EXPECT_EQ(matches("That's the plan, right?"), (std::vector<std::string>{"question_mark 'right?' 4+2"}));
    EXPECT_TRUE(matches("That's right.").empty());
}

TEST(Lexicon, PhrasesWithoutWordsAndEmptyTextMatchNothing)
{
    TextSegmenter segmenter;
    const Lexicon lexicon({{"noise", "", {"", "!!", "..."}}}, segmenter);
    EXPECT_TRUE(matchesOf(lexicon, segmenter, "Wow!! ... really").empty());
    EXPECT_TRUE(matchesOf(lexicon, segmenter, "").empty());
    EXPECT_EQ(lexicon.lists().size(), 1u);
    EXPECT_EQ(lexicon.lists()[0].phrases.size(), 3u);
    EXPECT_TRUE(Lexicon().find(segmenter.segment("anything")).empty());
}

/// Whether `phrase` is found in `text` by the one rule routes use.
bool says(TextSegmenter& segmenter, const std::string& text, const std::string& phrase)
{
    return containsPhrase(segmenter.segment(text), phraseStems(segmenter, phrase));
}

TEST(Lexicon, ANegatedClauseDoesNotSayThePhrase)
{
    TextSegmenter s;
    EXPECT_TRUE(says(s, "I'll call her this afternoon.", "call her"));
    EXPECT_FALSE(says(s, "I won't call her.", "call her"));
    EXPECT_FALSE(says(s, "I'm not going to call her for you.", "call her"));
    EXPECT_FALSE(says(s, "i dont want to call her", "call her"));
    EXPECT_FALSE(says(s, "Never call her before you know what she needs.", "call her"));
    // The negation reaches only within its clause and a few words back.
    EXPECT_TRUE(says(s, "I'm not worried, I'll call her.", "call her"));
    EXPECT_TRUE(says(s, "No, but I'll call her.", "call her"));
    EXPECT_TRUE(says(s, "Not today. Tomorrow I'll call her.", "call her"));
    EXPECT_TRUE(says(s, "I don't mind at all if in the end we just call her", "call her"));
    // A negation inside the phrase itself is the phrase, not a negation of it.
    EXPECT_TRUE(says(s, "Why didn't you tell me?", "why didn't you"));
}

TEST_F(LexiconTest, MatchesInANegatedClauseAreMarked)
{
    const auto seg = m_segmenter.segment("I won't call them, but I'll handle it.");
    const auto found = m_lexicon.find(seg);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_TRUE(found[0].negated);  // won't call them
    EXPECT_FALSE(found[1].negated); // I'll handle: a new clause after "but"
}

} // namespace
} // namespace sparring::core
