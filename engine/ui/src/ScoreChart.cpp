#include "ScoreChart.hpp"

#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Text.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sparring::ui {

namespace {

/// The scale: at least -10..+10, wider when a score is beyond it.
double rangeOf(const ChartView& view)
{
    double range = 10;
    for (const auto& bar : view.bars)
        range = std::max(range, std::abs(bar.score));
    return range;
}

float labelWidth(const ChartView& view)
{
    return std::min(view.area.width * 0.38f, static_cast<float>(view.textSize) * 16.0f);
}

} // namespace

sf::FloatRect barRect(const ChartView& view, std::size_t index)
{
    const float rowHeight = view.area.height / static_cast<float>(std::max<std::size_t>(1, view.bars.size()));
    const float left = view.area.left + labelWidth(view);
    const float half = (view.area.width - labelWidth(view)) / 2 - static_cast<float>(view.textSize) * 2.5f;
    const float zero = left + static_cast<float>(view.textSize) * 2.5f + half;
    const float length = static_cast<float>(std::abs(view.bars[index].score) / rangeOf(view)) * half;
    const float top = view.area.top + rowHeight * static_cast<float>(index) + rowHeight * 0.15f;
    return view.bars[index].score >= 0 ? sf::FloatRect(zero, top, length, rowHeight * 0.7f)
                                       : sf::FloatRect(zero - length, top, length, rowHeight * 0.7f);
}

void drawScoreChart(sf::RenderTarget& target, const ChartView& view, const sf::Font& font)
{
    if (view.bars.empty() || view.area.width <= 0 || view.area.height <= 0)
        return;
    const float rowHeight = view.area.height / static_cast<float>(view.bars.size());
    const sf::Color text = view.highContrast ? sf::Color::White : sf::Color(225, 225, 225);
    // The zero line, and a faint band per row so the eye can follow a label to its bar.
    const sf::FloatRect first = barRect(view, 0);
    const float zero = view.bars[0].score >= 0 ? first.left : first.left + first.width;
    for (std::size_t i = 0; i < view.bars.size(); ++i) {
        if (i % 2 == 0) {
            sf::RectangleShape band({view.area.width, rowHeight});
            band.setPosition(view.area.left, view.area.top + rowHeight * static_cast<float>(i));
            band.setFillColor(view.highContrast ? sf::Color(25, 25, 25) : sf::Color(38, 40, 46));
            target.draw(band);
        }
    }
    sf::RectangleShape axis({2.0f, view.area.height});
    axis.setPosition(std::round(zero - 1), view.area.top);
    axis.setFillColor(sf::Color(150, 150, 160));
    target.draw(axis);
    for (std::size_t i = 0; i < view.bars.size(); ++i) {
        const auto& bar = view.bars[i];
        const sf::FloatRect r = barRect(view, i);
        sf::RectangleShape shape({std::max(r.width, 2.0f), r.height});
        shape.setPosition(r.left, r.top);
        shape.setFillColor(bar.score >= 0 ? sf::Color(89, 178, 102) : sf::Color(205, 90, 80));
        target.draw(shape);

        sf::Text name(sf::String::fromUtf8(bar.name.begin(), bar.name.end()), font, view.textSize);
        name.setFillColor(text);
        name.setPosition(std::round(view.area.left + 6),
                         std::round(r.top + (r.height - static_cast<float>(view.textSize)) / 2 - 2));
        target.draw(name);

        char value[16];
        std::snprintf(value, sizeof value, "%+g", bar.score);
        sf::Text number(value, font, view.textSize);
        number.setFillColor(text);
        const float width = number.getLocalBounds().width;
        const float x = bar.score >= 0 ? r.left + r.width + 6 : r.left - width - 8;
        number.setPosition(std::round(x),
                           std::round(r.top + (r.height - static_cast<float>(view.textSize)) / 2 - 2));
        target.draw(number);
    }
}

} // namespace sparring::ui
