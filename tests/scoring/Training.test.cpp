// Training settings: the act model's character n-gram range follows from its shortest length
// (`sparring train --char-ngrams N` trains with N to N + 2), and nothing else is touched.

#include "scoring/Training.hpp"

#include <gtest/gtest.h>

namespace sparring::test {
namespace {

using scoring::TrainOptions;
using scoring::withCharNgrams;

TEST(Training, CharNgramsRunFromTheShortestToTwoLonger)
{
    const auto options = withCharNgrams({}, 3);
    EXPECT_EQ(options.minCharNgram, 3);
    EXPECT_EQ(options.maxCharNgram, 5);
    EXPECT_EQ(withCharNgrams({}, 1).maxCharNgram, 3);
}

TEST(Training, NoShortestMeansNoCharNgrams)
{
    TrainOptions withRange;
    withRange.minCharNgram = 2;
    withRange.maxCharNgram = 6;
    for (const int shortest : {0, -1}) {
        const auto options = withCharNgrams(withRange, shortest);
        EXPECT_EQ(options.minCharNgram, 0) << shortest;
        EXPECT_EQ(options.maxCharNgram, 0) << shortest;
    }
}

TEST(Training, CharNgramsLeaveTheOtherSettingsAlone)
{
    TrainOptions tuned;
    tuned.epochs = 7;
    tuned.learningRate = 0.25;
    tuned.dimension = 50;
    tuned.wordNgrams = 3;
    tuned.oneVsAll = true;
    tuned.seed = 42;
    const auto options = withCharNgrams(tuned, 4);
    EXPECT_EQ(options.epochs, 7);
    EXPECT_EQ(options.learningRate, 0.25);
    EXPECT_EQ(options.dimension, 50);
    EXPECT_EQ(options.wordNgrams, 3);
    EXPECT_TRUE(options.oneVsAll);
    EXPECT_EQ(options.seed, 42);
}

} // namespace
} // namespace sparring::test
