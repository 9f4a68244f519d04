// The expert's path beside the trainee's: the best option by authored evidence, model answers at
// free-text prompts, "missed" exactly where the trainee's evidence is lower, and rendering.

#include "scoring/ExpertPath.hpp"
#include "TestSupport.hpp"
#include "runtime/Session.hpp"

#include <gtest/gtest.h>

namespace sparring::test {
namespace {

const std::string kScenario = std::string(kFramework) + R"(scenario: {id: x, title: X, kind: roleplay}
cast:
  - {id: sam, name: Sam}
variables:
  deal: {type: string, initial: Halvorsen}
start: open
nodes:
  open:
    type: choice
    prompt: "Sam is at your desk about {deal}."
    options:
      - {text: "I'll call them.", goto: ask, evidence: {own: -2}, feedback: Takes it over.}
      - {text: "What happened with {deal}?", goto: ask, evidence: {ask: 2}, feedback: Asks first.}
      - {text: "What's your plan?", goto: ask, evidence: {ask: 1, own: 1}, feedback: Also good.}
  ask:
    type: respond
    prompt: What do you say?
    model_answer: "So the CFO went quiet after pricing?"
    routes:
      - {label: reflect, match: {any: [so]}, goto: done, evidence: {ask: 1}, feedback: A reflection.}
    otherwise: {goto: done}
  done: {type: end, outcome: good, debrief: Done.}
)";

TEST(ExpertPath, TheBestOptionAndTheModelAnswerAreBesideTheTrainees)
{
    const auto scenario = mustLoad(kScenario);
    ASSERT_TRUE(scenario);
    runtime::Session session(scenario);
    ASSERT_TRUE(session.choose(1).accepted()); // the takeover: -2
    ASSERT_TRUE(session.respond("so the CFO is quiet").accepted());
    const auto path = scoring::expertPath(*scenario, session.transcript());
    ASSERT_EQ(path.size(), 2u);

    EXPECT_EQ(path[0].yours, "I'll call them.");
    EXPECT_EQ(path[0].yourTotal, -2);
    // Options 2 and 3 both total 2: the first in authored order is the expert's.
    EXPECT_EQ(path[0].expert, "What happened with {deal}?");
    EXPECT_EQ(path[0].expertTotal, 2);
    EXPECT_EQ(path[0].expertWhy, "Asks first.");
    EXPECT_TRUE(path[0].missed);
    EXPECT_EQ(path[0].prompt, "Sam is at your desk about {deal}.");

    EXPECT_EQ(path[1].expert, "So the CFO went quiet after pricing?");
    EXPECT_EQ(path[1].yourTotal, 1);
    EXPECT_EQ(path[1].expertTotal, 1);
    EXPECT_FALSE(path[1].missed);
    EXPECT_EQ(path[0].entry, 0u); // the transcript: the choice, the response, the end
    EXPECT_EQ(path[1].entry, 1u);
}

TEST(ExpertPath, MatchingTheExpertIsNotMissedAndTextsAreRenderedWhenAsked)
{
    const auto scenario = mustLoad(kScenario);
    ASSERT_TRUE(scenario);
    runtime::Session session(scenario);
    ASSERT_TRUE(session.choose(2).accepted());
    ASSERT_TRUE(session.respond("no idea").accepted()); // otherwise: 0, below the route's 1
    const auto path = scoring::expertPath(*scenario, session.transcript(),
                                          [&](const core::TextTemplate& t) { return session.render(t); });
    ASSERT_EQ(path.size(), 2u);
    EXPECT_FALSE(path[0].missed);
    EXPECT_EQ(path[0].expert, "What happened with Halvorsen?");
    EXPECT_EQ(path[0].yours, path[0].expert);
    EXPECT_EQ(path[0].prompt, "Sam is at your desk about Halvorsen.");
    EXPECT_TRUE(path[1].missed);
    EXPECT_EQ(path[1].expertWhy, "A reflection.");
}

TEST(ExpertPath, DecisionsFromAnotherVersionOfTheScenarioAreSkipped)
{
    const auto scenario = mustLoad(kScenario);
    ASSERT_TRUE(scenario);
    runtime::PickedOption stale;
    stale.nodeId = "gone";
    EXPECT_TRUE(scoring::expertPath(*scenario, {runtime::TranscriptEntry(stale)}).empty());
}

} // namespace
} // namespace sparring::test
