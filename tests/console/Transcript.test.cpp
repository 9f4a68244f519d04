// Transcript tests: every scripted playthrough in tests/transcripts/ (<scenario-id>.<path>.script)
// is played on the shipped scenario of that id, and the terminal output must equal the reviewed
// <scenario-id>.<path>.expected file: lines, options, feedback, evidence, outcome and debrief.
// After an intended change, regenerate with SPARRING_UPDATE_TRANSCRIPTS=1 and review the diff.

#include "TestSupport.hpp"
#include "console/TerminalPlayer.hpp"
#include "core/Loader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> scripts()
{
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(sourceDir() / "tests" / "transcripts"))
        if (entry.path().extension() == ".script")
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string scenarioIdOf(const fs::path& script)
{
    const std::string stem = script.stem().string(); // id.path
    return stem.substr(0, stem.rfind('.'));
}

std::string play(const fs::path& scenarioFile, const fs::path& script)
{
    auto loaded = core::loadScenario(scenarioFile);
    if (!loaded.scenario)
        return "scenario failed to load";
    auto scenario = std::make_shared<const core::Scenario>(std::move(*loaded.scenario));
    const auto [analyser, error] = scoring::makeAnalyser(scenario->framework, modelDirectory());
    if (!analyser)
        return "the scorer did not load: " + error;
    runtime::SessionOptions options;
    options.analyser = analyser;
    runtime::Session session(scenario, options);
    std::ifstream in(script);
    std::ostringstream out;
    console::PlayOptions playOptions;
    playOptions.analyser = analyser;
    console::TerminalPlayer player(in, out, playOptions);
    const auto result = player.play(session);
    if (result != console::PlayResult::Finished)
        out << "[the script did not reach an ending]\n";
    return out.str();
}

class TranscriptTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(TranscriptTest, ReproducesTheReviewedTranscript)
{
    const fs::path script = GetParam();
    const auto scenarios = shippedScenarioFiles();
    const auto found = scenarios.find(scenarioIdOf(script));
    ASSERT_NE(found, scenarios.end()) << "no shipped scenario with id '" << scenarioIdOf(script) << "'";
    const std::string actual = play(found->second, script);
    fs::path expectedFile = script;
    expectedFile.replace_extension(".expected");
    if (std::getenv("SPARRING_UPDATE_TRANSCRIPTS")) {
        std::ofstream(expectedFile, std::ios::binary) << actual;
        GTEST_SKIP() << "updated " << expectedFile;
    }
    ASSERT_TRUE(fs::exists(expectedFile)) << "missing " << expectedFile;
    EXPECT_EQ(actual, readFile(expectedFile));
    EXPECT_EQ(actual.find("[the script did not reach an ending]"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Shipped, TranscriptTest, ::testing::ValuesIn(scripts()),
                         [](const ::testing::TestParamInfo<fs::path>& param) {
                             return testName(param.param.stem().string());
                         });

TEST(Transcripts, EveryShippedScenarioHasABestAndAWorstPath)
{
    const auto all = scripts();
    for (const auto& [id, file] : shippedScenarioFiles()) {
        for (const char* path : {"best", "worst"}) {
            const auto script = sourceDir() / "tests" / "transcripts" / (id + "." + path + ".script");
            EXPECT_TRUE(std::find(all.begin(), all.end(), script) != all.end()) << "missing " << script;
        }
    }
}

TEST(Transcripts, BestAndWorstPathsEndWellAndBadly)
{
    for (const auto& [id, file] : shippedScenarioFiles()) {
        const auto dir = sourceDir() / "tests" / "transcripts";
        const std::string best = play(file, dir / (id + ".best.script"));
        const std::string worst = play(file, dir / (id + ".worst.script"));
        EXPECT_NE(best.find("== Outcome: good"), std::string::npos) << id;
        EXPECT_NE(worst.find("== Outcome: poor"), std::string::npos) << id;
    }
}

/// The command line gives the same transcript as the library (the README's promise).
TEST(Transcripts, CommandLineScriptMatchesExpected)
{
    const auto scenarios = shippedScenarioFiles();
    for (const auto& script : scripts()) {
        const auto found = scenarios.find(scenarioIdOf(script));
        ASSERT_NE(found, scenarios.end());
        fs::path expected = script;
        expected.replace_extension(".expected");
        const std::string command = std::string(SPARRING_BINARY) + " play '" + found->second.string() +
                                    "' --script '" + script.string() + "' 2>&1";
        const auto run = runShell(command);
        EXPECT_EQ(run.exitCode, 0) << command;
        EXPECT_EQ(run.out, readFile(expected)) << command;
    }
}

/// The panel's reactions, one block of lines per answer, in the order shown.
std::vector<std::string> reactionBlocks(const std::string& output)
{
    std::vector<std::string> blocks;
    std::istringstream in(output);
    bool inBlock = false;
    for (std::string line; std::getline(in, line);) {
        if (line == "  The panel:") {
            blocks.emplace_back();
            inBlock = true;
        } else if (inBlock && line.rfind("    ", 0) == 0) {
            blocks.back() += line + "\n";
        } else {
            inBlock = false;
        }
    }
    return blocks;
}

TEST(Transcripts, AnUndoneAnswerLeavesThePanelsLaterReactionsAsTheyWere)
{
    // The panel's best path, and the same path with a wrong third answer taken back with :undo.
    const auto scenarios = shippedScenarioFiles();
    const auto panel = scenarios.find("why-managers-dont-coach");
    ASSERT_NE(panel, scenarios.end());
    const auto bestScript = sourceDir() / "tests" / "transcripts" / "why-managers-dont-coach.best.script";
    const auto answers = scriptAnswers(bestScript);
    ASSERT_GE(answers.size(), 4u);
    std::string withUndo;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        if (i == 2)
            withUndo += "2\n:undo\n";
        withUndo += answers[i] + "\n";
    }
    TempLibrary scratch;
    const auto undoScript = scratch.write("undo.script", withUndo);

    const auto straight = reactionBlocks(play(panel->second, bestScript));
    auto undone = reactionBlocks(play(panel->second, undoScript));
    ASSERT_EQ(straight.size(), answers.size());
    ASSERT_EQ(undone.size(), answers.size() + 1);
    undone.erase(undone.begin() + 2); // the reactions to the answer that was taken back
    EXPECT_EQ(undone, straight);
}

} // namespace
} // namespace sparring::test
