#pragma once
// Small charts as inline SVG, for the HTML progress report: they need no script, no network and
// no font beyond the browser's, so the report opens anywhere and prints. Text is escaped here;
// callers pass plain words.

#include <string>
#include <string_view>
#include <vector>

namespace sparring::console::svg {

struct Point {
    double x = 0; ///< for time series: milliseconds since the epoch
    double y = 0;
};

struct Series {
    std::string name;
    std::vector<Point> points;
};

/// A line chart of several series over time, with a legend, a y axis from `yMin` to `yMax`
/// (widened to fit the data) and dates on the x axis. Each series also has a shape per point
/// (circle, square, triangle, diamond in turn), so the lines are told apart without colour. A
/// series of more than 200 points is drawn as the means of 200 equal spans of its time.
[[nodiscard]] std::string timeLines(std::string_view title, const std::vector<Series>& series, double yMin,
                                    double yMax, std::string_view yLabel);

struct Bar {
    std::string label;
    double value = 0;
};

/// A bar chart with each bar's value written on it.
[[nodiscard]] std::string bars(std::string_view title, const std::vector<Bar>& bars, std::string_view unit);

/// `text` with &, <, >, " and ' escaped for HTML and SVG.
[[nodiscard]] std::string escaped(std::string_view text);

/// "2026-12-07" for a time in milliseconds since the epoch (UTC).
[[nodiscard]] std::string isoDate(double millis);

} // namespace sparring::console::svg
