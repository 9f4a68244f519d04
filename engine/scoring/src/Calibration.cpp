#include "scoring/Calibration.hpp"

#include "scoring/ScoringError.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace sparring::scoring {

namespace {

/// The range searched, as log-temperature: from 1/20 to 20.
constexpr double kLowestLogT = -3.0;
constexpr double kHighestLogT = 3.0;
constexpr float kSmallestProbability = 1e-6f;

double negativeLogLikelihood(const std::vector<HeldOutPrediction>& heldOut, double temperature)
{
    const Calibration calibration{temperature};
    double sum = 0;
    for (const auto& item : heldOut) {
        const auto p = calibration.probabilities(item.logProbabilities);
        sum -= std::log(std::max(item.gold < p.size() ? p[item.gold] : 0.0f, kSmallestProbability));
    }
    return sum;
}

} // namespace

std::vector<float> Calibration::probabilities(const std::vector<float>& logProbabilities) const
{
    std::vector<float> out(logProbabilities.size(), 0.0f);
    if (logProbabilities.empty())
        return out;
    const float top = *std::max_element(logProbabilities.begin(), logProbabilities.end());
    const auto inverse = static_cast<float>(1.0 / temperature);
    float total = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = std::exp((logProbabilities[i] - top) * inverse);
        total += out[i];
    }
    for (auto& p : out)
        p /= total;
    return out;
}

Calibration Calibration::load(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in)
        throw ScoringError("cannot read the scorer's calibration " + file.string() +
                           ": the models were not trained completely (run `sparring train`)");
    std::string key;
    double temperature = 0;
    std::string rest;
    if (!(in >> key >> temperature) || key != "temperature" || (in >> rest) || !std::isfinite(temperature) ||
        temperature <= 0 || temperature > 1000)
        throw ScoringError("the scorer's calibration " + file.string() +
                           " is damaged: it must hold one line 'temperature <positive number>'");
    return Calibration{temperature};
}

void Calibration::save(const std::filesystem::path& file) const
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::ostringstream text;
    text.precision(6);
    text << "temperature " << std::fixed << temperature << '\n';
    out << text.str();
    if (!out)
        throw ScoringError("cannot write the scorer's calibration " + file.string());
}

Calibration fitCalibration(const std::vector<HeldOutPrediction>& heldOut)
{
    if (heldOut.empty())
        return {};
    // The likelihood is smooth and has one minimum in log-temperature: a golden-section search.
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double low = kLowestLogT;
    double high = kHighestLogT;
    double a = high - ratio * (high - low);
    double b = low + ratio * (high - low);
    double fa = negativeLogLikelihood(heldOut, std::exp(a));
    double fb = negativeLogLikelihood(heldOut, std::exp(b));
    constexpr int kSteps = 40;
    for (int step = 0; step < kSteps; ++step) {
        if (fa < fb) {
            high = b;
            b = a;
            fb = fa;
            a = high - ratio * (high - low);
            fa = negativeLogLikelihood(heldOut, std::exp(a));
        } else {
            low = a;
            a = b;
            fa = fb;
            b = low + ratio * (high - low);
            fb = negativeLogLikelihood(heldOut, std::exp(b));
        }
    }
    return Calibration{std::exp((low + high) / 2.0)};
}

double expectedCalibrationError(const std::vector<float>& confidence, const std::vector<bool>& correct,
                                int bins)
{
    if (confidence.empty() || confidence.size() != correct.size() || bins <= 0)
        return 0.0;
    std::vector<double> confidenceSum(static_cast<std::size_t>(bins), 0.0);
    std::vector<double> correctSum(static_cast<std::size_t>(bins), 0.0);
    std::vector<int> count(static_cast<std::size_t>(bins), 0);
    for (std::size_t i = 0; i < confidence.size(); ++i) {
        const int bin = std::clamp(static_cast<int>(confidence[i] * static_cast<float>(bins)), 0, bins - 1);
        const auto b = static_cast<std::size_t>(bin);
        confidenceSum[b] += confidence[i];
        correctSum[b] += correct[i] ? 1.0 : 0.0;
        ++count[b];
    }
    double error = 0;
    for (std::size_t b = 0; b < count.size(); ++b)
        if (count[b] > 0)
            error += std::abs(correctSum[b] - confidenceSum[b]) / static_cast<double>(confidence.size());
    return error;
}

} // namespace sparring::scoring
