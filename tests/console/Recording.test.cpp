// `sparring play` records practice: a finished session and an abandoned one land in the store
// with the numbers the debrief showed; --no-store records nothing; a bad --trainee is refused
// before anything is played; a store that cannot be written sends the session to a named file.

#include "TestSupport.hpp"
#include "progress/Store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

const std::string kScenario = "scenarios/roleplay/takeover-late-stage.yaml";
const std::string kBest = "tests/transcripts/takeover-late-stage.best.script";

TEST(Recording, AFinishedAndAnAbandonedSessionAreBothRecorded)
{
    TempLibrary scratch;
    const auto store = (scratch.root() / "p.sqlite").string();
    const auto finished = runSparring("play " + kScenario + " --script " + kBest + " --store " + store +
                                      " --trainee 'Ana Ruiz'");
    ASSERT_EQ(finished.exitCode, 0) << finished.out;
    const auto quitScript = scratch.write("quit.script", "1\n:quit\n");
    const auto quit = runSparring("play " + kScenario + " --script " + quitScript.string() + " --store " +
                                  store + " --trainee Ben --assess");
    ASSERT_EQ(quit.exitCode, 0) << quit.out;

    const auto sessions = progress::openStore(store)->sessions({});
    ASSERT_EQ(sessions.size(), 2U);
    const auto& ana = sessions[0];
    EXPECT_EQ(ana.trainee, "Ana Ruiz");
    EXPECT_EQ(ana.scenarioId, "takeover-late-stage");
    EXPECT_EQ(ana.frontEnd, "terminal");
    EXPECT_EQ(ana.mode, "practice");
    EXPECT_TRUE(ana.finished);
    EXPECT_EQ(ana.outcome, "good");
    EXPECT_FALSE(ana.fingerprint.empty());
    EXPECT_EQ(ana.decisions.size(), scriptAnswers(fs::path(kBest)).size());
    // The typed answers carry what the scorer detected; the debrief's principles are all there.
    const auto typed =
        std::count_if(ana.decisions.begin(), ana.decisions.end(),
                      [](const progress::DecisionRecord& d) { return d.typed && !d.act.empty(); });
    EXPECT_GE(typed, 3);
    EXPECT_NE(finished.out.find("Ask before you tell: +6"), std::string::npos);
    const auto ask =
        std::find_if(ana.principles.begin(), ana.principles.end(),
                     [](const progress::PrincipleRecord& p) { return p.principle == "ask_before_tell"; });
    ASSERT_NE(ask, ana.principles.end());
    EXPECT_EQ(ask->score, 6);
    EXPECT_TRUE(ana.speech.has_value());

    const auto& ben = sessions[1];
    EXPECT_EQ(ben.trainee, "Ben");
    EXPECT_EQ(ben.mode, "assessment");
    EXPECT_FALSE(ben.finished);
    EXPECT_EQ(ben.outcome, "");
    EXPECT_EQ(ben.decisions.size(), 1U);
}

TEST(Recording, NoStoreRecordsNothing)
{
    TempLibrary scratch;
    const auto store = scratch.root() / "p.sqlite";
    const auto run = runSparring("play " + kScenario + " --script " + kBest + " --store " + store.string() +
                                 " --no-store");
    EXPECT_EQ(run.exitCode, 0) << run.out;
    EXPECT_FALSE(fs::exists(store)) << "--no-store must win over --store";
    // The store named by the environment, which --no-store overrides.
    const auto command = "SPARRING_STORE=" + store.string() + " " + SPARRING_BINARY + " play " + kScenario +
                         " --script " + kBest + " </dev/null >/dev/null 2>&1";
    ASSERT_EQ(runShell(command + " --no-store").exitCode, 0);
    EXPECT_FALSE(fs::exists(store));
    ASSERT_EQ(runShell(command).exitCode, 0);
    EXPECT_TRUE(fs::exists(store)) << "SPARRING_STORE is not where play records";
}

TEST(Recording, ABadTraineeNameIsRefusedBeforeAnythingIsPlayed)
{
    const auto run = runSparring("play " + kScenario + " --script " + kBest + " --trainee ''");
    EXPECT_NE(run.exitCode, 0);
    EXPECT_NE(run.out.find("trainee"), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("Maya"), std::string::npos) << "it played: " << run.out;
}

TEST(Recording, AStoreThatCannotBeWrittenSendsTheSessionToANamedFile)
{
    TempLibrary scratch;
    const auto blocked = scratch.write("blocked", "a file where the store's folder should be");
    const auto data = scratch.root() / "data";
    const auto run = runShell("XDG_DATA_HOME=" + data.string() + " " + SPARRING_BINARY + " play " +
                              kScenario + " --script " + kBest + " --store " +
                              (blocked / "p.sqlite").string() + " 2>&1 </dev/null; echo exit=$?");
    EXPECT_NE(run.out.find("Could not save to the store"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find((data / "sparring/unsaved").string()), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("exit=0"), std::string::npos) << run.out;
    std::size_t waiting = 0;
    for (const auto& entry : fs::directory_iterator(data / "sparring/unsaved"))
        waiting += entry.path().extension() == ".json" ? 1 : 0;
    EXPECT_EQ(waiting, 1U);
}

} // namespace
} // namespace sparring::test
