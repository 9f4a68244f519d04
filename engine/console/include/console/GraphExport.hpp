#pragma once
// `sparring graph`: a scenario as a Graphviz DOT digraph, with node kinds, conditions and
// endings visible, for authors reviewing a scenario's shape.

#include "core/Scenario.hpp"

#include <string>

namespace sparring::console {

/// Shapes: line = box, choice = diamond, respond = parallelogram, branch = hexagon,
/// end = double octagon coloured by outcome (good green, mixed amber, poor red).
/// Edges carry the option number and text, route labels, conditions in [brackets], effects.
[[nodiscard]] std::string toDot(const core::Scenario& scenario);

} // namespace sparring::console
