#include "core/Validator.hpp"

#include <algorithm>
#include <deque>
#include <span>
#include <unordered_map>

namespace sparring::core {

namespace {

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

namespace {

/// The possibility of each option's, case's or route's condition, in the node's order (Always
/// for one without a condition). Asked once per node and shared by the checks and the edges.
void conditionPossibilities(const Node& node, const ExpressionScope& scope, std::vector<Possibility>& out)
{
    out.clear();
    const auto add = [&](const std::optional<Expression>& c) {
        out.push_back(c ? c->possibility(scope) : Possibility::Always);
    };
    if (const auto* choice = std::get_if<ChoiceNode>(&node.body))
        for (const auto& option : choice->options)
            add(option.condition);
    else if (const auto* branch = std::get_if<BranchNode>(&node.body))
        for (const auto& c : branch->cases)
            out.push_back(c.condition.possibility(scope));
    else if (const auto* respond = std::get_if<RespondNode>(&node.body))
        for (const auto& route : respond->routes)
            add(route.condition);
}

/// Appends the nodes `node` can go to next, leaving out options, cases and routes whose condition
/// can never be true (`possible` as given by conditionPossibilities).
void appendSuccessors(const Node& node, std::span<const Possibility> possible, std::vector<std::size_t>& out)
{
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, LineNode>) {
                out.push_back(body.next);
            } else if constexpr (std::is_same_v<T, ChoiceNode>) {
                for (std::size_t k = 0; k < body.options.size(); ++k)
                    if (possible[k] != Possibility::Never)
                        out.push_back(body.options[k].then.target);
                if (body.fallback)
                    out.push_back(body.fallback->then.target);
            } else if constexpr (std::is_same_v<T, RespondNode>) {
                for (std::size_t k = 0; k < body.routes.size(); ++k)
                    if (possible[k] != Possibility::Never)
                        out.push_back(body.routes[k].then.target);
                out.push_back(body.otherwise.target);
            } else if constexpr (std::is_same_v<T, BranchNode>) {
                for (std::size_t k = 0; k < body.cases.size(); ++k) {
                    if (possible[k] == Possibility::Never)
                        continue;
                    out.push_back(body.cases[k].target);
                    if (possible[k] == Possibility::Always)
                        return; // later cases and 'else' are never taken
                }
                out.push_back(body.otherwise);
            }
        },
        node.body);
}

/// Successor lists of every node in one flat array (compressed rows): two allocations in all,
/// instead of two per node, which dominates the cost on large scenarios.
struct Graph {
    std::vector<std::size_t> offsets; ///< node i's successors are targets[offsets[i] .. offsets[i+1])
    std::vector<std::size_t> targets;
    [[nodiscard]] std::span<const std::size_t> of(std::size_t node) const
    {
        return {targets.data() + offsets[node], offsets[node + 1] - offsets[node]};
    }
};

/// The same edges reversed.
Graph reversed(const Graph& graph, std::size_t count)
{
    Graph out;
    out.offsets.assign(count + 1, 0);
    for (const auto t : graph.targets)
        ++out.offsets[t + 1];
    for (std::size_t i = 0; i < count; ++i)
        out.offsets[i + 1] += out.offsets[i];
    out.targets.resize(graph.targets.size());
    std::vector<std::size_t> fill(out.offsets.begin(), out.offsets.end() - 1);
    for (std::size_t n = 0; n < count; ++n)
        for (const auto t : graph.of(n))
            out.targets[fill[t]++] = n;
    return out;
}

} // namespace

std::vector<std::size_t> successors(const Scenario& scenario, std::size_t index)
{
    std::vector<Possibility> possible;
    conditionPossibilities(scenario.nodes[index], scenario.scope, possible);
    std::vector<std::size_t> out;
    appendSuccessors(scenario.nodes[index], possible, out);
    return out;
}

