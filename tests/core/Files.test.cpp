// The one way input files are read and output files written (core/Files.hpp): regular files only,
// refused at once when endless or blocking (a device, a pipe) or over the limit; outputs through a
// unique temporary file created exclusively, never following a link planted beside the target,
// writing through a target that is a link, with the reason when they fail.

#include "core/Files.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using core::readInputFile;
using core::ReadProblem;
using core::writeOutputFile;

std::vector<std::string> namesIn(const fs::path& folder)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST(Files, AWriteReplacesTheFileAndLeavesNoTemporary)
{
    TempLibrary dir;
    const auto path = dir.root() / "save.json";
    ASSERT_EQ(writeOutputFile(path, "first"), std::nullopt);
    ASSERT_EQ(writeOutputFile(path, "second"), std::nullopt);
    EXPECT_EQ(readFile(path), "second");
    EXPECT_EQ(namesIn(dir.root()), (std::vector<std::string>{"save.json"}));
}

TEST(Files, ALinkPlantedBesideTheTargetIsNotFollowed)
{
    TempLibrary dir;
    const auto victim = dir.root() / "victim.txt";
    std::ofstream(victim) << "keep me";
    // Where a writer with a predictable temporary name would write first.
    for (const auto* name : {"save.json.tmp", ".save.json.tmp", "save.json~"})
        fs::create_symlink(victim, dir.root() / name);
    ASSERT_EQ(writeOutputFile(dir.root() / "save.json", "the save"), std::nullopt);
    EXPECT_EQ(readFile(victim), "keep me");
    EXPECT_EQ(readFile(dir.root() / "save.json"), "the save");
}

TEST(Files, ATargetThatIsALinkIsWrittenThroughAndStaysALink)
{
    TempLibrary dir;
    const auto real = dir.root() / "real.json";
    std::ofstream(real) << "old";
    const auto link = dir.root() / "link.json";
    fs::create_symlink(real, link);
    ASSERT_EQ(writeOutputFile(link, "new"), std::nullopt);
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(readFile(real), "new");
}

TEST(Files, AWriteThatCannotHappenSaysWhy)
{
    TempLibrary dir;
    const auto missing = writeOutputFile(dir.root() / "no" / "such" / "save.json", "x");
    ASSERT_TRUE(missing);
    EXPECT_NE(missing->find("its folder"), std::string::npos) << *missing;
    EXPECT_NE(missing->find("file not found"), std::string::npos) << *missing;
    EXPECT_EQ(writeOutputFile(dir.root(), "x"), "is a folder, not a file");
    EXPECT_EQ(core::outputProblem("/dev/null"), "is a device, not a file: it could be endless");
    EXPECT_EQ(core::outputProblem(dir.root() / "fine.json"), std::nullopt);
}

TEST(Files, OutputThatCannotBeWrittenWhereAskedIsKeptElsewhere)
{
    const auto kept = core::keepElsewhere("/no/such/folder/transcript.json", "the record");
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->filename().string().rfind("sparring-transcript.json-", 0), 0u) << *kept;
    EXPECT_EQ(readFile(*kept), "the record");
    fs::remove(*kept);
}

TEST(Files, EndlessAndBlockingInputsAreRefusedAtOnce)
{
    const auto zero = readInputFile("/dev/zero", 1024);
    EXPECT_FALSE(zero.text);
    EXPECT_EQ(zero.problem, ReadProblem::NotRegular);
    EXPECT_EQ(zero.reason, "is a device, not a file: it could be endless");

    TempLibrary dir;
    const auto fifo = dir.root() / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto piped = readInputFile(fifo, 1024); // no writer: a blocking open would wait forever
    EXPECT_EQ(piped.problem, ReadProblem::NotRegular);
    EXPECT_EQ(piped.reason, "is a pipe (FIFO), not a file: it could be endless or wait forever");

    const auto folder = readInputFile(dir.root(), 1024);
    EXPECT_EQ(folder.reason, "is a folder, not a file");
    const auto missing = readInputFile(dir.root() / "missing.json", 1024);
    EXPECT_EQ(missing.problem, ReadProblem::NotFound);
    EXPECT_EQ(missing.reason, "file not found");
}

TEST(Files, AFileOverItsLimitIsRefusedBeforeItIsRead)
{
    TempLibrary dir;
    const auto big = dir.root() / "big.json";
    std::ofstream(big).close();
    fs::resize_file(big, 1ull << 40); // a sparse terabyte: reading it would take hours
    const auto read = readInputFile(big, 1024);
    EXPECT_EQ(read.problem, ReadProblem::TooLarge);
    EXPECT_EQ(read.reason, "is 1099511627776 bytes, over the limit of 1024 bytes for this file");

    const auto small = dir.root() / "small.json";
    std::ofstream(small) << "{}";
    const auto fine = readInputFile(small, 2);
    ASSERT_TRUE(fine.text);
    EXPECT_EQ(*fine.text, "{}");
}

// A folder named on the command line (a library, a --root) is asked about before any walk: a
// loop of symbolic links and a path longer than PATH_MAX have their reasons, not an exception.
TEST(Files, AFolderThatCannotBeListedSaysWhy)
{
    TempLibrary dir;
    EXPECT_EQ(core::folderProblem(dir.root()), std::nullopt);
    const auto loop = dir.root() / "loop";
    fs::create_directory_symlink("loop", loop); // points at itself
    EXPECT_EQ(core::folderProblem(loop), "too many symbolic links on its path (a loop?)");
    std::string longPath = dir.root().string();
    while (longPath.size() <= 4096)
        longPath += "/" + std::string(200, 'd');
    EXPECT_EQ(core::folderProblem(longPath), "the path is too long");
    EXPECT_EQ(core::folderProblem(dir.root() / "missing"), "no such folder");
    EXPECT_EQ(core::folderProblem(dir.write("f.yaml", "x: 1\n")), "is a file, not a folder");
    EXPECT_EQ(core::folderProblem("/dev/null"), "is not a folder");
}

TEST(Files, AFolderThatMayNotBeListedSaysPermissionDenied)
{
    if (::geteuid() == 0)
        GTEST_SKIP() << "root lists any folder (tests/console/HostilePaths.test.cpp runs the command as "
                        "another user)";
    TempLibrary dir;
    const auto locked = dir.root() / "locked";
    fs::create_directory(locked);
    fs::permissions(locked, fs::perms::owner_exec); // may be entered, not listed
    EXPECT_EQ(core::folderProblem(locked), "cannot list it: permission denied");
    fs::permissions(locked, fs::perms::owner_all);
}

TEST(Files, AnUnreadableFileSaysPermissionDenied)
{
    if (::geteuid() == 0)
        GTEST_SKIP() << "root reads any file";
    TempLibrary dir;
    const auto locked = dir.root() / "locked.json";
    std::ofstream(locked) << "{}";
    fs::permissions(locked, fs::perms::none);
    EXPECT_EQ(readInputFile(locked, 1024).reason, "permission denied");
}

} // namespace
} // namespace sparring::test
