#pragma once
// The curriculum: the library's scenarios grouped into tracks, each in the order a new manager
// should play them ("New manager: first weeks", "Deal coaching", ...). It is data, in one file at
// the top of the library (scenarios/curriculum.yaml, scenarios/README.md "The curriculum"), so an
// enablement lead reorders or adds a track without touching a scenario. The trainer's library
// and `sparring list` show it; lint checks it against the scenarios beside it.

#include "core/Diagnostic.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sparring::core {

/// The name the library's curriculum file has, at the top of the library folder.
inline constexpr const char* kCurriculumFileName = "curriculum.yaml";

struct TrackItem {
    std::string scenarioId;
    SourceLocation where; ///< where the track names it, for lint
};

struct Track {
    std::string id;
    std::string title;
    std::string description;
    std::vector<TrackItem> scenarios; ///< in the order to play them
    SourceLocation where;
};

struct Curriculum {
    std::string title;
    std::string description;
    std::vector<Track> tracks;
};

struct CurriculumLoad {
    std::optional<Curriculum> curriculum; ///< set only when there are no errors
    Diagnostics diagnostics;
};

/// Reads and checks a curriculum file on its own: its keys, texts, and track ids (unique, with
/// dashes allowed as in scenario ids). Which scenarios exist is checked by checkAgainstLibrary.
[[nodiscard]] CurriculumLoad loadCurriculum(const std::filesystem::path& file);

/// Whether a parsed file's top level has a `curriculum` section (and no `scenario`).
[[nodiscard]] bool isCurriculumFile(const std::filesystem::path& file);

/// The curriculum's tracks against the scenarios of its library, by id (with the file each is
/// in): a track naming no such scenario is an error (SP0040, with the closest id), a scenario
/// named twice is an error (SP0041), a scenario of the library in no track a warning (SP0042,
/// at `curriculumFile`, since the scenario file itself is not at fault).
void checkAgainstLibrary(const Curriculum& curriculum, const std::string& curriculumFile,
                         const std::map<std::string, std::filesystem::path>& scenarioIds,
                         Diagnostics& diagnostics);

/// The scenario id a file declares (`scenario: {id: ...}`), read without loading the scenario;
/// nothing when the file cannot be parsed or has no scenario id. Lint uses it to find the
/// scenarios beside a curriculum, broken ones included.
[[nodiscard]] std::optional<std::string> declaredScenarioId(const std::filesystem::path& file);

} // namespace sparring::core
