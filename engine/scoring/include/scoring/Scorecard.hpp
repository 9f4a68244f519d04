#pragma once
// A session's scorecard: per-principle scores and session-level measures, each traceable to the
// turns that produced it. Principle scores add the evidence authored on picked options and
// free-text routes to what the analyser detected in the trainee's own words, weighted by the
// framework's `scoring` section.
//
// Session measures (MITI-style, over everything the trainee said, picked or typed):
//   questions vs statements; reflections per question (MITI: 1 fair, 2 good); the share of words
//   spoken by the trainee vs the others; and "asked before advising": an advice turn counts as
//   asked-first when the trainee's previous turn since the other side last spoke (or an earlier
//   sentence of the same turn) was a question, a reflection or a request for permission. A topic
//   is the stretch between two things the other side says.

#include "core/Scenario.hpp"
#include "runtime/Events.hpp"
#include "scoring/Analyser.hpp"

#include <string>
#include <vector>

namespace sparring::scoring {

/// Where a number came from: a transcript entry and what in it counted.
struct Trace {
    std::size_t entry = 0; ///< index into the session's transcript
    std::string source;    ///< "option evidence", "route evidence", "act advice", "tag takeover" ...
    double amount = 0;
    bool operator==(const Trace&) const = default;
};

struct PrincipleScore {
    std::string principle; ///< id
    std::string name;
    double score = 0;
    std::vector<Trace> traces;
};

struct Measure {
    std::string name;     ///< "questions", "statements", "reflections per question" ...
    double value = 0;
    std::vector<std::size_t> entries; ///< transcript entries that count
};

struct Scorecard {
    std::vector<PrincipleScore> principles; ///< framework order
    std::vector<Measure> measures;
    std::vector<std::pair<std::size_t, Analysis>> analyses; ///< per trainee turn (entry, what was detected)
    [[nodiscard]] const Measure* measure(std::string_view name) const;
};

/// Scores a transcript. `analyser` reads every trainee turn (picked options too, for the measures).
[[nodiscard]] Scorecard buildScorecard(const core::Scenario& scenario, const std::vector<runtime::TranscriptEntry>& transcript,
                                       const Analyser& analyser);

} // namespace sparring::scoring
