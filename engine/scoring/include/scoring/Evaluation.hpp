#pragma once
// Agreement between the analyser and gold labels: per-label precision, recall and F1 for the eight
// acts, macro-F1 over the acts that occur, Cohen's kappa, the confusion matrix, per-tag figures,
// the same acts folded into four classes, and how well the act confidence is calibrated.

#include "scoring/Analyser.hpp"
#include "scoring/Corpus.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::scoring {

struct LabelScore {
    std::string label;
    int support = 0;   ///< gold count
    int predicted = 0; ///< predicted count
    int correct = 0;
    [[nodiscard]] double precision() const
    {
        return predicted ? static_cast<double>(correct) / predicted : 0.0;
    }
    [[nodiscard]] double recall() const { return support ? static_cast<double>(correct) / support : 0.0; }
    [[nodiscard]] double f1() const;
};

struct Evaluation {
    int items = 0;
    std::vector<LabelScore> acts;            ///< in kActs order
    std::vector<std::vector<int>> confusion; ///< [gold act][predicted act], kActs order
    double accuracy = 0;
    double macroF1 = 0; ///< mean F1 over the acts that occur in the gold labels or the predictions
    double kappa = 0;   ///< Cohen's kappa, acts
    LabelScore depth;   ///< reflections whose depth was predicted right, among gold reflections predicted as
                        ///< reflections
    std::vector<LabelScore> tags; ///< every tag seen in gold or predicted, sorted
    double tagMicroF1 = 0;

    /// The acts folded into the four classes counselling-transcript coding compares on (kFourClasses).
    std::vector<LabelScore> fourClasses;
    double fourClassMacroF1 = 0;

    /// Calibration of the act confidence: expected calibration error over ten bins, and accuracy
    /// on the acts the scorer was sure of and on those it said it was unsure of.
    double calibrationError = 0;
    int unsure = 0;
    double accuracyWhenSure = 0;
    double accuracyWhenUnsure = 0;
};

/// question (open and closed); reflection (summaries included); input (advice and information);
/// other (affirmations included): the classes of MI-style coding of practitioner turns, which a
/// speech test is compared on.
inline constexpr std::array<std::string_view, 4> kFourClasses{"question", "reflection", "input", "other"};

/// The index into kFourClasses of an act.
[[nodiscard]] std::size_t fourClassOf(core::Act act);

[[nodiscard]] Evaluation evaluate(const std::vector<LabelledUtterance>& gold,
                                  const std::vector<Analysis>& predicted);

} // namespace sparring::scoring
