#pragma once
// What undo() goes back to: the session's state at each decision, kept as what changed between
// one decision and the next rather than as whole copies. A whole state holds a visit count per
// node, so whole copies cost the scenario's size per decision (887 MB after 100,000 choices on a
// 2,001-node scenario, issue 17); a decision changes a handful of counts and variables.
//
// The latest state is kept whole; each earlier one as a reverse delta, the way from the state
// after it back to it. push() and pop() cost the size of a state (one comparison, one copy),
// not the length of the history; states() rebuilds them all, oldest first, for a save.

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
    [[nodiscard]] std::size_t size() const { return m_latest ? m_earlier.size() + 1 : 0; }
    void clear();

    /// Every recorded state, oldest first.
    [[nodiscard]] std::vector<SessionState> states() const;
    /// A history holding `states` (oldest first), as a restored save gives them.
    [[nodiscard]] static UndoHistory fromStates(const std::vector<SessionState>& states);

private:
    /// How to turn a state into the one recorded before it. Variables and visit counts are
    /// listed where they differ; the small per-decision parts are kept whole when they differ.
    struct Delta {
        std::size_t cursor = 0;
        std::uint64_t draws = 0;
        std::size_t transcriptSize = 0;
        std::vector<std::pair<std::uint32_t, core::Value>> variables;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> visits;
        /// Whole vectors, for the parts whose bit is set in `whole`.
        std::uint8_t whole = 0;
        std::vector<core::Value> allVariables;
        std::vector<std::uint32_t> allVisits;
        std::vector<std::pair<std::size_t, std::size_t>> onceUsed;
        std::vector<std::string> moods;
        std::vector<std::int64_t> scores;
        std::vector<std::size_t> offered;
        std::vector<char> offeredAvailable;
    };
    [[nodiscard]] static Delta difference(const SessionState& from, const SessionState& to);
    static void apply(const Delta& delta, SessionState& state);

    std::optional<SessionState> m_latest;
    std::vector<Delta> m_earlier; ///< m_earlier.back() leads from m_latest to the state before it
};

} // namespace sparring::runtime
