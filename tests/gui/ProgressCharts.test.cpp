// The progress screen's charts without the app: where points, reference lines and week bars go
// (one session, a flat line, charts sharing axes, gaps between weeks), and that drawing stays
// inside the scrolled region it is clipped to.

#include "ProgressCharts.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <gtest/gtest.h>

namespace sparring::test {
namespace {

using namespace ui;

constexpr progress::Millis kMonday = 1740960000000; // 2025-03-03T00:00:00Z, a Monday
constexpr progress::Millis kDay = 24LL * 60 * 60 * 1000;
constexpr progress::Millis kWeek = 7 * kDay;

LineChart skillChart(std::vector<TimePoint> points)
{
    LineChart chart;
    chart.area = sf::FloatRect(100, 50, 400, 60);
    chart.points = std::move(points);
    chart.references = {{progress::kMasteredSkill, "mastered", true}, {0, "0", false}};
    return chart;
}

bool inside(const sf::FloatRect& area, sf::Vector2f p)
{
    return p.x >= area.left && p.x <= area.left + area.width && p.y >= area.top &&
           p.y <= area.top + area.height;
}

TEST(ProgressCharts, OneSessionIsOnePointMidWidthBetweenZeroAndMastery)
{
    std::vector<LineChart> charts{skillChart({{kMonday, 0.5}})};
    fitAxes(charts);
    const auto& chart = charts[0];
    const sf::Vector2f p = pointPosition(chart, 0);
    EXPECT_TRUE(inside(chart.area, p));
    // Mid-width of the plot, which leaves a gutter on the right for the lines' labels.
    EXPECT_GT(p.x, chart.area.left + chart.area.width * 0.3f);
    EXPECT_LT(p.x, chart.area.left + chart.area.width * 0.55f);
    EXPECT_LT(valueY(chart, progress::kMasteredSkill), p.y) << "mastery is above the point";
    EXPECT_GT(valueY(chart, 0), p.y) << "zero is below it";
    EXPECT_GE(valueY(chart, progress::kMasteredSkill), chart.area.top);
    EXPECT_LE(valueY(chart, 0), chart.area.top + chart.area.height);
}

TEST(ProgressCharts, ChartsFittedTogetherShareTheirTimeAndValueAxes)
{
    // One principle scored in three sessions, another only in the last: the last session lines up.
    std::vector<LineChart> charts{
        skillChart({{kMonday, -0.4}, {kMonday + 3 * kDay, 0.6}, {kMonday + 9 * kDay, 1.9}}),
        skillChart({{kMonday + 9 * kDay, 0.2}})};
    charts[1].area.top = 200;
    fitAxes(charts);
    EXPECT_EQ(charts[0].firstTime, charts[1].firstTime);
    EXPECT_EQ(charts[0].lastTime, charts[1].lastTime);
    EXPECT_EQ(charts[0].low, charts[1].low);
    EXPECT_EQ(charts[0].high, charts[1].high);
    EXPECT_FLOAT_EQ(pointPosition(charts[0], 2).x, pointPosition(charts[1], 0).x);
    // Later is further right; higher is further up; every point inside its area.
    EXPECT_LT(pointPosition(charts[0], 0).x, pointPosition(charts[0], 1).x);
    EXPECT_LT(pointPosition(charts[0], 1).x, pointPosition(charts[0], 2).x);
    EXPECT_GT(pointPosition(charts[0], 0).y, pointPosition(charts[0], 1).y);
    EXPECT_GT(pointPosition(charts[0], 1).y, pointPosition(charts[0], 2).y);
    for (const auto& chart : charts)
        for (std::size_t i = 0; i < chart.points.size(); ++i)
            EXPECT_TRUE(inside(chart.area, pointPosition(chart, i))) << i;
    // The same value is drawn at the same height relative to each chart's top.
    EXPECT_FLOAT_EQ(valueY(charts[0], 0) - charts[0].area.top, valueY(charts[1], 0) - charts[1].area.top);
}

TEST(ProgressCharts, AFlatLineIsWidenedRoundItsValue)
{
    LineChart chart;
    chart.area = sf::FloatRect(0, 0, 300, 40);
    chart.points = {{kMonday, 0.25}, {kMonday + kDay, 0.25}};
    fitAxes(std::span(&chart, 1));
    EXPECT_LT(chart.low, 0.25);
    EXPECT_GT(chart.high, 0.25);
    EXPECT_NEAR(pointPosition(chart, 0).y, 20, 1) << "mid-height";
    EXPECT_FLOAT_EQ(pointPosition(chart, 0).y, pointPosition(chart, 1).y);
}

TEST(ProgressCharts, WeeksWithoutPracticeAreEmptyBarsUpToThisWeek)
{
    const std::vector<progress::WeekMinutes> weeks{{kMonday, 12.5, 2}, {kMonday + 2 * kWeek, 30, 3}};
    const auto bars = weekBars(weeks, kMonday + 3 * kWeek + 2 * kDay, 12);
    ASSERT_EQ(bars.size(), 4U);
    EXPECT_EQ(bars[0].label, "Mar 3");
    EXPECT_EQ(bars[1].label, "Mar 10");
    EXPECT_EQ(bars[3].label, "Mar 24");
    EXPECT_EQ(bars[0].minutes, 12.5);
    EXPECT_EQ(bars[1].minutes, 0);
    EXPECT_EQ(bars[2].minutes, 30);
    EXPECT_EQ(bars[3].minutes, 0) << "this week, with no practice yet";
    EXPECT_EQ(bars[2].sessions, 3U);
    EXPECT_EQ(bars[1].sessions, 0U);
    // At most `count` weeks, the newest kept.
    const auto lastTwo = weekBars(weeks, kMonday + 3 * kWeek, 2);
    ASSERT_EQ(lastTwo.size(), 2U);
    EXPECT_EQ(lastTwo[0].minutes, 30);
    // No practice at all: this week, empty.
    const auto none = weekBars({}, kMonday + kDay, 12);
    ASSERT_EQ(none.size(), 1U);
    EXPECT_EQ(none[0].label, "Mar 3");
}

TEST(ProgressCharts, BarsStandOnOneBaseAsTallAsTheirMinutes)
{
    BarChart chart;
    chart.area = sf::FloatRect(20, 30, 600, 160);
    chart.bars = {{"Mar 3", 10}, {"Mar 10", 0}, {"Mar 17", 40}};
    const auto a = weekBarRect(chart, 0);
    const auto empty = weekBarRect(chart, 1);
    const auto b = weekBarRect(chart, 2);
    EXPECT_FLOAT_EQ(a.top + a.height, b.top + b.height) << "one base line";
    EXPECT_FLOAT_EQ(empty.height, 0);
    EXPECT_NEAR(b.height, 4 * a.height, 0.01);
    EXPECT_LT(a.left + a.width, empty.left);
    EXPECT_LT(empty.left + empty.width, b.left);
    for (const auto& r : {a, b}) {
        EXPECT_GE(r.top, chart.area.top + chart.textSize) << "room above for the minutes";
        EXPECT_LT(r.top + r.height, chart.area.top + chart.area.height - chart.textSize)
            << "room below for the week";
        EXPECT_GE(r.left, chart.area.left);
        EXPECT_LE(r.left + r.width, chart.area.left + chart.area.width);
    }
    // One week: one bar of a bar's width in the middle, not a slab across the chart.
    chart.bars = {{"Mar 3", 5}};
    const auto one = weekBarRect(chart, 0);
    EXPECT_LE(one.width, static_cast<float>(chart.textSize) * 3.5f);
    EXPECT_NEAR(one.left + one.width / 2, chart.area.left + chart.area.width / 2, 0.5);
    EXPECT_GT(one.height, 0);
}

TEST(ProgressCharts, DrawingStaysInsideTheScrolledRegion)
{
    // Needs a display (ctest runs the GUI tests under Xvfb).
    sf::RenderTexture texture;
    ASSERT_TRUE(texture.create(400, 300));
    texture.clear(sf::Color::Black);
    ProgressView view;
    view.clip = sf::FloatRect(0, 100, 400, 200); // the top 100 pixels are the screen's title line
    view.weeks.area = sf::FloatRect(0, 0, 400, 300);
    view.weeks.bars = {{"Mar 3", 10}};
    view.lines.push_back(skillChart({{kMonday, 0.5}}));
    view.lines.back().area = sf::FloatRect(0, 150, 400, 100);
    fitAxes(view.lines);
    sf::Font none; // no text is checked here
    drawProgressCharts(texture, view, none);
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    const sf::Color data(86, 180, 233); // bars and lines
    std::size_t above = 0;
    std::size_t below = 0;
    for (unsigned y = 0; y < 300; ++y)
        for (unsigned x = 0; x < 400; ++x)
            if (image.getPixel(x, y) == data)
                ++(y < 100 ? above : below);
    EXPECT_EQ(above, 0U) << "drawn over the title line";
    EXPECT_GT(below, 500U) << "the bar's visible part is missing";
    // The single point's dot is where pointPosition says.
    const sf::Vector2f dot = pointPosition(view.lines[0], 0);
    EXPECT_EQ(image.getPixel(static_cast<unsigned>(dot.x), static_cast<unsigned>(dot.y)), data);
}

} // namespace
} // namespace sparring::test
