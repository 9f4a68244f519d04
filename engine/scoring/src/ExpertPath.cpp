#include "scoring/ExpertPath.hpp"

#include <numeric>

namespace sparring::scoring {

namespace {

int total(const std::vector<core::Evidence>& evidence)
{
    return std::accumulate(evidence.begin(), evidence.end(), 0,
                           [](int sum, const core::Evidence& e) { return sum + e.amount; });
}

int total(const std::vector<runtime::EvidenceItem>& evidence)
{
    return std::accumulate(evidence.begin(), evidence.end(), 0,
                           [](int sum, const runtime::EvidenceItem& e) { return sum + e.amount; });
}

} // namespace

std::vector<PathStep> expertPath(const core::Scenario& scenario,
                                 const std::vector<runtime::TranscriptEntry>& transcript,
                                 const std::function<std::string(const core::TextTemplate&)>& render)
{
    const auto words = [&](const core::TextTemplate& text) { return render ? render(text) : text.source; };
    std::vector<PathStep> steps;
    for (std::size_t i = 0; i < transcript.size(); ++i) {
        const auto* decision = runtime::decisionOf(transcript[i]);
        if (!decision)
            continue;
        const auto& entry = *decision;
        const auto node = scenario.findNode(entry.nodeId);
        if (!node)
            continue; // a transcript from another version of the scenario
        PathStep step;
        step.entry = i;
        step.nodeId = entry.nodeId;
        step.yours = entry.text;
        step.yourTotal = total(entry.evidence);
        const auto& body = scenario.nodes[*node].body;
        if (const auto* choice = std::get_if<core::ChoiceNode>(&body)) {
            step.prompt = words(choice->prompt);
            const core::Option* best = nullptr;
            for (const auto& option : choice->options)
                if (!best || total(option.then.evidence) > total(best->then.evidence))
                    best = &option;
            if (best) {
                step.expert = words(best->text);
                step.expertTotal = total(best->then.evidence);
                step.expertWhy = best->then.feedback;
            }
        } else if (const auto* respond = std::get_if<core::RespondNode>(&body)) {
            step.prompt = words(respond->prompt);
            step.expert = respond->modelAnswer;
            int best = total(respond->otherwise.evidence);
            const core::Consequence* bestThen = &respond->otherwise;
            for (const auto& route : respond->routes)
                if (total(route.then.evidence) > best) {
                    best = total(route.then.evidence);
                    bestThen = &route.then;
                }
            step.expertTotal = best;
            step.expertWhy = bestThen->feedback;
        }
        step.missed = step.yourTotal < step.expertTotal;
        steps.push_back(std::move(step));
    }
    return steps;
}

} // namespace sparring::scoring
