// The KPIs and the next drill, against numbers worked out by hand from their documented formulas
// (progress/Kpis.hpp, progress/NextDrill.hpp).

#include "progress/Kpis.hpp"
#include "SampleRecords.hpp"
#include "progress/NextDrill.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace sparring::test {
namespace {

using progress::Millis;

constexpr Millis kDay = 24LL * 60 * 60 * 1000;
constexpr Millis kNow = 1'796'644'000'000; // 2026-12-07, a Monday, 11:46 UTC

progress::SessionRecord session(const std::string& scenario, Millis ended, double score, std::size_t answers,
                                const std::string& outcome = "good")
{
    auto r = sampleRecord("Ana", ended - 10 * 60 * 1000, 0);
    r.ended = ended;
    r.scenarioId = scenario;
    r.scenarioTitle = scenario;
    r.finished = !outcome.empty();
    r.outcome = outcome;
    r.principles = {{"listen", "Listen and reflect", score, answers}};
    return r;
}

TEST(Kpis, SkillIsTheRecencyWeightedEvidencePerAnswer)
{
    // 14 days old (weight 1/2): +2 over 4 answers; today (weight 1): +9 over 3 answers.
    const std::vector<progress::SessionRecord> sessions{session("a", kNow - 14 * kDay, 2, 4),
                                                        session("b", kNow, 9, 3)};
    const auto k = progress::computeKpis(sessions, kNow);
    ASSERT_EQ(k.skills.size(), 1U);
    EXPECT_NEAR(k.skills[0].skill, (0.5 * 2 + 9) / (0.5 * 4 + 3), 1e-9); // 2.0
    EXPECT_EQ(k.skills[0].answers, 7U);
    EXPECT_EQ(k.skills[0].sessions, 2U);
    EXPECT_TRUE(k.skills[0].mastered);
    // The trend: after the first session its own 0.5 a answer; after the second, as above.
    ASSERT_EQ(k.skills[0].trend.size(), 2U);
    EXPECT_NEAR(k.skills[0].trend[0].second, 0.5, 1e-9);
    EXPECT_NEAR(k.skills[0].trend[1].second, 2.0, 1e-9);
}

TEST(Kpis, MasteryNeedsEnoughAnswersFromTwoSessions)
{
    const auto one = progress::computeKpis({session("a", kNow, 30, 10)}, kNow);
    EXPECT_FALSE(one.skills[0].mastered) << "one good session is not mastery";
    const auto few = progress::computeKpis({session("a", kNow, 6, 2), session("b", kNow, 6, 2)}, kNow);
    EXPECT_FALSE(few.skills[0].mastered) << "four answers are too few";
    const auto low = progress::computeKpis({session("a", kNow, 1, 4), session("b", kNow, 1, 4)}, kNow);
    EXPECT_FALSE(low.skills[0].mastered);
}

TEST(Kpis, MinutesCompletionAndAttempts)
{
    auto abandoned = session("a", kNow - 2 * kDay, -1, 1, "");
    abandoned.started = abandoned.ended - 5 * 60 * 1000;
    const std::vector<progress::SessionRecord> sessions{session("a", kNow - 3 * kDay, 1, 2, "poor"),
                                                        abandoned, session("a", kNow - kDay, 8, 4, "good"),
                                                        session("b", kNow, 3, 2, "mixed")};
    const auto k = progress::computeKpis(sessions, kNow);
    EXPECT_EQ(k.sessions, 4U);
    EXPECT_EQ(k.finished, 3U);
    EXPECT_NEAR(k.completionRate, 0.75, 1e-9);
    EXPECT_NEAR(k.minutes, 35, 1e-9);
    double weekly = 0;
    for (const auto& w : k.weeks) {
        weekly += w.minutes;
        EXPECT_EQ(progress::weekStart(w.weekStart), w.weekStart);
    }
    EXPECT_NEAR(weekly, 35, 1e-9);
    ASSERT_EQ(k.scenarios.size(), 2U);
    EXPECT_EQ(k.scenarios[0].scenarioId, "a");
    EXPECT_EQ(k.scenarios[0].attempts, 3U);
    EXPECT_EQ(k.scenarios[0].firstOutcome, "poor");
    EXPECT_EQ(k.scenarios[0].firstTotal, 1);
    EXPECT_EQ(k.scenarios[0].latestOutcome, "good");
    EXPECT_EQ(k.scenarios[0].latestTotal, 8);
}

TEST(Kpis, WeeksStartOnMondayUtc)
{
    // 2026-12-07 is a Monday: 1796601600000 is its midnight UTC.
    const Millis monday = 1'796'601'600'000;
    EXPECT_EQ(progress::weekStart(monday), monday);
    EXPECT_EQ(progress::weekStart(monday + 6 * kDay + 1), monday);
    EXPECT_EQ(progress::weekStart(monday - 1), monday - 7 * kDay);
}

TEST(Kpis, RatiosComeFromEachScoredRolePlay)
{
    auto r = session("a", kNow, 2, 2);
    r.speech = progress::SpeechRecord{6, 3, 2, 0.5, 0.4, 2, 1};
    const auto k = progress::computeKpis({r}, kNow);
    ASSERT_EQ(k.ratios.size(), 1U);
    EXPECT_NEAR(k.ratios[0].questionsPerStatement, 2.0, 1e-9);
    EXPECT_NEAR(k.ratios[0].reflectionsPerQuestion, 0.5, 1e-9);
    EXPECT_NEAR(k.ratios[0].shareOfWords, 0.4, 1e-9);
    EXPECT_NEAR(k.ratios[0].adviceAfterAsking, 0.5, 1e-9);
}

const std::vector<progress::DrillOption> kLibrary{
    {"first", "First", {"ask"}, {"Ask before you tell"}},
    {"listen-a", "Listen A", {"ask", "listen"}, {"Ask before you tell", "Listen and reflect"}},
    {"listen-b", "Listen B", {"listen"}, {"Listen and reflect"}},
    {"plan", "Plan", {"plan"}, {"The rep owns the plan"}},
};

progress::SessionRecord scored(const std::string& scenario, std::vector<progress::PrincipleRecord> principles,
                               const std::string& outcome)
{
    auto r = session(scenario, kNow, 0, 0, outcome);
    r.principles = std::move(principles);
    return r;
}

TEST(NextDrill, WithoutPracticeTheCurriculumStarts)
{
    const auto next = progress::nextDrill(progress::computeKpis({}, kNow), kLibrary);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->scenarioId, "first");
}

