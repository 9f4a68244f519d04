#pragma once
// How sure the scorer is of an act, calibrated: a fastText model trained for many epochs is
// overconfident (it says 0.98 where it is right four times in five). Temperature scaling, one
// number fitted on predictions for topics the model did not see (topic-grouped folds of the
// training corpus), turns its probabilities into ones that mean what they say; the expected
// calibration error measures how well they do on a test file. The trainer then says it is
// unsure of an act below `kSureFrom` instead of giving feedback it cannot vouch for.

#include "scoring/FastTextModel.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sparring::scoring {

inline constexpr const char* kCalibrationFile = "acts.calibration";

/// Calibrated confidence below this, the act is reported as unsure and the feedback of a route
/// chosen by it is hedged (scoring/Debrief.cpp):
/// below it the scorer is more likely wrong than right about the act.
inline constexpr float kSureFrom = 0.5f;

struct Calibration {
    double temperature = 1.0; ///< > 1 softens overconfident probabilities

    /// The probability of each label from the model's log-probabilities (FastTextModel::
    /// logProbabilities): softmax(log p / T), the same as dividing the logits by T.
    [[nodiscard]] std::vector<float> probabilities(const std::vector<float>& logProbabilities) const;

    /// Reads a file written by save(); throws ScoringError naming the file and what is wrong.
    [[nodiscard]] static Calibration load(const std::filesystem::path& file);
    /// Throws ScoringError when the file cannot be written.
    void save(const std::filesystem::path& file) const;
};

/// One held-out prediction: every label's log-probability, and the index of the right one.
struct HeldOutPrediction {
    std::vector<float> logProbabilities;
    std::size_t gold = 0;
};

/// The temperature that minimises the negative log-likelihood of the gold labels.
[[nodiscard]] Calibration fitCalibration(const std::vector<HeldOutPrediction>& heldOut);

/// Expected calibration error over `bins` equal-width confidence bins: the mean gap between
/// confidence and accuracy, weighted by how many predictions fall in each bin.
[[nodiscard]] double expectedCalibrationError(const std::vector<float>& confidence,
                                              const std::vector<bool>& correct, int bins = 10);

} // namespace sparring::scoring
