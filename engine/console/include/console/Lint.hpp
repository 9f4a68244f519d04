#pragma once
// `sparring lint`: checks scenario files and folders and reports every diagnostic.

#include "core/Diagnostic.hpp"
#include "core/Loader.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
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

/// What a path named on the command line stands for: a folder's .yaml files (yamlFilesUnder), or
/// the file itself. Nothing, after an SP0001 error located at the path with the system's reason,
/// when it is neither or cannot be read ("no such file or folder", "cannot read the folder:
/// cannot list it: permission denied", "cannot read it: too many symbolic links on its path (a
/// loop?)", "... the path is too long").
struct PathFiles {
    std::vector<std::filesystem::path> files;
    bool folder = false; ///< the path is a folder (files are what it holds)
};
[[nodiscard]] std::optional<PathFiles> filesOfPath(const std::filesystem::path& path,
                                                   core::Diagnostics& diagnostics);

/// False, after an SP0001 error located at the root saying why, when `options.libraryRoot` is
/// given and cannot be listed as a folder (core::folderProblem): checked before any file is loaded.
[[nodiscard]] bool libraryRootUsable(const core::LoadOptions& options, core::Diagnostics& diagnostics);

/// Lints each file, and every .yaml/.yml file under each folder (sorted, recursively).
/// A path that does not exist or cannot be read, and a --root that cannot be used, are reported as
/// SP0001 (filesOfPath, libraryRootUsable). A file without a `scenario:` section is
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
