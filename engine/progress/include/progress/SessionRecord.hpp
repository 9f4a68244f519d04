#pragma once
// What the progress store keeps of one practice session: who practised what, when, in which mode,
// every decision with the trainee's words and what the scorer detected, the per-principle scores,
// the conversation ratios, the comparison with the expert's path and how it ended. Plain values,
// written once when the session finishes or is abandoned and never changed after: a record
// stands on its own, without the scenario file (which may have changed since).

#include "core/UtteranceAnalyser.hpp"
#include "runtime/Events.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sparring::progress {

/// Milliseconds since the Unix epoch, UTC.
using Millis = std::int64_t;

/// One decision of the trainee, as the debrief reported it.
struct DecisionRecord {
    std::size_t turn = 0; ///< 0 for the trainee's first decision, then 1, 2 ...
    std::string nodeId;
    bool typed = false;                          ///< the trainee's own words (else a picked option)
    std::string text;                            ///< what the trainee picked or wrote
    std::string route;                           ///< typed: the label of the route taken
    std::string act;                             ///< typed and scored: the detected act ("" otherwise)
    std::string depth;                           ///< reflections: "simple" or "complex"
    double confidence = 0;                       ///< of the act, calibrated (0 when not scored)
    std::vector<std::string> tags;               ///< detected tags
    std::vector<core::LabelEvidence> detected;   ///< the words behind each detected label
    std::vector<runtime::EvidenceItem> authored; ///< evidence authored on the option or route
    int yourTotal = 0;                           ///< authored evidence summed over principles
    std::optional<int> expertTotal;              ///< the same for the expert's answer here
    std::string expertAnswer;                    ///< the expert's option or model answer here
    bool operator==(const DecisionRecord&) const = default;
};

/// One principle's score in the session's debrief.
struct PrincipleRecord {
    std::string principle; ///< id, as in the framework
    std::string name;
    double score = 0;
    std::size_t answers = 0; ///< how many answers the score rests on
    bool operator==(const PrincipleRecord&) const = default;
};

/// How the trainee spoke in a scored role-play (scoring/Scorecard.hpp, SpeechMeasures).
struct SpeechRecord {
    double questions = 0;
    double statements = 0;
    double reflections = 0; ///< reflections and summaries
    double reflectionsPerQuestion = 0;
    double traineeShareOfWords = 0; ///< 0..1
    double adviceGiven = 0;
    double adviceAfterAskingFirst = 0;
    bool operator==(const SpeechRecord&) const = default;
};

struct SessionRecord {
    std::string id; ///< 32 lowercase hex digits, random: unique across machines and stores
    std::string trainee;
    std::string scenarioId;
    std::string scenarioTitle;
    int scenarioVersion = 0;
    std::string fingerprint;  ///< of the scenario file and its includes when played
    std::string scenarioKind; ///< "panel" or "roleplay"
    std::string mode;         ///< "practice" or "assessment"
    std::string frontEnd;     ///< "gui" or "terminal"
    Millis started = 0;
    Millis ended = 0;
    bool finished = false; ///< reached an ending (else abandoned)
    std::string outcome;   ///< finished: "good", "mixed" or "poor"
    std::string endingTitle;
    std::vector<DecisionRecord> decisions;
    std::vector<PrincipleRecord> principles; ///< framework order
    std::optional<SpeechRecord> speech;      ///< scored role-plays only
    bool operator==(const SessionRecord&) const = default;
};

/// A new random session id (32 hex digits from the system's random source).
[[nodiscard]] std::string newSessionId();

/// The time now, as the store keeps it.
[[nodiscard]] Millis now();

/// `when` in ISO 8601, UTC, to the millisecond: "2026-12-07T11:46:00.000Z" (reports, xAPI).
[[nodiscard]] std::string isoTime(Millis when);

} // namespace sparring::progress
