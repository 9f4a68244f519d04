#include "progress/BackgroundKeeper.hpp"

#include "progress/RecordJson.hpp"

#include <iostream>

namespace sparring::progress {

BackgroundKeeper::BackgroundKeeper(std::string storeLocation, std::filesystem::path fallbackFolder)
    : m_keeper(std::move(storeLocation), std::move(fallbackFolder)), m_thread([this] { run(); })
{
}

BackgroundKeeper::~BackgroundKeeper()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    // Written nowhere, not even to a fallback file: the last place left is the terminal the
    // trainer was started from, so the practice can still be recovered by hand.
    for (const auto& session : m_keeper.takeHeld())
        std::cerr << "sparring: could not save this session anywhere (" << m_keeper.lastError()
                  << "); here it is as JSON:\n"
                  << toJsonText(session) << "\n";
}

void BackgroundKeeper::keep(SessionRecord session)
{
    {
        const std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(session));
    }
    m_wake.notify_one();
}

std::vector<SessionKeeper::Report> BackgroundKeeper::takeReports()
{
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_reports, {});
}

void BackgroundKeeper::loadHistory(std::string trainee)
{
    {
        const std::lock_guard lock(m_mutex);
        m_historyFor = trainee;
        m_historyWanted = std::move(trainee);
    }
    m_wake.notify_one();
}

std::optional<std::vector<SessionRecord>> BackgroundKeeper::takeHistory()
{
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_history, std::nullopt);
}

std::optional<std::vector<std::string>> BackgroundKeeper::takeTrainees()
{
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_trainees, std::nullopt);
}

void BackgroundKeeper::waitUntilIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && !m_historyWanted && !m_busy; });
}

void BackgroundKeeper::run()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty() || m_historyWanted; });
        if (!m_queue.empty()) {
            auto session = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
            lock.unlock();
            auto report = m_keeper.keep(session);
            lock.lock();
            m_reports.push_back(std::move(report));
            if (m_historyFor)
                m_historyWanted = m_historyFor; // the history may have changed
        } else if (m_historyWanted && !m_stopping) {
            const auto trainee = *std::exchange(m_historyWanted, std::nullopt);
            m_busy = true;
            lock.unlock();
            std::vector<SessionRecord> history;
            std::vector<std::string> trainees;
            if (auto* store = m_keeper.store()) {
                try {
                    trainees = store->trainees();
                    SessionQuery query;
                    query.trainee = trainee;
                    query.withDecisions = false; // the KPIs and the next drill need none
                    history = store->sessions(query);
                } catch (const StoreError&) {
                    // Unreadable now: the history shows as empty; keeping sessions says why.
                }
            }
            lock.lock();
            m_history = std::move(history);
            m_trainees = std::move(trainees);
        } else {
            return; // stopping, and every session handed over has been kept
        }
        m_busy = false;
        if (m_queue.empty() && !m_historyWanted)
            m_idle.notify_all();
    }
}

} // namespace sparring::progress
