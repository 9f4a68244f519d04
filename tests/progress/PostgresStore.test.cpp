// The PostgreSQL store's own promises (what both back ends promise is in StoreContract.test.cpp):
// a password never appears in a message; a server that cannot be reached is a clear error, not
// a file named after the URL; tables with Sparring's names that belong to another program are
// refused and left as they are, while unrelated tables in the same schema are no obstacle.

#include "PostgresStore.hpp"
#include "SampleRecords.hpp"
#include "StoreBackends.hpp"
#include "progress/Store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace sparring::test {
namespace {

using progress::openStore;
using progress::StoreError;

std::string openError(const std::string& location)
{
    try {
        (void)openStore(location);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

TEST(PostgresUrls, APasswordNeverAppearsInWhatIsPrinted)
{
    EXPECT_EQ(progress::describePostgresUrl("postgresql://ana:s3cret@db.example:5433/sparring"),
              "PostgreSQL store postgresql://ana@db.example:5433/sparring");
    EXPECT_EQ(progress::describePostgresUrl(
                  "postgres:///team?host=/run/postgresql&password=s3cret&options=-csearch_path%3Dsales"),
              "PostgreSQL store postgresql:///team?host=/run/postgresql&options=-csearch_path=sales");
    // Nothing listens on port 1: refused at once.
    const auto error = openError("postgresql://ana:s3cret@127.0.0.1:1/sparring?connect_timeout=5");
    EXPECT_EQ(error.find("s3cret"), std::string::npos) << error;
    EXPECT_NE(error.find("PostgreSQL store postgresql://ana@127.0.0.1:1/sparring"), std::string::npos)
        << error;
    EXPECT_NE(error.find("cannot connect"), std::string::npos) << error;
}

TEST(PostgresUrls, AUrlLibpqCannotReadIsAnErrorAndNeverAFileName)
{
    const auto error = openError("postgresql://ana@db.example:5432/sparring?no_such_option=1");
    EXPECT_NE(error.find("not a PostgreSQL URL"), std::string::npos) << error;
    EXPECT_FALSE(std::filesystem::exists("postgresql:"));
}

class PostgresStoreTest : public StoreBackendTest {};

TEST_P(PostgresStoreTest, TablesWithSparringsNamesFromAnotherProgramAreRefusedAndLeftAsTheyAre)
{
    scratch.runSql("CREATE TABLE sessions(token TEXT PRIMARY KEY, expires BIGINT);"
                   "INSERT INTO sessions VALUES('abc', 42);");
    const auto before = scratch.contents();
    const auto error = openError(scratch.location());
    EXPECT_NE(error.find("tables named sessions"), std::string::npos) << error;
    EXPECT_NE(error.find("left as they are"), std::string::npos) << error;
    EXPECT_EQ(scratch.contents(), before);
}

TEST_P(PostgresStoreTest, UnrelatedTablesInTheSameSchemaAreNoObstacle)
{
    scratch.runSql("CREATE TABLE invoices(id BIGINT PRIMARY KEY, total DOUBLE PRECISION);"
                   "INSERT INTO invoices VALUES(1, 9.5);");
    const auto record = sampleRecord("Ana", 1);
    openStore(scratch.location())->save(record);
    const auto all = openStore(scratch.location())->sessions({});
    ASSERT_EQ(all.size(), 1U);
    EXPECT_EQ(all[0], record);
    EXPECT_NE(scratch.contents().find("== invoices\n(1,9.5)"), std::string::npos) << scratch.contents();
}

TEST_P(PostgresStoreTest, AStoreTableOfAnotherApplicationIsRefused)
{
    (void)openStore(scratch.location());
    scratch.runSql("UPDATE sparring_store SET application = 'sparkle'");
    const auto before = scratch.contents();
    const auto error = openError(scratch.location());
    EXPECT_NE(error.find("not a Sparring store"), std::string::npos) << error;
    EXPECT_EQ(scratch.contents(), before);
}

INSTANTIATE_TEST_SUITE_P(Server, PostgresStoreTest, ::testing::Values(Backend::Postgres), backendName);

} // namespace
} // namespace sparring::test
