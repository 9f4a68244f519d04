#pragma once
// The panel as judges: after the trainee answers, each expert weighs the answer's evidence by
// their own principle weights and reacts with a verdict and one of their authored lines for that
// band, so one answer draws different opinions, as on a real panel.
//
// An expert's score for a turn = sum over principles of (their weight x the turn's evidence for
// that principle), where the evidence is what the author put on the picked option or route plus,
// for free text, the framework's scoring of what the analyser detected. Bands: >= 1 agree,
// <= -1 disagree, otherwise mixed. The line is picked by the turn number (the decision's place
// in the transcript, see scoring/Debrief.hpp), so a replay, a retry or an undo shows the same
// reactions and an expert does not repeat themself on consecutive turns.

#include "core/Scenario.hpp"
#include "runtime/Events.hpp"
#include "scoring/Analyser.hpp"

#include <string>
#include <vector>

namespace sparring::scoring {

enum class Verdict { Agree, Mixed, Disagree };

struct Reaction {
    std::string expertId;
    std::string expertName;
    Verdict verdict = Verdict::Mixed;
    double score = 0;
    std::string line;
    bool operator==(const Reaction&) const = default;
};

[[nodiscard]] std::string_view toString(Verdict verdict);

/// Evidence per principle id for one answer: authored evidence plus, when `analysis` is given
/// (free text), the framework's weights for its act, depth and tags.
[[nodiscard]] std::vector<std::pair<std::string, double>>
answerEvidence(const core::Framework& framework, const std::vector<runtime::EvidenceItem>& authored,
               const Analysis* analysis);

/// Reactions of every expert with authored reactions (the moderator excluded), in cast order.
[[nodiscard]] std::vector<Reaction> judgeAnswer(const core::Scenario& scenario,
                                                const std::vector<std::pair<std::string, double>>& evidence,
                                                std::size_t turn);

/// One decision judged by the panel: its authored evidence plus, for a free-text answer, what
/// `analysis` detected in it (answerEvidence), weighed by every expert (judgeAnswer). `turn` counts
/// the trainee's decisions before this one.
[[nodiscard]] std::vector<Reaction> judgeDecision(const core::Scenario& scenario,
                                                  const runtime::Decision& decision, const Analysis* analysis,
                                                  std::size_t turn);

} // namespace sparring::scoring
