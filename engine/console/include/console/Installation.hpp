#pragma once
// Where the program's data lives. Everything is found relative to the executable, so the same
// binary works from the build tree, from `cmake --install` under any prefix and from the .deb:
//
//   <prefix>/bin/sparring            (the build tree: build/<preset>/tools/sparring)
//   <prefix>/share/sparring/scenarios   the shipped library and the default framework
//   <prefix>/share/sparring/assets      portraits and other art
//   <prefix>/share/sparring/models      the scorer's trained models
//
// The build stages the same share/sparring/ folder beside its tools/ folder (scenarios and assets
// as links to the source tree, the models trained into it), so nothing absolute is compiled in.

#include <filesystem>

namespace sparring::console {

struct Installation {
    std::filesystem::path data; ///< <prefix>/share/sparring

    [[nodiscard]] std::filesystem::path scenarios() const { return data / "scenarios"; }
    [[nodiscard]] std::filesystem::path framework() const
    {
        return scenarios() / "framework" / "default.yaml";
    }
    [[nodiscard]] std::filesystem::path assets() const { return data / "assets"; }
    [[nodiscard]] std::filesystem::path models() const { return data / "models"; }
};

/// The installation an executable at `executable` belongs to: `<its folder>/../share/sparring`.
[[nodiscard]] Installation installationOf(const std::filesystem::path& executable);

/// The running program's own file (Linux: /proc/self/exe), or `argv0` made absolute when that
/// cannot be read.
[[nodiscard]] std::filesystem::path runningExecutable(const char* argv0);

} // namespace sparring::console
