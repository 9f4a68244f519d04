// One debrief, drawn twice: the terminal player and the desktop trainer's model, given the same
// answers, show the same engine reports after every answer and the same debrief at the end, in
// practice and in assessment mode, on every shipped scenario's reviewed best and worst paths.

#include "TestSupport.hpp"
#include "console/TerminalPlayer.hpp"
#include "trainer/Trainer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

struct Case {
    std::string scenarioId;
    std::string path; ///< best or worst
    scoring::FeedbackMode mode;
};

void PrintTo(const Case& c, std::ostream* os)
{
    *os << c.scenarioId << " " << c.path
        << (c.mode == scoring::FeedbackMode::Practice ? " practice" : " assessment");
}

class SameReports : public ::testing::TestWithParam<Case> {};

TEST_P(SameReports, TerminalAndDesktopShowTheSameReportsAndDebrief)
{
    const auto& [id, path, mode] = GetParam();
    const auto answers = scriptAnswers(id, path);
    ASSERT_FALSE(answers.empty());

    // The desktop trainer's model.
    trainer::Settings settings;
    settings.textSpeed = 0;
    trainer::Trainer desktop(trainer::scanLibrary(sourceDir() / "scenarios"), modelDirectory(), settings);
    std::optional<std::size_t> entry;
    for (std::size_t i = 0; i < desktop.library().size(); ++i)
        if (desktop.library()[i].scenario && desktop.library()[i].scenario->meta.id == id)
            entry = i;
    ASSERT_TRUE(entry);
    desktop.openScenario(*entry);
    desktop.setMode(mode);
    desktop.start();
    for (const auto& answer : answers) {
        while (std::holds_alternative<runtime::LineEvent>(desktop.session()->current()))
            ASSERT_TRUE(desktop.press(trainer::TrainerKey::Space));
        if (std::holds_alternative<runtime::ChoiceEvent>(desktop.session()->current()))
            desktop.choose(std::stoul(answer));
        else
            desktop.respond(answer);
    }
    while (std::holds_alternative<runtime::LineEvent>(desktop.session()->current()))
        desktop.press(trainer::TrainerKey::Space);
    ASSERT_TRUE(desktop.session()->finished());
    desktop.showDebrief();

    // The terminal player, on the same scenario with the same answers.
    const auto scenario = desktop.session()->scenarioPtr();
    const auto [analyser, error] = scoring::makeAnalyser(scenario->framework, modelDirectory());
    ASSERT_TRUE(analyser) << error;
    runtime::SessionOptions options;
    options.analyser = analyser;
    runtime::Session session(scenario, options);
    std::string script;
    for (const auto& answer : answers)
        script += answer + "\n";
    std::istringstream in(script);
    std::ostringstream out;
    console::PlayOptions playOptions;
    playOptions.analyser = analyser;
    playOptions.feedbackEachTurn = mode == scoring::FeedbackMode::Practice;
    console::TerminalPlayer terminal(in, out, playOptions);
    ASSERT_EQ(terminal.play(session), console::PlayResult::Finished) << out.str();

    ASSERT_EQ(terminal.shownReports().size(), answers.size());
    EXPECT_EQ(terminal.shownReports(), desktop.shownReports());
    ASSERT_TRUE(terminal.shownDebrief());
    EXPECT_EQ(*terminal.shownDebrief(), desktop.debrief());
}

std::vector<Case> cases()
{
    std::vector<Case> out;
    for (const char* id : {"takeover-late-stage", "why-managers-dont-coach"})
        for (const char* path : {"best", "worst"})
            for (const auto mode : {scoring::FeedbackMode::Practice, scoring::FeedbackMode::Assessment})
                out.push_back({id, path, mode});
    return out;
}

INSTANTIATE_TEST_SUITE_P(Shipped, SameReports, ::testing::ValuesIn(cases()), [](const auto& param) {
    return testName(param.param.scenarioId + "_" + param.param.path +
                    (param.param.mode == scoring::FeedbackMode::Practice ? "_practice" : "_assessment"));
});

} // namespace
} // namespace sparring::test
