#include "SvgCharts.hpp"

#include "progress/SessionRecord.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace sparring::console::svg {

namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 260;
constexpr double kLeft = 48;
constexpr double kRight = 16;
constexpr double kTop = 28;
constexpr double kBottom = 36;

// Colours a colour-blind reader can still tell apart (Okabe and Ito's palette); shapes carry
// the difference too.
constexpr std::array<const char*, 8> kColours{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                              "#E69F00", "#56B4E9", "#000000", "#F0E442"};

std::string number(double value, int decimals = 2)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string marker(std::size_t series, double x, double y, const char* colour)
{
    const std::string cx = number(x, 1);
    const std::string cy = number(y, 1);
    switch (series % 4) {
    case 0:
        return "<circle cx='" + cx + "' cy='" + cy + "' r='3.5' fill='" + colour + "'/>";
    case 1:
        return "<rect x='" + number(x - 3.5, 1) + "' y='" + number(y - 3.5, 1) +
               "' width='7' height='7' fill='" + colour + "'/>";
    case 2:
        return "<polygon points='" + cx + "," + number(y - 4.5, 1) + " " + number(x - 4, 1) + "," +
               number(y + 3, 1) + " " + number(x + 4, 1) + "," + number(y + 3, 1) + "' fill='" + colour +
               "'/>";
    default:
        return "<polygon points='" + cx + "," + number(y - 4.5, 1) + " " + number(x + 4.5, 1) + "," + cy +
               " " + cx + "," + number(y + 4.5, 1) + " " + number(x - 4.5, 1) + "," + cy + "' fill='" +
               colour + "'/>";
    }
}

/// A long series as at most `most` points: the time span cut into equal buckets, each the mean
/// of its points. A chart 600 pixels wide shows no more, and a year of daily practice stays a
/// small file.
std::vector<Point> thinned(const std::vector<Point>& points, std::size_t most)
{
    if (points.size() <= most)
        return points;
    const double from = points.front().x;
    const double span = std::max(1.0, points.back().x - from);
    std::vector<Point> sums(most);
    std::vector<std::size_t> counts(most, 0);
    for (const auto& p : points) {
        const auto bucket =
            std::min(most - 1, static_cast<std::size_t>((p.x - from) / span * static_cast<double>(most)));
        sums[bucket].x += p.x;
        sums[bucket].y += p.y;
        ++counts[bucket];
    }
    std::vector<Point> out;
    for (std::size_t i = 0; i < most; ++i)
        if (counts[i] > 0)
            out.push_back(
                {sums[i].x / static_cast<double>(counts[i]), sums[i].y / static_cast<double>(counts[i])});
    return out;
}

std::string open(std::string_view title, double height)
{
    return "<figure><svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + number(kWidth, 0) + " " +
           number(height, 0) + "' width='" + number(kWidth, 0) + "' height='" + number(height, 0) +
           "' role='img' aria-label='" + escaped(title) + "' font-family='sans-serif' font-size='12'>" +
           "<text x='" + number(kLeft, 0) + "' y='16' font-weight='bold'>" + escaped(title) + "</text>";
}

} // namespace

