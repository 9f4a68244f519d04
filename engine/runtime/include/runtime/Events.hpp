#pragma once
// What a Session hands out and records: plain values that every front end (terminal player,
// GUI, tests, a future voice) renders its own way.

#include "core/Scenario.hpp"

#include <cstdint>
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

/// One entry of a session's transcript.
struct TranscriptEntry {
    enum class Kind { Line, Choice, Response, End };
    Kind kind = Kind::Line;
    std::string nodeId;
    std::string speaker;       ///< Line: the speaker's name
    std::string text;          ///< Line: what was said; Choice/Response: the trainee's answer; End: title
    std::size_t option = 0;    ///< Choice: the number picked (1-based)
    std::string route;         ///< Response: the route taken
    std::string feedback;      ///< Choice/Response
    std::vector<EvidenceItem> evidence;
    std::string outcome;       ///< End: good, mixed or poor
    bool operator==(const TranscriptEntry&) const = default;
};

[[nodiscard]] std::string_view toString(TranscriptEntry::Kind kind);

} // namespace sparring::runtime
