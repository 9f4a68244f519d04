#pragma once
// The utterance analyser: what a manager's words do (primary act, reflection depth, tags), with
// evidence a manager understands: the spans of their own text that triggered each label and a
// one-line why. Two layers, one result: phrase lists from the framework (transparent, editable)
// and fastText models trained on the project's corpus (they generalise to unseen phrasings);
// the models' decisions are explained by the words that pushed them most.

#include "core/Lexicon.hpp"
#include "core/Scenario.hpp"
#include "core/TextSegmenter.hpp"
#include "core/UtteranceAnalyser.hpp"
#include "scoring/Calibration.hpp"
#include "scoring/FastTextModel.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::scoring {

// The scorer reads text with core's segmentation and phrase matching, the same rules routes use.
using core::Lexicon;
using core::PhraseList;
using core::Segmented;
using core::Sentence;
using core::TextSegmenter;

/// What an utterance does, with the spans of its text behind each label (core's plain values,
/// so a session's transcript can keep them).
using Evidence = core::LabelEvidence;
using Analysis = core::UtteranceAnalysis;

/// The act confidence as a whole percentage, as every front end and message shows it.
[[nodiscard]] int confidencePercent(const Analysis& analysis);

/// What was detected, in one line for the trainee: "open_question (91% sure), identify_pain", or
/// when the scorer is unsure of the act, "not sure what this does (42%): most like a summary; ...".
[[nodiscard]] std::string detectedSummary(const Analysis& analysis);

/// Not thread-safe (it reuses one segmenter): use one per thread.
class Analyser : public core::UtteranceAnalyser {
public:
    /// Loads the models from `modelDirectory` (acts.bin, tags.bin, acts.calibration); throws ScoringError.
    Analyser(const std::filesystem::path& modelDirectory, std::vector<PhraseList> phrases);
    ~Analyser() override;

    [[nodiscard]] Analysis explain(std::string_view text) const;
    /// The same without evidence text: the fast path for measures and benchmarks.
    [[nodiscard]] Analysis classify(std::string_view text) const;
    /// explain(), for the runtime: a session keeps the analysis with the answer.
    [[nodiscard]] core::UtteranceAnalysis analyse(std::string_view text) const override;

private:
    /// The act model's best reading of one feature line.
    struct ActReading {
        std::string label; ///< the model's label: an act, or "reflection_<depth>"
        core::Act act = core::Act::Other;
        std::string depth;
        float confidence = 0; ///< calibrated
    };

    [[nodiscard]] Analysis run(std::string_view text, bool withEvidence) const;
    [[nodiscard]] ActReading readAct(const std::string& features) const;
    /// Each content sentence of `seg` read alone, when there are two or more of them.
    [[nodiscard]] std::vector<core::SentenceAct> readSentences(std::string_view text,
                                                               const Segmented& seg) const;

    std::unique_ptr<TextSegmenter> m_segmenter;
    FastTextModel m_acts;
    FastTextModel m_tags;
    Calibration m_calibration;
    std::vector<core::Act> m_actOfLabel; ///< the act of each act-model label (both depths are a reflection)
    Lexicon m_lexicon;
};

/// The labels a framework's `scoring` section keys on for an analysis: the act, "depth:<d>",
/// each tag, and "framework_term" for any term of the common language; sorted, unique.
[[nodiscard]] std::vector<std::string> scoringLabels(const Analysis& analysis);

/// The phrase lists of a framework (its common language and cue phrases), as the analyser takes them.
[[nodiscard]] std::vector<PhraseList> phraseListsOf(const core::Framework& framework);

/// An analyser, or why there is none (the models are missing or unreadable).
struct AnalyserOrError {
    std::shared_ptr<const Analyser> analyser;
    std::string error; ///< set when !analyser
};

/// The scorer for a framework: its phrase lists and the trained models in `modelDirectory`
/// (acts.bin, tags.bin). Never throws: a failure to load is returned as an error to show.
[[nodiscard]] AnalyserOrError makeAnalyser(const core::Framework& framework,
                                           const std::filesystem::path& modelDirectory);

} // namespace sparring::scoring
