#pragma once
// Training the statistical layer from the labelled corpus: one model for the primary act (with
// reflection depth folded in: reflection_simple / reflection_complex) and one multi-label model
// for the tags that phrase lists cannot catch alone. Deterministic: the same corpus gives the
// same models, byte for byte.

#include "scoring/Corpus.hpp"
#include "scoring/FastTextModel.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::scoring {

inline constexpr const char* kActModelFile = "acts.bin";
/// The act model gives a reflection with its depth: "reflection_simple", "reflection_complex".
inline constexpr std::string_view kReflectionLabelPrefix = "reflection_";
inline constexpr const char* kTagModelFile = "tags.bin";
/// How many topic-grouped folds the act model's calibration is fitted on (Calibration.hpp).
inline constexpr std::size_t kCalibrationFolds = 5;

/// Tags the tag model learns (the rest come from phrase lists and structure).
[[nodiscard]] const std::vector<std::string>& learnedTags();

/// The act label the act model learns for an utterance.
[[nodiscard]] std::string actModelLabel(const LabelledUtterance& utterance);

/// The settings the shipped models are trained with (chosen by topic-held-out cross-validation
/// on the training corpus, `sparring train --cross-validate`).
struct ModelSettings {
    TrainOptions acts;
    TrainOptions tags = [] {
        TrainOptions t;
        t.oneVsAll = true;
        return t;
    }();
};

/// `options` with character n-grams from `shortest` to `shortest + 2`, or none when `shortest` is 0
/// or less: cross-validation tunes the range by one number, its shortest length, and the longest
/// follows from it (`sparring train --char-ngrams`).
[[nodiscard]] TrainOptions withCharNgrams(TrainOptions options, int shortest);

/// Trains both models into `outputDirectory` (created if needed), and the act model's calibration
/// (acts.calibration) from topic-grouped folds of the same corpus. Throws ScoringError.
void trainModels(const std::vector<LabelledUtterance>& corpus, const std::filesystem::path& outputDirectory,
                 const ModelSettings& settings = {});

} // namespace sparring::scoring
