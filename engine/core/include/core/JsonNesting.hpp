#pragma once
// Refusing deep or item-dense JSON before a parser sees it. The files Sparring reads as JSON
// (session saves, transcripts, labelled corpora) are a few levels deep and mostly text; nesting
// far beyond that is a damaged or hostile file (printing or destroying a deep value recurses once
// per level), and a file of tiny items ("[0,0,0,...]") would take tens of times its size as
// parsed values (Limits.hpp, itemsAllowed: the same rule as for YAML).

#include <optional>
#include <string>
#include <string_view>

namespace sparring::core {

/// What makes `text` a JSON file no Sparring file is, as a phrase to follow "the save is" or "it
/// is": "nested deeper than 64 levels of [ ] and { } (at byte N); ..." or "holds more items than
/// ..."; nothing when neither. A cheap scan, outside strings, that does not check the JSON is valid.
[[nodiscard]] std::optional<std::string> jsonShapeProblem(std::string_view text);

} // namespace sparring::core
