// The desktop trainer's model without a window: screens and keys, the library's filters, the
// reveal clock, practice and assessment mode, the panel's faces, retry and attempts, settings,
// the progress screen, and demo scripts read into typed commands.

#include "trainer/Trainer.hpp"
#include "TestSupport.hpp"
#include "progress/Store.hpp"
#include "trainer/DemoScript.hpp"
#include "voice/Synthesizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace sparring::test {
namespace {

using namespace trainer;

const std::vector<LibraryEntry>& shippedLibrary()
{
    static const auto library = scanLibrary(sourceDir() / "scenarios");
    return library;
}

std::size_t entryWithId(const std::string& id)
{
    const auto& library = shippedLibrary();
    for (std::size_t i = 0; i < library.size(); ++i)
        if (library[i].scenario && library[i].scenario->meta.id == id)
            return i;
    ADD_FAILURE() << "no shipped scenario " << id;
    return 0;
}

Trainer trainerAt(float textSpeed = 0)
{
    Settings settings;
    settings.textSpeed = textSpeed;
    return Trainer(shippedLibrary(), modelDirectory(), settings);
}

/// Space until something other than a line waits.
void skipLines(Trainer& t)
{
    for (int guard = 0;
         guard < 1000 && t.session() && std::holds_alternative<runtime::LineEvent>(t.session()->current());
         ++guard)
        t.press(TrainerKey::Space);
}

TEST(Trainer, ScreensFollowKeysAndBack)
{
    auto t = trainerAt();
    EXPECT_EQ(t.screen(), Screen::Library);
    EXPECT_EQ(t.selectedScenario(), t.library()[0].scenario.get()); // the first row starts selected
    t.openScenario(entryWithId("takeover-late-stage"));
    EXPECT_EQ(t.screen(), Screen::Briefing);
    ASSERT_NE(t.selectedScenario(), nullptr);
    EXPECT_EQ(t.briefingSeats().size(), t.selectedScenario()->cast.size());
    EXPECT_TRUE(t.press(TrainerKey::F2));
    EXPECT_EQ(t.screen(), Screen::Settings);
    EXPECT_TRUE(t.press(TrainerKey::Escape));
    EXPECT_EQ(t.screen(), Screen::Briefing); // settings go back where they were opened
    EXPECT_TRUE(t.press(TrainerKey::Enter));
    EXPECT_EQ(t.screen(), Screen::Conversation);
    EXPECT_TRUE(t.notice().empty()) << t.notice(); // the scorer loaded
    EXPECT_TRUE(t.press(TrainerKey::Escape));
    EXPECT_EQ(t.screen(), Screen::Briefing);
    EXPECT_TRUE(t.press(TrainerKey::Escape));
    EXPECT_EQ(t.screen(), Screen::Library);
    EXPECT_FALSE(t.press(TrainerKey::Space)); // nothing to go on with in the library
}

TEST(Trainer, TheBriefingShowsTheSelectedScenariosCastAfterASessionOnAnother)
{
    auto t = trainerAt();
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    t.press(TrainerKey::Escape);
    t.press(TrainerKey::Escape);
    ASSERT_EQ(t.screen(), Screen::Library);
    ASSERT_NE(t.session(), nullptr); // the role-play's session is still there
    t.openScenario(entryWithId("why-managers-dont-coach"));
    const auto& cast = t.selectedScenario()->cast;
    std::vector<std::string> castIds;
    for (const auto& member : cast)
        castIds.push_back(member.id);
    std::vector<std::string> seatIds;
    for (const auto& seat : t.briefingSeats())
        seatIds.push_back(seat.id);
    std::sort(castIds.begin(), castIds.end());
    std::sort(seatIds.begin(), seatIds.end());
    EXPECT_EQ(seatIds, castIds);
}

TEST(Trainer, LibraryFiltersByKindPrincipleAndWords)
{
    auto t = trainerAt();
    const auto all = t.visibleScenarios();
    ASSERT_GE(all.size(), 2u);
    t.setFilter({LibraryFilter::Kind::Panels, "", ""});
    for (const auto i : t.visibleScenarios())
        EXPECT_EQ(t.library()[i].scenario->meta.kind, core::ScenarioKind::Panel);
    EXPECT_LT(t.visibleScenarios().size(), all.size());
    t.setFilter({LibraryFilter::Kind::All, "", "CFO"}); // case-insensitive, titles and summaries
    ASSERT_EQ(t.visibleScenarios().size(), 1u);
    EXPECT_EQ(t.library()[t.visibleScenarios()[0]].scenario->meta.id, "takeover-late-stage");
    t.setFilter({LibraryFilter::Kind::All, "no such principle", ""});
    EXPECT_TRUE(t.visibleScenarios().empty());
    const auto names = principleNames(t.library());
    ASSERT_FALSE(names.empty());
    t.setFilter({LibraryFilter::Kind::All, names.front(), ""});
    for (const auto i : t.visibleScenarios()) {
        const auto& s = *t.library()[i].scenario;
        EXPECT_TRUE(std::any_of(s.meta.focus.begin(), s.meta.focus.end(), [&](std::size_t p) {
            return s.framework.principles[p].name == names.front();
        }));
    }
}

TEST(Trainer, ABrokenFileIsListedNotPlayable)
{
    TempLibrary scratch;
    scratch.write("good.yaml", std::string(kFramework) + R"(scenario: {id: g, title: Good, kind: roleplay}
cast: [{id: rep, name: Rep}]
start: e
nodes:
  e: {type: end, outcome: good, debrief: fine}
)");
    scratch.write("bad.yaml", "scenario: {id: b, title: Bad, kind: roleplay}\nnodes: [\n");
    Trainer t(scanLibrary(scratch.root()), modelDirectory());
    ASSERT_EQ(t.library().size(), 2u);
    EXPECT_EQ(t.visibleScenarios(), (std::vector<std::size_t>{0}));
    ASSERT_EQ(t.brokenScenarios(), (std::vector<std::size_t>{1}));
    EXPECT_TRUE(t.library()[1].diagnostics.hasErrors());
    t.openScenario(1);
    EXPECT_EQ(t.screen(), Screen::Library); // nothing to brief
}

/// kLoopScenario with a decision first: what the trainee played before the loop has a debrief.
const std::string kLoopAfterADecision =
    std::string(kFramework) + R"(scenario: {id: spin-later, title: Spin later, kind: roleplay}
cast:
  - {id: sam, name: Sam}
variables:
  rounds: {type: int, min: 0, max: 100000, initial: 0}
start: hello
nodes:
  hello: {type: line, speaker: sam, text: Hello, next: pick}
  pick:
    type: choice
    options:
      - {text: Ask what happened, goto: a, evidence: {ask: 1}, feedback: A question first.}
  a: {type: line, speaker: sam, text: Round we go, do: [rounds += 1], next: b}
  b: {type: branch, cases: [{if: rounds >= 20000, goto: done}], else: a}
  done: {type: end, outcome: good, debrief: Done.}
)";

