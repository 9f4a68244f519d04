#pragma once
// The seam through which the runtime asks what a free-text answer does (its act, tags and the
// words that show them), to route respond nodes by `acts`, `tags` and principle scores, and to
// record what was detected with the answer. The scorer implements it; the runtime only depends on
// this interface.

#include "core/Labels.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::core {

/// Why a label was given: the span of the trainee's own text behind it.
struct LabelEvidence {
    std::string label;       ///< an act, "depth:complex", or a tag
    std::uint32_t start = 0; ///< byte span of the original text
    std::uint32_t end = 0;
    std::string why; ///< "'Let me call them' takes the deal over from the rep"
    bool operator==(const LabelEvidence&) const = default;
};

/// How one sentence of a turn reads on its own: shown when the turn as a whole is unsure, so the
/// trainee sees what each part of a mixed turn did.
struct SentenceAct {
    Act act = Act::Other;
    float confidence = 0;    ///< calibrated, as UtteranceAnalysis::actConfidence
    std::uint32_t start = 0; ///< byte span of the sentence in the original text
    std::uint32_t end = 0;
    bool operator==(const SentenceAct&) const = default;
};

/// What an utterance does, with the evidence for each label.
struct UtteranceAnalysis {
    Act act = Act::Other;
    std::string depth;             ///< reflections: "simple" or "complex"
    std::vector<std::string> tags; ///< permission_asked, takeover, framework_term:<term> ...
    std::vector<LabelEvidence> evidence;
    std::vector<std::string> warnings; ///< e.g. "empty utterance", "invalid UTF-8 replaced"
    float actConfidence = 0; ///< calibrated probability that `act` is right (scoring/Calibration.hpp)
    bool actUnsure =
        false; ///< the confidence is below the scorer's threshold: feedback chosen by `act` is hedged
    /// Set only when the act is unsure and the turn has two or more content sentences (backchannels
    /// and a closing check set aside), and only with the evidence: the act of each read alone.
    /// It explains; it never routes.
    std::vector<SentenceAct> sentenceActs;
    bool operator==(const UtteranceAnalysis&) const = default;
};

class UtteranceAnalyser {
public:
    virtual ~UtteranceAnalyser() = default;
    /// The whole analysis of one utterance, evidence included.
    [[nodiscard]] virtual UtteranceAnalysis analyse(std::string_view utterance) const = 0;
};

} // namespace sparring::core
