// Reading a turn as speech: which words carry no act (hesitations, backchannels, stutters, the
// abandoned start of a repair, a closing check) and that setting them aside keeps every token
// and its span, so evidence still points into the trainee's own text.

#include "SpokenTurn.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace sparring::test {
namespace {

using scoring::readSpokenTurn;
using scoring::SpokenTurn;
using scoring::WordRole;

class SpokenTurnTest : public ::testing::Test {
protected:
    core::TextSegmenter segmenter;

    /// The words kept, joined by spaces ("what happened").
    std::string keptText(std::string_view text)
    {
        const auto seg = segmenter.segment(text);
        const SpokenTurn turn = readSpokenTurn(seg);
        std::string out;
        for (std::size_t i = 0; i < seg.tokens.size(); ++i)
            if (seg.tokens[i].isWord && turn.kept(i))
                out += (out.empty() ? "" : " ") + seg.tokens[i].folded;
        return out;
    }

    /// The role of the first token whose text is `word` (case-folded).
    WordRole roleOf(std::string_view text, std::string_view word, std::size_t occurrence = 0)
    {
        const auto seg = segmenter.segment(text);
        const SpokenTurn turn = readSpokenTurn(seg);
        for (std::size_t i = 0; i < seg.tokens.size(); ++i)
            if (seg.tokens[i].folded == word && occurrence-- == 0)
                return turn.roles[i];
        ADD_FAILURE() << "no '" << word << "' in " << text;
        return WordRole::Kept;
    }
};

TEST_F(SpokenTurnTest, WrittenTextKeepsEveryWord)
{
    EXPECT_EQ(keptText("What happened on the call with the CFO?"), "what happened on the call with the cfo");
    const auto seg = segmenter.segment("So you emailed her twice.");
    const auto turn = readSpokenTurn(seg);
    EXPECT_EQ(turn.setAside, 0U);
    EXPECT_FALSE(turn.opensWithBackchannel);
    EXPECT_EQ(turn.content.size(), 1U);
}

TEST_F(SpokenTurnTest, BackchannelsAndHesitationsOpeningATurnCarryNoAct)
{
    EXPECT_EQ(keptText("Mm-hmm. Right. So, um, what happened after that"), "so what happened after that");
    EXPECT_EQ(roleOf("Mm-hmm. Right. So what happened", "right"), WordRole::Backchannel);
    EXPECT_EQ(roleOf("Okay so, uh, what happened", "uh"), WordRole::Hesitation);
    const auto seg = segmenter.segment("Yeah, yeah. Okay so what did she say?");
    const auto turn = readSpokenTurn(seg);
    EXPECT_TRUE(turn.opensWithBackchannel);
    ASSERT_EQ(turn.content.size(), 1U);
    EXPECT_EQ(turn.content.front(), 1U) << "the first sentence is only backchannel";
}

TEST_F(SpokenTurnTest, ATurnOfOnlyBackchannelsHasNoContent)
{
    for (const char* text : {"Mm-hmm.", "Yeah, yeah. Okay.", "Right, I see.", "Uh-huh. Got it."}) {
        const auto seg = segmenter.segment(text);
        EXPECT_TRUE(readSpokenTurn(seg).content.empty()) << text;
    }
}

TEST_F(SpokenTurnTest, OpeningWordsThatBelongToWhatFollowsAreKept)
{
    EXPECT_EQ(keptText("Right now the deal is stuck"), "right now the deal is stuck");
    EXPECT_EQ(keptText("Well done on the demo"), "well done on the demo");
}

TEST_F(SpokenTurnTest, FillerYouKnowAndIMeanAreSetAsideButTheVerbsAreNot)
{
    EXPECT_EQ(keptText("It was, you know, a long week"), "it was a long week");
    EXPECT_EQ(keptText("I mean, she never called back"), "she never called back");
    EXPECT_EQ(keptText("Do you know what she said"), "do you know what she said");
    EXPECT_EQ(keptText("You know the CFO better than I do"), "you know the cfo better than i do");
    EXPECT_EQ(keptText("I mean it this time"), "i mean it this time");
    EXPECT_EQ(keptText("Be more consultative, you know what I mean"), "be more consultative");
}

TEST_F(SpokenTurnTest, StuttersKeepOneCopy)
{
    EXPECT_EQ(keptText("I, I think we-we could try"), "i think we could try");
    EXPECT_EQ(keptText("it was- it was the price"), "it was the price");
    EXPECT_EQ(roleOf("we-we could", "we", 0), WordRole::Repeat);
    EXPECT_EQ(roleOf("we-we could", "we", 1), WordRole::Kept);
    EXPECT_EQ(keptText("that was really really hard"), "that was really really hard")
        << "intensifiers repeat on purpose";
}

TEST_F(SpokenTurnTest, TheAbandonedStartOfARepairIsSetAside)
{
    EXPECT_EQ(keptText("what did-- how did that feel"), "how did that feel");
    EXPECT_EQ(roleOf("what did-- how did that feel", "did", 0), WordRole::Abandoned);
    EXPECT_EQ(keptText("We'll do a follow-up next week"), "we'll do a follow up next week")
        << "a compound's hyphen is not a break";
    EXPECT_EQ(keptText("The renewal, the big one we talked about last month - it slipped"),
              "the renewal the big one we talked about last month it slipped")
        << "a long stretch before a dash is an aside, not an abandoned start";
}

TEST_F(SpokenTurnTest, ATurnEndingInADashWasCutOff)
{
    const auto seg = segmenter.segment("So you'd rather wait until the--");
    const auto turn = readSpokenTurn(seg);
    EXPECT_TRUE(turn.cutOff);
    EXPECT_EQ(keptText("So you'd rather wait until the--"), "so you'd rather wait until the");
}

TEST_F(SpokenTurnTest, AClosingCheckIsSetAsideSoTheTurnIsReadByWhatItChecks)
{
    const std::string input =
        "The guideline is fourteen units a week, spread over three days or more. What do you make of that?";
    EXPECT_EQ(keptText(input), "the guideline is fourteen units a week spread over three days or more");
    const auto seg = segmenter.segment(input);
    EXPECT_TRUE(readSpokenTurn(seg).closingCheck);
    EXPECT_EQ(roleOf("So the pilot slipped twice. Is that right?", "right"), WordRole::Check);
    // Alone, or after nothing else, it is the question itself.
    EXPECT_EQ(keptText("What do you make of that?"), "what do you make of that");
    EXPECT_EQ(keptText("Mm-hmm. What do you make of that?"), "what do you make of that");
    // A real question asking for something new is not a check.
    EXPECT_EQ(keptText("That sounds rough. What happened next?"), "that sounds rough what happened next");
}

TEST_F(SpokenTurnTest, EveryTokenKeepsItsSpanAndARole)
{
    const std::string text = "Um, so, so you're saying-- you felt ambushed?";
    const auto seg = segmenter.segment(text);
    const auto turn = readSpokenTurn(seg);
    ASSERT_EQ(turn.roles.size(), seg.tokens.size());
    for (const auto& token : seg.tokens)
        EXPECT_LE(token.end, text.size());
    EXPECT_EQ(keptText(text), "so you felt ambushed");
}

} // namespace
} // namespace sparring::test
