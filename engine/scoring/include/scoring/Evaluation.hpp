#pragma once
// Agreement between the analyser and gold labels: per-label precision, recall and F1 for the eight
// acts, macro-F1 over the acts that occur, Cohen's kappa, the confusion matrix, and per-tag figures.

#include "scoring/Analyser.hpp"
#include "scoring/Corpus.hpp"

#include <string>
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
};

[[nodiscard]] Evaluation evaluate(const std::vector<LabelledUtterance>& gold,
                                  const std::vector<Analysis>& predicted);

} // namespace sparring::scoring
