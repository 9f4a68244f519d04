#pragma once
// `sparring graph`: a scenario as a Graphviz DOT digraph, with node kinds, conditions and
// endings visible, for authors reviewing a scenario's shape.

#include "console/PlayedPaths.hpp"
#include "core/PathAnalysis.hpp"
#include "core/Scenario.hpp"

#include <string>

namespace sparring::console {

/// What is laid over the scenario's shape (either, both or neither).
struct GraphOverlay {
    /// Where trainees went (`graph --path`): walked nodes and edges in blue, drawn heavier the
    /// more often they were walked and labelled with the count; the rest greyed.
    const PlayedPaths* played = nullptr;
    /// What the path analysis found (`graph --analysis`): nodes no path reaches filled red with
    /// dashes; a good ending reached with a focus principle below zero outlined red.
    const core::PathAnalysis* analysis = nullptr;
};

/// Shapes: line = box, choice = diamond, respond = parallelogram, branch = hexagon,
/// end = double octagon coloured by outcome (good green, mixed amber, poor red).
/// Edges carry the option number and text, route labels, conditions in [brackets], effects.
/// No label or id carries a control character: each is shown as core::terminalSafe writes it
/// (`\x1B`, `\u009B`; invalid UTF-8 as U+FFFD), so the DOT is safe on a terminal and valid UTF-8.
[[nodiscard]] std::string toDot(const core::Scenario& scenario, const GraphOverlay& overlay = {});

} // namespace sparring::console
