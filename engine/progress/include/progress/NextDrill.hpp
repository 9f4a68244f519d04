#pragma once
// What to practise next, and why: the scenario that best targets the trainee's weakest principle
// not yet mastered (progress/Kpis.hpp). The rule, in order:
//
// 1. No practice yet: the first scenario of the library (the curriculum's order).
// 2. The principle: of those with evidence and not mastered, the lowest skill; when every
//    practised principle is mastered, the first principle the library focuses on that has no
//    evidence yet; when all are mastered, none: the trainee keeps them sharp with the scenario
//    played longest ago.
// 3. The scenario: one whose focus includes that principle, preferring one never played, then
//    one whose latest attempt did not end well, then the rest; within each, the library's order.
//
// The library's "Recommended next" line and the terminal's `sparring progress` show it; a
// scenario is done (the curriculum's mark) once a session of it ended with a good outcome.

#include "progress/Kpis.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sparring::progress {

/// A scenario the library offers, in the library's (the curriculum's) order.
struct DrillOption {
    std::string scenarioId;
    std::string title;
    std::vector<std::string> focus;      ///< principle ids
    std::vector<std::string> focusNames; ///< the same, by name
};

struct NextDrill {
    std::string scenarioId;
    std::string title;
    std::string principle; ///< id; "" when not chosen for a principle
    std::string reason;    ///< one sentence for the trainee
};

[[nodiscard]] std::optional<NextDrill> nextDrill(const Kpis& kpis, const std::vector<DrillOption>& library);

/// The scenarios that count as done: a session of them ended with a good outcome.
[[nodiscard]] std::set<std::string> doneScenarios(const std::vector<SessionRecord>& sessions);

} // namespace sparring::progress
