// The trainer's settings file: read over the defaults, every problem located and never a throw,
// kept atomically, and a file that is not a settings file kept beside rather than overwritten.

#include "trainer/SettingsFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace sparring::test {
namespace {

using namespace trainer;
namespace fs = std::filesystem;

fs::path writeText(const TempLibrary& folder, const std::string& text)
{
    return folder.write("settings.yaml", text);
}

bool mentions(const std::vector<std::string>& problems, const std::string& words)
{
    for (const auto& p : problems)
        if (p.find(words) != std::string::npos)
            return true;
    return false;
}

TEST(SettingsFile, AMissingFileGivesTheDefaultsWithoutAProblem)
{
    TempLibrary folder;
    Settings defaults;
    defaults.textSpeed = 30;
    const auto loaded = readSettingsFile(folder.root() / "none.yaml", defaults);
    EXPECT_EQ(loaded.settings, defaults);
    EXPECT_TRUE(loaded.problems.empty());
    EXPECT_FALSE(loaded.unreadable);
}

TEST(SettingsFile, WhatIsWrittenReadsBackTheSame)
{
    Settings s;
    s.fontSize = 24;
    s.textSpeed = 0;
    s.highContrast = true;
    s.speech = true;
    s.speechVolume = 35;
    s.speechRate = 1.25f;
    s.speakMyAnswers = true;
    s.dyslexiaFont = true;
    s.reduceMotion = true;
    s.selfVoicing = true;
    TempLibrary folder;
    const auto loaded = readSettingsFile(writeText(folder, settingsText(s)), Settings{});
    EXPECT_TRUE(loaded.problems.empty()) << loaded.problems.front();
    EXPECT_EQ(loaded.settings, s);
}

TEST(SettingsFile, ValuesOutOfRangeAreBroughtIntoRange)
{
    TempLibrary folder;
    const auto loaded = readSettingsFile(
        writeText(folder, "text_size: 99\nspeech_volume: -5\nspeech_speed: 9\n"), Settings{});
    EXPECT_TRUE(loaded.problems.empty());
    EXPECT_EQ(loaded.settings.fontSize, kLargestFont);
    EXPECT_EQ(loaded.settings.speechVolume, 0);
    EXPECT_EQ(loaded.settings.speechRate, kFastestSpeech);
}

TEST(SettingsFile, AWrongValueOrAnUnknownKeyIsReportedWhereItIsAndTheRestIsRead)
{
    TempLibrary folder;
    const auto loaded = readSettingsFile(
        writeText(folder,
                  "text_size: big\nreduce_motion: true\nvolume: 3\nspeech: [1, 2]\ntext_speed: .nan\n"),
        Settings{});
    EXPECT_TRUE(mentions(loaded.problems, "settings.yaml:1:12: 'text_size' must be a number from 12 to 36"));
    EXPECT_TRUE(mentions(loaded.problems, "settings.yaml:3:1: unknown setting 'volume'"));
    EXPECT_TRUE(mentions(loaded.problems, "settings.yaml:4:9: 'speech' must be true or false"));
    EXPECT_TRUE(mentions(loaded.problems, "'text_speed' must be"));
    EXPECT_EQ(loaded.problems.size(), 4u);
    EXPECT_FALSE(loaded.unreadable);
    EXPECT_EQ(loaded.settings.fontSize, Settings{}.fontSize);
    EXPECT_EQ(loaded.settings.textSpeed, Settings{}.textSpeed);
    EXPECT_TRUE(loaded.settings.reduceMotion); // the good line is still read
}

TEST(SettingsFile, AFileThatIsNotSettingsIsReportedAndKeptBesideWhenSettingsAreSaved)
{
    for (const std::string& text : {std::string("text_size: [unclosed\n"), std::string("- a\n- list\n"),
                                    std::string("text_size: 20\n\xC3\x28\n"), std::string(70'000, '#')}) {
        TempLibrary folder;
        const auto file = writeText(folder, text);
        const auto loaded = readSettingsFile(file, Settings{});
        ASSERT_EQ(loaded.problems.size(), 1u);
        EXPECT_NE(loaded.problems[0].find(file.string() + ": "), std::string::npos) << loaded.problems[0];
        EXPECT_NE(loaded.problems[0].find("using the default settings"), std::string::npos);
        EXPECT_TRUE(loaded.unreadable);
        EXPECT_EQ(loaded.settings, Settings{});

        SettingsKeeper keeper(file, loaded);
        Settings changed;
        changed.highContrast = true;
        EXPECT_FALSE(keeper.save(changed).has_value());
        EXPECT_EQ(readFile(fs::path(file.string() + ".unreadable")), text) << "the old file is kept whole";
        EXPECT_EQ(readSettingsFile(file, Settings{}).settings, changed);
    }
}

TEST(SettingsFile, TheKeeperWritesOnlyWhatChangedAndSaysOnceWhyItCannot)
{
    TempLibrary folder;
    const auto file = folder.root() / "config" / "sparring" / "settings.yaml";
    SettingsKeeper keeper(file, readSettingsFile(file, Settings{}));
    EXPECT_FALSE(keeper.save(Settings{}).has_value());
    EXPECT_FALSE(fs::exists(file)) << "nothing changed: nothing written";
    Settings changed;
    changed.fontSize = 20;
    EXPECT_FALSE(keeper.save(changed).has_value());
    EXPECT_EQ(readSettingsFile(file, Settings{}).settings, changed);

    // A folder that cannot be made (a file stands where it would go): even root cannot write there.
    const auto blocked = folder.write("blocker", "a file, not a folder") / "settings.yaml";
    SettingsKeeper stuck(blocked, readSettingsFile(blocked, Settings{}));
    const auto problem = stuck.save(changed);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("settings not saved to " + blocked.string()), std::string::npos) << *problem;
    EXPECT_FALSE(stuck.save(changed).has_value()) << "said once, not retried every frame";
    EXPECT_EQ(readFile(folder.root() / "blocker"), "a file, not a folder");
}

TEST(SettingsFile, TheDefaultPlaceFollowsXdgConfigHomeAndIgnoresARelativeOne)
{
    const char* oldConfig = std::getenv("XDG_CONFIG_HOME");
    const std::string keptConfig = oldConfig ? oldConfig : "";
    ::setenv("XDG_CONFIG_HOME", "/somewhere/config", 1);
    EXPECT_EQ(defaultSettingsPath(), fs::path("/somewhere/config/sparring/settings.yaml"));
    ::setenv("XDG_CONFIG_HOME", "relative/config", 1);
    const char* home = std::getenv("HOME");
    if (home && *home) {
        EXPECT_EQ(defaultSettingsPath(), fs::path(home) / ".config/sparring/settings.yaml");
    }
    if (oldConfig)
        ::setenv("XDG_CONFIG_HOME", keptConfig.c_str(), 1);
    else
        ::unsetenv("XDG_CONFIG_HOME");
}

} // namespace
} // namespace sparring::test
