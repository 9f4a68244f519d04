#include "voice/Synthesizer.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>

namespace sparring::voice {

namespace {

/// espeak-ng's state is the process's: one lock for all of it, and its sample rate once known.
std::mutex& libraryLock()
{
    static std::mutex lock;
    return lock;
}

/// Collects the samples espeak-ng hands the callback into the Audio named in the call's user data.
int collect(short* wav, int count, espeak_EVENT* events)
{
    if (wav == nullptr || count <= 0 || events == nullptr || events->user_data == nullptr)
        return 0;
    auto& out = *static_cast<Audio*>(events->user_data);
    out.samples.insert(out.samples.end(), wav, wav + count);
    return 0; // go on
}

/// Selects a voice by espeak-ng's name ("en-us+m3": a voice, then a variant after '+'). A name
/// that is a language rather than a voice file ("en-gb", as `espeak-ng -v` accepts) is looked up
/// by language, keeping its variant.
bool selectVoice(const std::string& name)
{
    if (espeak_SetVoiceByName(name.c_str()) == EE_OK)
        return true;
    const auto plus = name.find('+');
    const std::string language = name.substr(0, plus);
    espeak_VOICE wanted{};
    wanted.languages = language.c_str();
    if (language.empty() || espeak_SetVoiceByProperties(&wanted) != EE_OK)
        return false;
    const espeak_VOICE* found = espeak_GetCurrentVoice();
    if (found == nullptr || found->identifier == nullptr)
        return false;
    if (plus == std::string::npos)
        return true;
    const std::string withVariant = std::string(found->identifier) + name.substr(plus);
    return espeak_SetVoiceByName(withVariant.c_str()) == EE_OK;
}

/// espeak-ng's pitch and rate ranges: a scenario's numbers outside them are clamped.
constexpr int kSlowest = 80;
constexpr int kFastest = 450;

} // namespace

const core::Voice& voiceOf(const core::Scenario& scenario, std::string_view speakerId)
{
    const auto at = speakerId.empty() ? std::nullopt : scenario.findCharacter(speakerId);
    return at ? scenario.cast[*at].voice : kNarratorVoice;
}

Synthesizer::Synthesizer()
{
    const std::lock_guard lock(libraryLock());
    static int rate = 0; // espeak_Initialize runs once per process; its answer is kept
    if (rate <= 0) {
        rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0)
            throw VoiceError(
                "espeak-ng could not start: is its data (Debian package espeak-ng-data) installed?");
        espeak_SetSynthCallback(collect);
    }
    m_sampleRate = static_cast<unsigned>(rate);
}

Audio Synthesizer::speak(std::string_view text, const core::Voice& voice) const
{
    Audio out;
    out.sampleRate = m_sampleRate;
    if (text.empty())
        return out;
    const std::string words(text); // espeak-ng wants a terminated string
    const std::lock_guard lock(libraryLock());
    if (!selectVoice(voice.name))
        throw VoiceError("espeak-ng has no voice '" + voice.name + "'");
    espeak_SetParameter(espeakRATE, std::clamp(voice.rate, kSlowest, kFastest), 0);
    espeak_SetParameter(espeakPITCH, std::clamp(voice.pitch, 0, 100), 0);
    const auto status =
        espeak_Synth(words.c_str(), words.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &out);
    if (status != EE_OK || espeak_Synchronize() != EE_OK)
        throw VoiceError("espeak-ng could not speak a line in voice '" + voice.name + "'");
    return out;
}

} // namespace sparring::voice
