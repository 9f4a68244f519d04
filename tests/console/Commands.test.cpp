// The `sparring` subcommands run in-process (console/Commands.hpp): exit codes, what goes to
// standard output and what to standard error, files read and written. The subprocess tests
// (Transcripts.CommandLineScriptMatchesExpected, Lint.Command..., Classify.Command...) check
// that the executable passes its command line through unchanged.
//
// Sections: helpers; play; lint; graph; generate; classify; train.

#include "console/Commands.hpp"
#include "TestSupport.hpp"
#include "console/Classify.hpp"
#include "console/GraphExport.hpp"
#include "runtime/Snapshot.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace sparring::console {

// A failed expectation shows the exit code's number (found by argument-dependent lookup).
void PrintTo(ExitCode code, std::ostream* os)
{
    *os << static_cast<int>(code);
}

} // namespace sparring::console

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using console::ExitCode;

// ---- helpers ---------------------------------------------------------------------------------

struct CommandRun {
    ExitCode code = ExitCode::Done;
    std::string out;
    std::string err;
};

std::vector<std::string> linesOf(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

/// The data the build stages beside its executables: the shipped scenarios and framework, the
/// trained models.
console::Installation staged()
{
    return {modelDirectory().parent_path()};
}

std::string joined(const std::vector<std::string>& lines)
{
    std::string out;
    for (const auto& line : lines)
        out += line + "\n";
    return out;
}

const fs::path kTakeover = sourceDir() / "scenarios/roleplay/takeover-late-stage.yaml";
const fs::path kTakeoverBest = sourceDir() / "tests/transcripts/takeover-late-stage.best.script";

// An include that names a node that does not exist, and a difficulty that is not one.
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

// ---- play ------------------------------------------------------------------------------------

CommandRun play(const console::PlayCommand& command, const std::string& input = "",
                const console::Installation& installation = staged(),
                std::shared_ptr<spdlog::logger> log = nullptr)
{
    std::istringstream in(input);
    std::ostringstream out, err;
    const auto code = console::runPlay(command, in, out, err, installation, std::move(log));
    return {code, out.str(), err.str()};
}

TEST(PlayCommand, AScriptedShippedScenarioReachesItsEndingAsReviewed)
{
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    command.script = kTakeoverBest.string();
    const auto run = play(command, "not read: the script gives the answers\n");
    EXPECT_EQ(run.code, ExitCode::Done);
    EXPECT_EQ(run.out, readFile(sourceDir() / "tests/transcripts/takeover-late-stage.best.expected"));
    EXPECT_EQ(run.err, "");
}

TEST(PlayCommand, WithoutAScriptTheAnswersComeFromTheInput)
{
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    const auto run = play(command, readFile(kTakeoverBest));
    EXPECT_EQ(run.code, ExitCode::Done);
    EXPECT_EQ(run.out, readFile(sourceDir() / "tests/transcripts/takeover-late-stage.best.expected"));
}

TEST(PlayCommand, InputEndingBeforeTheScenarioExitsThree)
{
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    const auto answers = scriptAnswers(kTakeoverBest);
    const auto run = play(command, answers[0] + "\n" + answers[1] + "\n");
    EXPECT_EQ(run.code, ExitCode::InputEnded);
    const std::string ended = "\n(input ended before the scenario finished)\n";
    ASSERT_GE(run.out.size(), ended.size());
    EXPECT_EQ(run.out.substr(run.out.size() - ended.size()), ended);
    EXPECT_EQ(run.out.find("== Outcome"), std::string::npos);
}

TEST(PlayCommand, WhatTheTraineeTypedIsEchoedWithoutItsControlCharacters)
{
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    // An answer pasted with a terminal escape (clear the screen), a bell and a C1 CSI, at a choice.
    const auto run = play(command, "\x1B[2J\x07\xC2\x9B"
                                   "31m\n");
    EXPECT_EQ(run.code, ExitCode::InputEnded);
    EXPECT_EQ(run.out.find('\x1B'), std::string::npos);
    EXPECT_EQ(run.out.find('\x07'), std::string::npos);
    EXPECT_EQ(run.out.find("\xC2\x9B"), std::string::npos);
    EXPECT_NE(run.out.find("> \\x1B[2J\\x07\\u009B31m\n"), std::string::npos) << run.out;
}

TEST(PlayCommand, AScenarioThatLoopsWithoutADecisionStopsAndExitsOne)
{
    TempLibrary library;
    const auto file = library.write("spin.yaml", kLoopScenario); // lint passes it
    console::PlayCommand command;
    command.scenario = file.string();
    const auto run = play(command);
    EXPECT_EQ(run.code, ExitCode::Errors);
    const std::string message =
        "the scenario loops between 'b' and 'a' without a decision: stopped after 10000 steps";
    EXPECT_EQ(run.err, "sparring: " + message + "\n");
    const std::string ending = "(" + message + ")\n";
    ASSERT_GE(run.out.size(), ending.size());
    EXPECT_EQ(run.out.substr(run.out.size() - ending.size()), ending);
}

TEST(PlayCommand, AMissingScriptExitsTwo)
{
    TempLibrary scratch;
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    command.script = (scratch.root() / "missing.script").string();
    const auto run = play(command);
    EXPECT_EQ(run.code, ExitCode::Usage);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "sparring: cannot read script " + command.script + ": file not found\n");
}

