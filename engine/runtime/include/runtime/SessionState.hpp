#pragma once
// The mutable part of a session (Session.hpp), a plain value: what a save stores and undo restores.

#include "core/Value.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sparring::runtime {

/// The mutable part of a session, a plain value (also what undo restores).
struct SessionState {
    std::size_t cursor = 0;
    std::vector<core::Value> variables;
    std::vector<std::uint32_t> visits;
    std::vector<std::pair<std::size_t, std::size_t>> onceUsed; ///< (node, option index), sorted
    std::vector<std::string> moods;                            ///< per character
    /// Per principle: the evidence authored on the answers so far, what score() reads. Restored
    /// saves recompute it from the transcript.
    std::vector<std::int64_t> scores;
    std::uint64_t draws = 0; ///< random numbers drawn so far
    std::size_t transcriptSize = 0;
    /// At a choice: the options offered, in display order, and whether each is available.
    /// Decided once on arrival (conditions may draw random numbers), so a redraw never differs.
    std::vector<std::size_t> offered;
    std::vector<char> offeredAvailable;
    bool operator==(const SessionState&) const = default;
};

} // namespace sparring::runtime
