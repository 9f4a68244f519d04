#include "scoring/Scorecard.hpp"

#include <algorithm>
#include <cassert>

namespace sparring::scoring {

using namespace runtime;

namespace {

/// Whitespace-separated words: enough for a share of talk.
std::size_t countWords(const std::string& text)
{
    std::size_t words = 0;
    bool inWord = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    return words;
}

bool has(const std::vector<std::string>& tags, std::string_view tag)
{
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

void count(Measure& measure, std::size_t entry)
{
    ++measure.value;
    measure.entries.push_back(entry);
}

/// How a detected label is named where it is traced: "act advice", "tag takeover", "depth:complex".
std::string traceSource(const std::string& label, core::Act act)
{
    if (label == core::toString(act))
        return "act " + label;
    if (label.rfind("depth:", 0) == 0)
        return label;
    return "tag " + label;
}

} // namespace

std::optional<Analysis> typedAnalysis(const TypedAnswer& answer, const Analyser* analyser)
{
    if (answer.analysis)
        return answer.analysis;
    if (analyser)
        return analyser->explain(answer.text);
    return std::nullopt;
}

std::vector<std::optional<Analysis>> analyseDecisions(const std::vector<TranscriptEntry>& transcript,
                                                      const Analyser* analyser)
{
    std::vector<std::optional<Analysis>> out(transcript.size());
    for (std::size_t i = 0; i < transcript.size(); ++i) {
        if (const auto* typed = std::get_if<TypedAnswer>(&transcript[i]))
            out[i] = typedAnalysis(*typed, analyser);
        else if (const auto* picked = std::get_if<PickedOption>(&transcript[i]))
            out[i] = analyser ? std::optional<Analysis>(analyser->classify(picked->text)) : std::nullopt;
    }
    return out;
}

Scorecard buildScorecard(const core::Scenario& scenario, const std::vector<TranscriptEntry>& transcript,
                         const Analyser& analyser)
{
    return buildScorecard(scenario, transcript, analyseDecisions(transcript, &analyser));
}

Scorecard buildScorecard(const core::Scenario& scenario, const std::vector<TranscriptEntry>& transcript,
                         const std::vector<std::optional<Analysis>>& analyses)
{
    assert(analyses.size() == transcript.size());
    Scorecard card;
    const auto& framework = scenario.framework;
    for (const auto& p : framework.principles)
        card.principles.push_back({p.id, p.name, 0, {}});
    const auto credit = [&](std::size_t principle, std::size_t entry, const std::string& source,
                            double amount) {
        auto& line = card.principles[principle];
        line.score += amount;
        line.traces.push_back({entry, source, amount});
    };

    SpeechMeasures& m = card.speech;
    std::size_t traineeWords = 0, otherWords = 0;
    bool askedThisTopic = false;
    for (std::size_t i = 0; i < transcript.size(); ++i) {
        if (const auto* line = std::get_if<SpokenLine>(&transcript[i])) {
            otherWords += countWords(line->text);
            askedThisTopic = false; // the other side spoke: a new topic
            continue;
        }
        const auto* decision = decisionOf(transcript[i]);
        if (!decision || !analyses[i])
            continue;
        traineeWords += countWords(decision->text);
        const bool typed = std::holds_alternative<TypedAnswer>(transcript[i]);
        for (const auto& e : decision->evidence)
            if (const auto p = scenario.findPrinciple(e.principle))
                credit(*p, i, typed ? "route evidence" : "option evidence", e.amount);

        const Analysis& a = *analyses[i];
        // Free text is scored by what it does; picked options carry their authored evidence.
        if (typed)
            for (const auto& w : framework.weightsFor(scoringLabels(a)))
                credit(w.principle, i, traceSource(w.label, a.act), w.weight);
        count(core::isQuestion(a.act) ? m.questions : m.statements, i);
        if (core::isReflective(a.act))
            count(m.reflections, i);
        if (a.act == core::Act::Advice) {
            count(m.adviceGiven, i);
            if (askedThisTopic || has(a.tags, "permission_asked"))
                count(m.adviceAfterAskingFirst, i);
        }
        askedThisTopic = askedThisTopic || core::isQuestion(a.act) || core::isReflective(a.act) ||
                         has(a.tags, "permission_asked");
    }
    m.reflectionsPerQuestion = {m.questions.value > 0 ? m.reflections.value / m.questions.value : 0.0,
                                m.reflections.entries};
    const double total = static_cast<double>(traineeWords + otherWords);
    m.traineeShareOfWords = {total > 0 ? static_cast<double>(traineeWords) / total : 0.0, {}};
    return card;
}

} // namespace sparring::scoring
