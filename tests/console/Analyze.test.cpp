// `sparring analyze`: the shipped library passes; a scenario that rewards breaking what it teaches,
// an ending no path reaches, a loop without decisions and a spent budget are each reported; the
// shortest paths it prints replay in `play --script`.

#include "console/Analyze.hpp"
#include "TestSupport.hpp"
#include "console/Commands.hpp"
#include "console/Lint.hpp"

#include "core/PathAnalysis.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

/// Codes of the diagnostics of analysing `yaml` (a scenario with the test framework).
std::vector<std::string> codesOf(const std::string& yaml, core::PathAnalysisOptions options = {})
{
    TempLibrary library;
    const auto file = library.write("scenarios/test.yaml", yaml + kFramework);
    const auto summary = console::analyzePaths({file}, {}, options);
    std::vector<std::string> codes;
    for (const auto& s : summary.scenarios)
        for (const auto& d : s.diagnostics.items())
            codes.emplace_back(core::codeString(d.code));
    return codes;
}

TEST(Analyze, TheShippedLibraryHasNoErrors)
{
    console::AnalyzeCommand command;
    command.paths = {(sourceDir() / "scenarios").string()};
    std::ostringstream out;
    EXPECT_EQ(console::runAnalyze(command, out), console::ExitCode::Done) << out.str();
    EXPECT_EQ(out.str().find(": error:"), std::string::npos) << out.str();
    // Every scenario file analysed; the frameworks, the cast and the curriculum skipped.
    const auto scenarios = shippedScenarioFiles().size();
    const auto others = console::yamlFilesUnder(sourceDir() / "scenarios").size() - scenarios;
    EXPECT_NE(out.str().find(std::to_string(scenarios) + " scenarios analysed (" + std::to_string(others) +
                             " files without a scenario skipped): 0 errors, 0 warnings"),
              std::string::npos)
        << out.str();
}

/// The issue's broken scenario: the shipped role-play with one more option, taking the call off
/// Maya and still ending on her owning the plan. Analyze must say the good ending is reached while
/// a focus principle is below zero, and name the path.
TEST(Analyze, AGoodEndingReachedByTakingOverTheDealIsAnError)
{
    auto yaml = readFile(sourceDir() / "scenarios/roleplay/takeover-late-stage.yaml");
    const std::string anchor = "  first_move:\n    type: choice\n";
    const auto at = yaml.find(anchor);
    ASSERT_NE(at, std::string::npos);
    const auto options = yaml.find("    options:\n", at);
    ASSERT_NE(options, std::string::npos);
    yaml.insert(options + std::string("    options:\n").size(),
                "      - text: \"Leave it with me, I'll call Greta and close it.\"\n"
                "        goto: end_owned_plan\n"
                "        evidence: { rep_owns_plan: -3 }\n"
                "        feedback: Taking the deal teaches nothing.\n");
    TempLibrary library;
    library.write("scenarios/framework/default.yaml",
                  readFile(sourceDir() / "scenarios/framework/default.yaml"));
    const auto file = library.write("scenarios/roleplay/broken.yaml", yaml);
    console::AnalyzeCommand command;
    command.paths = {file.string()};
    std::ostringstream out;
    EXPECT_EQ(console::runAnalyze(command, out), console::ExitCode::Errors) << out.str();
    EXPECT_TRUE(
        std::regex_search(out.str(), std::regex("error: good ending 'end_owned_plan' can be reached with "
                                                "'rep_owns_plan', a focus of this scenario, at -3: "
                                                "first_move 1; .*\\[SP0501\\]")))
        << out.str();
    // The hole, as lines to play: the taken-over option is the first shown with seed 1.
    EXPECT_NE(
        out.str().find("  SP0501: ending end_owned_plan reached with rep_owns_plan below zero, for play "
                       "--script: 1\n"),
        std::string::npos)
        << out.str();
}

