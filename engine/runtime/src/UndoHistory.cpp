#include "runtime/UndoHistory.hpp"

#include <algorithm>

namespace sparring::runtime {

namespace {

enum WholePart : std::uint8_t {
    Variables = 1,
    Visits = 2,
    OnceUsed = 4,
    Moods = 8,
    Scores = 16,
    Offered = 32,
    OfferedAvailable = 64,
};

/// The entries of `to` that differ from `from`, by index (same lengths).
template <typename T, typename Stored>
void changedEntries(const std::vector<T>& from, const std::vector<T>& to,
                    std::vector<std::pair<std::uint32_t, Stored>>& out)
{
    for (std::size_t i = 0; i < to.size(); ++i)
        if (!(from[i] == to[i]))
            out.emplace_back(static_cast<std::uint32_t>(i), to[i]);
}

} // namespace

UndoHistory::Delta UndoHistory::difference(const SessionState& from, const SessionState& to)
{
    Delta delta;
    delta.cursor = to.cursor;
    delta.draws = to.draws;
    delta.transcriptSize = to.transcriptSize;
    if (from.variables.size() == to.variables.size()) {
        changedEntries(from.variables, to.variables, delta.variables);
    } else {
        delta.whole |= Variables;
        delta.allVariables = to.variables;
    }
    if (from.visits.size() == to.visits.size()) {
        changedEntries(from.visits, to.visits, delta.visits);
    } else {
        delta.whole |= Visits;
        delta.allVisits = to.visits;
    }
    // Small, and most of them change at every decision: kept whole when they differ.
    const auto keep = [&](WholePart part, const auto& a, const auto& b, auto& slot) {
        if (!(a == b)) {
            delta.whole |= part;
            slot = b;
        }
    };
    keep(OnceUsed, from.onceUsed, to.onceUsed, delta.onceUsed);
    keep(Moods, from.moods, to.moods, delta.moods);
    keep(Scores, from.scores, to.scores, delta.scores);
    keep(Offered, from.offered, to.offered, delta.offered);
    keep(OfferedAvailable, from.offeredAvailable, to.offeredAvailable, delta.offeredAvailable);
    return delta;
}

void UndoHistory::apply(const Delta& delta, SessionState& state)
{
    state.cursor = delta.cursor;
    state.draws = delta.draws;
    state.transcriptSize = delta.transcriptSize;
    if ((delta.whole & Variables) != 0)
        state.variables = delta.allVariables;
    for (const auto& [slot, value] : delta.variables)
        state.variables[slot] = value;
    if ((delta.whole & Visits) != 0)
        state.visits = delta.allVisits;
    for (const auto& [node, count] : delta.visits)
        state.visits[node] = count;
    if ((delta.whole & OnceUsed) != 0)
        state.onceUsed = delta.onceUsed;
    if ((delta.whole & Moods) != 0)
        state.moods = delta.moods;
    if ((delta.whole & Scores) != 0)
        state.scores = delta.scores;
    if ((delta.whole & Offered) != 0)
        state.offered = delta.offered;
    if ((delta.whole & OfferedAvailable) != 0)
        state.offeredAvailable = delta.offeredAvailable;
}

void UndoHistory::push(const SessionState& atDecision)
{
    if (m_latest) {
        m_earlier.push_back(difference(atDecision, *m_latest));
        *m_latest = atDecision; // assigns into the vectors already there: no allocation
    } else {
        m_latest = atDecision;
    }
}

std::optional<SessionState> UndoHistory::pop()
{
    if (!m_latest)
        return std::nullopt;
    std::optional<SessionState> out = m_latest;
    if (m_earlier.empty()) {
        m_latest.reset();
    } else {
        apply(m_earlier.back(), *m_latest);
        m_earlier.pop_back();
    }
    return out;
}

void UndoHistory::clear()
{
    m_latest.reset();
    m_earlier.clear();
}

std::vector<SessionState> UndoHistory::states() const
{
    std::vector<SessionState> out;
    if (!m_latest)
        return out;
    out.reserve(size());
    SessionState state = *m_latest;
    out.push_back(state);
    for (auto it = m_earlier.rbegin(); it != m_earlier.rend(); ++it) {
        apply(*it, state);
        out.push_back(state);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

UndoHistory UndoHistory::fromStates(const std::vector<SessionState>& states)
{
    UndoHistory history;
    for (const auto& state : states)
        history.push(state);
    return history;
}

} // namespace sparring::runtime
