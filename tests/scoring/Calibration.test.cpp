// The act confidence's calibration: temperature scaling keeps the ranking and softens or sharpens
// the probabilities; the fitted temperature makes overconfident predictions honest; the
// expected calibration error measures the gap; the calibration file is read strictly.

#include "scoring/Calibration.hpp"
#include "scoring/ScoringError.hpp"

#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <initializer_list>

namespace sparring::test {
namespace {

using scoring::Calibration;
using scoring::HeldOutPrediction;

/// Log-probabilities of a distribution.
std::vector<float> logsOf(std::initializer_list<float> probabilities)
{
    std::vector<float> out;
    for (const float p : probabilities)
        out.push_back(std::log(p));
    return out;
}

TEST(Calibration, ATemperatureKeepsTheRankingAndSumsToOne)
{
    const auto raw = logsOf({0.90f, 0.08f, 0.02f});
    for (const double temperature : {0.5, 1.0, 2.0}) {
        const auto p = Calibration{temperature}.probabilities(raw);
        ASSERT_EQ(p.size(), 3U);
        EXPECT_GT(p[0], p[1]);
        EXPECT_GT(p[1], p[2]);
        EXPECT_NEAR(p[0] + p[1] + p[2], 1.0f, 1e-5f);
    }
    EXPECT_LT(Calibration{2.0}.probabilities(raw)[0], 0.9f) << "above 1 softens";
    EXPECT_GT(Calibration{0.5}.probabilities(raw)[0], 0.9f) << "below 1 sharpens";
    EXPECT_NEAR(Calibration{1.0}.probabilities(raw)[0], 0.9f, 1e-5f);
    EXPECT_TRUE(Calibration{}.probabilities({}).empty());
}

TEST(Calibration, FittingSoftensAModelThatIsRightLessOftenThanItSays)
{
    // Always 0.95 sure, right 70 times in 100: the fitted temperature brings 0.95 down near 0.7.
    std::vector<HeldOutPrediction> heldOut;
    for (std::size_t i = 0; i < 100; ++i)
        heldOut.push_back({logsOf({0.95f, 0.05f}), i < 70 ? 0U : 1U});
    const auto fitted = scoring::fitCalibration(heldOut);
    EXPECT_GT(fitted.temperature, 1.0);
    EXPECT_NEAR(fitted.probabilities(heldOut.front().logProbabilities)[0], 0.70f, 0.02f);
}

TEST(Calibration, FittingSharpensAModelThatIsRightMoreOftenThanItSays)
{
    std::vector<HeldOutPrediction> heldOut;
    for (std::size_t i = 0; i < 100; ++i)
        heldOut.push_back({logsOf({0.6f, 0.4f}), i < 95 ? 0U : 1U});
    const auto fitted = scoring::fitCalibration(heldOut);
    EXPECT_LT(fitted.temperature, 1.0);
    EXPECT_NEAR(fitted.probabilities(heldOut.front().logProbabilities)[0], 0.95f, 0.02f);
    EXPECT_EQ(scoring::fitCalibration({}).temperature, 1.0) << "nothing held out: no change";
}

TEST(Calibration, ExpectedCalibrationErrorIsTheWeightedGapPerBin)
{
    // Ten predictions at 0.95 of which 5 are right (gap 0.45), ten at 0.55 all right (gap 0.45).
    std::vector<float> confidence(10, 0.95f);
    confidence.insert(confidence.end(), 10, 0.55f);
    std::vector<bool> correct(20, true);
    for (int i = 0; i < 5; ++i)
        correct[static_cast<std::size_t>(i)] = false;
    EXPECT_NEAR(scoring::expectedCalibrationError(confidence, correct), 0.45, 1e-6);
    // Confidence that matches accuracy has no error.
    EXPECT_NEAR(scoring::expectedCalibrationError({1.0f, 1.0f}, {true, true}), 0.0, 1e-6);
    EXPECT_EQ(scoring::expectedCalibrationError({}, {}), 0.0);
}

TEST(Calibration, TheFileRoundTripsAndADamagedOneIsRefusedWithItsName)
{
    TempLibrary scratch;
    const auto file = scratch.root() / "acts.calibration";
    Calibration{1.75}.save(file);
    EXPECT_NEAR(Calibration::load(file).temperature, 1.75, 1e-6);
    for (const char* damaged :
         {"", "temperature", "temperature -1", "temperature nan", "heat 2", "temperature 2 3"}) {
        std::ofstream(file, std::ios::trunc) << damaged;
        try {
            (void)Calibration::load(file);
            ADD_FAILURE() << "loaded '" << damaged << "'";
        } catch (const scoring::ScoringError& e) {
            EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
        }
    }
    EXPECT_THROW((void)Calibration::load(scratch.root() / "missing"), scoring::ScoringError);
}

} // namespace
} // namespace sparring::test
