#pragma once
// Saves finished and abandoned sessions so that none is ever lost. The store is opened when the
// first session is kept (a missing or broken store never stops practice); when it cannot be
// written (a full disk, a read-only file, a store from a newer Sparring, a damaged file), the
// session goes to a fallback file named in the message, and every fallback file is added to the
// store the next time a keeper can write it, then removed. When even the fallback cannot be
// written, the session stays in memory and is tried again with the next one.

#include "progress/SessionRecord.hpp"
#include "progress/Store.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sparring::progress {

/// $XDG_DATA_HOME/sparring/unsaved (else ~/.local/share/sparring/unsaved): where sessions wait
/// when the store cannot be written.
[[nodiscard]] std::filesystem::path defaultFallbackFolder();

class SessionKeeper {
public:
    SessionKeeper(std::string storeLocation, std::filesystem::path fallbackFolder);

    /// What happened to a kept session, in words for the trainee.
    struct Report {
        bool stored = false; ///< in the store (else in a fallback file, or held in memory)
        std::string message; ///< "Saved to SQLite store ...", or why not and where it went
    };

    /// Keeps `session`, first trying again any session held in memory or in fallback files.
    Report keep(const SessionRecord& session);

    /// Adds the sessions waiting in fallback files to the store; one message per file handled
    /// or failed. Called by keep(); front ends may call it at start.
    std::vector<std::string> recoverWaiting();

    /// Sessions that could be written nowhere yet.
    [[nodiscard]] std::size_t heldInMemory() const { return m_held.size(); }
    /// Hands them over (the last resort of a program about to exit).
    [[nodiscard]] std::vector<SessionRecord> takeHeld() { return std::exchange(m_held, {}); }

    /// The store, opened on first use; null (with the reason in lastError) when it cannot be.
    Store* store();
    [[nodiscard]] const std::string& lastError() const { return m_lastError; }
    [[nodiscard]] const std::string& location() const { return m_location; }

private:
    /// Writes `session` to <fallback>/<id>.json atomically; the file's path, or "" with
    /// m_lastError set.
    std::filesystem::path writeFallback(const SessionRecord& session);

    std::string m_location;
    std::filesystem::path m_fallbackFolder;
    std::unique_ptr<Store> m_store;
    std::string m_lastError;
    std::vector<SessionRecord> m_held;
};

} // namespace sparring::progress
