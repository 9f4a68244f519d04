// Library folders and --root given as a hostile user would: a loop of symbolic links, a path longer
// than PATH_MAX, a folder that may not be listed. lint, analyze, list and gui --library each say
// which path and why, and exit non-zero; none ends in an uncaught filesystem_error (exit 4,
// "internal error") or takes the folder for an empty library. Run through the `sparring` binary.

#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

const std::string kScenario = std::string(kFramework) + R"(scenario: {id: ok, title: T, kind: roleplay}
cast:
  - {id: sam, name: Sam}
start: a
nodes:
  a: {type: line, speaker: sam, text: Hi, next: z}
  z: {type: end, outcome: good, debrief: Done.}
)";

std::string quoted(const std::string& path)
{
    return "'" + path + "'";
}

/// Each command given `folder` as its library or root (`scenario` is a good scenario file).
std::vector<std::string> commandsWith(const std::string& folder, const fs::path& scenario)
{
    const auto file = quoted(scenario.string());
    return {"lint --root " + quoted(folder) + " " + file,
            "analyze --root " + quoted(folder) + " " + file,
            "lint " + quoted(folder),
            "analyze " + quoted(folder),
            "list " + quoted(folder),
            "gui --library " + quoted(folder)};
}

/// Runs `sparring arguments` (as `user` when one is named, through setpriv) with no display, so
/// that a gui that does not refuse its library says there is no display instead of opening.
ShellResult run(const std::string& arguments, const std::string& asUser = "")
{
    const std::string prefix = asUser.empty() ? "" : "setpriv " + asUser + " ";
    return runShell("env -u DISPLAY " + prefix + SPARRING_BINARY + " " + arguments + " 2>&1 </dev/null");
}

void expectRefused(const std::string& folder, const fs::path& scenario, const std::string& reason,
                   const std::string& asUser = "")
{
    for (const auto& command : commandsWith(folder, scenario)) {
        const auto r = run(command, asUser);
        EXPECT_TRUE(r.exitCode == 1 || r.exitCode == 2) << command << "\n" << r.out;
        EXPECT_EQ(r.out.find("internal error"), std::string::npos) << command << "\n" << r.out;
        EXPECT_NE(r.out.find(folder), std::string::npos) << "not located: " << command << "\n" << r.out;
        EXPECT_NE(r.out.find(reason), std::string::npos) << command << "\n" << r.out;
    }
}

TEST(HostilePaths, ALoopOfSymbolicLinksIsRefusedWithItsReason)
{
    TempLibrary library;
    const auto scenario = library.write("roleplay/ok.yaml", kScenario);
    const auto loop = library.root() / "loop";
    fs::create_directory_symlink("loop", loop); // points at itself
    expectRefused(loop.string(), scenario, "too many symbolic links on its path (a loop?)");
}

TEST(HostilePaths, APathLongerThanPathMaxIsRefusedWithItsReason)
{
    TempLibrary library;
    const auto scenario = library.write("roleplay/ok.yaml", kScenario);
    std::string longPath = library.root().string();
    while (longPath.size() <= 4096)
        longPath += "/" + std::string(200, 'd');
    expectRefused(longPath, scenario, "the path is too long");
}

TEST(HostilePaths, AFolderThatMayNotBeListedIsRefusedNotTakenForAnEmptyLibrary)
{
    // Root lists any folder: then the commands run as the unprivileged user 'nobody' (setpriv).
    std::string asUser;
    if (::geteuid() == 0) {
        if (runShell("setpriv --reuid=65534 --regid=65534 --clear-groups true").exitCode != 0)
            GTEST_SKIP() << "running as root, and cannot run a command as another user";
        asUser = "--reuid=65534 --regid=65534 --clear-groups";
    }
    TempLibrary library;
    const auto scenario = library.write("roleplay/ok.yaml", kScenario);
    const auto locked = library.root() / "locked";
    fs::create_directories(locked / "roleplay");
    fs::copy_file(scenario, locked / "roleplay/ok.yaml");
    // Readable by anyone up to it (TempLibrary's folders are), then neither listable nor enterable.
    for (auto dir = library.root(); dir != dir.root_path() && dir.has_relative_path();
         dir = dir.parent_path())
        if (dir.filename().string().rfind("sparring-test-", 0) == 0)
            fs::permissions(dir, fs::perms::all ^ fs::perms::group_write ^ fs::perms::others_write);
    fs::permissions(locked, fs::perms::none);
    expectRefused(locked.string(), scenario, "cannot list it: permission denied", asUser);
    fs::permissions(locked, fs::perms::owner_all);
}

} // namespace
} // namespace sparring::test
