#include "progress/SessionKeeper.hpp"

#include "progress/RecordJson.hpp"

#include "core/Files.hpp"
#include "core/Limits.hpp"

#include <algorithm>
#include <cstdlib>

namespace sparring::progress {

std::filesystem::path defaultFallbackFolder()
{
    if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && data[0] == '/')
        return std::filesystem::path(data) / "sparring" / "unsaved";
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0')
        return std::filesystem::path(home) / ".local/share/sparring/unsaved";
    return std::filesystem::temp_directory_path() / "sparring-unsaved";
}

SessionKeeper::SessionKeeper(std::string storeLocation, std::filesystem::path fallbackFolder)
    : m_location(std::move(storeLocation)), m_fallbackFolder(std::move(fallbackFolder))
{
}

Store* SessionKeeper::store()
{
    if (m_store)
        return m_store.get();
    try {
        m_store = openStore(m_location);
        m_lastError.clear();
    } catch (const StoreError& e) {
        m_lastError = e.what();
    }
    return m_store.get();
}

std::filesystem::path SessionKeeper::writeFallback(const SessionRecord& session)
{
    std::error_code ec;
    std::filesystem::create_directories(m_fallbackFolder, ec);
    if (ec) {
        m_lastError = m_fallbackFolder.string() + ": " + ec.message();
        return {};
    }
    auto file = m_fallbackFolder / (session.id + ".json");
    // core's one way to write: a temporary file, flushed to disk, renamed over the target.
    if (const auto error = core::writeOutputFile(file, toJsonText(session) + "\n")) {
        m_lastError = file.string() + ": " + *error;
        return {};
    }
    return file;
}

std::vector<std::string> SessionKeeper::recoverWaiting()
{
    std::vector<std::string> messages;
    std::error_code ec;
    if (!std::filesystem::is_directory(m_fallbackFolder, ec))
        return messages;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(m_fallbackFolder, ec))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty() || store() == nullptr)
        return messages;
    for (const auto& file : files) {
        try {
            const auto read = core::readInputFile(file, core::limits::maxSaveBytes);
            if (!read.text)
                throw StoreError(file.string() + ": " + read.reason);
            const auto session = recordFromJsonText(*read.text, file.string());
            m_store->save(session);
            std::filesystem::remove(file, ec);
            messages.push_back("Added the session kept in " + file.string() + " to the " +
                               m_store->describe());
        } catch (const StoreError& e) {
            // A damaged fallback file stays where it is, for a person to look at.
            messages.push_back(std::string("Could not add a waiting session: ") + e.what());
        }
    }
    return messages;
}

SessionKeeper::Report SessionKeeper::keep(const SessionRecord& session)
{
    std::vector<SessionRecord> pending = std::move(m_held);
    m_held.clear();
    pending.push_back(session);
    Report report;
    if (store() != nullptr) {
        (void)recoverWaiting();
        std::vector<SessionRecord> failed;
        for (auto& one : pending) {
            try {
                m_store->save(one);
            } catch (const StoreError& e) {
                m_lastError = e.what();
                failed.push_back(std::move(one));
            }
        }
        if (failed.empty())
            return {true, "Saved to the " + m_store->describe()};
        pending = std::move(failed);
        // A store that failed a write may recover (space freed): open it afresh next time.
        m_store.reset();
    }
    const std::string why = m_lastError;
    std::filesystem::path where;
    for (const auto& one : pending) {
        const auto file = writeFallback(one);
        if (file.empty())
            m_held.push_back(one);
        else if (one.id == session.id)
            where = file;
    }
    if (!where.empty())
        report.message = "Could not save to the store (" + why + "). The session is kept in " +
                         where.string() + " and will be added to the store the next time it can be written.";
    else
        report.message = "Could not save the session (" + why + "; fallback: " + m_lastError +
                         "). It is kept in memory and will be saved with the next one.";
    return report;
}

} // namespace sparring::progress
