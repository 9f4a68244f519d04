#include "trainer/DemoScript.hpp"

#include "core/Files.hpp"
#include "core/Limits.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <ostream>
#include <sstream>

namespace sparring::trainer {

namespace {

constexpr std::array<std::string_view, 21> kKeyNames{
    "Num1",   "Num2", "Num3", "Num4", "Num5",  "Num6", "Num7", "Num8",     "Num9", "Enter", "Space",
    "Escape", "Up",   "Down", "Left", "Right", "Tab",  "Add",  "Subtract", "F2",   "V"};

/// `press`'s argument: the label, with a trailing " #N" picking the Nth control with it.
PressControl pressControl(const std::string& argument)
{
    PressControl target{argument, 1};
    if (const auto hash = argument.rfind(" #"); hash != std::string::npos) {
        const std::string number = argument.substr(hash + 2);
        if (!number.empty() && number.size() < 6 &&
            std::all_of(number.begin(), number.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
            target.label = argument.substr(0, hash);
            target.occurrence = std::max(1, std::stoi(number));
        }
    }
    while (!target.label.empty() && target.label.back() == ' ')
        target.label.pop_back();
    return target;
}

} // namespace

std::optional<DemoKey> demoKeyNamed(std::string_view name)
{
    const auto it = std::find(kKeyNames.begin(), kKeyNames.end(), name);
    if (it == kKeyNames.end())
        return std::nullopt;
    return static_cast<DemoKey>(it - kKeyNames.begin());
}

std::variant<DemoAction, std::string> parseDemoCommand(std::string_view line)
{
    std::istringstream words{std::string(line)};
    std::string verb, argument;
    words >> verb;
    std::getline(words, argument);
    if (!argument.empty() && argument.front() == ' ')
        argument.erase(0, 1);
    std::istringstream args(argument);
    if (verb == "wait") {
        int frames = -1;
        if (!(args >> frames) || frames < 0)
            return std::string("wait needs a number of frames, 0 or more");
        return WaitFrames{frames};
    }
    if (verb == "click") {
        int x = -1, y = -1;
        if (!(args >> x >> y) || x < 0 || y < 0)
            return std::string("click needs two pixel coordinates, X Y");
        return ClickAt{x, y};
    }
    if (verb == "scroll") {
        int x = -1, y = -1, notches = 0;
        if (!(args >> x >> y >> notches) || x < 0 || y < 0 || notches == 0)
            return std::string("scroll needs a pixel position and the notches to turn, X Y NOTCHES (not 0)");
        return ScrollAt{x, y, notches};
    }
    if (verb == "key") {
        std::string name, modifier;
        args >> name;
        const auto key = demoKeyNamed(name);
        if (!key)
            return "unknown key '" + name + "'";
        PressKey press{*key, false, false};
        while (args >> modifier) {
            if (modifier != "ctrl" && modifier != "shift")
                return "unknown modifier '" + modifier + "' (ctrl, shift)";
            press.control = press.control || modifier == "ctrl";
            press.shift = press.shift || modifier == "shift";
        }
        return press;
    }
    if (verb == "text")
        return TypeText{argument};
    if (verb == "press") {
        auto target = pressControl(argument);
        if (target.label.empty())
            return std::string("press needs the label of a control");
        return target;
    }
    if (verb == "screenshot") {
        if (argument.empty())
            return std::string("screenshot needs a name");
        return TakeScreenshot{argument};
    }
    if (verb == "quit")
        return Quit{};
    return "unknown command '" + verb + "' (wait, key, text, click, scroll, press, screenshot, quit)";
}

std::optional<std::vector<DemoCommand>> readDemoScript(const std::filesystem::path& file, std::ostream& err)
{
    auto read = core::readInputFile(file, core::limits::maxScriptBytes);
    if (!read.text) {
        err << "sparring: cannot read demo script " << file.string() << ": " << read.reason << "\n";
        return std::nullopt;
    }
    std::istringstream in(std::move(*read.text));
    std::vector<DemoCommand> out;
    std::string text;
    int number = 0;
    while (std::getline(in, text)) {
        ++number;
        const auto start = text.find_first_not_of(" \t\r");
        if (start == std::string::npos || text[start] == '#')
            continue;
        if (text.back() == '\r')
            text.pop_back();
        auto parsed = parseDemoCommand(std::string_view(text).substr(start));
        if (const auto* problem = std::get_if<std::string>(&parsed)) {
            err << file.string() << ":" << number << ": error: " << *problem << "\n";
            return std::nullopt;
        }
        out.push_back({std::get<DemoAction>(std::move(parsed)), number});
    }
    return out;
}

} // namespace sparring::trainer
