#include "DemoScript.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

namespace sparring::ui {

namespace {

std::optional<sf::Keyboard::Key> keyNamed(const std::string& name)
{
    static const std::map<std::string, sf::Keyboard::Key> keys{
        {"Num1", sf::Keyboard::Num1},   {"Num2", sf::Keyboard::Num2},     {"Num3", sf::Keyboard::Num3},
        {"Num4", sf::Keyboard::Num4},   {"Num5", sf::Keyboard::Num5},     {"Num6", sf::Keyboard::Num6},
        {"Num7", sf::Keyboard::Num7},   {"Num8", sf::Keyboard::Num8},     {"Num9", sf::Keyboard::Num9},
        {"Enter", sf::Keyboard::Enter}, {"Space", sf::Keyboard::Space},   {"Escape", sf::Keyboard::Escape},
        {"Up", sf::Keyboard::Up},       {"Down", sf::Keyboard::Down},     {"Left", sf::Keyboard::Left},
        {"Right", sf::Keyboard::Right}, {"Tab", sf::Keyboard::Tab},       {"Add", sf::Keyboard::Add},
        {"Subtract", sf::Keyboard::Subtract}, {"F2", sf::Keyboard::F2}};
    if (const auto it = keys.find(name); it != keys.end())
        return it->second;
    return std::nullopt;
}

/// What is wrong with a command's argument, or empty.
std::string problemWith(const DemoCommand& c)
{
    std::istringstream words(c.argument);
    if (c.verb == "wait") {
        int frames = -1;
        if (!(words >> frames) || frames < 0)
            return "wait needs a number of frames, 0 or more";
    } else if (c.verb == "click") {
        int x = -1, y = -1;
        if (!(words >> x >> y) || x < 0 || y < 0)
            return "click needs two pixel coordinates, X Y";
    } else if (c.verb == "key") {
        std::string name, modifier;
        words >> name;
        if (!keyNamed(name))
            return "unknown key '" + name + "'";
        while (words >> modifier)
            if (modifier != "ctrl" && modifier != "shift")
                return "unknown modifier '" + modifier + "' (ctrl, shift)";
    } else if (c.verb == "screenshot" && c.argument.empty()) {
        return "screenshot needs a name";
    } else if (c.verb == "press" && pressTarget(c).label.empty()) {
        return "press needs the label of a control";
    }
    return {};
}

} // namespace

std::optional<std::vector<DemoCommand>> readDemoScript(const std::filesystem::path& file, std::ostream& err)
{
    std::ifstream in(file);
    if (!in) {
        err << "sparring: cannot read demo script " << file.string() << "\n";
        return std::nullopt;
    }
    std::vector<DemoCommand> out;
    std::string text;
    int number = 0;
    static const std::vector<std::string> verbs{"wait", "key", "text", "click", "press", "screenshot", "quit"};
    while (std::getline(in, text)) {
        ++number;
        const auto start = text.find_first_not_of(" \t\r");
        if (start == std::string::npos || text[start] == '#')
            continue;
        if (text.back() == '\r')
            text.pop_back();
        std::istringstream words(text.substr(start));
        DemoCommand c;
        c.line = number;
        words >> c.verb;
        std::getline(words, c.argument);
        if (!c.argument.empty() && c.argument.front() == ' ')
            c.argument.erase(0, 1);
        if (std::find(verbs.begin(), verbs.end(), c.verb) == verbs.end()) {
            err << file.string() << ":" << number << ": error: unknown command '" << c.verb
                << "' (wait, key, text, click, press, screenshot, quit)\n";
            return std::nullopt;
        }
        if (const auto problem = problemWith(c); !problem.empty()) {
            err << file.string() << ":" << number << ": error: " << problem << "\n";
            return std::nullopt;
        }
        out.push_back(std::move(c));
    }
    return out;
}

DemoInput clickAt(int x, int y)
{
    DemoInput input;
    sf::Event move;
    move.type = sf::Event::MouseMoved;
    move.mouseMove = {x, y};
    input.now.push_back(move);
    sf::Event press;
    press.type = sf::Event::MouseButtonPressed;
    press.mouseButton = {sf::Mouse::Left, x, y};
    input.now.push_back(press);
    sf::Event release = press;
    release.type = sf::Event::MouseButtonReleased;
    input.nextFrame.push_back(release);
    return input;
}

PressTarget pressTarget(const DemoCommand& c)
{
    PressTarget target{c.argument, 1};
    // A trailing " #N" picks the Nth control with the label.
    if (const auto hash = c.argument.rfind(" #"); hash != std::string::npos) {
        const std::string number = c.argument.substr(hash + 2);
        if (!number.empty() && number.size() < 6 && std::all_of(number.begin(), number.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
            target.label = c.argument.substr(0, hash);
            target.occurrence = std::max(1, std::stoi(number));
        }
    }
    while (!target.label.empty() && target.label.back() == ' ')
        target.label.pop_back();
    return target;
}

DemoInput demoInput(const DemoCommand& c)
{
    DemoInput input;
    if (c.verb == "text") {
        const sf::String text = sf::String::fromUtf8(c.argument.begin(), c.argument.end());
        for (const auto ch : text) {
            sf::Event e;
            e.type = sf::Event::TextEntered;
            e.text.unicode = ch;
            input.now.push_back(e);
        }
    } else if (c.verb == "click") {
        std::istringstream xy(c.argument);
        int x = 0, y = 0;
        xy >> x >> y;
        return clickAt(x, y);
    } else if (c.verb == "key") {
        std::istringstream words(c.argument);
        std::string name, modifier;
        words >> name;
        const auto key = keyNamed(name);
        if (!key)
            return input; // readDemoScript refuses unknown keys
        sf::Event press;
        press.type = sf::Event::KeyPressed;
        press.key = {*key, false, false, false, false};
        while (words >> modifier) {
            press.key.control = press.key.control || modifier == "ctrl";
            press.key.shift = press.key.shift || modifier == "shift";
        }
        input.now.push_back(press);
        sf::Event release = press;
        release.type = sf::Event::KeyReleased;
        input.nextFrame.push_back(release);
    }
    return input;
}

} // namespace sparring::ui
