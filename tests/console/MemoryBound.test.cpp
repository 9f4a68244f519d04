// Memory in proportion to the input (scenarios/README.md, Limits): the loader keeps a node per YAML
// item, so the item count is limited by the file's size, and the whole program is run under an
// address-space limit (prlimit, setrlimit underneath) set from that documented bound. Before the
// limit, a 2 MB file of a million one-digit items needed over 400 MB and died with std::bad_alloc
// under the limit these tests set.

#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

namespace sparring::test {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitised = true; // ASan reserves terabytes of address space: no limit can be set
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitised = true;
#else
constexpr bool kSanitised = false;
#endif
#else
constexpr bool kSanitised = false;
#endif

/// The documented bound: 100 times the file's size, plus the program itself (its libraries, ICU's
/// data, the framework), which takes under 100 MB of address space on a small file.
std::size_t addressSpaceFor(std::size_t fileBytes)
{
    return 100 * fileBytes + std::size_t{200} * 1024 * 1024;
}

/// A scenario file whose `variables` is one flow list of `count` copies of `item`.
std::filesystem::path flowListFile(const TempLibrary& library, const std::string& name,
                                   const std::string& item, std::size_t count)
{
    const auto file = library.root() / name;
    std::ofstream out(file);
    out << "scenario:\n  id: x\n  title: t\nvariables: [";
    for (std::size_t i = 0; i < count; ++i)
        out << (i ? "," : "") << item;
    out << "]\n";
    return file;
}

ShellResult lintUnderLimit(const std::filesystem::path& file)
{
    const auto limit = addressSpaceFor(std::filesystem::file_size(file));
    return runShell("prlimit --as=" + std::to_string(limit) + " -- " + std::string(SPARRING_BINARY) +
                    " lint '" + file.string() + "' 2>&1 </dev/null");
}

TEST(MemoryBound, AFileOfTinyItemsIsRefusedBeforeItIsParsed)
{
    if (kSanitised)
        GTEST_SKIP() << "an address-space limit cannot hold under AddressSanitizer";
    TempLibrary library;
    const auto file = flowListFile(library, "dense.yaml", "1", 1'000'000); // 2 MB, one item per 2 bytes
    const auto result = lintUnderLimit(file);
    EXPECT_EQ(result.exitCode, 1) << result.out;
    EXPECT_NE(result.out.find("dense.yaml:4:"), std::string::npos) << result.out;
    EXPECT_NE(
        result.out.find("too many items for the file's size: a file of 2000042 bytes may hold 254101 items"),
        std::string::npos)
        << result.out;
    EXPECT_EQ(result.out.find("internal error"), std::string::npos) << result.out;
}

TEST(MemoryBound, TheDensestFileAllowedLoadsWithinTheBound)
{
    if (kSanitised)
        GTEST_SKIP() << "an address-space limit cannot hold under AddressSanitizer";
    TempLibrary library;
    // Eight bytes an item, the most the limit allows: 2 MB in 250,000 items, parsed in full.
    const auto file = flowListFile(library, "dense-but-allowed.yaml", "abcdefg", 250'000);
    const auto result = lintUnderLimit(file);
    // The file is parsed and its content judged (variables must be a map): a located error, not a
    // refusal by size and not an allocation failure.
    EXPECT_EQ(result.exitCode, 1) << result.out;
    EXPECT_EQ(result.out.find("too many items"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("internal error"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("dense-but-allowed.yaml:4:"), std::string::npos) << result.out;
}

// A save's values take less memory than YAML's nodes (parsed whole, a 60 MB save of zeros took
// 1.1 GB, within the bound), but the same item rule keeps them in tighter proportion, and says why.
TEST(MemoryBound, ASaveOfTinyItemsIsRefusedBeforeItIsParsed)
{
    if (kSanitised)
        GTEST_SKIP() << "an address-space limit cannot hold under AddressSanitizer";
    TempLibrary library;
    const auto save = library.root() / "dense-save.json";
    {
        std::ofstream out(save);
        out << "{\"format\": \"sparring-session\", \"history\": [";
        for (int i = 0; i < 3'000'000; ++i)
            out << (i ? "," : "") << '0';
        out << "]}";
    }
    const auto scenario = sourceDir() / "scenarios/roleplay/new-hire-week-six.yaml";
    const auto limit = addressSpaceFor(std::filesystem::file_size(save));
    const auto result =
        runShell("prlimit --as=" + std::to_string(limit) + " -- " + std::string(SPARRING_BINARY) + " play '" +
                 scenario.string() + "' --resume '" + save.string() + "' 2>&1 </dev/null");
    EXPECT_EQ(result.exitCode, 1) << result.out;
    EXPECT_NE(result.out.find("the save is holding more items than a file of 6000044 bytes may (754101"),
              std::string::npos)
        << result.out;
    EXPECT_EQ(result.out.find("internal error"), std::string::npos) << result.out;
}

TEST(MemoryBound, TheShippedLibraryLintsWithinTheBoundOfItsLargestFile)
{
    if (kSanitised)
        GTEST_SKIP() << "an address-space limit cannot hold under AddressSanitizer";
    const auto takeover = sourceDir() / "scenarios/roleplay/takeover-late-stage.yaml";
    const auto result = lintUnderLimit(takeover);
    EXPECT_EQ(result.exitCode, 0) << result.out;
}

} // namespace
} // namespace sparring::test
