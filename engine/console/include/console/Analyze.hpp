#pragma once
// `sparring analyze`: what every path through a scenario can do (core/PathAnalysis.hpp), as
// located diagnostics and a report per ending, for people (text) and tools (JSON).

#include "core/Loader.hpp"
#include "core/PathAnalysis.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace sparring::console {

/// One ending as the report shows it.
struct EndingReport {
    std::string id;
    std::string outcome; ///< good, mixed or poor
    std::string title;
    bool reached = false;
    /// Per principle of the framework: {id, worst total, best total} over paths that reach it.
    struct Range {
        std::string principle;
        std::int64_t worst = 0;
        std::int64_t best = 0;
    };
    std::vector<Range> totals;
    /// The path with the fewest decisions, as lines for `play --script` (an option's number as
    /// shown with seed 1, `@route LABEL` at a prompt).
    std::vector<std::string> script;
    /// Set when the script cannot replay that path with seed 1 (it depends on a roll).
    std::string scriptNote;
};

/// A path that reaches a good ending with a focus principle below zero (SP0501), as lines for
/// `play --script`, so the author can play the hole the error names.
struct BreachReport {
    std::string ending;
    std::string principle;
    std::vector<std::string> script;
    std::string scriptNote; ///< as EndingReport::scriptNote
};

struct ScenarioAnalysis {
    std::string file;
    bool analysed = false;         ///< false: it did not load (its errors are in `diagnostics`)
    core::Diagnostics diagnostics; ///< the loader's, then the analysis's
    std::optional<core::PathAnalysis> paths;
    std::vector<EndingReport> endings;
    std::vector<BreachReport> breaches;
};

struct AnalyzeSummary {
    std::vector<ScenarioAnalysis> scenarios;
    std::size_t otherFilesSkipped = 0; ///< files without a scenario: includes, the curriculum
    [[nodiscard]] bool hasErrors() const;
};

/// Analyses each scenario file, and every scenario under each folder (includes are skipped).
/// A path that does not exist is reported as SP0001.
[[nodiscard]] AnalyzeSummary analyzePaths(const std::vector<std::filesystem::path>& paths,
                                          const core::LoadOptions& loadOptions,
                                          const core::PathAnalysisOptions& options);

/// The lines of `play --script` that replay `path` from the start with seed 1; `note` says where
/// they stop matching it when a roll takes seed 1 elsewhere.
[[nodiscard]] std::vector<std::string>
scriptForPath(const core::Scenario& scenario, const std::vector<core::PathStep>& path, std::string& note);

/// Diagnostics, one per line, then for each scenario its size, the range of a play, and each
/// ending with its totals and shortest path. Every text from content is printed through
/// core::terminalSafe: no control character from a file or its name reaches the terminal.
void printAnalyzeHuman(std::ostream& out, const AnalyzeSummary& summary);
/// One JSON document: {"scenarios": [{file, analysed, states, decisions, partial, plays:
/// {decisions: [min, max|null], minutes: [min, max|null]}, endings: [...], diagnostics: [...]}]}
void printAnalyzeJson(std::ostream& out, const AnalyzeSummary& summary);

} // namespace sparring::console
