// The curriculum file: read with located, coded diagnostics like any scenario file, and checked
// against the scenarios of its library (unknown ids, a scenario listed twice, one in no track).

#include "core/Curriculum.hpp"
#include "TestSupport.hpp"
#include "core/Loader.hpp"

#include <gtest/gtest.h>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

core::CurriculumLoad loadCurriculumText(const TempLibrary& library, const std::string& text)
{
    return core::loadCurriculum(library.write("curriculum.yaml", text));
}

TEST(Curriculum, TheShippedCurriculumLoadsAndPlacesEveryShippedScenarioOnce)
{
    const auto loaded = core::loadCurriculum(sourceDir() / "scenarios" / core::kCurriculumFileName);
    ASSERT_TRUE(loaded.curriculum) << formatted(loaded.diagnostics).front();
    std::map<std::string, fs::path> ids = shippedScenarioFiles();
    core::Diagnostics problems;
    core::checkAgainstLibrary(*loaded.curriculum, "curriculum.yaml", ids, problems);
    EXPECT_TRUE(problems.empty()) << formatted(problems).front();
    std::size_t placed = 0;
    for (const auto& track : loaded.curriculum->tracks)
        placed += track.scenarios.size();
    EXPECT_EQ(placed, ids.size());
}

TEST(Curriculum, ReadsTracksInOrderWithTheirScenarios)
{
    TempLibrary library;
    const auto loaded = loadCurriculumText(library, R"(curriculum:
  title: T
  tracks:
    - {id: first, title: First, scenarios: [b, a]}
    - id: second
      title: Second
      description: More.
      scenarios: c
)");
    ASSERT_TRUE(loaded.curriculum);
    const auto& tracks = loaded.curriculum->tracks;
    ASSERT_EQ(tracks.size(), 2u);
    EXPECT_EQ(tracks[0].id, "first");
    ASSERT_EQ(tracks[0].scenarios.size(), 2u);
    EXPECT_EQ(tracks[0].scenarios[0].scenarioId, "b");
    EXPECT_EQ(tracks[0].scenarios[0].where.line, 4);
    EXPECT_EQ(tracks[1].description, "More.");
    ASSERT_EQ(tracks[1].scenarios.size(), 1u); // a single id is a list of one, as elsewhere
    EXPECT_EQ(tracks[1].scenarios[0].scenarioId, "c");
}

TEST(Curriculum, WrongKeysTypesAndIdsAreLocatedAndCoded)
{
    TempLibrary library;
    const auto loaded = loadCurriculumText(library, R"(curriculum:
  tracks:
    - {id: first, titel: First, scenarios: [a]}
    - {id: "bad id", title: Bad, scenarios: [b]}
    - {id: first, title: Again, scenarios: [c]}
    - {id: maps, title: Maps, scenarios: [{x: 1}]}
extra: 1
)");
    EXPECT_FALSE(loaded.curriculum);
    const auto messages = formatted(loaded.diagnostics);
    const auto has = [&](const std::string& needle) {
        return std::any_of(messages.begin(), messages.end(),
                           [&](const std::string& m) { return m.find(needle) != std::string::npos; });
    };
    EXPECT_TRUE(
        has("curriculum.yaml:3:19: error: unknown key 'titel' in a track; did you mean 'title'? [SP0010]"))
        << messages.front();
    EXPECT_TRUE(has("curriculum.yaml:3:7: error: a track is missing the required key 'title' [SP0012]"));
    EXPECT_TRUE(has("curriculum.yaml:4:12: error: track id 'bad id' must be letters, digits, '_' and '-', "
                    "starting with a letter [SP0013]"));
    EXPECT_TRUE(has("curriculum.yaml:5:7: error: track 'first' is defined twice (first on line 3) [SP0030]"));
    EXPECT_TRUE(has("curriculum.yaml:6:43: error: a scenario id must be text, but it is a map [SP0011]"));
    EXPECT_TRUE(has("curriculum.yaml:7:1: error: unknown key 'extra' in a curriculum file (expected "
                    "curriculum) [SP0010]"));
}

TEST(Curriculum, IsCheckedAgainstTheScenariosOfItsLibrary)
{
    TempLibrary library;
    const auto loaded = loadCurriculumText(library, R"(curriculum:
  tracks:
    - {id: one, title: One, scenarios: [takeover-late-stag, panel]}
    - {id: two, title: Two, scenarios: [panel]}
)");
    ASSERT_TRUE(loaded.curriculum);
    const std::map<std::string, fs::path> ids{
        {"takeover-late-stage", "roleplay/t.yaml"}, {"panel", "panel/p.yaml"}, {"lonely", "roleplay/l.yaml"}};
    core::Diagnostics problems;
    core::checkAgainstLibrary(*loaded.curriculum, "scenarios/curriculum.yaml", ids, problems);
    const auto messages = formatted(problems);
    ASSERT_EQ(messages.size(), 4u);
    EXPECT_NE(
        messages[0].find("curriculum.yaml:3:41: error: track 'one' names the scenario 'takeover-late-stag', "
                         "which no scenario file in the library declares; did you mean "
                         "'takeover-late-stage'? [SP0040]"),
        std::string::npos)
        << messages[0];
    EXPECT_NE(
        messages[1].find("curriculum.yaml:4:41: error: the scenario 'panel' is already listed on line 3"),
        std::string::npos)
        << messages[1];
    EXPECT_NE(
        messages[2].find("scenarios/curriculum.yaml:1:1: warning: the scenario 'lonely' (roleplay/l.yaml) is "
                         "in no track"),
        std::string::npos)
        << messages[2];
    EXPECT_NE(messages[3].find("the scenario 'takeover-late-stage' (roleplay/t.yaml) is in no track"),
              std::string::npos)
        << messages[3];
}

TEST(Curriculum, LintTakesTheFileForTheCurriculumAndTheDeclaredIdIsReadWithoutLoading)
{
    TempLibrary library;
    const auto file = library.write("curriculum.yaml", "curriculum:\n  tracks: []\n");
    EXPECT_TRUE(core::isCurriculumFile(file));
    const auto report = core::lintFile(file);
    EXPECT_EQ(report.role, core::FileRole::Curriculum);
    EXPECT_TRUE(report.curriculum);
    // A scenario with errors still declares its id, so it keeps its place in a track.
    const auto broken =
        library.write("roleplay/broken.yaml", "scenario: {id: broken-one, title: T, kind: nope}\n");
    EXPECT_EQ(core::declaredScenarioId(broken), "broken-one");
    EXPECT_FALSE(core::isCurriculumFile(broken));
    EXPECT_EQ(core::declaredScenarioId(file), std::nullopt);
}

} // namespace
} // namespace sparring::test
