// `sparring classify`: one result per input line, in order, whatever the line holds (empty,
// white space, invalid UTF-8), as valid JSON whose evidence offsets index its own "text"; the
// evaluation report; and the command itself giving what the library gives.

#include "console/Classify.hpp"
#include "TestSupport.hpp"
#include "core/Loader.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace sparring::test {
namespace {

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs `sparring <arguments>` through the shell, standard output and standard error apart.
CommandResult run(const std::string& arguments, const TempLibrary& scratch)
{
    const auto errFile = scratch.root() / "stderr.txt";
    const std::string command =
        std::string(SPARRING_BINARY) + " " + arguments + " 2>'" + errFile.string() + "'";
    const auto shell = runShell(command);
    CommandResult result;
    result.exitCode = shell.exitCode;
    result.out = shell.out;
    result.err = readFile(errFile);
    return result;
}

std::vector<std::string> linesOf(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::string quote(const std::filesystem::path& path)
{
    return "'" + path.string() + "'";
}

class ClassifyTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        auto loaded = core::loadFramework(frameworkFile());
        ASSERT_TRUE(loaded.framework.has_value()) << ::testing::PrintToString(formatted(loaded.diagnostics));
        // What the command prints before its own output when it loads the framework.
        for (const auto& line : formatted(loaded.diagnostics))
            s_frameworkDiagnostics += line + "\n";
        s_analyser =
            std::make_unique<scoring::Analyser>(modelDirectory(), scoring::phraseListsOf(*loaded.framework));
    }
    static void TearDownTestSuite() { s_analyser.reset(); }
    void SetUp() override { ASSERT_TRUE(s_analyser) << "the analyser could not be built"; }

    static std::filesystem::path frameworkFile() { return sourceDir() / "scenarios/framework/default.yaml"; }
    static const scoring::Analyser& analyser() { return *s_analyser; }

    static inline std::unique_ptr<scoring::Analyser> s_analyser;
    static inline std::string s_frameworkDiagnostics;
};

// Seven lines: an empty one, white space only, invalid UTF-8 alone and among words (before a
// takeover cue, so the cue's offsets move when the bad bytes are replaced), CRLF, and a last
// line without a newline.
const std::string kInput = "What happened on the call?\n"
                           "\n"
                           "\xFF\xFE\n"
                           "\xFF Let me call them for you.\n"
                           "   \n"
                           "Did you send the proposal?\r\n"
                           "um, uh, what happened?";

// The human format goes to a terminal: the utterance, the evidence quoting it and the warnings
// naming the input show its control characters (ESC, BEL, NUL, C1) and bad bytes as escapes.
TEST_F(ClassifyTest, TheHumanFormatPrintsNoControlCharacterFromTheInput)
{
    std::istringstream in("Let me call them" + kHostileBytes + std::string(1, '\0') + " for you.\n" +
                          kHostileBytes + "\n");
    std::ostringstream out, warnings;
    EXPECT_EQ(console::classifyLines(in, out, warnings, analyser(), false, "input" + kHostileBytes + ".txt"),
              2u);
    EXPECT_EQ(terminalHazard(out.str()), std::nullopt);
    EXPECT_EQ(terminalHazard(warnings.str()), std::nullopt);
    // The bad byte is U+FFFD already (as in the JSON); the control characters are escapes.
    EXPECT_NE(out.str().find("Let me call them" + kHostileShown + "\\x00 for you.\n  act: "),
              std::string::npos)
        << out.str();
    EXPECT_NE(warnings.str().find("input" + kHostileShown + ".txt:1: warning: invalid UTF-8"),
              std::string::npos)
        << warnings.str();
}

