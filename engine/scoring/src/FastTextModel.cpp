#include "scoring/FastTextModel.hpp"

#include "scoring/ModelFile.hpp"
#include "scoring/ScoringError.hpp"

#include "core/Files.hpp"
#include "core/Limits.hpp"

#include <fasttext/fasttext.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <sstream>

#include <stdlib.h> // mkdtemp

namespace sparring::scoring {

void FastTextModel::train(const std::filesystem::path& trainingFile, const std::filesystem::path& modelFile,
                          const TrainOptions& options)
{
    fasttext::Args args;
    args.input = trainingFile.string();
    args.model = fasttext::model_name::sup;
    args.loss = options.oneVsAll ? fasttext::loss_name::ova : fasttext::loss_name::softmax;
    args.epoch = options.epochs;
    args.lr = options.learningRate;
    args.dim = options.dimension;
    args.wordNgrams = options.wordNgrams;
    args.minCount = 1;
    args.minn = options.minCharNgram;
    args.maxn = options.maxCharNgram;
    args.bucket =
        50000; // hashed bigram rows: 50k keeps each model near 8 MB with no loss measured in cross-validation
    args.thread = 1; // one thread and a fixed seed: byte-identical models on every build
    args.seed = options.seed;
    args.verbose = 0;
    if (const auto problem = core::outputProblem(modelFile)) // before minutes of training, not after
        throw ScoringError("cannot write the model " + modelFile.string() + ": " + *problem);
    // fastText saves only to a file name: it saves into a private folder of its own, and the bytes
    // reach the target through the one writer (core/Files.hpp), so a failed save never leaves half
    // a model where a whole one was.
    std::string folder = (std::filesystem::temp_directory_path() / "sparring-train-XXXXXX").string();
    if (::mkdtemp(folder.data()) == nullptr)
        throw ScoringError("cannot make a temporary folder to train in: " +
                           std::string(std::strerror(errno)));
    const auto scratch = std::filesystem::path(folder) / "model.bin";
    args.output = scratch.string();
    std::optional<std::string> problem; // the whole message
    try {
        fasttext::FastText model;
        model.train(args);
        model.saveModel(scratch.string());
        auto saved = core::readInputFile(scratch, core::limits::maxModelBytes);
        if (auto notWritten = saved.text ? core::writeOutputFile(modelFile, *saved.text) : saved.reason)
            problem = "cannot write the model " + modelFile.string() + ": " + *notWritten;
    } catch (const std::exception& e) {
        problem = "fastText could not train on " + trainingFile.string() + ": " + e.what();
    }
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
    if (problem)
        throw ScoringError(*problem);
}

FastTextModel::FastTextModel(const std::filesystem::path& modelFile)
    : m_model(std::make_unique<fasttext::FastText>())
{
    auto file = core::readInputFile(modelFile, core::limits::maxModelBytes);
    if (file.problem == core::ReadProblem::NotFound)
        throw ScoringError("classifier model not found: " + modelFile.string() +
                           " (it is built with the project)");
    if (!file.text)
        throw ScoringError("cannot load classifier model " + modelFile.string() + ": " + file.reason);
    // fastText believes the sizes a file declares: checked first, so a damaged file is a message,
    // never gigabytes allocated (ModelFile.hpp).
    if (const auto problem = modelFileProblem(*file.text))
        throw ScoringError("cannot load classifier model " + modelFile.string() + ": " + *problem);
    try {
        // The bytes just checked, not the file read again: what fastText reads is what was checked.
        std::istringstream in(std::move(*file.text));
        in.seekg(8); // past the signature, which loadModel(istream) expects read
        m_model->loadModel(in);
    } catch (const std::exception& e) {
        throw ScoringError("cannot load classifier model " + modelFile.string() + ": " + e.what());
    }
    constexpr std::string_view prefix = "__label__";
    const auto dictionary = m_model->getDictionary();
    for (std::int32_t id = 0; id < dictionary->nlabels(); ++id) {
        const std::string label = dictionary->getLabel(id);
        m_labels.push_back(label.rfind(prefix, 0) == 0 ? label.substr(prefix.size()) : label);
    }
}

FastTextModel::~FastTextModel() = default;
FastTextModel::FastTextModel(FastTextModel&&) noexcept = default;
FastTextModel& FastTextModel::operator=(FastTextModel&&) noexcept = default;

std::vector<Prediction> FastTextModel::predict(const std::string& featureLine, int k, float threshold) const
{
    std::istream& in = lineStream(featureLine);
    std::vector<std::pair<fasttext::real, std::string>> raw;
    m_model->predictLine(in, raw, k, threshold);
    std::vector<Prediction> out;
    out.reserve(raw.size());
    constexpr std::string_view prefix = "__label__";
    for (auto& [probability, label] : raw)
        out.push_back({label.rfind(prefix, 0) == 0 ? label.substr(prefix.size()) : label, probability});
    return out;
}

std::istream& FastTextModel::lineStream(const std::string& featureLine) const
{
    m_line.clear();
    m_line.str(featureLine + "\n");
    return m_line;
}

std::vector<float> FastTextModel::logProbabilities(const std::string& featureLine) const
{
    std::istream& in = lineStream(featureLine);
    std::vector<std::int32_t> words, labels;
    m_model->getDictionary()->getLine(in, words, labels);
    fasttext::Predictions predictions;
    m_model->predict(-1, words, predictions, 0.0f);
    constexpr float kNeverPredicted = -100.0f; // a label below fastText's threshold: e^-100
    std::vector<float> out(m_labels.size(), kNeverPredicted);
    for (const auto& [logProbability, id] : predictions)
        if (id >= 0 && static_cast<std::size_t>(id) < out.size())
            out[static_cast<std::size_t>(id)] = logProbability;
    return out;
}

std::vector<float> FastTextModel::wordContributions(const std::vector<std::string>& words,
                                                    const std::string& label) const
{
    std::vector<float> out(words.size(), 0.0f);
    const std::int32_t labelId = m_model->getLabelId("__label__" + label);
    if (labelId < 0)
        return out;
    const auto input = m_model->getInputMatrix();
    const auto output = m_model->getOutputMatrix();
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::int32_t id = m_model->getWordId(words[i]);
        if (id < 0)
            continue;
        float dot = 0;
        for (std::int64_t j = 0; j < input->cols(); ++j)
            dot += input->at(id, j) * output->at(labelId, j);
        out[i] = dot;
    }
    return out;
}

} // namespace sparring::scoring
