// Session scorecards: principle scores from authored evidence and from what free text does,
// traced to the transcript entries; questions, reflections per question, talk share, advice
// after asking first.

#include "scoring/Scorecard.hpp"
#include "TestSupport.hpp"
#include "scoring/Analyser.hpp"

#include <gtest/gtest.h>

namespace sparring::test {
namespace {

using namespace scoring;
using runtime::TranscriptEntry;

const std::string kScenario = std::string(R"(framework:
  id: test
  name: Test framework
  principles:
    - {id: ask, name: Ask, description: Ask first.}
    - {id: own, name: Own, description: Rep owns it.}
  scoring:
    open_question: {ask: 1}
    takeover: {own: -3}
scenario: {id: s, title: S, kind: roleplay}
cast: [{id: rep, name: Rep}]
start: e
nodes:
  e: {type: end, outcome: good, debrief: x}
)");

TranscriptEntry line(const std::string& text)
{
    return runtime::SpokenLine{"n", "Rep", text};
}

TranscriptEntry picked(const std::string& text, std::vector<runtime::EvidenceItem> evidence = {})
{
    runtime::PickedOption e;
    e.text = text;
    e.evidence = std::move(evidence);
    e.option = 1;
    return e;
}

TranscriptEntry typed(const std::string& text)
{
    runtime::TypedAnswer e;
    e.text = text;
    return e;
}

TEST(Scorecard, ScoresAndMeasuresAreTracedToTheirTurns)
{
    const auto scenario = mustLoad(kScenario);
    ASSERT_TRUE(scenario);
    const Analyser analyser(modelDirectory(), scoring::phraseListsOf(scenario->framework));
    const std::vector<TranscriptEntry> transcript{
        line("Can you just call their CFO for me please"),         // 0: 9 words
        picked("What happened on the call?", {{"ask", 2}}),        // 1
        line("She went quiet after pricing"),                      // 2: 5 words
        typed("Let me call them for you, forward me the thread."), // 3
    };
    const auto card = buildScorecard(*scenario, transcript, analyser);
    ASSERT_EQ(card.principles.size(), 2u);
    EXPECT_EQ(card.principles[0].principle, "ask");
    EXPECT_DOUBLE_EQ(card.principles[0].score,
                     2.0); // authored option evidence only: options are not re-scored
    EXPECT_EQ(card.principles[0].traces, (std::vector<Trace>{{1, "option evidence", 2.0}}));
    EXPECT_DOUBLE_EQ(card.principles[1].score, -3.0); // the takeover detected in free text
    ASSERT_EQ(card.principles[1].traces.size(), 1u);
    EXPECT_EQ(card.principles[1].traces[0].entry, 3u);
    EXPECT_EQ(card.principles[1].traces[0].source, "tag takeover");

    EXPECT_EQ(card.speech.questions.value, 1);
    EXPECT_EQ(card.speech.questions.entries, (std::vector<std::size_t>{1}));
    EXPECT_EQ(card.speech.statements.entries, (std::vector<std::size_t>{3}));
    EXPECT_DOUBLE_EQ(card.speech.reflectionsPerQuestion.value, 0.0);
    // Trainee: 5 + 10 words; others: 9 + 5 words.
    const double trainee = 5 + 10, others = 9 + 5;
    EXPECT_DOUBLE_EQ(card.speech.traineeShareOfWords.value, trainee / (trainee + others));
    EXPECT_EQ(card.speech.adviceGiven.entries, (std::vector<std::size_t>{3}));
    EXPECT_EQ(card.speech.adviceAfterAskingFirst.value, 0); // the rep spoke in between
}

TEST(Scorecard, AdviceAfterAQuestionInTheSameTopicCountsAsAskedFirst)
{
    const auto scenario = mustLoad(kScenario);
    const Analyser analyser(modelDirectory(), scoring::phraseListsOf(scenario->framework));
    const std::vector<TranscriptEntry> transcript{
        line("I don't know what to do about the CFO"),
        typed("What have you tried so far?"),
        typed("You should send her the payback numbers before Friday."),
    };
    const auto card = buildScorecard(*scenario, transcript, analyser);
    EXPECT_EQ(card.speech.adviceGiven.entries, (std::vector<std::size_t>{2}));
    EXPECT_EQ(card.speech.adviceAfterAskingFirst.entries, (std::vector<std::size_t>{2}));
}

} // namespace
} // namespace sparring::test
