#include "PostgresStore.hpp"

#include "SchemaChecks.hpp"
#include "StoreRows.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <variant>

namespace sparring::progress {

const std::array<std::string_view, kSchemaVersion> kPostgresMigrations{R"sql(
CREATE TABLE trainees (
  name TEXT PRIMARY KEY NOT NULL,
  added_ms BIGINT NOT NULL
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL,
  trainee TEXT NOT NULL REFERENCES trainees(name),
  scenario_id TEXT NOT NULL,
  scenario_title TEXT NOT NULL,
  scenario_version BIGINT NOT NULL,
  fingerprint TEXT NOT NULL,
  scenario_kind TEXT NOT NULL,
  mode TEXT NOT NULL,
  front_end TEXT NOT NULL,
  started_ms BIGINT NOT NULL,
  ended_ms BIGINT NOT NULL,
  finished BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  ending_title TEXT NOT NULL,
  speech TEXT
);
CREATE INDEX sessions_by_trainee ON sessions(trainee, started_ms);
CREATE INDEX sessions_by_scenario ON sessions(scenario_id, started_ms);
CREATE TABLE decisions (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  turn BIGINT NOT NULL,
  node_id TEXT NOT NULL,
  typed BIGINT NOT NULL,
  text TEXT NOT NULL,
  route TEXT NOT NULL,
  act TEXT NOT NULL,
  depth TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  tags TEXT NOT NULL,
  detected TEXT NOT NULL,
  authored TEXT NOT NULL,
  your_total BIGINT NOT NULL,
  expert_total BIGINT,
  expert_answer TEXT NOT NULL,
  PRIMARY KEY (session_id, turn)
);
CREATE TABLE principle_scores (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  principle TEXT NOT NULL,
  name TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  answers BIGINT NOT NULL,
  PRIMARY KEY (session_id, position)
);
)sql"};

namespace {

/// The key of the advisory lock openers hold while they create or migrate the tables ("SPRG").
constexpr std::int64_t kOpenLock = 0x53505247;

/// The tables a Sparring store has; finding some of them without `sparring_store` means they
/// belong to something else.
constexpr std::string_view kOwnTables = "{sparring_store,trainees,sessions,decisions,principle_scores}";

/// Which sessions a query reads (SessionQuery: $1 trainee, $2 scenario, $3 started since).
constexpr std::string_view kFilter = "($1::text IS NULL OR trainee = $1::text) AND "
                                     "($2::text IS NULL OR scenario_id = $2::text) AND "
                                     "($3::bigint IS NULL OR started_ms >= $3::bigint)";

std::string withoutTrailingSpace(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

/// A query's result, cleared on every path; its rows are read through Row.
class Result {
public:
    explicit Result(PGresult* result) : m_result(result) {}
    ~Result() { PQclear(m_result); }
    Result(Result&& other) noexcept : m_result(std::exchange(other.m_result, nullptr)) {}
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    Result& operator=(Result&&) = delete;

    [[nodiscard]] int rows() const { return PQntuples(m_result); }

    /// One row, read the way StoreRows.hpp expects (text, integer, real, isNull by column).
    class Row {
    public:
        Row(const PGresult* result, int row) : m_result(result), m_row(row) {}
        [[nodiscard]] std::string text(int column) const
        {
            return {PQgetvalue(m_result, m_row, column),
                    static_cast<std::size_t>(PQgetlength(m_result, m_row, column))};
        }
        [[nodiscard]] std::int64_t integer(int column) const { return number<std::int64_t>(column); }
        [[nodiscard]] double real(int column) const { return number<double>(column); }
        [[nodiscard]] bool isNull(int column) const { return PQgetisnull(m_result, m_row, column) != 0; }

    private:
        template <class Number> [[nodiscard]] Number number(int column) const
        {
            const char* first = PQgetvalue(m_result, m_row, column);
            const char* last = first + PQgetlength(m_result, m_row, column);
            Number value{};
            const auto [end, problem] = std::from_chars(first, last, value);
            if (problem != std::errc() || end != last)
                throw StoreError("column " + std::string(PQfname(m_result, column)) + " holds '" +
                                 std::string(first, last) + "', not a number");
            return value;
        }
        const PGresult* m_result;
        int m_row;
    };
    [[nodiscard]] Row row(int index) const { return {m_result, index}; }

private:
    PGresult* m_result;
};

/// The server's (or libpq's) message for a failed command, without its trailing newline.
std::string failure(pg_conn* connection, const PGresult* result)
{
    const char* message = result != nullptr ? PQresultErrorMessage(result) : "";
    if (message == nullptr || *message == '\0')
        message = PQerrorMessage(connection);
    return withoutTrailingSpace(message);
}

/// `result` when its command succeeded; otherwise throws StoreError with the server's message.
Result checked(pg_conn* connection, PGresult* result)
{
    const auto status = PQresultStatus(result);
    if (result == nullptr || (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)) {
        const auto what = failure(connection, result);
        PQclear(result);
        throw StoreError(what);
    }
    return Result(result);
}

/// Runs one statement with `values` as $1, $2 ... (sent as text, so the server parses them by
/// the column's type). Throws StoreError with the server's message.
Result run(pg_conn* connection, const std::string& sql, const std::vector<rows::Value>& values = {})
{
    std::vector<std::string> texts(values.size());
    std::vector<const char*> pointers(values.size(), nullptr);
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i])
            continue; // NULL
        texts[i] = std::visit(
            [](const auto& value) -> std::string {
                using Type = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Type, std::string>) {
                    return value;
                } else {
                    // Shortest form that reads back to the same value (to_chars), never the locale's.
                    std::array<char, 32> buffer{};
                    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
                    return {buffer.data(), end};
                }
            },
            *values[i]);
        pointers[i] = texts[i].c_str();
    }
    return checked(connection, PQexecParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                            pointers.data(), nullptr, nullptr, 0));
}

