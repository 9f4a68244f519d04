#include "progress/Recording.hpp"

#include <algorithm>

namespace sparring::progress {

namespace {

DecisionRecord decisionOf(const scoring::TurnReport& turn, const scoring::Debrief& debrief)
{
    DecisionRecord d;
    d.turn = turn.turn;
    d.nodeId = turn.nodeId;
    d.typed = turn.typed;
    d.text = turn.answer;
    d.route = turn.route;
    d.authored = turn.evidence;
    if (turn.analysis) {
        d.act = std::string(core::toString(turn.analysis->act));
        d.depth = turn.analysis->depth;
        d.confidence = turn.analysis->actConfidence;
        d.tags = turn.analysis->tags;
        d.detected = turn.analysis->evidence;
    }
    for (const auto& e : turn.evidence)
        d.yourTotal += e.amount;
    const auto step = std::find_if(debrief.path.begin(), debrief.path.end(),
                                   [&](const scoring::PathStep& s) { return s.entry == turn.entry; });
    if (step != debrief.path.end()) {
        d.yourTotal = step->yourTotal;
        d.expertTotal = step->expertTotal;
        d.expertAnswer = step->expert;
    }
    return d;
}

SpeechRecord speechOf(const scoring::SpeechMeasures& m)
{
    return {m.questions.value,
            m.statements.value,
            m.reflections.value,
            m.reflectionsPerQuestion.value,
            m.traineeShareOfWords.value,
            m.adviceGiven.value,
            m.adviceAfterAskingFirst.value};
}

} // namespace

bool isPractice(const runtime::Session& session)
{
    return std::any_of(session.transcript().begin(), session.transcript().end(),
                       [](const runtime::TranscriptEntry& e) { return runtime::decisionOf(e) != nullptr; });
}

std::string modeName(scoring::FeedbackMode mode)
{
    return mode == scoring::FeedbackMode::Assessment ? "assessment" : "practice";
}

SessionRecord recordOf(const runtime::Session& session, const scoring::Debrief& debrief,
                       const SessionContext& context)
{
    const auto& scenario = session.scenario();
    SessionRecord r;
    r.id = context.id;
    r.trainee = context.trainee;
    r.scenarioId = scenario.meta.id;
    r.scenarioTitle = scenario.meta.title;
    r.scenarioVersion = scenario.meta.version;
    r.fingerprint = scenario.fingerprint;
    r.scenarioKind = std::string(core::toString(scenario.meta.kind));
    r.mode = context.mode;
    r.frontEnd = context.frontEnd;
    r.started = context.started;
    r.ended = std::max(now(), context.started);
    r.finished = session.finished() && debrief.ending.has_value();
    if (debrief.ending) {
        r.outcome = std::string(core::toString(debrief.ending->outcome));
        r.endingTitle = debrief.ending->title;
    }
    for (const auto& turn : debrief.turns)
        r.decisions.push_back(decisionOf(turn, debrief));
    for (const auto& p : debrief.principles)
        r.principles.push_back({p.principle, p.name, p.score, p.answers.size()});
    if (debrief.speech)
        r.speech = speechOf(*debrief.speech);
    return r;
}

} // namespace sparring::progress