Diagnostics validate(const Scenario& scenario)
{
    Diagnostics diag;
    const std::size_t count = scenario.nodes.size(); // none: reported below as having no ending
    const auto& scope = scenario.scope;

    // Per-node checks: options and cases that can never be taken, choices that can run dry.
    std::vector<std::size_t> endings;
    Graph next;
    next.offsets.reserve(count + 1);
    next.offsets.push_back(0);
    next.targets.reserve(count * 2);
    std::vector<Possibility> possible;
    // "option 2 of node 'a' can never be available: 'trust > 10' is never true ..."
    const auto never = [](const std::string& what, std::size_t k, const Node& node,
                          const Expression& condition) {
        const std::string container = what == "case" ? " of branch '" : " of node '";
        return what + " " + std::to_string(k + 1) + container + node.id + "' can never be " +
               (what == "option" ? "available" : "taken") + ": '" + condition.source() +
               "' is never true within the variables' ranges";
    };
    for (std::size_t i = 0; i < count; ++i) {
        const Node& node = scenario.nodes[i];
        conditionPossibilities(node, scope, possible);
        if (node.kind() == NodeKind::End)
            endings.push_back(i);
        if (const auto* choice = std::get_if<ChoiceNode>(&node.body)) {
            bool someAlways = false;
            for (std::size_t k = 0; k < choice->options.size(); ++k) {
                const auto& option = choice->options[k];
                if (possible[k] == Possibility::Never)
                    diag.warning(option.where, DiagnosticCode::ConditionNeverTrue,
                                 never("option", k, node, *option.condition));
                someAlways = someAlways || (possible[k] == Possibility::Always && !option.once);
            }
            if (!someAlways && !choice->fallback)
                diag.error(node.where, DiagnosticCode::ChoiceCanRunOut,
                           "choice '" + node.id +
                               "' can run out of options (every option has a condition or is once-only) "
                               "and has no fallback, so the conversation could stop here; add a 'fallback'");
        } else if (const auto* branch = std::get_if<BranchNode>(&node.body)) {
            for (std::size_t k = 0; k < branch->cases.size(); ++k)
                if (possible[k] == Possibility::Never)
                    diag.warning(branch->cases[k].where, DiagnosticCode::ConditionNeverTrue,
                                 never("case", k, node, branch->cases[k].condition));
        } else if (const auto* respond = std::get_if<RespondNode>(&node.body)) {
            for (std::size_t k = 0; k < respond->routes.size(); ++k)
                if (possible[k] == Possibility::Never)
                    diag.warning(respond->routes[k].where, DiagnosticCode::ConditionNeverTrue,
                                 never("route", k, node, *respond->routes[k].condition));
        }
        appendSuccessors(node, possible, next.targets);
        next.offsets.push_back(next.targets.size());
    }
    const Graph previous = reversed(next, count);

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
                if (k == next.of(n).size()) {
                    colour[n] = 2;
                    stack.pop_back();
                    continue;
                }
                const std::size_t m = next.of(n)[k++];
                if (scenario.nodes[m].kind() != NodeKind::Branch)
                    continue;
                if (colour[m] == 1) {
                    diag.error(scenario.nodes[m].where, DiagnosticCode::BranchOnlyLoop,
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

    diag.append(validatePanelRounds(scenario));

    if (endings.empty()) {
        diag.error({scenario.path, 0, 0}, DiagnosticCode::NoEndNode,
                   "the scenario has no 'end' node, so it can never finish");
        return diag;
    }

    const auto reachable = reach(count, {scenario.start}, [&](std::size_t n) { return next.of(n); });
    const auto finishes = reach(count, endings, [&](std::size_t n) { return previous.of(n); });

    for (std::size_t i = 0; i < count; ++i) {
        const Node& node = scenario.nodes[i];
        if (!reachable[i]) {
            if (node.kind() == NodeKind::End)
                diag.warning(node.where, DiagnosticCode::UnreachableEnding,
                             "ending '" + node.id + "' can never be reached from the start");
            else
                diag.warning(node.where, DiagnosticCode::UnreachableNode,
                             "node '" + node.id + "' can never be reached from the start");
            continue;
        }
        if (finishes[i])
            continue;
        // Report a trap once, where the conversation enters it.
        const bool entry =
            i == scenario.start || std::any_of(previous.of(i).begin(), previous.of(i).end(),
                                               [&](std::size_t p) { return reachable[p] && finishes[p]; });
        if (entry)
            diag.error(node.where, DiagnosticCode::NoEndingReachable,
                       "no ending can be reached from node '" + node.id +
                           "': every path from here loops without reaching an 'end' node");
    }
    return diag;
}

} // namespace sparring::core
