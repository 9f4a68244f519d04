#pragma once
// What the commands' `--format json` reports share: diagnostics as one JSON shape (lint, analyze
// and list print the same objects, so a tool reads them one way), and printing that never throws
// on text that is not UTF-8 (a file name, a scenario's text: printed with U+FFFD) and never writes
// a control character raw.

#include "core/Diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>

namespace sparring::console {

/// Each diagnostic as {"file", "line", "column", "severity", "code", "message"}.
[[nodiscard]] nlohmann::json diagnosticsJson(const core::Diagnostics& diagnostics);

/// `doc` indented by two, invalid UTF-8 replaced, DEL and the C1 controls escaped (a terminal shows
/// the report without acting on a file name or a scenario's text), and a newline.
void printJson(std::ostream& out, const nlohmann::json& doc);

} // namespace sparring::console
