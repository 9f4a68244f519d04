#pragma once
// Refusing deep JSON before a parser sees it. The files Sparring reads as JSON (session saves,
// transcripts, labelled corpora) are a few levels deep; nesting far beyond that is a damaged or
// hostile file, and printing or destroying a deep value recurses once per level.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sparring::core {

/// The byte offset of the first `[` or `{` (outside strings) that opens a level deeper than
/// limits::maxJsonNesting, or nothing. A cheap scan that does not check the JSON is valid.
[[nodiscard]] std::optional<std::size_t> firstExcessiveJsonNesting(std::string_view text);

/// The message for such a file: "nested deeper than 64 levels of [ ] and { } (at byte N); ..."
[[nodiscard]] std::string jsonNestingMessage(std::size_t offset);

} // namespace sparring::core
