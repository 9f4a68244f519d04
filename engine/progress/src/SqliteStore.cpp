#include "SqliteStore.hpp"

#include "SchemaChecks.hpp"
#include "StoreRows.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <array>
#include <chrono>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>

namespace sparring::progress {

namespace {

/// How long a writer waits for another process's transaction before giving up.
constexpr int kBusyTimeoutMs = 10'000;

} // namespace

const std::array<std::string_view, kSchemaVersion> kSqliteMigrations{R"sql(
CREATE TABLE trainees (
  name TEXT PRIMARY KEY NOT NULL,
  added_ms INTEGER NOT NULL
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL,
  trainee TEXT NOT NULL REFERENCES trainees(name),
  scenario_id TEXT NOT NULL,
  scenario_title TEXT NOT NULL,
  scenario_version INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  scenario_kind TEXT NOT NULL,
  mode TEXT NOT NULL,
  front_end TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  ended_ms INTEGER NOT NULL,
  finished INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  ending_title TEXT NOT NULL,
  speech TEXT
);
CREATE INDEX sessions_by_trainee ON sessions(trainee, started_ms);
CREATE INDEX sessions_by_scenario ON sessions(scenario_id, started_ms);
CREATE TABLE decisions (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  turn INTEGER NOT NULL,
  node_id TEXT NOT NULL,
  typed INTEGER NOT NULL,
  text TEXT NOT NULL,
  route TEXT NOT NULL,
  act TEXT NOT NULL,
  depth TEXT NOT NULL,
  confidence REAL NOT NULL,
  tags TEXT NOT NULL,
  detected TEXT NOT NULL,
  authored TEXT NOT NULL,
  your_total INTEGER NOT NULL,
  expert_total INTEGER,
  expert_answer TEXT NOT NULL,
  PRIMARY KEY (session_id, turn)
);
CREATE TABLE principle_scores (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  principle TEXT NOT NULL,
  name TEXT NOT NULL,
  score REAL NOT NULL,
  answers INTEGER NOT NULL,
  PRIMARY KEY (session_id, position)
);
)sql"};

namespace {

/// A prepared statement, finalised on every path.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql) : m_db(db)
    {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_statement, nullptr) !=
            SQLITE_OK)
            throw StoreError(sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(Statement&& other) noexcept
        : m_db(other.m_db), m_statement(std::exchange(other.m_statement, nullptr))
    {
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, std::string_view text)
    {
        check(sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()),
                                SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind(int index, std::int64_t value)
    {
        check(sqlite3_bind_int64(m_statement, index, value));
        return *this;
    }
    Statement& bind(int index, double value)
    {
        check(sqlite3_bind_double(m_statement, index, value));
        return *this;
    }
    Statement& bindNull(int index)
    {
        check(sqlite3_bind_null(m_statement, index));
        return *this;
    }
    /// Binds `values` to ?1, ?2 ... in order.
    Statement& bindAll(const std::vector<rows::Value>& values)
    {
        for (std::size_t i = 0; i < values.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            if (!values[i])
                bindNull(index);
            else
                std::visit([&](const auto& value) { bind(index, value); }, *values[i]);
        }
        return *this;
    }
    /// Steps once: true while there is a row to read.
    bool step()
    {
        const int rc = sqlite3_step(m_statement);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        throw StoreError(sqlite3_errmsg(m_db));
    }
    /// Ready to run again with new bindings.
    void reset()
    {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }
    void run()
    {
        while (step()) {
        }
    }
    [[nodiscard]] std::string text(int column) const
    {
        const auto* bytes = sqlite3_column_text(m_statement, column);
        return bytes != nullptr
                   ? std::string(reinterpret_cast<const char*>(bytes),
                                 static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)))
                   : std::string();
    }
    [[nodiscard]] std::int64_t integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    [[nodiscard]] double real(int column) const { return sqlite3_column_double(m_statement, column); }
    [[nodiscard]] bool isNull(int column) const
    {
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
    }

private:
    void check(int rc) const
    {
        if (rc != SQLITE_OK)
            throw StoreError(sqlite3_errmsg(m_db));
    }
    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

void execute(sqlite3* db, const char* sql)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string what = message != nullptr ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        throw StoreError(what);
    }
}

