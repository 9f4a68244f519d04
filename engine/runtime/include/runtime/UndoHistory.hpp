#pragma once
// What undo() goes back to: the session's state at each decision, kept as what changed between
// one decision and the next rather than as whole copies. A whole state holds a visit count per
// node, so whole copies cost the scenario's size per decision (887 MB after 100,000 choices on a
// 2,001-node scenario, issue 17); a decision changes a handful of counts and variables.
//
// The latest state is kept whole; each earlier one as a reverse delta, the way from the state
// after it back to it: the variables and visit counts that differ, the small per-decision parts
// (options offered, scores, moods, once-only options used) when they differ, all written as
// variable-length integers in one byte log. push() and pop() cost the size of a state (one
// comparison, one copy), not the length of the history; states() rebuilds them all, oldest
// first, for a save.

#include "runtime/SessionState.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace sparring::runtime {

class UndoHistory {
public:
    /// Records the state at a decision, before the decision changes it.
    void push(const SessionState& atDecision);
    /// The latest recorded state, removed from the history; nothing when it is empty.
    std::optional<SessionState> pop();
    [[nodiscard]] bool empty() const { return !m_latest.has_value(); }
    [[nodiscard]] std::size_t size() const;
    void clear();

    /// Every recorded state, oldest first.
    [[nodiscard]] std::vector<SessionState> states() const;
    /// A history holding `states` (oldest first), as a restored save gives them.
    [[nodiscard]] static UndoHistory fromStates(const std::vector<SessionState>& states);

private:
    std::optional<SessionState> m_latest;
    /// How to go back from m_latest, decision by decision: each entry is a reverse delta in a
    /// compact byte encoding (UndoHistory.cpp), the newest last. Tens of bytes per decision.
    std::vector<std::uint8_t> m_log;
    std::vector<std::size_t> m_starts; ///< where each delta begins in m_log
};

} // namespace sparring::runtime
