#pragma once
// The store in one SQLite file (Debian's libsqlite3): a single trainee's laptop, or a few
// trainees sharing one machine. Write-ahead logging with full synchronisation, so a session whose
// save returned survives a crash or a kill; one IMMEDIATE transaction per session, so two
// processes writing the same file queue behind each other (with a busy timeout) instead of
// failing or interleaving.
//
// Opening is careful: the file is first inspected read-only. A file that is not an SQLite
// database, or not a Sparring store, or fails SQLite's quick check, or was written by a newer
// schema, is reported and never written; an older schema is migrated forward step by step.

#include "progress/Store.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>

struct sqlite3;

namespace sparring::progress {

/// Each step takes the schema from its index to the next version, inside one transaction.
/// Step 0 creates version 1. A later change appends a step; a step is never edited once shipped.
extern const std::array<std::string_view, kSchemaVersion> kSqliteMigrations;

class SqliteStore : public Store {
public:
    /// Opens the store file; to write, creating it (and its folder) when absent, and migrating it
    /// forward to the last of `migrations` (the tests pass their own steps). Throws StoreError.
    SqliteStore(std::filesystem::path file, Access access,
                std::span<const std::string_view> migrations = kSqliteMigrations);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    void save(const SessionRecord& session) override;
    [[nodiscard]] std::vector<SessionRecord> sessions(const SessionQuery& query) const override;
    [[nodiscard]] std::vector<std::string> trainees() const override;
    void addTrainee(const std::string& name) override;
    [[nodiscard]] std::string describe() const override;

private:
    void inspect(Access access) const;
    void openToRead();
    void openToWrite();
    void migrate();
    [[nodiscard]] StoreError error(const std::string& what) const;
    [[nodiscard]] std::int64_t latest() const { return static_cast<std::int64_t>(m_migrations.size()); }

    std::filesystem::path m_file;
    std::span<const std::string_view> m_migrations;
    sqlite3* m_db = nullptr;
    bool m_readOnly = false;
    bool m_immutable = false; ///< read from a read-only disk (SqliteStore.cpp, immutableUri)
};

/// The value of PRAGMA application_id in every Sparring store ("SPRG"): a SQLite file without
/// it, holding tables, belongs to something else and is left alone.
inline constexpr int kApplicationId = 0x53505247;

} // namespace sparring::progress
