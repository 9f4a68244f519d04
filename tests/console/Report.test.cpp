// `sparring report` in its four forms, on a store filled by playing: the text names the KPIs and
// the next drill; the HTML is one self-contained file (no script, nothing fetched) with its charts
// and everything a trainee typed escaped; the CSV has a row per session and cannot run a formula;
// the JSON holds every session. A store that does not exist is an error, not an empty report.

#include "TestSupport.hpp"
#include "progress/SampleRecords.hpp"
#include "progress/Store.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

class ReportTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_scratch = new TempLibrary();
        s_store = (s_scratch->root() / "p.sqlite").string();
        for (const auto& [trainee, script] :
             std::vector<std::pair<std::string, std::string>>{{"Ana", "takeover-late-stage.best"},
                                                              {"Ana", "takeover-late-stage.worst"},
                                                              {"Ben", "takeover-late-stage.mixed"}})
            ASSERT_EQ(
                runSparring("play scenarios/roleplay/takeover-late-stage.yaml --script tests/transcripts/" +
                            script + ".script --store " + s_store + " --trainee " + trainee)
                    .exitCode,
                0);
        // A trainee whose name and words are markup and a formula.
        auto odd = sampleRecord("<script>alert(1)</script>", 1'000, 2);
        odd.scenarioId = "=HYPERLINK(\"http://x\")";
        progress::openStore(s_store)->save(odd);
    }
    static void TearDownTestSuite() { delete s_scratch; }

    static ShellResult report(const std::string& arguments)
    {
        return runSparring("report --store " + s_store + " " + arguments);
    }

    static inline TempLibrary* s_scratch = nullptr;
    static inline std::string s_store;
};

TEST_F(ReportTest, TheTextReportNamesTheKpisAndTheNextDrill)
{
    const auto run = report("--trainee Ana");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_NE(run.out.find("Ana: 2 sessions (2 finished, 100%)"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("Ask before you tell"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("per answer over"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("takeover-late-stage: 2 attempts, first good"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("Next drill: "), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("Ben"), std::string::npos) << "another trainee's practice in Ana's report";
}

TEST_F(ReportTest, TheTeamReportHasEveryTraineeAndTheTeamsFigures)
{
    const auto run = report("--team");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_NE(run.out.find("The team: 3 trainees, 4 sessions"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("\nAna: "), std::string::npos);
    EXPECT_NE(run.out.find("\nBen: "), std::string::npos);
    // A terminal is not a browser: the name is shown as typed (core::terminalSafe removes controls).
    EXPECT_NE(run.out.find("\n<script>alert(1)</script>: 1 session"), std::string::npos) << run.out;
}

TEST_F(ReportTest, TheHtmlReportIsSelfContainedWithChartsAndEscapedText)
{
    const auto file = s_scratch->root() / "team.html";
    const auto run = report("--team --format html -o " + file.string());
    ASSERT_EQ(run.exitCode, 0) << run.out;
    const auto html = readFile(file);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
    EXPECT_EQ(html.find("<script"), std::string::npos)
        << "a script (the odd trainee's name was not escaped?)";
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos) << "the report fetches something";
    EXPECT_EQ(html.find("href="), std::string::npos) << "the report links somewhere";
    std::size_t charts = 0;
    for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
        ++charts;
    EXPECT_GE(charts, 3U * 4) << "three charts for the team and for each of the three trainees";
    EXPECT_NE(html.find("Next drill: "), std::string::npos);
    EXPECT_NE(html.find("Skill per principle"), std::string::npos);
}

TEST_F(ReportTest, TheCsvHasARowPerSessionAndRunsNoFormula)
{
    const auto run = report("--team --format csv");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    std::vector<std::string> rows;
    std::size_t start = 0;
    for (auto end = run.out.find("\r\n"); end != std::string::npos; end = run.out.find("\r\n", start)) {
        rows.push_back(run.out.substr(start, end - start));
        start = end + 2;
    }
    ASSERT_EQ(rows.size(), 5U) << run.out; // the header and four sessions
    EXPECT_EQ(rows[0].rfind("trainee,session,scenario,", 0), 0U);
    EXPECT_NE(rows[0].find("score:ask_before_tell"), std::string::npos);
    EXPECT_NE(run.out.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << run.out;
}

TEST_F(ReportTest, TheJsonHoldsEverySessionAndTheKpis)
{
    const auto run = report("--team --format json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc.at("team").at("sessions"), 4);
    std::size_t sessions = 0;
    for (const auto& t : doc.at("trainees")) {
        sessions += t.at("sessions").size();
        EXPECT_TRUE(t.contains("next_drill"));
        EXPECT_TRUE(t.at("kpis").contains("skills"));
    }
    EXPECT_EQ(sessions, 4U);
}

TEST_F(ReportTest, AStoreThatDoesNotExistIsAnError)
{
    const auto run = runSparring("report --store " + (s_scratch->root() / "none.sqlite").string());
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.out.find("does not exist"), std::string::npos) << run.out;
    EXPECT_FALSE(fs::exists(s_scratch->root() / "none.sqlite")) << "the report created a store";
}

} // namespace
} // namespace sparring::test
