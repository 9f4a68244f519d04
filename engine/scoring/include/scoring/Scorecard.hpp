#pragma once
// A session's scorecard: per-principle scores and how the trainee spoke, each number traceable to
// the transcript entries that produced it. Principle scores add the evidence authored on picked
// options and free-text routes to what the analyser detected in the trainee's own words, weighed
// by the framework's `scoring` section (core::Framework::weightsFor).
//
// How the trainee spoke (MITI-style, over everything the trainee said, picked or typed):
//   questions vs statements; reflections per question (MITI: 1 fair, 2 good); the share of words
//   spoken by the trainee vs the others; and "asked before advising": an advice turn counts as
//   asked-first when the trainee's previous turn since the other side last spoke (or an earlier
//   sentence of the same turn) was a question, a reflection or a request for permission. A topic
//   is the stretch between two things the other side says.

#include "core/Scenario.hpp"
#include "runtime/Events.hpp"
#include "scoring/Analyser.hpp"

#include <optional>
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
    bool operator==(const PrincipleScore&) const = default;
};

/// A count or ratio and the transcript entries it rests on.
struct Measure {
    double value = 0;
    std::vector<std::size_t> entries;
    bool operator==(const Measure&) const = default;
};

struct SpeechMeasures {
    Measure questions;
    Measure statements;
    Measure reflections;            ///< reflections and summaries
    Measure reflectionsPerQuestion; ///< reflections / questions (0 without questions)
    Measure traineeShareOfWords;    ///< 0..1, of all words spoken in the session
    Measure adviceGiven;
    Measure adviceAfterAskingFirst;
    bool operator==(const SpeechMeasures&) const = default;
};

struct Scorecard {
    std::vector<PrincipleScore> principles; ///< framework order
    SpeechMeasures speech;
    bool operator==(const Scorecard&) const = default;
};

/// What was detected in a typed answer: the analysis the session recorded with it, or, when the
/// record has none (a transcript restored from a save), `analyser`'s now; nothing without either.
[[nodiscard]] std::optional<Analysis> typedAnalysis(const runtime::TypedAnswer& answer,
                                                    const Analyser* analyser);

/// What was detected in each transcript entry the trainee said, by entry index (nothing for the
/// other entries): typed answers by typedAnalysis; picked options' texts classified once, when
/// there is an analyser. Every decision is analysed at most once.
[[nodiscard]] std::vector<std::optional<Analysis>>
analyseDecisions(const std::vector<runtime::TranscriptEntry>& transcript, const Analyser* analyser);

/// Scores a transcript from the analyses of its decisions (analyseDecisions).
[[nodiscard]] Scorecard buildScorecard(const core::Scenario& scenario,
                                       const std::vector<runtime::TranscriptEntry>& transcript,
                                       const std::vector<std::optional<Analysis>>& analyses);

/// The same, analysing the decisions first.
[[nodiscard]] Scorecard buildScorecard(const core::Scenario& scenario,
                                       const std::vector<runtime::TranscriptEntry>& transcript,
                                       const Analyser& analyser);

} // namespace sparring::scoring