TEST(Analyze, AnEndingBehindConditionsThatNeverHoldTogetherIsAnError)
{
    const auto codes = codesOf(R"yaml(scenario: {id: t, title: T, kind: roleplay}
cast: [{id: rep, name: Rep}]
variables:
  a: {type: bool, initial: false}
start: pick
nodes:
  pick:
    type: choice
    options:
      - {text: One, goto: check, do: [a = true]}
      - {text: Two, goto: check}
  check:
    type: branch
    cases:
      - {if: "a and not visited(pick)", goto: never}
    else: fine
  never: {type: line, speaker: rep, text: Never said., next: lost}
  lost: {type: end, outcome: poor, debrief: l}
  fine: {type: end, outcome: good, debrief: f}
)yaml");
    EXPECT_EQ(codes, (std::vector<std::string>{"SP0502", "SP0503"}));
}

TEST(Analyze, ALoopOfLinesThatNeverReachesADecisionIsAnError)
{
    // Lint cannot see it: the way out (n > 5) is possible within n's range, so the graph has an
    // exit, but the line sets n to 3 every time round and the loop goes on for ever.
    const auto codes = codesOf(R"yaml(scenario: {id: t, title: T, kind: roleplay}
cast: [{id: rep, name: Rep}]
variables:
  n: {type: int, min: 0, max: 10, initial: 0}
start: pick
nodes:
  pick:
    type: choice
    options:
      - {text: Go, goto: spin}
      - {text: Stop, goto: z}
  spin: {type: line, speaker: rep, text: Again., do: [n = 3], next: test}
  test:
    type: branch
    cases:
      - {if: "n > 5", goto: z}
    else: spin
  z: {type: end, outcome: good, debrief: d}
)yaml");
    EXPECT_EQ(codes, (std::vector<std::string>{"SP0504"}));
}

TEST(Analyze, ASpentBudgetSaysTheResultIsPartial)
{
    const auto generated = runShell(std::string(SPARRING_BINARY) + " generate --units 300");
    ASSERT_EQ(generated.exitCode, 0);
    core::PathAnalysisOptions options;
    options.maxStates = 50;
    TempLibrary library;
    const auto file = library.write("scenarios/generated.yaml", generated.out);
    const auto summary = console::analyzePaths({file}, {}, options);
    ASSERT_EQ(summary.scenarios.size(), 1u);
    ASSERT_TRUE(summary.scenarios[0].paths);
    EXPECT_TRUE(summary.scenarios[0].paths->partial);
    EXPECT_EQ(summary.scenarios[0].paths->states, 50u);
    std::vector<std::string> codes;
    for (const auto& d : summary.scenarios[0].diagnostics.items())
        codes.emplace_back(core::codeString(d.code));
    EXPECT_EQ(codes, (std::vector<std::string>{"SP0505"})); // and nothing claimed unreachable
}

/// Every shortest path analyze prints for the shipped scenarios replays in the terminal player
/// to the ending it was printed for.
TEST(Analyze, ShortestPathsReplayInPlayScript)
{
    const auto summary = console::analyzePaths({sourceDir() / "scenarios"}, {}, {});
    std::size_t replayed = 0;
    for (const auto& s : summary.scenarios)
        for (const auto& e : s.endings) {
            ASSERT_TRUE(e.reached) << s.file << " " << e.id;
            if (!e.scriptNote.empty())
                continue; // depends on a roll that seed 1 does not give
            TempLibrary library;
            std::string script;
            for (const auto& line : e.script)
                script += line + "\n";
            const auto scriptFile = library.write("path.script", script);
            const auto transcript = library.root() / "t.json";
            const auto run =
                runShell(std::string(SPARRING_BINARY) + " play '" + s.file + "' --script '" +
                         scriptFile.string() + "' --transcript '" + transcript.string() + "' 2>&1");
            EXPECT_EQ(run.exitCode, 0) << s.file << " " << e.id << "\n" << run.out;
            EXPECT_NE(readFile(transcript).find("\"node\": \"" + e.id + "\""), std::string::npos)
                << s.file << " " << e.id << "\n"
                << script;
            ++replayed;
        }
    EXPECT_GE(replayed, 10u);
}

TEST(Analyze, JsonCarriesTheSameFindings)
{
    console::AnalyzeCommand command;
    command.paths = {(sourceDir() / "scenarios/panel").string()};
    command.format = "json";
    std::ostringstream out;
    EXPECT_EQ(console::runAnalyze(command, out), console::ExitCode::Done);
    const auto text = out.str();
    EXPECT_NE(text.find("\"file\""), std::string::npos);
    EXPECT_NE(text.find("\"end_coalition\""), std::string::npos);
    EXPECT_NE(text.find("\"shortest_script\""), std::string::npos);
    EXPECT_NE(text.find("\"errors\": false"), std::string::npos);
}

