#pragma once
// `sparring new roleplay|panel ID`: a starter scenario an author edits into their own. It lints
// clean, analyses clean and plays to each of its endings as written, and its comments point at
// the guide (scenarios/README.md) for every part.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::console {

enum class StarterKind { Roleplay, Panel };

/// The starter's text. `includePrefix` is the relative path from the new file's folder to the
/// library root ("../" for scenarios/roleplay/), so its includes and the schema its first line
/// names for editors (schema/scenario.schema.json) resolve.
[[nodiscard]] std::string starterScenario(StarterKind kind, const std::string& id,
                                          const std::string& includePrefix);

/// A scenario id as `sparring new` and `sparring import` accept it: a letter, then letters,
/// digits, '-' and '_'.
[[nodiscard]] bool isScenarioId(std::string_view id);

/// A folder inside a scenario library, and how a scenario there includes the library's files.
struct LibraryFolder {
    std::filesystem::path folder; ///< absolute
    std::filesystem::path root;   ///< the closest enclosing folder named `scenarios`
    std::string includePrefix;    ///< from `folder` to `root`: "../" for scenarios/roleplay/
};
/// Where `dir` sits in a library whose root holds each of `needed` (paths relative to the root);
/// nothing, and the reason in `why`, when it is in none (the reason ends "use " + `elsewhere`, the
/// command's way to write elsewhere) or a file is missing.
[[nodiscard]] std::optional<LibraryFolder> libraryFolderOf(const std::filesystem::path& dir,
                                                           const std::vector<std::string>& needed,
                                                           const std::string& elsewhere, std::string& why);

/// Where `sparring new` writes, and the include prefix to use there: `dir` must be inside a
/// library (a folder named `scenarios` holding framework/default.yaml, and for a panel
/// cast/experts.yaml). Returns the reason when it is not.
struct StarterPlace {
    std::filesystem::path file;
    std::string includePrefix;
};
[[nodiscard]] std::optional<StarterPlace> starterPlace(StarterKind kind, const std::string& id,
                                                       const std::filesystem::path& dir, std::string& why);

} // namespace sparring::console
