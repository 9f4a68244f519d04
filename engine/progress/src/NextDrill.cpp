#include "progress/NextDrill.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace sparring::progress {

namespace {

std::string oneDecimal(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

const ScenarioAttempts* attemptsOf(const Kpis& kpis, const std::string& id)
{
    const auto found = std::find_if(kpis.scenarios.begin(), kpis.scenarios.end(),
                                    [&](const ScenarioAttempts& a) { return a.scenarioId == id; });
    return found != kpis.scenarios.end() ? &*found : nullptr;
}

/// 0: never played; 1: its latest attempt did not end well; 2: it did.
int freshness(const Kpis& kpis, const DrillOption& option)
{
    const auto* attempts = attemptsOf(kpis, option.scenarioId);
    if (!attempts)
        return 0;
    return attempts->latestOutcome == "good" ? 2 : 1;
}

bool focuses(const DrillOption& option, const std::string& principle)
{
    return std::find(option.focus.begin(), option.focus.end(), principle) != option.focus.end();
}

std::string whyThisScenario(int fresh)
{
    return fresh == 0   ? "and you have not played it yet"
           : fresh == 1 ? "and your latest attempt at it did not end well"
                        : "and it is the one that practises it most";
}

} // namespace

std::optional<NextDrill> nextDrill(const Kpis& kpis, const std::vector<DrillOption>& library)
{
    if (library.empty())
        return std::nullopt;
    if (kpis.sessions == 0)
        return NextDrill{library.front().scenarioId, library.front().title, "",
                         "No practice recorded yet: start with the first scenario of the curriculum."};

    // The principle: the weakest practised one not mastered, else the first unpractised one.
    const Skill* weakest = nullptr;
    for (const auto& s : kpis.skills)
        if (s.answers > 0 && !s.mastered && (!weakest || s.skill < weakest->skill))
            weakest = &s;
    std::string principle;
    std::string principleName;
    std::string why;
    if (weakest) {
        principle = weakest->principle;
        principleName = weakest->name;
        why = principleName + " is your weakest principle not yet mastered (" + oneDecimal(weakest->skill) +
              " per answer over " + std::to_string(weakest->answers) +
              (weakest->answers == 1 ? " answer" : " answers") + "; mastered is " +
              oneDecimal(kMasteredSkill) + " over " + std::to_string(kMasteredAnswers) + ")";
    } else {
        for (const auto& option : library) {
            for (std::size_t i = 0; i < option.focus.size() && principle.empty(); ++i) {
                const auto& id = option.focus[i];
                const bool practised =
                    std::any_of(kpis.skills.begin(), kpis.skills.end(),
                                [&](const Skill& s) { return s.principle == id && s.answers > 0; });
                if (!practised) {
                    principle = id;
                    principleName = i < option.focusNames.size() ? option.focusNames[i] : id;
                }
            }
            if (!principle.empty())
                break;
        }
        if (!principle.empty())
            why = "Every principle you have practised is mastered; " + principleName + " has no evidence yet";
    }

    if (principle.empty()) {
        // All mastered: keep them sharp with the scenario played longest ago (never played first).
        const DrillOption* oldest = &library.front();
        std::size_t oldestRank = static_cast<std::size_t>(-1);
        for (const auto& option : library) {
            const auto* attempts = attemptsOf(kpis, option.scenarioId);
            const auto rank = attempts ? static_cast<std::size_t>(attempts - kpis.scenarios.data()) + 1 : 0;
            if (rank < oldestRank) {
                oldestRank = rank;
                oldest = &option;
            }
        }
        return NextDrill{
            oldest->scenarioId, oldest->title, "",
            "Every principle is mastered: keep them sharp with the scenario you played longest ago."};
    }

    const DrillOption* best = nullptr;
    int bestFresh = 3;
    for (const auto& option : library)
        if (focuses(option, principle) && freshness(kpis, option) < bestFresh) {
            best = &option;
            bestFresh = freshness(kpis, option);
        }
    if (!best)
        return NextDrill{library.front().scenarioId, library.front().title, principle,
                         why + ", but no scenario in this library focuses on it."};
    return NextDrill{best->scenarioId, best->title, principle,
                     why + ". \"" + best->title + "\" focuses on it, " + whyThisScenario(bestFresh) + "."};
}

std::set<std::string> doneScenarios(const std::vector<SessionRecord>& sessions)
{
    std::set<std::string> done;
    for (const auto& s : sessions)
        if (s.finished && s.outcome == "good")
            done.insert(s.scenarioId);
    return done;
}

} // namespace sparring::progress
