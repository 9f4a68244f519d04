// A full disk and a read-only disk, for real: the store and its fallback folder on a 1 MiB file
// system of the test's own (a tmpfs mounted in a private mount namespace of a child process, so
// nothing outside the child ever sees it). Saving fails with a message that says why and names
// the store; the session is held in memory when even the fallback file cannot be written;
// nothing committed is lost or damaged; and once there is room again (or the disk is writable
// again), every held session reaches the store.

#include "SampleRecords.hpp"
#include "TestSupport.hpp"
#include "progress/SessionKeeper.hpp"
#include "progress/Store.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

/// The child's exit status when it could not make the small file system (no privilege to).
constexpr int kUnavailable = 77;

bool writeText(const char* path, const std::string& text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return ok;
}

/// Mounts a 1 MiB tmpfs on `folder`, in a mount namespace of this process alone (as root; as
/// another user, inside a user namespace where it is root). "" or why it could not.
std::string mountSmallDisk(const fs::path& folder)
{
    const auto uid = ::getuid();
    const auto gid = ::getgid();
    if (::geteuid() != 0) {
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return std::string("unshare(user, mount): ") + std::strerror(errno);
        if (!writeText("/proc/self/setgroups", "deny") ||
            !writeText("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
            !writeText("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1"))
            return "cannot map the user namespace's ids";
    } else if (::unshare(CLONE_NEWNS) != 0) {
        return std::string("unshare(mount): ") + std::strerror(errno);
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return std::string("making mounts private: ") + std::strerror(errno);
    if (::mount("sparring-test", folder.c_str(), "tmpfs", 0, "size=1m") != 0)
        return std::string("mount tmpfs: ") + std::strerror(errno);
    return "";
}

/// Fills what is left of the disk holding `file` (its last write fails with ENOSPC).
void fillTheDisk(const fs::path& file)
{
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const std::string block(4096, 'x');
    while (fd >= 0 && ::write(fd, block.data(), block.size()) > 0) {
    }
    ::close(fd);
}

/// What the child checks, in order; the first problem found, or "".
std::string checkFullDisk(const fs::path& disk)
{
    const auto store = (disk / "progress.sqlite").string();
    progress::SessionKeeper keeper(store, disk / "unsaved");
    std::set<std::string> kept; // every session handed to the keeper
    std::set<std::string> committed;
    std::string refusal;
    // Room set aside now, given back at the end: the store itself fills the rest.
    {
        std::ofstream ballast(disk / "ballast", std::ios::binary);
        ballast << std::string(384 * 1024, 'b');
        if (!ballast.flush())
            return "cannot write the ballast file";
    }
    // Save until the disk refuses: a session of 40 decisions is several pages of the store.
    for (int i = 0; i < 400 && refusal.empty(); ++i) {
        const auto record = sampleRecord("Ana", i, 40);
        kept.insert(record.id);
        const auto report = keeper.keep(record);
        if (report.stored)
            committed.insert(record.id);
        else
            refusal = report.message;
    }
    if (refusal.empty())
        return "400 sessions fitted on a 1 MiB disk: the disk never filled";
    if (committed.empty())
        return "not one session was saved before the disk filled: " + refusal;
    if (refusal.find("full") == std::string::npos || refusal.find(store) == std::string::npos)
        return "the message does not say the disk is full, naming the store: " + refusal;
    // Leave no room even for a fallback file: the next session can only be held in memory.
    fillTheDisk(disk / "filler");
    const auto held = sampleRecord("Ana", 1000, 40);
    kept.insert(held.id);
    const auto report = keeper.keep(held);
    if (report.stored || keeper.heldInMemory() == 0)
        return "a session was reported kept on a full disk: " + report.message;
    if (report.message.find("kept in memory") == std::string::npos)
        return "the message does not say the session is held in memory: " + report.message;
    // Nothing committed is lost or damaged.
    try {
        std::set<std::string> stored;
        for (const auto& s : progress::openStore(store, progress::Access::ReadOnly)->sessions({}))
            if (s.decisions.size() == 40)
                stored.insert(s.id);
        for (const auto& id : committed)
            if (stored.count(id) == 0)
                return "committed session " + id + " is missing after the disk filled";
    } catch (const progress::StoreError& e) {
        return std::string("the store cannot be read after the disk filled: ") + e.what();
    }
    // Room again: the next keep saves the held sessions and any fallback file, then its own.
    fs::remove(disk / "filler");
    fs::remove(disk / "ballast");
    const auto after = sampleRecord("Ana", 2000, 1);
    kept.insert(after.id);
    const auto saved = keeper.keep(after);
    if (!saved.stored || keeper.heldInMemory() != 0)
        return "with room again the sessions were not saved: " + saved.message;
    std::set<std::string> all;
    for (const auto& s : progress::openStore(store)->sessions({}))
        all.insert(s.id);
    if (all != kept)
        return std::to_string(kept.size()) + " sessions kept, " + std::to_string(all.size()) +
               " in the store";
    if (fs::exists(disk / "unsaved") && !fs::is_empty(disk / "unsaved"))
        return "a fallback file is left after its session reached the store";
    return "";
}

/// What a read-only disk does: the store cannot be written, nor the fallback; the session is held
/// in memory with a message that says so; what was stored reads back; writable again, it is saved.
std::string checkReadOnlyDisk(const fs::path& disk)
{
    const auto store = (disk / "progress.sqlite").string();
    const auto first = sampleRecord("Ana", 1, 4);
    {
        // An earlier run saved a session; it has ended, so nothing holds the disk open.
        progress::SessionKeeper earlier(store, disk / "unsaved");
        if (!earlier.keep(first).stored)
            return "the first session was not saved on a writable disk";
    }
    if (::mount(nullptr, disk.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) != 0)
        return std::string("remount read-only: ") + std::strerror(errno);
    progress::SessionKeeper keeper(store, disk / "unsaved");
    const auto second = sampleRecord("Ana", 2, 4);
    const auto report = keeper.keep(second);
    if (report.stored || keeper.heldInMemory() != 1)
        return "a session was reported kept on a read-only disk: " + report.message;
    if (report.message.find(store + ": its folder cannot be written (Read-only file system)") ==
        std::string::npos)
        return "the message does not say the store is read-only, naming it: " + report.message;
    try {
        const auto stored = progress::openStore(store, progress::Access::ReadOnly)->sessions({});
        if (stored.size() != 1 || stored[0] != first)
            return "the stored session does not read back whole from the read-only disk";
    } catch (const progress::StoreError& e) {
        return std::string("the store cannot be read on a read-only disk: ") + e.what();
    }
    if (::mount(nullptr, disk.c_str(), nullptr, MS_REMOUNT, nullptr) != 0)
        return std::string("remount writable: ") + std::strerror(errno);
    const auto third = sampleRecord("Ana", 3, 4);
    const auto saved = keeper.keep(third);
    if (!saved.stored || keeper.heldInMemory() != 0)
        return "writable again, the held session was not saved: " + saved.message;
    if (progress::openStore(store)->sessions({}).size() != 3)
        return "not every session reached the store once it was writable again";
    return "";
}

/// Runs `check` on a small disk of its own in a child process; "" or what went wrong. Skips the
/// test when this machine does not let a process mount one.
void onSmallDisk(const std::function<std::string(const fs::path&)>& check)
{
    TempLibrary scratch;
    const auto disk = scratch.root() / "small-disk";
    fs::create_directories(disk);
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(fds[0]);
        auto problem = mountSmallDisk(disk);
        const bool mounted = problem.empty();
        if (mounted)
            problem = check(disk);
        (void)!::write(fds[1], problem.data(), problem.size());
        ::_exit(problem.empty() ? 0 : (mounted ? 1 : kUnavailable));
    }
    ::close(fds[1]);
    std::string said;
    char buffer[4096];
    for (ssize_t n = 0; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        said.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status)) << "the child died: " << said;
    if (WEXITSTATUS(status) == kUnavailable)
        GTEST_SKIP() << "cannot mount a small file system here: " << said;
    EXPECT_EQ(WEXITSTATUS(status), 0) << said;
    EXPECT_EQ(said, "");
}

TEST(FullDisk, TheSessionIsHeldWithAClearMessageAndSavedOnceThereIsRoom)
{
    onSmallDisk(checkFullDisk);
}

TEST(ReadOnlyDisk, TheSessionIsHeldWithAClearMessageAndSavedOnceItIsWritable)
{
    // As root a read-only file is still written, so the disk itself is made read-only.
    onSmallDisk(checkReadOnlyDisk);
}

} // namespace
} // namespace sparring::test