TEST_F(ClassifyTest, JsonLinesKeepOneObjectPerInputLineInOrder)
{
    std::istringstream in(kInput);
    std::ostringstream out, warnings;
    const auto count = console::classifyLines(in, out, warnings, analyser(), true, "input.txt");
    EXPECT_EQ(count, 7u);

    const auto lines = linesOf(out.str());
    ASSERT_EQ(lines.size(), 7u) << out.str();
    const std::string fffd = "\xEF\xBF\xBD";
    const std::vector<std::string> texts{"What happened on the call?",
                                         "",
                                         fffd + fffd,
                                         fffd + " Let me call them for you.",
                                         "   ",
                                         "Did you send the proposal?",
                                         "um, uh, what happened?"};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        SCOPED_TRACE(lines[i]);
        const auto json = nlohmann::json::parse(lines[i], nullptr, false);
        ASSERT_FALSE(json.is_discarded());
        ASSERT_TRUE(json.is_object());
        const auto text = json.at("text").get<std::string>();
        EXPECT_EQ(text, texts[i]);
        EXPECT_TRUE(json.at("act").is_string());
        EXPECT_TRUE(json.at("tags").is_array());
        for (const auto& e : json.at("evidence")) {
            const auto start = e.at("start").get<std::size_t>();
            const auto end = e.at("end").get<std::size_t>();
            ASSERT_LT(start, end);
            ASSERT_LE(end, text.size());
            if (e.at("label").get<std::string>().rfind("depth:", 0) == 0)
                continue;
            // The offsets index the printed text: the span they cut out is the one the why quotes.
            const std::string quoted = "'" + text.substr(start, end - start) + "'";
            EXPECT_NE(e.at("why").get<std::string>().find(quoted), std::string::npos) << quoted;
        }
    }
    for (const std::size_t i : {1u, 2u, 4u}) {
        const auto json = nlohmann::json::parse(lines[i]);
        EXPECT_EQ(json.at("act"), "other");
        EXPECT_EQ(json.at("evidence"), nlohmann::json::array());
    }
    const auto takeover = nlohmann::json::parse(lines[3]);
    EXPECT_NE(std::find(takeover.at("tags").begin(), takeover.at("tags").end(), "takeover"),
              takeover.at("tags").end());

    EXPECT_EQ(linesOf(warnings.str()),
              (std::vector<std::string>{
                  "input.txt:2: warning: no words to analyse",
                  "input.txt:3: warning: invalid UTF-8: the bad bytes were replaced by U+FFFD",
                  "input.txt:3: warning: no words to analyse",
                  "input.txt:4: warning: invalid UTF-8: the bad bytes were replaced by U+FFFD",
                  "input.txt:5: warning: no words to analyse"}));
}

TEST_F(ClassifyTest, HumanFormatPrintsEveryLineToo)
{
    std::istringstream in(kInput);
    std::ostringstream out, warnings;
    EXPECT_EQ(console::classifyLines(in, out, warnings, analyser(), false, "input.txt"), 7u);
    std::size_t acts = 0;
    for (const auto& line : linesOf(out.str()))
        acts += line.rfind("  act: ", 0) == 0 ? 1 : 0;
    EXPECT_EQ(acts, 7u) << out.str();
    EXPECT_EQ(linesOf(warnings.str()).size(), 5u);
}

TEST(Classify, AnalysisJsonHasTheFieldsOfTheAnalysis)
{
    scoring::Analysis a;
    a.act = core::Act::Reflection;
    a.depth = "complex";
    a.tags = {"emotion_acknowledged"};
    a.evidence = {{"emotion_acknowledged", 4, 14, "'frustrated' acknowledges how the rep feels"}};
    a.actConfidence = 0.8125f;
    EXPECT_EQ(
        console::analysisJson("So frustrated.", a),
        R"({"act":"reflection","confidence":0.813,"depth":"complex","evidence":[{"end":14,)"
        R"("label":"emotion_acknowledged","start":4,"why":"'frustrated' acknowledges how the rep feels"}],)"
        R"("tags":["emotion_acknowledged"],"text":"So frustrated.","unsure":false})");
    scoring::Analysis other;
    other.actConfidence = 0.25f;
    other.actUnsure = true;
    EXPECT_EQ(console::analysisJson("ok\xFF", other),
              "{\"act\":\"other\",\"confidence\":0.25,\"evidence\":[],\"tags\":[],"
              "\"text\":\"ok\xEF\xBF\xBD\",\"unsure\":true}");
}

