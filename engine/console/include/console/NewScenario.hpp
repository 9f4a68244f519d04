#pragma once
// `sparring new roleplay|panel ID`: a starter scenario an author edits into their own. It lints
// clean, analyses clean and plays to each of its endings as written, and its comments point at
// the guide (scenarios/README.md) for every part.

#include <filesystem>
#include <optional>
#include <string>

namespace sparring::console {

enum class StarterKind { Roleplay, Panel };

/// The starter's text. `includePrefix` is the relative path from the new file's folder to the
/// library root ("../" for scenarios/roleplay/), so its includes and the schema its first line
/// names for editors (schema/scenario.schema.json) resolve.
[[nodiscard]] std::string starterScenario(StarterKind kind, const std::string& id,
                                          const std::string& includePrefix);

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