TEST(PlayCommand, QuittingExitsZeroAndOnlyATerminalIsPrompted)
{
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    command.inputIsTerminal = true;
    const auto prompted = play(command, "1\n:quit\n");
    EXPECT_EQ(prompted.code, ExitCode::Done);
    EXPECT_NE(prompted.out.find("\n> "), std::string::npos);
    EXPECT_EQ(prompted.out.find("> 1\n"), std::string::npos); // a person's answer is not echoed

    // A script is not a person, even when the standard input is a terminal: answers are echoed.
    TempLibrary scratch;
    command.script = scratch.write("quit.script", "1\n:quit\n").string();
    const auto scripted = play(command);
    EXPECT_EQ(scripted.code, ExitCode::Done);
    EXPECT_NE(scripted.out.find("> 1\n"), std::string::npos);
}

TEST(PlayCommand, ASaveWrittenWithSaveContinuesWhereItStopped)
{
    TempLibrary scratch;
    const auto answers = scriptAnswers(kTakeoverBest);
    ASSERT_GE(answers.size(), 4u);

    console::PlayCommand straight;
    straight.scenario = kTakeover.string();
    straight.transcript = (scratch.root() / "straight.json").string();
    ASSERT_EQ(play(straight, joined(answers)).code, ExitCode::Done);

    // Three answers, then ':save' to the --save-to file, then the input ends.
    console::PlayCommand first;
    first.scenario = kTakeover.string();
    first.saveTo = (scratch.root() / "session.save").string();
    const auto stopped = play(first, answers[0] + "\n" + answers[1] + "\n" + answers[2] + "\n:save\n");
    EXPECT_EQ(stopped.code, ExitCode::InputEnded);
    EXPECT_NE(stopped.out.find("  (saved to " + first.saveTo + ")\n"), std::string::npos) << stopped.out;

    console::PlayCommand resumed;
    resumed.scenario = kTakeover.string();
    resumed.resume = first.saveTo;
    resumed.transcript = (scratch.root() / "resumed.json").string();
    const auto rest = std::vector<std::string>(answers.begin() + 3, answers.end());
    const auto run = play(resumed, joined(rest));
    EXPECT_EQ(run.code, ExitCode::Done) << run.err;
    EXPECT_EQ(run.err, "");
    EXPECT_NE(run.out.find("== Outcome: good"), std::string::npos) << run.out;
    // The resumed session is the one played straight through: same entries, scores and ending.
    EXPECT_EQ(readFile(resumed.transcript), readFile(straight.transcript));
    EXPECT_EQ(nlohmann::json::parse(readFile(resumed.transcript)).at("outcome"), "good");
}

