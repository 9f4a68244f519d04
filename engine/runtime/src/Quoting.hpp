#pragma once
// The trainee's own words as a scenario line may quote them (`{said}`), and what they have
// committed to (`{recap}`): the texts the engine supplies to a template (core::BuiltinText).

#include "core/Scenario.hpp"
#include "core/TextSegmenter.hpp"
#include "core/UtteranceAnalyser.hpp"
#include "runtime/Events.hpp"

#include <string>
#include <string_view>

namespace sparring::runtime {

/// The clause of `text` around the byte span [begin, end), as typed, short enough to quote: at
/// most kQuotedWords words (cut with "…" around the span when longer), without the punctuation
/// that ends it. A clause ends at . ! ? ; : , and dashes; one of fewer than three words is
/// widened to its sentence.
[[nodiscard]] std::string clauseAround(std::string_view text, std::size_t begin, std::size_t end);
inline constexpr std::size_t kQuotedWords = 14;

/// The words of a typed answer that decided its route, quoted by clauseAround: the evidence of the
/// first tag the route asks for, else the first of its `any` phrases found in the words, else the
/// evidence of the detected act when it asks for acts; else (otherwise, or nothing located) the
/// first clause.
[[nodiscard]] std::string decidingWords(std::string_view text, const core::Segmented& words,
                                        const core::Route* route, const core::UtteranceAnalysis* analysis,
                                        core::TextSegmenter& segmenter);

/// What the trainee has committed to so far: the headline (first) commitment of each answer that
/// made any, in order, each once, as the scenario names it, joined as an English list ("a, b and
/// c"); "nothing specific yet" when none. Only the headline, so that a recap of a whole panel
/// stays a sentence a moderator would say.
[[nodiscard]] std::string recapOf(const core::Scenario& scenario,
                                  const std::vector<TranscriptEntry>& transcript);

} // namespace sparring::runtime
