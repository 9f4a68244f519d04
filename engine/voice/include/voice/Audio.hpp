#pragma once
// Sound as plain values: 16-bit mono samples at a sample rate, built by the synthesiser and
// joined into longer pieces (a line, a whole panel). No device and no file format here.

#include <cstdint>
#include <vector>

namespace sparring::voice {

struct Audio {
    std::vector<std::int16_t> samples; ///< mono
    unsigned sampleRate = 22050;       ///< samples per second (espeak-ng's rate)

    [[nodiscard]] double seconds() const
    {
        return sampleRate == 0 ? 0 : static_cast<double>(samples.size()) / sampleRate;
    }
    /// Appends `other`, which must have the same sample rate.
    void append(const Audio& other)
    {
        samples.insert(samples.end(), other.samples.begin(), other.samples.end());
    }
    void appendSilence(double secondsOfSilence)
    {
        samples.insert(samples.end(), static_cast<std::size_t>(secondsOfSilence * sampleRate),
                       std::int16_t{0});
    }
    bool operator==(const Audio&) const = default;
};

} // namespace sparring::voice