TEST(PlayCommand, ASaveThatCannotBeReadExitsTwoAndOneThatDoesNotFitExitsOne)
{
    TempLibrary scratch;
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    command.resume = (scratch.root() / "missing.save").string();
    const auto unreadable = play(command);
    EXPECT_EQ(unreadable.code, ExitCode::Usage);
    EXPECT_EQ(unreadable.err, "sparring: cannot read save file " + command.resume + ": file not found\n");

    command.resume = scratch.write("wrong.save", "{\"version\": 1}").string();
    auto loaded = core::loadScenario(kTakeover);
    ASSERT_TRUE(loaded.scenario);
    const auto expected = runtime::restoreSession(
        std::make_shared<const core::Scenario>(std::move(*loaded.scenario)), "{\"version\": 1}");
    ASSERT_FALSE(expected.problems.empty());
    std::string problems;
    for (const auto& problem : expected.problems)
        problems += command.resume + ": error: " + problem + "\n";
    const auto misfit = play(command);
    EXPECT_EQ(misfit.code, ExitCode::Errors);
    EXPECT_EQ(misfit.out, "");
    EXPECT_EQ(misfit.err, problems);
}

TEST(PlayCommand, AScenarioWithErrorsExitsOneWithItsDiagnostics)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    const auto file = library.write("broken.yaml", kBroken);
    console::PlayCommand command;
    command.scenario = file.string();
    command.script = kTakeoverBest.string();
    const auto run = play(command);
    EXPECT_EQ(run.code, ExitCode::Errors);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, file.string() +
                           ":5:15: error: difficulty is 'hard', which is not one of beginner, intermediate "
                           "or advanced [SP0013]\n" +
                           file.string() +
                           ":11:53: error: unknown node 'outro' in the next of node 'intro' [SP0101]\n");
}

TEST(PlayCommand, EndlessOrBlockingInputsAreRefusedAtOnce)
{
    TempLibrary scratch;
    const auto fifo = scratch.root() / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    for (const std::string& file : {std::string("/dev/zero"), fifo.string()}) {
        console::PlayCommand resumed;
        resumed.scenario = kTakeover.string();
        resumed.resume = file; // a blocking open or an endless read would never come back
        const auto run = play(resumed);
        EXPECT_EQ(run.code, ExitCode::Usage);
        EXPECT_EQ(run.err.rfind("sparring: cannot read save file " + file + ": is a ", 0), 0u) << run.err;

        console::PlayCommand scripted;
        scripted.scenario = kTakeover.string();
        scripted.script = file;
        EXPECT_EQ(play(scripted).code, ExitCode::Usage);
    }
}

TEST(PlayCommand, ASaveThatIsNotWrittenSaysWhyAndExitsTwo)
{
    TempLibrary scratch;
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    const auto target = scratch.root() / "gone" / "session.save";
    const auto run = play(command, ":save " + target.string() + "\n:quit\n");
    EXPECT_EQ(run.code, ExitCode::Usage);
    EXPECT_NE(run.out.find("  (could not save to " + target.string() + ": its folder " +
                           (scratch.root() / "gone").string() + " cannot be used: file not found)\n"),
              std::string::npos)
        << run.out;

    // A later save that works is what counts.
    const auto ok = scratch.root() / "session.save";
    const auto retried = play(command, ":save " + target.string() + "\n:save " + ok.string() + "\n:quit\n");
    EXPECT_EQ(retried.code, ExitCode::Done);
    EXPECT_TRUE(fs::exists(ok));
}

TEST(PlayCommand, TheTranscriptIsWrittenOrItsFailureExitsTwo)
{
    TempLibrary scratch;
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    command.script = kTakeoverBest.string();
    command.seed = 5;
    command.transcript = (scratch.root() / "transcript.json").string();
    ASSERT_EQ(play(command).code, ExitCode::Done);
    const auto transcript = nlohmann::json::parse(readFile(command.transcript));
    EXPECT_EQ(transcript.at("seed"), 5);
    EXPECT_EQ(transcript.at("finished"), true);
    EXPECT_EQ(transcript.at("outcome"), "good");

    // Where the transcript goes is checked before the session is played, not after it.
    command.transcript = (scratch.root() / "no-such-folder" / "transcript.json").string();
    const auto run = play(command);
    EXPECT_EQ(run.code, ExitCode::Usage);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "sparring: cannot write the transcript to " + command.transcript + ": its folder " +
                           (scratch.root() / "no-such-folder").string() +
                           " cannot be used: file not found\n");
}

