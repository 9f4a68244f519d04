// `sparring list` and the library's shelves: the curriculum's tracks in order with each
// scenario's place, the scenarios in no track after them, what cannot be played listed apart;
// lint checks the curriculum against the scenarios beside it.

#include "TestSupport.hpp"
#include "console/Commands.hpp"
#include "console/Lint.hpp"
#include "core/Loader.hpp"
#include "trainer/Library.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace sparring::test {
namespace {

std::string scenarioText(const std::string& id, const std::string& title,
                         const std::string& kind = "roleplay")
{
    return "scenario: {id: " + id + ", title: \"" + title + "\", kind: " + kind +
           ", minutes: 7, difficulty: beginner, focus: [ask]}\n"
           "include: [../fw.yaml]\n"
           "cast:\n  - {id: sam, name: Sam}\n" +
           (kind == "panel" ? "  - {id: mo, name: Mo}\nmoderator: mo\n" : "") +
           "start: intro\n"
           "nodes:\n"
           "  intro: {type: line, speaker: sam, text: hi, next: done}\n"
           "  done: {type: end, outcome: good, debrief: x}\n";
}

/// A library of three playable role-plays and a broken one; the curriculum places two of the
/// playable ones and the broken one, in that order.
class ListedLibrary : public ::testing::Test {
protected:
    void SetUp() override
    {
        library.write("fw.yaml", kFramework);
        library.write("roleplay/alpha.yaml", scenarioText("alpha", "Alpha first"));
        library.write("roleplay/beta.yaml", scenarioText("beta", "Beta second"));
        library.write("roleplay/gamma.yaml", scenarioText("gamma", "Gamma alone"));
        library.write("roleplay/broken.yaml", "scenario: {id: broken, title: Broken, kind: nope}\n");
        library.write("curriculum.yaml", R"(curriculum:
  title: Test curriculum
  tracks:
    - {id: start, title: Start here, description: The basics., scenarios: [beta, broken, alpha]}
    - {id: empty, title: Nothing yet, scenarios: []}
)");
    }
    TempLibrary library;
};

TEST_F(ListedLibrary, ListsTracksInOrderWithPlacesThenTheRestThenWhatCannotBePlayed)
{
    console::ListCommand command;
    command.folder = library.root().string();
    std::ostringstream out, err;
    EXPECT_EQ(console::runList(command, out, err), console::ExitCode::Errors); // the broken file
    const std::string text = out.str();
    const auto at = [&](const std::string& needle) {
        const auto pos = text.find(needle);
        EXPECT_NE(pos, std::string::npos) << needle << "\n" << text;
        return pos;
    };
    EXPECT_LT(at("Test curriculum\n"), at("Start here\n"));
    // Beta is first on its track, alpha third: the broken scenario keeps the second place.
    EXPECT_LT(at("  1.  beta   Beta second  role-play  7 min  beginner  ask\n"),
              at("  3.  alpha  Alpha first  role-play  7 min  beginner  ask\n"));
    EXPECT_LT(at("  3.  alpha"), at("More scenarios\n"));
    EXPECT_LT(at("More scenarios\n"), at("   -  gamma  Gamma alone"));
    EXPECT_EQ(text.find("Nothing yet"), std::string::npos) << "a track with nothing to play is left out";
    EXPECT_LT(at("   -  gamma"), at("Cannot be played until fixed (sparring lint FILE says why):\n"));
    at("roleplay/broken.yaml: 4 errors\n");
    at("warning: the scenario 'gamma' (");
    at("\n3 scenarios on 2 tracks, 1 that cannot be played\n");
}

TEST_F(ListedLibrary, JsonHasTheSameTracksAndPlaces)
{
    console::ListCommand command;
    command.folder = library.root().string();
    command.format = "json";
    std::ostringstream out, err;
    EXPECT_EQ(console::runList(command, out, err), console::ExitCode::Errors);
    const auto doc = nlohmann::json::parse(out.str());
    EXPECT_EQ(doc.at("curriculum").at("title"), "Test curriculum");
    const auto& tracks = doc.at("tracks");
    ASSERT_EQ(tracks.size(), 2u);
    EXPECT_EQ(tracks[0].at("id"), "start");
    ASSERT_EQ(tracks[0].at("scenarios").size(), 2u);
    EXPECT_EQ(tracks[0].at("scenarios")[1].at("id"), "alpha");
    EXPECT_EQ(tracks[0].at("scenarios")[1].at("position"), 3);
    EXPECT_EQ(tracks[0].at("scenarios")[1].at("focus"), nlohmann::json::array({"ask"}));
    EXPECT_EQ(tracks[1].at("id"), "");
    EXPECT_EQ(tracks[1].at("title"), "More scenarios");
    EXPECT_EQ(doc.at("broken").size(), 1u);
    EXPECT_EQ(doc.at("problems")[0].at("code"), "SP0042");
}

TEST_F(ListedLibrary, AFilterKeepsEachScenarioItsPlaceInItsTrack)
{
    const auto entries = trainer::scanLibrary(library.root());
    const auto curriculum = trainer::readCurriculum(library.root(), entries);
    ASSERT_TRUE(curriculum.curriculum);
    trainer::LibraryFilter filter;
    filter.search = "alpha";
    const auto shelves = trainer::arrangeShelves(entries, &*curriculum.curriculum, filter);
    ASSERT_EQ(shelves.size(), 1u);
    EXPECT_EQ(shelves[0].title, "Start here");
    ASSERT_EQ(shelves[0].entries.size(), 1u);
    EXPECT_EQ(entries[shelves[0].entries[0]].scenario->meta.id, "alpha");
    EXPECT_EQ(shelves[0].positions[0], 3);
}

TEST_F(ListedLibrary, LintChecksTheCurriculumAgainstTheScenariosBesideIt)
{
    library.write("curriculum.yaml",
                  "curriculum:\n  tracks:\n    - {id: t, title: T, scenarios: [alpha, betta]}\n");
    const auto summary = console::lintPaths({library.root()}, {});
    const auto messages = formatted(summary.diagnostics);
    const auto has = [&](const std::string& needle) {
        return std::any_of(messages.begin(), messages.end(),
                           [&](const std::string& m) { return m.find(needle) != std::string::npos; });
    };
    EXPECT_TRUE(
        has("curriculum.yaml:3:44: error: track 't' names the scenario 'betta', which no scenario file "
            "in the library declares; did you mean 'beta'? [SP0040]"));
    EXPECT_TRUE(has("warning: the scenario 'gamma'"));
    EXPECT_TRUE(has("warning: the scenario 'broken'")); // broken, but still a scenario with a place to find
    std::ostringstream out;
    console::printLintHuman(out, summary);
    EXPECT_NE(out.str().find("(4 scenarios, 1 included file, the curriculum)"), std::string::npos)
        << out.str();
}

TEST(List, AFolderThatDoesNotExistIsAUsageError)
{
    console::ListCommand command;
    command.folder = "/nonexistent/sparring-library";
    std::ostringstream out, err;
    EXPECT_EQ(console::runList(command, out, err), console::ExitCode::Usage);
    EXPECT_NE(err.str().find("/nonexistent/sparring-library: no such folder"), std::string::npos)
        << err.str();
}

TEST(List, TheShippedLibraryListsEveryScenarioOnATrack)
{
    console::ListCommand command;
    command.folder = (sourceDir() / "scenarios").string();
    std::ostringstream out, err;
    EXPECT_EQ(console::runList(command, out, err), console::ExitCode::Done) << out.str();
    EXPECT_EQ(out.str().find("More scenarios"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find(std::to_string(shippedScenarioFiles().size()) + " scenarios on "),
              std::string::npos)
        << out.str();
}

/// The library's bar (the scenario library issue): at least twelve role-plays and four panels,
/// every principle of the default framework the focus of at least four scenarios, each
/// role-play's rep with a portrait and a voice of their own, honest minutes for a manager short
/// of time, and the team's common language that is not always the same one.
TEST(Library, TheShippedLibraryIsACurriculumAManagerCanWorkThrough)
{
    std::size_t roleplays = 0;
    std::size_t panels = 0;
    std::map<std::string, std::size_t> focusCount;
    std::map<std::string, std::string> portraitOwner;
    std::map<std::string, std::string> voiceOwner;
    std::map<std::string, std::size_t> languages;
    for (const auto& [id, file] : shippedScenarioFiles()) {
        const auto scenario = loadShipped(id);
        ASSERT_TRUE(scenario) << id;
        for (const auto p : scenario->meta.focus)
            ++focusCount[scenario->framework.principles[p].id];
        ++languages[scenario->framework.languageName];
        if (scenario->meta.kind == core::ScenarioKind::Panel) {
            ++panels;
            continue;
        }
        ++roleplays;
        EXPECT_GE(scenario->meta.minutes, 5) << id;
        EXPECT_LE(scenario->meta.minutes, 15) << id;
        ASSERT_FALSE(scenario->cast.empty()) << id;
        const auto& rep = scenario->cast.front();
        EXPECT_EQ(rep.portrait.expressions.size(), 4u) << id;
        const auto [p, newPortrait] = portraitOwner.emplace(rep.portrait.image, id);
        EXPECT_TRUE(newPortrait) << id << " shares " << rep.portrait.image << " with " << p->second;
        const auto voice =
            rep.voice.name + " " + std::to_string(rep.voice.rate) + " " + std::to_string(rep.voice.pitch);
        const auto [v, newVoice] = voiceOwner.emplace(voice, id);
        EXPECT_TRUE(newVoice) << id << " shares the voice " << voice << " with " << v->second;
    }
    EXPECT_GE(roleplays, 12u);
    EXPECT_GE(panels, 4u);
    const auto framework = core::loadFramework(sourceDir() / "scenarios" / "framework" / "default.yaml");
    ASSERT_TRUE(framework.framework);
    for (const auto& principle : framework.framework->principles)
        EXPECT_GE(focusCount[principle.id], 4u) << principle.id << " is the focus of too few scenarios";
    EXPECT_GE(languages["MEDDPICC"], 2u);
    EXPECT_GE(languages.size(), 2u)
        << "every scenario speaks MEDDPICC; at least one should run on another method";
}

} // namespace
} // namespace sparring::test
