#pragma once
// `sparring lint`: checks scenario files and folders and reports every diagnostic.

#include "core/Diagnostic.hpp"
#include "core/Loader.hpp"

#include <filesystem>
#include <iosfwd>
#include <vector>

namespace sparring::console {

/// What lint took a file for, and which checked scenarios include it.
struct LintedFile {
    std::filesystem::path path; ///< as named (or found under a named folder)
    core::FileRole role = core::FileRole::Scenario;
    std::vector<std::filesystem::path> includedBy; ///< scenarios of this run that include it
};

struct LintSummary {
    std::size_t files = 0;
    std::vector<LintedFile> checked; ///< one per file, in the order checked
    core::Diagnostics diagnostics;   ///< in file order, then by location
};

/// The .yaml and .yml files under `folder`, recursively, sorted: the files lint and analyze take
/// from a folder.
[[nodiscard]] std::vector<std::filesystem::path> yamlFilesUnder(const std::filesystem::path& folder);

/// Lints each file, and every .yaml/.yml file under each folder (sorted, recursively).
/// A path that does not exist is reported as SP0001. A file without a `scenario:` section is
/// checked as an included file; when no scenario of the run includes it, SP0024 says so (a
/// scenario that lost its `scenario:` key would otherwise pass as a fragment).
[[nodiscard]] LintSummary lintPaths(const std::vector<std::filesystem::path>& paths,
                                    const core::LoadOptions& options);

/// One diagnostic per line, then "N files checked (S scenarios, I included files): E errors,
/// W warnings".
void printLintHuman(std::ostream& out, const LintSummary& summary);
/// {"files": N, "errors": E, "warnings": W, "diagnostics": [{file, line, column, severity, code,
/// message}], "checked": [{file, role: "scenario"|"include", includedBy: [file...]}]}
void printLintJson(std::ostream& out, const LintSummary& summary);

} // namespace sparring::console
