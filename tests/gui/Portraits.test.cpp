// The portrait cache's worker, white-box: with setWaitForArt(false), as the frame loop runs it, a
// portrait asked for is not drawn by the call that asks (the worker renders it) but is there once
// the worker has settled; until then a stand-in is given; the other expressions are rendered ahead;
// a missing or broken file is reported once, in the same words, and never tried again.

#include "Portraits.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using namespace ui;

const fs::path shippedAssets = fs::path(SPARRING_SOURCE_DIR) / "assets";

/// A scratch assets folder, removed at the end of the test.
struct ScratchAssets {
    fs::path dir =
        fs::temp_directory_path() / ("sparring-portraits-" + std::to_string(std::random_device{}()));
    ScratchAssets() { fs::create_directories(dir); }
    ~ScratchAssets() { fs::remove_all(dir); }
    ScratchAssets(const ScratchAssets&) = delete;
    ScratchAssets& operator=(const ScratchAssets&) = delete;
    ScratchAssets(ScratchAssets&&) = delete;
    ScratchAssets& operator=(ScratchAssets&&) = delete;
};

std::vector<sf::Uint8> pixelsOf(const sf::Texture& texture)
{
    const sf::Image image = texture.copyToImage();
    const auto size = image.getSize();
    return {image.getPixelsPtr(), image.getPixelsPtr() + std::size_t{size.x} * size.y * 4};
}

TEST(PortraitCache, TheFirstAskDoesNotRenderAndTheWorkerDeliversTheSizeAsked)
{
    PortraitCache cache(shippedAssets);
    cache.setWaitForArt(false);
    // Nothing of Maya is rendered yet, so there is no stand-in either: the initials are drawn.
    EXPECT_EQ(cache.get("portraits/maya", "pleased", 64), nullptr);
    cache.waitUntilSettled();
    EXPECT_TRUE(cache.settled());
    const sf::Texture* pleased = cache.get("portraits/maya", "pleased", 64);
    ASSERT_NE(pleased, nullptr);
    EXPECT_EQ(pleased->getSize(), sf::Vector2u(64, 64));
    EXPECT_EQ(pleased->copyToImage().getPixel(32, 32).a, 255); // the face, opaque
    EXPECT_EQ(cache.get("portraits/maya", "pleased", 64), pleased);

    // The same face as the cache that waits for its art renders.
    PortraitCache waiting(shippedAssets);
    EXPECT_EQ(pixelsOf(*waiting.get("portraits/maya", "pleased", 64)), pixelsOf(*pleased));
    EXPECT_TRUE(cache.problems().empty());
}

TEST(PortraitCache, UntilItIsReadyTheSameFaceAtAnotherSizeStandsIn)
{
    PortraitCache cache(shippedAssets);
    cache.setWaitForArt(false);
    (void)cache.get("portraits/maya", "pleased", 64);
    cache.waitUntilSettled();
    const sf::Texture* small = cache.get("portraits/maya", "pleased", 64);
    ASSERT_NE(small, nullptr);
    // 96 pixels were never asked for: the 64-pixel face stands in (the stage scales it).
    EXPECT_EQ(cache.get("portraits/maya", "pleased", 96), small);
    cache.waitUntilSettled();
    const sf::Texture* large = cache.get("portraits/maya", "pleased", 96);
    ASSERT_NE(large, nullptr);
    EXPECT_EQ(large->getSize(), sf::Vector2u(96, 96));
}

TEST(PortraitCache, UntilItIsReadyTheNeutralFaceStandsIn)
{
    const ScratchAssets assets;
    const auto maya = assets.dir / "portraits/maya";
    fs::create_directories(maya);
    fs::copy_file(shippedAssets / "portraits/maya/neutral.svg", maya / "neutral.svg");
    PortraitCache cache(assets.dir);
    cache.setWaitForArt(false);
    (void)cache.get("portraits/maya", "neutral", 48);
    cache.waitUntilSettled();
    const sf::Texture* neutral = cache.get("portraits/maya", "neutral", 48);
    ASSERT_NE(neutral, nullptr);
    // A face added after the folder was read is rendered only when asked: neutral stands in.
    fs::copy_file(shippedAssets / "portraits/maya/frustrated.svg", maya / "frustrated.svg");
    EXPECT_EQ(cache.get("portraits/maya", "frustrated", 48), neutral);
    cache.waitUntilSettled();
    const sf::Texture* frustrated = cache.get("portraits/maya", "frustrated", 48);
    ASSERT_NE(frustrated, nullptr);
    EXPECT_NE(frustrated, neutral);
    EXPECT_NE(pixelsOf(*frustrated), pixelsOf(*neutral));
    EXPECT_TRUE(cache.problems().empty());
}

