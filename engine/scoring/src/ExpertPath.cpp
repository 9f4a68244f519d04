#include "scoring/ExpertPath.hpp"

#include "core/Saturating.hpp"

#include <cstdint>

namespace sparring::scoring {

namespace {

/// An answer's evidence summed; a restored save's amounts are anyone's numbers, so the sum
/// saturates like the expression language's.
template <typename Items> int total(const Items& evidence)
{
    std::int64_t sum = 0;
    for (const auto& e : evidence)
        sum = core::saturating::saturatingAdd(sum, e.amount);
    return core::saturating::saturatingToInt(sum);
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
