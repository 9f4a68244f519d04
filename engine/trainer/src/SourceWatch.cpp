#include "trainer/SourceWatch.hpp"

#include <algorithm>

namespace sparring::trainer {

namespace fs = std::filesystem;

std::optional<SourceWatch::Stamp> SourceWatch::stampOf(const fs::path& file)
{
    std::error_code ec;
    const auto written = fs::last_write_time(file, ec);
    if (ec)
        return std::nullopt;
    const auto size = fs::file_size(file, ec);
    if (ec)
        return std::nullopt;
    return Stamp{written, size};
}

void SourceWatch::watch(std::vector<fs::path> files)
{
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    std::vector<std::optional<Stamp>> stamps;
    for (const auto& file : files) {
        // A file already followed keeps its stamp: a save made while a reload was reading is
        // then still news at the next look.
        const auto known = std::find(m_files.begin(), m_files.end(), file);
        stamps.push_back(known != m_files.end() ? m_stamps[static_cast<std::size_t>(known - m_files.begin())]
                                                : stampOf(file));
    }
    m_files = std::move(files);
    m_stamps = std::move(stamps);
}

bool SourceWatch::changed()
{
    bool any = false;
    for (std::size_t i = 0; i < m_files.size(); ++i) {
        auto now = stampOf(m_files[i]);
        if (now != m_stamps[i]) {
            m_stamps[i] = now;
            any = true;
        }
    }
    return any;
}

} // namespace sparring::trainer
