#pragma once
// `sparring classify` and `sparring train`: the analyser over lines of text, its evaluation
// against a labelled file, and (for authors of the corpus) topic-held-out cross-validation.

#include "core/Scenario.hpp"
#include "scoring/Analyser.hpp"
#include "scoring/Corpus.hpp"
#include "scoring/Evaluation.hpp"
#include "scoring/Training.hpp"

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace sparring::console {

/// One JSON object (one line): text, act, depth, tags, evidence [{label, start, end, why}].
[[nodiscard]] std::string analysisJson(std::string_view text, const scoring::Analysis& analysis);

/// Human-readable: the act, tags, and each piece of evidence with its span marked in the text.
void printAnalysis(std::ostream& out, std::string_view text, const scoring::Analysis& analysis);

/// Classifies every line of `in`, in order, one result per line (empty lines too: act "other"
/// and a warning on `warnings` naming the line). A line that is not valid UTF-8 is analysed and
/// printed with U+FFFD for its bad bytes (and a warning), so evidence offsets index the printed
/// text. Returns the number of lines.
std::size_t classifyLines(std::istream& in, std::ostream& out, std::ostream& warnings,
                          const scoring::Analyser& analyser, bool jsonl, const std::string& inputName);

/// Per-act precision/recall/F1, macro-F1, kappa, the confusion matrix, then per-tag figures.
void printEvaluation(std::ostream& out, const scoring::Evaluation& evaluation);

/// Trains on all topics but one, predicts the held-out one, for every topic; returns one
/// prediction per utterance of `corpus`, in its order. Models are written under `scratch`.
[[nodiscard]] std::vector<scoring::Analysis>
crossValidateByTopic(const std::vector<scoring::LabelledUtterance>& corpus,
                     const std::vector<scoring::PhraseList>& phrases, const std::filesystem::path& scratch,
                     std::ostream& progress, const scoring::ModelSettings& settings = {});

} // namespace sparring::console