TEST(PortraitCache, TheOtherExpressionsAreRenderedAheadOfNeed)
{
    PortraitCache cache(shippedAssets);
    cache.setWaitForArt(false);
    (void)cache.get("portraits/bea", "pleased", 48);
    cache.waitUntilSettled();
    // Asked for the first time, each is ready at once: had it not been rendered ahead, the neutral
    // face would stand in (or nothing, for neutral itself).
    std::vector<const sf::Texture*> seen;
    for (const char* expression : {"pleased", "neutral", "frustrated", "defensive"}) {
        const sf::Texture* texture = cache.get("portraits/bea", expression, 48);
        ASSERT_NE(texture, nullptr) << expression;
        EXPECT_EQ(texture->getSize(), sf::Vector2u(48, 48)) << expression;
        EXPECT_EQ(std::count(seen.begin(), seen.end(), texture), 0) << expression << " is another face";
        seen.push_back(texture);
    }
    // Only at the size asked: another size is rendered when it is asked for.
    EXPECT_EQ(cache.get("portraits/bea", "frustrated", 64), seen[2]);
}

TEST(PortraitCache, AMissingOrBrokenFileIsReportedOnceAndNeverTriedAgain)
{
    const ScratchAssets assets;
    fs::create_directories(assets.dir / "portraits/broken");
    std::ofstream(assets.dir / "portraits/broken/neutral.svg") << "<svg this is not xml";
    PortraitCache cache(assets.dir);
    cache.setWaitForArt(false);
    EXPECT_EQ(cache.get("portraits/nobody", "neutral", 32), nullptr);
    cache.waitUntilSettled();
    EXPECT_EQ(cache.get("portraits/nobody", "neutral", 32), nullptr);
    EXPECT_EQ(cache.get("portraits/broken", "neutral", 32), nullptr);
    cache.waitUntilSettled();
    for (int frame = 0; frame < 3; ++frame) {
        EXPECT_EQ(cache.get("portraits/nobody", "neutral", 32), nullptr);
        EXPECT_EQ(cache.get("portraits/broken", "neutral", 32), nullptr);
    }
    ASSERT_EQ(cache.problems().size(), 2u);
    EXPECT_EQ(cache.problems()[0],
              "assets/portraits/nobody/neutral.svg: no such file (looked in " + assets.dir.string() + ")");
    EXPECT_EQ(cache.problems()[1].rfind("assets/portraits/broken/neutral.svg: ", 0), 0u)
        << cache.problems()[1];

    // Not tried again: a file that turns up later is not picked up by this cache.
    fs::create_directories(assets.dir / "portraits/nobody");
    fs::copy_file(shippedAssets / "portraits/maya/neutral.svg", assets.dir / "portraits/nobody/neutral.svg");
    EXPECT_EQ(cache.get("portraits/nobody", "neutral", 32), nullptr);
    cache.waitUntilSettled();
    EXPECT_EQ(cache.get("portraits/nobody", "neutral", 32), nullptr);
    EXPECT_EQ(cache.problems().size(), 2u);
}

TEST(PortraitCache, AnExpressionWithoutAFileGivesTheNeutralFace)
{
    PortraitCache cache(shippedAssets);
    cache.setWaitForArt(false);
    (void)cache.get("portraits/maya", "bored", 40);
    cache.waitUntilSettled();
    const sf::Texture* neutral = cache.get("portraits/maya", "neutral", 40);
    ASSERT_NE(neutral, nullptr);
    EXPECT_EQ(cache.get("portraits/maya", "bored", 40), neutral);
    ASSERT_EQ(cache.problems().size(), 1u);
    EXPECT_EQ(cache.problems()[0].rfind("assets/portraits/maya/bored.svg: no such file", 0), 0u)
        << cache.problems()[0];
}

TEST(PortraitCache, ACacheGoesWhileItsWorkerIsBusy)
{
    // The destructor stops the worker and waits for the render under way (a render left running
    // on a destroyed cache would crash here, or be caught by the sanitizers).
    for (int round = 0; round < 3; ++round) {
        PortraitCache cache(shippedAssets);
        cache.setWaitForArt(false);
        for (const char* image : {"portraits/maya", "portraits/bea", "portraits/clive", "portraits/esme"})
            EXPECT_EQ(cache.get(image, "neutral", 128), nullptr);
    }
}

} // namespace
} // namespace sparring::test