TEST(Classify, PrintAnalysisShowsActTagsAndEachWhy)
{
    scoring::Analysis a;
    a.act = core::Act::Reflection;
    a.depth = "simple";
    a.tags = {"emotion_acknowledged", "filler"};
    a.evidence = {{"reflection", 0, 2, "'So' mirrors what the rep said: a reflection"},
                  {"filler", 3, 5, "'um' is a filler word"}};
    a.actConfidence = 0.42f;
    a.actUnsure = true;
    std::ostringstream out;
    console::printAnalysis(out, "So um, frustrated.", a);
    EXPECT_EQ(out.str(), "So um, frustrated.\n"
                         "  act: reflection (simple)\n"
                         "  confidence: 42% (unsure: feedback chosen by this act comes with a caution)\n"
                         "  tags: emotion_acknowledged filler\n"
                         "  - 'So' mirrors what the rep said: a reflection\n"
                         "  - 'um' is a filler word\n");
}

scoring::LabelledUtterance gold(const std::string& act, const std::string& depth = "",
                                std::vector<std::string> tags = {})
{
    scoring::LabelledUtterance u;
    u.act = core::parseAct(act).value();
    u.depth = depth;
    u.tags = std::move(tags);
    return u;
}

scoring::Analysis predicted(const std::string& act, const std::string& depth = "",
                            std::vector<std::string> tags = {})
{
    scoring::Analysis a;
    a.act = core::parseAct(act).value();
    a.depth = depth;
    a.tags = std::move(tags);
    return a;
}

TEST(Classify, PrintEvaluationReport)
{
    // open->open [filler]->[filler], open->closed, reflection simple->reflection complex, advice->advice.
    // open: P 1/1, R 1/2, F1 2/3; closed: predicted once, never right: 0; reflection, advice: 1.
    // accuracy 3/4; macro-F1 over the four acts that occur = (2/3 + 0 + 1 + 1)/4 = 2/3;
    // p_e = (2*1 + 0*1 + 1*1 + 1*1)/16 = 1/4, kappa = (3/4 - 1/4)/(3/4) = 2/3.
    // Four classes: open and closed are both questions, so every class that occurs is right.
    // Confidence 0 everywhere with 3 of 4 right: calibration error 3/4.
    const auto e =
        scoring::evaluate({gold("open_question", "", {"filler"}), gold("open_question"),
                           gold("reflection", "simple"), gold("advice")},
                          {predicted("open_question", "", {"filler"}), predicted("closed_question"),
                           predicted("reflection", "complex"), predicted("advice")});
    std::ostringstream out;
    console::printEvaluation(out, e);
    EXPECT_EQ(out.str(),
              "Acts (4 utterances)\n"
              "  act              precision    recall        f1  support\n"
              "  open_question        1.000     0.500     0.667        2\n"
              "  closed_question      0.000     0.000     0.000        0\n"
              "  reflection           1.000     1.000     1.000        1\n"
              "  summary              0.000     0.000     0.000        0\n"
              "  affirmation          0.000     0.000     0.000        0\n"
              "  advice               1.000     1.000     1.000        1\n"
              "  information          0.000     0.000     0.000        0\n"
              "  other                0.000     0.000     0.000        0\n"
              "  accuracy 0.750   macro-F1 0.667   Cohen's kappa 0.667\n"
              "  reflection depth right: 0 of 1 (0.000)\n"
              "\n"
              "Four classes (question; reflection with summaries; input: advice and information; other with\n"
              "affirmations)\n"
              "  question             1.000     1.000     1.000        2\n"
              "  reflection           1.000     1.000     1.000        1\n"
              "  input                1.000     1.000     1.000        1\n"
              "  other                0.000     0.000     0.000        0\n"
              "  macro-F1 1.000\n"
              "\n"
              "Confidence in the act (calibrated)\n"
              "  expected calibration error 0.750 (ten bins)\n"
              "  sure: 4, accuracy 0.750   unsure: 0, accuracy 0.000\n"
              "\n"
              "Confusion matrix (rows: gold, columns: predicted)\n"
              "                   open_q closed reflec summar affirm advice inform  other\n"
              "  open_question         1      1      0      0      0      0      0      0\n"
              "  closed_question       0      0      0      0      0      0      0      0\n"
              "  reflection            0      0      1      0      0      0      0      0\n"
              "  summary               0      0      0      0      0      0      0      0\n"
              "  affirmation           0      0      0      0      0      0      0      0\n"
              "  advice                0      0      0      0      0      1      0      0\n"
              "  information           0      0      0      0      0      0      0      0\n"
              "  other                 0      0      0      0      0      0      0      0\n"
              "\n"
              "Tags\n"
              "  tag                                  precision    recall        f1  support predicted\n"
              "  filler                                   1.000     1.000     1.000        1         1\n"
              "  micro-F1 over all tags 1.000\n");
}

