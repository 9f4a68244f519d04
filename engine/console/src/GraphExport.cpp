#include "console/GraphExport.hpp"

#include <sstream>

namespace sparring::console {

using namespace core;

namespace {

/// A DOT string literal body: quotes and backslashes escaped, newlines as \n, long text cut.
std::string escaped(std::string_view text, std::size_t limit = 60)
{
    std::string out;
    std::size_t codePoints = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++codePoints > limit) {
            out += "...";
            break;
        }
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += ' ';
            continue;
        }
        out += c;
    }
    return out;
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

} // namespace

std::string toDot(const Scenario& scenario)
{
    std::ostringstream out;
    out << "digraph \"" << escaped(scenario.meta.id) << "\" {\n";
    out << "  label=\"" << escaped(scenario.meta.title) << " (" << toString(scenario.meta.kind) << ")\";\n";
    out << "  labelloc=t;\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n  edge [fontname=\"DejaVu "
           "Sans\", fontsize=9];\n";
    out << "  __start [shape=point];\n  __start -> \"" << scenario.nodes[scenario.start].id << "\";\n";
    for (const auto& node : scenario.nodes) {
        const std::string id = "\"" + node.id + "\"";
        std::visit(
            [&](const auto& body) {
                using T = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<T, LineNode>) {
                    out << "  " << id << " [shape=box, label=\"" << node.id << "\\n"
                        << escaped(scenario.cast[body.speaker].name) << ": " << escaped(body.text.source, 40)
                        << "\"];\n";
                    out << "  " << id << " -> \"" << scenario.nodes[body.next].id << "\""
                        << (body.effects.empty()
                                ? ""
                                : " [label=\"{" + escaped(effectsText(body.effects)) + "}\"]")
                        << ";\n";
                } else if constexpr (std::is_same_v<T, ChoiceNode>) {
                    out << "  " << id << " [shape=diamond, label=\"" << node.id << "\\nchoice\"];\n";
                    for (std::size_t k = 0; k < body.options.size(); ++k) {
                        const auto& o = body.options[k];
                        const std::string head =
                            std::to_string(k + 1) + ". " + o.text.source + (o.once ? " (once)" : "");
                        out << "  " << id << " -> \"" << scenario.nodes[o.then.target].id << "\" [label=\""
                            << edgeLabel(head, o.condition, o.then.effects) << "\"];\n";
                    }
                    if (body.fallback)
                        out << "  " << id << " -> \"" << scenario.nodes[body.fallback->then.target].id
                            << "\" [style=dashed, label=\"fallback\"];\n";
                } else if constexpr (std::is_same_v<T, RespondNode>) {
                    out << "  " << id << " [shape=parallelogram, label=\"" << node.id << "\\nfree text\"];\n";
                    for (const auto& r : body.routes)
                        out << "  " << id << " -> \"" << scenario.nodes[r.then.target].id << "\" [label=\""
                            << edgeLabel(r.label, r.condition, r.then.effects) << "\"];\n";
                    out << "  " << id << " -> \"" << scenario.nodes[body.otherwise.target].id
                        << "\" [style=dashed, label=\"otherwise\"];\n";
                } else if constexpr (std::is_same_v<T, BranchNode>) {
                    out << "  " << id << " [shape=hexagon, label=\"" << node.id << "\"];\n";
                    for (const auto& c : body.cases)
                        out << "  " << id << " -> \"" << scenario.nodes[c.target].id << "\" [label=\"["
                            << escaped(c.condition.source()) << "]\"];\n";
                    out << "  " << id << " -> \"" << scenario.nodes[body.otherwise].id
                        << "\" [style=dashed, label=\"else\"];\n";
                } else if constexpr (std::is_same_v<T, EndNode>) {
                    const char* colour = body.outcome == Outcome::Good    ? "palegreen"
                                         : body.outcome == Outcome::Mixed ? "khaki"
                                                                          : "lightpink";
                    out << "  " << id << " [shape=doubleoctagon, style=filled, fillcolor=" << colour
                        << ", label=\"" << node.id << "\\n"
                        << toString(body.outcome) << ": " << escaped(body.title, 40) << "\"];\n";
                }
            },
            node.body);
    }
    out << "}\n";
    return out.str();
}

} // namespace sparring::console