/// Runs statements without parameters (a migration step holds several).
void execute(pg_conn* connection, const std::string& sql)
{
    (void)checked(connection, PQexec(connection, sql.c_str()));
}

/// Commits when told, rolls back otherwise (an exception on the way).
class Transaction {
public:
    Transaction(pg_conn* connection, const char* begin) : m_connection(connection)
    {
        execute(connection, begin);
    }
    ~Transaction()
    {
        if (!m_done)
            PQclear(PQexec(m_connection, "ROLLBACK"));
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit()
    {
        execute(m_connection, "COMMIT");
        m_done = true;
    }

private:
    pg_conn* m_connection;
    bool m_done = false;
};

/// What opening found in the connection's schema.
struct Found {
    bool store = false;           ///< a sparring_store table
    std::string application;      ///< its application (always "sparring" in a Sparring store)
    std::int64_t version = 0;     ///< its schema version
    std::vector<std::string> own; ///< tables with Sparring's names other than sparring_store
};

Found look(pg_conn* connection)
{
    const auto schema = run(connection, "SELECT current_schema()");
    if (schema.rows() != 1 || schema.row(0).isNull(0))
        throw StoreError(
            "no schema to keep the store in: the connection's search_path names none that exists");
    Found found;
    const auto tables = run(connection,
                            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND c.relname = ANY($1::text[]) "
                            "ORDER BY c.relname COLLATE \"C\"",
                            {std::string(kOwnTables)});
    for (int i = 0; i < tables.rows(); ++i) {
        const auto name = tables.row(i).text(0);
        if (name == "sparring_store")
            found.store = true;
        else
            found.own.push_back(name);
    }
    if (!found.store)
        return found;
    const auto meta = run(connection, "SELECT application, schema_version FROM sparring_store");
    if (meta.rows() != 1)
        throw StoreError("its sparring_store table holds " + std::to_string(meta.rows()) +
                         " rows, not one: this is not a Sparring store; it was left as it is");
    found.application = meta.row(0).text(0);
    found.version = meta.row(0).integer(1);
    return found;
}

/// Refuses a sparring_store table of another application, or of a newer schema.
void checkOwnStore(const Found& found, std::int64_t latest)
{
    if (found.application != "sparring")
        throw StoreError("its sparring_store table belongs to '" + found.application +
                         "': this is not a Sparring store; it was left as it is");
    if (found.version > latest)
        throw newerSchemaError(found.version, latest);
}

/// The URL's parts libpq reads, by keyword; throws StoreError for a URL it cannot read.
std::unordered_map<std::string, std::string> urlParts(const std::string& url)
{
    char* problem = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &problem);
    if (options == nullptr) {
        const std::string what = problem != nullptr ? withoutTrailingSpace(problem) : "out of memory";
        PQfreemem(problem);
        throw StoreError("not a PostgreSQL URL libpq can read: " + what);
    }
    std::unordered_map<std::string, std::string> parts;
    for (const auto* option = options; option->keyword != nullptr; ++option)
        if (option->val != nullptr)
            parts.emplace(option->keyword, option->val);
    PQconninfoFree(options);
    return parts;
}

} // namespace

