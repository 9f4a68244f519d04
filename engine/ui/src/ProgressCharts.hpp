#pragma once
// The progress screen's charts, drawn with SFML under its ImGui text as the debrief's score chart
// is: a line over time (a principle's skill after each session, a conversation ratio per
// role-play) with reference lines (zero, mastery), and practice minutes per week as bars. They
// draw the engine's numbers (progress/Kpis.hpp) and compute none: what is here is geometry.

#include "progress/Kpis.hpp"

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <span>
#include <string>
#include <vector>

namespace sparring::ui {

/// A horizontal line across a line chart at a value, e.g. zero or the mastery threshold.
struct ReferenceLine {
    double value = 0;
    std::string label;   ///< written at the line's right end, in the chart's gutter
    bool accent = false; ///< drawn dashed in the accent colour (the mastery line)
};

struct TimePoint {
    progress::Millis when = 0;
    double value = 0;
};

struct LineChart {
    sf::FloatRect area;            ///< in window pixels; empty: nothing to draw
    std::vector<TimePoint> points; ///< oldest first
    std::vector<ReferenceLine> references;
    /// The axes, set by fitAxes: times and values that map to the plot's edges.
    progress::Millis firstTime = 0;
    progress::Millis lastTime = 0;
    double low = 0;
    double high = 1;
    unsigned textSize = 16;
};

struct WeekBar {
    std::string label; ///< the week's Monday, "Mar 3"
    double minutes = 0;
    std::size_t sessions = 0; ///< a week with sessions gets its minutes written, even "0"
};

struct BarChart {
    sf::FloatRect area;
    std::vector<WeekBar> bars; ///< oldest first, one per week, weeks without practice included
    unsigned textSize = 16;
};

/// What the progress screen leaves for the frame loop to draw.
struct ProgressView {
    sf::FloatRect clip; ///< the scrolling region the charts sit in: nothing is drawn outside it
    std::vector<LineChart> lines;
    BarChart weeks;
    bool highContrast = false;
};

/// Gives `charts` one time axis and one value axis that hold all their points and reference
/// lines, so charts drawn one under another can be compared at a glance. A range of one value
/// (one session, a flat line) is widened around it so it sits mid-chart rather than on an edge.
void fitAxes(std::span<LineChart> charts);

/// Where point `index` is drawn. One point, or all at one time, sits mid-width.
[[nodiscard]] sf::Vector2f pointPosition(const LineChart& chart, std::size_t index);
/// The height in window pixels at which `value` is drawn (reference lines, points).
[[nodiscard]] float valueY(const LineChart& chart, double value);

/// The bar of week `index`: bars stand on a common base line above their labels, as tall as their
/// minutes over the chart's most; a few bars stay narrow rather than fill the width.
[[nodiscard]] sf::FloatRect weekBarRect(const BarChart& chart, std::size_t index);

/// The weeks to chart: from the first week with practice, at most `count` weeks back, up to the
/// week of `asOf` (or a later week with practice), one bar a week with 0 minutes where there was
/// no practice, so a gap shows as a gap.
[[nodiscard]] std::vector<WeekBar> weekBars(const std::vector<progress::WeekMinutes>& weeks,
                                            progress::Millis asOf, std::size_t count);

/// "Mar 3": the UTC day of `when`, for axis labels.
[[nodiscard]] std::string shortDate(progress::Millis when);

void drawProgressCharts(sf::RenderTarget& target, const ProgressView& view, const sf::Font& font);

} // namespace sparring::ui
