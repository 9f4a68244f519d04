// The voice module: espeak-ng speaks in a character's declared voice; the measures that tell
// voices apart find a known pitch; every table of the shipped library (a scenario's cast, with
// the narrator who reads the manager's answers) sounds distinct voice from voice; audio files
// are written whole in each format and read back.

#include "TestSupport.hpp"
#include "core/Loader.hpp"
#include "voice/AudioFile.hpp"
#include "voice/Synthesizer.hpp"
#include "voice/VoiceMeasures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>
#include <tuple>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using voice::Audio;

/// A tone at `hz` with its first two harmonics, as a voiced sound is, for `seconds`.
Audio tone(double hz, double seconds)
{
    Audio audio;
    const auto count = static_cast<std::size_t>(seconds * audio.sampleRate);
    for (std::size_t i = 0; i < count; ++i) {
        const double t = static_cast<double>(i) / audio.sampleRate;
        const double x = 0.5 * std::sin(2 * std::numbers::pi * hz * t) +
                         0.25 * std::sin(4 * std::numbers::pi * hz * t) +
                         0.12 * std::sin(6 * std::numbers::pi * hz * t);
        audio.samples.push_back(static_cast<std::int16_t>(x * 20000));
    }
    return audio;
}

TEST(VoiceMeasures, FindTheFundamentalOfAVoicedTone)
{
    for (const double hz : {85.0, 120.0, 180.0, 260.0}) {
        const auto m = voice::measureVoice(tone(hz, 0.5));
        EXPECT_NEAR(m.pitchHz, hz, hz * 0.03) << hz;
        EXPECT_GT(m.centroidHz, hz) << "the harmonics lift the brightness above the fundamental";
    }
    EXPECT_EQ(voice::measureVoice(Audio{std::vector<std::int16_t>(11025, 0), 22050}).pitchHz, 0)
        << "silence has no pitch";
    EXPECT_NE(voice::soundAlike(voice::measureVoice(tone(120, 0.5)), voice::measureVoice(tone(122, 0.5))),
              "");
    EXPECT_EQ(voice::soundAlike(voice::measureVoice(tone(120, 0.5)), voice::measureVoice(tone(150, 0.5))),
              "");
}

TEST(Synthesizer, SpeaksInTheDeclaredVoice)
{
    const voice::Synthesizer synthesizer;
    const auto short_ = synthesizer.speak("Tell me more.", {"en-us+m3", 170, 50});
    const auto long_ = synthesizer.speak(
        "Tell me more about what the customer said when you asked about budget.", {"en-us+m3", 170, 50});
    EXPECT_EQ(short_.sampleRate, synthesizer.sampleRate());
    EXPECT_GT(short_.seconds(), 0.4);
    EXPECT_GT(long_.seconds(), 2 * short_.seconds());
    const auto slow = synthesizer.speak("Tell me more.", {"en-us+m3", 120, 50});
    EXPECT_GT(slow.seconds(), short_.seconds() * 1.2) << "the rate is applied";
    const auto high = voice::measureVoice(synthesizer.speak("Tell me more, please.", {"en-us+m3", 170, 85}));
    const auto low = voice::measureVoice(synthesizer.speak("Tell me more, please.", {"en-us+m3", 170, 15}));
    EXPECT_GT(high.pitchHz, low.pitchHz * 1.3) << "the pitch is applied";
    // A language with a variant, as `espeak-ng -v` takes it, is found by language.
    EXPECT_GT(synthesizer.speak("Hello.", {"en-gb+f2", 165, 40}).seconds(), 0.2);
    EXPECT_TRUE(synthesizer.speak("", {"en-us", 170, 50}).samples.empty());
    try {
        (void)synthesizer.speak("Hello.", {"xx-nowhere+q9", 170, 50});
        FAIL() << "spoke in a voice that does not exist";
    } catch (const voice::VoiceError& e) {
        EXPECT_NE(std::string(e.what()).find("xx-nowhere+q9"), std::string::npos) << e.what();
    }
}

TEST(Voices, EveryTableInTheLibrarySoundsDistinct)
{
    const voice::Synthesizer synthesizer;
    // The same sentence from every voice: what differs is the voice.
    const std::string sentence =
        "So what would you do differently the next time a deal like this one stalls?";
    std::map<std::tuple<std::string, int, int>, voice::VoiceMeasures> measured;
    const auto measure = [&](const core::Voice& v) {
        const auto key = std::make_tuple(v.name, v.rate, v.pitch);
        if (!measured.count(key))
            measured[key] = voice::measureVoice(synthesizer.speak(sentence, v));
        return measured[key];
    };
    std::size_t tables = 0;
    for (const auto& [id, file] : shippedScenarioFiles()) {
        const auto loaded = core::loadScenario(file);
        ASSERT_TRUE(loaded.scenario) << file;
        std::vector<std::pair<std::string, core::Voice>> table{{"the narrator", voice::kNarratorVoice}};
        for (const auto& c : loaded.scenario->cast)
            table.emplace_back(c.name, c.voice);
        ++tables;
        for (std::size_t i = 0; i < table.size(); ++i)
            for (std::size_t j = i + 1; j < table.size(); ++j)
                EXPECT_EQ(voice::soundAlike(measure(table[i].second), measure(table[j].second)), "")
                    << id << ": " << table[i].first << " and " << table[j].first << " sound alike";
    }
    EXPECT_GE(tables, 10U);
}

class AudioFiles : public ::testing::TestWithParam<const char*> {};

TEST_P(AudioFiles, AreWrittenWholeAndReadBack)
{
    TempLibrary scratch;
    const auto file = scratch.root() / (std::string("line") + GetParam());
    const auto written = voice::Synthesizer().speak("Walk me through the last call.", {"en-us+f2", 170, 50});
    ASSERT_EQ(voice::writeAudioFile(file, written), std::nullopt);
    const auto read = voice::readAudioFile(file);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->sampleRate, written.sampleRate);
    if (std::string(GetParam()) == ".ogg")
        EXPECT_NEAR(read->seconds(), written.seconds(), 0.01); // lossy, but as long
    else
        EXPECT_EQ(read->samples, written.samples); // lossless
    for (const auto& entry : fs::directory_iterator(scratch.root()))
        EXPECT_EQ(entry.path(), file) << "a temporary file was left behind";
}

INSTANTIATE_TEST_SUITE_P(Formats, AudioFiles, ::testing::Values(".wav", ".flac", ".ogg"));

TEST(AudioFile, WhatCannotBeWrittenSaysWhy)
{
    TempLibrary scratch;
    const Audio audio = tone(200, 0.1);
    EXPECT_NE(voice::writeAudioFile(scratch.root() / "line.mp3", audio), std::nullopt);
    EXPECT_NE(voice::writeAudioFile(scratch.root() / "no-such-folder" / "line.wav", audio), std::nullopt);
    EXPECT_NE(voice::writeAudioFile(scratch.root() / "empty.wav", Audio{}), std::nullopt);
    EXPECT_TRUE(fs::is_empty(scratch.root()));
}

} // namespace
} // namespace sparring::test
