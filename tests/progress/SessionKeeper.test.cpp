// Nothing the trainee practised is lost: when the store cannot be written, the session waits in a
// fallback file named in the message and joins the store when it can be written again; when even
// that cannot be written, it is held in memory and saved with the next session.

#include "progress/SessionKeeper.hpp"
#include "SampleRecords.hpp"
#include "TestSupport.hpp"
#include "progress/RecordJson.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using progress::SessionKeeper;

class KeeperTest : public ::testing::Test {
protected:
    TempLibrary scratch;
    fs::path store = scratch.root() / "progress.sqlite";
    fs::path waiting = scratch.root() / "unsaved";

    std::vector<std::string> storedIds()
    {
        std::vector<std::string> out;
        for (const auto& r : progress::openStore(store.string())->sessions({}))
            out.push_back(r.id);
        return out;
    }
    std::size_t waitingFiles() const
    {
        std::size_t n = 0;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(waiting, ec))
            n += e.path().extension() == ".json" ? 1 : 0;
        return n;
    }
};

TEST_F(KeeperTest, AWritableStoreTakesTheSession)
{
    SessionKeeper keeper(store.string(), waiting);
    const auto record = sampleRecord("Ana", 5);
    const auto report = keeper.keep(record);
    EXPECT_TRUE(report.stored) << report.message;
    EXPECT_NE(report.message.find(store.string()), std::string::npos);
    EXPECT_EQ(storedIds(), std::vector<std::string>{record.id});
    EXPECT_EQ(waitingFiles(), 0U);
}

TEST_F(KeeperTest, AStoreThatCannotBeOpenedSendsTheSessionToANamedFileThatJoinsTheStoreLater)
{
    // A store from a newer Sparring: refused, never written.
    {
        auto s = progress::openStore(store.string());
        s->save(sampleRecord("Old", 1));
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(store.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);

    const auto record = sampleRecord("Ana", 7);
    {
        SessionKeeper keeper(store.string(), waiting);
        const auto report = keeper.keep(record);
        EXPECT_FALSE(report.stored);
        const auto file = waiting / (record.id + ".json");
        EXPECT_NE(report.message.find(file.string()), std::string::npos) << report.message;
        EXPECT_NE(report.message.find("newer Sparring"), std::string::npos) << report.message;
        ASSERT_TRUE(fs::exists(file));
        EXPECT_EQ(progress::recordFromJsonText(readFile(file), file.string()), record);
    }
    // The newer Sparring is gone (the store is back at this version): the waiting session joins.
    ASSERT_EQ(sqlite3_open(store.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=1", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    SessionKeeper later(store.string(), waiting);
    const auto messages = later.recoverWaiting();
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_NE(messages[0].find("Added the session"), std::string::npos) << messages[0];
    const auto ids = storedIds();
    EXPECT_NE(std::find(ids.begin(), ids.end(), record.id), ids.end());
    EXPECT_EQ(waitingFiles(), 0U);
}

TEST_F(KeeperTest, ADamagedWaitingFileIsLeftForAPersonAndTheRestJoin)
{
    fs::create_directories(waiting);
    std::ofstream(waiting / "broken.json") << "{\"id\": \"cut off";
    const auto good = sampleRecord("Ana", 3);
    std::ofstream(waiting / (good.id + ".json")) << progress::toJsonText(good) << "\n";
    SessionKeeper keeper(store.string(), waiting);
    const auto messages = keeper.recoverWaiting();
    ASSERT_EQ(messages.size(), 2U);
    EXPECT_TRUE(fs::exists(waiting / "broken.json"));
    EXPECT_EQ(storedIds(), std::vector<std::string>{good.id});
}

TEST_F(KeeperTest, WithNowhereToWriteTheSessionIsHeldAndSavedWithTheNextOne)
{
    // The store's folder and the fallback folder are both plain files: nothing can be created.
    std::ofstream(scratch.root() / "blocked") << "x";
    const auto blockedStore = scratch.root() / "blocked" / "progress.sqlite";
    const auto blockedWaiting = scratch.root() / "blocked" / "unsaved";
    const auto first = sampleRecord("Ana", 1);
    SessionKeeper keeper(blockedStore.string(), blockedWaiting);
    const auto report = keeper.keep(first);
    EXPECT_FALSE(report.stored);
    EXPECT_NE(report.message.find("kept in memory"), std::string::npos) << report.message;
    EXPECT_EQ(keeper.heldInMemory(), 1U);

    // Same keeper, the way cleared: the held session is saved with the next.
    fs::remove(scratch.root() / "blocked");
    const auto second = sampleRecord("Ana", 2);
    EXPECT_TRUE(keeper.keep(second).stored);
    EXPECT_EQ(keeper.heldInMemory(), 0U);
    std::vector<std::string> ids;
    for (const auto& r : progress::openStore(blockedStore.string())->sessions({}))
        ids.push_back(r.id);
    EXPECT_EQ(ids, (std::vector<std::string>{first.id, second.id}));
}

} // namespace
} // namespace sparring::test
