#pragma once
// Speech from espeak-ng (Debian's libespeak-ng), synthesised in-process into a buffer: no
// audio device, no files, so a server renders a panel exactly as a laptop does. A character's
// declared voice (core::Voice: an espeak-ng voice name with its variant, words per minute and a
// pitch from 0 to 100) is applied to each line.
//
// espeak-ng keeps one global state per process, so every Synthesizer shares it behind one lock:
// synthesis from several threads is safe, one line at a time.

#include "core/Scenario.hpp"
#include "voice/Audio.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace sparring::voice {

class VoiceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Who reads what no character says (the manager's answers in `sparring listen`, an ending's
/// title): a voice that the voice tests keep distinct from every shipped cast's.
inline const core::Voice kNarratorVoice{"en-us", 125, 50};

/// The voice `speakerId` speaks in: their declared voice, or the narrator's for a line without a
/// speaker (or one the cast does not name). The trainer and `sparring listen` both ask here, so
/// a line sounds the same in both.
[[nodiscard]] const core::Voice& voiceOf(const core::Scenario& scenario, std::string_view speakerId);

class Synthesizer {
public:
    /// Initialises espeak-ng (once per process). Throws VoiceError when its data is missing.
    Synthesizer();

    /// `text` spoken in `voice`. A voice name espeak-ng does not know is a VoiceError naming it;
    /// empty text is empty audio. Throws VoiceError when synthesis fails.
    [[nodiscard]] Audio speak(std::string_view text, const core::Voice& voice) const;

    /// espeak-ng's sample rate (the rate of every Audio it returns).
    [[nodiscard]] unsigned sampleRate() const { return m_sampleRate; }

private:
    unsigned m_sampleRate = 0;
};

} // namespace sparring::voice
