#include "scoring/Debrief.hpp"

#include <algorithm>
#include <cassert>

namespace sparring::scoring {

using namespace runtime;

namespace {

/// Decisions before transcript entry `entry`: the turn number of a decision made there.
/// Principle lines from the scorecard: those with any trace.
std::vector<PrincipleLine> scoredPrinciples(const Scorecard& card, const Debrief& debrief)
{
    std::vector<PrincipleLine> out;
    for (const auto& p : card.principles) {
        if (p.traces.empty())
            continue;
        std::vector<std::size_t> entries;
        for (const auto& t : p.traces)
            entries.push_back(t.entry);
        out.push_back({p.principle, p.name, p.score, debrief.answerNumbers(entries)});
    }
    return out;
}

/// Principle lines from the authored evidence alone (no scorer): those any decision touched.
std::vector<PrincipleLine> authoredPrinciples(const Session& session, const Debrief& debrief)
{
    std::vector<PrincipleLine> out;
    const auto& transcript = session.transcript();
    const auto totals = session.totals();
    for (std::size_t p = 0; p < totals.size(); ++p) {
        std::vector<std::size_t> entries;
        for (std::size_t i = 0; i < transcript.size(); ++i)
            if (const auto* d = decisionOf(transcript[i]))
                for (const auto& e : d->evidence)
                    if (e.principle == totals[p].principle)
                        entries.push_back(i);
        if (entries.empty())
            continue;
        out.push_back({totals[p].principle, session.scenario().framework.principles[p].name,
                       static_cast<double>(totals[p].amount), debrief.answerNumbers(entries)});
    }
    return out;
}

/// Whether the route a typed answer took at `nodeId` was chosen by the act the scorer detected.
bool routeAsksForAnAct(const core::Scenario& scenario, const std::string& nodeId, const std::string& label)
{
    const auto node = scenario.findNode(nodeId);
    if (!node)
        return false;
    const auto* respond = std::get_if<core::RespondNode>(&scenario.nodes[*node].body);
    if (!respond)
        return false;
    return std::any_of(respond->routes.begin(), respond->routes.end(), [&](const core::Route& route) {
        return route.label == label && !route.match.acts.empty();
    });
}

/// The scenario's feedback for a route chosen by an act the scorer was unsure of, said as such:
/// the trainee weighs it against what they meant instead of taking a guess as a verdict.
std::string hedged(const std::string& feedback, const Analysis& analysis)
{
    return "(Not sure I read this answer right: it reads most like " + std::string(toString(analysis.act)) +
           ", " + std::to_string(confidencePercent(analysis)) +
           "% sure. Weigh this against what you meant.) " + feedback;
}

/// The report of the decision at `entry`, the `turn`-th (from 0), a typed answer's analysis
/// (typedAnalysis) and the panel's reactions (judgeTranscript) given. Callers count the turns as
/// they go: counting here would make a long session's reports cost the square of its length.
TurnReport reportWith(const core::Scenario& scenario, const std::vector<TranscriptEntry>& transcript,
                      std::size_t entry, std::size_t turn, std::optional<Analysis> analysis,
                      std::vector<Reaction> reactions)
{
    assert(entry < transcript.size());
    const Decision* decision = decisionOf(transcript[entry]);
    assert(decision);
    TurnReport report;
    report.entry = entry;
    report.turn = turn;
    report.nodeId = decision->nodeId;
    report.answer = decision->text;
    report.feedback = decision->feedback;
    report.evidence = decision->evidence;
    if (const auto* typed = std::get_if<TypedAnswer>(&transcript[entry])) {
        report.typed = true;
        report.route = typed->route;
        report.analysis = std::move(analysis);
        if (report.analysis && report.analysis->actUnsure && !report.feedback.empty() &&
            routeAsksForAnAct(scenario, report.nodeId, report.route))
            report.feedback = hedged(report.feedback, *report.analysis);
    }
    report.reactions = std::move(reactions);
    return report;
}

/// reportTurn with the turn's number known.
TurnReport reportNumberedTurn(const core::Scenario& scenario, const std::vector<TranscriptEntry>& transcript,
                              std::size_t entry, std::size_t turn, const Analyser* analyser)
{
    assert(entry < transcript.size());
    const auto* typed = std::get_if<TypedAnswer>(&transcript[entry]);
    return reportWith(scenario, transcript, entry, turn,
                      typed ? typedAnalysis(*typed, analyser) : std::nullopt,
                      judgeDecision(scenario, transcript, entry));
}

} // namespace

TurnReport reportTurn(const core::Scenario& scenario, const std::vector<TranscriptEntry>& transcript,
                      std::size_t entry, const Analyser* analyser)
{
    assert(entry < transcript.size());
    const auto turn =
        std::count_if(transcript.begin(), transcript.begin() + static_cast<std::ptrdiff_t>(entry),
                      [](const TranscriptEntry& e) { return decisionOf(e) != nullptr; });
    return reportNumberedTurn(scenario, transcript, entry, static_cast<std::size_t>(turn), analyser);
}

std::optional<TurnReport> reportLatestDecision(const Session& session, const Analyser* analyser)
{
    // Lines the answer led to are recorded after it: look back past them.
    const auto& transcript = session.transcript();
    for (std::size_t i = transcript.size(); i-- > 0;)
        if (decisionOf(transcript[i]))
            return reportNumberedTurn(session.scenario(), transcript, i, session.decisionCount() - 1,
                                      analyser);
    return std::nullopt;
}

TurnReport shownDuringPlay(const TurnReport& report, FeedbackMode mode)
{
    if (mode == FeedbackMode::Practice)
        return report;
    TurnReport shown;
    shown.entry = report.entry;
    shown.turn = report.turn;
    shown.nodeId = report.nodeId;
    shown.typed = report.typed;
    shown.answer = report.answer;
    return shown;
}

std::vector<std::size_t> Debrief::answerNumbers(const std::vector<std::size_t>& entries) const
{
    std::vector<std::size_t> numbers;
    for (const auto entry : entries)
        for (const auto& t : turns)
            if (t.entry == entry)
                numbers.push_back(t.turn + 1);
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
}

Debrief buildDebrief(const Session& session, const Analyser* analyser)
{
    const auto& scenario = session.scenario();
    const auto& transcript = session.transcript();
    Debrief debrief;
    if (const auto* end = std::get_if<EndEvent>(&session.current()))
        debrief.ending = *end;
    // Each decision analysed once, for its report and the scorecard alike.
    const auto analyses = analyseDecisions(transcript, analyser);
    // The panel judged once for the whole transcript (each expert's lines depend on the earlier ones).
    auto judged = judgeTranscript(scenario, transcript);
    for (std::size_t i = 0; i < transcript.size(); ++i)
        if (decisionOf(transcript[i]))
            debrief.turns.push_back(
                reportWith(scenario, transcript, i, debrief.turns.size(),
                           std::holds_alternative<TypedAnswer>(transcript[i]) ? analyses[i] : std::nullopt,
                           std::move(judged[i])));

    if (analyser) {
        const auto card = buildScorecard(scenario, transcript, analyses);
        debrief.principles = scoredPrinciples(card, debrief);
        // The conversation ratios (share of the words, reflections per question, advice after
        // asking) describe a conversation with a rep; on a panel the trainee takes positions in
        // front of experts, and those ratios would grade the wrong thing.
        if (scenario.meta.kind != core::ScenarioKind::Panel)
            debrief.speech = card.speech;
        debrief.scored = true;
    } else {
        debrief.principles = authoredPrinciples(session, debrief);
    }
    if (!debrief.principles.empty()) {
        // The last of the highest and the first of the lowest, as std::minmax_element gives them.
        const auto [worst, best] =
            std::minmax_element(debrief.principles.begin(), debrief.principles.end(),
                                [](const auto& a, const auto& b) { return a.score < b.score; });
        debrief.strongest = static_cast<std::size_t>(best - debrief.principles.begin());
        if (worst != best && worst->score < best->score)
            debrief.toWorkOn = static_cast<std::size_t>(worst - debrief.principles.begin());
    }

    debrief.path =
        expertPath(scenario, transcript, [&](const core::TextTemplate& t) { return session.render(t); });
    std::vector<std::string> shownAsStronger;
    for (const auto& step : debrief.path)
        if (step.missed && !step.expert.empty())
            shownAsStronger.push_back(step.nodeId);
    for (const auto& node : scenario.nodes) {
        const auto* respond = std::get_if<core::RespondNode>(&node.body);
        if (!respond || respond->modelAnswer.empty() ||
            std::find(shownAsStronger.begin(), shownAsStronger.end(), node.id) != shownAsStronger.end())
            continue;
        const bool reached = std::any_of(transcript.begin(), transcript.end(), [&](const TranscriptEntry& e) {
            return std::holds_alternative<TypedAnswer>(e) && nodeIdOf(e) == node.id;
        });
        if (reached)
            debrief.otherModelAnswers.push_back({node.id, respond->modelAnswer});
    }
    return debrief;
}

} // namespace sparring::scoring
