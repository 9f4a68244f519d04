// The README is the product's front door: it starts with the two commands that set up and run
// the trainer and its tests on a fresh machine, and the files it links to exist. A commit once
// emptied it by mistake and every other check still passed; this one would not have.

#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace sparring::test {
namespace {

TEST(Readme, StartsWithTheTwoCommandsThatDoEverything)
{
    const auto readme = readFile(sourceDir() / "README.md");
    ASSERT_GT(readme.size(), 10'000U) << "README.md is missing or nearly empty";
    EXPECT_EQ(readme.rfind("# Sparring\n", 0), 0U);
    const auto fence = readme.find("```\n");
    ASSERT_NE(fence, std::string::npos);
    const auto end = readme.find("```", fence + 4);
    std::istringstream block(readme.substr(fence + 4, end - fence - 4));
    std::vector<std::string> commands;
    for (std::string line; std::getline(block, line);)
        commands.push_back(line.substr(0, line.find(' ')));
    EXPECT_EQ(commands, (std::vector<std::string>{"tools/run", "tools/test"}));
    for (const auto& command : commands) {
        const auto script = sourceDir() / command;
        ASSERT_TRUE(std::filesystem::is_regular_file(script)) << command;
        const auto permissions = std::filesystem::status(script).permissions();
        EXPECT_NE(permissions & std::filesystem::perms::owner_exec, std::filesystem::perms::none) << command;
    }
}

TEST(Readme, EveryFileItLinksToExists)
{
    const auto readme = readFile(sourceDir() / "README.md");
    // Markdown links and images to files of the repository: (path) or (path#anchor).
    const std::regex link(R"(\]\(([A-Za-z0-9_./-]+)(#[^)]*)?\))");
    std::size_t checked = 0;
    for (auto it = std::sregex_iterator(readme.begin(), readme.end(), link); it != std::sregex_iterator();
         ++it) {
        const std::string target = (*it)[1];
        if (target.starts_with("http"))
            continue;
        ++checked;
        EXPECT_TRUE(std::filesystem::exists(sourceDir() / target)) << "README.md links to " << target;
    }
    EXPECT_GE(checked, 4U) << "the screenshots and the authoring guide at least";
}

} // namespace
} // namespace sparring::test
