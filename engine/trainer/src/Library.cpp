#include "trainer/Library.hpp"

#include "core/Loader.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace sparring::trainer {

namespace fs = std::filesystem;

std::vector<LibraryEntry> scanLibrary(const fs::path& folder)
{
    std::vector<LibraryEntry> out;
    std::error_code ec;
    std::vector<fs::path> files;
    for (auto it =
             fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) &&
            (it->path().extension() == ".yaml" || it->path().extension() == ".yml"))
            files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files)
        if (auto entry = loadEntry(file))
            out.push_back(std::move(*entry));
    std::stable_sort(out.begin(), out.end(), [](const LibraryEntry& a, const LibraryEntry& b) {
        if (static_cast<bool>(a.scenario) != static_cast<bool>(b.scenario))
            return static_cast<bool>(a.scenario);
        return a.scenario && b.scenario && a.scenario->meta.title < b.scenario->meta.title;
    });
    return out;
}

std::optional<LibraryEntry> loadEntry(const fs::path& file)
{
    auto lint = core::lintFile(file); // a scenario file is loaded whole by it
    if (lint.role != core::FileRole::Scenario)
        return std::nullopt; // frameworks, casts and the curriculum are not playable
    LibraryEntry entry{file, nullptr, std::move(lint.diagnostics), std::move(lint.sources)};
    if (lint.scenario)
        entry.scenario = std::make_shared<const core::Scenario>(std::move(*lint.scenario));
    return entry;
}

namespace {

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

} // namespace

bool passes(const core::Scenario& s, const LibraryFilter& filter)
{
    if (filter.kind == LibraryFilter::Kind::Roleplays && s.meta.kind != core::ScenarioKind::Roleplay)
        return false;
    if (filter.kind == LibraryFilter::Kind::Panels && s.meta.kind != core::ScenarioKind::Panel)
        return false;
    if (!filter.principle.empty() &&
        std::none_of(s.meta.focus.begin(), s.meta.focus.end(),
                     [&](std::size_t p) { return s.framework.principles[p].name == filter.principle; }))
        return false;
    const std::string needle = lower(filter.search);
    return needle.empty() || lower(s.meta.title).find(needle) != std::string::npos ||
           lower(s.meta.summary).find(needle) != std::string::npos;
}

LibraryCurriculum readCurriculum(const fs::path& folder, const std::vector<LibraryEntry>& library)
{
    LibraryCurriculum out;
    const fs::path file = folder / core::kCurriculumFileName;
    std::error_code ec;
    if (!fs::exists(file, ec))
        return out;
    auto loaded = core::loadCurriculum(file);
    out.diagnostics = std::move(loaded.diagnostics);
    if (!loaded.curriculum)
        return out;
    std::map<std::string, fs::path> ids;
    for (const auto& entry : library) {
        if (entry.scenario)
            ids.emplace(entry.scenario->meta.id, entry.file);
        else if (const auto id = core::declaredScenarioId(entry.file)) // broken, but it has a place
            ids.emplace(*id, entry.file);
    }
    core::checkAgainstLibrary(*loaded.curriculum, file.generic_string(), ids, out.diagnostics);
    if (!out.diagnostics.hasErrors())
        out.curriculum = std::move(loaded.curriculum);
    return out;
}

std::vector<Shelf> arrangeShelves(const std::vector<LibraryEntry>& library,
                                  const core::Curriculum* curriculum, const LibraryFilter& filter)
{
    std::map<std::string, std::size_t> byId;
    for (std::size_t i = 0; i < library.size(); ++i)
        if (library[i].scenario)
            byId.emplace(library[i].scenario->meta.id, i);
    const auto shown = [&](std::size_t i) { return passes(*library[i].scenario, filter); };
    std::vector<Shelf> shelves;
    std::set<std::size_t> placed;
    if (curriculum != nullptr)
        for (const auto& track : curriculum->tracks) {
            Shelf shelf{track.id, track.title, track.description, {}, {}};
            for (std::size_t k = 0; k < track.scenarios.size(); ++k) {
                const auto found = byId.find(track.scenarios[k].scenarioId);
                if (found == byId.end()) // broken: listed with the broken files
                    continue;
                placed.insert(found->second);
                if (shown(found->second)) {
                    shelf.entries.push_back(found->second);
                    shelf.positions.push_back(static_cast<int>(k) + 1);
                }
            }
            if (!shelf.entries.empty())
                shelves.push_back(std::move(shelf));
        }
    Shelf rest{"", curriculum != nullptr ? "More scenarios" : "", "", {}, {}};
    for (std::size_t i = 0; i < library.size(); ++i) // already by title (scanLibrary)
        if (library[i].scenario && !placed.contains(i) && shown(i)) {
            rest.entries.push_back(i);
            rest.positions.push_back(0);
        }
    if (!rest.entries.empty())
        shelves.push_back(std::move(rest));
    return shelves;
}

std::vector<progress::DrillOption> drillOptions(const std::vector<LibraryEntry>& library,
                                                const LibraryCurriculum& curriculum)
{
    std::vector<progress::DrillOption> out;
    for (const auto& shelf :
         arrangeShelves(library, curriculum.curriculum ? &*curriculum.curriculum : nullptr, {}))
        for (const auto index : shelf.entries) {
            const auto& scenario = *library[index].scenario;
            progress::DrillOption option{scenario.meta.id, scenario.meta.title, {}, {}};
            for (const auto principle : scenario.meta.focus) {
                option.focus.push_back(scenario.framework.principles[principle].id);
                option.focusNames.push_back(scenario.framework.principles[principle].name);
            }
            out.push_back(std::move(option));
        }
    return out;
}

std::vector<std::string> principleNames(const std::vector<LibraryEntry>& library)
{
    std::vector<std::string> names;
    for (const auto& e : library)
        if (e.scenario)
            for (const auto& p : e.scenario->framework.principles)
                if (std::find(names.begin(), names.end(), p.name) == names.end())
                    names.push_back(p.name);
    return names;
}

} // namespace sparring::trainer