/// A trainer on the one scenario of `yaml`, started, with lines shown at once.
Trainer startedOn(const TempLibrary& scratch, const std::string& yaml)
{
    scratch.write("spin.yaml", yaml);
    Settings settings;
    settings.textSpeed = 0; // each Space goes on
    Trainer t(scanLibrary(scratch.root()), modelDirectory(), settings);
    t.openScenario(0);
    t.start();
    return t;
}

TEST(Trainer, AScenarioThatGoesRoundWithoutADecisionStopsInAStateOfItsOwn)
{
    TempLibrary scratch;
    auto t = startedOn(scratch, kLoopScenario);
    ASSERT_TRUE(t.session());
    EXPECT_EQ(t.stopped(), std::nullopt);
    for (int presses = 0; presses < 6'000 && !t.stopped(); ++presses) // two steps each: line and branch
        EXPECT_TRUE(t.press(TrainerKey::Space));
    ASSERT_TRUE(t.stopped());
    EXPECT_EQ(*t.stopped(),
              "the scenario loops between 'b' and 'a' without a decision: stopped after 10000 steps");
    EXPECT_EQ(t.notice(), ""); // not a passing notice: the screen's own state
    EXPECT_EQ(t.screen(), Screen::Conversation);
    EXPECT_GT(t.messages().size(), 1u); // the conversation so far stays
    const auto shown = t.messages().size();
    EXPECT_FALSE(t.press(TrainerKey::Space)); // no further
    EXPECT_EQ(t.messages().size(), shown);
    EXPECT_FALSE(t.stoppedDebrief()); // no decision was made: nothing to debrief
    EXPECT_FALSE(t.press(TrainerKey::Enter));
    EXPECT_EQ(t.screen(), Screen::Conversation);
    EXPECT_TRUE(t.press(TrainerKey::Escape)); // the way out: the library
    EXPECT_EQ(t.screen(), Screen::Library);
}

TEST(Trainer, AStoppedSessionOffersTheDebriefOfWhatWasPlayed)
{
    TempLibrary scratch;
    auto t = startedOn(scratch, kLoopAfterADecision);
    skipLines(t);
    t.press(TrainerKey::Option1);
    for (int presses = 0; presses < 6'000 && !t.stopped(); ++presses)
        t.press(TrainerKey::Space);
    ASSERT_TRUE(t.stopped());
    EXPECT_TRUE(t.stoppedDebrief());
    EXPECT_TRUE(t.press(TrainerKey::Enter));
    ASSERT_EQ(t.screen(), Screen::Debrief);
    const auto& debrief = t.debrief();
    EXPECT_FALSE(debrief.ending);        // it never reached one
    EXPECT_EQ(debrief.turns.size(), 1u); // the one decision, with its feedback
    t.leaveToLibrary();
    EXPECT_EQ(t.screen(), Screen::Library);
}

TEST(Trainer, ALineRevealsAtTheTextSpeedAndSpaceShowsTheRest)
{
    auto t = trainerAt(50);
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    ASSERT_EQ(t.messages().size(), 1u);
    EXPECT_EQ(t.messages()[0].kind, Message::Kind::Line);
    EXPECT_TRUE(t.revealing());
    EXPECT_EQ(t.shownText(0), "");
    t.tick(0.1); // 5 characters at 50 a second
    EXPECT_EQ(t.shownText(0), t.messages()[0].text.substr(0, 5));
    EXPECT_TRUE(t.press(TrainerKey::Space)); // first press: the whole line
    EXPECT_FALSE(t.revealing());
    EXPECT_EQ(t.shownText(0), t.messages()[0].text);
    EXPECT_TRUE(t.press(TrainerKey::Space)); // then on
    EXPECT_FALSE(std::holds_alternative<runtime::LineEvent>(t.session()->current()) &&
                 t.messages().size() == 1u);
}

TEST(Trainer, RevealingNeverCutsACharacterInHalf)
{
    EXPECT_EQ(prefixBytes("ça va", 1), 2u);
    EXPECT_EQ(prefixBytes("ça va", 99), 6u);
    EXPECT_EQ(characterCount("ça va"), 5u);
    EXPECT_EQ(characterCount(""), 0u);
}

TEST(Trainer, PracticeShowsFeedbackAfterEachAnswerAssessmentWaits)
{
    for (const auto mode : {scoring::FeedbackMode::Practice, scoring::FeedbackMode::Assessment}) {
        auto t = trainerAt();
        t.openScenario(entryWithId("takeover-late-stage"));
        t.setMode(mode);
        t.start();
        skipLines(t);
        ASSERT_TRUE(std::holds_alternative<runtime::ChoiceEvent>(t.session()->current()));
        const auto before = t.messages().size();
        EXPECT_TRUE(t.press(TrainerKey::Option1));
        ASSERT_GT(t.messages().size(), before);
        EXPECT_EQ(t.messages()[before].kind, Message::Kind::Answer);
        const bool feedbackShown =
            std::any_of(t.messages().begin() + static_cast<std::ptrdiff_t>(before), t.messages().end(),
                        [](const Message& m) { return m.kind == Message::Kind::Feedback; });
        EXPECT_EQ(feedbackShown, mode == scoring::FeedbackMode::Practice);
        ASSERT_EQ(t.shownReports().size(), 1u);
        EXPECT_EQ(t.shownReports()[0].feedback.empty(), mode == scoring::FeedbackMode::Assessment);
    }
}

TEST(Trainer, AtAPromptKeysTypeAndATypedAnswerIsAnalysedOnScreen)
{
    auto t = trainerAt();
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    skipLines(t);
    t.press(TrainerKey::Option1);
    skipLines(t);
    ASSERT_TRUE(std::holds_alternative<runtime::PromptEvent>(t.session()->current()));
    EXPECT_TRUE(t.typing());
    EXPECT_FALSE(t.press(TrainerKey::Option1)); // a digit typed into the answer, not an option
    t.respond("So Greta asked about payback and got a price sheet?");
    const auto& said = t.shownReports().back();
    EXPECT_TRUE(said.typed);
    ASSERT_TRUE(said.analysis);
    const auto answer = std::find_if(t.messages().rbegin(), t.messages().rend(),
                                     [](const Message& m) { return m.kind == Message::Kind::Answer; });
    ASSERT_NE(answer, t.messages().rend());
    EXPECT_FALSE(answer->highlights.empty()); // the words that gave it away
    EXPECT_TRUE(std::any_of(t.messages().begin(), t.messages().end(), [](const Message& m) {
        return m.kind == Message::Kind::Analysis && m.text.rfind("What your words did: ", 0) == 0;
    }));
}

TEST(Trainer, ARefusedOptionBecomesTheNotice)
{
    auto t = trainerAt();
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    skipLines(t);
    t.press(TrainerKey::Option9); // no ninth option
    EXPECT_FALSE(t.notice().empty());
    EXPECT_TRUE(t.shownReports().empty());
}

TEST(Trainer, ThePanelsFacesShowTheirVerdictsUntilTheConversationGoesOn)
{
    auto t = trainerAt();
    t.openScenario(entryWithId("why-managers-dont-coach"));
    t.start();
    skipLines(t);
    ASSERT_TRUE(std::holds_alternative<runtime::ChoiceEvent>(t.session()->current()));
    t.press(TrainerKey::Option1);
    const auto seats = t.stageSeats();
    const auto judged =
        std::count_if(seats.begin(), seats.end(), [](const Seat& s) { return !s.verdict.empty(); });
    EXPECT_EQ(static_cast<std::size_t>(judged), t.shownReports().back().reactions.size());
    EXPECT_GT(judged, 0);
    for (const auto& seat : seats) {
        if (seat.verdict == "agrees") {
            EXPECT_EQ(seat.expression, "pleased");
        }
    }
    EXPECT_TRUE(seats.front().chair);
    // The moderator goes on: the faces follow the conversation again.
    ASSERT_TRUE(std::holds_alternative<runtime::LineEvent>(t.session()->current()));
    EXPECT_TRUE(t.press(TrainerKey::Space));
    for (const auto& seat : t.stageSeats())
        EXPECT_TRUE(seat.verdict.empty()) << seat.name;
}

/// Plays the shipped role-play to its end, answering the first option or a short sentence.
void playToTheEnd(Trainer& t)
{
    for (int guard = 0; guard < 200 && !t.session()->finished(); ++guard) {
        skipLines(t);
        if (std::holds_alternative<runtime::ChoiceEvent>(t.session()->current()))
            t.press(TrainerKey::Option1);
        else if (std::holds_alternative<runtime::PromptEvent>(t.session()->current()))
            t.respond("What options do you see before the quarter ends?");
    }
    ASSERT_TRUE(t.session()->finished());
}

TEST(Trainer, RetryGoesBackKeepsTheAttemptAndShowsTheConversationAsItWas)
{
    auto t = trainerAt();
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    skipLines(t);
    t.press(TrainerKey::Option1);
    skipLines(t);
    const auto messagesBeforeSecond = t.messages();
    const auto reportsBeforeSecond = t.shownReports();
    playToTheEnd(t);
    EXPECT_TRUE(t.press(TrainerKey::Enter)); // see the debrief
    EXPECT_EQ(t.screen(), Screen::Debrief);
    const auto& first = t.debrief();
    ASSERT_GE(first.turns.size(), 2u);
    const auto secondDecision = first.turns[1].entry;

    t.retry(secondDecision);
    EXPECT_EQ(t.screen(), Screen::Conversation);
    EXPECT_EQ(t.attempts(), 1u);
    EXPECT_EQ(t.notice(), "Retrying from this decision; your earlier attempt is kept in the debrief.");
    EXPECT_EQ(t.messages(), messagesBeforeSecond);
    EXPECT_EQ(t.shownReports(), reportsBeforeSecond);

    playToTheEnd(t);
    t.showDebrief();
    EXPECT_TRUE(t.showingCurrentAttempt());
    EXPECT_EQ(t.attemptLabel(0).rfind("Attempt 1 (", 0), 0u);
    EXPECT_EQ(t.attemptLabel(1).rfind("This attempt (", 0), 0u);
    t.showAttempt(0);
    EXPECT_FALSE(t.showingCurrentAttempt());
    EXPECT_EQ(t.debrief().turns.size(), first.turns.size());
}

TEST(Trainer, TheFinishedSessionsTranscriptIsWrittenWhenTheDebriefOpens)
{
    TempLibrary scratch;
    auto t = trainerAt();
    const auto file = scratch.root() / "transcript.json";
    t.setTranscriptPath(file);
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    playToTheEnd(t);
    t.showDebrief();
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("\"outcome\""), std::string::npos);
    EXPECT_TRUE(t.notice().empty() || t.notice().find("Retrying") == std::string::npos);
}

/// The role-play the practice tests play: started, played to its end, its debrief shown.
void playTakeoverToItsDebrief(Trainer& t)
{
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    playToTheEnd(t);
    t.showDebrief();
}

/// The sessions in the store at `file`, oldest first.
std::vector<progress::SessionRecord> storedSessions(const std::filesystem::path& file)
{
    return progress::openStore(file.string())->sessions({});
}

TEST(Trainer, PracticeIsRecordedWhenTheDebriefOpensAndAsAbandonedWhenLeft)
{
    TempLibrary scratch;
    const auto store = scratch.root() / "progress.sqlite";
    {
        auto t = trainerAt();
        t.recordPractice(store.string(), "Ana");
        playTakeoverToItsDebrief(t);
        const auto shownScore = t.debrief().principles;

        // A second session, left after one answer.
        t.leaveToLibrary();
        t.openScenario(entryWithId("takeover-late-stage"));
        t.setMode(scoring::FeedbackMode::Assessment);
        t.start();
        skipLines(t);
        t.press(TrainerKey::Option1);
        t.leaveToLibrary();

        // A third, opened and left before any answer: not practice.
        t.openScenario(entryWithId("takeover-late-stage"));
        t.start();
        t.leaveToLibrary();
        ASSERT_FALSE(shownScore.empty());
    } // the trainer closes: whatever it was handed is kept before it is gone
    const auto sessions = storedSessions(store);
    ASSERT_EQ(sessions.size(), 2U);
    EXPECT_TRUE(sessions[0].finished);
    EXPECT_EQ(sessions[0].frontEnd, "gui");
    EXPECT_EQ(sessions[0].trainee, "Ana");
    EXPECT_EQ(sessions[0].mode, "practice");
    EXPECT_FALSE(sessions[0].principles.empty());
    EXPECT_FALSE(sessions[1].finished);
    EXPECT_EQ(sessions[1].mode, "assessment");
    EXPECT_EQ(sessions[1].decisions.size(), 1U);
    EXPECT_NE(sessions[0].id, sessions[1].id);
}

TEST(Trainer, ARetriedAttemptIsASessionOfItsOwnAndClosingMidSessionRecordsIt)
{
    TempLibrary scratch;
    const auto store = scratch.root() / "progress.sqlite";
    {
        auto t = trainerAt();
        t.recordPractice(store.string(), "Ben");
        playTakeoverToItsDebrief(t);
        t.showDebrief(); // shown again: recorded once
        t.retry(t.debrief().turns[1].entry);
        skipLines(t);
        ASSERT_TRUE(t.typing()); // the second decision is a free-text one
        t.respond("So she asked about payback and got a price sheet?"); // then the window closes
    }
    const auto sessions = storedSessions(store);
    ASSERT_EQ(sessions.size(), 2U);
    EXPECT_TRUE(sessions[0].finished);
    EXPECT_FALSE(sessions[1].finished);
    ASSERT_EQ(sessions[1].decisions.size(), 2U); // the one kept from before the retry, and the new answer
    EXPECT_TRUE(sessions[1].decisions[1].typed);
    EXPECT_FALSE(sessions[1].decisions[1].act.empty());
}

TEST(Trainer, TheLibraryRecommendsTheNextDrillFromTheHistoryAndMarksWhatIsDone)
{
    TempLibrary scratch;
    const auto store = scratch.root() / "progress.sqlite";
    {
        auto t = trainerAt();
        t.recordPractice(store.string(), "Ana");
        playTakeoverToItsDebrief(t);
    }
    auto t = trainerAt();
    t.recordPractice(store.string(), "Ana");
    for (int i = 0; i < 500 && !t.nextDrill(); ++i) { // the history is read off the frame thread
        t.tick(0.01);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(t.nextDrill()) << "the history was never read";
    ASSERT_NE(t.kpis(), nullptr);
    EXPECT_EQ(t.kpis()->sessions, 1U);
    EXPECT_FALSE(t.nextDrill()->reason.empty());
    EXPECT_NE(t.nextDrill()->scenarioId, "takeover-late-stage")
        << "the one scenario played, recommended again";
    const bool endedWell = storedSessions(store).front().outcome == "good";
    EXPECT_EQ(t.done("takeover-late-stage"), endedWell);
    EXPECT_FALSE(t.done("new-hire-week-six"));
    EXPECT_TRUE(t.openNextDrill());
    EXPECT_EQ(t.screen(), Screen::Briefing);
    EXPECT_EQ(t.selectedScenario()->meta.id, t.nextDrill()->scenarioId);
}

TEST(Trainer, TraineesSwitchAndEachKeepsTheirOwnHistory)
{
    TempLibrary scratch;
    const auto store = scratch.root() / "progress.sqlite";
    {
        auto t = trainerAt();
        t.recordPractice(store.string(), "Ana");
        t.openScenario(entryWithId("takeover-late-stage"));
        t.start();
        skipLines(t);
        t.press(TrainerKey::Option1);
        EXPECT_FALSE(t.switchTrainee("")); // refused: the notice says why, nothing changes
        EXPECT_FALSE(t.notice().empty());
        EXPECT_EQ(t.trainee(), "Ana");
        ASSERT_TRUE(t.switchTrainee("Ben")); // Ana's decision so far is recorded as hers, and ends
        EXPECT_EQ(t.trainee(), "Ben");
        EXPECT_EQ(t.session(), nullptr);
        EXPECT_EQ(t.screen(), Screen::Briefing);
        t.leaveToLibrary(); // nothing of Ben's played yet: nothing recorded for him
        playTakeoverToItsDebrief(t);
    }
    const auto sessions = storedSessions(store);
    ASSERT_EQ(sessions.size(), 2U);
    EXPECT_EQ(sessions[0].trainee, "Ana");
    EXPECT_FALSE(sessions[0].finished);
    EXPECT_EQ(sessions[1].trainee, "Ben");
    EXPECT_TRUE(sessions[1].finished);

    auto t = trainerAt();
    t.recordPractice(store.string(), "Ana");
    for (int i = 0; i < 500 && t.knownTrainees().size() < 2; ++i) {
        t.tick(0.01);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(t.knownTrainees(), (std::vector<std::string>{"Ana", "Ben"}));
    ASSERT_NE(t.kpis(), nullptr);
    EXPECT_EQ(t.kpis()->sessions, 1U) << "Ana's KPIs hold only Ana's sessions";
}

/// Ticks until the keeper has read the trainee's history (it reads off the frame thread).
bool waitForHistory(Trainer& t)
{
    for (int i = 0; i < 500 && !t.kpis(); ++i) {
        t.tick(0.01);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return t.kpis() != nullptr;
}

TEST(Trainer, TheProgressScreenOpensFromTheLibraryAndTheDebriefAndGoesBackThere)
{
    TempLibrary scratch;
    auto t = trainerAt();
    t.recordPractice((scratch.root() / "progress.sqlite").string(), "Ana");
    EXPECT_TRUE(t.openProgress()); // the history may still be loading: the screen says so
    EXPECT_EQ(t.screen(), Screen::Progress);
    EXPECT_TRUE(t.press(TrainerKey::F2)); // settings over progress return to it
    EXPECT_EQ(t.screen(), Screen::Settings);
    EXPECT_TRUE(t.press(TrainerKey::Escape));
    EXPECT_EQ(t.screen(), Screen::Progress);
    EXPECT_TRUE(t.press(TrainerKey::Escape));
    EXPECT_EQ(t.screen(), Screen::Library);

    t.openScenario(entryWithId("takeover-late-stage"));
    EXPECT_FALSE(t.openProgress()) << "only from the library or a debrief";
    EXPECT_EQ(t.screen(), Screen::Briefing);
    t.start();
    EXPECT_FALSE(t.openProgress()) << "not in the middle of a conversation";
    EXPECT_EQ(t.screen(), Screen::Conversation);
    playToTheEnd(t);
    t.showDebrief();
    const auto outcome = t.debrief().ending;
    ASSERT_TRUE(outcome);

    EXPECT_TRUE(t.openProgress());
    EXPECT_EQ(t.screen(), Screen::Progress);
    EXPECT_FALSE(t.openProgress()) << "progress does not open over itself";
    t.back();
    EXPECT_EQ(t.screen(), Screen::Debrief) << "back where it was opened";
    ASSERT_NE(t.session(), nullptr);
    EXPECT_EQ(t.debrief().ending->title, outcome->title) << "the same debrief, not a new session";
}

TEST(Trainer, TheProgressScreenShowsTheHistoryAsOfItsReadingAndOpensTheNextDrill)
{
    TempLibrary scratch;
    const auto store = scratch.root() / "progress.sqlite";
    {
        auto t = trainerAt();
        t.recordPractice(store.string(), "Ana");
        playTakeoverToItsDebrief(t);
    }
    const auto before = progress::now();
    auto t = trainerAt();
    t.recordPractice(store.string(), "Ana");
    EXPECT_EQ(t.kpisAsOf(), 0);
    ASSERT_TRUE(waitForHistory(t)) << "the history was never read";
    EXPECT_GE(t.kpisAsOf(), before);
    EXPECT_LE(t.kpisAsOf(), progress::now());
    EXPECT_EQ(t.kpis()->sessions, 1U);
    ASSERT_TRUE(t.openProgress());
    ASSERT_TRUE(t.nextDrill());
    EXPECT_TRUE(t.openNextDrill());
    EXPECT_EQ(t.screen(), Screen::Briefing);
    EXPECT_EQ(t.selectedScenario()->meta.id, t.nextDrill()->scenarioId);
    t.back();
    EXPECT_EQ(t.screen(), Screen::Library) << "the drill's briefing goes back to the library";
}

TEST(Trainer, SwitchingTraineeOverAProgressOpenedFromADebriefReturnsToTheBriefing)
{
    TempLibrary scratch;
    auto t = trainerAt();
    t.recordPractice((scratch.root() / "progress.sqlite").string(), "Ana");
    playTakeoverToItsDebrief(t);
    ASSERT_TRUE(t.openProgress());
    t.openSettings();
    ASSERT_TRUE(t.switchTrainee("Ben")); // Ana's session ends: there is no debrief to return to
    EXPECT_EQ(t.kpis(), nullptr) << "Ben's history is read afresh";
    EXPECT_EQ(t.kpisAsOf(), 0);
    t.back();
    EXPECT_EQ(t.screen(), Screen::Progress);
    t.back();
    EXPECT_EQ(t.screen(), Screen::Briefing);
    EXPECT_EQ(t.session(), nullptr);
}

TEST(Trainer, WithoutRecordPracticeThereIsNoProgressScreen)
{
    auto t = trainerAt();
    EXPECT_FALSE(t.openProgress());
    EXPECT_EQ(t.screen(), Screen::Library);
}

TEST(Trainer, WithoutRecordPracticeNothingIsRecorded)
{
    TempLibrary scratch;
    auto t = trainerAt();
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    playToTheEnd(t);
    t.showDebrief();
    EXPECT_TRUE(t.trainee().empty());
    EXPECT_TRUE(std::filesystem::is_empty(scratch.root()));
}

TEST(Trainer, SettingsClampAndAreTakenOnce)
{
    auto t = trainerAt();
    t.setFontSize(100);
    EXPECT_EQ(t.settings().fontSize, kLargestFont);
    EXPECT_TRUE(t.takeFontChange());
    EXPECT_FALSE(t.takeFontChange());
    EXPECT_TRUE(t.press(TrainerKey::ZoomOut));
    EXPECT_EQ(t.settings().fontSize, kLargestFont - 2);
    t.setFontSize(1);
    EXPECT_EQ(t.settings().fontSize, kSmallestFont);
    t.requestWindowSize(1024, 700);
    EXPECT_EQ(t.takeWindowSizeRequest(), (std::pair<unsigned, unsigned>{1024, 700}));
    EXPECT_FALSE(t.takeWindowSizeRequest());
    t.setTextSpeed(0);
    t.setHighContrast(true);
    EXPECT_EQ(t.settings().textSpeed, 0);
    EXPECT_TRUE(t.settings().highContrast);
}

/// The declared voice of the speaker of the line the session stands on.
core::Voice declaredVoiceOfCurrentLine(const Trainer& t)
{
    const auto& line = std::get<runtime::LineEvent>(t.session()->current());
    for (const auto& c : t.session()->scenario().cast)
        if (c.id == line.speakerId)
            return c.voice;
    ADD_FAILURE() << "the line's speaker '" << line.speakerId << "' is not in the cast";
    return {};
}

TEST(Trainer, SpeechIsOffByDefaultAndThenNothingIsAsked)
{
    auto t = trainerAt();
    EXPECT_FALSE(t.settings().speech);
    EXPECT_FALSE(t.settings().speakMyAnswers);
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    EXPECT_TRUE(t.takeSpeechRequests().empty());
    EXPECT_TRUE(t.advance());
    EXPECT_TRUE(t.takeSpeechRequests().empty());
}

TEST(Trainer, EachLineIsAskedForOnceInItsSpeakersVoiceAtTheChosenSpeed)
{
    auto t = trainerAt(50);
    t.setSpeech(true);
    t.setSpeechRate(1.25f);
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    ASSERT_TRUE(std::holds_alternative<runtime::LineEvent>(t.session()->current()));
    const core::Voice declared = declaredVoiceOfCurrentLine(t);
    ASSERT_FALSE(declared.name.empty());
    auto requests = t.takeSpeechRequests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].text, t.messages().back().text);
    EXPECT_EQ(requests[0].voice.name, declared.name);
    EXPECT_EQ(requests[0].voice.pitch, declared.pitch);
    EXPECT_EQ(requests[0].voice.rate, static_cast<int>(std::lround(declared.rate * 1.25)));
    EXPECT_TRUE(t.revealing()); // asked for as the line starts to appear, not once it is shown
    t.tick(0.5);
    EXPECT_TRUE(t.takeSpeechRequests().empty()); // revealing further asks for nothing more
    t.revealAll();
    ASSERT_TRUE(t.advance());
    if (std::holds_alternative<runtime::ChoiceEvent>(t.session()->current()))
        t.choose(1); // Maya's opening leads to a choice; the line after it is the next one asked for
    ASSERT_TRUE(std::holds_alternative<runtime::LineEvent>(t.session()->current()));
    const auto next = t.takeSpeechRequests();
    ASSERT_EQ(next.size(), 1u);
    EXPECT_GT(next[0].id, requests[0].id);
    EXPECT_EQ(next[0].text, t.messages().back().text);
    EXPECT_EQ(next[0].voice, spokenVoice(declaredVoiceOfCurrentLine(t), 1.25f));
}

TEST(Trainer, TheTraineesAnswerIsSpokenByTheNarratorOnlyWithTheSetting)
{
    for (const bool speakMyAnswers : {false, true}) {
        auto t = trainerAt();
        t.setSpeech(true);
        t.setSpeakMyAnswers(speakMyAnswers);
        t.openScenario(entryWithId("takeover-late-stage"));
        t.start();
        skipLines(t);
        ASSERT_TRUE(std::holds_alternative<runtime::ChoiceEvent>(t.session()->current()));
        const std::string picked = std::get<runtime::ChoiceEvent>(t.session()->current()).options[0].text;
        (void)t.takeSpeechRequests();
        EXPECT_TRUE(t.press(TrainerKey::Option1));
        const auto requests = t.takeSpeechRequests();
        const bool lineFollows = std::holds_alternative<runtime::LineEvent>(t.session()->current());
        ASSERT_EQ(requests.size(), (speakMyAnswers ? 1u : 0u) + (lineFollows ? 1u : 0u)) << speakMyAnswers;
        if (speakMyAnswers) {
            EXPECT_EQ(requests[0].text, picked); // the answer first, then the line it leads to
            EXPECT_EQ(requests[0].voice, voice::kNarratorVoice);
        }
        if (lineFollows) {
            EXPECT_EQ(requests.back().text, t.messages().back().text);
        }
    }
}

TEST(Trainer, ThePanelsReactionsAreSpokenAfterTheAnswerEachInItsExpertsOwnVoice)
{
    auto t = trainerAt();
    t.setSpeech(true);
    t.openScenario(entryWithId("coach-deal-or-skill"));
    t.start();
    skipLines(t);
    ASSERT_TRUE(std::holds_alternative<runtime::ChoiceEvent>(t.session()->current()));
    (void)t.takeSpeechRequests();
    EXPECT_TRUE(t.press(TrainerKey::Option1));
    const auto requests = t.takeSpeechRequests();
    ASSERT_FALSE(t.shownReports().empty());
    const auto& reactions = t.shownReports().back().reactions;
    ASSERT_GE(reactions.size(), 2u) << "a panel's experts react to the answer";
    ASSERT_GE(requests.size(), reactions.size());
    const auto& scenario = t.session()->scenario();
    std::set<std::string> voices;
    for (std::size_t i = 0; i < reactions.size(); ++i) {
        EXPECT_EQ(requests[i].text, reactions[i].line) << "reactions are spoken in the order shown";
        const auto cast = scenario.findCharacter(reactions[i].expertId);
        ASSERT_TRUE(cast.has_value()) << reactions[i].expertId;
        EXPECT_EQ(requests[i].voice, spokenVoice(scenario.cast[*cast].voice, 1.0f)) << reactions[i].expertId;
        voices.insert(requests[i].voice.name + "/" + std::to_string(requests[i].voice.pitch) + "/" +
                      std::to_string(requests[i].voice.rate));
    }
    EXPECT_EQ(voices.size(), reactions.size()) << "each expert in a voice of their own";
    // Rebuilding the conversation for a retry of the second decision shows the first one's
    // reactions again but says nothing.
    skipLines(t);
    ASSERT_TRUE(std::holds_alternative<runtime::ChoiceEvent>(t.session()->current()));
    EXPECT_TRUE(t.press(TrainerKey::Option1));
    const auto& transcript = t.session()->transcript();
    std::vector<std::size_t> decisions;
    for (std::size_t i = 0; i < transcript.size(); ++i)
        if (runtime::decisionOf(transcript[i]))
            decisions.push_back(i);
    ASSERT_EQ(decisions.size(), 2u);
    (void)t.takeSpeechRequests();
    t.retry(decisions[1]);
    ASSERT_TRUE(std::any_of(t.messages().begin(), t.messages().end(), [](const Message& m) {
        return m.kind == Message::Kind::Panel;
    })) << "the rebuilt conversation shows the first decision's reactions";
    for (const auto& r : t.takeSpeechRequests())
        for (const auto& reaction : reactions)
            EXPECT_NE(r.text, reaction.line);
}

std::vector<std::string> texts(const std::vector<SpeechRequest>& requests)
{
    std::vector<std::string> out;
    for (const auto& r : requests)
        out.push_back(r.text);
    return out;
}

TEST(Trainer, SelfVoicingReadsTheScreenThenWhatHasFocusAsItMovesInTheNarratorsVoice)
{
    auto t = trainerAt();
    t.noteFocus("");
    t.noteFocus("Settings (F2), button");
    EXPECT_TRUE(t.takeSpeechRequests().empty()) << "off by default: nothing is read";

    EXPECT_TRUE(t.press(TrainerKey::SelfVoicing));
    EXPECT_TRUE(t.settings().selfVoicing);
    t.noteFocus("Settings (F2), button");
    auto said = t.takeSpeechRequests();
    ASSERT_EQ(said.size(), 3u);
    EXPECT_EQ(said[0].text, "Self-voicing on.");
    EXPECT_EQ(said[1].text, t.describeScreen());
    EXPECT_NE(said[1].text.find("Library: "), std::string::npos) << said[1].text;
    EXPECT_EQ(said[2].text, "Settings (F2), button");
    for (const auto& r : said)
        EXPECT_EQ(r.voice, voice::kNarratorVoice);

    t.noteFocus("Settings (F2), button");
    EXPECT_TRUE(t.takeSpeechRequests().empty()) << "focus unchanged: nothing read again";
    t.noteFocus("Your progress, button");
    EXPECT_EQ(texts(t.takeSpeechRequests()), std::vector<std::string>{"Your progress, button"});

    t.openScenario(entryWithId("takeover-late-stage"));
    t.noteFocus("");
    said = t.takeSpeechRequests();
    ASSERT_EQ(said.size(), 1u) << "a new screen is described";
    EXPECT_NE(said[0].text.find("Briefing: "), std::string::npos) << said[0].text;

    EXPECT_TRUE(t.press(TrainerKey::SelfVoicing));
    t.noteFocus("Start (Enter), button");
    EXPECT_EQ(texts(t.takeSpeechRequests()), std::vector<std::string>{"Self-voicing off."});
}

TEST(Trainer, SelfVoicingReadsTheLinesAndEachNewChoiceWithItsOptionsOnce)
{
    auto t = trainerAt();
    t.setSelfVoicing(true);
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    t.noteFocus("");
    auto said = texts(t.takeSpeechRequests());
    ASSERT_FALSE(said.empty());
    ASSERT_TRUE(std::holds_alternative<runtime::LineEvent>(t.session()->current()));
    const auto& line = std::get<runtime::LineEvent>(t.session()->current());
    EXPECT_TRUE(std::find(said.begin(), said.end(), line.text) != said.end())
        << "the line is spoken, in its speaker's voice, with speech itself off";
    skipLines(t);
    (void)t.takeSpeechRequests();
    ASSERT_TRUE(std::holds_alternative<runtime::ChoiceEvent>(t.session()->current()));
    const auto& choice = std::get<runtime::ChoiceEvent>(t.session()->current());
    t.noteFocus("");
    said = texts(t.takeSpeechRequests());
    ASSERT_EQ(said.size(), 1u);
    for (const auto& option : choice.options)
        EXPECT_NE(said[0].find("Option " + std::to_string(option.number) + ": " + option.text),
                  std::string::npos)
            << said[0];
    t.noteFocus("");
    EXPECT_TRUE(t.takeSpeechRequests().empty()) << "read once when it comes";
}

TEST(Trainer, ReduceMotionShowsEveryLineWholeAtOnce)
{
    auto t = trainerAt(20);
    t.openScenario(entryWithId("takeover-late-stage"));
    t.start();
    EXPECT_TRUE(t.revealing()); // at 20 characters a second the first line is appearing
    t.setReduceMotion(true);
    EXPECT_FALSE(t.revealing()) << "the line being revealed shows whole";
    skipLines(t);
    t.choose(1);
    if (std::holds_alternative<runtime::LineEvent>(t.session()->current())) {
        EXPECT_FALSE(t.revealing()) << "and each later line appears whole";
    }
    EXPECT_EQ(t.shownText(t.messages().size() - 1), t.messages().back().text);
}

TEST(Trainer, TheDyslexiaFontIsAFontChangeForTheFrontEnd)
{
    auto t = trainerAt();
    EXPECT_FALSE(t.takeFontChange());
    t.setDyslexiaFont(true);
    EXPECT_TRUE(t.settings().dyslexiaFont);
    EXPECT_TRUE(t.takeFontChange());
    t.setDyslexiaFont(true);
    EXPECT_FALSE(t.takeFontChange()) << "no change, no reload";
}

TEST(Trainer, SpeechSettingsClampAndASpeechProblemIsSaidOnce)
{
    auto t = trainerAt();
    t.setSpeechVolume(140);
    EXPECT_EQ(t.settings().speechVolume, 100);
    t.setSpeechVolume(-3);
    EXPECT_EQ(t.settings().speechVolume, 0);
    t.setSpeechRate(4);
    EXPECT_EQ(t.settings().speechRate, kFastestSpeech);
    t.setSpeechRate(0.1f);
    EXPECT_EQ(t.settings().speechRate, kSlowestSpeech);
    EXPECT_EQ(spokenVoice({"en-us", 200, 40}, 9).rate, 300); // the same clamp for any caller
    t.noteSpeechProblem("no audio device");
    EXPECT_EQ(t.speechProblem(), "no audio device");
    EXPECT_EQ(t.notice(), "Lines are not spoken in this run: no audio device");
    t.noteSpeechProblem("another failure");
    EXPECT_EQ(t.speechProblem(), "no audio device"); // once: later problems go unsaid
}

TEST(DemoScript, CommandsAreReadIntoTypedValues)
{
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("wait 3")), DemoAction(WaitFrames{3}));
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("key Num2 ctrl")),
              DemoAction(PressKey{DemoKey::Num2, true, false}));
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("text ça va?")), DemoAction(TypeText{"ça va?"}));
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("click 10 20")), DemoAction(ClickAt{10, 20}));
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("scroll 640 400 -3")),
              DemoAction(ScrollAt{640, 400, -3}));
    EXPECT_EQ(std::get<std::string>(parseDemoCommand("scroll 640 400")),
              "scroll needs a pixel position and the notches to turn, X Y NOTCHES (not 0)");
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("press Retry from here #2")),
              DemoAction(PressControl{"Retry from here", 2}));
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("press Option #x")),
              DemoAction(PressControl{"Option #x", 1}));
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("screenshot debrief")),
              DemoAction(TakeScreenshot{"debrief"}));
    EXPECT_EQ(std::get<DemoAction>(parseDemoCommand("quit")), DemoAction(Quit{}));
    EXPECT_EQ(std::get<std::string>(parseDemoCommand("wait -1")), "wait needs a number of frames, 0 or more");
    EXPECT_EQ(std::get<std::string>(parseDemoCommand("key Num0")), "unknown key 'Num0'");
    EXPECT_EQ(std::get<std::string>(parseDemoCommand("key Enter alt")),
              "unknown modifier 'alt' (ctrl, shift)");
    EXPECT_EQ(std::get<std::string>(parseDemoCommand("jump 3")),
              "unknown command 'jump' (wait, key, text, click, scroll, press, screenshot, quit)");
}

TEST(DemoScript, AScriptIsCheckedWholeAndAProblemNamesItsLine)
{
    TempLibrary scratch;
    const auto good = scratch.write("good.demo", "# comment\n\nwait 2\r\nkey Enter\n");
    std::ostringstream err;
    const auto commands = readDemoScript(good, err);
    ASSERT_TRUE(commands);
    ASSERT_EQ(commands->size(), 2u);
    EXPECT_EQ((*commands)[0], (DemoCommand{WaitFrames{2}, 3}));
    EXPECT_EQ((*commands)[1].line, 4);
    const auto bad = scratch.write("bad.demo", "wait 1\nclick 3\n");
    EXPECT_FALSE(readDemoScript(bad, err));
    EXPECT_EQ(err.str(), bad.string() + ":2: error: click needs two pixel coordinates, X Y\n");
}

} // namespace
} // namespace sparring::test
