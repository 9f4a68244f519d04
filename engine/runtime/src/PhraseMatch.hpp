#pragma once
// Phrase matching for respond routes: case-insensitive, on word boundaries, tolerant of curly
// quotes and repeated spaces. Until the scorer lands this is how free text is routed.

#include "core/Scenario.hpp"

#include <string>
#include <string_view>

namespace sparring::runtime {

/// Lower-cased text with curly quotes straightened and runs of whitespace made one space.
[[nodiscard]] std::string normaliseForMatching(std::string_view text);

/// Whether `phrase` (already normalised) occurs in `normalisedText` with a word boundary on
/// both sides.
[[nodiscard]] bool containsPhrase(std::string_view normalisedText, std::string_view phrase);

/// Whether the phrase lists of `match` are satisfied (acts and tags are checked elsewhere).
[[nodiscard]] bool phrasesMatch(const core::ResponseMatch& match, std::string_view normalisedText);

} // namespace sparring::runtime
