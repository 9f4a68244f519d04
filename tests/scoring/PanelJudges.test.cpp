// The panel as judges: each expert's verdict follows from their position on the round and the
// commitments of the answer (never from principle weights), their line speaks to the commitment
// that decided it and quotes the answer where authored, and no expert repeats a line in a session.

#include "scoring/PanelJudges.hpp"
#include "TestSupport.hpp"

#include "runtime/Session.hpp"

#include <gtest/gtest.h>

namespace sparring::test {
namespace {

using namespace scoring;

// Two rounds. Asha welcomes deals and resists a workshop; Omar the reverse; Quinn holds a view
// only on pilots. The second round reuses Asha's line for deals as an alternative list.
const std::string kPanel = std::string(R"(scenario: {id: p, title: P, kind: panel}
moderator: chair
cast:
  - {id: chair, name: Chair}
  - {id: asker, name: Asha, viewpoint: Deals first.}
  - {id: owner, name: Omar, viewpoint: Skills first.}
  - {id: quiet, name: Quinn, viewpoint: Pilots first.}
commitments:
  deals: live deals
  workshop: a workshop
  pilot: a pilot
start: one
nodes:
  one:
    type: choice
    positions:
      owner:
        stance: Skills first.
        welcomes: {workshop: "A workshop, yes."}
        resists: {deals: "Deals again."}
        unmoved: "Omar is unmoved."
      asker:
        stance: Deals first.
        welcomes: {deals: ["'{said}', good.", "Deals, still good."]}
        resists: {workshop: "No workshop."}
        unmoved: "Asha is unmoved."
      quiet:
        stance: Pilots first.
        welcomes: {pilot: "A pilot."}
        unmoved: "Nothing about pilots."
    options:
      - {text: "Live deals, every week. Starting Monday.", goto: two, commits: [deals]}
      - {text: "Deals and a workshop.", goto: two, commits: [deals, workshop]}
      - {text: "Nothing in particular.", goto: two}
  two:
    type: respond
    prompt: Again?
    positions:
      asker:
        stance: Still deals.
        welcomes: {deals: ["'{said}', good.", "Deals, still good."]}
        unmoved: "Asha is still unmoved."
    routes:
      - {label: deals, match: {any: [deal]}, goto: e, commits: [deals]}
    otherwise: {goto: e}
  e: {type: end, outcome: good, debrief: "You said {recap}."}
)") + kFramework;

struct Played {
    std::shared_ptr<const core::Scenario> scenario;
    std::vector<runtime::TranscriptEntry> transcript;
};

Played play(std::size_t option, const std::string& typed)
{
    Played p{mustLoad(kPanel), {}};
    runtime::Session session(p.scenario);
    EXPECT_TRUE(session.choose(option).result);
    EXPECT_TRUE(session.respond(typed).result);
    p.transcript = session.transcript();
    return p;
}

std::vector<Reaction> reactionsTo(const Played& p, std::size_t decision)
{
    const auto all = judgeTranscript(*p.scenario, p.transcript);
    std::size_t seen = 0;
    for (std::size_t i = 0; i < p.transcript.size(); ++i)
        if (runtime::decisionOf(p.transcript[i]) && seen++ == decision)
            return all[i];
    ADD_FAILURE() << "no decision " << decision;
    return {};
}

TEST(PanelJudges, EachExpertJudgesTheCommitmentsByTheirOwnPosition)
{
    const auto p = play(1, "fine");
    const auto reactions = reactionsTo(p, 0);
    ASSERT_EQ(reactions.size(), 3u); // cast order, whatever the order the round lists them in
    EXPECT_EQ(reactions[0].expertId, "asker");
    EXPECT_EQ(reactions[0].verdict, Verdict::Agree);
    EXPECT_EQ(reactions[0].welcomed, (std::vector<std::string>{"deals"}));
    EXPECT_EQ(reactions[0].stance, "Deals first.");
    EXPECT_EQ(reactions[1].expertId, "owner");
    EXPECT_EQ(reactions[1].verdict, Verdict::Disagree);
    EXPECT_EQ(reactions[1].line, "Deals again.");
    EXPECT_EQ(reactions[2].verdict, Verdict::Mixed); // no view on deals
    EXPECT_EQ(reactions[2].line, "Nothing about pilots.");
}

TEST(PanelJudges, ASplitAnswerDrawsBothLinesAndAMixedVerdict)
{
    const auto reactions = reactionsTo(play(2, "fine"), 0);
    EXPECT_EQ(reactions[0].verdict, Verdict::Mixed);
    EXPECT_EQ(reactions[0].line, "'Deals and a workshop', good. No workshop.");
    EXPECT_EQ(reactions[1].verdict, Verdict::Mixed);
    EXPECT_EQ(reactions[1].line, "A workshop, yes. Deals again.");
}

TEST(PanelJudges, AnAnswerThatCommitsToNothingLeavesEveryoneUnmoved)
{
    const auto reactions = reactionsTo(play(3, "fine"), 0);
    for (const auto& r : reactions)
        EXPECT_EQ(r.verdict, Verdict::Mixed) << r.expertId;
    EXPECT_EQ(reactions[0].line, "Asha is unmoved.");
    EXPECT_EQ(reactions[1].line, "Omar is unmoved.");
}

TEST(PanelJudges, LinesQuoteTheAnswerAndAreNeverRepeatedInASession)
{
    const auto p = play(1, "We keep working the deal, together.");
    const auto first = reactionsTo(p, 0);
    EXPECT_EQ(first[0].line, "'Live deals, every week', good.");
    // The typed answer commits to deals again: Asha moves on to her next alternative.
    const auto second = reactionsTo(p, 1);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].verdict, Verdict::Agree);
    EXPECT_EQ(second[0].line, "Deals, still good.");
}

