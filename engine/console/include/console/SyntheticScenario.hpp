#pragma once
// Synthetic scenarios for benchmarks and stress tests (`sparring generate`).
//
// Shape: `units` conversation steps; each is a rep line (n<i>) followed by a choice (c<i>) of
// three options, each guarded by a condition on the int variable `v`, applying an effect to it
// and going to a line: the first to the next unit (a ring, so every node is reachable), the
// other two to pseudo-random ones; plus a fallback to the single ending. So a scenario of N
// units has 2N + 1 nodes. The same options always give the same text.

#include <cstdint>
#include <string>

namespace sparring::console {

struct SyntheticOptions {
    std::size_t units = 1000;
    std::uint64_t seed = 1;
};

/// A complete, valid scenario file (framework and cast inline) as YAML text.
[[nodiscard]] std::string syntheticScenarioYaml(const SyntheticOptions& options);

} // namespace sparring::console
