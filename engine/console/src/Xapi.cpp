#include "console/Xapi.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace sparring::console {

namespace {

using nlohmann::json;

/// FNV-1a, 64 bits, from `seed`: two of them give the 128 bits of a statement id.
std::uint64_t fnv1a(const std::string& text, std::uint64_t seed)
{
    std::uint64_t hash = seed;
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

/// A UUID in the form xAPI requires (version 4 layout), the same every time for the same
/// session and part, so a record store that already holds a statement keeps one copy.
std::string statementId(const std::string& sessionId, const std::string& part)
{
    const std::string key = sessionId + "/" + part;
    std::uint64_t high = fnv1a(key, 0xcbf29ce484222325ULL);
    std::uint64_t low = fnv1a(key, 0x84222325cbf29ce4ULL);
    high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL; // version 4
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;   // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                  static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return text;
}

/// ISO 8601 duration, as xAPI takes it ("PT12M34S").
std::string duration(progress::Millis millis)
{
    const auto total = millis / 1000;
    const auto hours = total / 3600;
    const auto minutes = (total % 3600) / 60;
    const auto seconds = total % 60;
    std::string out = "PT";
    if (hours > 0)
        out += std::to_string(hours) + "H";
    if (hours > 0 || minutes > 0)
        out += std::to_string(minutes) + "M";
    return out + std::to_string(seconds) + "S";
}

json verb(const std::string& name)
{
    return {{"id", "http://adlnet.gov/expapi/verbs/" + name}, {"display", {{"en-US", name}}}};
}

std::string dump(const json& j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace

std::vector<std::string> xapiStatements(const progress::SessionRecord& s, const XapiOptions& options)
{
    const json actor{{"objectType", "Agent"},
                     {"name", s.trainee},
                     {"account", {{"homePage", options.accountHomePage}, {"name", s.trainee}}}};
    const std::string scenarioIri = options.iriBase + "/scenarios/" + s.scenarioId;
    const json scenario{{"objectType", "Activity"},
                        {"id", scenarioIri},
                        {"definition",
                         {{"name", {{"en-US", s.scenarioTitle}}},
                          {"type", "http://adlnet.gov/expapi/activities/simulation"}}}};
    const json context{{"contextActivities", {{"parent", json::array({{{"id", scenarioIri}}})}}},
                       {"platform", "Sparring"},
                       {"registration", statementId(s.id, "registration")},
                       {"extensions",
                        {{options.iriBase + "/xapi/scenario-version", s.scenarioVersion},
                         {options.iriBase + "/xapi/fingerprint", s.fingerprint},
                         {options.iriBase + "/xapi/mode", s.mode},
                         {options.iriBase + "/xapi/front-end", s.frontEnd}}}};

    std::vector<std::string> out;
    for (const auto& d : s.decisions) {
        json principles = json::object();
        for (const auto& e : d.authored)
            principles[e.principle] = principles.value(e.principle, 0) + e.amount;
        json extensions{{options.iriBase + "/xapi/principles", principles}};
        if (!d.act.empty()) {
            extensions[options.iriBase + "/xapi/act"] = d.act;
            extensions[options.iriBase + "/xapi/act-confidence"] = d.confidence;
            extensions[options.iriBase + "/xapi/tags"] = d.tags;
        }
        json result{{"response", d.text}, {"score", {{"raw", d.yourTotal}}}, {"extensions", extensions}};
        if (d.expertTotal)
            result["success"] = d.yourTotal >= *d.expertTotal; // as strong as the expert's answer here
        const json statement{{"id", statementId(s.id, "decision/" + std::to_string(d.turn))},
                             {"actor", actor},
                             {"verb", verb("responded")},
                             {"object",
                              {{"objectType", "Activity"},
                               {"id", scenarioIri + "/nodes/" + d.nodeId},
                               {"definition",
                                {{"name", {{"en-US", s.scenarioTitle + ": " + d.nodeId}}},
                                 {"type", "http://adlnet.gov/expapi/activities/cmi.interaction"},
                                 {"interactionType", d.typed ? "long-fill-in" : "choice"}}}}},
                             {"result", result},
                             {"context", context},
                             {"timestamp", progress::isoTime(s.ended)}};
        out.push_back(dump(statement));
    }

    json principles = json::object();
    double total = 0;
    for (const auto& p : s.principles) {
        principles[p.principle] = p.score;
        total += p.score;
    }
    json result{{"completion", s.finished},
                {"duration", duration(std::max<progress::Millis>(0, s.ended - s.started))},
                {"score", {{"raw", total}}},
                {"extensions",
                 {{options.iriBase + "/xapi/principles", principles},
                  {options.iriBase + "/xapi/outcome", s.finished ? s.outcome : "abandoned"}}}};
    if (s.finished)
        result["success"] = s.outcome == "good";
    const json session{{"id", statementId(s.id, "session")},
                       {"actor", actor},
                       {"verb", verb(s.finished ? "completed" : "terminated")},
                       {"object", scenario},
                       {"result", result},
                       {"context", context},
                       {"timestamp", progress::isoTime(s.ended)}};
    out.push_back(dump(session));
    return out;
}

std::optional<std::string> appendToQueue(const std::filesystem::path& queue,
                                         const std::vector<std::string>& lines)
{
    std::string batch;
    for (const auto& line : lines)
        batch += line + "\n";
    const int fd = ::open(queue.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return std::string(std::strerror(errno));
    const auto fail = [fd](int error) {
        ::close(fd);
        return std::optional<std::string>(std::strerror(error));
    };
    if (::flock(fd, LOCK_EX) != 0)
        return fail(errno);
    const auto start = ::lseek(fd, 0, SEEK_END);
    std::size_t written = 0;
    while (written < batch.size()) {
        const auto n = ::write(fd, batch.data() + written, batch.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            // Half a batch is worse than none: cut the file back to where it was.
            if (start >= 0 && ::ftruncate(fd, start) != 0) {
                // The file keeps a partial last line; a reader skips a line that is not JSON.
            }
            return fail(error);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
        return fail(errno);
    ::close(fd); // closing releases the lock
    return std::nullopt;
}

} // namespace sparring::console
