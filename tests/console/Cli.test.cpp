// The `sparring` executable's numeric options: each is range-checked by its type and its sense,
// and a value outside is refused with a message naming the option (exit 2), never wrapped or
// clamped. Run through the binary, since the checks live in its command line.

#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sparring::test {
namespace {

const std::string kScenario =
    "'" + (sourceDir() / "scenarios/roleplay/takeover-late-stage.yaml").string() + "'";

TEST(Cli, ASeedOfMinusOneOrBeyondSixtyFourBitsIsRefusedNamingTheOption)
{
    for (const std::string seed : {"-1", "18446744073709551616", "99999999999999999999999", "1.5", "x"}) {
        const auto r = runSparring("play --seed '" + seed + "' " + kScenario);
        EXPECT_EQ(r.exitCode, 2) << seed << "\n" << r.out;
        EXPECT_NE(r.out.find("--seed"), std::string::npos) << r.out;
    }
    const auto negative = runSparring("play --seed=-1 " + kScenario);
    EXPECT_NE(negative.out.find("--seed: '-1' is outside 0 to 18446744073709551615"), std::string::npos)
        << negative.out;
    // The largest seed is a seed: the play starts (and ends with the input, exit 3).
    EXPECT_EQ(runSparring("play --seed 18446744073709551615 " + kScenario).exitCode, 3);
}

TEST(Cli, EveryOtherNumericOptionIsRangeChecked)
{
    const std::vector<std::string> refused = {
        "analyze --max-states=-1 " + kScenario,
        "analyze --max-states 0 " + kScenario,
        "graph --analysis --max-states=-5 " + kScenario,
        "generate --units=-1",
        "generate --units 120001",
        "generate --seed=-1",
        "train --corpus x --epochs=-1",
        "train --corpus x --epochs 0",
        "train --corpus x --lr nan",
        "train --corpus x --lr=-0.5",
        "train --corpus x --dim 0",
        "train --corpus x --word-ngrams 99",
        "train --corpus x --char-ngrams=-1",
        "gui --width=-1",
        "gui --height 99999999999",
        "gui --text-speed nan",
    };
    for (const auto& command : refused) {
        const auto r = runSparring(command);
        EXPECT_EQ(r.exitCode, 2) << command << "\n" << r.out;
        const auto name = command.substr(command.rfind(" --") + 1);
        EXPECT_NE(r.out.find(name.substr(0, name.find_first_of(" =")) + ":"), std::string::npos)
            << command << "\n"
            << r.out;
    }
    EXPECT_EQ(runSparring("generate --units 3 --seed 18446744073709551615").exitCode, 0);
}

} // namespace
} // namespace sparring::test
