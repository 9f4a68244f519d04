#pragma once
// Loading scenario files: YAML in, a validated Scenario (or nothing) and every problem out.
// A file with any error never yields a Scenario, so nothing downstream sees a half-valid one.

#include "core/Curriculum.hpp"
#include "core/Diagnostic.hpp"
#include "core/Scenario.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::core {

struct LoadOptions {
    /// Includes may not leave this folder. Unset: the closest ancestor folder of the scenario
    /// named `scenarios`, or else the scenario's own folder.
    std::optional<std::filesystem::path> libraryRoot;
    /// Run the Validator's whole-graph checks (reachability, dead ends, cycles...).
    bool validate = true;
};

struct LoadResult {
    std::optional<Scenario> scenario; ///< set only when there are no errors
    Diagnostics diagnostics;          ///< errors and warnings, sorted by location
    /// Every file read: the scenario first, then its includes (absolute, canonical), kept even
    /// when there are errors, so a watcher can follow the files and lint can tell which
    /// shared files some scenario includes.
    std::vector<std::filesystem::path> sources;
};

/// Loads and validates the scenario in `file`. Locations are reported with `file` as given
/// (and includes relative to it), so relative paths stay relative.
[[nodiscard]] LoadResult loadScenario(const std::filesystem::path& file, const LoadOptions& options = {});

/// The same for text in memory; includes resolve against `baseDirectory`.
[[nodiscard]] LoadResult loadScenarioText(std::string_view text, const std::string& displayName,
                                          const std::filesystem::path& baseDirectory,
                                          const LoadOptions& options = {});

struct FrameworkLoadResult {
    std::optional<Framework> framework; ///< set only when there are no errors
    Diagnostics diagnostics;
};

/// Loads the framework section of a file (and of the files it includes) on its own: for the
/// scorer and `sparring classify`, which need the common language without a scenario.
[[nodiscard]] FrameworkLoadResult loadFramework(const std::filesystem::path& file,
                                                const LoadOptions& options = {});

/// What lint takes a file for: a scenario (a `scenario:` section), the curriculum (a
/// `curriculum:` section, core/Curriculum.hpp) or an include (anything else).
enum class FileRole { Scenario, Include, Curriculum };

struct LintReport {
    FileRole role = FileRole::Scenario;
    Diagnostics diagnostics;
    std::optional<Scenario> scenario;           ///< a scenario file without errors, loaded (for analyze)
    std::vector<std::filesystem::path> sources; ///< as LoadResult::sources (a scenario file only)
    bool declaresNothing = false;         ///< an included file with no framework, cast, variables or include
    std::optional<Curriculum> curriculum; ///< a curriculum file without errors, read
};

/// Checks one file: a scenario is loaded and validated; a curriculum is read (its scenarios are
/// checked against the library by the caller, who knows the library); an include (framework,
/// cast or variables only) is checked on its own.
[[nodiscard]] LintReport lintFile(const std::filesystem::path& file, const LoadOptions& options = {});

} // namespace sparring::core
