// What every store back end promises (progress/Store.hpp), run on SQLite and on a real
// PostgreSQL server: what is saved is read back whole; saving is idempotent; queries filter; a
// store from a newer Sparring is refused and left as it was; a store opened to read is never
// written; an older store is migrated forward, and a migration that fails changes nothing.

#include "PostgresStore.hpp"
#include "SampleRecords.hpp"
#include "SqliteStore.hpp"
#include "StoreBackends.hpp"
#include "progress/Store.hpp"

#include <gtest/gtest.h>

#include <array>

namespace sparring::test {
namespace {

using progress::Access;
using progress::openStore;
using progress::SessionQuery;
using progress::StoreError;

/// The message of the StoreError opening `location` throws, or "" when it opens.
std::string openError(const std::string& location, Access access = Access::ReadWrite)
{
    try {
        (void)openStore(location, access);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

using StoreContract = StoreBackendTest;

TEST_P(StoreContract, ASavedSessionIsReadBackWhole)
{
    const auto first = sampleRecord("Ana Ruiz", 1'000'000, 5);
    auto second = sampleRecord("Ben", 2'000'000, 0);
    second.finished = false;
    second.outcome.clear();
    second.speech.reset();
    auto third = sampleRecord("Chloé", 3'000'000, 2);
    third.decisions[0].confidence = 0.1 + 0.2; // a double that only reads back exactly in full
    third.principles[0].score = -1.0 / 3.0;
    {
        auto store = openStore(scratch.location());
        store->save(first);
        store->save(second);
        store->save(third);
    }
    const auto store = openStore(scratch.location()); // a new connection reads what the first wrote
    const auto all = store->sessions({});
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0], first);
    EXPECT_EQ(all[1], second);
    EXPECT_EQ(all[2], third);
    EXPECT_EQ(store->trainees(), (std::vector<std::string>{"Ana Ruiz", "Ben", "Chloé"}));
    const auto lean = store->sessions({std::nullopt, std::nullopt, std::nullopt, false});
    ASSERT_EQ(lean.size(), 3U);
    EXPECT_TRUE(lean[0].decisions.empty());
    EXPECT_EQ(lean[0].principles, first.principles);
}

TEST_P(StoreContract, SavingTheSameSessionTwiceKeepsOne)
{
    const auto store = openStore(scratch.location());
    const auto record = sampleRecord("Ana", 10);
    store->save(record);
    auto changed = record;
    changed.outcome = "poor";
    store->save(changed); // a retry after a save that did commit
    const auto all = store->sessions({});
    ASSERT_EQ(all.size(), 1U);
    EXPECT_EQ(all[0].outcome, "good");
    EXPECT_EQ(all[0].decisions.size(), record.decisions.size());
}

TEST_P(StoreContract, QueriesFilterByTraineeScenarioAndStart)
{
    const auto store = openStore(scratch.location());
    auto a = sampleRecord("Ana", 100);
    auto b = sampleRecord("Ben", 200);
    auto c = sampleRecord("Ana", 300);
    c.scenarioId = "new-hire-week-six";
    for (const auto* r : {&c, &a, &b})
        store->save(*r);
    const auto ids = [&](const SessionQuery& q) {
        std::vector<std::string> out;
        for (const auto& r : store->sessions(q))
            out.push_back(r.id);
        return out;
    };
    EXPECT_EQ(ids({}), (std::vector<std::string>{a.id, b.id, c.id})); // oldest first
    EXPECT_EQ(ids({"Ana", std::nullopt, std::nullopt}), (std::vector<std::string>{a.id, c.id}));
    EXPECT_EQ(ids({std::nullopt, "new-hire-week-six", std::nullopt}), (std::vector<std::string>{c.id}));
    EXPECT_EQ(ids({"Ana", std::nullopt, 150}), (std::vector<std::string>{c.id}));
    EXPECT_TRUE(ids({"Nobody", std::nullopt, std::nullopt}).empty());
    const auto decisions = store->sessions({"Ana", std::nullopt, 150});
    ASSERT_EQ(decisions.size(), 1U);
    EXPECT_EQ(decisions[0], c); // the parts read with the same filter belong to the right session
}

TEST_P(StoreContract, ATraineeCanBeAddedBeforeTheirFirstSession)
{
    const auto store = openStore(scratch.location());
    store->addTrainee("Chloé");
    store->addTrainee("Chloé");
    store->addTrainee("ana");
    // Byte order on both back ends, whatever the PostgreSQL server's collation.
    EXPECT_EQ(store->trainees(), (std::vector<std::string>{"Chloé", "ana"}));
    EXPECT_TRUE(store->sessions({}).empty());
}

TEST_P(StoreContract, AStoreFromANewerSparringIsRefusedAndLeftAsItIs)
{
    {
        auto store = openStore(scratch.location());
        store->save(sampleRecord("Ana", 1));
    }
    scratch.runSql(scratch.setVersionSql(progress::kSchemaVersion + 1));
    const auto before = scratch.contents();
    for (const auto access : {Access::ReadWrite, Access::ReadOnly}) {
        const auto error = openError(scratch.location(), access);
        EXPECT_NE(error.find("newer Sparring"), std::string::npos) << error;
        EXPECT_NE(error.find("left as it is"), std::string::npos) << error;
    }
    EXPECT_EQ(scratch.contents(), before);
}

TEST_P(StoreContract, AStoreOpenedToReadIsNeverWritten)
{
    EXPECT_NE(openError(scratch.location(), Access::ReadOnly), "") << "read a store that does not exist yet";
    {
        auto store = openStore(scratch.location());
        store->save(sampleRecord("Ana", 1));
    }
    const auto reader = openStore(scratch.location(), Access::ReadOnly);
    EXPECT_EQ(reader->sessions({}).size(), 1U);
    EXPECT_THROW(reader->save(sampleRecord("Ana", 2)), StoreError);
    EXPECT_THROW(reader->addTrainee("Ben"), StoreError);
    EXPECT_EQ(reader->trainees(), std::vector<std::string>{"Ana"});
}

TEST_P(StoreContract, OpenedTwiceBothSeeEachOthersSessions)
{
    const auto one = openStore(scratch.location());
    const auto two = openStore(scratch.location());
    one->save(sampleRecord("Ana", 1));
    two->save(sampleRecord("Ben", 2));
    EXPECT_EQ(one->sessions({}).size(), 2U);
    EXPECT_EQ(two->trainees(), (std::vector<std::string>{"Ana", "Ben"}));
}

/// A store at the shipped schema opened with one more step: how a future Sparring migrates
/// today's stores. The step changes the tables the store reads (a column added with a default
/// filled from existing rows, an index), so its sessions must still read back whole after it.
class Migration : public StoreBackendTest {
protected:
    std::unique_ptr<progress::Store> open(std::span<const std::string_view> steps,
                                          Access access = Access::ReadWrite) const
    {
        if (scratch.backend() == Backend::Sqlite)
            return std::make_unique<progress::SqliteStore>(scratch.location(), access, steps);
        return std::make_unique<progress::PostgresStore>(scratch.location(), access, steps);
    }
    [[nodiscard]] std::string_view shipped() const
    {
        return scratch.backend() == Backend::Sqlite ? progress::kSqliteMigrations[0]
                                                    : progress::kPostgresMigrations[0];
    }
};

constexpr std::string_view kAddMinutes =
    "ALTER TABLE sessions ADD COLUMN minutes BIGINT NOT NULL DEFAULT 0;\n"
    "UPDATE sessions SET minutes = (ended_ms - started_ms) / 60000;\n"
    "CREATE INDEX sessions_by_end ON sessions(ended_ms);";
constexpr std::string_view kBroken = "ALTER TABLE sessions ADD COLUMN minutes BIGINT NOT NULL DEFAULT 0;\n"
                                     "UPDATE no_such_table SET x = 1;";

TEST_P(Migration, AnOlderStoreIsMigratedForwardWithItsSessionsWhole)
{
    static_assert(progress::kSchemaVersion == 1, "extend this test's steps with the shipped ones");
    const auto saved = sampleRecord("Ana", 1'000, 4);
    {
        const std::array<std::string_view, 1> v1{shipped()};
        open(v1)->save(saved);
    }
    const std::array<std::string_view, 2> v2{shipped(), kAddMinutes};
    {
        // Reading never migrates: a reader of the newer schema asks for the store to be opened to write.
        try {
            (void)open(v2, Access::ReadOnly);
            FAIL() << "a reader migrated or read an older store";
        } catch (const StoreError& e) {
            EXPECT_NE(std::string(e.what()).find("older Sparring"), std::string::npos) << e.what();
        }
    }
    const auto store = open(v2);
    const auto all = store->sessions({});
    ASSERT_EQ(all.size(), 1U);
    EXPECT_EQ(all[0], saved);
    store->save(sampleRecord("Ben", 2'000, 1)); // the migrated tables take new sessions
    EXPECT_EQ(store->sessions({}).size(), 2U);
    EXPECT_NO_THROW(scratch.runSql("SELECT minutes FROM sessions")); // the step did run
    // The shipped Sparring now meets a newer store and leaves it alone.
    const auto error = openError(scratch.location());
    EXPECT_NE(error.find("newer Sparring"), std::string::npos) << error;
}

TEST_P(Migration, AFailedStepChangesNothing)
{
    {
        const std::array<std::string_view, 1> v1{shipped()};
        open(v1)->save(sampleRecord("Ana", 1'000, 2));
    }
    if (scratch.backend() == Backend::Sqlite)
        scratch.runSql("PRAGMA wal_checkpoint(TRUNCATE)"); // compare the file alone, not its log
    const auto before = scratch.contents();
    const std::array<std::string_view, 2> broken{shipped(), kBroken};
    try {
        (void)open(broken);
        FAIL() << "a failing migration step opened the store";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
    }
    if (scratch.backend() == Backend::Sqlite)
        scratch.runSql("PRAGMA wal_checkpoint(TRUNCATE)");
    EXPECT_EQ(scratch.contents(), before);
    EXPECT_EQ(openStore(scratch.location())->sessions({}).size(), 1U); // still at the shipped schema
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);
INSTANTIATE_TEST_SUITE_P(Backends, Migration, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);

} // namespace
} // namespace sparring::test
