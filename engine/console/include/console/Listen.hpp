#pragma once
// `sparring listen`: a whole session as one audio file with captions, so a panel can be heard
// like a podcast on the way to work. The session is played along a script of answers or, by
// default, along the expert's path (at a choice the option whose authored evidence adds up
// highest, at a free-text prompt the scenario's model answer). What is heard, in order: every
// line in its speaker's declared voice, the manager's answer in the narrator's voice, each
// panel expert's reaction in theirs, and the ending's title; a short pause between speakers.
// The captions are WebVTT, one cue per speaker turn, named with <v Speaker>.

#include "core/Scenario.hpp"
#include "scoring/Analyser.hpp"
#include "voice/Audio.hpp"
#include "voice/Synthesizer.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sparring::console {

inline constexpr const char* kManagerSpeaker = "You";
inline constexpr const char* kNarratorSpeaker = "Narrator";
/// The silence between two speakers, in seconds.
inline constexpr double kPauseSeconds = 0.6;

/// One speaker's turn to be heard.
struct Cue {
    std::string speaker; ///< the name shown in the captions
    std::string text;
    core::Voice voice;
    bool operator==(const Cue&) const = default;
};

struct CueTiming {
    Cue cue;
    double start = 0; ///< seconds from the start of the audio
    double end = 0;
};

struct Episode {
    voice::Audio audio;
    std::vector<CueTiming> cues;
};

/// What is heard of a session of `scenario` played with `seed` along `answers` (one per decision,
/// as `play --script` takes them) or, when there are none, the expert's path. The problem, when
/// the answers do not fit the scenario (a choice's number out of range, answers running out).
struct CueList {
    std::vector<Cue> cues;
    std::optional<std::string> problem;
};
[[nodiscard]] CueList sessionCues(const std::shared_ptr<const core::Scenario>& scenario, std::uint64_t seed,
                                  const std::optional<std::vector<std::string>>& answers,
                                  const std::shared_ptr<const scoring::Analyser>& analyser);

/// Speaks every cue, one after another with kPauseSeconds between them (and after the last).
/// A line the synthesiser cannot speak throws voice::VoiceError naming the speaker.
[[nodiscard]] Episode renderEpisode(const std::vector<Cue>& cues, const voice::Synthesizer& synthesizer);

/// The captions as a WebVTT file.
[[nodiscard]] std::string webVtt(const std::vector<CueTiming>& cues);

} // namespace sparring::console
