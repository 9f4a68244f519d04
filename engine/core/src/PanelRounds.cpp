#include "core/Validator.hpp"

#include <algorithm>
#include <map>

namespace sparring::core {

namespace {

/// Every consequence of a round: its options (and fallback), or its routes and `otherwise`.
std::vector<const Consequence*> answersOf(const Node& node)
{
    std::vector<const Consequence*> out;
    if (const auto* choice = std::get_if<ChoiceNode>(&node.body)) {
        for (const auto& option : choice->options)
            out.push_back(&option.then);
        if (choice->fallback)
            out.push_back(&choice->fallback->then);
    } else if (const auto* prompt = std::get_if<RespondNode>(&node.body)) {
        for (const auto& route : prompt->routes)
            out.push_back(&route.then);
        out.push_back(&prompt->otherwise);
    }
    return out;
}

} // namespace

Diagnostics validatePanelRounds(const Scenario& scenario)
{
    Diagnostics diag;
    if (scenario.meta.kind != ScenarioKind::Panel)
        return diag;
    std::vector<char> commitmentMade(scenario.commitments.size(), 0);
    std::map<std::string, SourceLocation> firstWritten; // line text -> the position it is in
    const auto checkRepeat = [&](const TextTemplate& line, const Position& position) {
        const auto [it, inserted] = firstWritten.emplace(line.source, position.where);
        if (!inserted)
            diag.warning(position.where, DiagnosticCode::RepeatedReactionLine,
                         "the line \"" + line.source + "\" is also written at " + it->second.file + ":" +
                             std::to_string(it->second.line) +
                             "; an expert says a line at most once a session, so write each reaction once");
    };
    for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
        const Node& node = scenario.nodes[i];
        if (node.kind() != NodeKind::Choice && node.kind() != NodeKind::Respond)
            continue;
        std::vector<char> madeHere(scenario.commitments.size(), 0);
        for (const auto* answer : answersOf(node))
            for (const auto c : answer->commits)
                madeHere[c] = commitmentMade[c] = 1;
        const auto& positions = scenario.positionsAt(i);
        if (positions.empty())
            diag.warning(node.where, DiagnosticCode::RoundWithoutPositions,
                         "panel round '" + node.id +
                             "' gives no expert a position, so nobody at the table reacts to the answer; "
                             "add 'positions'");
        for (const auto& position : positions) {
            const auto& expert = scenario.cast[position.expert];
            for (const auto* replies : {&position.welcomes, &position.resists})
                for (const auto& reply : *replies) {
                    if (!madeHere[reply.commitment])
                        diag.warning(
                            position.where, DiagnosticCode::UnsaidPositionLine,
                            expert.id + "'s position on '" + node.id + "' " +
                                (replies == &position.welcomes ? "welcomes" : "resists") + " '" +
                                scenario.commitments[reply.commitment].id +
                                "', but no answer on this round commits to it, so the line is never said");
                    for (const auto& line : reply.lines)
                        checkRepeat(line, position);
                }
            for (const auto& line : position.unmoved)
                checkRepeat(line, position);
        }
    }
    for (std::size_t c = 0; c < scenario.commitments.size(); ++c)
        if (!commitmentMade[c])
            diag.warning(scenario.commitments[c].where, DiagnosticCode::CommitmentNeverMade,
                         "no option or route commits to '" + scenario.commitments[c].id +
                             "', so no expert can ever react to it");
    return diag;
}

} // namespace sparring::core
