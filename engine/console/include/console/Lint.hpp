#pragma once
// `sparring lint`: checks scenario files and folders and reports every diagnostic.

#include "core/Diagnostic.hpp"
#include "core/Loader.hpp"

#include <filesystem>
#include <iosfwd>
#include <vector>

namespace sparring::console {

struct LintSummary {
    std::size_t files = 0;
    core::Diagnostics diagnostics; ///< in file order, then by location
};

/// The .yaml and .yml files under `folder`, recursively, sorted: the files lint and analyze take
/// from a folder.
[[nodiscard]] std::vector<std::filesystem::path> yamlFilesUnder(const std::filesystem::path& folder);

/// Lints each file, and every .yaml/.yml file under each folder (sorted, recursively).
/// A path that does not exist is reported as SP0001.
[[nodiscard]] LintSummary lintPaths(const std::vector<std::filesystem::path>& paths,
                                    const core::LoadOptions& options);

/// One diagnostic per line, then "N files checked: E errors, W warnings".
void printLintHuman(std::ostream& out, const LintSummary& summary);
/// {"files": N, "errors": E, "warnings": W, "diagnostics": [{file, line, column, severity, code, message}]}
void printLintJson(std::ostream& out, const LintSummary& summary);

} // namespace sparring::console
