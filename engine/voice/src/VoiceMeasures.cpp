#include "voice/VoiceMeasures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

namespace sparring::voice {

namespace {

constexpr double kFrameSeconds = 0.040;
constexpr double kHopSeconds = 0.010;
constexpr double kLowestPitch = 60;   // Hz: below any adult speaking voice
constexpr double kHighestPitch = 400; // Hz: above any
/// A frame is voiced when its autocorrelation peak in the pitch range is this strong.
constexpr double kVoicedCorrelation = 0.6;
/// How close to the strongest correlation a shorter period's peak must come to be the period.
constexpr double kOctaveTolerance = 0.9;

/// The fundamental frequency of a frame, or 0 when it is unvoiced or silent.
double framePitch(const std::vector<double>& frame, unsigned rate)
{
    double energy = 0;
    for (const double x : frame)
        energy += x * x;
    if (energy / static_cast<double>(frame.size()) < 1e-4)
        return 0; // silence
    const auto shortest = static_cast<std::size_t>(rate / kHighestPitch);
    const auto longest = std::min(frame.size() / 2, static_cast<std::size_t>(rate / kLowestPitch));
    std::vector<double> correlations(longest + 2, 0.0);
    double best = 0;
    for (std::size_t lag = shortest; lag <= longest; ++lag) {
        double sum = 0;
        double left = 0;
        double right = 0;
        for (std::size_t i = 0; i + lag < frame.size(); ++i) {
            sum += frame[i] * frame[i + lag];
            left += frame[i] * frame[i];
            right += frame[i + lag] * frame[i + lag];
        }
        correlations[lag] = sum / std::sqrt(left * right + 1e-12);
        best = std::max(best, correlations[lag]);
    }
    // The period is the first peak nearly as strong as the strongest: two or three periods
    // correlate as well as one, and taking them would halve the pitch (an octave error).
    std::size_t bestLag = 0;
    for (std::size_t lag = shortest; lag <= longest && bestLag == 0; ++lag)
        if (correlations[lag] >= kOctaveTolerance * best && correlations[lag] >= correlations[lag - 1] &&
            correlations[lag] >= correlations[lag + 1])
            bestLag = lag;
    return best >= kVoicedCorrelation && bestLag > 0
               ? static_cast<double>(rate) / static_cast<double>(bestLag)
               : 0;
}

/// The spectral centroid of frames of one length: a Hann-windowed DFT up to 5 kHz (where speech's
/// colour is), with the window and the sines computed once.
class Centroid {
public:
    Centroid(std::size_t length, unsigned rate)
        : m_length(length), m_binHz(static_cast<double>(rate) / static_cast<double>(length)),
          m_bins(std::min(length / 2, static_cast<std::size_t>(5000.0 / m_binHz))), m_window(length),
          m_cos(length), m_sin(length)
    {
        for (std::size_t i = 0; i < length; ++i) {
            const double turn = 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(length);
            m_window[i] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) /
                                               static_cast<double>(length - 1));
            m_cos[i] = std::cos(turn);
            m_sin[i] = std::sin(turn);
        }
    }
    [[nodiscard]] double of(const std::vector<double>& frame) const
    {
        double weighted = 0;
        double total = 0;
        for (std::size_t k = 1; k < m_bins; ++k) {
            double re = 0;
            double im = 0;
            for (std::size_t i = 0, at = 0; i < m_length; ++i, at = (at + k) % m_length) {
                const double x = frame[i] * m_window[i];
                re += x * m_cos[at];
                im -= x * m_sin[at];
            }
            const double magnitude = std::sqrt(re * re + im * im);
            weighted += magnitude * static_cast<double>(k) * m_binHz;
            total += magnitude;
        }
        return total > 0 ? weighted / total : 0;
    }

private:
    std::size_t m_length;
    double m_binHz;
    std::size_t m_bins;
    std::vector<double> m_window;
    std::vector<double> m_cos;
    std::vector<double> m_sin;
};

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

} // namespace

VoiceMeasures measureVoice(const Audio& audio)
{
    VoiceMeasures out;
    out.seconds = audio.seconds();
    const auto frameLength = static_cast<std::size_t>(kFrameSeconds * audio.sampleRate);
    const auto hop = static_cast<std::size_t>(kHopSeconds * audio.sampleRate);
    if (frameLength == 0 || hop == 0)
        return out;
    std::vector<double> pitches;
    double centroids = 0;
    const Centroid centroid(frameLength, audio.sampleRate);
    std::vector<double> frame(frameLength);
    for (std::size_t start = 0; start + frameLength <= audio.samples.size(); start += hop) {
        for (std::size_t i = 0; i < frameLength; ++i)
            frame[i] = audio.samples[start + i] / 32768.0;
        const double pitch = framePitch(frame, audio.sampleRate);
        if (pitch <= 0)
            continue;
        pitches.push_back(pitch);
        // The centroid of every fourth voiced frame: enough for a mean, a quarter of the work.
        if (pitches.size() % 4 == 1)
            centroids += centroid.of(frame);
    }
    out.pitchHz = median(pitches);
    const auto measured = (pitches.size() + 3) / 4;
    out.centroidHz = measured > 0 ? centroids / static_cast<double>(measured) : 0;
    return out;
}

std::string soundAlike(const VoiceMeasures& a, const VoiceMeasures& b)
{
    const auto ratio = [](double x, double y) { return std::max(x, y) / std::max(1e-9, std::min(x, y)) - 1; };
    const double semitones =
        12 * std::log2(std::max(a.pitchHz, b.pitchHz) / std::max(1e-9, std::min(a.pitchHz, b.pitchHz)));
    const double brightness = ratio(a.centroidHz, b.centroidHz);
    const double pace = ratio(a.seconds, b.seconds);
    if (semitones >= kDistinctSemitones || brightness >= kDistinctBrightness || pace >= kDistinctPace)
        return "";
    char text[200];
    std::snprintf(text, sizeof text,
                  "pitch %.0f vs %.0f Hz (%.1f semitones), brightness %.0f vs %.0f Hz (%.0f%%), pace %.2f vs "
                  "%.2f s (%.0f%%)",
                  a.pitchHz, b.pitchHz, semitones, a.centroidHz, b.centroidHz, brightness * 100, a.seconds,
                  b.seconds, pace * 100);
    return text;
}

} // namespace sparring::voice
