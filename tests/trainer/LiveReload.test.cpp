// Live reload for authors (`sparring gui --watch`, F5): a saved edit to the open scenario or an
// include is noticed within a second of the trainer's clock and reloaded; the conversation goes
// on where it was when its nodes still exist, with the line on screen in its new words; an edit
// that breaks the file shows its located diagnostics while the last good version plays on; a
// file that was broken when asked for opens once it is fixed; and F5 over the library (under the
// progress screen too) reads the whole library again.

#include "TestSupport.hpp"
#include "trainer/Trainer.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace sparring::test {
namespace {

using namespace trainer;

const char* const kFrameworkFile = R"(framework:
  id: test
  name: Test framework
  principles:
    - {id: ask, name: Ask before you tell, description: Ask first.}
    - {id: own, name: The rep owns the plan, description: Let the rep decide.}
)";

/// intro (line) -> middle (line) -> ask (choice) -> done
std::string scenarioText(const std::string& middleLine = "Here is the deal.", const std::string& extra = "")
{
    return R"(scenario: {id: live, title: Live, kind: roleplay}
include: [fw.yaml]
cast: [{id: rep, name: Rep}]
start: intro
nodes:
  intro: {type: line, speaker: rep, text: Hello., next: middle}
  middle: {type: line, speaker: rep, text: ")" +
           middleLine + R"(", next: ask}
  ask:
    type: choice
    options:
      - {text: "What do you think?", evidence: {ask: 1}, goto: done}
  done: {type: end, outcome: good, debrief: Done.}
)" + extra;
}

struct Authoring {
    TempLibrary library;
    std::filesystem::path file;
    Trainer trainer;
    Authoring() : file(write(scenarioText())), trainer(scanLibrary(library.root()), modelDirectory())
    {
        trainer.setWatching(true);
        EXPECT_TRUE(trainer.openFile(file));
        trainer.start();
        EXPECT_TRUE(trainer.advance()); // at 'middle'
    }
    std::filesystem::path write(const std::string& text)
    {
        library.write("fw.yaml", kFrameworkFile);
        return library.write("live.yaml", text);
    }
    [[nodiscard]] std::string atNode() const
    {
        const auto* line = std::get_if<runtime::LineEvent>(&trainer.session()->current());
        return line ? line->nodeId : "(not a line)";
    }
};

TEST(SourceWatch, SeesEachSaveOnceAndASaveDuringAReload)
{
    TempLibrary library;
    const auto file = library.write("a.yaml", "one\n");
    const auto other = library.root() / "b.yaml";
    SourceWatch watch;
    watch.watch({file, other}); // b.yaml does not exist yet
    EXPECT_FALSE(watch.changed());
    library.write("a.yaml", "two, longer\n");
    EXPECT_TRUE(watch.changed());
    EXPECT_FALSE(watch.changed()); // once
    library.write("b.yaml", "created\n");
    EXPECT_TRUE(watch.changed());
    std::filesystem::remove(other);
    EXPECT_TRUE(watch.changed()); // deleted
    // Saved while a reload was reading: following the same file again keeps the old baseline.
    library.write("a.yaml", "three, longer still\n");
    watch.watch({file});
    EXPECT_TRUE(watch.changed());
    watch.watch({});
    EXPECT_FALSE(watch.changed());
}

TEST(LiveReload, ASavedEditIsPlayedFromWhereTheConversationWasWithinASecond)
{
    Authoring a;
    ASSERT_EQ(a.atNode(), "middle");
    const auto before = a.trainer.messages().size();
    a.write(scenarioText("Here is the deal, and the CFO wants a call."));
    a.trainer.tick(0.1); // not looked at yet
    EXPECT_EQ(a.trainer.messages().back().text, "Here is the deal.");
    a.trainer.tick(kWatchInterval);
    EXPECT_EQ(a.trainer.notice(), "Reloaded live.yaml. You are where you were.");
    EXPECT_EQ(a.atNode(), "middle");
    EXPECT_EQ(a.trainer.messages().size(), before);
    EXPECT_EQ(a.trainer.messages().back().text, "Here is the deal, and the CFO wants a call.");
    EXPECT_TRUE(a.trainer.reloadProblems().empty());
    // The session plays the new version on.
    EXPECT_TRUE(a.trainer.advance());
    EXPECT_TRUE(std::holds_alternative<runtime::ChoiceEvent>(a.trainer.session()->current()));
}

TEST(LiveReload, TheOpeningLineShowsItsNewWordsAtTheGuisTextSpeed)
{
    TempLibrary library;
    library.write("fw.yaml", kFrameworkFile);
    const auto file = library.write("live.yaml", scenarioText());
    Settings instant;
    instant.textSpeed = 0;
    Trainer trainer(scanLibrary(library.root()), modelDirectory(), instant);
    trainer.setWatching(true);
    ASSERT_TRUE(trainer.openFile(file));
    trainer.start();
    trainer.tick(1.0 / 60);
    std::string edited = scenarioText();
    edited.replace(edited.find("text: Hello."), 12, "text: Hello. Sorry. I know you are slammed.");
    library.write("live.yaml", edited);
    trainer.tick(kWatchInterval);
    EXPECT_EQ(trainer.notice(), "Reloaded live.yaml. You are where you were.");
    ASSERT_EQ(trainer.messages().size(), 1u);
    EXPECT_EQ(trainer.messages()[0].text, "Hello. Sorry. I know you are slammed.");
}

