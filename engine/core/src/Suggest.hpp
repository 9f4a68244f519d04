#pragma once
// "Did you mean" suggestions for misspelt keys, ids and names.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::core {

/// Edit distance (insert, delete, substitute, transpose adjacent) between two byte strings.
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible typo
/// (distance at most a third of the word's length, and at least 1 allowed; at most 3).
[[nodiscard]] std::optional<std::string> closestMatch(std::string_view word,
                                                      const std::vector<std::string>& candidates);

} // namespace sparring::core
