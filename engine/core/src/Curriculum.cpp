#include "core/Curriculum.hpp"

#include "Suggest.hpp"
#include "YamlDocument.hpp"

#include <set>

namespace sparring::core {

namespace {

/// Reads the `curriculum:` section of a parsed file into `out`; problems go to the Reader.
void readCurriculum(Reader& r, const YamlNode& node, Curriculum& out)
{
    const auto view = r.map(node, "the curriculum", FormatObject::Curriculum);
    if (!view)
        return;
    if (const auto v = view->get("title"))
        out.title = r.text(*v, "the curriculum's title").value_or("");
    if (const auto v = view->get("description"))
        out.description = r.text(*v, "the curriculum's description").value_or("");
    const auto tracks = view->get("tracks");
    if (!tracks)
        return;
    if (!tracks->isSequence()) {
        r.error(*tracks, DiagnosticCode::WrongKindOfValue,
                "tracks must be a list, but it is " + describe(*tracks));
        return;
    }
    std::map<std::string, int> trackLines;
    for (const auto& item : *tracks) {
        const auto t = r.map(item, "a track", FormatObject::Track);
        if (!t)
            continue;
        Track track;
        track.where = r.at(item);
        if (const auto v = t->get("id")) {
            track.id = r.text(*v, "track id").value_or("");
            if (!track.id.empty() && !isIdentifier(track.id, true)) {
                r.error(*v, DiagnosticCode::ValueNotAllowed,
                        "track id " + quotedValue(track.id) +
                            " must be letters, digits, '_' and '-', starting with a letter");
                track.id.clear();
            }
        }
        if (const auto v = t->get("title"))
            track.title = r.text(*v, "track title").value_or("");
        if (const auto v = t->get("description"))
            track.description = r.text(*v, "track description").value_or("");
        if (const auto v = t->get("scenarios"))
            for (const auto& id : r.list(*v, "a track's scenarios"))
                if (const auto text = r.text(id, "a scenario id"))
                    track.scenarios.push_back({*text, r.at(id)});
        if (track.id.empty())
            continue;
        if (const auto first = trackLines.find(track.id); first != trackLines.end()) {
            r.error(item, DiagnosticCode::DefinedTwice,
                    "track '" + track.id + "' is defined twice (first on line " +
                        std::to_string(first->second) + ")");
            continue;
        }
        trackLines.emplace(track.id, track.where.line);
        out.tracks.push_back(std::move(track));
    }
}

} // namespace

CurriculumLoad loadCurriculum(const std::filesystem::path& file)
{
    CurriculumLoad result;
    auto doc = readDocument(file, result.diagnostics);
    if (!doc)
        return result;
    Reader reader(*doc, result.diagnostics);
    Curriculum curriculum;
    if (const auto view = reader.map(doc->root, "a curriculum file", FormatObject::CurriculumFile))
        if (const auto section = view->get("curriculum"))
            readCurriculum(reader, *section, curriculum);
    result.diagnostics.sortByLocation();
    if (!result.diagnostics.hasErrors())
        result.curriculum = std::move(curriculum);
    return result;
}

bool isCurriculumFile(const std::filesystem::path& file)
{
    Diagnostics ignored;
    const auto doc = readDocument(file, ignored);
    if (!doc)
        return false;
    const YamlNode& top = doc->root; // const: operator[] on a mutable node would insert
    return top["curriculum"] && !top["scenario"];
}

void checkAgainstLibrary(const Curriculum& curriculum, const std::string& curriculumFile,
                         const std::map<std::string, std::filesystem::path>& scenarioIds,
                         Diagnostics& diagnostics)
{
    std::vector<std::string> known;
    known.reserve(scenarioIds.size());
    for (const auto& [id, file] : scenarioIds)
        known.push_back(id);
    std::map<std::string, SourceLocation> placed;
    for (const auto& track : curriculum.tracks)
        for (const auto& item : track.scenarios) {
            if (!scenarioIds.contains(item.scenarioId)) {
                const auto suggestion = closestMatch(item.scenarioId, known);
                diagnostics.error(item.where, DiagnosticCode::TrackNamesUnknownScenario,
                                  "track '" + track.id + "' names the scenario " +
                                      quotedValue(item.scenarioId) +
                                      ", which no scenario file in the library declares" +
                                      (suggestion ? "; did you mean '" + *suggestion + "'?" : ""));
                continue;
            }
            if (const auto first = placed.find(item.scenarioId); first != placed.end()) {
                diagnostics.error(item.where, DiagnosticCode::ScenarioInTwoTracks,
                                  "the scenario '" + item.scenarioId + "' is already listed on line " +
                                      std::to_string(first->second.line) +
                                      "; a scenario has one place in the curriculum");
                continue;
            }
            placed.emplace(item.scenarioId, item.where);
        }
    for (const auto& [id, file] : scenarioIds)
        if (!placed.contains(id))
            diagnostics.warning({curriculumFile, 1, 1}, DiagnosticCode::ScenarioInNoTrack,
                                "the scenario '" + id + "' (" + file.generic_string() +
                                    ") is in no track: the library lists it under \"More scenarios\"; "
                                    "add it to the track it belongs to");
}

std::optional<std::string> declaredScenarioId(const std::filesystem::path& file)
{
    Diagnostics ignored;
    const auto doc = readDocument(file, ignored);
    if (!doc)
        return std::nullopt;
    const YamlNode& top = doc->root;
    const YamlNode header = top["scenario"];
    if (!header || !header.isMap())
        return std::nullopt;
    const YamlNode id = header["id"];
    if (!id || !id.isScalar() || id.scalar().empty())
        return std::nullopt;
    return std::string(id.scalar());
}

} // namespace sparring::core
