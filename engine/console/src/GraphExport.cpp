#include "console/GraphExport.hpp"

#include "core/Utf8.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace sparring::console {

using namespace core;

namespace {

/// A DOT string literal body, for a label or an id. DOT goes to a terminal as often as to
/// Graphviz, so content passes first through the one rule for a terminal, core::terminalSafe: a
/// control character is shown as the escape it writes (`\x1B`, `\u009B`), whose backslash is then
/// escaped for DOT so that Graphviz draws the escape as written rather than acting on it, and
/// ill-formed UTF-8 becomes U+FFFD. Then quotes and backslashes are escaped, a line feed or a tab
/// becomes a space (a label's own line breaks are the `\n`s this file writes), and text longer
/// than `limit` code points is cut with "...".
std::string escaped(std::string_view content, std::size_t limit = 60)
{
    const std::string text = terminalSafe(content);
    std::string out;
    std::size_t codePoints = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++codePoints > limit) {
            out += "...";
            break;
        }
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n' || c == '\t') {
            out += ' ';
            continue;
        }
        out += c;
    }
    return out;
}

/// An id as DOT writes it between quotes: escaped like any content, never cut.
std::string idText(std::string_view id)
{
    return escaped(id, std::numeric_limits<std::size_t>::max());
}

std::string effectsText(const std::vector<Effect>& effects)
{
    std::string out;
    for (const auto& e : effects)
        out += (out.empty() ? "" : "; ") + e.source();
    return out;
}

std::string edgeLabel(const std::string& head, const std::optional<Expression>& condition,
                      const std::vector<Effect>& effects)
{
    std::string label = escaped(head);
    if (condition)
        label += "\\n[" + escaped(condition->source()) + "]";
    if (!effects.empty())
        label += "\\n{" + escaped(effectsText(effects)) + "}";
    return label;
}

/// A node's or an edge's attributes, in order; setting a key again replaces its value, so an
/// overlay can recolour what the base drawing set.
class Attributes {
public:
    Attributes& set(const std::string& key, std::string value)
    {
        for (auto& [k, v] : m_items)
            if (k == key) {
                v = std::move(value);
                return *this;
            }
        m_items.emplace_back(key, std::move(value));
        return *this;
    }
    [[nodiscard]] std::string text() const
    {
        std::string out;
        for (const auto& [k, v] : m_items) {
            out += (out.empty() ? "" : ", ") + k + "=";
            const bool word = !v.empty() && v.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._") ==
                                                std::string::npos;
            out += word ? v : "\"" + v + "\"";
        }
        return out;
    }

private:
    std::vector<std::pair<std::string, std::string>> m_items;
};

constexpr const char* kWalked = "#1f5fbf";
constexpr const char* kUnwalked = "gray70";

/// Draws the scenario and its overlays; one node or edge at a time.
class DotWriter {
public:
    DotWriter(const Scenario& scenario, const GraphOverlay& overlay)
        : m_scenario(scenario), m_overlay(overlay)
    {
    }

