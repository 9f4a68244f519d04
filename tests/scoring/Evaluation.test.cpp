// Evaluation: per-act precision/recall/F1, accuracy, macro-F1, Cohen's kappa, the confusion
// matrix, reflection depth, and per-tag figures with micro-F1, on a small example worked by hand.

#include "scoring/Evaluation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sparring::scoring {
namespace {

LabelledUtterance gold(const std::string& act, const std::string& depth = "",
                       std::vector<std::string> tags = {})
{
    LabelledUtterance u;
    u.text = "utterance";
    u.act = core::parseAct(act).value();
    u.depth = depth;
    u.tags = std::move(tags);
    return u;
}

Analysis predicted(const std::string& act, const std::string& depth = "", std::vector<std::string> tags = {})
{
    Analysis a;
    a.act = core::parseAct(act).value();
    a.depth = depth;
    a.tags = std::move(tags);
    return a;
}

const LabelScore& scoreOf(const std::vector<LabelScore>& scores, const std::string& label)
{
    for (const auto& s : scores)
        if (s.label == label)
            return s;
    ADD_FAILURE() << "no score for " << label;
    static const LabelScore none;
    return none;
}

// Ten utterances, gold -> predicted:
//    1 open_question -> open_question       [takeover] -> [takeover]
//    2 open_question -> open_question       [filler] -> []
//    3 open_question -> closed_question     [] -> [filler]
//    4 closed_question -> closed_question   [multiple_questions, filler] -> [multiple_questions]
//    5 closed_question -> open_question     [] -> [takeover]
//    6 reflection simple -> reflection simple
//    7 reflection complex -> reflection simple
//    8 reflection complex -> advice
//    9 advice -> advice
//   10 advice -> advice
//
// Acts (support = gold count, predicted = predicted count):
//   open_question    support 3, predicted 3 (1, 2, 5), correct 2: P 2/3, R 2/3, F1 2/3
//   closed_question  support 2, predicted 2 (3, 4),    correct 1: P 1/2, R 1/2, F1 1/2
//   reflection       support 3, predicted 2 (6, 7),    correct 2: P 1,   R 2/3, F1 2(2/3)/(5/3) = 4/5
//   advice           support 2, predicted 3 (8, 9, 10), correct 2: P 2/3, R 1,  F1 4/5
//   summary, affirmation, information, other: in neither gold nor predictions, so not in macro-F1.
// accuracy = 7/10 = 0.7
// macro-F1 = (2/3 + 1/2 + 4/5 + 4/5) / 4 = (20 + 15 + 24 + 24) / 30 / 4 = 83/120 = 0.691666...
// Cohen's kappa: p_o = 0.7; p_e = sum over acts of (gold share x predicted share)
//   = (3*3 + 2*2 + 3*2 + 2*3) / 100 = 25/100 = 0.25; kappa = (0.7 - 0.25) / (1 - 0.25) = 0.45/0.75 = 0.6
// Depth: gold reflections predicted as reflections are 6 and 7; 6 has the right depth: 1 of 2.
// Tags:
//   filler              support 2, predicted 1, correct 0: P 0,   R 0, F1 0
//   multiple_questions  support 1, predicted 1, correct 1: P 1,   R 1, F1 1
//   takeover            support 1, predicted 2, correct 1: P 1/2, R 1, F1 2/3
//   micro, summed over tags: tp = 0 + 1 + 1 = 2, fp = (1-0) + (1-1) + (2-1) = 2, fn = (2-0) + (1-1) + (1-1) =
//   2 micro-F1 = 2tp / (2tp + fp + fn) = 4 / 8 = 0.5
class EvaluationExample : public ::testing::Test {
protected:
    std::vector<LabelledUtterance> m_gold{gold("open_question", "", {"takeover"}),
                                          gold("open_question", "", {"filler"}),
                                          gold("open_question"),
                                          gold("closed_question", "", {"multiple_questions", "filler"}),
                                          gold("closed_question"),
                                          gold("reflection", "simple"),
                                          gold("reflection", "complex"),
                                          gold("reflection", "complex"),
                                          gold("advice"),
                                          gold("advice")};
    std::vector<Analysis> m_predicted{predicted("open_question", "", {"takeover"}),
                                      predicted("open_question"),
                                      predicted("closed_question", "", {"filler"}),
                                      predicted("closed_question", "", {"multiple_questions"}),
                                      predicted("open_question", "", {"takeover"}),
                                      predicted("reflection", "simple"),
                                      predicted("reflection", "simple"),
                                      predicted("advice"),
                                      predicted("advice"),
                                      predicted("advice")};
    Evaluation m_e = evaluate(m_gold, m_predicted);
};

TEST_F(EvaluationExample, PerActPrecisionRecallAndF1)
{
    EXPECT_EQ(m_e.items, 10);
    ASSERT_EQ(m_e.acts.size(), 8u);
    const std::vector<std::string> order{"open_question", "closed_question", "reflection",  "summary",
                                         "affirmation",   "advice",          "information", "other"};
    for (std::size_t i = 0; i < order.size(); ++i)
        EXPECT_EQ(m_e.acts[i].label, order[i]);

    const auto& open = scoreOf(m_e.acts, "open_question");
    EXPECT_EQ(open.support, 3);
    EXPECT_EQ(open.predicted, 3);
    EXPECT_EQ(open.correct, 2);
    EXPECT_DOUBLE_EQ(open.precision(), 2.0 / 3);
    EXPECT_DOUBLE_EQ(open.recall(), 2.0 / 3);
    EXPECT_DOUBLE_EQ(open.f1(), 2.0 / 3);

    const auto& closed = scoreOf(m_e.acts, "closed_question");
    EXPECT_EQ(closed.support, 2);
    EXPECT_EQ(closed.predicted, 2);
    EXPECT_EQ(closed.correct, 1);
    EXPECT_DOUBLE_EQ(closed.f1(), 0.5);

    const auto& reflection = scoreOf(m_e.acts, "reflection");
    EXPECT_EQ(reflection.support, 3);
    EXPECT_EQ(reflection.predicted, 2);
    EXPECT_EQ(reflection.correct, 2);
    EXPECT_DOUBLE_EQ(reflection.precision(), 1.0);
    EXPECT_DOUBLE_EQ(reflection.recall(), 2.0 / 3);
    EXPECT_DOUBLE_EQ(reflection.f1(), 0.8);

    const auto& advice = scoreOf(m_e.acts, "advice");
    EXPECT_EQ(advice.support, 2);
    EXPECT_EQ(advice.predicted, 3);
    EXPECT_EQ(advice.correct, 2);
    EXPECT_DOUBLE_EQ(advice.precision(), 2.0 / 3);
    EXPECT_DOUBLE_EQ(advice.recall(), 1.0);
    EXPECT_DOUBLE_EQ(advice.f1(), 0.8);

    const auto& summary = scoreOf(m_e.acts, "summary");
    EXPECT_EQ(summary.support, 0);
    EXPECT_EQ(summary.predicted, 0);
    EXPECT_DOUBLE_EQ(summary.precision(), 0.0);
    EXPECT_DOUBLE_EQ(summary.f1(), 0.0);
}

TEST_F(EvaluationExample, AccuracyMacroF1AndKappa)
{
    EXPECT_DOUBLE_EQ(m_e.accuracy, 0.7);
    EXPECT_DOUBLE_EQ(m_e.macroF1, 83.0 / 120);
    EXPECT_NEAR(m_e.kappa, 0.6, 1e-12);
}

TEST_F(EvaluationExample, ConfusionMatrixRowsAreGoldColumnsArePredicted)
{
    const std::vector<std::vector<int>> expected{
        // open closed refl summ affi advi info other
        {2, 1, 0, 0, 0, 0, 0, 0}, // open_question
        {1, 1, 0, 0, 0, 0, 0, 0}, // closed_question
        {0, 0, 2, 0, 0, 1, 0, 0}, // reflection
        {0, 0, 0, 0, 0, 0, 0, 0}, // summary
        {0, 0, 0, 0, 0, 0, 0, 0}, // affirmation
        {0, 0, 0, 0, 0, 2, 0, 0}, // advice
        {0, 0, 0, 0, 0, 0, 0, 0}, // information
        {0, 0, 0, 0, 0, 0, 0, 0}, // other
    };
    EXPECT_EQ(m_e.confusion, expected);
}

TEST_F(EvaluationExample, DepthCountsGoldReflectionsPredictedAsReflections)
{
    EXPECT_EQ(m_e.depth.label, "depth");
    EXPECT_EQ(m_e.depth.support, 2);
    EXPECT_EQ(m_e.depth.predicted, 2);
    EXPECT_EQ(m_e.depth.correct, 1);
    EXPECT_DOUBLE_EQ(m_e.depth.recall(), 0.5);
}

TEST_F(EvaluationExample, TagsSortedWithPrecisionRecallF1AndMicroF1)
{
    ASSERT_EQ(m_e.tags.size(), 3u);
    EXPECT_EQ(m_e.tags[0].label, "filler");
    EXPECT_EQ(m_e.tags[1].label, "multiple_questions");
    EXPECT_EQ(m_e.tags[2].label, "takeover");

    EXPECT_EQ(m_e.tags[0].support, 2);
    EXPECT_EQ(m_e.tags[0].predicted, 1);
    EXPECT_EQ(m_e.tags[0].correct, 0);
    EXPECT_DOUBLE_EQ(m_e.tags[0].f1(), 0.0);

    EXPECT_EQ(m_e.tags[1].support, 1);
    EXPECT_EQ(m_e.tags[1].predicted, 1);
    EXPECT_EQ(m_e.tags[1].correct, 1);
    EXPECT_DOUBLE_EQ(m_e.tags[1].f1(), 1.0);

    EXPECT_EQ(m_e.tags[2].support, 1);
    EXPECT_EQ(m_e.tags[2].predicted, 2);
    EXPECT_EQ(m_e.tags[2].correct, 1);
    EXPECT_DOUBLE_EQ(m_e.tags[2].precision(), 0.5);
    EXPECT_DOUBLE_EQ(m_e.tags[2].recall(), 1.0);
    EXPECT_DOUBLE_EQ(m_e.tags[2].f1(), 2.0 / 3);

    EXPECT_DOUBLE_EQ(m_e.tagMicroF1, 0.5);
}

TEST(Evaluation, PerfectAgreementOnTwoActsHasMacroF1One)
{
    // Acts that occur in neither the gold labels nor the predictions have no F1 and do not count:
    // a perfect classifier scores 1, not 2/8.
    const auto e = evaluate({gold("advice"), gold("other"), gold("advice")},
                            {predicted("advice"), predicted("other"), predicted("advice")});
    EXPECT_DOUBLE_EQ(e.accuracy, 1.0);
    EXPECT_DOUBLE_EQ(e.macroF1, 1.0);
    // p_e = (2/3)(2/3) + (1/3)(1/3) = 5/9; kappa = (1 - 5/9) / (1 - 5/9) = 1
    EXPECT_DOUBLE_EQ(e.kappa, 1.0);
    EXPECT_TRUE(e.tags.empty());
    EXPECT_DOUBLE_EQ(e.tagMicroF1, 0.0);
}

TEST(Evaluation, AnActOnlyPredictedCountsWithFZero)
{
    // other: support 1, predicted 0 -> F1 0; advice: support 1, predicted 2, correct 1 -> P 1/2, R 1, F1 2/3.
    // macro-F1 = (0 + 2/3) / 2 = 1/3. p_e = (1/2)(1) + (1/2)(0) = 1/2; p_o = 1/2; kappa = 0.
    const auto e = evaluate({gold("advice"), gold("other")}, {predicted("advice"), predicted("advice")});
    EXPECT_DOUBLE_EQ(e.accuracy, 0.5);
    EXPECT_DOUBLE_EQ(e.macroF1, 1.0 / 3);
    EXPECT_DOUBLE_EQ(e.kappa, 0.0);
}

TEST(Evaluation, NothingToEvaluateGivesZeros)
{
    const auto e = evaluate({}, {});
    EXPECT_EQ(e.items, 0);
    EXPECT_DOUBLE_EQ(e.accuracy, 0.0);
    EXPECT_DOUBLE_EQ(e.macroF1, 0.0);
    EXPECT_DOUBLE_EQ(e.kappa, 0.0);
    EXPECT_EQ(e.confusion, std::vector<std::vector<int>>(8, std::vector<int>(8, 0)));
    EXPECT_EQ(e.acts.size(), 8u);
}

} // namespace
} // namespace sparring::scoring

