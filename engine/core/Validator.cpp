#include "core/Validator.hpp"

#include <algorithm>
#include <deque>

namespace sparring::core {

namespace {

bool canBeTrue(const std::optional<Expression>& condition, const ExpressionScope& scope)
{
    return !condition || condition->possibility(scope) != Possibility::Never;
}

bool alwaysTrue(const std::optional<Expression>& condition, const ExpressionScope& scope)
{
    return !condition || condition->possibility(scope) == Possibility::Always;
}

/// Breadth-first reach over `next(node)`, from every node in `from`.
template <typename Next>
std::vector<char> reach(std::size_t count, const std::vector<std::size_t>& from, Next next)
{
    std::vector<char> seen(count, 0);
    std::deque<std::size_t> queue;
    for (const auto f : from)
        if (!seen[f]) {
            seen[f] = 1;
            queue.push_back(f);
        }
    while (!queue.empty()) {
        const std::size_t n = queue.front();
        queue.pop_front();
        for (const std::size_t m : next(n))
            if (!seen[m]) {
                seen[m] = 1;
                queue.push_back(m);
            }
    }
    return seen;
}

} // namespace

std::vector<std::size_t> successors(const Scenario& scenario, std::size_t index)
{
    std::vector<std::size_t> out;
    const auto& scope = scenario.scope;
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, LineNode>) {
                out.push_back(body.next);
            } else if constexpr (std::is_same_v<T, ChoiceNode>) {
                for (const auto& option : body.options)
                    if (canBeTrue(option.condition, scope))
                        out.push_back(option.then.target);
                if (body.fallback)
                    out.push_back(body.fallback->then.target);
            } else if constexpr (std::is_same_v<T, RespondNode>) {
                for (const auto& route : body.routes)
                    if (canBeTrue(route.condition, scope))
                        out.push_back(route.then.target);
                out.push_back(body.otherwise.target);
            } else if constexpr (std::is_same_v<T, BranchNode>) {
                bool decided = false;
                for (const auto& c : body.cases) {
                    if (c.condition.possibility(scope) == Possibility::Never)
                        continue;
                    out.push_back(c.target);
                    if (c.condition.possibility(scope) == Possibility::Always) {
                        decided = true; // later cases and 'else' are never taken
                        break;
                    }
                }
                if (!decided)
                    out.push_back(body.otherwise);
            }
        },
        scenario.nodes[index].body);
    return out;
}

Diagnostics validate(const Scenario& scenario)
{
    Diagnostics diag;
    const std::size_t count = scenario.nodes.size(); // none: reported below as having no ending
    const auto& scope = scenario.scope;

    // Per-node checks: options and cases that can never be taken, choices that can run dry.
    std::vector<std::size_t> endings;
    std::vector<std::vector<std::size_t>> next(count);
    std::vector<std::vector<std::size_t>> previous(count);
    for (std::size_t i = 0; i < count; ++i) {
        const Node& node = scenario.nodes[i];
        if (node.kind() == NodeKind::End)
            endings.push_back(i);
        if (const auto* choice = std::get_if<ChoiceNode>(&node.body)) {
            bool someAlways = false;
            for (std::size_t k = 0; k < choice->options.size(); ++k) {
                const auto& option = choice->options[k];
                if (!canBeTrue(option.condition, scope))
                    diag.warning(option.where, "SP0304",
                                 "option " + std::to_string(k + 1) + " of node '" + node.id + "' can never be available: '" +
                                     option.condition->source() + "' is never true within the variables' ranges");
                if (alwaysTrue(option.condition, scope) && !option.once)
                    someAlways = true;
            }
            if (!someAlways && !choice->fallback)
                diag.error(node.where, "SP0302",
                           "choice '" + node.id + "' can run out of options (every option has a condition or is once-only) "
                           "and has no fallback, so the conversation could stop here; add a 'fallback'");
        } else if (const auto* branch = std::get_if<BranchNode>(&node.body)) {
            for (std::size_t k = 0; k < branch->cases.size(); ++k)
                if (branch->cases[k].condition.possibility(scope) == Possibility::Never)
                    diag.warning(branch->cases[k].where, "SP0304",
                                 "case " + std::to_string(k + 1) + " of branch '" + node.id + "' can never be taken: '" +
                                     branch->cases[k].condition.source() + "' is never true within the variables' ranges");
        } else if (const auto* respond = std::get_if<RespondNode>(&node.body)) {
            for (std::size_t k = 0; k < respond->routes.size(); ++k)
                if (!canBeTrue(respond->routes[k].condition, scope))
                    diag.warning(respond->routes[k].where, "SP0304",
                                 "route " + std::to_string(k + 1) + " of node '" + node.id + "' can never be taken: '" +
                                     respond->routes[k].condition->source() + "' is never true within the variables' ranges");
        }
        next[i] = successors(scenario, i);
        for (const auto m : next[i])
            previous[m].push_back(i);
    }

    // A loop made only of branches would spin forever without asking the trainee anything.
    {
        std::vector<char> colour(count, 0); // 0 new, 1 on the path, 2 done
        for (std::size_t root = 0; root < count; ++root) {
            if (colour[root] || scenario.nodes[root].kind() != NodeKind::Branch)
                continue;
            std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
            colour[root] = 1;
            while (!stack.empty()) {
                auto& [n, k] = stack.back();
                if (k == next[n].size()) {
                    colour[n] = 2;
                    stack.pop_back();
                    continue;
                }
                const std::size_t m = next[n][k++];
                if (scenario.nodes[m].kind() != NodeKind::Branch)
                    continue;
                if (colour[m] == 1) {
                    diag.error(scenario.nodes[m].where, "SP0308",
                               "branch '" + scenario.nodes[m].id +
                                   "' can loop back to itself through branches only, which would never stop; "
                                   "put a line, choice or respond node in the loop");
                } else if (colour[m] == 0) {
                    colour[m] = 1;
                    stack.emplace_back(m, 0);
                }
            }
        }
    }

    if (endings.empty()) {
        diag.error({scenario.path, 0, 0}, "SP0307", "the scenario has no 'end' node, so it can never finish");
        return diag;
    }

    const auto reachable = reach(count, {scenario.start}, [&](std::size_t n) -> const auto& { return next[n]; });
    const auto finishes = reach(count, endings, [&](std::size_t n) -> const auto& { return previous[n]; });

    for (std::size_t i = 0; i < count; ++i) {
        const Node& node = scenario.nodes[i];
        if (!reachable[i]) {
            if (node.kind() == NodeKind::End)
                diag.warning(node.where, "SP0305", "ending '" + node.id + "' can never be reached from the start");
            else
                diag.warning(node.where, "SP0301", "node '" + node.id + "' can never be reached from the start");
            continue;
        }
        if (finishes[i])
            continue;
        // Report a trap once, where the conversation enters it.
        const bool entry = i == scenario.start ||
                           std::any_of(previous[i].begin(), previous[i].end(),
                                       [&](std::size_t p) { return reachable[p] && finishes[p]; });
        if (entry)
            diag.error(node.where, "SP0303",
                       "no ending can be reached from node '" + node.id +
                           "': every path from here loops without reaching an 'end' node");
    }
    return diag;
}

} // namespace sparring::core
