#pragma once
// Demo scripts: the trainer driven by a file of input commands, for GUI tests, screenshots and the
// timing mode. Commands become the same SFML events a person's keyboard and mouse make, so a
// script exercises the real input path. One command a line ('#' starts a comment):
//   wait FRAMES | key NAME [ctrl] [shift] | text UTF-8... | click X Y | press LABEL [#N] |
//   screenshot NAME | quit
// `press` clicks the control shown with that label (the Nth such, from 1, when several are on
// screen), wherever the layout put it; prefer it to `click`, whose coordinates break when a screen
// changes.
// Key names: Num1..Num9, Enter, Space, Escape, Up, Down, Left, Right, Tab, Add, Subtract, F2.

#include <SFML/Window/Event.hpp>

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace sparring::ui {

struct DemoCommand {
    std::string verb;
    std::string argument; ///< the rest of the line
    int line = 0;
};

/// Reads and checks a whole script (verbs, key names, numbers) before anything runs; a problem is
/// reported as `file:line: error: ...` on `err` and gives nothing.
[[nodiscard]] std::optional<std::vector<DemoCommand>> readDemoScript(const std::filesystem::path& file, std::ostream& err);

/// The events an input command (key, text, click) makes: those to handle in this frame, and the
/// releases for the next one (a press and its release in one frame would be a non-event to ImGui).
struct DemoInput {
    std::vector<sf::Event> now;
    std::vector<sf::Event> nextFrame;
};
[[nodiscard]] DemoInput demoInput(const DemoCommand& command);

/// A click at a window position (what `click X Y` makes).
[[nodiscard]] DemoInput clickAt(int x, int y);

/// `press`: the label and which of the controls with it (1 for the first).
struct PressTarget {
    std::string label;
    int occurrence = 1;
};
[[nodiscard]] PressTarget pressTarget(const DemoCommand& command);

} // namespace sparring::ui
