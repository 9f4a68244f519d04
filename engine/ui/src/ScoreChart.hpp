#pragma once
// The debrief's chart of per-principle scores, drawn with SFML: one row per principle, bars
// growing right (green) or left (red) from a zero line, the score written at the bar's end.

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <string>
#include <vector>

namespace sparring::ui {

struct ChartBar {
    std::string name;
    double score = 0;
};

struct ChartView {
    sf::FloatRect area; ///< in window pixels; empty: nothing to draw
    std::vector<ChartBar> bars;
    unsigned textSize = 16;
    bool highContrast = false;
};

/// The bar's rectangle for row `index` (tests and hit areas use it too).
[[nodiscard]] sf::FloatRect barRect(const ChartView& view, std::size_t index);

void drawScoreChart(sf::RenderTarget& target, const ChartView& view, const sf::Font& font);

} // namespace sparring::ui
