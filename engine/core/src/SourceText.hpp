#pragma once
// Reading a source file safely before YAML sees it: size limit, UTF-8 validity, nesting depth.

#include "core/Diagnostic.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sparring::core {

/// Reads `path` and checks it is loadable; reports problems as SP0001/3/4/5 diagnostics under
/// the name `displayName`. Returns the text without a leading UTF-8 byte order mark.
[[nodiscard]] std::optional<std::string>
readSourceFile(const std::filesystem::path& path, const std::string& displayName, Diagnostics& diagnostics);

/// The same checks on text already in memory (tests, fuzzing). False when an error was added.
[[nodiscard]] bool checkSourceText(std::string_view text, const std::string& displayName,
                                   Diagnostics& diagnostics);

/// 1-based line and column (in code points) of a byte offset.
[[nodiscard]] SourceLocation locationOf(std::string_view text, std::size_t offset, const std::string& file);

} // namespace sparring::core
