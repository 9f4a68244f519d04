#pragma once
// What the trainee is told, built once by the engine from a session's transcript, for every front
// end to draw: a report of each decision (the feedback after an answer) and the debrief at the end.
// The terminal player and the desktop trainer only lay these values out; a difference between
// them is a rendering choice, never a second computation.
//
// A decision's turn number is its place among the trainee's decisions in the transcript, so a
// replay, an undo and a retry give the same reports.

#include "core/Scenario.hpp"
#include "runtime/Events.hpp"
#include "runtime/Session.hpp"
#include "scoring/Analyser.hpp"
#include "scoring/ExpertPath.hpp"
#include "scoring/PanelJudges.hpp"
#include "scoring/Scorecard.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sparring::scoring {

/// Practice: feedback after every answer. Assessment: all feedback at the end.
enum class FeedbackMode { Practice, Assessment };

/// One decision of the trainee and everything said about it.
struct TurnReport {
    std::size_t entry = 0; ///< index of the decision in the transcript
    std::size_t turn = 0;  ///< 0 for the trainee's first decision in the transcript, then 1, 2 ...
    std::string nodeId;
    bool typed = false;                          ///< the trainee's own words (else a picked option)
    std::string answer;                          ///< what the trainee picked or wrote
    std::string route;                           ///< typed: the label of the route taken
    std::string feedback;                        ///< the scenario's feedback
    std::vector<runtime::EvidenceItem> evidence; ///< authored on the option or route
    /// Typed, with a scorer: what the words did, and the words that show it.
    std::optional<Analysis> analysis;
    /// Panels: every expert with a position on the round, with their verdict, in cast order.
    std::vector<Reaction> reactions;
    bool operator==(const TurnReport&) const = default;
};

/// The report of the decision at transcript entry `entry` (which must be a decision). Without an
/// analyser a typed answer is shown by its route and feedback only, unless the session recorded
/// an analysis with it.
[[nodiscard]] TurnReport reportTurn(const core::Scenario& scenario,
                                    const std::vector<runtime::TranscriptEntry>& transcript,
                                    std::size_t entry, const Analyser* analyser);

/// The report of the session's latest decision (the one just made), if it has made any.
[[nodiscard]] std::optional<TurnReport> reportLatestDecision(const runtime::Session& session,
                                                             const Analyser* analyser);

/// What is shown of a report as soon as the answer is given: all of it in practice mode; only
/// the answer itself in assessment mode (the rest waits for the debrief).
[[nodiscard]] TurnReport shownDuringPlay(const TurnReport& report, FeedbackMode mode);

/// One principle's line in the debrief.
struct PrincipleLine {
    std::string principle; ///< id
    std::string name;
    double score = 0;
    std::vector<std::size_t> answers; ///< the answer numbers (1-based turns) it rests on, ascending
    bool operator==(const PrincipleLine&) const = default;
};

/// A model answer the debrief offers at a free-text moment the trainee reached.
struct ModelAnswer {
    std::string nodeId;
    std::string text;
    bool operator==(const ModelAnswer&) const = default;
};

struct Debrief {
    std::optional<runtime::EndEvent> ending; ///< outcome, title and the scenario's debrief text
    std::vector<TurnReport> turns;           ///< every decision, in order
    /// Principles that got any evidence, in framework order: with a scorer, the scorecard's scores
    /// (authored plus detected); without one, the authored evidence summed.
    std::vector<PrincipleLine> principles;
    bool scored = false;                  ///< principles and speech come from the scorer
    std::optional<std::size_t> strongest; ///< index into principles: the highest score
    std::optional<std::size_t> toWorkOn;  ///< the lowest, when lower than the strongest
    /// With a scorer, in a role-play: how the trainee spoke (the ratios of a conversation with a
    /// rep; a panel's debrief leaves them out).
    std::optional<SpeechMeasures> speech;
    std::vector<PathStep> path; ///< the expert's path beside the trainee's
    /// Model answers at free-text moments the trainee reached where the path does not already
    /// show the expert's answer as stronger, in scenario order.
    std::vector<ModelAnswer> otherModelAnswers;

    /// The answer numbers (1-based) of transcript entries, ascending, each once.
    [[nodiscard]] std::vector<std::size_t> answerNumbers(const std::vector<std::size_t>& entries) const;
    bool operator==(const Debrief&) const = default;
};

/// The debrief of `session` as it stands (normally at its end). `analyser` may be null.
[[nodiscard]] Debrief buildDebrief(const runtime::Session& session, const Analyser* analyser);

} // namespace sparring::scoring
