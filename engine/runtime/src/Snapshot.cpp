#include "runtime/Snapshot.hpp"

#include "core/Diagnostic.hpp"
#include "core/JsonNesting.hpp"
#include "core/Utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>
#include <set>
#include <stdexcept>

namespace sparring::runtime {

using namespace core;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "sparring-session";
constexpr int kFormatVersion = 1;
/// Restoring replays the random generator this many draws; more means a damaged save, not a
/// session anyone played (and would take minutes to fast-forward).
constexpr std::uint64_t kMaxDraws = 10'000'000;

/// A value from the save as a message quotes it: cut to a readable length, with its size, so a
/// damaged save of megabytes does not come back in the message.
std::string shown(const json& j)
{
    return quotedValue(j.dump(-1, ' ', false, json::error_handler_t::replace), "");
}

/// A whole number of type T from untrusted JSON: a float, a string or an out-of-range value is a
/// damaged save (nlohmann would convert 1e300 to an integer with undefined behaviour).
template <typename T> T integer(const json& j, const char* what)
{
    if (!j.is_number_integer())
        throw std::invalid_argument(std::string(what) + " must be a whole number, not " + shown(j));
    if (j.is_number_unsigned()) {
        const auto v = j.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
            throw std::invalid_argument(std::string(what) + " is out of range: " + shown(j));
        return static_cast<T>(v);
    }
    const auto v = j.get<std::int64_t>();
    if constexpr (std::is_unsigned_v<T>) {
        if (v < 0)
            throw std::invalid_argument(std::string(what) + " cannot be negative: " + shown(j));
        if (static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
            throw std::invalid_argument(std::string(what) + " is out of range: " + shown(j));
    } else {
        if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
            v > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
            throw std::invalid_argument(std::string(what) + " is out of range: " + shown(j));
    }
    return static_cast<T>(v);
}

json valueJson(const Value& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return *i;
    if (const auto* b = std::get_if<bool>(&value))
        return *b;
    return std::get<std::string>(value);
}

json evidenceJson(const std::vector<EvidenceItem>& evidence)
{
    json out = json::array();
    for (const auto& e : evidence)
        out.push_back({{"principle", e.principle}, {"amount", e.amount}});
    return out;
}

json decisionJson(json out, const Decision& d)
{
    out["text"] = d.text;
    out["feedback"] = d.feedback;
    out["evidence"] = evidenceJson(d.evidence);
    if (!d.said.empty())
        out["said"] = d.said;
    if (!d.commits.empty())
        out["commits"] = d.commits;
    return out;
}

json entryJson(const TranscriptEntry& entry)
{
    json out{{"kind", std::string(kindName(entry))}, {"node", nodeIdOf(entry)}};
    if (const auto* line = std::get_if<SpokenLine>(&entry)) {
        out["speaker"] = line->speaker;
        out["text"] = line->text;
    } else if (const auto* picked = std::get_if<PickedOption>(&entry)) {
        out["option"] = picked->option;
        if (picked->optionIndex)
            out["optionIndex"] = *picked->optionIndex;
        out = decisionJson(std::move(out), *picked);
    } else if (const auto* typed = std::get_if<TypedAnswer>(&entry)) {
        out["route"] = typed->route;
        out = decisionJson(std::move(out), *typed);
    } else if (const auto* end = std::get_if<Ending>(&entry)) {
        out["title"] = end->title;
        out["outcome"] = std::string(toString(end->outcome));
    }
    return out;
}

json stateJson(const Scenario& scenario, const SessionState& state)
{
    json variables = json::object();
    for (std::size_t i = 0; i < scenario.variables.size(); ++i)
        variables[scenario.variables[i].name] = valueJson(state.variables[i]);
    json visits = json::object();
    for (std::size_t i = 0; i < state.visits.size(); ++i)
        if (state.visits[i] > 0)
            visits[scenario.nodes[i].id] = state.visits[i];
    json once = json::array();
    for (const auto& [node, option] : state.onceUsed)
        once.push_back({scenario.nodes[node].id, option});
    json moods = json::object();
    for (std::size_t i = 0; i < state.moods.size(); ++i)
        if (!state.moods[i].empty())
            moods[scenario.cast[i].id] = state.moods[i];
    json offered = json::array();
    for (std::size_t k = 0; k < state.offered.size(); ++k)
        offered.push_back({state.offered[k], state.offeredAvailable[k] != 0});
    return {{"cursor", scenario.nodes[state.cursor].id},
            {"variables", variables},
            {"visits", visits},
            {"once", once},
            {"moods", moods},
            {"draws", state.draws},
            {"transcriptSize", state.transcriptSize},
            {"offered", offered}};
}

/// Turns a saved state back into indices, listing everything that no longer fits the scenario.
class StateReader {
public:
    StateReader(const Scenario& scenario, std::vector<std::string>& problems, std::vector<std::string>& notes)
        : m_scenario(scenario), m_problems(problems), m_notes(notes)
    {
    }

    std::optional<SessionState> read(const json& j, const std::string& which, std::size_t transcriptSize)
    {
        const std::size_t before = m_problems.size();
        SessionState state;
        const std::string cursor = j.at("cursor").get<std::string>();
        if (const auto index = m_scenario.findNode(cursor)) {
            state.cursor = *index;
            if (m_scenario.nodes[*index].kind() == NodeKind::Branch)
                problem(which + ": node " + quotedValue(cursor) +
                        ", where the session stood, is now a branch");
        } else {
            problem(which + ": node " + quotedValue(cursor) + ", where the session stood, no longer exists");
        }
        for (const auto& v : m_scenario.variables)
            state.variables.push_back(v.initial);
        for (const auto& [name, value] : j.at("variables").items()) {
            const auto slot = m_scenario.findVariable(name);
            if (!slot) {
                problem(which + ": variable " + quotedValue(name) + " no longer exists");
                continue;
            }
            const Variable& declared = m_scenario.variables[*slot];
            if (declared.type == ValueType::Int && value.is_number_integer()) {
                const auto i = integer<std::int64_t>(value, "a variable's value");
                if (i < declared.min || i > declared.max)
                    problem(which + ": variable '" + name + "' is " + std::to_string(i) +
                            ", outside its new range " + std::to_string(declared.min) + ".." +
                            std::to_string(declared.max));
                state.variables[*slot] = i;
            } else if (declared.type == ValueType::Bool && value.is_boolean()) {
                state.variables[*slot] = value.get<bool>();
            } else if (declared.type == ValueType::String && value.is_string()) {
                state.variables[*slot] = value.get<std::string>();
            } else {
                problem(which + ": variable '" + name + "' is now " + std::string(typeName(declared.type)) +
                        " but the save holds " + shown(value));
            }
        }
        state.visits.assign(m_scenario.nodes.size(), 0);
        for (const auto& [id, count] : j.at("visits").items()) {
            const auto index = m_scenario.findNode(id);
            if (!index) {
                problem(which + ": visited node " + quotedValue(id) + " no longer exists");
                continue;
            }
            state.visits[*index] = integer<std::uint32_t>(count, "a visit count");
        }
        for (const auto& pair : j.at("once")) {
            const auto id = pair.at(0).get<std::string>();
            const auto option = integer<std::size_t>(pair.at(1), "a once-only option");
            const auto index = m_scenario.findNode(id);
            const auto* choice = index ? std::get_if<ChoiceNode>(&m_scenario.nodes[*index].body) : nullptr;
            if (!choice || option >= choice->options.size()) {
                problem(which + ": once-only option " + std::to_string(option + 1) + " of node " +
                        quotedValue(id) + " no longer exists");
                continue;
            }
            state.onceUsed.emplace_back(*index, option);
        }
        std::sort(state.onceUsed.begin(), state.onceUsed.end());
        state.moods.assign(m_scenario.cast.size(), std::string());
        for (const auto& [id, mood] : j.at("moods").items()) {
            if (const auto c = m_scenario.findCharacter(id))
                state.moods[*c] = mood.get<std::string>();
            else
                m_notes.push_back(which + ": character " + quotedValue(id) +
                                  " no longer exists; their mood is dropped");
        }
        state.draws = integer<std::uint64_t>(j.at("draws"), "draws");
        if (state.draws > kMaxDraws)
            throw std::invalid_argument("draws is " + std::to_string(state.draws) +
                                        ", more than any session makes");
        state.transcriptSize = integer<std::size_t>(j.at("transcriptSize"), "transcriptSize");
        if (state.transcriptSize > transcriptSize)
            problem(which + ": it refers to " + std::to_string(state.transcriptSize) +
                    " transcript entries but the save has " + std::to_string(transcriptSize));
        const auto* choice = m_problems.size() == before
                                 ? std::get_if<ChoiceNode>(&m_scenario.nodes[state.cursor].body)
                                 : nullptr;
        for (const auto& pair : j.at("offered")) {
            const auto index = integer<std::size_t>(pair.at(0), "an offered option");
            if (!choice || index > choice->options.size() ||
                (index == choice->options.size() && !choice->fallback))
                continue; // recomputed by the session when the scenario changed
            state.offered.push_back(index);
            state.offeredAvailable.push_back(pair.at(1).get<bool>() ? 1 : 0);
        }
        if (m_problems.size() != before)
            return std::nullopt;
        return state;
    }

private:
    void problem(std::string text) { m_problems.push_back(std::move(text)); }

    const Scenario& m_scenario;
    std::vector<std::string>& m_problems;
    std::vector<std::string>& m_notes;
};

void readDecision(const json& j, Decision& d)
{
    d.nodeId = j.at("node").get<std::string>();
    d.text = j.at("text").get<std::string>();
    d.feedback = j.at("feedback").get<std::string>();
    for (const auto& item : j.at("evidence"))
        d.evidence.push_back(
            {item.at("principle").get<std::string>(), integer<int>(item.at("amount"), "amount")});
    // Saves written before quoting and commitments have neither.
    if (const auto said = j.find("said"); said != j.end())
        d.said = said->get<std::string>();
    if (const auto commits = j.find("commits"); commits != j.end())
        for (const auto& id : *commits)
            d.commits.push_back(id.get<std::string>());
}

TranscriptEntry readEntry(const json& j)
{
    const auto kind = j.at("kind").get<std::string>();
    if (kind == "line")
        return SpokenLine{j.at("node").get<std::string>(), j.at("speaker").get<std::string>(),
                          j.at("text").get<std::string>()};
    if (kind == "choice") {
        PickedOption picked;
        readDecision(j, picked);
        picked.option = integer<std::size_t>(j.at("option"), "option");
        if (const auto index = j.find("optionIndex"); index != j.end())
            picked.optionIndex = integer<std::size_t>(*index, "optionIndex");
        return picked;
    }
    if (kind == "response") {
        TypedAnswer typed;
        readDecision(j, typed);
        typed.route = j.at("route").get<std::string>();
        return typed;
    }
    if (kind == "end") {
        const auto outcome = j.at("outcome").get<std::string>();
        const auto parsed = parseOutcome(outcome);
        if (!parsed)
            throw std::invalid_argument("unknown outcome " + quotedValue(outcome));
        return Ending{j.at("node").get<std::string>(), *parsed, j.at("title").get<std::string>()};
    }
    throw std::invalid_argument("unknown transcript entry kind " + quotedValue(kind));
}

} // namespace

std::string saveSession(const Session& session)
{
    const Scenario& scenario = session.scenario();
    json history = json::array();
    for (const auto& state : session.history())
        history.push_back(stateJson(scenario, state));
    json transcript = json::array();
    for (const auto& entry : session.transcript())
        transcript.push_back(entryJson(entry));
    const json out{{"format", kFormat},
                   {"version", kFormatVersion},
                   {"scenario",
                    {{"id", scenario.meta.id},
                     {"version", scenario.meta.version},
                     {"fingerprint", scenario.fingerprint},
                     {"file", scenario.path}}},
                   {"seed", session.options().seed},
                   {"state", stateJson(scenario, session.state())},
                   {"history", history},
                   {"transcript", transcript}};
    // Invalid UTF-8 in what the trainee typed (pasted Latin-1) is saved as U+FFFD, not a crash,
    // and DEL or a C1 control as an escape, so the file can be shown on a terminal.
    return core::jsonControlsEscaped(out.dump(2, ' ', false, json::error_handler_t::replace)) + "\n";
}

RestoreResult restoreSession(std::shared_ptr<const Scenario> scenario, std::string_view text,
                             SessionOptions options)
{
    RestoreResult result;
    // Deep nesting is refused before nlohmann builds (and would print or free) it level by level,
    // and tiny items before they take tens of times the file's size.
    if (const auto problem = jsonShapeProblem(text)) {
        result.problems.push_back("the save is " + *problem);
        return result;
    }
    const json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        result.problems.push_back("the save is not valid JSON (the file is damaged or not a Sparring save)");
        return result;
    }
    try {
        if (j.value("format", std::string()) != kFormat) {
            result.problems.push_back("not a Sparring session save (its format is not '" +
                                      std::string(kFormat) + "')");
            return result;
        }
        if (integer<int>(j.at("version"), "version") != kFormatVersion) {
            result.problems.push_back("save format version " + shown(j.at("version")) +
                                      " is not supported (this build reads version " +
                                      std::to_string(kFormatVersion) + ")");
            return result;
        }
        const json& saved = j.at("scenario");
        const auto id = saved.at("id").get<std::string>();
        if (id != scenario->meta.id) {
            result.problems.push_back("the save is for scenario " + quotedValue(id) + ", not '" +
                                      scenario->meta.id + "'");
            return result;
        }
        const int savedVersion = integer<int>(saved.at("version"), "the scenario version");
        const bool changed = saved.at("fingerprint").get<std::string>() != scenario->fingerprint;
        if (changed)
            result.notes.push_back("the scenario has changed since this save (version " +
                                   std::to_string(savedVersion) + ", now " +
                                   std::to_string(scenario->meta.version) + "); restored by node ids");
        options.seed = integer<std::uint64_t>(j.at("seed"), "seed");
        std::vector<TranscriptEntry> transcript;
        for (const auto& entry : j.at("transcript"))
            transcript.push_back(readEntry(entry));
        StateReader reader(*scenario, result.problems, result.notes);
        auto state = reader.read(j.at("state"), "current state", transcript.size());
        std::vector<SessionState> history;
        std::size_t n = 0;
        for (const auto& h : j.at("history")) {
            if (auto s = reader.read(h, "undo step " + std::to_string(++n), transcript.size()))
                history.push_back(std::move(*s));
        }
        if (!result.problems.empty() || !state)
            return result;
        if (!options.keepHistory)
            history.clear();
        result.session = Session::fromParts(std::move(scenario), std::move(options), std::move(*state),
                                            std::move(history), std::move(transcript), changed);
    } catch (const std::exception& e) {
        result.problems.push_back(std::string("the save is damaged: ") + e.what());
        result.session.reset();
    }
    return result;
}

std::string transcriptJson(const Session& session)
{
    const Scenario& scenario = session.scenario();
    json entries = json::array();
    for (const auto& entry : session.transcript())
        entries.push_back(entryJson(entry));
    json totals = json::object();
    for (const auto& t : session.totals())
        totals[t.principle] = t.amount;
    json out{{"scenario",
              {{"id", scenario.meta.id}, {"version", scenario.meta.version}, {"title", scenario.meta.title}}},
             {"seed", session.options().seed},
             {"finished", session.finished()},
             {"entries", entries},
             {"totals", totals}};
    if (const auto* end = std::get_if<EndEvent>(&session.current())) {
        out["outcome"] = std::string(toString(end->outcome));
        out["ending"] = end->nodeId;
    }
    // Invalid UTF-8 in what the trainee typed (pasted Latin-1) is saved as U+FFFD, not a crash,
    // and DEL or a C1 control as an escape, so the file can be shown on a terminal.
    return core::jsonControlsEscaped(out.dump(2, ' ', false, json::error_handler_t::replace)) + "\n";
}

} // namespace sparring::runtime
