// The act confidence's calibration: temperature scaling keeps the ranking and softens or sharpens
// the probabilities; the fitted temperature makes overconfident predictions honest; the
// expected calibration error measures the gap; the calibration file is read strictly.

#include "scoring/Calibration.hpp"
#include "scoring/ScoringError.hpp"

#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace sparring::test {
namespace {

using scoring::Calibration;
using scoring::HeldOutPrediction;
using scoring::Prediction;

TEST(Calibration, ATemperatureKeepsTheRankingAndSumsToOne)
{
    const std::vector<Prediction> raw{{"a", 0.90f}, {"b", 0.08f}, {"c", 0.02f}};
    for (const double temperature : {0.5, 1.0, 2.0}) {
        const auto scaled = Calibration{temperature}.apply(raw);
        ASSERT_EQ(scaled.size(), 3U);
        EXPECT_EQ(scaled[0].label, "a");
        EXPECT_EQ(scaled[1].label, "b");
        EXPECT_NEAR(scaled[0].probability + scaled[1].probability + scaled[2].probability, 1.0f, 1e-5f);
    }
    EXPECT_LT(Calibration{2.0}.apply(raw)[0].probability, 0.9f) << "above 1 softens";
    EXPECT_GT(Calibration{0.5}.apply(raw)[0].probability, 0.9f) << "below 1 sharpens";
    EXPECT_NEAR(Calibration{1.0}.apply(raw)[0].probability, 0.9f, 1e-5f);
}

TEST(Calibration, FittingSoftensAModelThatIsRightLessOftenThanItSays)
{
    // Always 0.95 sure, right 70 times in 100: the fitted temperature brings 0.95 down near 0.7.
    std::vector<HeldOutPrediction> heldOut;
    for (int i = 0; i < 100; ++i)
        heldOut.push_back({{{"a", 0.95f}, {"b", 0.05f}}, i < 70 ? "a" : "b"});
    const auto fitted = scoring::fitCalibration(heldOut);
    EXPECT_GT(fitted.temperature, 1.0);
    EXPECT_NEAR(fitted.apply(heldOut.front().labels)[0].probability, 0.70f, 0.02f);
}

TEST(Calibration, FittingSharpensAModelThatIsRightMoreOftenThanItSays)
{
    std::vector<HeldOutPrediction> heldOut;
    for (int i = 0; i < 100; ++i)
        heldOut.push_back({{{"a", 0.6f}, {"b", 0.4f}}, i < 95 ? "a" : "b"});
    const auto fitted = scoring::fitCalibration(heldOut);
    EXPECT_LT(fitted.temperature, 1.0);
    EXPECT_NEAR(fitted.apply(heldOut.front().labels)[0].probability, 0.95f, 0.02f);
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