std::int64_t pragmaNumber(sqlite3* db, const char* pragma)
{
    Statement s(db, std::string("PRAGMA ") + pragma);
    return s.step() ? s.integer(0) : 0;
}

/// Commits when told, rolls back otherwise (an exception on the way).
class Transaction {
public:
    Transaction(sqlite3* db, const char* begin) : m_db(db) { execute(db, begin); }
    ~Transaction()
    {
        if (!m_done)
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit()
    {
        execute(m_db, "COMMIT");
        m_done = true;
    }

private:
    sqlite3* m_db;
    bool m_done = false;
};

/// `file` as an SQLite URI that says the file cannot change ("immutable"): a store on a read-only
/// disk, which SQLite could not otherwise open in write-ahead-log mode (it would need to create
/// the shared-memory file beside it). Only for a store with no log waiting, whose whole content
/// is then in the file.
std::string immutableUri(const std::filesystem::path& file)
{
    std::string uri = "file:";
    for (const char c : std::filesystem::absolute(file).string()) {
        if (c == '?' || c == '#' || c == '%') {
            constexpr std::string_view kHex = "0123456789ABCDEF";
            const auto byte = static_cast<unsigned char>(c);
            uri += '%';
            uri += kHex[byte >> 4];
            uri += kHex[byte & 0xF];
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

sqlite3* openConnection(const std::filesystem::path& file, int flags, bool immutable = false)
{
    sqlite3* db = nullptr;
    const auto name = immutable ? immutableUri(file) : file.string();
    const int rc = sqlite3_open_v2(name.c_str(), &db, immutable ? flags | SQLITE_OPEN_URI : flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string what = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw StoreError(what);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // Reads through memory mapping rather than a copy per page: a report reads the whole store.
    sqlite3_exec(db, "PRAGMA mmap_size=268435456", nullptr, nullptr, nullptr);
    return db;
}

/// Closes a connection on every path out of a scope.
struct Connection {
    sqlite3* db;
    explicit Connection(sqlite3* opened) : db(opened) {}
    ~Connection() { sqlite3_close(db); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
};

/// Which sessions a query reads (SessionQuery: ?1 trainee, ?2 scenario, ?3 started since).
constexpr std::string_view kFilter =
    "(?1 IS NULL OR trainee = ?1) AND (?2 IS NULL OR scenario_id = ?2) AND (?3 IS NULL OR started_ms >= ?3)";

std::string describeFile(const std::filesystem::path& file)
{
    return "SQLite store " + file.string();
}

} // namespace

SqliteStore::SqliteStore(std::filesystem::path file, Access access,
                         std::span<const std::string_view> migrations)
    : m_file(std::move(file)), m_migrations(migrations), m_readOnly(access == Access::ReadOnly)
{
    // Opening can meet another process that is creating the store or switching it to write-ahead
    // logging; SQLite then answers "database is locked" at once, without waiting in its busy
    // handler. Opening is tried again, within the same busy timeout a transaction waits.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
    while (true) {
        try {
            if (m_readOnly)
                openToRead();
            else
                openToWrite();
            return;
        } catch (const StoreError& e) {
            sqlite3_close(m_db);
            m_db = nullptr;
            const bool locked =
                std::string_view(e.what()).find("database is locked") != std::string_view::npos;
            if (!locked || std::chrono::steady_clock::now() > deadline)
                throw error(e.what());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void SqliteStore::openToRead()
{
    std::error_code ec;
    if (!std::filesystem::exists(m_file, ec))
        throw StoreError("the file does not exist");
    // A store on a read-only disk is read as the immutable file it is there, unless a log is
    // waiting beside it (a writer was killed), whose sessions that would leave out.
    const auto folder = m_file.has_parent_path() ? m_file.parent_path() : std::filesystem::path(".");
    if (::access(folder.c_str(), W_OK) != 0) {
        const std::string why = std::strerror(errno);
        if (std::filesystem::exists(m_file.string() + "-wal", ec))
            throw StoreError("its folder cannot be written (" + why +
                             ") and a write-ahead log waits beside it: copy the store and its -wal file to a "
                             "writable folder and read it there");
        m_immutable = true;
    }
    inspect(Access::ReadOnly);
    m_db = openConnection(m_file, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, m_immutable);
    if (pragmaNumber(m_db, "user_version") < latest())
        throw olderSchemaError();
}

void SqliteStore::openToWrite()
{
    std::error_code ec;
    const bool exists = std::filesystem::exists(m_file, ec);
    if (!exists && m_file.has_parent_path()) {
        std::filesystem::create_directories(m_file.parent_path(), ec);
        if (ec)
            throw StoreError("cannot create its folder: " + ec.message());
    }
    // Write-ahead logging keeps two files beside the store, so its folder must be writable too;
    // SQLite alone would only say "unable to open database file".
    const auto folder = m_file.has_parent_path() ? m_file.parent_path() : std::filesystem::path(".");
    if (::access(folder.c_str(), W_OK) != 0)
        throw StoreError("its folder cannot be written (" + std::string(std::strerror(errno)) + ")");
    if (exists)
        inspect(Access::ReadWrite);
    m_db = openConnection(m_file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX);
    // WAL: readers never block the writer; FULL: a committed session survives power loss, not
    // only a killed process.
    execute(m_db, "PRAGMA journal_mode=WAL");
    execute(m_db, "PRAGMA synchronous=FULL");
    execute(m_db, "PRAGMA foreign_keys=ON");
    migrate();
}

SqliteStore::~SqliteStore()
{
    sqlite3_close(m_db);
}

std::string SqliteStore::describe() const
{
    return describeFile(m_file);
}

StoreError SqliteStore::error(const std::string& what) const
{
    // Not describe(): this runs in the constructor too, where a virtual call is not dispatched.
    return StoreError(describeFile(m_file) + ": " + what);
}

void SqliteStore::inspect(Access access) const
{
    // The constructor names the store in whatever this throws.
    const Connection look(openConnection(m_file, SQLITE_OPEN_READONLY, m_immutable));
    // One read transaction: the id, the version and the tables are read as of one moment, so a
    // store another process is creating right now is seen before or after, never half made.
    Transaction snapshot(look.db, "BEGIN");
    // The first read of a file that is not a database fails here ("file is not a database").
    const auto applicationId = pragmaNumber(look.db, "application_id");
    const auto version = pragmaNumber(look.db, "user_version");
    const auto tables = [&] {
        Statement s(look.db, "SELECT count(*) FROM sqlite_master");
        return s.step() ? s.integer(0) : 0;
    }();
    if (tables == 0)
        return; // an empty file: a new store
    if (applicationId != kApplicationId)
        throw StoreError("this SQLite file is not a Sparring store; it was left as it is");
    if (version > latest())
        throw newerSchemaError(version, latest());
    if (access == Access::ReadOnly)
        return; // reading changes nothing; damage in what is read is reported as it is met
    Statement check(look.db, "PRAGMA quick_check");
    while (check.step())
        if (const auto line = check.text(0); line != "ok")
            throw StoreError("the store is damaged (" + line +
                             "); it was left as it is. Keep a copy, then try `sqlite3 FILE .recover`");
}

void SqliteStore::migrate()
{
    // IMMEDIATE: two processes opening a new store at once do not both create it.
    Transaction transaction(m_db, "BEGIN IMMEDIATE");
    auto version = pragmaNumber(m_db, "user_version");
    if (version > latest())
        throw newerSchemaError(version, latest());
    for (; version < latest(); ++version) {
        execute(m_db, std::string(m_migrations[static_cast<std::size_t>(version)]).c_str());
        execute(m_db, ("PRAGMA user_version=" + std::to_string(version + 1)).c_str());
    }
    execute(m_db, ("PRAGMA application_id=" + std::to_string(kApplicationId)).c_str());
    transaction.commit();
}

void SqliteStore::addTrainee(const std::string& name)
{
    if (m_readOnly)
        throw error("opened to read only");
    try {
        Statement(m_db, "INSERT OR IGNORE INTO trainees(name, added_ms) VALUES(?1, ?2)")
            .bind(1, name)
            .bind(2, static_cast<std::int64_t>(now()))
            .run();
    } catch (const StoreError& e) {
        throw error(e.what());
    }
}

void SqliteStore::save(const SessionRecord& s)
{
    if (m_readOnly)
        throw error("opened to read only");
    try {
        Transaction transaction(m_db, "BEGIN IMMEDIATE");
        Statement(m_db, "INSERT OR IGNORE INTO trainees(name, added_ms) VALUES(?1, ?2)")
            .bind(1, s.trainee)
            .bind(2, static_cast<std::int64_t>(s.started))
            .run();
        Statement known(m_db, "SELECT 1 FROM sessions WHERE id = ?1");
        known.bind(1, s.id);
        if (known.step())
            return; // saved before: a retry of a save that did commit
        Statement(m_db, rows::insertSql("sessions", rows::kSessionColumns, '?'))
            .bindAll(rows::sessionValues(s))
            .run();
        Statement decision(
            m_db, rows::insertSql("decisions", "session_id, " + std::string(rows::kDecisionColumns), '?'));
        for (const auto& d : s.decisions) {
            decision.reset();
            decision.bindAll(rows::decisionValues(s.id, d)).run();
        }
        Statement principle(
            m_db, rows::insertSql("principle_scores",
                                  "session_id, position, " + std::string(rows::kPrincipleColumns), '?'));
        for (std::size_t i = 0; i < s.principles.size(); ++i) {
            principle.reset();
            principle.bindAll(rows::principleValues(s.id, i, s.principles[i])).run();
        }
        transaction.commit();
    } catch (const StoreError& e) {
        throw error(e.what());
    }
}

std::vector<SessionRecord> SqliteStore::sessions(const SessionQuery& query) const
{
    try {
        std::vector<SessionRecord> out;
        // One read transaction: the three tables are read as of one moment.
        Transaction transaction(m_db, "BEGIN");
        const auto bindFilter = [&](Statement& q) {
            if (query.trainee)
                q.bind(1, *query.trainee);
            if (query.scenarioId)
                q.bind(2, *query.scenarioId);
            if (query.since)
                q.bind(3, static_cast<std::int64_t>(*query.since));
        };
        Statement s(m_db, "SELECT " + std::string(rows::kSessionColumns) + " FROM sessions WHERE " +
                              std::string(kFilter) + " ORDER BY started_ms, id");
        bindFilter(s);
        while (s.step())
            out.push_back(rows::sessionFromRow(s));
        // The parts of the matching sessions, each table read once (joined on the same filter),
        // not one query per session. The session's id comes last, after the columns a row reads.
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < out.size(); ++i)
            index.emplace(out[i].id, i);
        const auto parts = [&](std::string_view columns, const std::string& table, const std::string& order) {
            Statement q(m_db, "SELECT " + std::string(columns) + ", session_id FROM " + table +
                                  " JOIN sessions ON id = session_id WHERE " + std::string(kFilter) +
                                  " ORDER BY session_id, " + order);
            bindFilter(q);
            return q;
        };
        {
            Statement p = parts(rows::kPrincipleColumns, "principle_scores", "position");
            while (p.step())
                if (const auto at = index.find(p.text(4)); at != index.end())
                    out[at->second].principles.push_back(rows::principleFromRow(p));
        }
        if (query.withDecisions) {
            Statement d = parts(rows::kDecisionColumns, "decisions", "turn");
            while (d.step())
                if (const auto at = index.find(d.text(14)); at != index.end())
                    out[at->second].decisions.push_back(rows::decisionFromRow(d, out[at->second].id));
        }
        transaction.commit();
        return out;
    } catch (const StoreError& e) {
        throw error(e.what());
    }
}

std::vector<std::string> SqliteStore::trainees() const
{
    try {
        std::vector<std::string> out;
        Statement s(m_db, "SELECT name FROM trainees ORDER BY name");
        while (s.step())
            out.push_back(s.text(0));
        return out;
    } catch (const StoreError& e) {
        throw error(e.what());
    }
}

} // namespace sparring::progress
