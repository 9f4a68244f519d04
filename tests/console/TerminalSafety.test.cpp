// Every byte the human reports print is terminal-safe: a file's name, a scenario's text, an
// utterance or a diagnostic quoting any of them never sends a control character (ESC, BEL, NUL,
// the C1 controls U+0080-U+009F) or invalid UTF-8 to the terminal; each is shown as
// core::terminalSafe shows it. Covers `sparring lint`, `analyze`, `graph` (DOT labels and ids) and
// `classify` in its human format (the classify case is in Classify.test.cpp, beside its analyser).

#include "TestSupport.hpp"
#include "console/Analyze.hpp"
#include "console/Commands.hpp"
#include "console/GraphExport.hpp"
#include "console/Lint.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <variant>

namespace sparring::test {
namespace {

const std::string kScenario = std::string(kFramework) + R"(scenario: {id: ok, title: T, kind: roleplay}
cast:
  - {id: sam, name: Sam}
start: a
nodes:
  a: {type: line, speaker: sam, text: Hi, next: pick}
  pick:
    type: choice
    options:
      - {text: Ask, goto: z}
  z: {type: end, outcome: good, title: Done, debrief: Done.}
)";

/// A scenario whose value quotes control characters the loader refuses (escaped in the YAML, and
/// raw), so the diagnostics quote them.
const std::string kRefused = std::string(kFramework) +
                             "scenario: {id: bad, title: \"T\\e[2J\\a\\x9B\", kind: "
                             "roleplay}\nstart: \"a\x1B\xC2\x9B\"\n";

TEST(TerminalSafety, LintAndAnalyzePrintHostileFileNamesAndValuesAsEscapes)
{
    TempLibrary library;
    library.write("roleplay/ok" + kHostileBytes + ".yaml", kScenario);
    library.write("roleplay/bad" + kHostileBytes + ".yaml", kRefused);

    std::ostringstream lintOut;
    console::printLintHuman(lintOut, console::lintPaths({library.root()}, {}));
    EXPECT_EQ(terminalHazard(lintOut.str()), std::nullopt);
    EXPECT_NE(lintOut.str().find("/roleplay/bad" + kHostileShown + ".yaml:"), std::string::npos)
        << lintOut.str();

    std::ostringstream analyzeOut;
    console::printAnalyzeHuman(analyzeOut, console::analyzePaths({library.root()}, {}, {}));
    EXPECT_EQ(terminalHazard(analyzeOut.str()), std::nullopt);
    EXPECT_NE(analyzeOut.str().find("/roleplay/ok" + kHostileShown + ".yaml: "), std::string::npos)
        << analyzeOut.str();
    EXPECT_NE(analyzeOut.str().find("/roleplay/bad" + kHostileShown + ".yaml:"), std::string::npos)
        << analyzeOut.str();
}

TEST(TerminalSafety, JsonReportsWriteTheSameNamesAsEscapes)
{
    // JSON escapes only the controls below 0x20: DEL and the C1 controls (here U+009B, which a
    // terminal reads as CSI) are escaped by the one JSON printer, and the invalid byte replaced.
    TempLibrary library;
    library.write("roleplay/ok" + kHostileBytes + ".yaml", kScenario);
    library.write("roleplay/bad" + kHostileBytes + ".yaml", kRefused);

    std::ostringstream lintJson;
    console::printLintJson(lintJson, console::lintPaths({library.root()}, {}));
    EXPECT_EQ(terminalHazard(lintJson.str()), std::nullopt) << lintJson.str();
    EXPECT_NE(lintJson.str().find("\\u009b"), std::string::npos) << lintJson.str();

    std::ostringstream analyzeJson;
    console::printAnalyzeJson(analyzeJson, console::analyzePaths({library.root()}, {}, {}));
    EXPECT_EQ(terminalHazard(analyzeJson.str()), std::nullopt) << analyzeJson.str();
}

TEST(TerminalSafety, GraphLabelsAndIdsCarryNoControlCharacter)
{
    // Built past the loader (which refuses such values), as any caller of toDot may.
    core::Scenario scenario = *mustLoad(kScenario);
    const std::string hostile = kHostileBytes + std::string(1, '\0') + "\t\n";
    scenario.meta.id = "ok" + kHostileBytes;
    scenario.meta.title = "T" + hostile;
    for (auto& node : scenario.nodes) {
        if (auto* line = std::get_if<core::LineNode>(&node.body))
            line->text.source = "Hi" + hostile;
        if (auto* end = std::get_if<core::EndNode>(&node.body))
            end->title = "Done" + hostile;
        if (auto* choice = std::get_if<core::ChoiceNode>(&node.body))
            choice->options[0].text.source = "Ask" + hostile;
        if (node.id == "z")
            node.id = "z" + kHostileBytes;
    }
    const auto dot = console::toDot(scenario);
    EXPECT_EQ(terminalHazard(dot), std::nullopt);
    // The escapes are shown as written: their backslashes escaped for DOT; line feed and tab as
    // spaces; NUL as \x00.
    const std::string shownInDot = "\\\\x1B[2J\\\\x07\\\\u009B31m\xEF\xBF\xBD";
    EXPECT_NE(dot.find("digraph \"ok" + shownInDot + "\" {"), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"T" + shownInDot + "\\\\x00   (roleplay)\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("Sam: Hi" + shownInDot + "\\\\x00  "), std::string::npos) << dot;
    EXPECT_NE(dot.find("\"z" + shownInDot + "\" ["), std::string::npos) << dot;
    EXPECT_NE(dot.find("1. Ask" + shownInDot), std::string::npos) << dot;
}

TEST(TerminalSafety, GraphSaysWhichFileFailedWithoutItsControlCharacters)
{
    TempLibrary library;
    const auto bad = library.write("roleplay/bad" + kHostileBytes + ".yaml", kRefused);
    console::GraphCommand command;
    command.scenario = bad.string();
    command.transcripts = {(library.root() / ("missing" + kHostileBytes + ".json")).string()};
    std::ostringstream out, err;
    EXPECT_EQ(console::runGraph(command, out, err), console::ExitCode::Errors);
    EXPECT_EQ(terminalHazard(err.str()), std::nullopt);
    EXPECT_NE(err.str().find("/roleplay/bad" + kHostileShown + ".yaml:"), std::string::npos) << err.str();

    command.scenario = library.write("roleplay/ok.yaml", kScenario).string();
    std::ostringstream out2, err2;
    EXPECT_EQ(console::runGraph(command, out2, err2), console::ExitCode::Usage);
    EXPECT_EQ(terminalHazard(err2.str()), std::nullopt);
    EXPECT_NE(err2.str().find("missing" + kHostileShown + ".json: file not found"), std::string::npos)
        << err2.str();
}

} // namespace
} // namespace sparring::test
