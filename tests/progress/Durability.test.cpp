// Committed sessions survive, on both back ends: a writer killed with SIGKILL at random moments (while
// creating the store, mid-transaction, between sessions) never loses a session whose save returned and never
// leaves the store unreadable; two processes writing one store at once lose nothing.

#include "StoreBackends.hpp"
#include "TestSupport.hpp"
#include "progress/Store.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <string>

namespace sparring::test {
namespace {

/// A running sparring_store_writer whose standard output (the committed ids) is read back.
class Writer {
public:
    Writer(const std::string& store, int count, const std::string& trainee)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe");
        m_pid = ::fork();
        if (m_pid == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            const std::string n = std::to_string(count);
            ::execl(SPARRING_STORE_WRITER, SPARRING_STORE_WRITER, store.c_str(), n.c_str(), trainee.c_str(),
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(fds[1]);
        m_out = fds[0];
    }
    ~Writer()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        ::close(m_out);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    /// Reads what the writer printed for up to `ms` milliseconds (or until it closed its output).
    void readFor(int ms)
    {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (true) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                until - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return;
            pollfd p{m_out, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
                return;
            char buffer[4096];
            const auto n = ::read(m_out, buffer, sizeof buffer);
            if (n <= 0) {
                m_closed = true;
                return;
            }
            m_printed.append(buffer, static_cast<std::size_t>(n));
        }
    }
    /// Reads until the writer has printed its first committed id, for up to `ms` milliseconds; whether it
    /// had.
    bool readUntilFirstCommit(int ms)
    {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (m_printed.find('\n') == std::string::npos && !m_closed &&
               std::chrono::steady_clock::now() < until)
            readFor(20);
        return m_printed.find('\n') != std::string::npos;
    }
    /// SIGKILL, then whatever it had printed before dying.
    void kill()
    {
        ::kill(m_pid, SIGKILL);
        finish();
    }
    /// Waits for it to exit; its exit status.
    int finish()
    {
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        readFor(1000);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    /// The ids of the sessions whose save returned (complete lines only).
    [[nodiscard]] std::vector<std::string> committed() const
    {
        std::vector<std::string> out;
        std::size_t start = 0;
        for (auto end = m_printed.find('\n'); end != std::string::npos; end = m_printed.find('\n', start)) {
            out.push_back(m_printed.substr(start, end - start));
            start = end + 1;
        }
        return out;
    }

private:
    pid_t m_pid = -1;
    int m_out = -1;
    std::string m_printed;
    bool m_closed = false;
};

/// Every committed id is in the store, whole (8 decisions, 2 principles, its speech).
void expectWhole(const std::string& store, const std::vector<std::string>& committed)
{
    const auto sessions = progress::openStore(store)->sessions({});
    std::set<std::string> stored;
    for (const auto& s : sessions) {
        stored.insert(s.id);
        EXPECT_EQ(s.decisions.size(), 8U) << s.id;
        EXPECT_EQ(s.principles.size(), 2U) << s.id;
        EXPECT_TRUE(s.speech.has_value()) << s.id;
    }
    for (const auto& id : committed)
        EXPECT_TRUE(stored.count(id)) << "committed session " << id << " is missing";
}

using Durability = StoreBackendTest;

TEST_P(Durability, KillingTheWriterAtRandomMomentsNeverLosesACommittedSessionNorBreaksTheStore)
{
    const auto& store = scratch.location();
    std::mt19937 random(20261207);
    std::vector<std::string> committed;
    constexpr int kKills = 25;
    int killedMidway = 0;
    for (int round = 0; round < kKills; ++round) {
        Writer writer(store, 1000, "Ana");
        // Even rounds kill counting from the start, so some land while the store is created or opened; odd
        // rounds count from the first returned save, so a slow machine (a busy server taking long to connect)
        // still has kills among the saves rather than only before them.
        if (round % 2 == 1) {
            ASSERT_TRUE(writer.readUntilFirstCommit(60'000)) << "the writer saved nothing within a minute";
        }
        writer.readFor(std::uniform_int_distribution<int>(0, 60)(random));
        writer.kill();
        const auto now = writer.committed();
        killedMidway += now.size() < 1000 ? 1 : 0;
        committed.insert(committed.end(), now.begin(), now.end());
        // Opening an SQLite store runs its quick check: a damaged store would throw here.
        ASSERT_NO_THROW(expectWhole(store, committed)) << "after kill " << round;
    }
    EXPECT_EQ(killedMidway, kKills) << "the writer finished before it was killed: the test killed nothing";
    EXPECT_FALSE(committed.empty()) << "no save returned before a kill: the test checked nothing";
}

TEST_P(Durability, TwoProcessesWritingOneStoreLoseNothing)
{
    const auto& store = scratch.location();
    Writer ana(store, 60, "Ana");
    Writer ben(store, 60, "Ben");
    EXPECT_EQ(ana.finish(), 0);
    EXPECT_EQ(ben.finish(), 0);
    auto committed = ana.committed();
    const auto more = ben.committed();
    committed.insert(committed.end(), more.begin(), more.end());
    EXPECT_EQ(committed.size(), 120U);
    expectWhole(store, committed);
    EXPECT_EQ(progress::openStore(store)->sessions({}).size(), 120U);
    EXPECT_EQ(progress::openStore(store)->sessions({"Ben", std::nullopt, std::nullopt}).size(), 60U);
}

INSTANTIATE_TEST_SUITE_P(Backends, Durability, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);

} // namespace
} // namespace sparring::test
