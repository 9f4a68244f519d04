// Transcripts laid over a scenario's graph (`sparring graph --path`): the walk between recorded
// nodes goes through silent branch nodes, a decision's edge is the option as written or the route
// by its label, several transcripts add up, and a transcript that is not one, is of another
// scenario or parts from an edited scenario is refused or drawn up to where it parts.

#include "console/PlayedPaths.hpp"
#include "TestSupport.hpp"
#include "console/GraphExport.hpp"
#include "core/Loader.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sparring::test {
namespace {

using console::addTranscript;
using console::PlayedPaths;
using nlohmann::json;

// intro (line) -> ask (choice: 1 -> gate, 2 -> done); gate (branch: [warm] -> warm_line, else -> done)
const char* const kScenario = R"(scenario: {id: paths, title: Paths, kind: roleplay}
include: [fw.yaml]
cast:
  - {id: sam, name: Sam}
variables:
  warm: {type: bool, initial: false}
start: intro
nodes:
  intro: {type: line, speaker: sam, text: Hi, next: ask}
  ask:
    type: choice
    options:
      - {text: Ask first, evidence: {ask: 1}, do: [warm = true], goto: gate}
      - {text: Tell them, evidence: {ask: -1}, goto: gate}
  gate:
    type: branch
    cases:
      - {if: warm, goto: warm_line}
    else: done
  warm_line: {type: line, speaker: sam, text: Thanks, next: done}
  done: {type: end, outcome: good, debrief: Done.}
)";

struct Fixture {
    TempLibrary library;
    core::Scenario scenario;
    Fixture()
    {
        library.write("fw.yaml", kFramework);
        auto loaded = core::loadScenario(library.write("paths.yaml", kScenario));
        EXPECT_TRUE(loaded.scenario) << ::testing::PrintToString(formatted(loaded.diagnostics));
        scenario = std::move(*loaded.scenario);
    }
    [[nodiscard]] std::size_t node(const std::string& id) const { return *scenario.findNode(id); }
    [[nodiscard]] std::size_t edge(PlayedPaths& paths, const std::string& from, std::size_t slot) const
    {
        return paths.edgeWalks[{node(from), slot}];
    }
};

json transcript(const json& entries, const std::string& id = "paths")
{
    return {{"scenario", {{"id", id}}}, {"entries", entries}};
}

const json kWarmPlay = json::array({
    {{"kind", "line"}, {"node", "intro"}},
    {{"kind", "choice"}, {"node", "ask"}, {"option", 1}, {"optionIndex", 0}, {"text", "Ask first"}},
    {{"kind", "line"}, {"node", "warm_line"}},
    {{"kind", "end"}, {"node", "done"}},
});

TEST(PlayedPaths, TheWalkGoesThroughSilentBranchesAlongTheEdgesTaken)
{
    Fixture f;
    PlayedPaths paths;
    EXPECT_EQ(addTranscript(f.scenario, transcript(kWarmPlay).dump(), "warm.json", paths), std::nullopt);
    EXPECT_EQ(paths.plays, 1u);
    EXPECT_TRUE(paths.problems.empty()) << ::testing::PrintToString(paths.problems);
    for (const auto* id : {"intro", "ask", "gate", "warm_line", "done"})
        EXPECT_EQ(paths.nodeWalks[f.node(id)], 1u) << id;
    EXPECT_EQ(f.edge(paths, "intro", 0), 1u);
    EXPECT_EQ(f.edge(paths, "ask", 0), 1u);
    EXPECT_EQ(f.edge(paths, "ask", 1), 0u);
    EXPECT_EQ(f.edge(paths, "gate", 0), 1u); // the case, not the else
    EXPECT_EQ(f.edge(paths, "gate", 1), 0u);
    EXPECT_EQ(f.edge(paths, "warm_line", 0), 1u);
}

TEST(PlayedPaths, TranscriptsAddUpAndAnOldOneIsMatchedByTheOptionsText)
{
    Fixture f;
    PlayedPaths paths;
    ASSERT_EQ(addTranscript(f.scenario, transcript(kWarmPlay).dump(), "warm.json", paths), std::nullopt);
    // Written before optionIndex was kept: the option is found by its text.
    const json cold = json::array({
        {{"kind", "line"}, {"node", "intro"}},
        {{"kind", "choice"}, {"node", "ask"}, {"option", 2}, {"text", "Tell them"}},
        {{"kind", "end"}, {"node", "done"}},
    });
    ASSERT_EQ(addTranscript(f.scenario, transcript(cold).dump(), "cold.json", paths), std::nullopt);
    EXPECT_TRUE(paths.problems.empty()) << ::testing::PrintToString(paths.problems);
    EXPECT_EQ(paths.plays, 2u);
    EXPECT_EQ(paths.nodeWalks[f.node("intro")], 2u);
    EXPECT_EQ(paths.nodeWalks[f.node("gate")], 2u);
    EXPECT_EQ(paths.nodeWalks[f.node("warm_line")], 1u);
    EXPECT_EQ(paths.nodeWalks[f.node("done")], 2u);
    EXPECT_EQ(f.edge(paths, "ask", 0), 1u);
    EXPECT_EQ(f.edge(paths, "ask", 1), 1u);
    EXPECT_EQ(f.edge(paths, "gate", 1), 1u); // the else

    const std::string dot = console::toDot(f.scenario, {.played = &paths});
    EXPECT_NE(dot.find("2 plays drawn in blue"), std::string::npos) << dot;
    EXPECT_NE(dot.find("\"intro\" -> \"ask\" [color=\"#1f5fbf\", penwidth=2.5, fontcolor=\"#1f5fbf\", "
                       "label=\"(2x) \"]"),
              std::string::npos)
        << dot;
    // Walked once of two plays: drawn in blue, with its count.
    EXPECT_NE(dot.find("\"ask\" -> \"gate\" [color=\"#1f5fbf\", penwidth=1.5, fontcolor=\"#1f5fbf\", "
                       "label=\"(1x) 1. Ask first"),
              std::string::npos)
        << dot;
}

