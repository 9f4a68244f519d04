#include "core/Scenario.hpp"

#include <algorithm>

namespace sparring::core {

namespace {

std::optional<std::size_t> lookUp(const std::unordered_map<std::string, std::size_t>& index,
                                  std::string_view key)
{
    if (const auto it = index.find(std::string(key)); it != index.end())
        return it->second;
    return std::nullopt;
}
template <typename Range, typename Key> std::optional<std::size_t> indexOf(const Range& range, Key key)
{
    for (std::size_t i = 0; i < range.size(); ++i)
        if (key(range[i]))
            return i;
    return std::nullopt;
}
} // namespace

std::optional<std::size_t> Scenario::findNode(std::string_view id) const
{
    return lookUp(nodeIndex, id);
}

std::optional<std::size_t> Scenario::findCharacter(std::string_view id) const
{
    return lookUp(characterIndex, id);
}

std::optional<std::size_t> Scenario::findVariable(std::string_view name) const
{
    return lookUp(variableIndex, name);
}

std::optional<std::size_t> Scenario::findPrinciple(std::string_view id) const
{
    return indexOf(framework.principles, [&](const Principle& p) { return p.id == id; });
}

std::optional<std::size_t> Scenario::findCommitment(std::string_view id) const
{
    return indexOf(commitments, [&](const Commitment& c) { return c.id == id; });
}

const std::vector<Position>& Scenario::positionsAt(std::size_t node) const
{
    static const std::vector<Position> none;
    if (node >= nodes.size())
        return none;
    if (const auto* choice = std::get_if<ChoiceNode>(&nodes[node].body))
        return choice->positions;
    if (const auto* prompt = std::get_if<RespondNode>(&nodes[node].body))
        return prompt->positions;
    return none;
}

std::string_view toString(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Line:
        return "line";
    case NodeKind::Choice:
        return "choice";
    case NodeKind::Respond:
        return "respond";
    case NodeKind::Branch:
        return "branch";
    case NodeKind::End:
        return "end";
    }
    return "?";
}

std::string_view toString(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Good:
        return "good";
    case Outcome::Mixed:
        return "mixed";
    case Outcome::Poor:
        return "poor";
    }
    return "?";
}

std::optional<Outcome> parseOutcome(std::string_view name)
{
    for (const auto outcome : {Outcome::Good, Outcome::Mixed, Outcome::Poor})
        if (toString(outcome) == name)
            return outcome;
    return std::nullopt;
}

std::string_view toString(ScenarioKind kind)
{
    return kind == ScenarioKind::Roleplay ? "roleplay" : "panel";
}

std::string_view toString(Difficulty difficulty)
{
    switch (difficulty) {
    case Difficulty::Beginner:
        return "beginner";
    case Difficulty::Intermediate:
        return "intermediate";
    case Difficulty::Advanced:
        return "advanced";
    }
    return "?";
}

std::vector<Framework::LabelWeight> Framework::weightsFor(const std::vector<std::string>& labels) const
{
    std::vector<LabelWeight> out;
    for (const auto& label : labels)
        for (const auto& entry : scoring)
            if (entry.label == label)
                for (const auto& w : entry.weights)
                    out.push_back({label, w.principle, w.weight});
    return out;
}

std::vector<double> Framework::scoreLabels(const std::vector<std::string>& labels) const
{
    std::vector<double> score(principles.size(), 0.0);
    for (const auto& w : weightsFor(labels))
        score[w.principle] += w.weight;
    return score;
}

std::vector<std::size_t> RespondNode::tryOrder() const
{
    std::vector<std::size_t> order;
    for (const bool detection : {true, false})
        for (std::size_t r = 0; r < routes.size(); ++r)
            if (routes[r].match.needsAnalyser() == detection)
                order.push_back(r);
    return order;
}

} // namespace sparring::core
