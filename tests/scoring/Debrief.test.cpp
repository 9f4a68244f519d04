// Turn reports and the debrief: built once by the engine from a session's transcript, the same
// however the session got there (straight, after an undo, after a retry), each typed answer
// analysed once, and what assessment mode withholds until the end.

#include "scoring/Debrief.hpp"
#include "TestSupport.hpp"
#include "core/Loader.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace sparring::test {
namespace {

using namespace scoring;

/// The scorer, loaded once for the file's tests.
const Analyser& analyser(const core::Framework& framework)
{
    static const auto made = makeAnalyser(framework, modelDirectory());
    if (!made.analyser)
        throw std::runtime_error("the scorer did not load: " + made.error);
    return *made.analyser;
}

/// Counts the analyses a session asks for, answering with the real scorer.
struct CountingAnalyser : core::UtteranceAnalyser {
    explicit CountingAnalyser(const Analyser& real) : m_real(real) {}
    core::UtteranceAnalysis analyse(std::string_view text) const override
    {
        ++calls;
        return m_real.analyse(text);
    }
    mutable int calls = 0;

private:
    const Analyser& m_real;
};

/// Plays `answers` (option numbers at choices, words at prompts) from where the session is.
void play(runtime::Session& session, const std::vector<std::string>& answers)
{
    for (const auto& answer : answers) {
        while (std::holds_alternative<runtime::LineEvent>(session.current()))
            session.next();
        if (std::holds_alternative<runtime::ChoiceEvent>(session.current()))
            ASSERT_TRUE(session.choose(std::stoul(answer)).accepted()) << answer;
        else
            ASSERT_TRUE(session.respond(answer).accepted()) << answer;
    }
    while (std::holds_alternative<runtime::LineEvent>(session.current()))
        session.next();
}

class PanelDebrief : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_scenario = loadShipped("why-managers-dont-coach");
        ASSERT_TRUE(m_scenario);
        m_answers = scriptAnswers("why-managers-dont-coach", "best");
        ASSERT_GE(m_answers.size(), 4u);
    }
    runtime::Session session(std::shared_ptr<const core::UtteranceAnalyser> seam = nullptr) const
    {
        runtime::SessionOptions options;
        options.analyser = seam ? seam
                                : std::shared_ptr<const core::UtteranceAnalyser>(
                                      &analyser(m_scenario->framework), [](auto*) {});
        return runtime::Session(m_scenario, options);
    }
    const Analyser& scorer() const { return analyser(m_scenario->framework); }

    std::shared_ptr<const core::Scenario> m_scenario;
    std::vector<std::string> m_answers;
};

TEST_F(PanelDebrief, TurnNumbersComeFromTheTranscriptSoAnUndoGivesTheSameReports)
{
    auto straight = session();
    play(straight, m_answers);
    ASSERT_TRUE(straight.finished());

    // The same answers, with a wrong turn taken back after the second decision.
    auto undone = session();
    play(undone, {m_answers[0], m_answers[1]});
    play(undone, {"2"});
    ASSERT_TRUE(undone.undo());
    play(undone, {m_answers.begin() + 2, m_answers.end()});
    ASSERT_TRUE(undone.finished());

    const auto a = buildDebrief(straight, &scorer());
    const auto b = buildDebrief(undone, &scorer());
    ASSERT_EQ(a.turns.size(), m_answers.size());
    for (std::size_t t = 0; t < a.turns.size(); ++t)
        EXPECT_EQ(a.turns[t].turn, t);
    EXPECT_EQ(a, b);
    // On the panel every decision draws reactions.
    for (const auto& t : a.turns)
        EXPECT_FALSE(t.reactions.empty()) << t.nodeId;
}

TEST_F(PanelDebrief, EachTypedAnswerIsAnalysedOnceAndTheDebriefUsesThatAnalysis)
{
    const auto counting = std::make_shared<CountingAnalyser>(scorer());
    auto s = session(counting);
    play(s, m_answers);
    int typed = 0;
    for (const auto& e : s.transcript())
        if (const auto* answer = std::get_if<runtime::TypedAnswer>(&e)) {
            ++typed;
            EXPECT_TRUE(answer->analysis.has_value());
        }
    ASSERT_GE(typed, 2);
    EXPECT_EQ(counting->calls, typed); // one analysis per answer, however many routes ask
    // Without a scorer the debrief still shows what was detected in typed answers: the record's.
    const auto debrief = buildDebrief(s, nullptr);
    for (const auto& t : debrief.turns)
        EXPECT_EQ(t.analysis.has_value(), t.typed) << t.nodeId;
    EXPECT_EQ(counting->calls, typed);
}

