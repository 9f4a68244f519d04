#pragma once
// The trainer's settings between runs: a small YAML file, by default
// $XDG_CONFIG_HOME/sparring/settings.yaml (~/.config/sparring/settings.yaml without it).
//
//   text_size: 18            # 12..36
//   text_speed: 50           # characters per second; 0 shows a line at once
//   high_contrast: false
//   speech: false            # speak the lines
//   speech_volume: 80        # 0..100
//   speech_speed: 1.0        # 0.75..1.5 times each voice's own pace
//   speak_my_answers: false
//   dyslexia_font: false     # OpenDyslexic (Debian's fonts-opendyslexic)
//   reduce_motion: false     # lines appear whole
//   self_voicing: false      # what has focus is read aloud (V)
//
// Every key is optional. A value out of range is brought into range, a value of the wrong kind
// or an unknown key is reported (file:line:col) and left at its default; a file that is not YAML
// at all is reported, kept beside as settings.yaml.unreadable the first time settings are saved,
// and the defaults used. Reading never throws.

#include "trainer/Trainer.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sparring::trainer {

/// Where the settings live: $XDG_CONFIG_HOME/sparring/settings.yaml, or under ~/.config; empty
/// when neither variable is usable (then settings are not kept).
[[nodiscard]] std::filesystem::path defaultSettingsPath();

struct LoadedSettings {
    Settings settings;                 ///< `defaults` with what the file says applied
    std::vector<std::string> problems; ///< "settings.yaml:3:13: 'text_size' must be a number; ..."
    bool unreadable = false;           ///< the file is there but is not a settings file at all
};

/// Reads `file` over `defaults`. A missing file is no problem: the defaults come back.
[[nodiscard]] LoadedSettings readSettingsFile(const std::filesystem::path& file, const Settings& defaults);

/// The settings as the file holds them (the format above, with its comment line).
[[nodiscard]] std::string settingsText(const Settings& settings);

/// Keeps the trainer's settings in `file`: save() writes them when they changed since they were
/// read or last saved, atomically (a crash leaves the old file or the new one, never half).
class SettingsKeeper {
public:
    /// `file` empty: nothing is kept. `loaded`: what readSettingsFile gave for it.
    SettingsKeeper(std::filesystem::path file, const LoadedSettings& loaded);
    /// Writes `settings` if they differ from the file's. The reason it could not, once per
    /// reason; nothing when it wrote or had nothing to write.
    std::optional<std::string> save(const Settings& settings);
    [[nodiscard]] const std::filesystem::path& file() const { return m_file; }

private:
    std::filesystem::path m_file;
    Settings m_saved;
    std::optional<Settings> m_failed; ///< the settings the last failed write was of
    bool m_keepUnreadable = false;    ///< move the unreadable file aside before the first write
    std::string m_lastProblem;
};

} // namespace sparring::trainer
