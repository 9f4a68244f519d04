#pragma once
// The store on a PostgreSQL server (Debian's libpq): a team's history in one place, so an
// enablement lead reports on every trainee at once. The same tables as the SQLite store, in the
// schema the connection's search_path names first (a URL's `options=-csearch_path%3Dname`
// keeps Sparring's tables apart from others in a shared database).
//
// Each session is saved in one transaction, its id inserted with ON CONFLICT DO NOTHING, so a
// retry or two processes saving the same session keep one copy; a committed session is on the
// server's disk when save returns (synchronous_commit is left on). Opening takes a transaction
// advisory lock while it creates or migrates the tables, so two trainers opening a new store at
// once do not both create it. A database whose `sparring_store` table names a newer schema is
// refused untouched; tables with Sparring's names that are not a Sparring store are refused too.

#include "progress/Store.hpp"

#include <array>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

struct pg_conn;

namespace sparring::progress {

/// Each step takes the schema from its index to the next version (the SQLite store's layout at
/// the same version, in PostgreSQL's types), inside one transaction. Never edited once shipped.
extern const std::array<std::string_view, kSchemaVersion> kPostgresMigrations;

class PostgresStore : public Store {
public:
    /// Connects to the server `url` names; to write, creating the tables when absent and migrating
    /// them forward to the last of `migrations`. Throws StoreError.
    PostgresStore(const std::string& url, Access access,
                  std::span<const std::string_view> migrations = kPostgresMigrations);
    ~PostgresStore() override;
    PostgresStore(const PostgresStore&) = delete;
    PostgresStore& operator=(const PostgresStore&) = delete;

    void save(const SessionRecord& session) override;
    [[nodiscard]] std::vector<SessionRecord> sessions(const SessionQuery& query) const override;
    [[nodiscard]] std::vector<std::string> trainees() const override;
    void addTrainee(const std::string& name) override;
    [[nodiscard]] std::string describe() const override;

private:
    void migrate();
    void checkReadable() const;
    /// A connection lost since the last call (the server restarted) is re-opened once here.
    void reconnectIfLost() const;
    [[nodiscard]] StoreError error(const std::string& what) const;
    [[nodiscard]] std::int64_t latest() const { return static_cast<std::int64_t>(m_migrations.size()); }

    std::string m_description; ///< the URL without its password
    std::span<const std::string_view> m_migrations;
    pg_conn* m_connection = nullptr;
    bool m_readOnly = false;
    /// One libpq connection is not to be used from two threads at once.
    mutable std::mutex m_use;
};

/// "PostgreSQL store postgresql://ana@db.example:5432/sparring": the URL without its password
/// (messages and reports print it). Throws StoreError for a URL libpq cannot read.
[[nodiscard]] std::string describePostgresUrl(const std::string& url);

} // namespace sparring::progress