/// One choice per step, each option giving `evidence` (one map per option, on the test framework's
/// principles `ask` and `own` and a third, `hear`), then a branch to `good` when every total is
/// at least zero. For the search of a path that meets score() conditions together.
std::string scoredSteps(std::size_t steps, const std::vector<std::string>& evidence)
{
    std::string yaml = R"(framework:
  id: three
  name: Three principles
  principles:
    - {id: ask, name: Ask, description: Ask.}
    - {id: own, name: Own, description: Own.}
    - {id: hear, name: Hear, description: Hear.}
scenario: {id: steps, title: Steps, kind: roleplay, focus: [ask]}
cast: [{id: sam, name: Sam}]
start: c1
nodes:
)";
    for (std::size_t i = 1; i <= steps; ++i) {
        const std::string next = i < steps ? "c" + std::to_string(i + 1) : "judge";
        yaml += "  c" + std::to_string(i) + ":\n    type: choice\n    prompt: Decide\n    options:\n";
        for (std::size_t k = 0; k < evidence.size(); ++k)
            yaml += "      - {text: \"Option " + std::to_string(k + 1) + "\", goto: " + next +
                    ", evidence: " + evidence[k] + ", feedback: f}\n";
    }
    yaml += R"(  judge:
    type: branch
    cases:
      - {if: "score(ask) >= 0 and score(own) >= 0 and score(hear) >= 0", goto: good}
    else: mixed
  good: {type: end, outcome: good, debrief: g}
  mixed: {type: end, outcome: mixed, debrief: m}
)";
    return yaml;
}

const console::EndingReport* endingNamed(const console::ScenarioAnalysis& analysis, const std::string& id)
{
    for (const auto& e : analysis.endings)
        if (e.id == id)
            return &e;
    return nullptr;
}

/// The only option that meets all three conditions is the best at none of the principles on its
/// own, so a link keeps it only for the totals it gives: the script names it.
TEST(Analyze, AnEndingsConditionsMetTogetherOnlyByAnOptionBestAtNoPrincipleStillGetAScript)
{
    TempLibrary library;
    const auto file =
        library.write("steps.yaml", scoredSteps(1, {"{ask: +2, own: -1}", "{own: +2, hear: -1}",
                                                    "{hear: +2, ask: -1}", "{ask: +1, own: +1, hear: +1}"}));
    const auto summary = console::analyzePaths({file}, {}, {});
    ASSERT_EQ(summary.scenarios.size(), 1u);
    const auto* good = endingNamed(summary.scenarios[0], "good");
    ASSERT_TRUE(good && good->reached);
    EXPECT_EQ(good->script, std::vector<std::string>{"4"});
    EXPECT_TRUE(good->scriptNote.empty()) << good->scriptNote;
}

/// Each condition holds on some path, never all three on one: the ending is not reached, which
/// analyze says as the error it is, rather than showing a path of no decisions.
TEST(Analyze, AnEndingWhoseConditionsAreNeverMetTogetherIsNotReached)
{
    TempLibrary library;
    const auto file =
        library.write("steps.yaml", scoredSteps(12, {"{ask: -2, own: +1}", "{own: -2, hear: +1}",
                                                     "{hear: -2, ask: +1}", "{ask: +1, own: +1, hear: -1}"}));
    const auto summary = console::analyzePaths({file}, {}, {});
    ASSERT_EQ(summary.scenarios.size(), 1u);
    const auto* good = endingNamed(summary.scenarios[0], "good");
    ASSERT_TRUE(good);
    EXPECT_FALSE(good->reached);
    const auto messages = formatted(summary.scenarios[0].diagnostics);
    EXPECT_TRUE(std::any_of(messages.begin(), messages.end(), [](const std::string& m) {
        return m.find("no path reaches ending 'good'") != std::string::npos &&
               m.find("[SP0502]") != std::string::npos;
    })) << (messages.empty() ? "" : messages.front());
    const auto* mixed = endingNamed(summary.scenarios[0], "mixed");
    ASSERT_TRUE(mixed && mixed->reached);
    EXPECT_EQ(mixed->script.size(), 12u);
}

} // namespace
} // namespace sparring::test
