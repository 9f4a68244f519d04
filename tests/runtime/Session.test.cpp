// Runtime sessions: every node kind, conditions, once-only options, fallback, effects and
// clamping, interpolation, free-text routing, seeded randomness, undo, independent sessions.

#include "runtime/Session.hpp"
#include "TestSupport.hpp"
#include "core/Expression.hpp"
#include "core/Limits.hpp"
#include "runtime/Snapshot.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sparring::test {
namespace {

using namespace runtime;

std::string scenarioWith(const std::string& variables, const std::string& nodes,
                         const std::string& start = "intro")
{
    return std::string(kFramework) + R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam Rivera
    portrait: {image: portraits/sam, expressions: [neutral, pleased, frustrated]}
variables:
)" + variables +
           "start: " + start + "\nnodes:\n" + nodes;
}

const std::string kVars = R"(  trust: {type: int, min: 0, max: 10, initial: 4}
  escalated: {type: bool, initial: false}
  deal: {type: string, initial: Northwind}
)";

const ChoiceEvent& asChoice(const Session& s)
{
    const auto* c = std::get_if<ChoiceEvent>(&s.current());
    EXPECT_NE(c, nullptr) << "expected a choice";
    static const ChoiceEvent empty;
    return c ? *c : empty;
}

std::string nodeOf(const Session& s)
{
    return std::visit([](const auto& e) { return e.nodeId; }, s.current());
}

