#include "scoring/PanelJudges.hpp"

#include <algorithm>

namespace sparring::scoring {

std::string_view toString(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Agree:
        return "agrees";
    case Verdict::Mixed:
        return "is not sure";
    case Verdict::Disagree:
        return "disagrees";
    }
    return "?";
}

std::vector<std::pair<std::string, double>> answerEvidence(const core::Framework& framework,
                                                           const std::vector<runtime::EvidenceItem>& authored,
                                                           const Analysis* analysis)
{
    std::vector<std::pair<std::string, double>> out;
    const auto add = [&](const std::string& principle, double amount) {
        for (auto& [p, total] : out)
            if (p == principle) {
                total += amount;
                return;
            }
        out.emplace_back(principle, amount);
    };
    for (const auto& e : authored)
        add(e.principle, e.amount);
    if (!analysis)
        return out;
    for (const auto& w : framework.weightsFor(scoringLabels(*analysis)))
        add(framework.principles[w.principle].id, w.weight);
    return out;
}

std::vector<Reaction> judgeAnswer(const core::Scenario& scenario,
                                  const std::vector<std::pair<std::string, double>>& evidence,
                                  std::size_t turn)
{
    std::vector<Reaction> out;
    for (std::size_t c = 0; c < scenario.cast.size(); ++c) {
        const auto& expert = scenario.cast[c];
        if (scenario.moderator == c || expert.reactions.empty())
            continue;
        double score = 0;
        for (const auto& [principle, amount] : evidence) {
            const auto index = scenario.findPrinciple(principle);
            double weight = 1.0; // principles the expert did not weigh count at face value
            for (const auto& w : expert.weights)
                if (index && w.principle == *index)
                    weight = w.weight;
            score += weight * amount;
        }
        Reaction r{expert.id,
                   expert.name,
                   score >= 1    ? Verdict::Agree
                   : score <= -1 ? Verdict::Disagree
                                 : Verdict::Mixed,
                   score,
                   {}};
        const auto& lines = r.verdict == Verdict::Agree   ? expert.reactions.agree
                            : r.verdict == Verdict::Mixed ? expert.reactions.mixed
                                                          : expert.reactions.disagree;
        if (!lines.empty())
            r.line = lines[turn % lines.size()];
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<Reaction> judgeDecision(const core::Scenario& scenario, const runtime::Decision& decision,
                                    const Analysis* analysis, std::size_t turn)
{
    return judgeAnswer(scenario, answerEvidence(scenario.framework, decision.evidence, analysis), turn);
}

} // namespace sparring::scoring
