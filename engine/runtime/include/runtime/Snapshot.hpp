#pragma once
// Saving a session mid-conversation and restoring it, as JSON. A save names the scenario (id,
// version, fingerprint) and refers to nodes, variables and characters by id, so it can be
// restored against an edited scenario as long as what it refers to still exists; otherwise the
// restore says exactly what changed.

#include "runtime/Session.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::runtime {

/// The session as JSON text (format "sparring-session", version 1).
[[nodiscard]] std::string saveSession(const Session& session);

struct RestoreResult {
    std::optional<Session> session;
    std::vector<std::string> problems; ///< why it could not be restored (session is empty)
    std::vector<std::string> notes;    ///< restored, but worth telling (e.g. the scenario changed)
};

/// Restores a session saved by saveSession on `scenario`. `options.seed` is replaced by the
/// saved seed; the analyser and history setting are kept.
[[nodiscard]] RestoreResult restoreSession(std::shared_ptr<const core::Scenario> scenario,
                                           std::string_view json, SessionOptions options = {});

/// The transcript as JSON: scenario, outcome, entries and totals (for `play --transcript`).
[[nodiscard]] std::string transcriptJson(const Session& session);

} // namespace sparring::runtime
