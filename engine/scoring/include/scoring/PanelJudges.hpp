#pragma once
// The panel as judges. Each round of a panel (a choice or a prompt) gives each expert a position
// in their own voice: the commitments they welcome and those they resist (core::Position). An
// answer, picked or typed, commits the trainee to things (the option's or route's `commits`), and
// each expert judges it by those alone:
//   welcomed and nothing resisted -> agrees;  resisted and nothing welcomed -> disagrees;
//   both, or neither -> is not sure.
// So one answer draws different verdicts, and an expert never contradicts their own position.
//
// What they say is their line for the commitment that decided it (for a split verdict, the
// welcomed one's line then the resisted one's; for neither, their "unmoved" line), with `{said}`
// quoting the answer. Lines are never repeated in a session: each expert's lines are chosen in
// transcript order, the first alternative they have not said yet; when every alternative is
// used, the verdict stands without a line. Because the choice depends only on the transcript, a
// replay, an undo or a retry shows the same reactions.

#include "core/Scenario.hpp"
#include "runtime/Events.hpp"

#include <string>
#include <vector>

namespace sparring::scoring {

enum class Verdict { Agree, Mixed, Disagree };

struct Reaction {
    std::string expertId;
    std::string expertName;
    Verdict verdict = Verdict::Mixed;
    std::string stance;                ///< the expert's position on the round, as authored
    std::vector<std::string> welcomed; ///< commitment ids of the answer the expert welcomes
    std::vector<std::string> resisted; ///< ... and resists
    std::string line;                  ///< what they say; empty once their alternatives are used up
    bool operator==(const Reaction&) const = default;
};

[[nodiscard]] std::string_view toString(Verdict verdict);

/// The verdict of one position on an answer's commitments (ids; unknown ids count for nothing).
[[nodiscard]] Verdict verdictOf(const core::Scenario& scenario, const core::Position& position,
                                const std::vector<std::string>& commits);

/// The reactions to every decision of a panel transcript, entry by entry (empty for entries that
/// are not decisions, for rounds without positions, and for role-plays). Experts react in cast
/// order.
[[nodiscard]] std::vector<std::vector<Reaction>>
judgeTranscript(const core::Scenario& scenario, const std::vector<runtime::TranscriptEntry>& transcript);

/// The reactions to the decision at transcript entry `entry` (judgeTranscript's entry).
[[nodiscard]] std::vector<Reaction> judgeDecision(const core::Scenario& scenario,
                                                  const std::vector<runtime::TranscriptEntry>& transcript,
                                                  std::size_t entry);

} // namespace sparring::scoring
