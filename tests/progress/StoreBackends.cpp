#include "StoreBackends.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

namespace sparring::test {

namespace {

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

/// Runs SQL on the server at `url`, in `schema` when given; returns the first column of the
/// last statement's rows, one per line. Throws with the server's message.
std::string postgres(const std::string& url, const std::string& schema, const std::string& sql)
{
    PGconn* connection = PQconnectdb(url.c_str());
    const auto fail = [&](PGresult* result) {
        std::string what = PQerrorMessage(connection);
        PQclear(result);
        PQfinish(connection);
        throw std::runtime_error("PostgreSQL at " + url + ": " + what);
    };
    if (PQstatus(connection) != CONNECTION_OK)
        fail(nullptr);
    const std::string script = schema.empty() ? sql : "SET search_path TO " + schema + ";\n" + sql;
    PGresult* result = PQexec(connection, script.c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(result);
    std::string out;
    for (int row = 0; row < PQntuples(result); ++row)
        out += std::string(PQgetvalue(result, row, 0)) + "\n";
    PQclear(result);
    PQfinish(connection);
    return out;
}

void sqlite(const std::string& file, const std::string& sql)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + file);
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    const std::string error = message != nullptr ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    if (rc != SQLITE_OK)
        throw std::runtime_error(file + ": " + error);
}

} // namespace

std::string backendName(const ::testing::TestParamInfo<Backend>& info)
{
    return info.param == Backend::Sqlite ? "sqlite" : "postgresql";
}

ScratchStore::ScratchStore(Backend backend) : m_backend(backend)
{
    if (backend == Backend::Sqlite) {
        m_folder = std::make_unique<TempLibrary>();
        m_location = (m_folder->root() / "progress.sqlite").string();
        return;
    }
    m_server = environment("SPARRING_TEST_POSTGRES");
    if (m_server.empty()) {
        m_unavailable = "no PostgreSQL server for the tests: run tools/test, which starts one "
                        "(tools/postgres-scratch) and names it in SPARRING_TEST_POSTGRES";
        return;
    }
    // A schema per store: the tests of one run share one database and never see each other's tables.
    static std::atomic<int> count{0};
    m_schema = "store_" + std::to_string(::getpid()) + "_" + std::to_string(count++);
    try {
        postgres(m_server, "", "DROP SCHEMA IF EXISTS " + m_schema + " CASCADE; CREATE SCHEMA " + m_schema);
    } catch (const std::exception& e) {
        m_unavailable = e.what();
        return;
    }
    m_location = m_server + (m_server.find('?') == std::string::npos ? "?" : "&") +
                 "options=-csearch_path%3D" + m_schema;
}

ScratchStore::~ScratchStore()
{
    if (m_backend == Backend::Postgres && m_unavailable.empty()) {
        try {
            postgres(m_server, "", "DROP SCHEMA IF EXISTS " + m_schema + " CASCADE");
        } catch (const std::exception&) {
            // a schema left behind lives only in the scratch server tools/test removes
        }
    }
}

void ScratchStore::runSql(const std::string& sql) const
{
    if (m_backend == Backend::Sqlite)
        sqlite(m_location, sql);
    else
        (void)postgres(m_server, m_schema, sql);
}

std::string ScratchStore::setVersionSql(int version) const
{
    return m_backend == Backend::Sqlite
               ? "PRAGMA user_version=" + std::to_string(version)
               : "UPDATE sparring_store SET schema_version = " + std::to_string(version);
}

std::string ScratchStore::contents() const
{
    if (m_backend == Backend::Sqlite)
        return readFile(m_location);
    std::string out;
    const auto tables =
        postgres(m_server, "",
                 "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = '" +
                     m_schema + "' AND c.relkind = 'r' ORDER BY 1");
    std::size_t start = 0;
    for (auto end = tables.find('\n'); end != std::string::npos; end = tables.find('\n', start)) {
        const auto table = tables.substr(start, end - start);
        start = end + 1;
        out += "== " + table + "\n" +
               postgres(m_server, m_schema,
                        "SELECT coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '') FROM " + table +
                            " x");
    }
    return out;
}

void StoreBackendTest::SetUp()
{
    if (scratch.unavailable().empty())
        return;
    if (!environment("SPARRING_REQUIRE_POSTGRES").empty())
        FAIL() << scratch.unavailable();
    GTEST_SKIP() << scratch.unavailable();
}

} // namespace sparring::test
