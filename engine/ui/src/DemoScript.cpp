#include "DemoScript.hpp"

#include <array>

namespace sparring::ui {

namespace {

/// SFML's key for each trainer::DemoKey, in its order.
constexpr std::array<sf::Keyboard::Key, 21> kSfmlKeys{
    sf::Keyboard::Num1, sf::Keyboard::Num2,  sf::Keyboard::Num3,     sf::Keyboard::Num4,
    sf::Keyboard::Num5, sf::Keyboard::Num6,  sf::Keyboard::Num7,     sf::Keyboard::Num8,
    sf::Keyboard::Num9, sf::Keyboard::Enter, sf::Keyboard::Space,    sf::Keyboard::Escape,
    sf::Keyboard::Up,   sf::Keyboard::Down,  sf::Keyboard::Left,     sf::Keyboard::Right,
    sf::Keyboard::Tab,  sf::Keyboard::Add,   sf::Keyboard::Subtract, sf::Keyboard::F2,
    sf::Keyboard::V};

} // namespace

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

DemoInput demoInput(const trainer::DemoAction& action)
{
    DemoInput input;
    if (const auto* text = std::get_if<trainer::TypeText>(&action)) {
        for (const auto ch : sf::String::fromUtf8(text->text.begin(), text->text.end())) {
            sf::Event e;
            e.type = sf::Event::TextEntered;
            e.text.unicode = ch;
            input.now.push_back(e);
        }
    } else if (const auto* click = std::get_if<trainer::ClickAt>(&action)) {
        return clickAt(click->x, click->y);
    } else if (const auto* scroll = std::get_if<trainer::ScrollAt>(&action)) {
        // The pointer first: the wheel scrolls whatever is under it.
        sf::Event move;
        move.type = sf::Event::MouseMoved;
        move.mouseMove = {scroll->x, scroll->y};
        input.now.push_back(move);
        sf::Event wheel;
        wheel.type = sf::Event::MouseWheelScrolled;
        wheel.mouseWheelScroll = {sf::Mouse::VerticalWheel, static_cast<float>(-scroll->notches), scroll->x,
                                  scroll->y};
        input.now.push_back(wheel);
    } else if (const auto* key = std::get_if<trainer::PressKey>(&action)) {
        sf::Event press;
        press.type = sf::Event::KeyPressed;
        press.key = {kSfmlKeys[static_cast<std::size_t>(key->key)], false, key->control, key->shift, false};
        input.now.push_back(press);
        sf::Event release = press;
        release.type = sf::Event::KeyReleased;
        input.nextFrame.push_back(release);
    }
    return input;
}

} // namespace sparring::ui