TEST(Session, LineInterpolatesAndAppliesEffectsAndMood)
{
    const auto scenario = mustLoad(scenarioWith(kVars, R"(  intro:
    type: line
    speaker: sam
    text: "It's {deal}; trust is {trust}. {{braces}}"
    mood: frustrated
    do: [trust += 3, escalated = true]
    next: after
  after: {type: line, speaker: sam, text: "Now {trust}, {escalated}", next: done}
  done: {type: end, outcome: good, title: Done, debrief: "Trust ended at {trust}."}
)"));
    ASSERT_TRUE(scenario);
    Session s(scenario);
    const auto* line = std::get_if<LineEvent>(&s.current());
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(line->text, "It's Northwind; trust is 7. {braces}");
    EXPECT_EQ(line->speakerName, "Sam Rivera");
    EXPECT_EQ(line->mood, "frustrated");
    EXPECT_TRUE(s.next());
    EXPECT_EQ(std::get<LineEvent>(s.current()).text, "Now 7, true");
    EXPECT_EQ(std::get<LineEvent>(s.current()).mood, "frustrated"); // mood persists
    EXPECT_TRUE(s.next());
    ASSERT_TRUE(s.finished());
    const auto& end = std::get<EndEvent>(s.current());
    EXPECT_EQ(end.outcome, core::Outcome::Good);
    EXPECT_EQ(end.debrief, "Trust ended at 7.");
    EXPECT_FALSE(s.next());
    ASSERT_EQ(s.transcript().size(), 3u);
    EXPECT_EQ(std::get<Ending>(s.transcript()[2]).outcome, core::Outcome::Good);
}

TEST(Session, EffectsClampIntsIntoTheirRange)
{
    const auto scenario = mustLoad(
        scenarioWith(kVars, R"(  intro: {type: line, speaker: sam, text: a, do: [trust += 100], next: low}
  low: {type: line, speaker: sam, text: b, do: [trust -= 1000], next: done}
  done: {type: end, outcome: good, debrief: x}
)"));
    Session s(scenario);
    EXPECT_EQ(std::get<std::int64_t>(s.value("trust")), 10);
    s.next();
    EXPECT_EQ(std::get<std::int64_t>(s.value("trust")), 0);
}

const std::string kChoice = R"(  intro:
    type: choice
    prompt: "Sam waits."
    options:
      - text: Ask
        goto: asked
        do: [trust += 2]
        evidence: {ask: 2}
        feedback: Asking first.
      - text: Rehearse
        if: trust >= 6
        unavailable: Not enough trust yet.
        goto: intro
      - text: Secret
        if: escalated
        goto: done
      - text: Vent
        once: true
        goto: intro
        evidence: {own: -1}
    fallback: {text: Later, goto: done}
  asked: {type: line, speaker: sam, text: ok, next: intro}
  done: {type: end, outcome: mixed, debrief: x}
)";

TEST(Session, ChoiceShowsDisabledWithReasonHidesOthersAndRefusesUnavailable)
{
    Session s(mustLoad(scenarioWith(kVars, kChoice)));
    const auto& c = asChoice(s);
    EXPECT_EQ(c.prompt, "Sam waits.");
    ASSERT_EQ(c.options.size(), 3u); // Secret is hidden
    EXPECT_EQ(c.options[0], (OptionView{1, "Ask", true, ""}));
    EXPECT_EQ(c.options[1], (OptionView{2, "Rehearse", false, "Not enough trust yet."}));
    EXPECT_EQ(c.options[2], (OptionView{3, "Vent", true, ""}));
    const auto refused = s.choose(2);
    EXPECT_FALSE(refused.accepted());
    EXPECT_EQ(refused.refused, "option 2 is not available: Not enough trust yet.");
    EXPECT_EQ(s.choose(9).refused, "choose a number from 1 to 3");
    EXPECT_EQ(s.choose(0).refused, "choose a number from 1 to 3");
    EXPECT_TRUE(s.transcript().empty());
}

TEST(Session, ChoosingAppliesEffectsRecordsEvidenceAndUnlocksOptions)
{
    Session s(mustLoad(scenarioWith(kVars, kChoice)));
    const auto answer = s.choose(1);
    ASSERT_TRUE(answer.accepted());
    EXPECT_EQ(answer.result->feedback, "Asking first.");
    EXPECT_EQ(answer.result->evidence, (std::vector<EvidenceItem>{{"ask", 2}}));
    EXPECT_EQ(std::get<std::int64_t>(s.value("trust")), 6);
    EXPECT_EQ(nodeOf(s), "asked");
    s.next();
    EXPECT_TRUE(asChoice(s).options[1].available); // trust 6 unlocks Rehearse
    EXPECT_EQ(s.totals(), (std::vector<EvidenceItem>{{"ask", 2}, {"own", 0}}));
}

TEST(Session, OnceOnlyOptionDisappearsAfterUse)
{
    Session s(mustLoad(scenarioWith(kVars, kChoice)));
    ASSERT_TRUE(s.choose(3).accepted()); // Vent, loops back to intro
    const auto& c = asChoice(s);
    ASSERT_EQ(c.options.size(), 2u);
    EXPECT_EQ(c.options[0].text, "Ask");
    EXPECT_EQ(c.options[1].text, "Rehearse");
}

TEST(Session, FallbackIsOfferedWhenNothingIsAvailable)
{
    Session s(mustLoad(scenarioWith(R"(  trust: {type: int, min: 0, max: 10, initial: 0}
)",
                                    R"(  intro:
    type: choice
    options:
      - {text: A, if: trust > 5, unavailable: Too early., goto: done}
      - {text: B, if: trust > 7, goto: done}
    fallback: {text: "Let's pause", goto: done, feedback: Nothing else to do.}
  done: {type: end, outcome: poor, debrief: x}
)")));
    const auto& c = asChoice(s);
    ASSERT_EQ(c.options.size(), 2u);
    EXPECT_FALSE(c.options[0].available);
    EXPECT_EQ(c.options[1], (OptionView{2, "Let's pause", true, ""}));
    const auto answer = s.choose(2);
    ASSERT_TRUE(answer.accepted());
    EXPECT_EQ(answer.result->feedback, "Nothing else to do.");
    EXPECT_TRUE(s.finished());
}

TEST(Session, BranchTakesFirstTrueCaseUsingVisits)
{
    const auto scenario = mustLoad(scenarioWith(kVars, R"(  intro:
    type: choice
    options:
      - {text: Loop, goto: seen, once: true}
      - {text: Go, goto: check}
  seen: {type: line, speaker: sam, text: again, next: intro}
  check:
    type: branch
    cases:
      - {if: trust > 8, goto: great}
      - {if: visits(seen) > 0 and visited(intro), goto: looped}
    else: plain
  great: {type: end, outcome: good, debrief: g}
  looped: {type: end, outcome: mixed, debrief: l}
  plain: {type: end, outcome: poor, debrief: p}
)"));
    Session direct(scenario);
    direct.choose(2);
    EXPECT_EQ(nodeOf(direct), "plain");

    Session looped(scenario);
    looped.choose(1);
    looped.next();
    EXPECT_EQ(asChoice(looped).options.size(), 1u);
    looped.choose(1);
    EXPECT_EQ(nodeOf(looped), "looped");
    EXPECT_EQ(looped.state().visits[scenario->findNode("intro").value()], 2u);
}

const std::string kRespond = R"(  intro:
    type: respond
    speaker: sam
    prompt: "Sam: can you call them?"
    routes:
      - label: takeover
        match: {any: ["i'll call", "let me call"]}
        goto: bad
        evidence: {own: -3}
        feedback: That takes the deal over.
      - label: asked
        match: {any: [what, how], none: [should]}
        goto: good
        evidence: {ask: 2}
        feedback: You asked.
      - label: both
        match: {all: [plan, "next step"]}
        goto: good
      - label: analysed
        match: {acts: [open_question]}
        goto: good
      - label: trusted
        match: {any: [trust]}
        if: trust > 5
        goto: good
    otherwise: {goto: meh, feedback: Try a question.}
    model_answer: What have you tried so far?
  good: {type: end, outcome: good, debrief: g}
  bad: {type: end, outcome: poor, debrief: b}
  meh: {type: end, outcome: mixed, debrief: m}
)";

std::string routeFor(const std::shared_ptr<const core::Scenario>& scenario, const std::string& text,
                     std::shared_ptr<const core::UtteranceAnalyser> analyser = nullptr)
{
    SessionOptions options;
    options.analyser = std::move(analyser);
    Session s(scenario, options);
    const auto answer = s.respond(text);
    EXPECT_TRUE(answer.accepted());
    return answer.result ? answer.result->route : "";
}

TEST(Session, RespondRoutesByPhrasesOnWordBoundariesCaseInsensitively)
{
    const auto scenario = mustLoad(scenarioWith(kVars, kRespond));
    EXPECT_EQ(routeFor(scenario, "Sure, I'll call them now"), "takeover");
    EXPECT_EQ(routeFor(scenario, "Fine — I\u2019ll CALL the CFO"), "takeover"); // curly apostrophe, caps
    EXPECT_EQ(routeFor(scenario, "What happened on Tuesday?"), "asked");
    EXPECT_EQ(routeFor(scenario, "What should you do?"), "otherwise"); // 'none' vetoes
    EXPECT_EQ(routeFor(scenario, "Whatever works"), "otherwise");      // 'what' is not a word here
    EXPECT_EQ(routeFor(scenario, "The plan needs a next   step"), "both");
    EXPECT_EQ(routeFor(scenario, "The plan is fine"), "otherwise");
    EXPECT_EQ(routeFor(scenario, "I trust you"), "otherwise"); // condition trust > 5 fails
}

struct FixedAnalyser : core::UtteranceAnalyser {
    core::UtteranceAnalysis analyse(std::string_view) const override
    {
        return {core::Act::OpenQuestion, "", {}, {}, {}, 0, false, {}};
    }
};

TEST(Session, ActRoutesUseTheAnalyserAndNeverMatchWithoutOne)
{
    const auto scenario = mustLoad(scenarioWith(kVars, kRespond));
    EXPECT_EQ(routeFor(scenario, "Walk me through it"), "otherwise");
    EXPECT_EQ(routeFor(scenario, "Walk me through it", std::make_shared<FixedAnalyser>()), "analysed");
}

TEST(Session, DetectionRoutesAreTriedBeforePhraseRoutes)
{
    const auto scenario = mustLoad(scenarioWith(kVars, kRespond));
    const auto& respond = std::get<core::RespondNode>(scenario->nodes[*scenario->findNode("intro")].body);
    EXPECT_EQ(respond.tryOrder(), (std::vector<std::size_t>{3, 0, 1, 2, 4})); // `analysed` first
    // The scorer hears a question: the detection route answers it, whatever phrases come earlier.
    EXPECT_EQ(routeFor(scenario, "I'll call them if it comes to that, but what happened?",
                       std::make_shared<FixedAnalyser>()),
              "analysed");
    // Without the scorer, phrases still route.
    EXPECT_EQ(routeFor(scenario, "I'll call them if it comes to that, but what happened?"), "takeover");
}

TEST(Session, APhraseInANegatedClauseIsNotSaid)
{
    const auto scenario = mustLoad(scenarioWith(kVars, kRespond));
    EXPECT_EQ(routeFor(scenario, "I won't call them for you. What happened on Tuesday?"), "asked");
    EXPECT_EQ(routeFor(scenario, "I am not saying let me call them. What happened?"), "asked");
    EXPECT_EQ(routeFor(scenario, "No, I'll call them."), "takeover"); // the "No" ends its own clause
}

struct TakeoverAnalyser : core::UtteranceAnalyser {
    core::UtteranceAnalysis analyse(std::string_view text) const override
    {
        if (text.find("call") != std::string_view::npos)
            return {core::Act::Advice, "", {"takeover"}, {}, {}, 0, false, {}};
        return {core::Act::Reflection, "complex", {"emotion_acknowledged"}, {}, {}, 0, false, {}};
    }
};

TEST(Session, RoutesByPrincipleScoresOfWhatWasDetected)
{
    const auto scenario = mustLoad(R"(framework:
  id: f
  name: F
  principles:
    - {id: listen, name: Listen, description: d}
    - {id: own, name: Own, description: d}
  scoring:
    reflection: {listen: 1}
    depth:complex: {listen: 1}
    emotion_acknowledged: {listen: 1}
    takeover: {own: -3}
scenario: {id: s, title: S, kind: roleplay}
cast: [{id: rep, name: Rep}]
start: ask
nodes:
  ask:
    type: respond
    prompt: Go on.
    routes:
      - {label: took-over, match: {at_most: {own: -2}}, goto: bad}
      - {label: listened, match: {at_least: {listen: 3}}, goto: good}
      - {label: some, match: {at_least: {listen: 1}, tags: [emotion_acknowledged]}, goto: good}
    otherwise: {goto: bad}
  good: {type: end, outcome: good, debrief: g}
  bad: {type: end, outcome: poor, debrief: b}
)");
    ASSERT_TRUE(scenario);
    SessionOptions options;
    options.analyser = std::make_shared<TakeoverAnalyser>();
    Session takeover(scenario, options);
    EXPECT_EQ(takeover.respond("I'll call them").result->route, "took-over");
    Session listened(scenario, options);
    EXPECT_EQ(listened.respond("You sound gutted").result->route, "listened"); // 1 + 1 + 1 = 3
    Session without(scenario);
    EXPECT_EQ(without.respond("You sound gutted").result->route, "otherwise"); // no analyser: never matches
}

TEST(Session, RespondRouteConditionsAndEffectsApplyLikeAChoices)
{
    // A route's `if` is tested when its phrases match; the taken route's (or `otherwise`'s)
    // effects apply, clamped to the declared range, before the next node is entered.
    const auto scenario = mustLoad(scenarioWith(kVars, R"(  intro:
    type: respond
    prompt: Go on.
    routes:
      - label: warm
        match: {any: [thanks]}
        if: trust > 3
        do: [trust += 20, escalated = true]
        goto: done
      - label: cold
        match: {any: [thanks]}
        goto: done
    otherwise: {goto: done, do: [trust -= 1]}
  done: {type: end, outcome: good, debrief: "Trust {trust}."}
)"));
    Session warm(scenario);
    EXPECT_EQ(warm.respond("thanks for that").result->route, "warm");
    EXPECT_EQ(std::get<std::int64_t>(warm.value("trust")), 10);
    EXPECT_EQ(std::get<bool>(warm.value("escalated")), true);
    EXPECT_EQ(std::get<EndEvent>(warm.current()).debrief, "Trust 10.");

    Session other(scenario);
    EXPECT_EQ(other.respond("no idea").result->route, "otherwise");
    EXPECT_EQ(std::get<std::int64_t>(other.value("trust")), 3);
    EXPECT_EQ(std::get<bool>(other.value("escalated")), false);
}

TEST(Session, RespondRecordsAnswerFeedbackAndTranscript)
{
    Session s(mustLoad(scenarioWith(kVars, kRespond)));
    EXPECT_EQ(std::get<PromptEvent>(s.current()).speakerName, "Sam Rivera");
    EXPECT_FALSE(s.choose(1).accepted());
    const auto answer = s.respond("let me call their CFO");
    ASSERT_TRUE(answer.accepted());
    EXPECT_EQ(answer.result->feedback, "That takes the deal over.");
    ASSERT_EQ(s.transcript().size(), 2u);
    ASSERT_TRUE(std::holds_alternative<TypedAnswer>(s.transcript()[0]));
    EXPECT_EQ(std::get<TypedAnswer>(s.transcript()[0]).text, "let me call their CFO");
    EXPECT_EQ(std::get<TypedAnswer>(s.transcript()[0]).route, "takeover");
    EXPECT_FALSE(std::get<TypedAnswer>(s.transcript()[0]).analysis); // no analyser, nothing recorded
    EXPECT_EQ(std::get<Ending>(s.transcript()[1]).outcome, core::Outcome::Poor);
    EXPECT_FALSE(s.respond("again").accepted()); // finished
}

TEST(Session, UndoRestoresStateTranscriptAndOnceOptions)
{
    Session s(mustLoad(scenarioWith(kVars, kChoice)));
    EXPECT_FALSE(s.canUndo());
    EXPECT_FALSE(s.undo());
    const auto before = s.state();
    s.choose(3); // Vent (once-only)
    s.choose(1); // Ask: trust 6
    EXPECT_EQ(s.transcript().size(), 3u);
    ASSERT_TRUE(s.undo());
    EXPECT_EQ(std::get<std::int64_t>(s.value("trust")), 4);
    EXPECT_EQ(s.transcript().size(), 1u);
    EXPECT_EQ(asChoice(s).options.size(), 2u); // Vent still used
    ASSERT_TRUE(s.undo());
    EXPECT_EQ(s.state(), before);
    EXPECT_TRUE(s.transcript().empty());
    EXPECT_EQ(asChoice(s).options.size(), 3u);
}

const std::string kRandom = R"yaml(  intro:
    type: choice
    shuffle: true
    options:
      - {text: A, goto: roll}
      - {text: B, goto: roll}
      - {text: C, goto: roll}
      - {text: D, goto: roll}
      - {text: E, goto: roll}
  roll: {type: line, speaker: sam, text: "rolled {trust}", do: ["trust = random(1, 10)"], next: done}
  done: {type: end, outcome: good, debrief: x}
)yaml";

std::string playRandom(const std::shared_ptr<const core::Scenario>& scenario, std::uint64_t seed)
{
    SessionOptions options;
    options.seed = seed;
    Session s(scenario, options);
    std::string order;
    for (const auto& o : asChoice(s).options)
        order += o.text;
    s.choose(1);
    return order + " " + std::get<LineEvent>(s.current()).text;
}

TEST(Session, RandomnessIsDeterministicForASeed)
{
    const auto scenario = mustLoad(scenarioWith(kVars, kRandom));
    EXPECT_EQ(playRandom(scenario, 7), playRandom(scenario, 7));
    std::set<std::string> outcomes;
    for (std::uint64_t seed = 1; seed <= 20; ++seed)
        outcomes.insert(playRandom(scenario, seed));
    EXPECT_GT(outcomes.size(), 5u); // different seeds really differ
    for (const auto& o : outcomes) {
        const int rolled = std::stoi(o.substr(o.rfind(' ') + 1));
        EXPECT_GE(rolled, 1);
        EXPECT_LE(rolled, 10);
    }
}

TEST(Session, UndoReplaysTheSameRandomDraws)
{
    const auto scenario = mustLoad(scenarioWith(kVars, kRandom));
    Session s(scenario);
    s.choose(2);
    const std::string first = std::get<LineEvent>(s.current()).text;
    s.undo();
    s.choose(2);
    EXPECT_EQ(std::get<LineEvent>(s.current()).text, first);
}

TEST(Session, SessionsOnOneScenarioAreIndependent)
{
    const auto scenario = mustLoad(scenarioWith(kVars, kChoice));
    Session a(scenario);
    Session b(scenario);
    a.choose(1);
    EXPECT_EQ(std::get<std::int64_t>(a.value("trust")), 6);
    EXPECT_EQ(std::get<std::int64_t>(b.value("trust")), 4);
    Session copy = a;
    copy.next();
    EXPECT_EQ(nodeOf(a), "asked");
    EXPECT_EQ(nodeOf(copy), "intro");
}

TEST(Session, WalksABranchWithMoreCasesThanSixteenBitsCountToItsLastCase)
{
    // 70,000 cases fit in a file under the size limit; the last one is the first true one.
    const core::Scenario scenario = branchWithCases(70'000);
    const Session session(std::make_shared<const core::Scenario>(scenario));
    EXPECT_EQ(session.state().cursor, 2u);
}

} // namespace
} // namespace sparring::test

namespace sparring::test {
namespace {

/// score() reads the evidence authored on the answers so far; an undo takes it back, and a
/// restored save recomputes it from the transcript.
TEST(Session, ScoreReadsTheEvidenceOfTheAnswersSoFar)
{
    const auto scenario = mustLoad(std::string(R"(scenario: {id: s, title: S, kind: roleplay}
cast: [{id: rep, name: Rep}]
start: pick
nodes:
  pick:
    type: choice
    options:
      - {text: Ask, goto: again, evidence: {ask: 2}}
      - {text: Tell, goto: again, evidence: {ask: -1, own: -1}}
  again:
    type: choice
    options:
      - {text: Ask again, goto: check, evidence: {ask: 1}}
  check:
    type: branch
    cases:
      - {if: "score(ask) >= 3", goto: good}
    else: poor
  good: {type: end, outcome: good, debrief: g}
  poor: {type: end, outcome: poor, debrief: p}
)") + kFramework);
    runtime::Session asked(scenario);
    ASSERT_TRUE(asked.choose(1).accepted());
    ASSERT_TRUE(asked.choose(1).accepted());
    EXPECT_EQ(std::get<runtime::EndEvent>(asked.current()).nodeId, "good");

    runtime::Session told(scenario);
    ASSERT_TRUE(told.choose(2).accepted());
    EXPECT_EQ(told.state().scores, (std::vector<std::int64_t>{-1, -1}));
    ASSERT_TRUE(told.undo());
    EXPECT_EQ(told.state().scores, (std::vector<std::int64_t>{0, 0}));
    ASSERT_TRUE(told.choose(1).accepted());
    const auto restored = runtime::restoreSession(scenario, runtime::saveSession(told));
    ASSERT_TRUE(restored.session);
    EXPECT_EQ(restored.session->state().scores, (std::vector<std::int64_t>{2, 0}));
    ASSERT_TRUE(restored.session->canUndo());
    runtime::Session back = *restored.session;
    ASSERT_TRUE(back.undo());
    EXPECT_EQ(back.state().scores, (std::vector<std::int64_t>{0, 0}));
}

} // namespace
} // namespace sparring::test

namespace sparring::test {
namespace {

TEST(Session, ALoopWithoutADecisionStopsWithAClearErrorAfterTheLimit)
{
    runtime::Session session(mustLoad(kLoopScenario));
    std::size_t steps = 0;
    while (session.next())
        ASSERT_LT(++steps, 2 * core::limits::maxStepsBetweenDecisions) << "the session never stopped";
    EXPECT_TRUE(session.finished());
    EXPECT_EQ(session.stopped(), "the scenario loops between 'b' and 'a' without a decision: stopped after "
                                 "10000 steps");
    EXPECT_FALSE(session.next()); // stopped: no more steps
    // The transcript does not grow past the limit either.
    EXPECT_LE(session.transcript().size(), core::limits::maxStepsBetweenDecisions);
}

} // namespace
} // namespace sparring::test
