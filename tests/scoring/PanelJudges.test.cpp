// The panel as judges: verdicts by each expert's weights, lines by band and turn, the moderator
// and experts without reactions left out, and free-text evidence from the framework's scoring.

#include "scoring/PanelJudges.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

namespace sparring::test {
namespace {

using namespace scoring;

const std::string kPanel = std::string(R"(framework:
  id: test
  name: Test framework
  principles:
    - {id: ask, name: Ask, description: Ask first.}
    - {id: own, name: Own, description: Rep owns it.}
  scoring:
    open_question: {ask: 1}
    framework_term: {own: 0.5}
    takeover: {own: -3}
scenario: {id: p, title: P, kind: panel}
moderator: chair
cast:
  - {id: chair, name: Chair, reactions: {agree: [never shown]}}
  - id: asker
    name: Asha
    viewpoint: Ask first.
    weights: {ask: 1.0, own: 0.5}
    reactions: {agree: [A1, A2], mixed: [M1], disagree: [D1, D2, D3]}
  - id: owner
    name: Omar
    viewpoint: Let reps own it.
    weights: {ask: 0.2, own: 2.0}
    reactions: {agree: [OA], mixed: [OM], disagree: [OD]}
  - {id: quiet, name: Quinn, viewpoint: Says nothing.}
start: e
nodes:
  e: {type: end, outcome: good, debrief: x}
)");

TEST(PanelJudges, EachExpertWeighsTheSameAnswerDifferently)
{
    const auto scenario = mustLoad(kPanel);
    ASSERT_TRUE(scenario);
    const auto reactions = judgeAnswer(*scenario, {{"ask", 2.0}}, 0);
    ASSERT_EQ(reactions.size(), 2u); // the moderator and Quinn (no reactions) are left out
    EXPECT_EQ(reactions[0].expertName, "Asha");
    EXPECT_EQ(reactions[0].verdict, Verdict::Agree);
    EXPECT_DOUBLE_EQ(reactions[0].score, 2.0);
    EXPECT_EQ(reactions[0].line, "A1");
    EXPECT_EQ(reactions[1].expertName, "Omar");
    EXPECT_EQ(reactions[1].verdict, Verdict::Mixed); // 0.2 x 2 = 0.4
    EXPECT_DOUBLE_EQ(reactions[1].score, 0.4);
    EXPECT_EQ(reactions[1].line, "OM");
}

TEST(PanelJudges, BandsAndLinesFollowScoreAndTurn)
{
    const auto scenario = mustLoad(kPanel);
    const auto takeover = judgeAnswer(*scenario, {{"own", -3.0}}, 4);
    EXPECT_EQ(takeover[0].verdict, Verdict::Disagree); // 0.5 x -3 = -1.5
    EXPECT_EQ(takeover[0].line, "D2");                 // turn 4 of 3 lines
    EXPECT_EQ(takeover[1].verdict, Verdict::Disagree); // 2 x -3 = -6
    EXPECT_EQ(judgeAnswer(*scenario, {{"ask", 2.0}}, 1)[0].line, "A2");
    EXPECT_EQ(judgeAnswer(*scenario, {{"ask", 2.0}}, 2)[0].line, "A1");
    EXPECT_EQ(toString(Verdict::Agree), "agrees");
    EXPECT_EQ(toString(Verdict::Disagree), "disagrees");
}

TEST(PanelJudges, FreeTextEvidenceComesFromTheFrameworkScoring)
{
    const auto scenario = mustLoad(kPanel);
    Analysis analysis;
    analysis.act = core::Act::OpenQuestion;
    analysis.tags = {"framework_term:metrics", "framework_term:champion"};
    const auto evidence = answerEvidence(scenario->framework, {{"own", 1}}, &analysis);
    EXPECT_EQ(evidence, (std::vector<std::pair<std::string, double>>{{"own", 1.5}, {"ask", 1.0}}));
    EXPECT_EQ(answerEvidence(scenario->framework, {{"own", 1}}, nullptr),
              (std::vector<std::pair<std::string, double>>{{"own", 1.0}}));
    EXPECT_EQ(scoringLabels(analysis), (std::vector<std::string>{"framework_term", "open_question"}));
}

} // namespace
} // namespace sparring::test