TEST(PanelJudges, OnceEveryAlternativeIsSaidTheVerdictStandsWithoutALine)
{
    const auto p = play(1, "The deal.");
    // Round one took "'{said}', good."; round two "Deals, still good.". Judge round two again as
    // if it came a third time: nothing left to say, but still an agreement.
    auto transcript = p.transcript;
    transcript.push_back(transcript[transcript.size() - 2]); // the typed answer, once more
    const auto all = judgeTranscript(*p.scenario, transcript);
    ASSERT_EQ(all.back().size(), 1u);
    EXPECT_EQ(all.back()[0].verdict, Verdict::Agree);
    EXPECT_EQ(all.back()[0].line, "");
}

TEST(PanelJudges, RecapNamesOnlyWhatWasCommitted)
{
    const auto scenario = mustLoad(kPanel);
    runtime::Session session(scenario);
    ASSERT_TRUE(session.choose(2).result);
    ASSERT_TRUE(session.respond("the deal").result);
    const auto* end = std::get_if<runtime::EndEvent>(&session.current());
    ASSERT_TRUE(end);
    // Each answer's headline (its first commitment), once: the workshop was not the headline.
    EXPECT_EQ(end->debrief, "You said live deals.");

    runtime::Session silent(scenario);
    ASSERT_TRUE(silent.choose(3).result);
    ASSERT_TRUE(silent.respond("no idea").result);
    EXPECT_EQ(std::get<runtime::EndEvent>(silent.current()).debrief, "You said nothing specific yet.");
}

TEST(PanelJudges, RolePlaysHaveNoJudges)
{
    const auto scenario = loadShipped("takeover-late-stage");
    runtime::Session session(scenario);
    while (session.next()) {
    }
    ASSERT_TRUE(session.choose(1).result);
    for (const auto& reactions : judgeTranscript(*scenario, session.transcript()))
        EXPECT_TRUE(reactions.empty());
}

} // namespace
} // namespace sparring::test
