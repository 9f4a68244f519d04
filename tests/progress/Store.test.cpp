// The SQLite store's own promises (what both back ends promise is in StoreContract.test.cpp): a
// new store uses write-ahead logging; a file the store must not write (another program's
// database, garbage, a damaged store, a read-only file) is refused with a message naming it and
// left byte for byte as it was.

#include "progress/Store.hpp"
#include "SampleRecords.hpp"
#include "SqliteStore.hpp"
#include "TestSupport.hpp"
#include "progress/RecordJson.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using progress::openStore;
using progress::SessionQuery;
using progress::StoreError;

class StoreTest : public ::testing::Test {
protected:
    TempLibrary scratch;
    fs::path file = scratch.root() / "progress.sqlite";
};

/// Runs SQL on a store file from outside the store, as another program would.
void runSql(const fs::path& file, const std::string& sql)
{
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    const std::string error = message != nullptr ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << error;
}

/// The message of the StoreError opening `file` throws, or "" when it opens.
std::string openError(const fs::path& file)
{
    try {
        (void)openStore(file.string());
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

TEST_F(StoreTest, ANewStoreIsAtTheCurrentSchemaWithWriteAheadLogging)
{
    (void)openStore(file.string());
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    const auto number = [&](const char* sql) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
        const auto value = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_finalize(s);
        return value;
    };
    EXPECT_EQ(number("PRAGMA user_version"), progress::kSchemaVersion);
    EXPECT_EQ(number("PRAGMA application_id"), progress::kApplicationId);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))), "wal");
    sqlite3_finalize(s);
    sqlite3_close(db);
}

TEST_F(StoreTest, AnotherProgramsDatabaseIsRefusedAndLeftAsItIs)
{
    runSql(file,
           "CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES(1, 9.5);");
    const auto before = readFile(file);
    const auto error = openError(file);
    EXPECT_NE(error.find("not a Sparring store"), std::string::npos) << error;
    EXPECT_EQ(readFile(file), before);
}

TEST_F(StoreTest, AFileThatIsNotADatabaseIsRefusedAndLeftAsItIs)
{
    std::ofstream(file, std::ios::binary) << std::string(8192, 'x') << "not a database at all";
    const auto before = readFile(file);
    const auto error = openError(file);
    EXPECT_NE(error.find(file.string()), std::string::npos) << error;
    EXPECT_NE(error.find("not a database"), std::string::npos) << error;
    EXPECT_EQ(readFile(file), before);
}

TEST_F(StoreTest, ADamagedStoreIsReportedAndLeftAsItIs)
{
    {
        auto store = openStore(file.string());
        for (int i = 0; i < 40; ++i)
            store->save(sampleRecord("Ana", i, 12));
    }
    runSql(file, "PRAGMA wal_checkpoint(TRUNCATE)");
    // Overwrite the middle of the file (table pages, past the header) with garbage.
    auto bytes = readFile(file);
    ASSERT_GT(bytes.size(), 3 * 4096U);
    for (std::size_t i = 2 * 4096; i < 3 * 4096; ++i)
        bytes[i] = static_cast<char>(0xA5);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    const auto error = openError(file);
    EXPECT_NE(error.find(file.string()), std::string::npos) << error;
    EXPECT_TRUE(error.find("damaged") != std::string::npos || error.find("malformed") != std::string::npos)
        << error;
    EXPECT_EQ(readFile(file), bytes);
}

TEST_F(StoreTest, AReadOnlyStoreCannotBeSavedToAndSaysSo)
{
    if (::geteuid() == 0)
        GTEST_SKIP() << "root writes read-only files";
    {
        auto store = openStore(file.string());
        store->save(sampleRecord("Ana", 1));
    }
    runSql(file, "PRAGMA wal_checkpoint(TRUNCATE)");
    fs::permissions(file, fs::perms::owner_read | fs::perms::group_read);
    fs::permissions(scratch.root(), fs::perms::owner_read | fs::perms::owner_exec);
    std::string error;
    try {
        auto store = openStore(file.string());
        store->save(sampleRecord("Ana", 2));
    } catch (const StoreError& e) {
        error = e.what();
    }
    fs::permissions(scratch.root(), fs::perms::owner_all);
    EXPECT_NE(error.find(file.string()), std::string::npos) << error;
    EXPECT_NE(error.find("readonly"), std::string::npos) << error;
}

TEST(RecordJson, ARecordSurvivesItsJsonForm)
{
    const auto record = sampleRecord("Ana \"A\" Ruiz", 42, 4);
    const auto text = progress::toJsonText(record);
    EXPECT_EQ(text.find('\n'), std::string::npos);
    EXPECT_EQ(progress::recordFromJsonText(text, "here"), record);
}

TEST(RecordJson, AWrongFieldIsAnErrorNamingIt)
{
    auto text = progress::toJsonText(sampleRecord("Ana", 42));
    const auto at = text.find("\"finished\":true");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 15, "\"finished\":\"yes\"");
    try {
        (void)progress::recordFromJsonText(text, "waiting.json");
        FAIL() << "read a record with a string for a boolean";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("waiting.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("finished"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)progress::recordFromJsonText("{\"id\": 1", "cut.json"), StoreError);
    EXPECT_THROW((void)progress::recordFromJsonText("[]", "list.json"), StoreError);
}

TEST(TraineeNames, OddNamesAreRefusedWithAReason)
{
    EXPECT_FALSE(progress::traineeNameProblem("Ana Ruiz"));
    EXPECT_FALSE(progress::traineeNameProblem("Zoë 王"));
    EXPECT_TRUE(progress::traineeNameProblem(""));
    EXPECT_TRUE(progress::traineeNameProblem(std::string(101, 'a')));
    EXPECT_TRUE(progress::traineeNameProblem("bad\xFF"));
    EXPECT_TRUE(progress::traineeNameProblem("esc\x1B[2J"));
}

} // namespace
} // namespace sparring::test
