// UndoHistory (runtime/UndoHistory.hpp): undo's states kept as what changed between decisions.
// Whatever is pushed must come back exactly, newest first, and a save must see every state.

#include "runtime/UndoHistory.hpp"

#include <gtest/gtest.h>

#include <random>

namespace sparring::runtime {
namespace {

/// A state like a session's after some play: a few counts and variables moved, the small parts
/// sometimes changed, now and then a vector of another length (a state from a changed scenario).
SessionState nextState(SessionState state, std::mt19937& random)
{
    std::uniform_int_distribution<std::size_t> pick(0, 99);
    state.cursor = pick(random);
    state.draws += pick(random) % 3;
    state.transcriptSize += 2;
    for (int i = 0; i < 3; ++i)
        ++state.visits[pick(random) % state.visits.size()];
    state.variables[pick(random) % state.variables.size()] =
        pick(random) % 2 == 0 ? core::Value(static_cast<std::int64_t>(pick(random)))
                              : core::Value(std::string("text ") + std::to_string(pick(random)));
    if (pick(random) < 30)
        state.onceUsed.emplace_back(pick(random), pick(random) % 4);
    if (pick(random) < 20)
        state.moods[pick(random) % state.moods.size()] = pick(random) % 2 == 0 ? "calm" : "tense";
    if (pick(random) < 50)
        state.scores[pick(random) % state.scores.size()] += 1;
    state.offered = {pick(random), pick(random)};
    state.offeredAvailable = {1, static_cast<char>(pick(random) % 2)};
    if (pick(random) < 3)
        state.visits.resize(state.visits.size() + 1, 0);
    if (pick(random) < 3)
        state.variables.emplace_back(false);
    return state;
}

std::vector<SessionState> somePlay(std::size_t decisions)
{
    std::mt19937 random(7);
    SessionState state;
    state.visits.assign(200, 0);
    state.variables.assign(5, core::Value(std::int64_t{0}));
    state.moods.assign(3, "neutral");
    state.scores.assign(4, 0);
    std::vector<SessionState> states;
    for (std::size_t i = 0; i < decisions; ++i) {
        state = nextState(state, random);
        states.push_back(state);
    }
    return states;
}

TEST(UndoHistory, GivesBackEveryPushedStateNewestFirst)
{
    const auto states = somePlay(300);
    UndoHistory history;
    EXPECT_TRUE(history.empty());
    for (const auto& state : states)
        history.push(state);
    EXPECT_EQ(history.size(), states.size());
    for (auto it = states.rbegin(); it != states.rend(); ++it) {
        const auto popped = history.pop();
        ASSERT_TRUE(popped.has_value());
        ASSERT_EQ(*popped, *it) << "state " << (states.rend() - it - 1);
    }
    EXPECT_TRUE(history.empty());
    EXPECT_FALSE(history.pop().has_value());
}

TEST(UndoHistory, ListsEveryStateOldestFirstForASave)
{
    const auto states = somePlay(120);
    const UndoHistory history = UndoHistory::fromStates(states);
    EXPECT_EQ(history.states(), states);
    EXPECT_TRUE(UndoHistory().states().empty());
}

TEST(UndoHistory, PushingAfterUndoingCarriesOnFromThere)
{
    const auto states = somePlay(40);
    UndoHistory history = UndoHistory::fromStates(states);
    for (int i = 0; i < 10; ++i)
        (void)history.pop();
    const auto other = somePlay(50);
    history.push(other.back());
    std::vector<SessionState> expected(states.begin(), states.begin() + 30);
    expected.push_back(other.back());
    EXPECT_EQ(history.states(), expected);
    EXPECT_EQ(*history.pop(), other.back());
    EXPECT_EQ(*history.pop(), states[29]);
}

} // namespace
} // namespace sparring::runtime
