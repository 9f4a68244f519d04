// The stage's layout and the portrait cache, without the app: seats never overlap and stay in
// their area at any window size; portraits render from the shipped SVGs, fall back to neutral,
// and a missing or broken file is reported once and gives no texture (the app draws initials).

#include "Stage.hpp"
#include "Portraits.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using namespace ui;

StageView panelOf(std::size_t seats, float width, float height)
{
    StageView view;
    view.panel = true;
    view.area = sf::FloatRect(10, 20, width, height);
    for (std::size_t i = 0; i < seats; ++i)
        view.seats.push_back(
            {"Name " + std::to_string(i), "Role", "portraits/maya", "neutral", false, i == 0, {}, {}});
    return view;
}

TEST(Stage, PanelSeatsNeverOverlapAndStayInTheirArea)
{
    for (const auto& [width, height] : {std::pair{1008.0f, 280.0f}, std::pair{1264.0f, 336.0f},
                                        std::pair{1584.0f, 420.0f}, std::pair{600.0f, 220.0f}})
        for (std::size_t n = 1; n <= 8; ++n) {
            const auto view = panelOf(n, width, height);
            const auto rects = seatRects(view);
            ASSERT_EQ(rects.size(), n);
            for (std::size_t i = 0; i < n; ++i) {
                EXPECT_GE(rects[i].left, view.area.left - 1) << n << " seats, " << width;
                EXPECT_LE(rects[i].left + rects[i].width, view.area.left + view.area.width + 1)
                    << n << " seats, " << width;
                EXPECT_GE(rects[i].top, view.area.top) << n << " seats, " << width;
                for (std::size_t j = i + 1; j < n; ++j)
                    EXPECT_FALSE(rects[i].intersects(rects[j]))
                        << "seats " << i << " and " << j << " of " << n << " at " << width;
            }
            // The chair sits at the head: no seat is higher.
            for (std::size_t i = 1; i < n; ++i)
                EXPECT_LE(rects[0].top, rects[i].top) << n << " seats";
        }
}

TEST(Stage, RoleplayPortraitIsLargeAndCentredInItsColumn)
{
    StageView view;
    view.area = sf::FloatRect(0, 0, 380, 780);
    view.seats.push_back({"Maya", "AE", "portraits/maya", "pleased", true, false, {}, {}});
    const auto rects = seatRects(view);
    ASSERT_EQ(rects.size(), 1u);
    EXPECT_GT(rects[0].width, 250.0f);
    EXPECT_NEAR(rects[0].left + rects[0].width / 2, 190.0f, 1.0f);
}

TEST(Portraits, RenderFromTheShippedSvgsAtTheSizeAsked)
{
    PortraitCache cache(fs::path(SPARRING_SOURCE_DIR) / "assets");
    const sf::Texture* pleased = cache.get("portraits/maya", "pleased", 64);
    ASSERT_NE(pleased, nullptr);
    EXPECT_EQ(pleased->getSize(), sf::Vector2u(64, 64));
    const sf::Image image = pleased->copyToImage();
    // Opaque in the middle (the face), different from the frustrated face.
    EXPECT_EQ(image.getPixel(32, 32).a, 255);
    const sf::Image frustrated = cache.get("portraits/maya", "frustrated", 64)->copyToImage();
    EXPECT_NE(std::vector<sf::Uint8>(image.getPixelsPtr(), image.getPixelsPtr() + 64 * 64 * 4),
              std::vector<sf::Uint8>(frustrated.getPixelsPtr(), frustrated.getPixelsPtr() + 64 * 64 * 4));
    // The same request is served from the cache.
    EXPECT_EQ(cache.get("portraits/maya", "pleased", 64), pleased);
    EXPECT_TRUE(cache.problems().empty());
}

TEST(Portraits, AnUnknownExpressionFallsBackToNeutral)
{
    PortraitCache cache(fs::path(SPARRING_SOURCE_DIR) / "assets");
    EXPECT_EQ(cache.get("portraits/maya", "bored", 48), cache.get("portraits/maya", "neutral", 48));
    ASSERT_EQ(cache.problems().size(), 1u);
    EXPECT_NE(cache.problems()[0].find("assets/portraits/maya/bored.svg: no such file"), std::string::npos)
        << cache.problems()[0];
}

TEST(Portraits, MissingOrBrokenFilesGiveNoTextureAndOneReport)
{
    const auto dir = fs::temp_directory_path() / ("sparring-art-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir / "portraits/broken");
    std::ofstream(dir / "portraits/broken/neutral.svg") << "<svg this is not xml";
    PortraitCache cache(dir);
    EXPECT_EQ(cache.get("portraits/nobody", "neutral", 32), nullptr);
    EXPECT_EQ(cache.get("portraits/nobody", "neutral", 32), nullptr);
    EXPECT_EQ(cache.get("portraits/broken", "neutral", 32), nullptr);
    ASSERT_EQ(cache.problems().size(), 2u);
    EXPECT_NE(cache.problems()[0].find("portraits/nobody/neutral.svg: no such file"), std::string::npos);
    EXPECT_NE(cache.problems()[1].find("portraits/broken/neutral.svg: "), std::string::npos);
    fs::remove_all(dir);
}

TEST(Stage, EachVerdictHasAMarkOfItsOwnBesideItsColour)
{
    // The word is drawn on every badge; the mark makes the verdict readable without colour, which
    // under red-green colour blindness turns "agrees" and "mixed" into near twins.
    const std::vector<std::string> verdicts{"agrees", "mixed", "disagrees"};
    std::set<VerdictMark> marks;
    std::set<sf::Uint32> colours;
    for (const auto& v : verdicts) {
        marks.insert(verdictMark(v));
        colours.insert(verdictColour(v).toInteger());
    }
    EXPECT_EQ(marks.size(), verdicts.size());
    EXPECT_EQ(colours.size(), verdicts.size());
    EXPECT_EQ(verdictMark("agrees"), VerdictMark::Tick);
    EXPECT_EQ(verdictMark("disagrees"), VerdictMark::Cross);
}

} // namespace
} // namespace sparring::test