TEST(PlayedPaths, ATranscriptOfAnotherScenarioOrNotATranscriptIsRefused)
{
    Fixture f;
    PlayedPaths paths;
    EXPECT_EQ(addTranscript(f.scenario, transcript(kWarmPlay, "other").dump(), "other.json", paths),
              "other.json: a transcript of scenario 'other', not of 'paths'");
    EXPECT_EQ(
        addTranscript(f.scenario, "{\"format\": \"sparring-session\"}", "save.json", paths),
        "save.json: not a transcript written by 'sparring play --transcript' (no scenario and entries)");
    const auto garbage = addTranscript(f.scenario, "\xff\xfe not json", "bad.json", paths);
    ASSERT_TRUE(garbage);
    EXPECT_EQ(garbage->rfind("bad.json: not a JSON transcript (", 0), 0u) << *garbage;
    EXPECT_EQ(paths.plays, 0u);
}

TEST(PlayedPaths, ATranscriptThatPartsFromAnEditedScenarioIsDrawnUpToThere)
{
    Fixture f;
    PlayedPaths paths;
    json edited = kWarmPlay;
    edited[2]["node"] = "renamed_line";
    EXPECT_EQ(addTranscript(f.scenario, transcript(edited).dump(), "old.json", paths), std::nullopt);
    ASSERT_EQ(paths.problems.size(), 1u);
    EXPECT_EQ(paths.problems[0], "old.json: entry 3: node 'renamed_line' is not in the scenario; the path is "
                                 "drawn up to there (was the scenario edited since?)");
    EXPECT_EQ(paths.nodeWalks[f.node("ask")], 1u);
    EXPECT_EQ(paths.nodeWalks[f.node("warm_line")], 0u);

    json unlinked = kWarmPlay;
    unlinked[0]["node"] = "done"; // the start does not lead to 'done' without a decision
    PlayedPaths second;
    EXPECT_EQ(addTranscript(f.scenario, transcript(unlinked).dump(), "x.json", second), std::nullopt);
    ASSERT_EQ(second.problems.size(), 1u);
    EXPECT_NE(second.problems[0].find("the scenario does not lead from 'intro' to 'done'"),
              std::string::npos);

    json badOption = kWarmPlay;
    badOption[1]["optionIndex"] = 7;
    PlayedPaths third;
    EXPECT_EQ(addTranscript(f.scenario, transcript(badOption).dump(), "y.json", third), std::nullopt);
    ASSERT_EQ(third.problems.size(), 1u);
    EXPECT_NE(third.problems[0].find("entry 2: option index 7 is past the node's options"),
              std::string::npos);
}

TEST(GraphAnalysis, NodesNoPathReachesAreColouredAndNamed)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    // 'never' is linked from the graph, but its option needs warm, which nothing sets.
    auto loaded = core::loadScenario(library.write("s.yaml", R"(scenario: {id: s, title: S, kind: roleplay}
include: [fw.yaml]
cast:
  - {id: sam, name: Sam}
variables:
  warm: {type: bool, initial: false}
start: ask
nodes:
  ask:
    type: choice
    options:
      - {text: Ask, evidence: {ask: 1}, goto: done}
      - {text: Later, if: warm, unavailable: Not yet, evidence: {ask: 1}, goto: never}
  never: {type: line, speaker: sam, text: Unseen, next: done}
  done: {type: end, outcome: good, debrief: Done.}
)"));
    ASSERT_TRUE(loaded.scenario) << ::testing::PrintToString(formatted(loaded.diagnostics));
    const auto analysis = core::analysePaths(*loaded.scenario);
    const std::string dot = console::toDot(*loaded.scenario, {.analysis = &analysis});
    EXPECT_NE(
        dot.find("\"never\" [shape=box, style=\"filled,dashed\", fillcolor=\"#f4cccc\", color=\"#b00000\", "
                 "label=\"never\\nSam: Unseen\\nno path reaches this\"]"),
        std::string::npos)
        << dot;
    EXPECT_EQ(dot.find("no path reaches this"), dot.rfind("no path reaches this")); // only that one
}

} // namespace
} // namespace sparring::test
