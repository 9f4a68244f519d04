#pragma once
// What counts as UTF-8: the one rule for every text file Sparring reads (scenario files, and
// Twine stories for `sparring import twee`), decided by ICU.

#include <cstddef>
#include <optional>
#include <string_view>

namespace sparring::core {

/// The byte offset of the first ill-formed UTF-8 sequence in `text` (an overlong form, a
/// surrogate, a stray or missing continuation byte...), or nothing when all of it is UTF-8.
[[nodiscard]] std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

} // namespace sparring::core