TEST(PlayCommand, WithoutModelsTheInjectedLoggerIsToldFreeTextIsRoutedByPhrases)
{
    TempLibrary empty; // an installation without models
    std::ostringstream logged;
    auto log =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(logged));
    log->set_pattern("%l: %v");
    console::PlayCommand command;
    command.scenario = kTakeover.string();
    const auto run = play(command, "1\n", console::Installation{empty.root()}, log);
    EXPECT_EQ(run.code, ExitCode::InputEnded);
    EXPECT_EQ(run.err, "");
    EXPECT_NE(logged.str().find("info: loaded 'takeover-late-stage' ("), std::string::npos) << logged.str();
    EXPECT_NE(logged.str().find("warning: free-text answers are routed by phrases only: "), std::string::npos)
        << logged.str();
    EXPECT_NE(logged.str().find("warning: input ended at node '"), std::string::npos) << logged.str();
}

// ---- lint ------------------------------------------------------------------------------------

console::LintCommand lintOf(std::vector<std::string> paths, std::string format = "human",
                            std::string root = "")
{
    console::LintCommand command;
    command.paths = std::move(paths);
    command.format = std::move(format);
    command.root = std::move(root);
    return command;
}

CommandRun lint(const console::LintCommand& command)
{
    std::ostringstream out;
    const auto code = console::runLint(command, out);
    return {code, out.str(), ""};
}

TEST(LintCommand, ABrokenFileExitsOneWithItsDiagnostics)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    const auto file = library.write("broken.yaml", kBroken);
    const auto run = lint(lintOf({file.string()}));
    EXPECT_EQ(run.code, ExitCode::Errors);
    EXPECT_EQ(run.out, file.string() +
                           ":5:15: error: difficulty is 'hard', which is not one of beginner, intermediate "
                           "or advanced [SP0013]\n" +
                           file.string() +
                           ":11:53: error: unknown node 'outro' in the next of node 'intro' [SP0101]\n" +
                           "1 file checked (1 scenario, 0 included files): 2 errors, 0 warnings\n");
}

TEST(LintCommand, JsonFormatIsOneDocument)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    const auto file = library.write("broken.yaml", kBroken);
    const auto run = lint(lintOf({file.string(), (library.root() / "missing.yaml").string()}, "json"));
    EXPECT_EQ(run.code, ExitCode::Errors);
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("files"), 1);
    EXPECT_EQ(doc.at("errors"), 3);
    EXPECT_EQ(doc.at("warnings"), 0);
    ASSERT_EQ(doc.at("diagnostics").size(), 3u);
    EXPECT_EQ(doc["diagnostics"][1],
              (nlohmann::json{{"file", file.string()},
                              {"line", 11},
                              {"column", 53},
                              {"severity", "error"},
                              {"code", "SP0101"},
                              {"message", "unknown node 'outro' in the next of node 'intro'"}}));
    EXPECT_EQ(doc["diagnostics"][2]["code"], "SP0001");
}

TEST(LintCommand, TheShippedLibraryExitsZero)
{
    const auto run = lint(lintOf({(sourceDir() / "scenarios").string()}));
    EXPECT_EQ(run.code, ExitCode::Done) << run.out;
    EXPECT_EQ(linesOf(run.out).size(), 1u) << run.out;
    EXPECT_NE(run.out.find(" included files, the curriculum): 0 errors, 0 warnings\n"), std::string::npos)
        << run.out;
}

