#include "console/List.hpp"

#include "JsonReport.hpp"
#include "core/Utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace sparring::console {

namespace {

using trainer::LibraryEntry;

/// A file's text made safe for a terminal: scenario titles come from files someone else wrote.
std::string safe(const std::string& text)
{
    return core::terminalSafe(text, false);
}

std::string kindOf(const core::Scenario& s)
{
    return s.meta.kind == core::ScenarioKind::Panel ? "panel" : "role-play";
}

std::string focusOf(const core::Scenario& s)
{
    std::string out;
    for (const auto p : s.meta.focus)
        out += (out.empty() ? "" : ", ") + s.framework.principles[p].id;
    return out;
}

/// The columns of one scenario's row, before alignment.
std::array<std::string, 7> rowOf(const LibraryEntry& entry, int position)
{
    const auto& s = *entry.scenario;
    return {position > 0 ? std::to_string(position) + "." : "-",
            safe(s.meta.id),
            safe(s.meta.title),
            kindOf(s),
            std::to_string(s.meta.minutes) + " min",
            std::string(core::toString(s.meta.difficulty)),
            focusOf(s)};
}

/// Width on a terminal, counted in code points (the titles are text, not wide CJK).
std::size_t widthOf(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<trainer::Shelf> shelvesOf(const std::vector<LibraryEntry>& library,
                                      const trainer::LibraryCurriculum& curriculum)
{
    return trainer::arrangeShelves(library, curriculum.curriculum ? &*curriculum.curriculum : nullptr, {});
}

} // namespace

void printListHuman(std::ostream& out, const std::vector<LibraryEntry>& library,
                    const trainer::LibraryCurriculum& curriculum)
{
    const auto shelves = shelvesOf(library, curriculum);
    std::array<std::size_t, 7> widths{};
    for (const auto& shelf : shelves)
        for (std::size_t k = 0; k < shelf.entries.size(); ++k) {
            const auto row = rowOf(library[shelf.entries[k]], shelf.positions[k]);
            for (std::size_t c = 0; c < row.size(); ++c)
                widths[c] = std::max(widths[c], widthOf(row[c]));
        }
    if (curriculum.curriculum && !curriculum.curriculum->title.empty())
        out << safe(curriculum.curriculum->title) << "\n";
    std::size_t playable = 0;
    for (const auto& shelf : shelves) {
        out << "\n";
        if (!shelf.title.empty())
            out << safe(shelf.title) << "\n";
        for (std::size_t k = 0; k < shelf.entries.size(); ++k) {
            const auto row = rowOf(library[shelf.entries[k]], shelf.positions[k]);
            std::string line = "  ";
            for (std::size_t c = 0; c < row.size(); ++c) {
                // The place number is aligned right, the minutes too; the last column is not padded.
                const std::string pad(widths[c] - widthOf(row[c]), ' ');
                const bool right = c == 0 || c == 4;
                line += right ? pad + row[c] : row[c];
                if (c + 1 < row.size())
                    line += right ? "  " : pad + "  ";
            }
            out << line << "\n";
            ++playable;
        }
    }
    std::size_t broken = 0;
    for (const auto& entry : library)
        if (!entry.scenario) {
            if (broken++ == 0)
                out << "\nCannot be played until fixed (sparring lint FILE says why):\n";
            const auto errors = entry.diagnostics.errorCount();
            out << "  " << safe(entry.file.generic_string()) << ": " << errors
                << (errors == 1 ? " error" : " errors") << "\n";
        }
    if (!curriculum.diagnostics.empty()) {
        out << "\nThe curriculum:\n";
        for (const auto& d : curriculum.diagnostics.items())
            out << "  " << safe(core::format(d)) << "\n";
    }
    out << "\n" << playable << (playable == 1 ? " scenario" : " scenarios");
    if (curriculum.curriculum)
        out << " on " << curriculum.curriculum->tracks.size()
            << (curriculum.curriculum->tracks.size() == 1 ? " track" : " tracks");
    if (broken > 0)
        out << ", " << broken << " that cannot be played";
    out << "\n";
}

void printListJson(std::ostream& out, const std::vector<LibraryEntry>& library,
                   const trainer::LibraryCurriculum& curriculum)
{
    using nlohmann::json;
    json tracks = json::array();
    for (const auto& shelf : shelvesOf(library, curriculum)) {
        json scenarios = json::array();
        for (std::size_t k = 0; k < shelf.entries.size(); ++k) {
            const auto& entry = library[shelf.entries[k]];
            const auto& s = *entry.scenario;
            json focus = json::array();
            for (const auto p : s.meta.focus)
                focus.push_back(s.framework.principles[p].id);
            scenarios.push_back({{"position", shelf.positions[k]},
                                 {"id", s.meta.id},
                                 {"title", s.meta.title},
                                 {"kind", s.meta.kind == core::ScenarioKind::Panel ? "panel" : "roleplay"},
                                 {"minutes", s.meta.minutes},
                                 {"difficulty", std::string(core::toString(s.meta.difficulty))},
                                 {"focus", focus},
                                 {"file", entry.file.generic_string()}});
        }
        tracks.push_back({{"id", shelf.id},
                          {"title", shelf.title},
                          {"description", shelf.description},
                          {"scenarios", scenarios}});
    }
    json broken = json::array();
    for (const auto& entry : library)
        if (!entry.scenario)
            broken.push_back(
                {{"file", entry.file.generic_string()}, {"errors", entry.diagnostics.errorCount()}});
    json doc{{"tracks", tracks}, {"broken", broken}, {"problems", diagnosticsJson(curriculum.diagnostics)}};
    if (curriculum.curriculum)
        doc["curriculum"] = {{"title", curriculum.curriculum->title},
                             {"description", curriculum.curriculum->description}};
    printJson(out, doc); // a file name that is not UTF-8 is printed with U+FFFD, not a crash
}

} // namespace sparring::console