std::string describePostgresUrl(const std::string& url)
{
    auto parts = urlParts(url);
    const auto part = [&](const char* keyword) {
        const auto at = parts.find(keyword);
        return at != parts.end() ? at->second : std::string();
    };
    // The password never appears; a host that is a socket folder goes after the path, as in a URL.
    const auto host = part("host");
    const bool socket = !host.empty() && host.front() == '/';
    std::string out = "PostgreSQL store postgresql://";
    if (const auto user = part("user"); !user.empty())
        out += user + "@";
    if (!socket)
        out += host;
    if (const auto port = part("port"); !port.empty())
        out += ":" + port;
    out += "/" + part("dbname");
    std::string query;
    if (socket)
        query += "host=" + host;
    if (const auto options = part("options"); !options.empty())
        query += (query.empty() ? "" : "&") + std::string("options=") + options;
    return query.empty() ? out : out + "?" + query;
}

PostgresStore::PostgresStore(const std::string& url, Access access,
                             std::span<const std::string_view> migrations)
    : m_description(describePostgresUrl(url)), m_migrations(migrations),
      m_readOnly(access == Access::ReadOnly)
{
    // A server that does not answer is given up on after ten seconds (the URL's own
    // connect_timeout wins); the server's logs name the program.
    const std::array<const char*, 4> keywords{"connect_timeout", "fallback_application_name", "dbname",
                                              nullptr};
    const std::array<const char*, 4> values{"10", "sparring", url.c_str(), nullptr};
    m_connection = PQconnectdbParams(keywords.data(), values.data(), 1);
    try {
        if (m_connection == nullptr)
            throw StoreError("out of memory");
        if (PQstatus(m_connection) != CONNECTION_OK)
            throw StoreError("cannot connect: " + withoutTrailingSpace(PQerrorMessage(m_connection)));
        if (PQsetClientEncoding(m_connection, "UTF8") != 0)
            throw StoreError("the server cannot send UTF-8: " +
                             withoutTrailingSpace(PQerrorMessage(m_connection)));
        if (m_readOnly) {
            execute(m_connection, "SET default_transaction_read_only = on");
            checkReadable();
        } else {
            migrate();
        }
    } catch (const StoreError& e) {
        PQfinish(m_connection);
        m_connection = nullptr;
        throw error(e.what());
    }
}

PostgresStore::~PostgresStore()
{
    PQfinish(m_connection);
}

std::string PostgresStore::describe() const
{
    return m_description;
}

StoreError PostgresStore::error(const std::string& what) const
{
    return StoreError(m_description + ": " + what);
}

void PostgresStore::checkReadable() const
{
    const auto found = look(m_connection);
    if (!found.store)
        throw StoreError("no Sparring store here yet: play a session with this --store to create it");
    checkOwnStore(found, latest());
    if (found.version < latest())
        throw olderSchemaError();
}

void PostgresStore::migrate()
{
    Transaction transaction(m_connection, "BEGIN");
    // Openers queue here: the second sees the tables the first created, never half of them.
    (void)run(m_connection, "SELECT pg_advisory_xact_lock($1)", {kOpenLock});
    const auto found = look(m_connection);
    auto version = found.version;
    if (found.store) {
        checkOwnStore(found, latest());
    } else if (!found.own.empty()) {
        std::string names;
        for (const auto& name : found.own)
            names += (names.empty() ? "" : ", ") + name;
        throw StoreError("this schema already holds tables named " + names +
                         " that are not a Sparring store's; they were left as they are. Use another "
                         "database, or another schema (options=-csearch_path%3Dname in the URL)");
    } else {
        execute(m_connection,
                "CREATE TABLE sparring_store (application TEXT NOT NULL, schema_version BIGINT NOT NULL)");
        (void)run(m_connection, "INSERT INTO sparring_store VALUES('sparring', 0)");
    }
    for (; version < latest(); ++version) {
        execute(m_connection, std::string(m_migrations[static_cast<std::size_t>(version)]));
        (void)run(m_connection, "UPDATE sparring_store SET schema_version = $1", {version + 1});
    }
    transaction.commit();
}

void PostgresStore::reconnectIfLost() const
{
    if (PQstatus(m_connection) == CONNECTION_OK)
        return;
    PQreset(m_connection);
    if (PQstatus(m_connection) != CONNECTION_OK)
        throw StoreError("lost the connection to the server: " +
                         withoutTrailingSpace(PQerrorMessage(m_connection)));
    if (m_readOnly)
        execute(m_connection, "SET default_transaction_read_only = on");
}

void PostgresStore::addTrainee(const std::string& name)
{
    if (m_readOnly)
        throw error("opened to read only");
    const std::lock_guard lock(m_use);
    try {
        reconnectIfLost();
        (void)run(m_connection, "INSERT INTO trainees(name, added_ms) VALUES($1, $2) ON CONFLICT DO NOTHING",
                  {name, std::int64_t{now()}});
    } catch (const StoreError& e) {
        throw error(e.what());
    }
}