TEST(LintCommand, IncludesMayNotLeaveTheGivenRoot)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    const auto file = library.write("deep/ok.yaml", R"(scenario: {id: ok, title: T, kind: roleplay}
include: [../fw.yaml]
cast:
  - {id: sam, name: Sam}
start: a
nodes:
  a: {type: line, speaker: sam, text: Hi, next: z}
  z: {type: end, outcome: good, debrief: Done.}
)");
    // By default the root is the enclosing 'scenarios' folder, which holds fw.yaml.
    const auto inLibrary = lint(lintOf({file.string()}));
    EXPECT_EQ(inLibrary.code, ExitCode::Done) << inLibrary.out;

    const auto root = library.root() / "deep";
    const auto fenced = lint(lintOf({file.string()}, "human", root.string()));
    EXPECT_EQ(fenced.code, ExitCode::Errors);
    EXPECT_EQ(fenced.out,
              file.string() +
                  ":1:1: error: no coaching framework: include one (e.g. '../framework/default.yaml') or "
                  "add a 'framework:' section [SP0031]\n" +
                  file.string() + ":2:11: error: include '../fw.yaml' leaves the scenario library (" +
                  root.string() + "); shared files must live inside it [SP0022]\n" +
                  "1 file checked (1 scenario, 0 included files): 2 errors, 0 warnings\n");
}

// ---- graph -----------------------------------------------------------------------------------

console::GraphCommand graphOf(const fs::path& scenario, const fs::path& output = {})
{
    console::GraphCommand command;
    command.scenario = scenario.string();
    command.output = output.string();
    return command;
}

CommandRun graph(const console::GraphCommand& command)
{
    std::ostringstream out, err;
    const auto code = console::runGraph(command, out, err);
    return {code, out.str(), err.str()};
}

TEST(GraphCommand, PrintsTheScenariosDotOrWritesItToTheOutput)
{
    auto loaded = core::loadScenario(kTakeover);
    ASSERT_TRUE(loaded.scenario);
    const std::string dot = console::toDot(*loaded.scenario);
    ASSERT_EQ(dot.rfind("digraph \"takeover-late-stage\" {", 0), 0u);

    const auto printed = graph(graphOf(kTakeover));
    EXPECT_EQ(printed.code, ExitCode::Done);
    EXPECT_EQ(printed.out, dot);
    EXPECT_EQ(printed.err, "");

    TempLibrary scratch;
    const auto file = scratch.root() / "graph.dot";
    const auto written = graph(graphOf(kTakeover, file));
    EXPECT_EQ(written.code, ExitCode::Done);
    EXPECT_EQ(written.out, "");
    EXPECT_EQ(readFile(file), dot);
}

TEST(GraphCommand, APlayedTranscriptIsDrawnOverTheGraphAndAnotherScenariosIsRefused)
{
    TempLibrary scratch;
    console::PlayCommand played;
    played.scenario = kTakeover.string();
    played.script = kTakeoverBest.string();
    played.transcript = (scratch.root() / "best.json").string();
    ASSERT_EQ(play(played).code, ExitCode::Done);

    auto command = graphOf(kTakeover);
    command.transcripts = {played.transcript};
    const auto run = graph(command);
    EXPECT_EQ(run.code, ExitCode::Done) << run.err;
    EXPECT_EQ(run.err, "");
    EXPECT_NE(run.out.find("1 play drawn in blue"), std::string::npos);
    // Every node the transcript records is drawn as walked.
    const auto transcript = nlohmann::json::parse(readFile(played.transcript)); // outlives the loop
    for (const auto& entry : transcript.at("entries")) {
        const std::string id = entry.at("node");
        const auto at = run.out.find("\n  \"" + id + "\" [");
        ASSERT_NE(at, std::string::npos) << id;
        const auto line = run.out.substr(at + 1, run.out.find('\n', at + 1) - at - 1);
        EXPECT_NE(line.find("color=\"#1f5fbf\""), std::string::npos) << line;
    }

    const auto panel = sourceDir() / "scenarios/panel/why-managers-dont-coach.yaml";
    auto mismatched = graphOf(panel);
    mismatched.transcripts = {played.transcript};
    const auto refused = graph(mismatched);
    EXPECT_EQ(refused.code, ExitCode::Usage);
    EXPECT_EQ(refused.out, "");
    EXPECT_EQ(refused.err,
              "sparring: " + played.transcript +
                  ": a transcript of scenario 'takeover-late-stage', not of 'why-managers-dont-coach'\n");
}