    std::string write()
    {
        const auto& meta = m_scenario.meta;
        std::string title = escaped(meta.title) + " (" + std::string(toString(meta.kind)) + ")";
        if (const auto* played = m_overlay.played)
            title += "\\n" + std::to_string(played->plays) + (played->plays == 1 ? " play" : " plays") +
                     " drawn in blue";
        if (const auto* analysis = m_overlay.analysis; analysis && analysis->partial)
            title += "\\nanalysis partial: stopped at its state budget, so red nodes may be reachable";
        m_out << "digraph \"" << idText(meta.id) << "\" {\n";
        m_out << "  label=\"" << title << "\";\n";
        m_out << "  labelloc=t;\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n  edge [fontname=\"DejaVu "
                 "Sans\", fontsize=9];\n";
        m_out << "  __start [shape=point];\n  __start -> \"" << idText(m_scenario.nodes[m_scenario.start].id)
              << "\"";
        Attributes start;
        if (const auto* played = m_overlay.played)
            walkedStyle(start, played->startWalks, "");
        m_out << (start.text().empty() ? "" : " [" + start.text() + "]") << ";\n";
        for (std::size_t i = 0; i < m_scenario.nodes.size(); ++i)
            writeNode(i);
        m_out << "}\n";
        return m_out.str();
    }

private:
    void writeNode(std::size_t index)
    {
        const Node& node = m_scenario.nodes[index];
        Attributes attributes;
        std::string label = idText(node.id) + "\\n";
        std::visit(
            [&](const auto& body) {
                using T = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<T, LineNode>) {
                    attributes.set("shape", "box");
                    label +=
                        escaped(m_scenario.cast[body.speaker].name) + ": " + escaped(body.text.source, 40);
                } else if constexpr (std::is_same_v<T, ChoiceNode>) {
                    attributes.set("shape", "diamond");
                    label += "choice";
                } else if constexpr (std::is_same_v<T, RespondNode>) {
                    attributes.set("shape", "parallelogram");
                    label += "free text";
                } else if constexpr (std::is_same_v<T, BranchNode>) {
                    attributes.set("shape", "hexagon");
                    label = idText(node.id);
                } else if constexpr (std::is_same_v<T, EndNode>) {
                    attributes.set("shape", "doubleoctagon").set("style", "filled");
                    attributes.set("fillcolor", body.outcome == Outcome::Good    ? "palegreen"
                                                : body.outcome == Outcome::Mixed ? "khaki"
                                                                                 : "lightpink");
                    label += std::string(toString(body.outcome)) + ": " + escaped(body.title, 40);
                }
            },
            node.body);
        decorateNode(index, attributes, label);
        attributes.set("label", label);
        m_out << "  \"" << idText(node.id) << "\" [" << attributes.text() << "];\n";
        writeEdges(index);
    }

    void writeEdges(std::size_t index)
    {
        const Node& node = m_scenario.nodes[index];
        std::visit(
            [&](const auto& body) {
                using T = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<T, LineNode>) {
                    edge(index, 0, body.effects.empty() ? "" : "{" + escaped(effectsText(body.effects)) + "}",
                         false);
                } else if constexpr (std::is_same_v<T, ChoiceNode>) {
                    for (std::size_t k = 0; k < body.options.size(); ++k) {
                        const auto& o = body.options[k];
                        const std::string head =
                            std::to_string(k + 1) + ". " + o.text.source + (o.once ? " (once)" : "");
                        edge(index, k, edgeLabel(head, o.condition, o.then.effects), false);
                    }
                    if (body.fallback)
                        edge(index, body.options.size(), "fallback", true);
                } else if constexpr (std::is_same_v<T, RespondNode>) {
                    for (std::size_t r = 0; r < body.routes.size(); ++r) {
                        const auto& route = body.routes[r];
                        edge(index, r, edgeLabel(route.label, route.condition, route.then.effects), false);
                    }
                    edge(index, body.routes.size(), "otherwise", true);
                } else if constexpr (std::is_same_v<T, BranchNode>) {
                    for (std::size_t c = 0; c < body.cases.size(); ++c)
                        edge(index, c, "[" + escaped(body.cases[c].condition.source()) + "]", false);
                    edge(index, body.cases.size(), "else", true);
                }
            },
            node.body);
    }

    void edge(std::size_t from, std::size_t slot, std::string label, bool dashed)
    {
        const auto targets = waysOut(m_scenario.nodes[from]);
        Attributes attributes;
        if (dashed)
            attributes.set("style", "dashed");
        if (const auto* played = m_overlay.played) {
            const auto found = played->edgeWalks.find({from, slot});
            const std::size_t walks = found == played->edgeWalks.end() ? 0 : found->second;
            label = walkCount(walks) + label;
            walkedStyle(attributes, walks, "fontcolor");
        }
        if (!label.empty())
            attributes.set("label", label);
        m_out << "  \"" << idText(m_scenario.nodes[from].id) << "\" -> \""
              << idText(m_scenario.nodes[targets[slot]].id) << "\""
              << (attributes.text().empty() ? "" : " [" + attributes.text() + "]") << ";\n";
    }

    /// "(3x) " when a count says more than "walked": several plays, or a node walked twice.
    [[nodiscard]] std::string walkCount(std::size_t walks) const
    {
        if (walks == 0 || (m_overlay.played->plays <= 1 && walks == 1))
            return "";
        return "(" + std::to_string(walks) + "x) ";
    }

    void walkedStyle(Attributes& attributes, std::size_t walks, const std::string& textColourKey) const
    {
        if (walks == 0) {
            attributes.set("color", kUnwalked);
            if (!textColourKey.empty())
                attributes.set(textColourKey, "gray50");
            return;
        }
        // Heavier the more often walked, within a readable range.
        const double width = 1.5 + std::min(4.0, std::log2(static_cast<double>(walks)));
        std::ostringstream pen;
        pen << width;
        attributes.set("color", kWalked).set("penwidth", pen.str());
        if (!textColourKey.empty())
            attributes.set(textColourKey, kWalked);
    }

    void decorateNode(std::size_t index, Attributes& attributes, std::string& label) const
    {
        if (const auto* played = m_overlay.played) {
            const std::size_t walks = index < played->nodeWalks.size() ? played->nodeWalks[index] : 0;
            walkedStyle(attributes, walks, "fontcolor");
            if (walks == 0)
                attributes.set("fontcolor", "gray50");
            else if (const auto count = walkCount(walks); !count.empty())
                label += "\\n" + count.substr(0, count.size() - 1);
        }
        if (const auto* analysis = m_overlay.analysis) {
            if (index < analysis->nodeReached.size() && !analysis->nodeReached[index]) {
                attributes.set("style", "filled,dashed").set("fillcolor", "#f4cccc").set("color", "#b00000");
                label += "\\nno path reaches this";
            }
            for (const auto& breach : analysis->breaches)
                if (breach.ending == index) {
                    attributes.set("color", "#b00000").set("penwidth", "3");
                    label += "\\nreached with " +
                             idText(m_scenario.framework.principles[breach.principle].id) + " below zero";
                    break;
                }
        }
    }

    const Scenario& m_scenario;
    const GraphOverlay& m_overlay;
    std::ostringstream m_out;
};

} // namespace

std::string toDot(const Scenario& scenario, const GraphOverlay& overlay)
{
    return DotWriter(scenario, overlay).write();
}

} // namespace sparring::console
