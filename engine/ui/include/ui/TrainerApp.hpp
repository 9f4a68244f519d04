#pragma once
// The desktop trainer: an SFML window with Dear ImGui controls over the engine's public API.
// Screens: library -> briefing -> conversation -> debrief. A demo script drives it through the
// same event path as real input (for GUI tests and screenshots); a bench mode times frames.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

namespace sparring::ui {

struct GuiOptions {
    std::filesystem::path library = "scenarios";
    /// Input commands, one a line (see ui/DemoScript.hpp): `wait FRAMES`, `key NAME [ctrl] [shift]`,
    /// `text UTF-8...`, `click X Y`, `press LABEL [#N]`, `screenshot NAME`, `quit`. '#' starts a comment.
    std::optional<std::filesystem::path> demoScript;
    std::filesystem::path screenshots = "gui-screenshots";
    bool bench = false; ///< print start-up and frame times, then quit
    /// A scenario file to open at its briefing (added to the library when it is not in it).
    std::optional<std::filesystem::path> open;
    /// Reload the open scenario when it or an include is saved (F5 reloads by hand either way).
    bool watch = false;
    /// Where to write a session's transcript (JSON, as `sparring play --transcript`) when it ends;
    /// each finished attempt replaces the file, so it holds the latest (after a retry: the retried one).
    std::optional<std::filesystem::path> transcript;
    unsigned width = 1280;
    unsigned height = 800;
    std::filesystem::path font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    /// The dyslexia-friendly font the accessibility settings offer (Debian's fonts-opendyslexic).
    std::filesystem::path dyslexiaFont = "/usr/share/fonts/opentype/opendyslexic/OpenDyslexic-Regular.otf";
    /// Where the settings are read from and kept (trainer/SettingsFile.hpp); empty: the defaults,
    /// kept nowhere. The command line gives the default file, except to demo scripts, whose runs
    /// must not depend on (or change) the trainee's own settings unless given --settings.
    std::filesystem::path settings;
    /// The folder portraits are read from: `<assets>/<portrait image>/<expression>.svg`.
    std::filesystem::path assets = "assets";
    /// The scorer's trained models (acts.bin, tags.bin); without them typed answers are matched by
    /// their phrases only, and the trainer says so.
    std::filesystem::path models = "models";
    /// How fast a line appears, in characters per second; 0 shows it at once. Space, Enter or a
    /// click shows the rest of a line being revealed. Unset: the settings file's (default 50).
    std::optional<float> textSpeed;
    /// Where practice is recorded (progress/Store.hpp); empty: nowhere. The command line fills in
    /// the default store unless told --no-store.
    std::string store;
    std::string trainee = "trainee"; ///< whose practice it is
};

/// Runs the trainer until the window closes (or the demo script ends). Returns a process exit
/// code; problems (no display, a bad script) are explained on `err`, never a crash.
int runGui(const GuiOptions& options, std::ostream& out, std::ostream& err);

} // namespace sparring::ui
