#pragma once
// The scenario library as the trainer shows it: every scenario file under a folder, loaded, or
// listed with its diagnostics when it is broken (a broken file never hides the others).

#include "core/Diagnostic.hpp"
#include "core/Scenario.hpp"

#include <filesystem>
#include <memory>
#include <vector>

namespace sparring::ui {

struct LibraryEntry {
    std::filesystem::path file;
    std::shared_ptr<const core::Scenario> scenario; ///< empty when the file has errors
    core::Diagnostics diagnostics;
};

/// Scenario files (those with a `scenario:` section) under `folder`, recursively; loaded ones
/// first by title, broken ones after by file name.
[[nodiscard]] std::vector<LibraryEntry> scanLibrary(const std::filesystem::path& folder);

} // namespace sparring::ui
