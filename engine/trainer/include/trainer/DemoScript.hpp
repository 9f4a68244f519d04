#pragma once
// Demo scripts: the trainer driven by a file of input commands, for GUI tests, screenshots and the
// timing mode. Read and checked whole, once, into typed commands before anything runs; the desktop
// front end turns them into the same window events a person's keyboard and mouse make, so a script
// exercises the real input path. One command a line ('#' starts a comment):
//   wait FRAMES | key NAME [ctrl] [shift] | text UTF-8... | click X Y | scroll X Y NOTCHES |
//   press LABEL [#N] | screenshot NAME | quit
// `press` clicks the control shown with that label (the Nth such, from 1, when several are on
// screen), wherever the layout put it; prefer it to `click`, whose coordinates break when a screen
// changes. `scroll` turns the mouse wheel over a window position, NOTCHES down (negative: up),
// for what is below the fold.
// Key names: Num1..Num9, Enter, Space, Escape, Up, Down, Left, Right, Tab, Add, Subtract, F2, V.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sparring::trainer {

enum class DemoKey {
    Num1,
    Num2,
    Num3,
    Num4,
    Num5,
    Num6,
    Num7,
    Num8,
    Num9,
    Enter,
    Space,
    Escape,
    Up,
    Down,
    Left,
    Right,
    Tab,
    Add,
    Subtract,
    F2,
    V
};

/// The key with that script name ("Num1", "Enter" ...), if it is one.
[[nodiscard]] std::optional<DemoKey> demoKeyNamed(std::string_view name);

struct WaitFrames {
    int frames = 0;
    bool operator==(const WaitFrames&) const = default;
};
struct PressKey {
    DemoKey key = DemoKey::Enter;
    bool control = false;
    bool shift = false;
    bool operator==(const PressKey&) const = default;
};
struct TypeText {
    std::string text; ///< UTF-8
    bool operator==(const TypeText&) const = default;
};
struct ClickAt {
    int x = 0;
    int y = 0;
    bool operator==(const ClickAt&) const = default;
};
struct ScrollAt {
    int x = 0;
    int y = 0;
    int notches = 0; ///< down when positive, up when negative
    bool operator==(const ScrollAt&) const = default;
};
struct PressControl {
    std::string label;
    int occurrence = 1; ///< the Nth control with the label, from 1
    bool operator==(const PressControl&) const = default;
};
struct TakeScreenshot {
    std::string name;
    bool operator==(const TakeScreenshot&) const = default;
};
struct Quit {
    bool operator==(const Quit&) const = default;
};

using DemoAction =
    std::variant<WaitFrames, PressKey, TypeText, ClickAt, ScrollAt, PressControl, TakeScreenshot, Quit>;

struct DemoCommand {
    DemoAction action;
    int line = 0; ///< in the script, for messages
    bool operator==(const DemoCommand&) const = default;
};

/// Parses one command line (no comment, not blank). Returns the problem on failure.
[[nodiscard]] std::variant<DemoAction, std::string> parseDemoCommand(std::string_view text);

/// Reads and checks a whole script (verbs, key names, numbers) before anything runs; a problem is
/// reported as `file:line: error: ...` on `err` and gives nothing.
[[nodiscard]] std::optional<std::vector<DemoCommand>> readDemoScript(const std::filesystem::path& file,
                                                                     std::ostream& err);

} // namespace sparring::trainer
