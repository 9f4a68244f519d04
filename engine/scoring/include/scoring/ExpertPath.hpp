#pragma once
// The expert's path beside the trainee's, for the debrief: at every decision the trainee made,
// what an expert would have picked or said, and whether the trainee's answer fell short of it.
//
// "Expert" means the scenario's own judgement: at a choice, the option whose authored evidence
// adds up highest (the first such, in authored order); at a free-text prompt, the scenario's
// model answer, measured against the best-scoring route. The trainee's answer is measured by the
// same authored evidence, so the two sides are compared on one scale. A decision is missed when
// the trainee's total is lower than the expert's.

#include "core/Scenario.hpp"
#include "runtime/Events.hpp"

#include <functional>
#include <string>
#include <vector>

namespace sparring::scoring {

struct PathStep {
    std::size_t entry = 0; ///< index of the decision in the transcript
    std::string nodeId;
    std::string prompt; ///< the choice's prompt or the prompt's question, as authored
    std::string yours;  ///< what the trainee picked or wrote
    int yourTotal = 0;  ///< the trainee's authored evidence, summed over principles
    std::string expert; ///< the expert option's text or the model answer
    int expertTotal = 0;
    std::string expertWhy; ///< the expert option's feedback: why it works
    bool missed = false;
    bool operator==(const PathStep&) const = default;
};

/// `render` turns an option's or prompt's text template into words (a session renders it with
/// its variables); without one the authored source is shown, `{placeholders}` and all.
[[nodiscard]] std::vector<PathStep>
expertPath(const core::Scenario& scenario, const std::vector<runtime::TranscriptEntry>& transcript,
           const std::function<std::string(const core::TextTemplate&)>& render = {});

} // namespace sparring::scoring