TEST(GraphCommand, ABrokenScenarioExitsOneAndAnUnwritableOutputTwo)
{
    TempLibrary library;
    library.write("fw.yaml", kFramework);
    const auto file = library.write("broken.yaml", kBroken);
    const auto broken = graph(graphOf(file));
    EXPECT_EQ(broken.code, ExitCode::Errors);
    EXPECT_EQ(broken.out, "");
    EXPECT_EQ(linesOf(broken.err).size(), 2u) << broken.err;
    EXPECT_NE(broken.err.find(":11:53: error: unknown node 'outro' in the next of node 'intro' [SP0101]\n"),
              std::string::npos);

    const auto output = library.root() / "no-such-folder" / "graph.dot";
    const auto unwritable = graph(graphOf(kTakeover, output));
    EXPECT_EQ(unwritable.code, ExitCode::Usage);
    EXPECT_EQ(unwritable.out, "");
    EXPECT_EQ(unwritable.err.rfind("sparring: ", 0), 0u) << unwritable.err;
    EXPECT_NE(unwritable.err.find(output.string()), std::string::npos) << unwritable.err;
}

// ---- generate --------------------------------------------------------------------------------

TEST(GenerateCommand, WritesAValidSyntheticScenario)
{
    console::GenerateCommand command;
    command.scenario.units = 5;
    command.scenario.seed = 7;
    std::ostringstream out, err;
    EXPECT_EQ(console::runGenerate(command, out, err), ExitCode::Done);
    EXPECT_EQ(out.str(), console::syntheticScenarioYaml(command.scenario));
    EXPECT_EQ(err.str(), "");
    const auto scenario = mustLoad(out.str());
    ASSERT_TRUE(scenario);
    EXPECT_EQ(scenario->nodes.size(), 11u); // 2N + 1

    TempLibrary scratch;
    command.output = (scratch.root() / "synthetic.yaml").string();
    std::ostringstream none, noErr;
    EXPECT_EQ(console::runGenerate(command, none, noErr), ExitCode::Done);
    EXPECT_EQ(none.str(), "");
    EXPECT_EQ(readFile(command.output), out.str());

    command.output = (scratch.root() / "no-such-folder" / "synthetic.yaml").string();
    std::ostringstream unused, unwritable;
    EXPECT_EQ(console::runGenerate(command, unused, unwritable), ExitCode::Usage);
    EXPECT_EQ(unwritable.str().rfind("sparring: ", 0), 0u) << unwritable.str();
}

// ---- classify --------------------------------------------------------------------------------

class ClassifyCommandTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        auto loaded = core::loadFramework(staged().framework());
        ASSERT_TRUE(loaded.framework.has_value()) << ::testing::PrintToString(formatted(loaded.diagnostics));
        s_frameworkDiagnostics = joined(formatted(loaded.diagnostics));
        s_analyser =
            std::make_unique<scoring::Analyser>(modelDirectory(), scoring::phraseListsOf(*loaded.framework));
    }
    static void TearDownTestSuite() { s_analyser.reset(); }
    void SetUp() override { ASSERT_TRUE(s_analyser) << "the analyser could not be built"; }

    static CommandRun classify(const console::ClassifyCommand& command, const std::string& input = "")
    {
        std::istringstream in(input);
        std::ostringstream out, err;
        const auto code = console::runClassify(command, in, out, err, staged());
        return {code, out.str(), err.str()};
    }

    /// What the library prints for `input` read from `name`: results, then warnings.
    static CommandRun library(const std::string& input, bool jsonl, const std::string& name)
    {
        std::istringstream in(input);
        std::ostringstream out, err;
        console::classifyLines(in, out, err, *s_analyser, jsonl, name);
        return {ExitCode::Done, out.str(), err.str()};
    }

    static inline std::unique_ptr<scoring::Analyser> s_analyser;
    static inline std::string s_frameworkDiagnostics;
};

const std::string kUtterances = "What happened on the call?\n"
                                "\n"
                                "Let me call them for you.\n"
                                "Did you send the proposal?\n";

