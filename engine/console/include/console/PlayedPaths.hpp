#pragma once
// Where trainees went: transcripts written by `play --transcript` (or the trainer) laid over a
// scenario's graph, as how often each node and each edge was walked. For `sparring graph --path`.
//
// A transcript records the lines spoken, the decisions taken and the ending; branch nodes pass
// silently. Between two recorded nodes the walk is therefore found through branch nodes only,
// and the edge a decision took is the option as written (`optionIndex`, kept since transcripts
// have it; older ones are matched by the option's text) or the route by its label.

#include "core/Scenario.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sparring::console {

/// An edge of the scenario graph: from a node, its `slot`-th way out. Slots follow the node as
/// written: a line's `next` is 0; a choice's options, then its fallback; a prompt's routes, then
/// `otherwise`; a branch's cases, then `else`.
using EdgeSlot = std::pair<std::size_t, std::size_t>;

/// The targets of a node's ways out, by slot (an end node has none).
[[nodiscard]] std::vector<std::size_t> waysOut(const core::Node& node);

struct PlayedPaths {
    std::size_t plays = 0;                     ///< transcripts laid over the graph
    std::vector<std::size_t> nodeWalks;        ///< by node index
    std::map<EdgeSlot, std::size_t> edgeWalks; ///< by edge
    std::size_t startWalks = 0;                ///< plays that entered the start node
    std::vector<std::string> problems;         ///< "FILE: entry N: ...", one per transcript at most
};

/// Lays one transcript (its JSON text, as `name` for messages) over `scenario`, adding to
/// `paths`. A transcript of another scenario, or that is not a transcript, is refused with a
/// message (returned, and nothing is added); a transcript that parts from the scenario (it was
/// edited since) counts up to where it parts, and the problem is added to `paths.problems`.
[[nodiscard]] std::optional<std::string> addTranscript(const core::Scenario& scenario, std::string_view json,
                                                       const std::string& name, PlayedPaths& paths);

} // namespace sparring::console
