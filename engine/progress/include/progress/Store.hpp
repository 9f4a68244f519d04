#pragma once
// Where practice history lives: one interface, two back ends. A single trainee's laptop uses an
// SQLite file (the default, under $XDG_DATA_HOME/sparring/); a team uses PostgreSQL
// (`postgresql://...`). Every operation either completes or throws StoreError with a message
// that names the store and what went wrong; a store is never silently replaced, migrated
// backwards or written when it was made by a newer Sparring.

#include "progress/SessionRecord.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::progress {

/// The layout of the store's tables. Opening an older store migrates it forward, in one
/// transaction per step; a newer one is refused untouched.
inline constexpr int kSchemaVersion = 1;

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Which sessions to read.
struct SessionQuery {
    std::optional<std::string> trainee;    ///< all trainees when unset
    std::optional<std::string> scenarioId; ///< all scenarios when unset
    std::optional<Millis> since;           ///< sessions started at or after
    bool withDecisions = true;             ///< false: the decisions are left out (the KPIs need none)
};

/// How a store is opened. Reading never creates, migrates or changes it, and skips the
/// whole-file quick check that opening to write runs (SQLite still reports damage in what it
/// reads): reports on large stores open fast.
enum class Access { ReadWrite, ReadOnly };

class Store {
public:
    virtual ~Store() = default;
    /// Stores a finished or abandoned session, all of it in one transaction. A session already
    /// stored (same id) is left as it is: saving is idempotent, so a retry never duplicates.
    virtual void save(const SessionRecord& session) = 0;
    /// The sessions matching `query`, oldest first (by start, then id).
    [[nodiscard]] virtual std::vector<SessionRecord> sessions(const SessionQuery& query) const = 0;
    /// Every trainee with a stored session or added by addTrainee, sorted.
    [[nodiscard]] virtual std::vector<std::string> trainees() const = 0;
    /// Adds a trainee with no sessions yet (the GUI's picker); no-op when known.
    virtual void addTrainee(const std::string& name) = 0;
    /// "SQLite store /home/ana/.local/share/sparring/progress.sqlite", for messages.
    [[nodiscard]] virtual std::string describe() const = 0;
};

/// Opens (to write: creating when absent) the store at `location`: a `postgresql://` or `postgres://` URL,
/// else a file path for SQLite. Throws StoreError.
[[nodiscard]] std::unique_ptr<Store> openStore(const std::string& location,
                                               Access access = Access::ReadWrite);

/// Whose practice it is when no `--trainee` is given: $SPARRING_TRAINEE when set, else the
/// login name ($USER), else "trainee".
[[nodiscard]] std::string defaultTrainee();

/// Why `name` cannot name a trainee (empty, over 100 bytes, invalid UTF-8 or a control
/// character), or nothing when it can.
[[nodiscard]] std::optional<std::string> traineeNameProblem(std::string_view name);

/// Where the store is when no `--store` is given: $SPARRING_STORE when set, else
/// $XDG_DATA_HOME/sparring/progress.sqlite, else ~/.local/share/sparring/progress.sqlite.
[[nodiscard]] std::string defaultStoreLocation();

} // namespace sparring::progress
