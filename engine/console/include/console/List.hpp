#pragma once
// `sparring list`: the library as the trainer's library screen shows it, in the terminal: each
// track of the curriculum with its scenarios in order (place, id, title, kind, minutes,
// difficulty, focus), then the scenarios in no track, then what cannot be played and why.

#include "trainer/Library.hpp"

#include <ostream>

namespace sparring::console {

/// Human-readable: a heading per track and one aligned row per scenario.
void printListHuman(std::ostream& out, const std::vector<trainer::LibraryEntry>& library,
                    const trainer::LibraryCurriculum& curriculum);

/// One JSON document: {curriculum, tracks: [{id, title, description, scenarios: [...]}],
/// broken: [{file, errors}], problems: [diagnostics]}; the scenarios in no track are the track
/// with an empty id.
void printListJson(std::ostream& out, const std::vector<trainer::LibraryEntry>& library,
                   const trainer::LibraryCurriculum& curriculum);

} // namespace sparring::console
