#pragma once
// The store tests run against both back ends: SQLite in a scratch file and PostgreSQL in a
// fresh schema on a real server. tools/test starts that server (tools/postgres-scratch) and
// names it in SPARRING_TEST_POSTGRES; without it the PostgreSQL cases are skipped, unless
// SPARRING_REQUIRE_POSTGRES is set (tools/test sets it), when they fail instead: CI never
// passes without having run them.

#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace sparring::test {

enum class Backend { Sqlite, Postgres };

/// "sqlite" or "postgresql", for test names.
std::string backendName(const ::testing::TestParamInfo<Backend>& info);

/// One empty store of one back end, removed at the end of the test.
class ScratchStore {
public:
    explicit ScratchStore(Backend backend);
    ~ScratchStore();
    ScratchStore(const ScratchStore&) = delete;
    ScratchStore& operator=(const ScratchStore&) = delete;

    /// Why this back end cannot be tested here ("" when it can).
    [[nodiscard]] const std::string& unavailable() const { return m_unavailable; }
    /// What `--store` would name: the file, or the URL (with the schema in its options).
    [[nodiscard]] const std::string& location() const { return m_location; }
    [[nodiscard]] Backend backend() const { return m_backend; }
    /// Runs SQL on the store from outside, as another program (or a newer Sparring) would.
    void runSql(const std::string& sql) const;
    /// SQL that makes the store say it has schema `version`.
    [[nodiscard]] std::string setVersionSql(int version) const;
    /// Everything the store holds, as text: equal before and after means it was left as it was
    /// (the SQLite file's bytes; PostgreSQL's tables, rows and version).
    [[nodiscard]] std::string contents() const;

private:
    Backend m_backend;
    std::string m_unavailable;
    std::string m_location;
    std::unique_ptr<TempLibrary> m_folder; ///< SQLite
    std::string m_server;                  ///< PostgreSQL: the base URL
    std::string m_schema;                  ///< PostgreSQL: this store's schema
};

/// The fixture of tests that run on both back ends: `scratch` is a fresh store of the test's
/// back end; the test is skipped (or failed, see above) when the back end is unavailable.
class StoreBackendTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override;
    ScratchStore scratch{GetParam()};
};

} // namespace sparring::test
