// `sparring export --xapi`: every decision and every session becomes an xAPI 1.0.3 statement with
// the properties a learning record store requires, the same ids each time (a store keeps one copy
// of a statement sent twice), appended whole to the queue file.

#include "console/Xapi.hpp"
#include "TestSupport.hpp"
#include "progress/SampleRecords.hpp"
#include "progress/Store.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>

namespace sparring::test {
namespace {

using nlohmann::json;

std::vector<json> readQueue(const std::filesystem::path& queue)
{
    std::vector<json> out;
    std::istringstream in(readFile(queue));
    for (std::string line; std::getline(in, line);)
        out.push_back(json::parse(line)); // throws on a half-written line
    return out;
}

TEST(Xapi, EachDecisionAndEachSessionIsAStatementAStoreAccepts)
{
    auto finished = sampleRecord("Ana Ruiz", 1'796'644'000'000, 3);
    auto left = sampleRecord("Ana Ruiz", 1'796'645'000'000, 1);
    left.finished = false;
    left.outcome.clear();
    std::vector<json> statements;
    for (const auto* s : {&finished, &left})
        for (const auto& line : console::xapiStatements(*s, {}))
            statements.push_back(json::parse(line));
    ASSERT_EQ(statements.size(), 3U + 1 + 1 + 1);
    const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    const std::regex iso("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    std::set<std::string> ids;
    for (const auto& s : statements) {
        SCOPED_TRACE(s.dump());
        EXPECT_TRUE(std::regex_match(s.at("id").get<std::string>(), uuid));
        ids.insert(s.at("id").get<std::string>());
        EXPECT_EQ(s.at("actor").at("objectType"), "Agent");
        EXPECT_EQ(s.at("actor").at("account").at("name"), "Ana Ruiz");
        EXPECT_EQ(s.at("verb").at("id").get<std::string>().rfind("http://adlnet.gov/expapi/verbs/", 0), 0U);
        EXPECT_EQ(s.at("object").at("objectType"), "Activity");
        EXPECT_EQ(s.at("object").at("id").get<std::string>().rfind("https://sparring.example/scenarios/", 0),
                  0U);
        EXPECT_TRUE(std::regex_match(s.at("timestamp").get<std::string>(), iso));
        EXPECT_TRUE(s.at("result").at("extensions").contains("https://sparring.example/xapi/principles"));
    }
    EXPECT_EQ(ids.size(), statements.size()) << "two statements share an id";
    EXPECT_EQ(statements[0].at("verb").at("display").at("en-US"), "responded");
    EXPECT_EQ(statements[0].at("result").at("response"), finished.decisions[0].text);
    EXPECT_EQ(statements[3].at("verb").at("display").at("en-US"), "completed");
    EXPECT_EQ(statements[3].at("result").at("success"), true);
    EXPECT_EQ(statements[3].at("result").at("completion"), true);
    EXPECT_EQ(statements[3].at("result").at("duration"), "PT12M34S");
    EXPECT_EQ(statements[5].at("verb").at("display").at("en-US"), "terminated");
    EXPECT_EQ(statements[5].at("result").at("completion"), false);
    EXPECT_FALSE(statements[5].at("result").contains("success"));
    // The same session exported again: the same ids.
    EXPECT_EQ(json::parse(console::xapiStatements(finished, {})[3]).at("id"), statements[3].at("id"));
}

TEST(Xapi, TheCommandAppendsWholeBatchesToTheQueue)
{
    TempLibrary scratch;
    const auto store = scratch.root() / "p.sqlite";
    progress::openStore(store.string())->save(sampleRecord("Ana", 1'000, 2));
    progress::openStore(store.string())->save(sampleRecord("Ben", 2'000, 4));
    const auto queue = scratch.root() / "queue.jsonl";
    const auto first =
        runSparring("export --xapi --team --store " + store.string() + " --out " + queue.string());
    ASSERT_EQ(first.exitCode, 0) << first.out;
    EXPECT_NE(first.out.find("appended 8 xAPI statements (2 sessions)"), std::string::npos) << first.out;
    const auto ana = runSparring("export --xapi --trainee Ana --store " + store.string() + " --out " +
                                 queue.string() + " --iri-base https://coaching.acme.test");
    ASSERT_EQ(ana.exitCode, 0) << ana.out;
    const auto lines = readQueue(queue);
    ASSERT_EQ(lines.size(), 8U + 3);
    EXPECT_EQ(lines.back().at("object").at("id").get<std::string>().rfind("https://coaching.acme.test/", 0),
              0U);
    const auto missing = runSparring("export --xapi --store " + (scratch.root() / "none.sqlite").string() +
                                     " --out " + queue.string());
    EXPECT_EQ(missing.exitCode, 2) << missing.out;
    EXPECT_EQ(readQueue(queue).size(), 11U);
}

} // namespace
} // namespace sparring::test
