#pragma once
// A fastText supervised model (Debian's libfasttext): deterministic training (one thread, fixed
// seed) and prediction, plus each word's share of a label's score, so the statistical layer can
// say which words drove a decision.

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace fasttext {
class FastText;
}

namespace sparring::scoring {

struct TrainOptions {
    int epochs = 40;
    double learningRate = 0.4;
    int dimension = 24;
    int wordNgrams = 2;
    int minCharNgram = 0; ///< 0: no character n-grams
    int maxCharNgram = 0;
    bool oneVsAll = false; ///< multi-label (tags) instead of one label (acts)
    int seed = 20261126;
};

struct Prediction {
    std::string label; ///< without the __label__ prefix
    float probability = 0;
};

class FastTextModel {
public:
    /// Trains on `trainingFile` (fastText format: "__label__x ... words") and saves to `modelFile`.
    /// Throws ScoringError when fastText fails.
    static void train(const std::filesystem::path& trainingFile, const std::filesystem::path& modelFile,
                      const TrainOptions& options);

    /// Loads a model; throws ScoringError with the path when it cannot.
    explicit FastTextModel(const std::filesystem::path& modelFile);
    ~FastTextModel();
    FastTextModel(FastTextModel&&) noexcept;
    FastTextModel& operator=(FastTextModel&&) noexcept;

    /// The k most probable labels with probability >= threshold, best first.
    [[nodiscard]] std::vector<Prediction> predict(const std::string& featureLine, int k,
                                                  float threshold) const;

    /// Every label's log-probability, indexed as labels(): the whole distribution without a
    /// string per label (the fast path for a calibrated confidence).
    [[nodiscard]] std::vector<float> logProbabilities(const std::string& featureLine) const;
    /// The model's labels without the __label__ prefix, in fastText's order.
    [[nodiscard]] const std::vector<std::string>& labels() const { return m_labels; }

    /// How much each word of `words` pushes `label`'s score (dot product of the word's vector with
    /// the label's output row). Words unknown to the model get 0.
    [[nodiscard]] std::vector<float> wordContributions(const std::vector<std::string>& words,
                                                       const std::string& label) const;

private:
    /// The feature line as the stream fastText reads, in one stream reused from call to call:
    /// building a stream per prediction (its locale and buffers) was a tenth of classifying.
    std::istream& lineStream(const std::string& featureLine) const;

    std::unique_ptr<fasttext::FastText> m_model;
    std::vector<std::string> m_labels;
    mutable std::istringstream m_line;
};

} // namespace sparring::scoring
