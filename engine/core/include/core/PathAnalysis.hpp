#pragma once
// What every path through a scenario can do, found before any trainee plays it: a search over
// the trainee's decision points and the state they stand in (variables, the visit counts that
// conditions read, once-only options used), with identical states merged, so a scenario whose
// branches rejoin is explored once per distinct state, not once per path. Every available option
// (or the fallback), every route of a free-text prompt and its `otherwise`, and every outcome of a
// seeded roll (random()) is followed; cycles are handled.
//
// From that graph: for each ending, whether it is reached, the best and worst total per
// principle over the paths that reach it (authored evidence only: what the scorer detects in
// free text is not known before it is typed), and the path with the fewest decisions to it; for
// the scenario, nodes no path reaches, loops that never reach a decision, and the range of
// decisions and minutes a play takes. `analysisDiagnostics` turns these into coded findings
// (SP0501-SP0505, scenarios/README.md).
//
// Approximations, all documented in the guide: a visit count is tracked only for nodes that a
// condition or effect reads through visits()/visited(), and only up to kVisitCap (a count past it
// reads as kVisitCap); score() is not part of the state: each read is answered with every region
// of totals its comparisons with constants tell apart (so both sides of `score(x) >= 0` are
// explored), and an ending reached on an assumption about score() has its totals cut to it; a
// prompt's routes are all explored, whatever words would take them; the
// search stops at `maxStates` decision states and then says its result is partial.

#include "core/Diagnostic.hpp"
#include "core/Scenario.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace sparring::core {

struct PathAnalysisOptions {
    /// Decision states explored before the search stops with a partial result. At about 200 bytes
    /// a state plus its edges, the default stays under 100 MB.
    std::size_t maxStates = 250'000;
    /// Outcomes of the random() draws of one step followed at most (the rest are not explored;
    /// the result is then partial).
    std::size_t maxRollsPerStep = 4096;
};

/// Visit counts past this read as this many (see the header comment).
inline constexpr std::uint32_t kVisitCap = 16;

/// One decision on a path: at `node`, the option (index into its options; the fallback is
/// options.size()) or the route (index into its routes; `otherwise` is routes.size()).
struct PathStep {
    std::size_t node = 0;
    std::size_t answer = 0;
    bool operator==(const PathStep&) const = default;
};

/// A total that loops can push without limit (a cycle that adds or removes evidence each time).
inline constexpr std::int64_t kUnboundedLow = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t kUnboundedHigh = std::numeric_limits<std::int64_t>::max();

struct EndingPaths {
    std::size_t node = 0; ///< the end node
    bool reached = false;
    std::vector<std::int64_t> worst; ///< per principle (framework order): the lowest total to here
    std::vector<std::int64_t> best;  ///< ... and the highest
    std::vector<PathStep> shortest;  ///< the fewest decisions to here
    /// False when the ending is reached but no path giving the totals its score() conditions
    /// need was found within the search's budget: `shortest` is then empty, not a path.
    bool shortestFound = true;
};

/// A good ending reached while a focus principle is below zero: the scenario rewards breaking
/// what it exists to teach.
struct FocusBreach {
    std::size_t ending = 0;
    std::size_t principle = 0;
    std::int64_t total = 0; ///< kUnboundedLow when a loop can push it down without limit
    std::vector<PathStep> path;
};

/// Where a walk between decisions comes back to a state it was in, so it would run forever.
struct EndlessLoop {
    std::size_t node = 0;
};

struct PathAnalysis {
    std::vector<EndingPaths> endings; ///< every end node, in node order
    std::vector<char> nodeReached;    ///< by node index
    std::vector<FocusBreach> breaches;
    std::vector<EndlessLoop> loops;
    std::size_t states = 0; ///< decision states explored
    std::size_t edges = 0;  ///< decisions between them
    bool partial = false;   ///< the search stopped at a budget: what is unreached may be reachable
    std::size_t minDecisions = 0;
    std::optional<std::size_t> maxDecisions; ///< none: a loop makes plays as long as you like
    double minMinutes = 0;
    std::optional<double> maxMinutes;
};

/// The analysis of a loaded (valid) scenario.
[[nodiscard]] PathAnalysis analysePaths(const Scenario& scenario, const PathAnalysisOptions& options = {});

/// The findings as diagnostics, located at the nodes concerned: SP0501 (error) a good ending with
/// a focus principle below zero, SP0502 (error) an ending no path reaches, SP0503 (warning) a node
/// the graph reaches but no path does, SP0504 (error) a loop without decisions, SP0505 (warning)
/// the result is partial. Unreached endings and nodes are not reported when it is partial.
[[nodiscard]] Diagnostics analysisDiagnostics(const Scenario& scenario, const PathAnalysis& analysis);

} // namespace sparring::core