TEST_F(ClassifyCommandTest, StandardInputLinesGetOneResultEachInOrder)
{
    console::ClassifyCommand command;
    command.format = "jsonl";
    const auto run = classify(command, kUtterances);
    EXPECT_EQ(run.code, ExitCode::Done);
    const auto lines = linesOf(run.out);
    ASSERT_EQ(lines.size(), 4u) << run.out;
    const auto inputs = linesOf(kUtterances);
    for (std::size_t i = 0; i < lines.size(); ++i)
        EXPECT_EQ(nlohmann::json::parse(lines[i]).at("text"), inputs[i]);
    const auto expected = library(kUtterances, true, "<stdin>");
    EXPECT_EQ(run.out, expected.out);
    EXPECT_EQ(run.err, s_frameworkDiagnostics + expected.err);
    EXPECT_NE(run.err.find("<stdin>:2: warning: no words to analyse\n"), std::string::npos) << run.err;

    command.format = "human";
    const auto human = classify(command, kUtterances);
    EXPECT_EQ(human.code, ExitCode::Done);
    EXPECT_EQ(human.out, library(kUtterances, false, "<stdin>").out);
}

TEST_F(ClassifyCommandTest, FilesAreReadInOrderUntilOneCannotBe)
{
    TempLibrary scratch;
    const auto first = scratch.write("first.txt", "What happened on the call?\n");
    const auto second = scratch.write("second.txt", "Let me call them for you.\n");
    const auto missing = scratch.root() / "missing.txt";
    console::ClassifyCommand command;
    command.format = "jsonl";
    command.files = {first.string(), second.string()};
    const auto both = classify(command, "not read\n");
    EXPECT_EQ(both.code, ExitCode::Done);
    EXPECT_EQ(both.out,
              library(readFile(first), true, first.string()).out + library(readFile(second), true, "").out);

    command.files = {first.string(), missing.string(), second.string()};
    const auto stopped = classify(command);
    EXPECT_EQ(stopped.code, ExitCode::Usage);
    EXPECT_EQ(stopped.out, library(readFile(first), true, first.string()).out);
    EXPECT_EQ(stopped.err, s_frameworkDiagnostics + "sparring: cannot read utterances from " +
                               missing.string() + ": file not found\n");
}

TEST_F(ClassifyCommandTest, EvalPrintsTheEvaluationOfALabelledFile)
{
    TempLibrary scratch;
    console::ClassifyCommand command;
    command.eval =
        scratch
            .write("labelled.jsonl", R"({"text": "What happened on the call?", "act": "open_question"})"
                                     "\n"
                                     R"({"text": "Let me call them for you.", "act": "advice"})"
                                     "\n")
            .string();
    const auto run = classify(command);
    EXPECT_EQ(run.code, ExitCode::Done);
    const auto corpus = scoring::readCorpus(command.eval);
    std::vector<scoring::Analysis> predicted;
    for (const auto& u : corpus.items)
        predicted.push_back(s_analyser->classify(u.text));
    std::ostringstream expected;
    console::printEvaluation(expected, scoring::evaluate(corpus.items, predicted));
    EXPECT_EQ(run.out, expected.str());
    EXPECT_EQ(run.out.rfind("Acts (2 utterances)\n", 0), 0u) << run.out;

    command.eval = (scratch.root() / "missing.jsonl").string();
    const auto missing = classify(command);
    EXPECT_EQ(missing.code, ExitCode::Errors);
    EXPECT_EQ(missing.out, "");
    EXPECT_NE(missing.err.find("[SP0001]"), std::string::npos) << missing.err;
}

