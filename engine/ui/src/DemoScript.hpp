#pragma once
// A demo script's input commands (trainer/DemoScript.hpp, read and checked once) as the SFML
// events a person's keyboard and mouse make, so a script drives the real input path.

#include "trainer/DemoScript.hpp"

#include <SFML/Window/Event.hpp>

#include <vector>

namespace sparring::ui {

/// The events an input command makes: those to handle in this frame, and the releases for the
/// next one (a press and its release in one frame would be a non-event to ImGui).
struct DemoInput {
    std::vector<sf::Event> now;
    std::vector<sf::Event> nextFrame;
};

/// Keys, typed text, clicks and the wheel; the other commands make no events.
[[nodiscard]] DemoInput demoInput(const trainer::DemoAction& action);

/// A click at a window position (what `click X Y` makes, and `press` at its control's centre).
[[nodiscard]] DemoInput clickAt(int x, int y);

} // namespace sparring::ui