TEST(NextDrill, TheWeakestPrincipleNotMasteredPicksAnUnplayedScenarioThatFocusesOnIt)
{
    const std::vector<progress::SessionRecord> sessions{
        scored("first", {{"ask", "Ask before you tell", 8, 4}, {"listen", "Listen and reflect", 1, 2}},
               "good"),
        scored("listen-a", {{"ask", "Ask before you tell", 8, 4}, {"listen", "Listen and reflect", 1, 3}},
               "poor")};
    const auto kpis = progress::computeKpis(sessions, kNow);
    const auto next = progress::nextDrill(kpis, kLibrary);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->principle, "listen");
    EXPECT_EQ(next->scenarioId, "listen-b") << "never played comes before a poor latest attempt";
    EXPECT_NE(next->reason.find("Listen and reflect is your weakest principle not yet mastered"),
              std::string::npos)
        << next->reason;
    EXPECT_NE(next->reason.find("you have not played it yet"), std::string::npos) << next->reason;
    EXPECT_EQ(progress::doneScenarios(sessions), std::set<std::string>{"first"});
}

TEST(NextDrill, WhenPractisedPrinciplesAreMasteredAnUnpractisedOneIsNext)
{
    std::vector<progress::SessionRecord> sessions;
    for (int i = 0; i < 3; ++i)
        sessions.push_back(scored("listen-b", {{"listen", "Listen and reflect", 8, 4}}, "good"));
    const auto next = progress::nextDrill(progress::computeKpis(sessions, kNow), kLibrary);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->principle, "ask");
    EXPECT_EQ(next->scenarioId, "first");
}

} // namespace
} // namespace sparring::test
