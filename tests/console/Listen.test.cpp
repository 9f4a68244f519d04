// `sparring listen`: the cues of a session along the expert's path or a script (every line in
// its speaker's voice, the manager's answers, the panel's reactions, the ending), the episode's
// timing (cues in order, a pause between speakers, each as long as its words need), the WebVTT
// captions, and the command writing an audio file whose length matches its captions.

#include "console/Listen.hpp"
#include "TestSupport.hpp"
#include "console/Commands.hpp"
#include "voice/AudioFile.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using console::Cue;

std::size_t words(const std::string& text)
{
    std::istringstream in(text);
    return static_cast<std::size_t>(std::distance(std::istream_iterator<std::string>(in), {}));
}

TEST(Listen, APanelAlongTheExpertsPathIsHeardWithEveryVoiceAndReaction)
{
    const auto scenario = loadShipped("coach-deal-or-skill");
    const auto cues = console::sessionCues(scenario, 1, std::nullopt, nullptr);
    ASSERT_FALSE(cues.problem) << *cues.problem;
    ASSERT_GT(cues.cues.size(), 10U);
    EXPECT_EQ(cues.cues.front().speaker, "Noor Haddad"); // the moderator frames the panel
    std::set<std::string> speakers;
    std::size_t answers = 0;
    for (const auto& cue : cues.cues) {
        speakers.insert(cue.speaker);
        answers += cue.speaker == console::kManagerSpeaker ? 1 : 0;
        EXPECT_EQ(cue.text.find('\n'), std::string::npos) << "a cue is one caption line";
        for (const auto& c : scenario->cast) {
            if (c.name == cue.speaker) {
                EXPECT_EQ(cue.voice, c.voice) << cue.speaker;
            }
        }
    }
    EXPECT_GE(answers, 3U);
    EXPECT_EQ(speakers.size(), scenario->cast.size() + 2)
        << "every expert and the moderator, the manager and the narrator";
    EXPECT_EQ(cues.cues.back().speaker, console::kNarratorSpeaker); // the ending's title
}

TEST(Listen, AScriptIsFollowedAndOneThatRunsOutIsAProblem)
{
    const auto scenario = loadShipped("coach-deal-or-skill");
    const auto full =
        console::sessionCues(scenario, 1, std::vector<std::string>{"2", "2", "2", "2", "2", "2"}, nullptr);
    const auto expert = console::sessionCues(scenario, 1, std::nullopt, nullptr);
    ASSERT_FALSE(full.problem) << *full.problem;
    EXPECT_NE(full.cues, expert.cues) << "the script's answers, not the expert's";
    const auto cut = console::sessionCues(scenario, 1, std::vector<std::string>{"1"}, nullptr);
    ASSERT_TRUE(cut.problem);
    EXPECT_NE(cut.problem->find("ran out"), std::string::npos) << *cut.problem;
    const auto wrong = console::sessionCues(scenario, 1, std::vector<std::string>{"9"}, nullptr);
    ASSERT_TRUE(wrong.problem);
    EXPECT_NE(wrong.problem->find("refused"), std::string::npos) << *wrong.problem;
}

