#pragma once
// The labelled utterance corpus: JSON Lines, one utterance a line (assets/corpus/LABELLING.md).

#include "core/Diagnostic.hpp"
#include "core/Labels.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sparring::scoring {

struct LabelledUtterance {
    std::string text;
    core::Act act = core::Act::Other;
    std::string depth; ///< "simple" or "complex" for reflections, else ""
    std::vector<std::string> tags;
    std::string topic;
    int line = 0;
};

struct CorpusReadResult {
    std::vector<LabelledUtterance> items; ///< the valid lines
    core::Diagnostics diagnostics;        ///< SP0601 for each bad line; SP0001 if the file cannot be read
};

/// Reads a corpus file; a bad line is reported (file:line) and skipped, never fatal.
[[nodiscard]] CorpusReadResult readCorpus(const std::filesystem::path& file);

} // namespace sparring::scoring
