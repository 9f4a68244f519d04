#pragma once
// The one mapping between a session record and the rows of the store's tables, shared by both
// back ends (SqliteStore.cpp, PostgresStore.cpp): the columns in the order they are written and
// read, the values written for a record, and the record read back from a row. A back end only
// binds values and reads columns in its own driver's way.

#include "RecordParts.hpp"

#include "progress/SessionRecord.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sparring::progress::rows {

/// One column's value to write; nullopt writes NULL.
using Value = std::optional<std::variant<std::string, std::int64_t, double>>;

/// The columns of each table in the order the ...Values functions write them and the ...FromRow
/// functions read them. A decision's and a principle score's row also starts with the session's
/// id (and a principle's position), written before these and not read back. No column name is
/// used by two tables, so a query joining them needs no aliases.
inline constexpr std::string_view kSessionColumns =
    "id, trainee, scenario_id, scenario_title, scenario_version, fingerprint, scenario_kind, mode, "
    "front_end, started_ms, ended_ms, finished, outcome, ending_title, speech";
inline constexpr std::string_view kDecisionColumns =
    "turn, node_id, typed, text, route, act, depth, confidence, tags, detected, authored, your_total, "
    "expert_total, expert_answer";
inline constexpr std::string_view kPrincipleColumns = "principle, name, score, answers";

inline std::vector<Value> sessionValues(const SessionRecord& s)
{
    return {s.id,
            s.trainee,
            s.scenarioId,
            s.scenarioTitle,
            std::int64_t{s.scenarioVersion},
            s.fingerprint,
            s.scenarioKind,
            s.mode,
            s.frontEnd,
            std::int64_t{s.started},
            std::int64_t{s.ended},
            std::int64_t{s.finished ? 1 : 0},
            s.outcome,
            s.endingTitle,
            s.speech ? Value(parts::dump(parts::speechJson(*s.speech))) : std::nullopt};
}

inline std::vector<Value> decisionValues(const std::string& sessionId, const DecisionRecord& d)
{
    return {sessionId,
            static_cast<std::int64_t>(d.turn),
            d.nodeId,
            std::int64_t{d.typed ? 1 : 0},
            d.text,
            d.route,
            d.act,
            d.depth,
            d.confidence,
            parts::dump(parts::tagsJson(d.tags)),
            parts::dump(parts::detectedJson(d.detected)),
            parts::dump(parts::authoredJson(d.authored)),
            std::int64_t{d.yourTotal},
            d.expertTotal ? Value(std::int64_t{*d.expertTotal}) : std::nullopt,
            d.expertAnswer};
}

inline std::vector<Value> principleValues(const std::string& sessionId, std::size_t position,
                                          const PrincipleRecord& p)
{
    return {sessionId, static_cast<std::int64_t>(position), p.principle, p.name,
            p.score,   static_cast<std::int64_t>(p.answers)};
}

// A Row is what a back end reads a result row through: text(i), integer(i), real(i) and
// isNull(i), its columns in the order of the k...Columns above.

template <class Row> SessionRecord sessionFromRow(const Row& row)
{
    SessionRecord r;
    r.id = row.text(0);
    r.trainee = row.text(1);
    r.scenarioId = row.text(2);
    r.scenarioTitle = row.text(3);
    r.scenarioVersion = static_cast<int>(row.integer(4));
    r.fingerprint = row.text(5);
    r.scenarioKind = row.text(6);
    r.mode = row.text(7);
    r.frontEnd = row.text(8);
    r.started = row.integer(9);
    r.ended = row.integer(10);
    r.finished = row.integer(11) != 0;
    r.outcome = row.text(12);
    r.endingTitle = row.text(13);
    if (!row.isNull(14)) {
        const std::string where = "session " + r.id + ", speech";
        r.speech = parts::readSpeech(parts::parse(row.text(14), where), where);
    }
    return r;
}

template <class Row> DecisionRecord decisionFromRow(const Row& row, const std::string& sessionId)
{
    const std::string where = "session " + sessionId + ", decision " + std::to_string(row.integer(0));
    DecisionRecord d;
    d.turn = static_cast<std::size_t>(row.integer(0));
    d.nodeId = row.text(1);
    d.typed = row.integer(2) != 0;
    d.text = row.text(3);
    d.route = row.text(4);
    d.act = row.text(5);
    d.depth = row.text(6);
    d.confidence = row.real(7);
    d.tags = parts::readTags(parts::parse(row.text(8), where), where);
    d.detected = parts::readDetected(parts::parse(row.text(9), where), where);
    d.authored = parts::readAuthored(parts::parse(row.text(10), where), where);
    d.yourTotal = static_cast<int>(row.integer(11));
    if (!row.isNull(12))
        d.expertTotal = static_cast<int>(row.integer(12));
    d.expertAnswer = row.text(13);
    return d;
}

template <class Row> PrincipleRecord principleFromRow(const Row& row)
{
    return {row.text(0), row.text(1), row.real(2), static_cast<std::size_t>(row.integer(3))};
}

/// "INSERT INTO table(columns) VALUES(?1, ?2 ...)", one numbered parameter per column, each
/// numbered after `marker` ('?' for SQLite, '$' for PostgreSQL).
[[nodiscard]] inline std::string insertSql(std::string_view table, std::string_view columns, char marker)
{
    std::string sql = "INSERT INTO " + std::string(table) + "(" + std::string(columns) + ") VALUES(";
    const auto count = 1 + std::count(columns.begin(), columns.end(), ',');
    for (std::ptrdiff_t i = 1; i <= count; ++i)
        sql += (i > 1 ? ", " : "") + std::string(1, marker) + std::to_string(i);
    return sql + ")";
}

} // namespace sparring::progress::rows
