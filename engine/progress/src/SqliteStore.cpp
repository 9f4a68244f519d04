#include "SqliteStore.hpp"

#include "RecordParts.hpp"

#include <sqlite3.h>

#include <array>
#include <chrono>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

namespace sparring::progress {

namespace {

/// How long a writer waits for another process's transaction before giving up.
constexpr int kBusyTimeoutMs = 10'000;

/// Each step takes the schema from its index to the next version, inside one transaction.
/// Step 0 creates version 1. A later change appends a step; a step is never edited once shipped.
constexpr std::array<std::string_view, kSchemaVersion> kMigrations{R"sql(
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

sqlite3* openConnection(const std::filesystem::path& file, int flags)
{
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
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

std::string describeFile(const std::filesystem::path& file)
{
    return "SQLite store " + file.string();
}

} // namespace

SqliteStore::SqliteStore(std::filesystem::path file, Access access)
    : m_file(std::move(file)), m_readOnly(access == Access::ReadOnly)
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
    inspect(Access::ReadOnly);
    m_db = openConnection(m_file, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX);
    if (pragmaNumber(m_db, "user_version") < kSchemaVersion)
        throw StoreError(
            "written by an older Sparring; play a session with this one (which migrates the store "
            "forward) before reading it");
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
    const Connection look(openConnection(m_file, SQLITE_OPEN_READONLY));
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
    if (version > kSchemaVersion)
        throw StoreError("written by a newer Sparring (store schema " + std::to_string(version) +
                         "; this one reads up to " + std::to_string(kSchemaVersion) +
                         "); it was left as it is: use the newer Sparring, or another --store");
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
    if (version > kSchemaVersion)
        throw StoreError("written by a newer Sparring (store schema " + std::to_string(version) + ")");
    for (; version < kSchemaVersion; ++version) {
        execute(m_db, std::string(kMigrations[static_cast<std::size_t>(version)]).c_str());
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
        Statement session(m_db,
                          "INSERT INTO sessions(id, trainee, scenario_id, scenario_title, scenario_version, "
                          "fingerprint, scenario_kind, mode, front_end, started_ms, ended_ms, finished, "
                          "outcome, ending_title, speech) "
                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        session.bind(1, s.id)
            .bind(2, s.trainee)
            .bind(3, s.scenarioId)
            .bind(4, s.scenarioTitle)
            .bind(5, static_cast<std::int64_t>(s.scenarioVersion))
            .bind(6, s.fingerprint)
            .bind(7, s.scenarioKind)
            .bind(8, s.mode)
            .bind(9, s.frontEnd)
            .bind(10, static_cast<std::int64_t>(s.started))
            .bind(11, static_cast<std::int64_t>(s.ended))
            .bind(12, static_cast<std::int64_t>(s.finished ? 1 : 0))
            .bind(13, s.outcome)
            .bind(14, s.endingTitle);
        if (s.speech)
            session.bind(15, parts::dump(parts::speechJson(*s.speech)));
        else
            session.bindNull(15);
        session.run();
        Statement decision(m_db,
                           "INSERT INTO decisions(session_id, turn, node_id, typed, text, route, act, depth, "
                           "confidence, tags, detected, authored, your_total, expert_total, expert_answer) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        for (const auto& d : s.decisions) {
            decision.reset();
            decision.bind(1, s.id)
                .bind(2, static_cast<std::int64_t>(d.turn))
                .bind(3, d.nodeId)
                .bind(4, static_cast<std::int64_t>(d.typed ? 1 : 0))
                .bind(5, d.text)
                .bind(6, d.route)
                .bind(7, d.act)
                .bind(8, d.depth)
                .bind(9, d.confidence)
                .bind(10, parts::dump(parts::tagsJson(d.tags)))
                .bind(11, parts::dump(parts::detectedJson(d.detected)))
                .bind(12, parts::dump(parts::authoredJson(d.authored)))
                .bind(13, static_cast<std::int64_t>(d.yourTotal))
                .bind(15, d.expertAnswer);
            if (d.expertTotal)
                decision.bind(14, static_cast<std::int64_t>(*d.expertTotal));
            else
                decision.bindNull(14);
            decision.run();
        }
        for (std::size_t i = 0; i < s.principles.size(); ++i) {
            const auto& p = s.principles[i];
            Statement(m_db,
                      "INSERT INTO principle_scores(session_id, position, principle, name, score, answers) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
                .bind(1, s.id)
                .bind(2, static_cast<std::int64_t>(i))
                .bind(3, p.principle)
                .bind(4, p.name)
                .bind(5, p.score)
                .bind(6, static_cast<std::int64_t>(p.answers))
                .run();
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
        Statement s(m_db,
                    "SELECT id, trainee, scenario_id, scenario_title, scenario_version, fingerprint, "
                    "scenario_kind, mode, front_end, started_ms, ended_ms, finished, outcome, ending_title, "
                    "speech FROM sessions "
                    "WHERE (?1 IS NULL OR trainee = ?1) AND (?2 IS NULL OR scenario_id = ?2) "
                    "AND (?3 IS NULL OR started_ms >= ?3) ORDER BY started_ms, id");
        if (query.trainee)
            s.bind(1, *query.trainee);
        if (query.scenarioId)
            s.bind(2, *query.scenarioId);
        if (query.since)
            s.bind(3, static_cast<std::int64_t>(*query.since));
        while (s.step()) {
            SessionRecord r;
            r.id = s.text(0);
            r.trainee = s.text(1);
            r.scenarioId = s.text(2);
            r.scenarioTitle = s.text(3);
            r.scenarioVersion = static_cast<int>(s.integer(4));
            r.fingerprint = s.text(5);
            r.scenarioKind = s.text(6);
            r.mode = s.text(7);
            r.frontEnd = s.text(8);
            r.started = s.integer(9);
            r.ended = s.integer(10);
            r.finished = s.integer(11) != 0;
            r.outcome = s.text(12);
            r.endingTitle = s.text(13);
            if (!s.isNull(14)) {
                const std::string where = "session " + r.id + ", speech";
                r.speech = parts::readSpeech(parts::parse(s.text(14), where), where);
            }
            out.push_back(std::move(r));
        }
        // The parts of the matching sessions, each table read once (joined on the same filter),
        // not one query per session.
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < out.size(); ++i)
            index.emplace(out[i].id, i);
        const auto filtered = [&](const std::string& columns, const std::string& table,
                                  const std::string& order) {
            Statement q(m_db,
                        "SELECT t.session_id, " + columns + " FROM " + table +
                            " t JOIN sessions s ON s.id = t.session_id "
                            "WHERE (?1 IS NULL OR s.trainee = ?1) AND (?2 IS NULL OR s.scenario_id = ?2) "
                            "AND (?3 IS NULL OR s.started_ms >= ?3) ORDER BY t.session_id, " +
                            order);
            if (query.trainee)
                q.bind(1, *query.trainee);
            if (query.scenarioId)
                q.bind(2, *query.scenarioId);
            if (query.since)
                q.bind(3, static_cast<std::int64_t>(*query.since));
            return q;
        };
        {
            Statement p =
                filtered("t.principle, t.name, t.score, t.answers", "principle_scores", "t.position");
            while (p.step())
                if (const auto at = index.find(p.text(0)); at != index.end())
                    out[at->second].principles.push_back(
                        {p.text(1), p.text(2), p.real(3), static_cast<std::size_t>(p.integer(4))});
        }
        if (query.withDecisions) {
            Statement d =
                filtered("t.turn, t.node_id, t.typed, t.text, t.route, t.act, t.depth, t.confidence, "
                         "t.tags, t.detected, t.authored, t.your_total, t.expert_total, t.expert_answer",
                         "decisions", "t.turn");
            while (d.step()) {
                const auto at = index.find(d.text(0));
                if (at == index.end())
                    continue;
                auto& r = out[at->second];
                const std::string where = "session " + r.id + ", decision " + std::to_string(d.integer(1));
                DecisionRecord one;
                one.turn = static_cast<std::size_t>(d.integer(1));
                one.nodeId = d.text(2);
                one.typed = d.integer(3) != 0;
                one.text = d.text(4);
                one.route = d.text(5);
                one.act = d.text(6);
                one.depth = d.text(7);
                one.confidence = d.real(8);
                one.tags = parts::readTags(parts::parse(d.text(9), where), where);
                one.detected = parts::readDetected(parts::parse(d.text(10), where), where);
                one.authored = parts::readAuthored(parts::parse(d.text(11), where), where);
                one.yourTotal = static_cast<int>(d.integer(12));
                if (!d.isNull(13))
                    one.expertTotal = static_cast<int>(d.integer(13));
                one.expertAnswer = d.text(14);
                r.decisions.push_back(std::move(one));
            }
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
