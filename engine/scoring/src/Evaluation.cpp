#include "scoring/Evaluation.hpp"

#include "core/Labels.hpp"
#include "scoring/Calibration.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace sparring::scoring {

using core::isAct;
using core::isTag;
using core::kActs;
using core::kFrameworkTermPrefix;

double LabelScore::f1() const
{
    const double p = precision();
    const double r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

namespace {

std::size_t actIndex(core::Act act)
{
    return static_cast<std::size_t>(act);
}

/// Per-label scores from a confusion matrix ([gold][predicted]), and the macro-F1 over the
/// labels that occur in the gold labels or the predictions (a label in neither has no F1).
template <std::size_t N>
std::pair<std::vector<LabelScore>, double> scoresOf(const std::vector<std::vector<int>>& confusion,
                                                    const std::array<std::string_view, N>& labels)
{
    std::vector<LabelScore> scores;
    double f1Sum = 0;
    int seen = 0;
    for (std::size_t a = 0; a < N; ++a) {
        LabelScore s;
        s.label = std::string(labels[a]);
        for (std::size_t b = 0; b < N; ++b) {
            s.support += confusion[a][b];
            s.predicted += confusion[b][a];
        }
        s.correct = confusion[a][a];
        if (s.support > 0 || s.predicted > 0) {
            f1Sum += s.f1();
            ++seen;
        }
        scores.push_back(s);
    }
    return {scores, seen ? f1Sum / seen : 0.0};
}

void addCalibration(Evaluation& e, const std::vector<LabelledUtterance>& gold,
                    const std::vector<Analysis>& predicted, std::size_t n)
{
    std::vector<float> confidence;
    std::vector<bool> correct;
    int sureRight = 0, sure = 0, unsureRight = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const bool right = gold[i].act == predicted[i].act;
        confidence.push_back(predicted[i].actConfidence);
        correct.push_back(right);
        if (predicted[i].actUnsure) {
            ++e.unsure;
            unsureRight += right ? 1 : 0;
        } else {
            ++sure;
            sureRight += right ? 1 : 0;
        }
    }
    e.calibrationError = expectedCalibrationError(confidence, correct);
    e.accuracyWhenSure = sure ? static_cast<double>(sureRight) / sure : 0.0;
    e.accuracyWhenUnsure = e.unsure ? static_cast<double>(unsureRight) / e.unsure : 0.0;
}

} // namespace

std::size_t fourClassOf(core::Act act)
{
    switch (act) {
    case core::Act::OpenQuestion:
    case core::Act::ClosedQuestion:
        return 0;
    case core::Act::Reflection:
    case core::Act::Summary:
        return 1;
    case core::Act::Advice:
    case core::Act::Information:
        return 2;
    case core::Act::Affirmation:
    case core::Act::Other:
        return 3;
    }
    return 3;
}

Evaluation evaluate(const std::vector<LabelledUtterance>& gold, const std::vector<Analysis>& predicted)
{
    Evaluation e;
    const std::size_t n = std::min(gold.size(), predicted.size());
    e.items = static_cast<int>(n);
    e.confusion.assign(kActs.size(), std::vector<int>(kActs.size(), 0));
    std::map<std::string, LabelScore> tags;
    e.depth.label = "depth";
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t g = actIndex(gold[i].act);
        const std::size_t p = actIndex(predicted[i].act);
        if (g < kActs.size() && p < kActs.size())
            ++e.confusion[g][p];
        if (gold[i].act == core::Act::Reflection && predicted[i].act == core::Act::Reflection) {
            ++e.depth.support;
            ++e.depth.predicted;
            e.depth.correct += gold[i].depth == predicted[i].depth ? 1 : 0;
        }
        for (const auto& t : gold[i].tags) {
            auto& s = tags[t];
            s.label = t;
            ++s.support;
            if (std::find(predicted[i].tags.begin(), predicted[i].tags.end(), t) != predicted[i].tags.end())
                ++s.correct;
        }
        for (const auto& t : predicted[i].tags) {
            auto& s = tags[t];
            s.label = t;
            ++s.predicted;
        }
    }
    std::tie(e.acts, e.macroF1) = scoresOf(e.confusion, kActs);
    int correct = 0;
    std::vector<double> goldTotals(kActs.size(), 0), predictedTotals(kActs.size(), 0);
    for (std::size_t a = 0; a < kActs.size(); ++a) {
        correct += e.acts[a].correct;
        goldTotals[a] = e.acts[a].support;
        predictedTotals[a] = e.acts[a].predicted;
    }
    e.accuracy = n ? static_cast<double>(correct) / static_cast<double>(n) : 0.0;
    double expected = 0;
    for (std::size_t a = 0; a < kActs.size(); ++a)
        expected +=
            n ? (goldTotals[a] / static_cast<double>(n)) * (predictedTotals[a] / static_cast<double>(n))
              : 0.0;
    e.kappa = expected < 1.0 ? (e.accuracy - expected) / (1.0 - expected) : 0.0;
    int tp = 0, fp = 0, fn = 0;
    for (auto& [label, s] : tags) {
        tp += s.correct;
        fp += s.predicted - s.correct;
        fn += s.support - s.correct;
        e.tags.push_back(s);
    }
    e.tagMicroF1 = tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0.0;

    std::vector<std::vector<int>> fourConfusion(kFourClasses.size(),
                                                std::vector<int>(kFourClasses.size(), 0));
    for (std::size_t i = 0; i < n; ++i)
        ++fourConfusion[fourClassOf(gold[i].act)][fourClassOf(predicted[i].act)];
    std::tie(e.fourClasses, e.fourClassMacroF1) = scoresOf(fourConfusion, kFourClasses);
    addCalibration(e, gold, predicted, n);
    return e;
}

} // namespace sparring::scoring
