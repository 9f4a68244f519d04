#include "console/PlayedPaths.hpp"

#include "core/JsonNesting.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <optional>

namespace sparring::console {

using core::Node;
using core::Scenario;

std::vector<std::size_t> waysOut(const Node& node)
{
    std::vector<std::size_t> targets;
    if (const auto* line = std::get_if<core::LineNode>(&node.body)) {
        targets.push_back(line->next);
    } else if (const auto* choice = std::get_if<core::ChoiceNode>(&node.body)) {
        for (const auto& option : choice->options)
            targets.push_back(option.then.target);
        if (choice->fallback)
            targets.push_back(choice->fallback->then.target);
    } else if (const auto* prompt = std::get_if<core::RespondNode>(&node.body)) {
        for (const auto& route : prompt->routes)
            targets.push_back(route.then.target);
        targets.push_back(prompt->otherwise.target);
    } else if (const auto* branch = std::get_if<core::BranchNode>(&node.body)) {
        for (const auto& c : branch->cases)
            targets.push_back(c.target);
        targets.push_back(branch->otherwise);
    }
    return targets;
}

namespace {

using nlohmann::json;

/// The edges from `from` to `to` through branch nodes only (the nodes a transcript does not
/// record), shortest first; none when `to` is not reached that way. Empty when from == to.
std::optional<std::vector<EdgeSlot>> silentWalk(const Scenario& scenario, std::size_t from, std::size_t to)
{
    if (from == to)
        return std::vector<EdgeSlot>{};
    std::vector<std::optional<EdgeSlot>> cameBy(scenario.nodes.size());
    std::vector<char> seen(scenario.nodes.size(), 0);
    std::deque<std::size_t> queue{from};
    seen[from] = 1;
    while (!queue.empty()) {
        const std::size_t at = queue.front();
        queue.pop_front();
        if (scenario.nodes[at].kind() != core::NodeKind::Branch)
            continue; // only branches pass silently
        const auto targets = waysOut(scenario.nodes[at]);
        for (std::size_t slot = 0; slot < targets.size(); ++slot) {
            const std::size_t next = targets[slot];
            if (seen[next])
                continue;
            seen[next] = 1;
            cameBy[next] = EdgeSlot{at, slot};
            if (next == to) {
                std::vector<EdgeSlot> walk;
                for (std::size_t n = to; n != from; n = cameBy[n]->first)
                    walk.insert(walk.begin(), *cameBy[n]);
                return walk;
            }
            queue.push_back(next);
        }
    }
    return std::nullopt;
}

/// The slot a recorded decision took at `node`, or why it cannot be told.
std::variant<std::size_t, std::string> slotTaken(const Node& node, const json& entry)
{
    const auto kind = entry.value("kind", std::string());
    if (kind == "line" && node.kind() == core::NodeKind::Line)
        return std::size_t{0};
    if (const auto* choice = std::get_if<core::ChoiceNode>(&node.body); choice && kind == "choice") {
        const std::size_t count = choice->options.size() + (choice->fallback ? 1 : 0);
        if (const auto index = entry.find("optionIndex");
            index != entry.end() && index->is_number_unsigned()) {
            if (index->get<std::size_t>() < count)
                return index->get<std::size_t>();
            return "option index " + index->dump() + " is past the node's options";
        }
        // A transcript from before optionIndex was kept: the option whose text is the one picked.
        const auto text = entry.value("text", std::string());
        std::optional<std::size_t> match;
        for (std::size_t k = 0; k < count; ++k) {
            const auto& option = k < choice->options.size() ? choice->options[k] : *choice->fallback;
            if (option.text.source == text) {
                if (match)
                    return "two options read '" + text + "'";
                match = k;
            }
        }
        if (match)
            return *match;
        return "no option reads '" + text + "'";
    }
    if (const auto* prompt = std::get_if<core::RespondNode>(&node.body); prompt && kind == "response") {
        const auto label = entry.value("route", std::string());
        for (std::size_t r = 0; r < prompt->routes.size(); ++r)
            if (prompt->routes[r].label == label)
                return r;
        if (label == "otherwise")
            return prompt->routes.size();
        return "no route is labelled '" + label + "'";
    }
    return "a '" + kind + "' entry cannot be at a " + std::string(toString(node.kind())) + " node";
}

} // namespace

std::optional<std::string> addTranscript(const Scenario& scenario, std::string_view text,
                                         const std::string& name, PlayedPaths& paths)
{
    if (const auto problem = core::jsonShapeProblem(text))
        return name + ": not a transcript: it is " + *problem;
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {
        return name + ": not a JSON transcript (" + e.what() + ")";
    }
    if (!doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array() ||
        !doc.contains("scenario"))
        return name + ": not a transcript written by 'sparring play --transcript' (no scenario and entries)";
    const auto id = doc["scenario"].is_object() ? doc["scenario"].value("id", std::string()) : std::string();
    if (id != scenario.meta.id)
        return name + ": a transcript of scenario '" + id + "', not of '" + scenario.meta.id + "'";

    paths.nodeWalks.resize(scenario.nodes.size(), 0);
    ++paths.plays;
    ++paths.startWalks;
    std::size_t at = scenario.start;
    std::size_t number = 0;
    const auto partsHere = [&](const std::string& why) {
        paths.problems.push_back(name + ": entry " + std::to_string(number) + ": " + why +
                                 "; the path is drawn up to there (was the scenario edited since?)");
        return std::nullopt;
    };
    for (const auto& entry : doc["entries"]) {
        ++number;
        if (!entry.is_object() || !entry.contains("node") || !entry["node"].is_string())
            return partsHere("an entry without a node");
        const auto nodeId = entry["node"].get<std::string>();
        const auto index = scenario.findNode(nodeId);
        if (!index)
            return partsHere("node '" + nodeId + "' is not in the scenario");
        const auto walk = silentWalk(scenario, at, *index);
        if (!walk)
            return partsHere("the scenario does not lead from '" + scenario.nodes[at].id + "' to '" + nodeId +
                             "'");
        for (const auto& edge : *walk) {
            ++paths.nodeWalks[edge.first];
            ++paths.edgeWalks[edge];
        }
        ++paths.nodeWalks[*index];
        const Node& node = scenario.nodes[*index];
        if (node.kind() == core::NodeKind::End)
            return std::nullopt;
        const auto slot = slotTaken(node, entry);
        if (const auto* why = std::get_if<std::string>(&slot))
            return partsHere(*why);
        const std::size_t taken = std::get<std::size_t>(slot);
        ++paths.edgeWalks[{*index, taken}];
        at = waysOut(node)[taken];
    }
    return std::nullopt;
}

} // namespace sparring::console