TEST_F(ClassifyCommandTest, ModelsOrAFrameworkThatCannotLoadExitOne)
{
    TempLibrary scratch;
    console::ClassifyCommand command;
    command.models = (scratch.root() / "no-models").string();
    const auto noModels = classify(command, "What happened?\n");
    EXPECT_EQ(noModels.code, ExitCode::Errors);
    EXPECT_EQ(noModels.out, "");
    EXPECT_EQ(noModels.err.rfind(s_frameworkDiagnostics + "sparring: ", 0), 0u) << noModels.err;
    EXPECT_NE(noModels.err.find(command.models), std::string::npos) << noModels.err;

    command.models.clear();
    command.framework = scratch.write("framework.yaml", "intro: not a framework\n").string();
    const auto noFramework = classify(command, "What happened?\n");
    EXPECT_EQ(noFramework.code, ExitCode::Errors);
    EXPECT_EQ(noFramework.out, "");
    EXPECT_EQ(noFramework.err, joined(formatted(core::loadFramework(command.framework).diagnostics)));
    EXPECT_NE(noFramework.err.find("[SP0031]"), std::string::npos) << noFramework.err;
}

// ---- train -----------------------------------------------------------------------------------

/// Every fifteenth utterance of the training corpus: all topics, quick to train on.
fs::path smallCorpus(const TempLibrary& scratch)
{
    std::string text;
    std::size_t number = 0;
    for (const auto& line : linesOf(readFile(sourceDir() / "assets/corpus/train.jsonl")))
        if (++number % 15 == 0)
            text += line + "\n";
    return scratch.write("small.jsonl", text);
}

CommandRun train(const console::TrainCommand& command)
{
    std::ostringstream out, err;
    const auto code = console::runTrain(command, out, err, staged());
    return {code, out.str(), err.str()};
}

TEST(TrainCommand, CharNgramsTrainTheActModelWithTheRangeTheSettingsDerive)
{
    TempLibrary scratch;
    console::TrainCommand command;
    command.corpora = {smallCorpus(scratch).string()};
    command.settings.acts.epochs = 2;
    command.settings.tags.epochs = 2;
    command.charNgrams = 3;
    command.models = (scratch.root() / "command").string();
    const auto run = train(command);
    ASSERT_EQ(run.code, ExitCode::Done) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "");

    // The same corpus and settings through scoring, with the range scoring derives from 3.
    auto settings = command.settings;
    settings.acts = scoring::withCharNgrams(settings.acts, 3);
    ASSERT_EQ(settings.acts.maxCharNgram, 5);
    const auto direct = scratch.root() / "direct";
    scoring::trainModels(scoring::readCorpus(command.corpora.front()).items, direct, settings);
    const auto actModel = readFile(fs::path(command.models) / scoring::kActModelFile);
    ASSERT_FALSE(actModel.empty());
    // Compared as booleans: a failure should not print two binary models.
    EXPECT_TRUE(actModel == readFile(direct / scoring::kActModelFile)) << "the act models differ";
    EXPECT_TRUE(readFile(fs::path(command.models) / scoring::kTagModelFile) ==
                readFile(direct / scoring::kTagModelFile))
        << "the tag models differ";

    // Without character n-grams the act model differs: the option reached it.
    command.charNgrams = 0;
    command.models = (scratch.root() / "plain").string();
    ASSERT_EQ(train(command).code, ExitCode::Done);
    EXPECT_FALSE(readFile(fs::path(command.models) / scoring::kActModelFile) == actModel)
        << "the act models are equal";
}

TEST(TrainCommand, WithoutAnOutputFolderItIsAUsageError)
{
    TempLibrary scratch;
    console::TrainCommand command;
    command.corpora = {smallCorpus(scratch).string()};
    const auto run = train(command);
    EXPECT_EQ(run.code, ExitCode::Usage);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "sparring: train needs --out DIR (or --cross-validate)\n");
}

TEST(TrainCommand, ACorpusThatCannotBeReadExitsOne)
{
    TempLibrary scratch;
    console::TrainCommand command;
    command.corpora = {(scratch.root() / "missing.jsonl").string()};
    command.models = (scratch.root() / "models").string();
    const auto run = train(command);
    EXPECT_EQ(run.code, ExitCode::Errors);
    EXPECT_EQ(run.err, joined(formatted(scoring::readCorpus(command.corpora.front()).diagnostics)));
    EXPECT_NE(run.err.find("[SP0001]"), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(command.models));
}

} // namespace
} // namespace sparring::test