TEST_F(PanelDebrief, TheLatestDecisionIsReportedPastTheLinesItLedTo)
{
    auto s = session();
    play(s, {m_answers[0]});
    const auto report = reportLatestDecision(s, &scorer());
    ASSERT_TRUE(report);
    EXPECT_EQ(report->turn, 0u);
    EXPECT_FALSE(report->typed);
    EXPECT_FALSE(std::holds_alternative<runtime::PickedOption>(s.transcript().back())); // lines came after it
    EXPECT_EQ(*report, reportTurn(*m_scenario, s.transcript(), report->entry, &scorer()));
}

TEST_F(PanelDebrief, AssessmentModeShowsOnlyTheAnswerUntilTheEnd)
{
    auto s = session();
    play(s, m_answers);
    const auto debrief = buildDebrief(s, &scorer());
    const auto& full = debrief.turns.back();
    ASSERT_TRUE(full.typed && full.analysis && !full.feedback.empty() && !full.reactions.empty());
    EXPECT_EQ(shownDuringPlay(full, FeedbackMode::Practice), full);
    const auto shown = shownDuringPlay(full, FeedbackMode::Assessment);
    EXPECT_EQ(shown.answer, full.answer);
    EXPECT_EQ(shown.turn, full.turn);
    EXPECT_TRUE(shown.feedback.empty());
    EXPECT_TRUE(shown.evidence.empty());
    EXPECT_FALSE(shown.analysis);
    EXPECT_TRUE(shown.reactions.empty());
}

TEST_F(PanelDebrief, PrinciplesAreTracedToAnswerNumbersAndTheStrongestIsNamed)
{
    auto s = session();
    play(s, m_answers);
    const auto debrief = buildDebrief(s, &scorer());
    ASSERT_TRUE(debrief.ending);
    EXPECT_EQ(debrief.ending->outcome, core::Outcome::Good);
    ASSERT_TRUE(debrief.scored);
    EXPECT_FALSE(debrief.speech); // a panel is not a conversation with a rep: no talk ratios
    ASSERT_FALSE(debrief.principles.empty());
    for (const auto& p : debrief.principles) {
        EXPECT_FALSE(p.answers.empty()) << p.name;
        for (const auto n : p.answers) {
            EXPECT_GE(n, 1u);
            EXPECT_LE(n, debrief.turns.size());
        }
    }
    ASSERT_TRUE(debrief.strongest);
    for (const auto& p : debrief.principles)
        EXPECT_LE(p.score, debrief.principles[*debrief.strongest].score);
    if (debrief.toWorkOn) {
        EXPECT_LT(debrief.principles[*debrief.toWorkOn].score, debrief.principles[*debrief.strongest].score);
    }
    EXPECT_EQ(debrief.path.size(), debrief.turns.size());
    EXPECT_EQ(debrief.answerNumbers({debrief.turns[2].entry, debrief.turns[0].entry, debrief.turns[2].entry}),
              (std::vector<std::size_t>{1, 3}));
}

TEST_F(PanelDebrief, WithoutAScorerPrinciplesAreTheAuthoredEvidence)
{
    runtime::SessionOptions options; // no analyser at all: phrases route, nothing is detected
    runtime::Session s(m_scenario, options);
    play(s, {m_answers[0], m_answers[1]});
    const auto debrief = buildDebrief(s, nullptr);
    EXPECT_FALSE(debrief.scored);
    EXPECT_FALSE(debrief.speech);
    ASSERT_FALSE(debrief.principles.empty());
    for (const auto& p : debrief.principles) {
        const auto totals = s.totals();
        const auto it = std::find_if(totals.begin(), totals.end(),
                                     [&](const auto& t) { return t.principle == p.principle; });
        ASSERT_NE(it, totals.end());
        EXPECT_DOUBLE_EQ(p.score, it->amount);
    }
}

} // namespace
} // namespace sparring::test
