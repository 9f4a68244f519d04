// `sparring lint`: the shipped library is clean; broken files get coded, located diagnostics,
// JSON output and exit code 1, through the library and through the command.

#include "console/Lint.hpp"
#include "TestSupport.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>

#include <cstdio>
#include <sstream>

namespace sparring::test {
namespace {

const char* const kBroken = R"(scenario:
  id: broken
  title: Broken
  kind: roleplay
  difficulty: hard
include: [fw.yaml]
cast:
  - {id: sam, name: Sam}
start: intro
nodes:
  intro: {type: line, speaker: sam, text: hi, next: outro}
  done: {type: end, outcome: good, debrief: x}
)";

TEST(Lint, ShippedLibraryIsClean)
{
    const auto summary = console::lintPaths({sourceDir() / "scenarios"}, {});
    EXPECT_GE(summary.files, 4u);
    EXPECT_TRUE(summary.diagnostics.empty()) << ::testing::PrintToString(formatted(summary.diagnostics));
}

TEST(Lint, FoldersAreSearchedRecursivelyAndMissingPathsReported)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    library.write("deep/er/broken.yaml",
                  std::string(kBroken).replace(std::string(kBroken).find("fw.yaml"), 7, "../../fw.yaml"));
    library.write("notes.txt", "not yaml, not checked");
    const auto missing = library.root() / "missing.yaml";
    const auto summary = console::lintPaths({library.root(), missing}, {});
    EXPECT_EQ(summary.files, 2u);
    const auto lines = formatted(summary.diagnostics);
    const std::string broken = (library.root() / "deep/er/broken.yaml").generic_string();
    EXPECT_EQ(lines, (std::vector<std::string>{
                         broken + ":5:15: error: difficulty is 'hard', which is not one of beginner, "
                                  "intermediate or advanced [SP0013]",
                         broken + ":11:53: error: unknown node 'outro' in the next of node 'intro' [SP0101]",
                         missing.generic_string() + ": error: no such file or folder [SP0001]"}));
}

TEST(Lint, AProblemInASharedIncludeIsReportedOnce)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    library.write("shared.yaml", "cast:\n  - {id: sam, name: Sam, colour: red}\n");
    const std::string scenario = R"(scenario: {id: ID, title: T, kind: roleplay}
include: [fw.yaml, shared.yaml]
start: a
nodes:
  a: {type: line, speaker: sam, text: Hi, next: z}
  z: {type: end, outcome: good, debrief: Done.}
)";
    for (const std::string id : {"one", "two"})
        library.write(id + ".yaml", std::string(scenario).replace(scenario.find("ID"), 2, id));
    const auto summary = console::lintPaths({library.root()}, {});
    const auto lines = formatted(summary.diagnostics);
    const auto aboutShared = std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
        return line.find("shared.yaml:2:") != std::string::npos;
    });
    EXPECT_EQ(aboutShared, 1) << ::testing::PrintToString(lines);
    EXPECT_FALSE(lines.empty());
}

TEST(Lint, AFileThatIsNeitherAScenarioNorIncludedIsWarnedAbout)
{
    TempLibrary library;
    const auto empty = library.write("empty.yaml", "{}\n");
    const auto alone = console::lintPaths({empty}, {});
    EXPECT_EQ(formatted(alone.diagnostics),
              (std::vector<std::string>{
                  empty.generic_string() +
                  ":1:1: warning: checked as an included file, since it has no 'scenario' section, and it "
                  "declares nothing, but no scenario checked with it includes it: a scenario needs its "
                  "'scenario' section; a shared file is best linted with the scenarios that include it "
                  "[SP0024]"}));
    ASSERT_EQ(alone.checked.size(), 1u);
    EXPECT_EQ(alone.checked[0].role, core::FileRole::Include);

    // A shared file that a scenario of the same run includes is what it claims to be.
    library.write("fw.yaml", kFramework);
    const auto scenario = library.write("s.yaml", R"(scenario: {id: s, title: T, kind: roleplay}
include: [fw.yaml]
cast:
  - {id: sam, name: Sam}
start: a
nodes:
  a: {type: line, speaker: sam, text: Hi, next: z}
  z: {type: end, outcome: good, debrief: Done.}
)");
    const auto together = console::lintPaths({library.root()}, {});
    const auto lines = formatted(together.diagnostics);
    ASSERT_EQ(lines.size(), 1u) << ::testing::PrintToString(lines);
    EXPECT_NE(lines[0].find("empty.yaml:1:1: warning:"), std::string::npos) << lines[0];
    ASSERT_EQ(together.checked.size(), 3u);
    const auto& fw = together.checked[1]; // empty, fw, s: sorted
    EXPECT_EQ(fw.path.filename(), "fw.yaml");
    EXPECT_EQ(fw.role, core::FileRole::Include);
    EXPECT_EQ(fw.includedBy, (std::vector<std::filesystem::path>{scenario}));
    EXPECT_EQ(together.checked[2].role, core::FileRole::Scenario);

    // A file that does not parse may be the scenario that includes it: no guess is made.
    library.write("s.yaml", "scenario: {id: s\n");
    const auto unparsed = console::lintPaths({library.root() / "fw.yaml", library.root() / "s.yaml"}, {});
    for (const auto& line : formatted(unparsed.diagnostics))
        EXPECT_EQ(line.find("SP0024"), std::string::npos) << line;
    EXPECT_TRUE(unparsed.diagnostics.hasErrors());
}

