#pragma once
// What a Session hands out and records: plain values that every front end (terminal player,
// GUI, tests, a future voice) renders its own way.

#include "core/Scenario.hpp"
#include "core/UtteranceAnalyser.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sparring::runtime {

/// Someone speaks. The front end shows it, then calls Session::next().
struct LineEvent {
    std::string nodeId;
    std::string speakerId;
    std::string speakerName;
    std::string text;
    std::string mood; ///< the speaker's current portrait expression ("" = neutral/unset)
    bool operator==(const LineEvent&) const = default;
};

struct OptionView {
    std::size_t number = 0; ///< 1-based, as shown and as passed to Session::choose
    std::string text;
    bool available = true;
    std::string unavailableReason; ///< set when !available
    bool operator==(const OptionView&) const = default;
};

/// The trainee picks one of the options (hidden ones are not listed).
struct ChoiceEvent {
    std::string nodeId;
    std::string prompt;
    std::vector<OptionView> options;
    bool operator==(const ChoiceEvent&) const = default;
};

/// The trainee answers in their own words.
struct PromptEvent {
    std::string nodeId;
    std::string speakerId; ///< "" when nobody in particular is waiting
    std::string speakerName;
    std::string prompt;
    bool operator==(const PromptEvent&) const = default;
};

struct EndEvent {
    std::string nodeId;
    core::Outcome outcome = core::Outcome::Mixed;
    std::string title;
    std::string debrief;
    bool operator==(const EndEvent&) const = default;
};

using Event = std::variant<LineEvent, ChoiceEvent, PromptEvent, EndEvent>;

/// Evidence by principle id, so a transcript stands on its own without the scenario.
struct EvidenceItem {
    std::string principle;
    int amount = 0;
    bool operator==(const EvidenceItem&) const = default;
};

/// What the trainee's answer did: the feedback to show and the evidence it gave.
struct TurnResult {
    std::string nodeId;
    std::string answer;   ///< the option's text or the trainee's own words
    std::string route;    ///< respond nodes: the label of the route taken ("otherwise" if none)
    std::string feedback; ///< teaches why
    std::vector<EvidenceItem> evidence;
    bool operator==(const TurnResult&) const = default;
};

// ---- the transcript: what was said and decided, in order ----------------------------------

/// Someone in the scenario spoke.
struct SpokenLine {
    std::string nodeId;
    std::string speaker; ///< the speaker's name
    std::string text;    ///< what was said, rendered
    bool operator==(const SpokenLine&) const = default;
};

/// What the trainee answered at a choice or a prompt, and what it earned: the part both kinds
/// of decision share.
struct Decision {
    std::string nodeId;
    std::string text;     ///< the option's text or the trainee's own words
    std::string feedback; ///< the scenario's feedback on it
    std::vector<EvidenceItem> evidence;
    /// The words a reply may quote (`{said}`): a picked option's first clause, or the clause of a
    /// typed answer that decided its route (runtime's decidingWords).
    std::string said;
    std::vector<std::string> commits; ///< panels: commitment ids the answer made
    bool operator==(const Decision&) const = default;
};

/// The trainee picked an option.
struct PickedOption : Decision {
    std::size_t option = 0; ///< the number picked (1-based, as shown)
    /// Which option that was as written: its index in the node's options, the fallback being
    /// options.size() (shuffles and hidden options make the shown number differ). None in a save
    /// written before it was kept.
    std::optional<std::size_t> optionIndex;
    bool operator==(const PickedOption&) const = default;
};

/// The trainee answered in their own words.
struct TypedAnswer : Decision {
    std::string route; ///< the label of the route taken ("otherwise" if none)
    /// What the session's analyser detected in the words (the one analysis of this answer), when
    /// the session had one; a transcript restored from a save does not keep it.
    std::optional<core::UtteranceAnalysis> analysis;
    bool operator==(const TypedAnswer&) const = default;
};

/// The conversation reached an ending.
struct Ending {
    std::string nodeId;
    core::Outcome outcome = core::Outcome::Mixed;
    std::string title;
    bool operator==(const Ending&) const = default;
};

/// One entry of a session's transcript.
using TranscriptEntry = std::variant<SpokenLine, PickedOption, TypedAnswer, Ending>;

/// The decision an entry records (a picked option or a typed answer), or null.
[[nodiscard]] const Decision* decisionOf(const TranscriptEntry& entry);
/// How many entries of `transcript` are decisions.
[[nodiscard]] std::size_t countDecisions(const std::vector<TranscriptEntry>& transcript);
/// The node an entry was recorded at.
[[nodiscard]] const std::string& nodeIdOf(const TranscriptEntry& entry);
/// "line", "choice", "response" or "end", as saves and transcripts name them.
[[nodiscard]] std::string_view kindName(const TranscriptEntry& entry);

} // namespace sparring::runtime
