#pragma once
// The scenario library as the trainer shows it: every scenario file under a folder, loaded, or
// listed with its diagnostics when it is broken (a broken file never hides the others).

#include "core/Diagnostic.hpp"
#include "core/Scenario.hpp"

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

/// The names of the principles any loaded scenario's framework has, in first-seen order: the
/// library's principle filter offers these.
[[nodiscard]] std::vector<std::string> principleNames(const std::vector<LibraryEntry>& library);

} // namespace sparring::trainer
