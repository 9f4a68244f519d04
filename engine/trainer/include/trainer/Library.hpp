#pragma once
// The scenario library as the trainer shows it: every scenario file under a folder, loaded, or
// listed with its diagnostics when it is broken (a broken file never hides the others).

#include "core/Curriculum.hpp"
#include "core/Diagnostic.hpp"
#include "core/Scenario.hpp"
#include "progress/NextDrill.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sparring::trainer {

struct LibraryEntry {
    std::filesystem::path file;
    std::shared_ptr<const core::Scenario> scenario; ///< empty when the file has errors
    core::Diagnostics diagnostics;
    /// The file and the includes it read (core::LoadResult::sources): what a reload watches.
    std::vector<std::filesystem::path> sources;
};

/// Scenario files (those with a `scenario:` section) under `folder`, recursively; loaded ones
/// first by title, broken ones after by file name. Each file is read and loaded once.
[[nodiscard]] std::vector<LibraryEntry> scanLibrary(const std::filesystem::path& folder);

/// One scenario file, loaded (or with the diagnostics that stop it loading); nothing when the
/// file is not a scenario (a shared framework or cast).
[[nodiscard]] std::optional<LibraryEntry> loadEntry(const std::filesystem::path& file);

/// What the library screen shows: a kind, a focus principle (by name) and words to search for.
struct LibraryFilter {
    enum class Kind { All, Roleplays, Panels };
    Kind kind = Kind::All;
    std::string principle; ///< "" for all principles
    std::string search;    ///< matched case-insensitively in titles and summaries
    bool operator==(const LibraryFilter&) const = default;
};

/// Whether a loaded scenario passes the filter.
[[nodiscard]] bool passes(const core::Scenario& scenario, const LibraryFilter& filter);

/// The library's curriculum (core/Curriculum.hpp): `<folder>/curriculum.yaml`, read and checked
/// against the library's scenarios. A library without the file has no curriculum and no problem.
struct LibraryCurriculum {
    std::optional<core::Curriculum> curriculum; ///< empty when there is none or it has errors
    core::Diagnostics diagnostics;              ///< its problems, shown with the broken files
};
[[nodiscard]] LibraryCurriculum readCurriculum(const std::filesystem::path& folder,
                                               const std::vector<LibraryEntry>& library);

/// One group of scenarios as the library shows it: a track of the curriculum in its order, or
/// the scenarios in no track.
struct Shelf {
    std::string id;                   ///< the track's id; "" for those in no track
    std::string title;                ///< the track's title; "More scenarios" for those in no track
    std::string description;          ///< the track's description
    std::vector<std::size_t> entries; ///< indices into the library: playable scenarios, in order
    std::vector<int> positions;       ///< each entry's place in its whole track (1-based); 0 off-track
};

/// The playable scenarios the filter lets through, on the curriculum's tracks in its order (a
/// scenario keeps its place number when a filter hides others), then those in no track on a
/// "More scenarios" shelf, by title. A shelf with nothing left to show is left out. Without a
/// curriculum: one shelf with no title, every scenario by title.
[[nodiscard]] std::vector<Shelf> arrangeShelves(const std::vector<LibraryEntry>& library,
                                                const core::Curriculum* curriculum,
                                                const LibraryFilter& filter);

/// The playable scenarios in the order the library shows them (the curriculum's tracks, then the
/// rest), with their focus principles: what the next drill is chosen from (progress/NextDrill.hpp).
[[nodiscard]] std::vector<progress::DrillOption> drillOptions(const std::vector<LibraryEntry>& library,
                                                              const LibraryCurriculum& curriculum);

/// The names of the principles any loaded scenario's framework has, in first-seen order: the
/// library's principle filter offers these.
[[nodiscard]] std::vector<std::string> principleNames(const std::vector<LibraryEntry>& library);

} // namespace sparring::trainer
