#pragma once
// Noticing that files were saved: the open scenario and the includes it read, for live reload.
// Polled (the trainer asks a few times a second) rather than subscribed to, so it sees a save
// however an editor makes it (in place, or a new file renamed over the old) on any filesystem,
// and costs a stat per file per poll.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace sparring::trainer {

class SourceWatch {
public:
    /// Follows `files` from now on: what they are now is the baseline of a file not followed
    /// before; one already followed keeps its baseline (so a save that lands while a reload reads
    /// the files is still seen). An empty list stops following.
    void watch(std::vector<std::filesystem::path> files);
    [[nodiscard]] const std::vector<std::filesystem::path>& files() const { return m_files; }
    /// Whether any file changed (written, replaced, created or deleted) since the baseline or
    /// the last call that said so; the change becomes the new baseline.
    [[nodiscard]] bool changed();

private:
    /// What a file is now: its modification time and size, or nothing when it is missing.
    struct Stamp {
        std::filesystem::file_time_type written;
        std::uintmax_t size = 0;
        bool operator==(const Stamp&) const = default;
    };
    [[nodiscard]] static std::optional<Stamp> stampOf(const std::filesystem::path& file);

    std::vector<std::filesystem::path> m_files;
    std::vector<std::optional<Stamp>> m_stamps;
};

} // namespace sparring::trainer