TEST(LiveReload, AnEditToAnIncludeIsNoticedToo)
{
    Authoring a;
    a.library.write("fw.yaml", std::string(kFrameworkFile) + "  # a comment changes the file\n");
    a.trainer.tick(kWatchInterval);
    EXPECT_EQ(a.trainer.notice(), "Reloaded live.yaml. You are where you were.");
}

TEST(LiveReload, ABrokenEditShowsItsDiagnosticsAndTheLastGoodVersionPlaysOn)
{
    Authoring a;
    a.write(
        scenarioText("Here is the deal.", "  orphan: {type: line, speaker: rep, text: x, next: nowhere}\n"));
    a.trainer.tick(kWatchInterval);
    ASSERT_FALSE(a.trainer.reloadProblems().empty());
    const auto first = core::format(a.trainer.reloadProblems().items().front());
    EXPECT_NE(first.find("live.yaml:13:53:"), std::string::npos) << first;
    EXPECT_NE(first.find("unknown node 'nowhere'"), std::string::npos) << first;
    EXPECT_EQ(a.trainer.notice().rfind("Your edit to live.yaml does not load (1 error)", 0), 0u)
        << a.trainer.notice();
    EXPECT_EQ(a.atNode(), "middle");
    EXPECT_TRUE(a.trainer.advance()); // the last good version plays on

    a.write(scenarioText());
    a.trainer.tick(kWatchInterval);
    EXPECT_TRUE(a.trainer.reloadProblems().empty());
    EXPECT_EQ(a.trainer.notice(), "Reloaded live.yaml. You are where you were.");
}

TEST(LiveReload, AnEditThatRemovesWhereTheConversationStandsKeepsTheOldVersion)
{
    Authoring a;
    std::string edited = scenarioText();
    edited.replace(edited.find("next: middle"), 12, "next: ask");
    edited.erase(edited.find("  middle:"), edited.find("  ask:") - edited.find("  middle:"));
    a.write(edited);
    a.trainer.tick(kWatchInterval);
    EXPECT_NE(a.trainer.notice().find("This conversation cannot go on in it ("), std::string::npos)
        << a.trainer.notice();
    EXPECT_NE(a.trainer.notice().find("middle"), std::string::npos) << a.trainer.notice();
    EXPECT_EQ(a.atNode(), "middle"); // still playing the version it started with
    // A new start plays the edit.
    a.trainer.back();
    a.trainer.start();
    EXPECT_EQ(a.atNode(), "intro");
    EXPECT_TRUE(a.trainer.advance());
    EXPECT_TRUE(std::holds_alternative<runtime::ChoiceEvent>(a.trainer.session()->current()));
}

TEST(LiveReload, WithoutWatchingOnlyTheReloadKeyReloads)
{
    Authoring a;
    a.trainer.setWatching(false);
    a.write(scenarioText("Changed."));
    a.trainer.tick(5 * kWatchInterval);
    EXPECT_EQ(a.trainer.messages().back().text, "Here is the deal.");
    EXPECT_TRUE(a.trainer.press(TrainerKey::Reload));
    EXPECT_EQ(a.trainer.messages().back().text, "Changed.");
    EXPECT_EQ(a.atNode(), "middle");
}

TEST(LiveReload, AFileBrokenWhenAskedForOpensOnceFixed)
{
    TempLibrary library;
    library.write("fw.yaml", kFrameworkFile);
    std::string broken = scenarioText();
    broken.replace(broken.find("next: ask"), 9, "next: asc");
    const auto file = library.write("live.yaml", broken);
    Trainer trainer(scanLibrary(library.root()), modelDirectory());
    trainer.setWatching(true);
    EXPECT_FALSE(trainer.openFile(file));
    EXPECT_EQ(trainer.screen(), Screen::Library);
    ASSERT_EQ(trainer.brokenScenarios().size(), 1u); // listed with its diagnostics
    trainer.tick(kWatchInterval);
    EXPECT_EQ(trainer.screen(), Screen::Library);
    library.write("live.yaml", scenarioText());
    trainer.tick(kWatchInterval);
    EXPECT_EQ(trainer.screen(), Screen::Briefing);
    ASSERT_NE(trainer.selectedScenario(), nullptr);
    EXPECT_EQ(trainer.selectedScenario()->meta.id, "live");
}

TEST(LiveReload, F5OnTheProgressScreenOverTheLibraryReadsTheWholeLibraryAgain)
{
    TempLibrary library;
    TempLibrary history;
    library.write("fw.yaml", kFrameworkFile);
    library.write("live.yaml", scenarioText());
    Trainer trainer(scanLibrary(library.root()), modelDirectory());
    trainer.setLibraryFolder(library.root());
    trainer.recordPractice((history.root() / "progress.sqlite").string(), "Ana");
    ASSERT_TRUE(trainer.openProgress());
    const auto before = trainer.library().size();
    std::string another = scenarioText();
    another.replace(another.find("id: live, title: Live"), 21, "id: next, title: Next");
    library.write("next.yaml", another);
    EXPECT_TRUE(trainer.press(TrainerKey::Reload));
    EXPECT_EQ(trainer.library().size(), before + 1) << "as on the library screen under it";
    EXPECT_EQ(trainer.screen(), Screen::Progress);
}

TEST(LiveReload, AFileThatIsNotAScenarioIsRefusedWithTheReason)
{
    TempLibrary library;
    const auto file = library.write("fw.yaml", kFrameworkFile);
    Trainer trainer(scanLibrary(library.root()), modelDirectory());
    EXPECT_FALSE(trainer.openFile(file));
    EXPECT_EQ(trainer.notice(), file.string() + " is not a scenario: it has no 'scenario' section");
}

} // namespace
} // namespace sparring::test