void PostgresStore::save(const SessionRecord& s)
{
    if (m_readOnly)
        throw error("opened to read only");
    const std::lock_guard lock(m_use);
    try {
        reconnectIfLost();
        Transaction transaction(m_connection, "BEGIN");
        (void)run(m_connection, "INSERT INTO trainees(name, added_ms) VALUES($1, $2) ON CONFLICT DO NOTHING",
                  {s.trainee, std::int64_t{s.started}});
        // A session saved before (a retry of a save that did commit, or another process saving the
        // same record) inserts nothing here and the transaction is rolled back.
        const auto inserted = run(m_connection,
                                  rows::insertSql("sessions", rows::kSessionColumns, '$') +
                                      " ON CONFLICT (id) DO NOTHING RETURNING id",
                                  rows::sessionValues(s));
        if (inserted.rows() == 0)
            return;
        const auto decisionSql =
            rows::insertSql("decisions", "session_id, " + std::string(rows::kDecisionColumns), '$');
        for (const auto& d : s.decisions)
            (void)run(m_connection, decisionSql, rows::decisionValues(s.id, d));
        const auto principleSql = rows::insertSql(
            "principle_scores", "session_id, position, " + std::string(rows::kPrincipleColumns), '$');
        for (std::size_t i = 0; i < s.principles.size(); ++i)
            (void)run(m_connection, principleSql, rows::principleValues(s.id, i, s.principles[i]));
        transaction.commit();
    } catch (const StoreError& e) {
        throw error(e.what());
    }
}

std::vector<SessionRecord> PostgresStore::sessions(const SessionQuery& query) const
{
    const std::lock_guard lock(m_use);
    try {
        reconnectIfLost();
        // One snapshot: the three tables are read as of one moment.
        Transaction transaction(m_connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const std::vector<rows::Value> filter{
            query.trainee ? rows::Value(*query.trainee) : std::nullopt,
            query.scenarioId ? rows::Value(*query.scenarioId) : std::nullopt,
            query.since ? rows::Value(std::int64_t{*query.since}) : std::nullopt};
        std::vector<SessionRecord> out;
        {
            const auto s = run(m_connection,
                               "SELECT " + std::string(rows::kSessionColumns) + " FROM sessions WHERE " +
                                   std::string(kFilter) + " ORDER BY started_ms, id COLLATE \"C\"",
                               filter);
            out.reserve(static_cast<std::size_t>(s.rows()));
            for (int i = 0; i < s.rows(); ++i)
                out.push_back(rows::sessionFromRow(s.row(i)));
        }
        // The parts of the matching sessions, each table read once (joined on the same filter).
        // The session's id comes last, after the columns a row reads.
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < out.size(); ++i)
            index.emplace(out[i].id, i);
        const auto parts = [&](std::string_view columns, const std::string& table, const std::string& order) {
            return run(m_connection,
                       "SELECT " + std::string(columns) + ", session_id FROM " + table +
                           " JOIN sessions ON id = session_id WHERE " + std::string(kFilter) + " ORDER BY " +
                           order,
                       filter);
        };
        {
            const auto p = parts(rows::kPrincipleColumns, "principle_scores", "session_id, position");
            for (int i = 0; i < p.rows(); ++i)
                if (const auto at = index.find(p.row(i).text(4)); at != index.end())
                    out[at->second].principles.push_back(rows::principleFromRow(p.row(i)));
        }
        if (query.withDecisions) {
            const auto d = parts(rows::kDecisionColumns, "decisions", "session_id, turn");
            for (int i = 0; i < d.rows(); ++i)
                if (const auto at = index.find(d.row(i).text(14)); at != index.end())
                    out[at->second].decisions.push_back(rows::decisionFromRow(d.row(i), out[at->second].id));
        }
        transaction.commit();
        return out;
    } catch (const StoreError& e) {
        throw error(e.what());
    }
}

std::vector<std::string> PostgresStore::trainees() const
{
    const std::lock_guard lock(m_use);
    try {
        reconnectIfLost();
        // Byte order, as the SQLite store sorts: the same list whatever the server's collation.
        const auto names = run(m_connection, "SELECT name FROM trainees ORDER BY name COLLATE \"C\"");
        std::vector<std::string> out;
        out.reserve(static_cast<std::size_t>(names.rows()));
        for (int i = 0; i < names.rows(); ++i)
            out.push_back(names.row(i).text(0));
        return out;
    } catch (const StoreError& e) {
        throw error(e.what());
    }
}

} // namespace sparring::progress