std::string escaped(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string isoDate(double millis)
{
    return progress::isoTime(static_cast<progress::Millis>(std::floor(millis))).substr(0, 10);
}

std::string timeLines(std::string_view title, const std::vector<Series>& allPoints, double yMin, double yMax,
                      std::string_view yLabel)
{
    constexpr std::size_t kMostPoints = 200;
    std::vector<Series> series;
    series.reserve(allPoints.size());
    for (const auto& s : allPoints)
        series.push_back({s.name, thinned(s.points, kMostPoints)});
    double xMin = 0;
    double xMax = 0;
    bool any = false;
    for (const auto& s : series)
        for (const auto& p : s.points) {
            xMin = any ? std::min(xMin, p.x) : p.x;
            xMax = any ? std::max(xMax, p.x) : p.x;
            yMin = std::min(yMin, p.y);
            yMax = std::max(yMax, p.y);
            any = true;
        }
    const std::size_t legendRows = (series.size() + 1) / 2; // two entries a row
    const double legendHeight = 18.0 * static_cast<double>(legendRows);
    const double height = kHeight + legendHeight;
    std::string out = open(title, height);
    if (!any) {
        out += "<text x='" + number(kLeft, 0) + "' y='60'>No data yet.</text></svg></figure>";
        return out;
    }
    if (xMax <= xMin)
        xMax = xMin + 1;
    if (yMax <= yMin)
        yMax = yMin + 1;
    const double plotWidth = kWidth - kLeft - kRight;
    const double plotHeight = kHeight - kTop - kBottom;
    const auto px = [&](double x) { return kLeft + (x - xMin) / (xMax - xMin) * plotWidth; };
    const auto py = [&](double y) { return kTop + (1 - (y - yMin) / (yMax - yMin)) * plotHeight; };

    // Axes, a grid line at each quarter, and the zero line when it is inside.
    for (int i = 0; i <= 4; ++i) {
        const double y = yMin + (yMax - yMin) * i / 4.0;
        out += "<line x1='" + number(kLeft, 0) + "' x2='" + number(kWidth - kRight, 0) + "' y1='" +
               number(py(y), 1) + "' y2='" + number(py(y), 1) + "' stroke='#ddd'/>";
        out += "<text x='" + number(kLeft - 4, 0) + "' y='" + number(py(y) + 4, 1) + "' text-anchor='end'>" +
               number(y, 1) + "</text>";
    }
    if (yMin < 0 && yMax > 0)
        out += "<line x1='" + number(kLeft, 0) + "' x2='" + number(kWidth - kRight, 0) + "' y1='" +
               number(py(0), 1) + "' y2='" + number(py(0), 1) + "' stroke='#888' stroke-dasharray='4 3'/>";
    out += "<text x='12' y='" + number(kTop + plotHeight / 2, 0) + "' transform='rotate(-90 12 " +
           number(kTop + plotHeight / 2, 0) + ")' text-anchor='middle'>" + escaped(yLabel) + "</text>";
    out +=
        "<text x='" + number(kLeft, 0) + "' y='" + number(kHeight - 14, 0) + "'>" + isoDate(xMin) + "</text>";
    out += "<text x='" + number(kWidth - kRight, 0) + "' y='" + number(kHeight - 14, 0) +
           "' text-anchor='end'>" + isoDate(xMax) + "</text>";

    for (std::size_t i = 0; i < series.size(); ++i) {
        const char* colour = kColours[i % kColours.size()];
        const auto& points = series[i].points;
        if (points.size() > 1) {
            out += "<polyline fill='none' stroke='" + std::string(colour) + "' stroke-width='2' points='";
            for (const auto& p : points)
                out += number(px(p.x), 1) + "," + number(py(p.y), 1) + " ";
            out += "'/>";
        }
        for (const auto& p : points)
            out += marker(i, px(p.x), py(p.y), colour);
        // Two columns: a principle's name can be long.
        const double lx = kLeft + static_cast<double>(i % 2) * 290;
        const std::size_t row = i / 2;
        const double ly = kHeight + 4 + 18.0 * static_cast<double>(row);
        out += marker(i, lx + 4, ly - 4, colour);
        out += "<text x='" + number(lx + 14, 0) + "' y='" + number(ly, 0) + "'>" + escaped(series[i].name) +
               "</text>";
    }
    out += "</svg></figure>";
    return out;
}

std::string bars(std::string_view title, const std::vector<Bar>& data, std::string_view unit)
{
    std::string out = open(title, kHeight);
    if (data.empty()) {
        out += "<text x='" + number(kLeft, 0) + "' y='60'>No data yet.</text></svg></figure>";
        return out;
    }
    double most = 0;
    for (const auto& b : data)
        most = std::max(most, b.value);
    if (most <= 0)
        most = 1;
    const double plotWidth = kWidth - kLeft - kRight;
    const double plotHeight = kHeight - kTop - kBottom;
    const double slot = plotWidth / static_cast<double>(data.size());
    const double width = std::max(2.0, slot * 0.7);
    out += "<line x1='" + number(kLeft, 0) + "' x2='" + number(kWidth - kRight, 0) + "' y1='" +
           number(kTop + plotHeight, 0) + "' y2='" + number(kTop + plotHeight, 0) + "' stroke='#888'/>";
    for (std::size_t i = 0; i < data.size(); ++i) {
        const double h = data[i].value / most * plotHeight;
        const double x = kLeft + slot * static_cast<double>(i) + (slot - width) / 2;
        out += "<rect x='" + number(x, 1) + "' y='" + number(kTop + plotHeight - h, 1) + "' width='" +
               number(width, 1) + "' height='" + number(h, 1) + "' fill='" + kColours[0] + "'/>";
        if (data.size() <= 16) {
            if (data[i].value > 0)
                out += "<text x='" + number(x + width / 2, 1) + "' y='" +
                       number(kTop + plotHeight - h - 3, 1) + "' text-anchor='middle'>" +
                       number(data[i].value, data[i].value < 10 ? 1 : 0) + "</text>";
            out += "<text x='" + number(x + width / 2, 1) + "' y='" + number(kHeight - 20, 0) +
                   "' text-anchor='middle' font-size='10'>" + escaped(data[i].label) + "</text>";
        }
    }
    out +=
        "<text x='" + number(kWidth - kRight, 0) + "' y='16' text-anchor='end'>" + escaped(unit) + "</text>";
    out += "</svg></figure>";
    return out;
}

} // namespace sparring::console::svg
