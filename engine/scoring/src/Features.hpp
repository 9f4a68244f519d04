#pragma once
// What the statistical classifier sees of an utterance: its folded words and a few structural
// markers (question marks, sentence count, how the last sentence opens). Training and prediction
// both go through here, so they can never disagree.

#include "core/TextSegmenter.hpp"

#include <string>

namespace sparring::scoring {

using core::Segmented;

/// A space-separated fastText input line (no labels).
[[nodiscard]] std::string featureLine(const Segmented& text);

} // namespace sparring::scoring
