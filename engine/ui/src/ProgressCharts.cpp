// The progress screen's charts.
//
// Sections: 1. axes and geometry, 2. the weeks to chart, 3. drawing.

#include "ProgressCharts.hpp"

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/Graphics/View.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sparring::ui {

namespace {

/// Room kept round the plot so a point's dot on the edge is drawn whole.
float dotRadius(unsigned textSize)
{
    return std::max(3.5f, static_cast<float>(textSize) * 0.26f);
}

/// The part of the chart's area the points and lines use: the area less the dots' margin and, on
/// the right, a gutter for the reference lines' labels.
sf::FloatRect plotRect(const LineChart& chart)
{
    std::size_t longest = 0;
    for (const auto& r : chart.references)
        longest = std::max(longest, r.label.size());
    const float text = static_cast<float>(chart.textSize);
    const float gutter =
        longest == 0 ? 0.0f
                     : std::min(chart.area.width * 0.35f, text * 0.6f * static_cast<float>(longest) + 8);
    const float margin = dotRadius(chart.textSize) + 1;
    return {chart.area.left + margin, chart.area.top + margin,
            std::max(0.0f, chart.area.width - gutter - 2 * margin),
            std::max(0.0f, chart.area.height - 2 * margin)};
}

/// The band under the bars for the weeks' labels, and above them for the minutes.
float labelBand(const BarChart& chart)
{
    return std::min(chart.area.height * 0.3f, static_cast<float>(chart.textSize) * 1.5f);
}

} // namespace

// ---- 1. axes and geometry -----------------------------------------------------------------------

void fitAxes(std::span<LineChart> charts)
{
    auto first = std::numeric_limits<progress::Millis>::max();
    auto last = std::numeric_limits<progress::Millis>::min();
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (const auto& chart : charts) {
        for (const auto& p : chart.points) {
            first = std::min(first, p.when);
            last = std::max(last, p.when);
            low = std::min(low, p.value);
            high = std::max(high, p.value);
        }
        for (const auto& r : chart.references) {
            low = std::min(low, r.value);
            high = std::max(high, r.value);
        }
    }
    if (first > last)
        first = last = 0; // no points at all
    if (low > high) {
        low = 0;
        high = 1;
    }
    if (high - low < 1e-9) { // one value: widen round it
        low -= 0.5;
        high += 0.5;
    } else { // a little room so the highest and lowest points are not on the edge
        const double room = (high - low) * 0.08;
        low -= room;
        high += room;
    }
    for (auto& chart : charts) {
        chart.firstTime = first;
        chart.lastTime = last;
        chart.low = low;
        chart.high = high;
    }
}

float valueY(const LineChart& chart, double value)
{
    const sf::FloatRect plot = plotRect(chart);
    if (!(chart.high > chart.low))
        return plot.top + plot.height / 2;
    const double share = (chart.high - value) / (chart.high - chart.low);
    return plot.top + static_cast<float>(share) * plot.height;
}

sf::Vector2f pointPosition(const LineChart& chart, std::size_t index)
{
    const sf::FloatRect plot = plotRect(chart);
    const auto& point = chart.points[index];
    float x = plot.left + plot.width / 2;
    if (chart.lastTime > chart.firstTime)
        x = plot.left + static_cast<float>(static_cast<double>(point.when - chart.firstTime) /
                                           static_cast<double>(chart.lastTime - chart.firstTime)) *
                            plot.width;
    return {x, valueY(chart, point.value)};
}

sf::FloatRect weekBarRect(const BarChart& chart, std::size_t index)
{
    const float slot = chart.area.width / static_cast<float>(std::max<std::size_t>(1, chart.bars.size()));
    const float width = std::min(slot * 0.7f, static_cast<float>(chart.textSize) * 3.5f);
    const float band = labelBand(chart);
    const float base = chart.area.top + chart.area.height - band;
    const float tallest = std::max(0.0f, base - (chart.area.top + band));
    double most = 0;
    for (const auto& bar : chart.bars)
        most = std::max(most, bar.minutes);
    const double minutes = std::max(0.0, chart.bars[index].minutes);
    const float height = most > 0 ? static_cast<float>(minutes / most) * tallest : 0.0f;
    return {chart.area.left + slot * static_cast<float>(index) + (slot - width) / 2, base - height, width,
            height};
}

// ---- 2. the weeks to chart ----------------------------------------------------------------------

std::vector<WeekBar> weekBars(const std::vector<progress::WeekMinutes>& weeks, progress::Millis asOf,
                              std::size_t count)
{
    std::vector<WeekBar> out;
    for (const auto& week : progress::recentWeeks(weeks, asOf, count))
        out.push_back({shortDate(week.weekStart), week.minutes, week.sessions});
    return out;
}

std::string shortDate(progress::Millis when)
{
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::string iso = progress::isoTime(when); // 2025-03-03T...: one rule for UTC dates
    const int month = std::stoi(iso.substr(5, 2));
    const int day = std::stoi(iso.substr(8, 2));
    return std::string(kMonths[static_cast<std::size_t>(std::clamp(month, 1, 12) - 1)]) + " " +
           std::to_string(day);
}

// ---- 3. drawing ---------------------------------------------------------------------------------

namespace {

struct Palette {
    sf::Color band;   ///< the chart's background
    sf::Color zero;   ///< the zero and base lines
    sf::Color accent; ///< the mastery line
    sf::Color line;   ///< the data
    sf::Color text;
};

Palette paletteFor(bool highContrast)
{
    if (highContrast)
        return {sf::Color(25, 25, 25), sf::Color(200, 200, 200), sf::Color(255, 217, 0), sf::Color::White,
                sf::Color::White};
    return {sf::Color(38, 40, 46), sf::Color(150, 150, 160), sf::Color(230, 159, 0), sf::Color(86, 180, 233),
            sf::Color(225, 225, 225)};
}

/// A segment `width` pixels thick as two triangles (SFML's own lines are one pixel).
void addSegment(sf::VertexArray& triangles, sf::Vector2f a, sf::Vector2f b, float width, sf::Color colour)
{
    const sf::Vector2f d = b - a;
    const float length = std::hypot(d.x, d.y);
    if (length <= 0)
        return;
    const sf::Vector2f n(-d.y / length * width / 2, d.x / length * width / 2);
    for (const sf::Vector2f p : {a + n, b + n, b - n, a + n, b - n, a - n})
        triangles.append(sf::Vertex(p, colour));
}

sf::Text label(const std::string& text, const sf::Font& font, unsigned size, sf::Color colour)
{
    sf::Text out(sf::String::fromUtf8(text.begin(), text.end()), font, size);
    out.setFillColor(colour);
    return out;
}

void drawLineChart(sf::RenderTarget& target, const LineChart& chart, const Palette& colours,
                   const sf::Font& font)
{
    sf::RectangleShape band({chart.area.width, chart.area.height});
    band.setPosition(chart.area.left, chart.area.top);
    band.setFillColor(colours.band);
    target.draw(band);
    const sf::FloatRect plot = plotRect(chart);
    // Reference lines first, so the data is drawn over them. The highest line's label sits above
    // it, the others' below theirs, so two close lines (zero and mastery) keep both; a label that
    // would still overlap one already written is left out (the screen's legend names the lines).
    double highest = -std::numeric_limits<double>::infinity();
    for (const auto& r : chart.references)
        highest = std::max(highest, r.value);
    std::vector<sf::FloatRect> labelled;
    for (const auto& r : chart.references) {
        const float y = std::round(valueY(chart, r.value));
        if (r.accent) {
            const auto dashes = static_cast<int>(std::ceil(plot.width / 10));
            for (int i = 0; i < dashes; ++i) { // 6 pixels on, 4 off
                const float x = plot.left + static_cast<float>(i) * 10;
                sf::RectangleShape dash({std::min(6.0f, plot.left + plot.width - x), 2.0f});
                dash.setPosition(x, y - 1);
                dash.setFillColor(colours.accent);
                target.draw(dash);
            }
        } else {
            sf::RectangleShape line({plot.width, 1.0f});
            line.setPosition(plot.left, y);
            line.setFillColor(colours.zero);
            target.draw(line);
        }
        if (r.label.empty())
            continue;
        const auto size = static_cast<float>(chart.textSize);
        const float lowest = std::max(chart.area.top, chart.area.top + chart.area.height - size * 1.15f);
        const float top = std::clamp(r.value >= highest ? y - size * 1.15f : y + 1, chart.area.top, lowest);
        const sf::FloatRect box(plot.left + plot.width + 6, top,
                                size * 0.6f * static_cast<float>(r.label.size()), size * 1.15f);
        if (std::any_of(labelled.begin(), labelled.end(),
                        [&](const sf::FloatRect& other) { return other.intersects(box); }))
            continue;
        labelled.push_back(box);
        auto text = label(r.label, font, chart.textSize, r.accent ? colours.accent : colours.text);
        // SFML draws a glyph's top some way below the text's position: this puts it in the box.
        text.setPosition(std::round(box.left), std::round(box.top - size * 0.1f));
        target.draw(text);
    }
    if (chart.points.empty())
        return;
    sf::VertexArray triangles(sf::Triangles);
    const float width = std::max(2.0f, static_cast<float>(chart.textSize) * 0.14f);
    for (std::size_t i = 1; i < chart.points.size(); ++i)
        addSegment(triangles, pointPosition(chart, i - 1), pointPosition(chart, i), width, colours.line);
    target.draw(triangles);
    const float radius = dotRadius(chart.textSize);
    for (std::size_t i = 0; i < chart.points.size(); ++i) {
        sf::CircleShape dot(radius);
        dot.setOrigin(radius, radius);
        dot.setPosition(pointPosition(chart, i));
        dot.setFillColor(colours.line);
        target.draw(dot);
    }
}

void drawBarChart(sf::RenderTarget& target, const BarChart& chart, const Palette& colours,
                  const sf::Font& font)
{
    if (chart.bars.empty())
        return;
    const float band = labelBand(chart);
    const float base = chart.area.top + chart.area.height - band;
    const float slot = chart.area.width / static_cast<float>(chart.bars.size());
    const auto size = static_cast<float>(chart.textSize);
    // Every week's label when they fit, else every second or third...: "Mar 10" is about 3.5 ems.
    const auto every = static_cast<std::size_t>(std::ceil(size * 3.8f / std::max(1.0f, slot)));
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const auto& bar = chart.bars[i];
        const sf::FloatRect r = weekBarRect(chart, i);
        const float centre = r.left + r.width / 2;
        if (r.height > 0) {
            sf::RectangleShape shape({r.width, r.height});
            shape.setPosition(r.left, r.top);
            shape.setFillColor(colours.line);
            target.draw(shape);
        }
        // A week with practice says its minutes, even when too few to show as a bar.
        if (bar.sessions > 0 || bar.minutes > 0) {
            char value[32];
            if (bar.minutes > 0 && bar.minutes < 1)
                std::snprintf(value, sizeof value, "<1");
            else
                std::snprintf(value, sizeof value, "%.0f", bar.minutes);
            auto text = label(value, font, chart.textSize, colours.text);
            text.setPosition(std::round(centre - text.getLocalBounds().width / 2),
                             std::round(r.top - size * 1.3f));
            target.draw(text);
        }
        // The newest week is always labelled: it is the one the trainee looks for.
        if ((chart.bars.size() - 1 - i) % std::max<std::size_t>(1, every) == 0) {
            auto text = label(bar.label, font, chart.textSize, colours.text);
            text.setPosition(std::round(centre - text.getLocalBounds().width / 2),
                             std::round(base + size * 0.2f));
            target.draw(text);
        }
    }
    sf::RectangleShape baseLine({chart.area.width, 1.0f});
    baseLine.setPosition(chart.area.left, std::round(base));
    baseLine.setFillColor(colours.zero);
    target.draw(baseLine);
}

} // namespace

void drawProgressCharts(sf::RenderTarget& target, const ProgressView& view, const sf::Font& font)
{
    // Only the scrolling region's visible part: a view onto it, shown in the same window pixels,
    // so a chart scrolled half out of it is cut at its edge rather than drawn over the header.
    const auto size = sf::Vector2f(target.getSize());
    sf::FloatRect clip;
    if (!view.clip.intersects(sf::FloatRect(0, 0, size.x, size.y), clip) || clip.width < 1 || clip.height < 1)
        return;
    const sf::View previous = target.getView();
    sf::View clipped(clip);
    clipped.setViewport(
        sf::FloatRect(clip.left / size.x, clip.top / size.y, clip.width / size.x, clip.height / size.y));
    target.setView(clipped);
    const Palette colours = paletteFor(view.highContrast);
    for (const auto& chart : view.lines)
        if (chart.area.width > 0 && chart.area.height > 0 && chart.area.intersects(clip))
            drawLineChart(target, chart, colours, font);
    if (view.weeks.area.width > 0 && view.weeks.area.height > 0)
        drawBarChart(target, view.weeks, colours, font);
    target.setView(previous);
}

} // namespace sparring::ui
