#pragma once
// What makes two voices sound different, measured on their audio: how high they speak (the
// median fundamental frequency of the voiced parts), how bright they sound (the spectral
// centroid) and how fast (seconds per word of the same sentence). Used to check that every voice
// at a table can be told from the others by ear.

#include "voice/Audio.hpp"

#include <string>

namespace sparring::voice {

struct VoiceMeasures {
    double pitchHz = 0;    ///< median fundamental frequency of voiced frames (0: none found)
    double centroidHz = 0; ///< mean spectral centroid of voiced frames
    double seconds = 0;    ///< the audio's length
};

[[nodiscard]] VoiceMeasures measureVoice(const Audio& audio);

/// The smallest differences a listener reliably hears between two speakers saying the same
/// sentence: 1.5 semitones of pitch, 15% of brightness, or 15% of pace. Two voices are
/// distinct when they differ by at least one of them.
inline constexpr double kDistinctSemitones = 1.5;
inline constexpr double kDistinctBrightness = 0.15;
inline constexpr double kDistinctPace = 0.15;

/// Why `a` and `b` sound alike ("" when they are distinct), with the numbers.
[[nodiscard]] std::string soundAlike(const VoiceMeasures& a, const VoiceMeasures& b);

} // namespace sparring::voice