namespace sparring::scoring {
namespace {

TEST(Evaluation, FourClassesFoldTheActsAsCounsellingCodingDoes)
{
    // Confusions inside a class vanish: open read as closed, summary read as reflection, advice as
    // information, affirmation as other. One confusion across classes stays.
    const std::vector<LabelledUtterance> g{gold("open_question"), gold("summary"), gold("advice"),
                                           gold("affirmation"), gold("information")};
    const std::vector<Analysis> p{predicted("closed_question"), predicted("reflection", "simple"),
                                  predicted("information"), predicted("other"),
                                  predicted("reflection", "simple")};
    const auto e = evaluate(g, p);
    EXPECT_EQ(e.accuracy, 0.0);
    ASSERT_EQ(e.fourClasses.size(), 4U);
    EXPECT_EQ(scoreOf(e.fourClasses, "question").correct, 1);
    EXPECT_EQ(scoreOf(e.fourClasses, "reflection").correct, 1);
    EXPECT_EQ(scoreOf(e.fourClasses, "reflection").predicted, 2);
    EXPECT_EQ(scoreOf(e.fourClasses, "input").support, 2);
    EXPECT_EQ(scoreOf(e.fourClasses, "input").correct, 1);
    EXPECT_EQ(scoreOf(e.fourClasses, "other").correct, 1);
    // F1: question 1, reflection 2/3, input 2/3, other 1.
    EXPECT_NEAR(e.fourClassMacroF1, (1.0 + 2.0 / 3 + 2.0 / 3 + 1.0) / 4, 1e-9);
}

TEST(Evaluation, ConfidenceIsJudgedAgainstWhatWasRight)
{
    const std::vector<LabelledUtterance> g{gold("advice"), gold("advice"), gold("advice"), gold("other")};
    std::vector<Analysis> p{predicted("advice"), predicted("advice"), predicted("information"),
                            predicted("advice")};
    p[0].actConfidence = 0.95f; // sure, right
    p[1].actConfidence = 0.35f; // unsure, right
    p[1].actUnsure = true;
    p[2].actConfidence = 0.40f; // unsure, wrong
    p[2].actUnsure = true;
    p[3].actConfidence = 0.90f; // sure, wrong
    const auto e = evaluate(g, p);
    EXPECT_EQ(e.unsure, 2);
    EXPECT_NEAR(e.accuracyWhenSure, 0.5, 1e-9);
    EXPECT_NEAR(e.accuracyWhenUnsure, 0.5, 1e-9);
    // Bins: 0.3x (1 right, conf 0.35), 0.4x (0 right, conf 0.40), 0.9x (1 of 2 right, conf 1.85).
    EXPECT_NEAR(e.calibrationError, (0.65 + 0.40 + 0.85) / 4, 1e-6);
}

} // namespace
} // namespace sparring::scoring
