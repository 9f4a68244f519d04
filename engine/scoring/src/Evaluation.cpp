#include "scoring/Evaluation.hpp"

#include "core/Labels.hpp"

#include <algorithm>
#include <map>

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

} // namespace

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
    int correct = 0;
    double f1Sum = 0;
    int actsSeen = 0; // acts in the gold labels or the predictions; an act in neither has no F1
    std::vector<double> goldTotals(kActs.size(), 0), predictedTotals(kActs.size(), 0);
    for (std::size_t a = 0; a < kActs.size(); ++a) {
        LabelScore s;
        s.label = std::string(kActs[a]);
        for (std::size_t b = 0; b < kActs.size(); ++b) {
            s.support += e.confusion[a][b];
            s.predicted += e.confusion[b][a];
            goldTotals[a] += e.confusion[a][b];
            predictedTotals[a] += e.confusion[b][a];
        }
        s.correct = e.confusion[a][a];
        correct += s.correct;
        if (s.support > 0 || s.predicted > 0) {
            f1Sum += s.f1();
            ++actsSeen;
        }
        e.acts.push_back(s);
    }
    e.accuracy = n ? static_cast<double>(correct) / static_cast<double>(n) : 0.0;
    e.macroF1 = actsSeen ? f1Sum / actsSeen : 0.0;
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
    return e;
}

} // namespace sparring::scoring
