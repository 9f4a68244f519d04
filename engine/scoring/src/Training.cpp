#include "scoring/Training.hpp"

#include "Features.hpp"
#include "core/TextSegmenter.hpp"
#include "scoring/ScoringError.hpp"

#include <algorithm>
#include <fstream>

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
    return u.act == core::Act::Reflection ? "reflection_" + u.depth : std::string(toString(u.act));
}

TrainOptions withCharNgrams(TrainOptions options, int shortest)
{
    options.minCharNgram = shortest > 0 ? shortest : 0;
    options.maxCharNgram = shortest > 0 ? shortest + 2 : 0;
    return options;
}

void trainModels(const std::vector<LabelledUtterance>& corpus, const std::filesystem::path& outputDirectory,
                 const ModelSettings& settings)
{
    std::filesystem::create_directories(outputDirectory);
    core::TextSegmenter segmenter;
    const auto actsText = outputDirectory / "acts.train.txt";
    const auto tagsText = outputDirectory / "tags.train.txt";
    {
        std::ofstream acts(actsText, std::ios::binary);
        std::ofstream tags(tagsText, std::ios::binary);
        if (!acts || !tags)
            throw ScoringError("cannot write training files in " + outputDirectory.string());
        for (const auto& u : corpus) {
            const std::string features = featureLine(segmenter.segment(u.text));
            acts << "__label__" << actModelLabel(u) << ' ' << features << '\n';
            bool any = false;
            for (const auto& tag : learnedTags())
                if (std::find(u.tags.begin(), u.tags.end(), tag) != u.tags.end()) {
                    tags << "__label__" << tag << ' ';
                    any = true;
                }
            if (!any)
                tags << "__label__none ";
            tags << features << '\n';
        }
    }
    FastTextModel::train(actsText, outputDirectory / kActModelFile, settings.acts);
    FastTextModel::train(tagsText, outputDirectory / kTagModelFile, settings.tags);
}

} // namespace sparring::scoring