TEST(Lint, CommandExitsOneWithJsonDiagnostics)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    const auto file = library.write("broken.yaml", kBroken);
    const auto human = runSparring("lint '" + file.string() + "'");
    EXPECT_EQ(human.exitCode, 1);
    EXPECT_NE(human.out.find(":11:53: error: unknown node 'outro' in the next of node 'intro' [SP0101]"),
              std::string::npos)
        << human.out;
    EXPECT_NE(human.out.find("1 file checked (1 scenario, 0 included files): 2 errors, 0 warnings"),
              std::string::npos)
        << human.out;

    const auto json = runSparring("lint --format json '" + file.string() + "'");
    EXPECT_EQ(json.exitCode, 1);
    const auto doc = nlohmann::json::parse(json.out);
    EXPECT_EQ(doc["files"], 1);
    EXPECT_EQ(doc["errors"], 2);
    EXPECT_EQ(doc["warnings"], 0);
    ASSERT_EQ(doc["diagnostics"].size(), 2u);
    EXPECT_EQ(doc["diagnostics"][1]["code"], "SP0101");
    EXPECT_EQ(doc["diagnostics"][1]["line"], 11);
    EXPECT_EQ(doc["diagnostics"][1]["column"], 53);
    EXPECT_EQ(doc["diagnostics"][1]["severity"], "error");
}

TEST(Lint, CommandExitsZeroOnTheShippedLibrary)
{
    const auto result = runSparring("lint '" + (sourceDir() / "scenarios").string() + "'");
    EXPECT_EQ(result.exitCode, 0) << result.out;
    EXPECT_NE(result.out.find("0 errors, 0 warnings"), std::string::npos);
}

TEST(Graph, CommandPrintsDotWithKindsConditionsAndEndings)
{
    const auto result =
        runSparring("graph '" + (sourceDir() / "scenarios/roleplay/takeover-late-stage.yaml").string() + "'");
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_EQ(result.out.rfind("digraph \"takeover-late-stage\" {", 0), 0u);
    EXPECT_NE(result.out.find("shape=diamond"), std::string::npos);
    EXPECT_NE(result.out.find("shape=parallelogram"), std::string::npos);
    EXPECT_NE(result.out.find("shape=hexagon"), std::string::npos);
    EXPECT_NE(result.out.find("shape=doubleoctagon, style=filled, fillcolor=palegreen"), std::string::npos);
    EXPECT_NE(result.out.find("fillcolor=lightpink"), std::string::npos);
    EXPECT_NE(result.out.find("\\n[trust"), std::string::npos); // a condition on an edge
    EXPECT_EQ(result.out.back(), '\n');
}

TEST(Play, MissingScenarioExitsOneWithALocatedError)
{
    const auto result = runSparring("play /nonexistent/x.yaml --script /dev/null");
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.out, "/nonexistent/x.yaml: error: file not found [SP0001]\n");
}

TEST(Play, UsageErrorsExitTwo)
{
    EXPECT_EQ(runSparring("play").exitCode, 2);
    EXPECT_EQ(runSparring("lint --format xml scenarios").exitCode, 2);
    EXPECT_EQ(runSparring("frobnicate").exitCode, 2);
}

} // namespace
} // namespace sparring::test
