#include "scoring/Training.hpp"

#include "Features.hpp"
#include "core/TextSegmenter.hpp"
#include "scoring/Calibration.hpp"
#include "scoring/ScoringError.hpp"

#include <algorithm>
#include <fstream>
#include <set>

namespace sparring::scoring {

const std::vector<std::string>& learnedTags()
{
    static const std::vector<std::string> tags{
        "permission_asked",  "commitment_request",      "commitment_specific",
        "specific_feedback", "vague_or_trait_feedback", "takeover",
        "confront",          "leading_question",        "emotion_acknowledged"};
    return tags;
}

std::string actModelLabel(const LabelledUtterance& u)
{
    return u.act == core::Act::Reflection ? std::string(kReflectionLabelPrefix) + u.depth
                                          : std::string(toString(u.act));
}

TrainOptions withCharNgrams(TrainOptions options, int shortest)
{
    options.minCharNgram = shortest > 0 ? shortest : 0;
    options.maxCharNgram = shortest > 0 ? shortest + 2 : 0;
    return options;
}

namespace {

/// The act model's training file: one "__label__<act> <features>" line per utterance.
void writeActTrainingFile(const std::vector<LabelledUtterance>& corpus, const std::filesystem::path& file,
                          core::TextSegmenter& segmenter)
{
    std::ofstream acts(file, std::ios::binary);
    if (!acts)
        throw ScoringError("cannot write training file " + file.string());
    for (const auto& u : corpus)
        acts << "__label__" << actModelLabel(u) << ' ' << featureLine(segmenter.segment(u.text)) << '\n';
}

/// The tag model's training file: every learned tag the utterance has, or "none".
void writeTagTrainingFile(const std::vector<LabelledUtterance>& corpus, const std::filesystem::path& file,
                          core::TextSegmenter& segmenter)
{
    std::ofstream tags(file, std::ios::binary);
    if (!tags)
        throw ScoringError("cannot write training file " + file.string());
    for (const auto& u : corpus) {
        bool any = false;
        for (const auto& tag : learnedTags())
            if (std::find(u.tags.begin(), u.tags.end(), tag) != u.tags.end()) {
                tags << "__label__" << tag << ' ';
                any = true;
            }
        if (!any)
            tags << "__label__none ";
        tags << featureLine(segmenter.segment(u.text)) << '\n';
    }
}

/// The calibration fitted on act predictions for topics each fold's model did not see: topics
/// (sorted) are dealt into kCalibrationFolds folds, a model is trained without each fold and
/// predicts it. The probabilities of a model on its own training lines would be overconfident.
Calibration calibrateOnHeldOutTopics(const std::vector<LabelledUtterance>& corpus,
                                     const std::filesystem::path& scratch, const TrainOptions& options,
                                     core::TextSegmenter& segmenter)
{
    const std::set<std::string> topicSet = [&] {
        std::set<std::string> topics;
        for (const auto& u : corpus)
            topics.insert(u.topic);
        return topics;
    }();
    const std::vector<std::string> topics(topicSet.begin(), topicSet.end());
    const std::size_t folds = std::min<std::size_t>(kCalibrationFolds, topics.size());
    if (folds < 2)
        return {};
    auto foldOf = [&](const std::string& topic) {
        return static_cast<std::size_t>(std::lower_bound(topics.begin(), topics.end(), topic) -
                                        topics.begin()) %
               folds;
    };
    std::vector<HeldOutPrediction> heldOut;
    for (std::size_t fold = 0; fold < folds; ++fold) {
        std::vector<LabelledUtterance> train;
        for (const auto& u : corpus)
            if (foldOf(u.topic) != fold)
                train.push_back(u);
        const auto text = scratch / ("calibration.train.txt");
        const auto model = scratch / ("calibration.bin");
        writeActTrainingFile(train, text, segmenter);
        FastTextModel::train(text, model, options);
        const FastTextModel predictor(model);
        const auto& labels = predictor.labels();
        for (const auto& u : corpus) {
            if (foldOf(u.topic) != fold)
                continue;
            // An act no utterance of the other folds had cannot be predicted: nothing to calibrate.
            const auto gold = std::find(labels.begin(), labels.end(), actModelLabel(u));
            if (gold != labels.end())
                heldOut.push_back({predictor.logProbabilities(featureLine(segmenter.segment(u.text))),
                                   static_cast<std::size_t>(gold - labels.begin())});
        }
        std::filesystem::remove(text);
        std::filesystem::remove(model);
    }
    return fitCalibration(heldOut);
}

} // namespace

void trainModels(const std::vector<LabelledUtterance>& corpus, const std::filesystem::path& outputDirectory,
                 const ModelSettings& settings)
{
    std::filesystem::create_directories(outputDirectory);
    core::TextSegmenter segmenter;
    const auto actsText = outputDirectory / "acts.train.txt";
    const auto tagsText = outputDirectory / "tags.train.txt";
    writeActTrainingFile(corpus, actsText, segmenter);
    writeTagTrainingFile(corpus, tagsText, segmenter);
    FastTextModel::train(actsText, outputDirectory / kActModelFile, settings.acts);
    FastTextModel::train(tagsText, outputDirectory / kTagModelFile, settings.tags);
    calibrateOnHeldOutTopics(corpus, outputDirectory, settings.acts, segmenter)
        .save(outputDirectory / kCalibrationFile);
}

} // namespace sparring::scoring