TEST(Listen, TheEpisodeKeepsEachSpeakerInTimeAndTheCaptionsSayWho)
{
    const std::vector<Cue> cues{
        {"Noor Haddad", "Welcome to the panel. Two questions today.", {"en-gb+f2", 165, 40}},
        {console::kManagerSpeaker, "Both, with the deal as the material & <no> markup.",
         voice::kNarratorVoice},
        {"Marcus Bell", "Live deals: that is the coaching reps turn up for.", {"en-us+m3", 185, 68}}};
    const auto episode = console::renderEpisode(cues, voice::Synthesizer());
    ASSERT_EQ(episode.cues.size(), 3U);
    for (std::size_t i = 0; i < episode.cues.size(); ++i) {
        const auto& c = episode.cues[i];
        const double seconds = c.end - c.start;
        const double perSecond = static_cast<double>(words(c.cue.text)) / seconds;
        EXPECT_GT(perSecond, 1.2) << c.cue.text; // espeak-ng at 125-190 words a minute, with its pauses
        EXPECT_LT(perSecond, 4.0) << c.cue.text;
        if (i > 0) {
            EXPECT_NEAR(c.start - episode.cues[i - 1].end, console::kPauseSeconds, 0.001);
        }
    }
    EXPECT_NEAR(episode.audio.seconds(), episode.cues.back().end + console::kPauseSeconds, 0.001);
    const auto vtt = console::webVtt(episode.cues);
    EXPECT_EQ(vtt.rfind("WEBVTT\n", 0), 0U);
    EXPECT_NE(vtt.find("\n1\n00:00:00.000 --> "), std::string::npos) << vtt;
    EXPECT_NE(vtt.find("<v Noor Haddad>Welcome to the panel."), std::string::npos) << vtt;
    EXPECT_NE(vtt.find("<v You>Both, with the deal as the material &amp; &lt;no&gt; markup."),
              std::string::npos)
        << vtt;
}

/// The cue times of a WebVTT file, in seconds.
std::vector<std::pair<double, double>> cueTimes(const std::string& vtt)
{
    const std::regex line(R"((\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d))");
    std::vector<std::pair<double, double>> out;
    for (auto it = std::sregex_iterator(vtt.begin(), vtt.end(), line); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        const auto at = [&](int first) {
            return std::stod(m[first]) * 3600 + std::stod(m[first + 1]) * 60 + std::stod(m[first + 2]) +
                   std::stod(m[first + 3]) / 1000;
        };
        out.emplace_back(at(1), at(5));
    }
    return out;
}

TEST(Listen, TheCommandWritesAudioAsLongAsItsCaptions)
{
    TempLibrary scratch;
    console::ListenCommand command;
    command.scenario = (fs::path(SPARRING_SOURCE_DIR) / "scenarios/roleplay/defensive-rep.yaml").string();
    command.out = (scratch.root() / "defensive-rep.flac").string();
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(console::runListen(command, out, err, console::Installation{modelDirectory().parent_path()}),
              console::ExitCode::Done)
        << err.str();
    EXPECT_NE(out.str().find("Wrote " + command.out), std::string::npos) << out.str();
    const auto audio = voice::readAudioFile(command.out);
    ASSERT_TRUE(audio);
    const auto times = cueTimes(readFile(scratch.root() / "defensive-rep.vtt"));
    ASSERT_GT(times.size(), 5U);
    for (std::size_t i = 1; i < times.size(); ++i) {
        EXPECT_LT(times[i].first, times[i].second);
        EXPECT_NEAR(times[i].first - times[i - 1].second, console::kPauseSeconds, 0.002);
    }
    EXPECT_NEAR(audio->seconds(), times.back().second + console::kPauseSeconds, 0.01);
}

TEST(Listen, TheCommandRefusesWhatItCannotWriteBeforeSpeaking)
{
    TempLibrary scratch;
    console::ListenCommand command;
    command.scenario = (fs::path(SPARRING_SOURCE_DIR) / "scenarios/roleplay/defensive-rep.yaml").string();
    std::ostringstream out;
    std::ostringstream err;
    command.out = (scratch.root() / "episode.mp3").string();
    EXPECT_EQ(console::runListen(command, out, err, console::Installation{modelDirectory().parent_path()}),
              console::ExitCode::Usage);
    EXPECT_NE(err.str().find(".ogg, .wav or .flac"), std::string::npos) << err.str();
    command.out = (scratch.root() / "missing-folder" / "episode.ogg").string();
    EXPECT_EQ(console::runListen(command, out, err, console::Installation{modelDirectory().parent_path()}),
              console::ExitCode::Usage);
    EXPECT_TRUE(fs::is_empty(scratch.root()));
}

} // namespace
} // namespace sparring::test