TEST_F(ClassifyTest, CommandGivesWhatTheLibraryGives)
{
    TempLibrary scratch;
    const auto file = scratch.write("utterances.txt", kInput);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out, warnings;
    console::classifyLines(in, out, warnings, analyser(), true, file.string());

    const auto result = run("classify --format jsonl " + quote(file), scratch);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(result.out, out.str());
    EXPECT_EQ(result.err, s_frameworkDiagnostics + warnings.str());
    EXPECT_EQ(linesOf(result.out).size(), 7u);

    // From standard input the warnings name <stdin>.
    std::istringstream again(kInput);
    std::ostringstream out2, warnings2;
    console::classifyLines(again, out2, warnings2, analyser(), true, "<stdin>");
    const auto piped = run("classify --format jsonl < " + quote(file), scratch);
    EXPECT_EQ(piped.exitCode, 0) << piped.err;
    EXPECT_EQ(piped.out, out2.str());
    EXPECT_EQ(piped.err, s_frameworkDiagnostics + warnings2.str());
}

TEST_F(ClassifyTest, CommandEvaluatesALabelledFile)
{
    TempLibrary scratch;
    const auto file = scratch.write(
        "labelled.jsonl", R"({"text": "What happened on the call?", "act": "open_question"})"
                          "\n"
                          R"({"text": "Did you send the proposal?", "act": "closed_question"})"
                          "\n"
                          R"({"text": "um, uh, what happened?", "act": "open_question", "tags": ["filler"]})"
                          "\n"
                          R"({"text": "Let me call them for you.", "act": "advice", "tags": ["takeover"]})"
                          "\n");
    const auto corpus = scoring::readCorpus(file);
    ASSERT_TRUE(corpus.diagnostics.empty());
    std::vector<scoring::Analysis> predictions;
    for (const auto& u : corpus.items)
        predictions.push_back(analyser().classify(u.text));
    std::ostringstream expected;
    console::printEvaluation(expected, scoring::evaluate(corpus.items, predictions));

    const auto result = run("classify --eval " + quote(file), scratch);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("macro-F1"), std::string::npos);
    EXPECT_EQ(result.out.rfind("Acts (4 utterances)\n", 0), 0u) << result.out;
    EXPECT_EQ(result.out, expected.str());
    EXPECT_EQ(result.err, s_frameworkDiagnostics);
}

TEST_F(ClassifyTest, CommandReportsAnUnreadableFile)
{
    TempLibrary scratch;
    const auto missing = scratch.root() / "missing.txt";
    const auto result = run("classify " + quote(missing), scratch);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, s_frameworkDiagnostics + "sparring: cannot read utterances from " +
                              missing.string() + ": file not found\n");
}

} // namespace
} // namespace sparring::test
