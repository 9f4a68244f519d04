#pragma once
// A session record as JSON: the form of a session kept in a fallback file when the store could
// not be written, and of `sparring report --format json`. Reading is strict: a field of the
// wrong type or a missing one is a StoreError naming the field, never a half-read record.

#include "progress/SessionRecord.hpp"

#include <string>
#include <string_view>

namespace sparring::progress {

/// One line of JSON (no newline in it).
[[nodiscard]] std::string toJsonText(const SessionRecord& session);

/// Reads what toJsonText wrote; `where` names the source in errors. Throws StoreError.
[[nodiscard]] SessionRecord recordFromJsonText(std::string_view text, const std::string& where);

} // namespace sparring::progress
