#include "trainer/Library.hpp"

#include "core/Loader.hpp"

#include <algorithm>

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
    if (lint.role == core::FileRole::Include)
        return std::nullopt; // frameworks and casts are not playable
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
