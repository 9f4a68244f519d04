#pragma once
// Practice as xAPI 1.0.3 statements, so results can go into any LMS or learning record store:
// one statement per decision ("responded", the answer and its evidence) and one per session
// ("completed" when it reached an ending, "terminated" when it was left), with the principles'
// scores as result extensions. Statement ids are derived from the session id and the decision's
// turn, so exporting a session twice gives the same ids and a record store keeps it once.
//
// The activity and extension IRIs are under a base the organisation chooses (--iri-base); the
// default, https://sparring.example, is a reserved documentation domain that says "not set".

#include "progress/SessionRecord.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sparring::console {

struct XapiOptions {
    std::string iriBase = "https://sparring.example"; ///< no trailing slash
    /// The trainee's account home page (xAPI's Agent account): the system that knows them.
    std::string accountHomePage = "https://sparring.example/trainees";
};

/// The statements of one session, decisions first, each one line of JSON.
[[nodiscard]] std::vector<std::string> xapiStatements(const progress::SessionRecord& session,
                                                      const XapiOptions& options);

/// Appends `lines` (each followed by a newline) to the queue file in one write, under an
/// exclusive lock and synced to disk: a reader or another exporter never sees half a batch.
/// Returns why it failed, or nothing.
[[nodiscard]] std::optional<std::string> appendToQueue(const std::filesystem::path& queue,
                                                       const std::vector<std::string>& lines);

} // namespace sparring::console
