#pragma once
// A SessionKeeper on its own thread, for the desktop trainer: keeping a session (opening the
// store, a transaction synced to disk, perhaps a fallback file) never runs on the frame thread,
// so the window never stutters for it. Destroying the keeper waits for the sessions handed to it
// to be kept: closing the trainer right after a session still saves it.

#include "progress/SessionKeeper.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sparring::progress {

class BackgroundKeeper {
public:
    BackgroundKeeper(std::string storeLocation, std::filesystem::path fallbackFolder);
    ~BackgroundKeeper();
    BackgroundKeeper(const BackgroundKeeper&) = delete;
    BackgroundKeeper& operator=(const BackgroundKeeper&) = delete;

    /// Queues `session` to be kept; returns at once.
    void keep(SessionRecord session);
    /// What the thread reported since the last call, oldest first.
    [[nodiscard]] std::vector<SessionKeeper::Report> takeReports();
    /// Asks for `trainee`'s stored sessions, read on the thread; asked again by itself after
    /// every session it keeps for them.
    void loadHistory(std::string trainee);
    /// The newest history read since the last call, if any (empty when the store cannot be read).
    [[nodiscard]] std::optional<std::vector<SessionRecord>> takeHistory();
    /// Every trainee in the store, read with each history (for the trainer's picker).
    [[nodiscard]] std::optional<std::vector<std::string>> takeTrainees();
    /// Blocks until every queued session and read has been handled (tests).
    void waitUntilIdle();

private:
    void run();

    SessionKeeper m_keeper; ///< used by the thread only
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<SessionRecord> m_queue;
    std::vector<SessionKeeper::Report> m_reports;
    std::optional<std::string> m_historyWanted; ///< a trainee whose history is to be read
    /// The trainee loadHistory last asked for: after a session is kept, theirs is read again
    /// (not the kept session's trainee, who may be the one the trainer just switched from).
    std::optional<std::string> m_historyFor;
    std::optional<std::vector<SessionRecord>> m_history;
    std::optional<std::vector<std::string>> m_trainees;
    bool m_busy = false;
    bool m_stopping = false;
    std::thread m_thread; ///< last: starts once everything it uses exists
};

} // namespace sparring::progress
