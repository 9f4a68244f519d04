#pragma once
// Whole-graph checks of a loaded scenario: reachability, dead ends, traps with no way to an
// ending, options and endings that can never be reached. Linear in nodes plus edges.

#include "core/Diagnostic.hpp"
#include "core/Scenario.hpp"

namespace sparring::core {

/// Every graph problem of `scenario`, as SP03xx diagnostics (errors and warnings), and for a
/// panel its rounds' problems (validatePanelRounds).
[[nodiscard]] Diagnostics validate(const Scenario& scenario);

/// A panel's rounds as authored (SP0405-SP0408): rounds where no expert takes a position, position
/// lines no answer on the round can earn, lines written twice (a session could repeat them), and
/// commitments no answer makes.
[[nodiscard]] Diagnostics validatePanelRounds(const Scenario& scenario);

/// The nodes a node can go to next, leaving out options and cases whose condition can never
/// be true. Shared by the validator and the graph export.
[[nodiscard]] std::vector<std::size_t> successors(const Scenario& scenario, std::size_t node);

} // namespace sparring::core
