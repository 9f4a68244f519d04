// Loader: YAML files -> Scenario, with every problem reported as a located, coded diagnostic.
//
// Sections:
//   1. (YamlDocument.hpp: YAML access with diagnostics, shared with the curriculum loader)
//   2. Includes (reading, cycles, escaping the library)
//   3. Declarations: framework, cast, variables, metadata
//   4. Nodes: text templates, effects, consequences, the five node kinds
//   5. Entry points: loadScenario, loadScenarioText, lintFile
//
// YAML types never leave this file: the model in Scenario.hpp is plain C++.

#include "core/Loader.hpp"

#include "SourceText.hpp"
#include "Suggest.hpp"
#include "YamlDocument.hpp"
#include "core/FormatKeys.hpp"
#include "core/Labels.hpp"
#include "core/Limits.hpp"
#include "core/Utf8.hpp"
#include "core/Validator.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace sparring::core {

namespace {

namespace fs = std::filesystem;

// ---- 2. Includes ----------------------------------------------------------------------------

/// `path` made canonical as far as it exists, never throwing: a path the system refuses to resolve
/// (a loop of symbolic links, a name too long) is kept as written, absolute and normal, and whatever
/// then reads through it reports the system's reason (a --root is checked before loading by the
/// commands, with core::folderProblem).
fs::path canonicalOrAsWritten(const fs::path& path)
{
    std::error_code ec;
    auto canonical = fs::weakly_canonical(path, ec);
    if (!ec)
        return canonical;
    auto absolute = fs::absolute(path, ec);
    return (ec ? path : absolute).lexically_normal();
}

fs::path defaultLibraryRoot(const fs::path& scenarioFile)
{
    const fs::path absolute = fs::absolute(scenarioFile).lexically_normal();
    // Canonical, like the include targets it is compared with: a library reached through a
    // symbolic link must not look as if every include leaves it.
    std::error_code ec;
    for (fs::path dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        if (dir.filename() == "scenarios")
            return fs::weakly_canonical(dir, ec);
        if (dir == dir.root_path())
            break;
    }
    return fs::weakly_canonical(absolute.parent_path(), ec);
}

bool isInside(const fs::path& path, const fs::path& root)
{
    const auto relative = path.lexically_relative(root);
    return !relative.empty() && *relative.begin() != "..";
}

/// Reads the include graph depth-first. Each file is read once; cycles and escapes are errors.
class IncludeReader {
public:
    IncludeReader(Diagnostics& diagnostics, fs::path root) : m_diag(diagnostics), m_root(std::move(root)) {}

    /// Appends the documents `doc` includes (transitively, includes before includers).
    void collect(const Document& doc, const YamlNode& includeList, std::vector<Document>& out)
    {
        m_stack.push_back(canonicalOrAsWritten(doc.path));
        m_names.push_back(doc.name);
        Reader reader(doc, m_diag);
        for (const auto& item : reader.list(includeList, "include")) {
            const auto relative = reader.text(item, "an include path");
            if (!relative)
                continue;
            visit(doc, reader, item, *relative, out);
        }
        m_stack.pop_back();
        m_names.pop_back();
    }

private:
    void visit(const Document& from, Reader& reader, const YamlNode& item, const std::string& relative,
               std::vector<Document>& out)
    {
        const fs::path rel(relative);
        if (rel.is_absolute()) {
            reader.error(item, DiagnosticCode::PathLeavesLibrary,
                         "include '" + relative + "' is an absolute path; write it relative to this file");
            return;
        }
        const fs::path target = (from.path.parent_path() / rel).lexically_normal();
        const std::string display =
            (fs::path(from.name).parent_path() / rel).lexically_normal().generic_string();
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(target, ec);
        if (!isInside(canonical, m_root)) {
            reader.error(item, DiagnosticCode::PathLeavesLibrary,
                         "include '" + relative + "' leaves the scenario library (" +
                             m_root.generic_string() + "); shared files must live inside it");
            return;
        }
        if (const auto onStack = std::find(m_stack.begin(), m_stack.end(), canonical);
            onStack != m_stack.end()) {
            std::string cycle;
            for (auto i = static_cast<std::size_t>(onStack - m_stack.begin()); i < m_names.size(); ++i)
                cycle += m_names[i] + " -> ";
            cycle += display;
            reader.error(item, DiagnosticCode::IncludeCycleOrTooDeep,
                         "include '" + relative + "' makes a cycle (" + cycle +
                             "); remove one of the includes");
            return;
        }
        if (m_seen.contains(canonical))
            return; // included twice: read once
        if (m_stack.size() > limits::maxIncludeDepth) {
            reader.error(item, DiagnosticCode::IncludeCycleOrTooDeep,
                         "include '" + relative + "' is nested more than " +
                             std::to_string(limits::maxIncludeDepth) +
                             " levels deep; include the shared files more directly");
            return;
        }
        if (!fs::exists(canonical, ec)) {
            reader.error(item, DiagnosticCode::IncludeNotFound,
                         "included file '" + relative + "' not found (looked for " + display + ")");
            return;
        }
        if (!fs::is_regular_file(canonical, ec)) {
            reader.error(item, DiagnosticCode::IncludeNotFound,
                         "include '" + relative + "' names " +
                             (fs::is_directory(canonical, ec) ? "a folder" : "something other than a file") +
                             ", not a YAML file");
            return;
        }
        m_seen.insert(canonical);
        auto text = readSourceFile(canonical, display, m_diag);
        if (!text)
            return;
        auto doc = parseDocument(std::move(*text), display, canonical, m_diag);
        if (!doc)
            return;
        Reader inner(*doc, m_diag);
        // 'scenario' is left to SP0023 below rather than also reported as an unknown key.
        if (const auto view =
                inner.map(doc->root, "an included file", FormatObject::IncludedFile, {"scenario"})) {
            if (const auto nested = view->get("include"))
                collect(*doc, *nested, out);
        }
        if (doc->root.isMap()) {
            for (auto it = doc->root.begin(); it != doc->root.end(); ++it)
                if (it->first.isScalar() && it->first.scalar() == "scenario")
                    inner.error(it->first, DiagnosticCode::IncludeContainsScenario,
                                "an included file cannot contain a 'scenario' section: include shared "
                                "framework, cast or variables only");
        }
        out.push_back(std::move(*doc));
    }

    Diagnostics& m_diag;
    fs::path m_root;
    std::vector<fs::path> m_stack;
    std::vector<std::string> m_names; ///< display names of m_stack, for cycle messages
    std::set<fs::path> m_seen;
};

// ---- 3 & 4. Building the scenario -----------------------------------------------------------

/// The words the engine supplies to texts (`{said}`, `{recap}`), by placeholder name.
std::optional<BuiltinText> builtinText(std::string_view name)
{
    if (name == "said")
        return BuiltinText::Said;
    if (name == "recap")
        return BuiltinText::Recap;
    return std::nullopt;
}

/// Builds one Scenario from the top document and its includes.
class Builder {
public:
    explicit Builder(Diagnostics& diagnostics) : m_diag(diagnostics) {}

    /// Declarations shared by scenarios and includes: framework, cast, variables.
    void declare(const Document& doc, const MapView& view)
    {
        Reader r(doc, m_diag);
        if (const auto fw = view.get("framework"))
            framework(r, *fw, view.keyOf("framework"));
        if (const auto cast = view.get("cast"))
            castList(r, *cast);
        if (const auto vars = view.get("variables"))
            variables(r, *vars);
        if (const auto lang = view.get("language"))
            languageOverride(r, *lang, view.keyOf("language"));
    }

    /// For a framework file on its own: the framework once every declaration is read.
    std::optional<Framework> finishFramework(const Document& doc)
    {
        applyLanguageOverride();
        if (m_scenario.framework.principles.empty()) {
            Reader r(doc, m_diag);
            m_diag.error(r.at(doc.root), DiagnosticCode::NoFramework,
                         "no coaching framework in this file or its includes");
        }
        scoringWeights();
        if (m_diag.hasErrors())
            return std::nullopt;
        return std::move(m_scenario.framework);
    }

    std::optional<Scenario> build(const Document& doc, const MapView& view)
    {
        Reader r(doc, m_diag);
        m_scenario.path = doc.name;
        if (m_scenario.framework.id.empty() && m_scenario.framework.principles.empty())
            m_diag.error(r.at(doc.root), DiagnosticCode::NoFramework,
                         "no coaching framework: include one (e.g. '../framework/default.yaml') or add a "
                         "'framework:' section");
        if (const auto meta = view.get("scenario"))
            metadata(r, *meta);
        if (const auto moderator = view.get("moderator")) {
            m_moderatorWhere = r.at(view.keyOf("moderator"));
            moderatorRef(r, *moderator);
        }
        checkPanel(r, doc.root);
        applyLanguageOverride();
        scoringWeights();
        if (const auto commitments = view.get("commitments"))
            commitmentList(r, *commitments);

        const auto nodes = view.get("nodes");
        if (nodes)
            declareNodes(r, *nodes);
        buildScope();
        if (nodes)
            defineNodes(r, *nodes);
        if (const auto start = view.get("start"); start && !m_scenario.nodes.empty()) {
            if (const auto id = r.text(*start, "start")) {
                if (const auto index = m_scenario.findNode(*id))
                    m_scenario.start = *index;
                else
                    r.error(*start, DiagnosticCode::UnknownStartNode,
                            "start node '" + *id + "' is not defined" +
                                didYouMean(closestMatch(*id, m_nodeIds)));
            }
        }
        if (m_diag.hasErrors())
            return std::nullopt;
        return std::move(m_scenario);
    }

private:
    // -- declarations --

    void framework(Reader& r, const YamlNode& node, const YamlNode& key)
    {
        if (!m_scenario.framework.id.empty()) {
            // As yaml-cpp's as<std::string>("?") read it: "null" for an empty id, "?" for a collection.
            const YamlNode given = node["id"];
            const std::string id = given.isNull()     ? std::string("null")
                                   : given.isScalar() ? std::string(given.scalar())
                                                      : std::string("?");
            r.error(key, DiagnosticCode::DefinedTwice,
                    "a second framework ('" + id +
                        "') is defined; a scenario uses exactly one, and it already has '" +
                        m_scenario.framework.id + "' (from " + m_frameworkWhere.file + ":" +
                        std::to_string(m_frameworkWhere.line) + ")");
            return;
        }
        m_frameworkWhere = r.at(key);
        const auto view = r.map(node, "framework", FormatObject::Framework);
        if (!view)
            return;
        auto& fw = m_scenario.framework;
        if (const auto id = view->get("id"))
            fw.id = r.identifier(*id, "framework id", true).value_or("");
        if (fw.id.empty())
            fw.id = "?";
        if (const auto name = view->get("name"))
            fw.name = r.text(*name, "framework name").value_or("");
        if (const auto d = view->get("description"))
            fw.description = r.text(*d, "framework description").value_or("");
        const auto principles = view->get("principles");
        if (!principles)
            return;
        if (!principles->isSequence()) {
            r.error(*principles, DiagnosticCode::WrongKindOfValue,
                    "principles must be a list, but it is " + describe(*principles));
            return;
        }
        std::unordered_map<std::string, int> principleLines;
        for (const auto& item : *principles) {
            const auto p = r.map(item, "a principle", FormatObject::Principle);
            if (!p)
                continue;
            Principle principle;
            if (const auto id = p->get("id"))
                principle.id = r.identifier(*id, "principle id").value_or("");
            if (const auto v = p->get("name"))
                principle.name = r.text(*v, "principle name").value_or("");
            if (const auto v = p->get("description"))
                principle.description = r.text(*v, "principle description").value_or("");
            if (const auto v = p->get("why"))
                principle.why = r.text(*v, "principle 'why'").value_or("");
            if (principle.id.empty())
                continue;
            if (const auto first = principleLines.find(principle.id); first != principleLines.end()) {
                r.error(item, DiagnosticCode::DefinedTwice,
                        "principle '" + principle.id + "' is defined twice (first on line " +
                            std::to_string(first->second) + ")");
                continue;
            }
            principleLines.emplace(principle.id, r.at(item).line);
            fw.principles.push_back(std::move(principle));
        }
        if (const auto v = view->get("language"))
            language(r, *v);
        if (const auto v = view->get("cues"))
            cues(r, *v);
        if (const auto v = view->get("scoring"))
            m_pendingScoring.push_back({*v, &r.document()});
    }

    /// The common language: `name` and `terms`, each with id, name and phrases.
    void language(Reader& r, const YamlNode& node)
    {
        auto read = readLanguage(r, node);
        m_scenario.framework.languageName = std::move(read.name);
        for (auto& set : read.terms)
            m_scenario.framework.phrases.push_back(std::move(set));
    }

    /// A common language: its name and one phrase set per term (tag framework_term:<id>).
    struct CommonLanguage {
        std::string name;
        std::vector<PhraseSet> terms;
    };

    CommonLanguage readLanguage(Reader& r, const YamlNode& node)
    {
        CommonLanguage out;
        const auto view = r.map(node, "language", FormatObject::Language);
        if (!view)
            return out;
        if (const auto v = view->get("name"))
            out.name = r.text(*v, "language name").value_or("");
        const auto terms = view->get("terms");
        if (!terms)
            return out;
        if (!terms->isSequence()) {
            r.error(*terms, DiagnosticCode::WrongKindOfValue,
                    "terms must be a list, but it is " + describe(*terms));
            return out;
        }
        for (const auto& item : *terms) {
            const auto t = r.map(item, "a term", FormatObject::Term);
            if (!t)
                continue;
            PhraseSet set;
            if (const auto v = t->get("id"))
                set.tag = std::string(kFrameworkTermPrefix) + r.identifier(*v, "term id").value_or("");
            if (const auto v = t->get("name"))
                set.name = r.text(*v, "term name").value_or("");
            if (const auto v = t->get("phrases"))
                set.phrases = r.textList(*v, "phrases");
            if (set.tag.size() > kFrameworkTermPrefix.size())
                out.terms.push_back(std::move(set));
        }
        return out;
    }

    /// A `language:` section at the top of a file: the team's own common language, replacing
    /// the framework's, so an organisation plugs in its methodology without copying the
    /// framework (scenarios/framework/spin.yaml). Read now, for its diagnostics; applied once
    /// every declaration is read, so it wins whatever the order of the includes.
    void languageOverride(Reader& r, const YamlNode& node, const YamlNode& key)
    {
        if (m_languageOverride) {
            r.error(key, DiagnosticCode::DefinedTwice,
                    "a second common language is defined at the top of a file; a scenario uses one, and it "
                    "already has '" +
                        m_languageOverride->name + "' (from " + m_languageWhere.file + ":" +
                        std::to_string(m_languageWhere.line) + ")");
            return;
        }
        m_languageWhere = r.at(key);
        m_languageOverride = readLanguage(r, node);
    }

    void applyLanguageOverride()
    {
        if (!m_languageOverride)
            return;
        auto& fw = m_scenario.framework;
        std::erase_if(fw.phrases,
                      [](const PhraseSet& set) { return set.tag.starts_with(kFrameworkTermPrefix); });
        fw.languageName = m_languageOverride->name;
        for (const auto& set : m_languageOverride->terms)
            fw.phrases.push_back(set);
    }

    /// Cue phrases per tag: `takeover: ["let me call", ...]`.
    void cues(Reader& r, const YamlNode& node)
    {
        const auto view = r.map(node, "cues", FormatObject::Cues);
        if (!view)
            return;
        for (const auto& [tag, phrases] : view->entries)
            m_scenario.framework.phrases.push_back({tag, tag, r.textList(phrases, "cues for '" + tag + "'")});
    }

    /// `scoring`: for each act, tag, "depth:complex" or "framework_term", principle weights.
    void scoringWeights()
    {
        for (const auto& pending : m_pendingScoring) {
            Reader r(*pending.doc, m_diag);
            const auto view = r.map(pending.node, "scoring", FormatObject::Scoring);
            if (!view)
                continue;
            for (const auto& [label, weights] : view->entries) {
                const auto wv =
                    r.map(weights, "the scoring of '" + label + "'", FormatObject::ScoringWeights);
                if (!wv)
                    continue;
                PrincipleWeightsOf entry{label, {}};
                for (const auto& [principle, weight] : wv->entries) {
                    const auto index = m_scenario.findPrinciple(principle);
                    if (!index) {
                        r.error(weight, DiagnosticCode::UnknownPrinciple,
                                "unknown principle '" + principle + "' in the scoring of '" + label + "'");
                        continue;
                    }
                    if (const auto w = r.number(weight, "weight of '" + principle + "'")) {
                        if (*w < -10 || *w > 10)
                            r.error(weight, DiagnosticCode::ValueNotAllowed,
                                    "weight " + std::string(weight.scalar()) + " is outside -10..10");
                        else
                            entry.weights.push_back({*index, *w});
                    }
                }
                m_scenario.framework.scoring.push_back(std::move(entry));
            }
        }
    }

    void castList(Reader& r, const YamlNode& node)
    {
        if (!node.isSequence()) {
            r.error(node, DiagnosticCode::WrongKindOfValue,
                    "cast must be a list of characters, but it is " + describe(node));
            return;
        }
        for (const auto& item : node) {
            const auto view = r.map(item, "a character", FormatObject::Character);
            if (!view)
                continue;
            Character c;
            c.where = r.at(item);
            if (const auto v = view->get("id"))
                c.id = r.identifier(*v, "character id").value_or("");
            if (const auto v = view->get("name"))
                c.name = r.text(*v, "character name").value_or("");
            if (const auto v = view->get("role"))
                c.role = r.text(*v, "role").value_or("");
            if (const auto v = view->get("persona"))
                c.persona = r.text(*v, "persona").value_or("");
            if (const auto v = view->get("viewpoint"))
                c.viewpoint = r.text(*v, "viewpoint").value_or("");
            if (const auto v = view->get("portrait"))
                portrait(r, *v, c.portrait);
            if (const auto v = view->get("voice"))
                voice(r, *v, c.voice);
            if (item.isMap())
                for (const std::string& retired : formatKeys(FormatObject::Character).retired)
                    for (auto it = item.begin(); it != item.end(); ++it)
                        if (it->first.isScalar() && it->first.scalar() == retired)
                            r.warning(it->first, DiagnosticCode::RetiredKey,
                                      "'" + retired +
                                          "' is no longer read: experts react by their position on each "
                                          "round ('positions' on a choice or prompt), not by principle "
                                          "weights or generic lines; delete it");
            if (c.id.empty())
                continue;
            if (const auto existing = m_scenario.findCharacter(c.id)) {
                r.error(item, DiagnosticCode::DefinedTwice,
                        "character '" + c.id + "' is defined twice (first at " +
                            m_scenario.cast[*existing].where.file + ":" +
                            std::to_string(m_scenario.cast[*existing].where.line) + ")");
                continue;
            }
            m_scenario.characterIndex.emplace(c.id, m_scenario.cast.size());
            m_scenario.cast.push_back(std::move(c));
        }
    }

    void portrait(Reader& r, const YamlNode& node, Portrait& out)
    {
        const auto view = r.map(node, "portrait", FormatObject::Portrait);
        if (!view)
            return;
        if (const auto v = view->get("image")) {
            out.image = r.text(*v, "portrait image").value_or("");
            const fs::path image(out.image);
            if (image.is_absolute() || (!out.image.empty() && *image.lexically_normal().begin() == "..")) {
                r.error(*v, DiagnosticCode::PathLeavesLibrary,
                        "portrait image '" + out.image + "' must be a path inside assets/, without '..'");
                out.image.clear();
            }
        }
        if (const auto v = view->get("expressions"))
            out.expressions = r.textList(*v, "expressions");
    }

    void voice(Reader& r, const YamlNode& node, Voice& out)
    {
        const auto view = r.map(node, "voice", FormatObject::Voice);
        if (!view)
            return;
        if (const auto v = view->get("name"))
            out.name = r.text(*v, "voice name").value_or("");
        if (const auto v = view->get("rate"))
            if (const auto rate = r.integer(*v, "voice rate")) {
                if (*rate < 80 || *rate > 450)
                    r.error(*v, DiagnosticCode::ValueNotAllowed,
                            "voice rate " + std::to_string(*rate) + " is outside 80..450 words per minute");
                else
                    out.rate = static_cast<int>(*rate);
            }
        if (const auto v = view->get("pitch"))
            if (const auto pitch = r.integer(*v, "voice pitch")) {
                if (*pitch < 0 || *pitch > 100)
                    r.error(*v, DiagnosticCode::ValueNotAllowed,
                            "voice pitch " + std::to_string(*pitch) + " is outside 0..100");
                else
                    out.pitch = static_cast<int>(*pitch);
            }
    }

    void variables(Reader& r, const YamlNode& node)
    {
        const auto view = r.map(node, "variables", FormatObject::Variables);
        if (!view)
            return;
        for (std::size_t entry = 0; entry < view->entries.size(); ++entry) {
            const auto& [name, spec] = view->entries[entry];
            const YamlNode nameNode = view->keyOf(entry);
            if (!isIdentifier(name, false) || name == "and" || name == "or" || name == "not" ||
                name == "true" || name == "false" || builtinText(name)) {
                r.error(nameNode, DiagnosticCode::ValueNotAllowed,
                        "variable name '" + name +
                            "' must start with a letter, use only letters, digits and '_', and not be a "
                            "keyword or a "
                            "word the engine supplies ('said', 'recap')");
                continue;
            }
            const auto def = r.map(spec, "variable '" + name + "'", FormatObject::Variable);
            if (!def)
                continue;
            Variable var;
            var.name = name;
            var.where = r.at(nameNode);
            const auto type = def->get("type");
            if (!type)
                continue;
            const auto typeIndex =
                r.oneOf(*type, "variable type", fixedWords(FixedWords::VariableType).words);
            if (!typeIndex)
                continue;
            var.type = static_cast<ValueType>(*typeIndex);
            if (var.type == ValueType::Int) {
                // On a bad range the variable is still declared (with the widest range), to
                // avoid cascades; the error already stops the load.
                var.min = std::numeric_limits<std::int64_t>::min();
                var.max = std::numeric_limits<std::int64_t>::max();
                const auto min = def->get("min");
                const auto max = def->get("max");
                if (!min || !max) {
                    r.error(spec, DiagnosticCode::MissingRequiredKey,
                            "int variable '" + name + "' needs 'min' and 'max' (its range)");
                } else {
                    const auto lo = r.integer(*min, "min");
                    const auto hi = r.integer(*max, "max");
                    if (lo.has_value() && hi.has_value()) {
                        if (lo.value() > hi.value()) {
                            r.error(*min, DiagnosticCode::ValueOutsideRange,
                                    "min " + std::to_string(lo.value()) + " is greater than max " +
                                        std::to_string(hi.value()) + ", so no value fits variable '" + name +
                                        "'");
                        } else {
                            var.min = lo.value();
                            var.max = hi.value();
                        }
                    }
                }
            } else {
                for (const char* key : {"min", "max"})
                    if (def->has(key))
                        r.error(def->keyOf(key), DiagnosticCode::UnknownKey,
                                std::string("'") + key + "' only applies to int variables; '" + name +
                                    "' is " + (var.type == ValueType::Bool ? "a bool" : "a string"));
            }
            // Declared even when its initial value is wrong, so later uses don't cascade into
            // "unknown variable" errors; the error above already stops the load.
            var.initial = defaultValue(var);
            if (const auto initial = def->get("initial"))
                if (auto value = initialValue(r, *initial, var))
                    var.initial = std::move(*value);
            if (const auto d = def->get("description"))
                var.description = r.text(*d, "description").value_or("");
            if (const auto existing = m_scenario.findVariable(name)) {
                const auto& first = m_scenario.variables[*existing].where;
                r.error(nameNode, DiagnosticCode::DefinedTwice,
                        "variable '" + name + "' is defined twice (first at " + first.file + ":" +
                            std::to_string(first.line) + ")");
                continue;
            }
            m_scenario.variableIndex.emplace(var.name, m_scenario.variables.size());
            m_scenario.variables.push_back(std::move(var));
        }
    }

    static Value defaultValue(const Variable& var)
    {
        switch (var.type) {
        case ValueType::Int:
            return var.min;
        case ValueType::Bool:
            return false;
        case ValueType::String:
            return std::string();
        }
        return false;
    }

    static std::optional<Value> initialValue(Reader& r, const YamlNode& node, const Variable& var)
    {
        const std::string what = "initial value of '" + var.name + "'";
        switch (var.type) {
        case ValueType::Int:
            if (const auto v = r.integer(node, what)) {
                if (*v >= var.min && *v <= var.max)
                    return *v;
                r.error(node, DiagnosticCode::ValueOutsideRange,
                        what + " is " + std::to_string(*v) + ", outside its range " +
                            std::to_string(var.min) + ".." + std::to_string(var.max));
            }
            return std::nullopt;
        case ValueType::Bool:
            if (const auto v = r.boolean(node, what))
                return *v;
            return std::nullopt;
        case ValueType::String:
            if (const auto v = r.text(node, what))
                return *v;
            return std::nullopt;
        }
        return std::nullopt;
    }

    void metadata(Reader& r, const YamlNode& node)
    {
        const auto view = r.map(node, "scenario", FormatObject::ScenarioHeader);
        if (!view)
            return;
        auto& m = m_scenario.meta;
        if (const auto v = view->get("id"))
            m.id = r.identifier(*v, "scenario id", true).value_or("");
        if (const auto v = view->get("title"))
            m.title = r.text(*v, "title").value_or("");
        if (const auto v = view->get("kind")) {
            m_kindWhere = r.at(*v);
            if (const auto k = r.oneOf(*v, "scenario kind", fixedWords(FixedWords::ScenarioKind).words))
                m.kind = static_cast<ScenarioKind>(*k);
        }
        if (const auto v = view->get("version"))
            if (const auto version = r.integer(*v, "version")) {
                if (*version < 1 || *version > 1'000'000)
                    r.error(*v, DiagnosticCode::ValueNotAllowed,
                            "version must be between 1 and 1000000, not " + std::to_string(*version));
                else
                    m.version = static_cast<int>(*version);
            }
        if (const auto v = view->get("summary"))
            m.summary = r.text(*v, "summary").value_or("");
        if (const auto v = view->get("minutes"))
            if (const auto minutes = r.integer(*v, "minutes")) {
                if (*minutes < 1 || *minutes > 600)
                    r.error(*v, DiagnosticCode::ValueNotAllowed,
                            "minutes must be between 1 and 600, not " + std::to_string(*minutes));
                else
                    m.minutes = static_cast<int>(*minutes);
            }
        if (const auto v = view->get("difficulty"))
            if (const auto d = r.oneOf(*v, "difficulty", fixedWords(FixedWords::Difficulty).words))
                m.difficulty = static_cast<Difficulty>(*d);
        if (const auto v = view->get("focus"))
            for (const auto& item : r.list(*v, "focus"))
                if (const auto p = principleRef(r, item))
                    m.focus.push_back(*p);
        if (const auto v = view->get("tags"))
            m.tags = r.textList(*v, "tags");
    }

    std::optional<std::size_t> principleRef(Reader& r, const YamlNode& node)
    {
        const auto id = r.text(node, "principle");
        if (!id)
            return std::nullopt;
        if (const auto index = m_scenario.findPrinciple(*id))
            return index;
        std::vector<std::string> ids;
        for (const auto& p : m_scenario.framework.principles)
            ids.push_back(p.id);
        r.error(node, DiagnosticCode::UnknownPrinciple,
                "unknown principle '" + *id + "'" + didYouMean(closestMatch(*id, ids)));
        return std::nullopt;
    }

    /// A reference by id to one of `items` (each with an `id`), looked up by `find`. Naming none
    /// is `code`, "unknown <noun> 'x' in <what>" with the closest id, and `hintWhenNone` when
    /// there are no items at all.
    template <typename Items, typename Find>
    std::optional<std::size_t> reference(Reader& r, const YamlNode& node, const std::string& what,
                                         const Items& items, Find find, DiagnosticCode code,
                                         const std::string& noun, const std::string& hintWhenNone = "")
    {
        const auto id = r.text(node, what);
        if (!id)
            return std::nullopt;
        if (const auto index = find(*id))
            return index;
        std::vector<std::string> ids;
        ids.reserve(items.size());
        for (const auto& item : items)
            ids.push_back(item.id);
        r.error(node, code,
                "unknown " + noun + " '" + *id + "' in " + what + didYouMean(closestMatch(*id, ids)) +
                    (ids.empty() ? hintWhenNone : ""));
        return std::nullopt;
    }

    std::optional<std::size_t> characterRef(Reader& r, const YamlNode& node, const std::string& what)
    {
        return reference(
            r, node, what, m_scenario.cast,
            [&](const std::string& id) { return m_scenario.findCharacter(id); },
            DiagnosticCode::UnknownCharacter, "character");
    }

    void moderatorRef(Reader& r, const YamlNode& node)
    {
        m_scenario.moderator = characterRef(r, node, "moderator");
        m_moderatorGiven = true;
    }

    void checkPanel(Reader& r, const YamlNode& root)
    {
        if (m_scenario.meta.kind == ScenarioKind::Panel) {
            if (!m_moderatorGiven)
                m_diag.error(m_kindWhere.line > 0 ? m_kindWhere : r.at(root),
                             DiagnosticCode::PanelWithoutModerator,
                             "a panel needs a 'moderator:' naming the character who chairs it");
            // An unknown moderator is already an error; without knowing who chairs, every
            // character would look like an expert.
            const bool moderatorKnown = !m_moderatorGiven || m_scenario.moderator.has_value();
            for (std::size_t i = 0; i < m_scenario.cast.size() && moderatorKnown; ++i) {
                const auto& c = m_scenario.cast[i];
                if (m_scenario.moderator != i && c.viewpoint.empty())
                    m_diag.warning(c.where, DiagnosticCode::ExpertWithoutViewpoint,
                                   "panel expert '" + c.id +
                                       "' has no 'viewpoint': say what position they argue from");
            }
        } else if (m_moderatorGiven) {
            m_diag.warning(m_moderatorWhere, DiagnosticCode::ModeratorInRoleplay,
                           "'moderator' only applies to panels; this scenario is a roleplay");
        }
    }

    // -- nodes --

    void declareNodes(Reader& r, const YamlNode& node)
    {
        if (!node.isMap()) {
            r.error(node, DiagnosticCode::WrongKindOfValue,
                    "nodes must be a map from node id to node, but it is " + describe(node));
            return;
        }
        if (node.size() == 0) {
            // Without this, an empty scenario would load and its start would index nothing.
            r.error(node, DiagnosticCode::WrongKindOfValue,
                    "nodes is an empty map; a scenario needs at least its start node and an 'end' node");
            return;
        }
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YamlNode key = it->first;
            if (!key.isScalar()) {
                // `~:`, `null:` or a list as a key: dropping the node silently would hide it.
                r.error(key, DiagnosticCode::WrongKindOfValue,
                        "a node id must be a plain word, but it is " + describe(key));
                continue;
            }
            const std::string id(key.scalar());
            if (!isIdentifier(id, false)) {
                r.error(key, DiagnosticCode::ValueNotAllowed,
                        "node id '" + id + "' must start with a letter and use only letters, digits and '_'");
                continue;
            }
            if (const auto existing = m_scenario.findNode(id)) {
                r.error(key, DiagnosticCode::DefinedTwice,
                        "node '" + id + "' is defined twice (first on line " +
                            std::to_string(m_scenario.nodes[*existing].where.line) + ")");
                continue;
            }
            if (m_scenario.nodes.size() >= limits::maxNodes) {
                r.error(key, DiagnosticCode::ValueNotAllowed,
                        "more than " + std::to_string(limits::maxNodes) + " nodes in one scenario");
                return;
            }
            Node n;
            n.id = id;
            n.where = r.at(key);
            m_scenario.nodeIndex.emplace(id, m_scenario.nodes.size());
            m_scenario.nodes.push_back(std::move(n));
            m_nodeIds.push_back(id);
            m_nodeYaml.push_back(it->second);
        }
    }

    void buildScope()
    {
        for (const auto& v : m_scenario.variables)
            m_scenario.scope.variables.push_back({v.name, v.type, v.min, v.max});
        m_scenario.scope.nodeIds = m_nodeIds;
        for (const auto& p : m_scenario.framework.principles)
            m_scenario.scope.principleIds.push_back(p.id);
        m_scenario.scope.index();
    }

    void defineNodes(Reader& r, const YamlNode&)
    {
        const std::vector<std::string>& kinds = fixedWords(FixedWords::NodeType).words;
        for (std::size_t i = 0; i < m_scenario.nodes.size(); ++i) {
            const YamlNode& yaml = m_nodeYaml[i];
            Node& node = m_scenario.nodes[i];
            const std::string what = "node '" + node.id + "'";
            if (!yaml.isMap()) {
                r.error(yaml, DiagnosticCode::WrongKindOfValue,
                        what + " must be a map with a 'type', but it is " + describe(yaml));
                continue;
            }
            const auto typeNode = yaml["type"];
            if (!typeNode) {
                r.error(yaml, DiagnosticCode::MissingRequiredKey,
                        what + " is missing the required key 'type' (" + joined(kinds) + ")");
                continue;
            }
            const auto kind = r.oneOf(typeNode, "the type of " + what, kinds);
            if (!kind)
                continue;
            switch (static_cast<NodeKind>(*kind)) {
            case NodeKind::Line:
                node.body = line(r, yaml, what);
                break;
            case NodeKind::Choice:
                node.body = choice(r, yaml, what);
                break;
            case NodeKind::Respond:
                node.body = respond(r, yaml, what);
                break;
            case NodeKind::Branch:
                node.body = branch(r, yaml, what);
                break;
            case NodeKind::End:
                node.body = ending(r, yaml, what);
                break;
            }
        }
    }

    std::size_t target(Reader& r, const YamlNode& node, const std::string& what)
    {
        const auto id = r.text(node, what);
        if (!id)
            return 0;
        if (const auto index = m_scenario.findNode(*id))
            return *index;
        r.error(node, DiagnosticCode::UnknownNode,
                "unknown node '" + *id + "' in " + what + didYouMean(closestMatch(*id, m_nodeIds)));
        return 0;
    }

    TextTemplate textTemplate(Reader& r, const YamlNode& node, const std::string& what)
    {
        TextTemplate out;
        const auto source = r.text(node, what);
        if (!source)
            return out;
        out.source = *source;
        const std::string& s = *source;
        std::string literal;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{') {
                literal += '{';
                ++i;
            } else if (s[i] == '}' && i + 1 < s.size() && s[i + 1] == '}') {
                literal += '}';
                ++i;
            } else if (s[i] == '{') {
                const std::size_t close = s.find('}', i);
                if (close == std::string::npos) {
                    m_diag.error(r.atOffset(node, i), DiagnosticCode::UnmatchedBrace,
                                 what + " has a '{' that is never closed; write '{{' for a literal brace");
                    return out;
                }
                const std::string name = s.substr(i + 1, close - i - 1);
                const auto slot = m_scenario.findVariable(name);
                if (const auto builtin = builtinText(name)) {
                    if (!literal.empty())
                        out.parts.push_back({std::move(literal), std::nullopt, std::nullopt});
                    literal.clear();
                    out.parts.push_back({{}, std::nullopt, builtin});
                } else if (!slot) {
                    std::vector<std::string> names;
                    for (const auto& v : m_scenario.variables)
                        names.push_back(v.name);
                    names.emplace_back("said");
                    names.emplace_back("recap");
                    m_diag.error(r.atOffset(node, i), DiagnosticCode::UnknownVariableInText,
                                 what + " uses '{" + name + "}', but there is no variable '" + name + "'" +
                                     didYouMean(closestMatch(name, names)));
                } else {
                    if (!literal.empty())
                        out.parts.push_back({std::move(literal), std::nullopt, std::nullopt});
                    literal.clear();
                    out.parts.push_back({{}, slot, std::nullopt});
                }
                i = close;
            } else if (s[i] == '}') {
                m_diag.error(r.atOffset(node, i), DiagnosticCode::UnmatchedBrace,
                             what + " has a '}' without a matching '{'; write '}}' for a literal brace");
                return out;
            } else {
                literal += s[i];
            }
        }
        if (!literal.empty())
            out.parts.push_back({std::move(literal), std::nullopt, std::nullopt});
        return out;
    }

    void report(Reader& r, const YamlNode& scalar, const std::vector<ExpressionIssue>& issues)
    {
        for (const auto& issue : issues)
            m_diag.error(r.atOffset(scalar, issue.offset), issue.code,
                         issue.message + didYouMean(issue.suggestion));
    }

    std::optional<Expression> condition(Reader& r, const YamlNode& node)
    {
        const auto source = r.text(node, "condition");
        if (!source)
            return std::nullopt;
        auto parsed = parseCondition(*source, m_scenario.scope);
        report(r, node, parsed.issues);
        return parsed.value;
    }

    std::vector<Effect> effects(Reader& r, const YamlNode& node)
    {
        std::vector<Effect> out;
        for (const auto& item : r.list(node, "do")) {
            const auto source = r.text(item, "an effect");
            if (!source)
                continue;
            auto parsed = parseEffect(*source, m_scenario.scope);
            report(r, item, parsed.issues);
            if (parsed.value)
                out.push_back(std::move(*parsed.value));
        }
        return out;
    }

    std::vector<Evidence> evidence(Reader& r, const YamlNode& node)
    {
        std::vector<Evidence> out;
        const auto view = r.map(node, "evidence", FormatObject::Evidence);
        if (!view)
            return out;
        for (std::size_t entry = 0; entry < view->entries.size(); ++entry) {
            const auto& [principle, amount] = view->entries[entry];
            const auto index = m_scenario.findPrinciple(principle);
            if (!index) {
                std::vector<std::string> ids;
                for (const auto& p : m_scenario.framework.principles)
                    ids.push_back(p.id);
                r.error(view->keyOf(entry), DiagnosticCode::UnknownPrinciple,
                        "unknown principle '" + principle + "' in evidence" +
                            didYouMean(closestMatch(principle, ids)));
                continue;
            }
            if (const auto v = r.integer(amount, "evidence for '" + principle + "'")) {
                if (*v < -10 || *v > 10 || *v == 0)
                    r.error(amount, DiagnosticCode::ValueNotAllowed,
                            "evidence for '" + principle + "' is " + std::to_string(*v) +
                                "; it must be between -10 and +10 and not 0");
                else
                    out.push_back({*index, static_cast<int>(*v)});
            }
        }
        return out;
    }

    // -- panels: commitments and positions --

    /// `commitments`: id -> how the moderator names it ("protected coaching time").
    void commitmentList(Reader& r, const YamlNode& node)
    {
        const auto view = r.map(node, "commitments", FormatObject::Commitments);
        if (!view)
            return;
        for (std::size_t entry = 0; entry < view->entries.size(); ++entry) {
            const auto& [id, says] = view->entries[entry];
            const YamlNode key = view->keyOf(entry);
            if (!isIdentifier(id, false)) {
                r.error(key, DiagnosticCode::ValueNotAllowed,
                        "commitment id '" + id +
                            "' must start with a letter and use only letters, digits and '_'");
                continue;
            }
            Commitment c{id, r.text(says, "what commitment '" + id + "' says").value_or(""), r.at(key)};
            m_scenario.commitments.push_back(std::move(c));
        }
    }

    std::optional<std::size_t> commitmentRef(Reader& r, const YamlNode& node, const std::string& what)
    {
        return reference(
            r, node, what, m_scenario.commitments,
            [&](const std::string& id) { return m_scenario.findCommitment(id); },
            DiagnosticCode::UnknownCommitment, "commitment",
            " (declare it under 'commitments:' at the top of the scenario)");
    }

    /// A position's lines: one text or a list of alternatives. They are judged after the answer,
    /// from the transcript, so they may quote the answer (`{said}`) but not show variables.
    std::vector<TextTemplate> positionLines(Reader& r, const YamlNode& node, const std::string& what)
    {
        std::vector<TextTemplate> out;
        for (const auto& item : r.list(node, what)) {
            auto line = textTemplate(r, item, what);
            for (const auto& part : line.parts)
                if (part.variable || part.builtin == BuiltinText::Recap) {
                    r.error(item, DiagnosticCode::ValueNotAllowed,
                            what + " may quote the answer with {said}, but not show variables or {recap}: "
                                   "an expert reacts to the answer, not to the state of the session");
                    break;
                }
            if (!line.empty())
                out.push_back(std::move(line));
        }
        return out;
    }

    std::vector<Position::Reply> positionReplies(Reader& r, const YamlNode& node, const std::string& what)
    {
        std::vector<Position::Reply> out;
        const auto view = r.map(node, what, FormatObject::PositionReplies);
        if (!view)
            return out;
        for (std::size_t entry = 0; entry < view->entries.size(); ++entry) {
            const auto index = commitmentRef(r, view->keyOf(entry), what);
            if (!index)
                continue;
            out.push_back(
                {*index, positionLines(r, view->entries[entry].second,
                                       "the line for '" + view->entries[entry].first + "' in " + what)});
        }
        return out;
    }

    /// `positions`: expert id -> {stance, welcomes, resists, unmoved}.
    std::vector<Position> positions(Reader& r, const YamlNode& node, const std::string& what)
    {
        std::vector<Position> out;
        const auto view = r.map(node, "the positions of " + what, FormatObject::Positions);
        if (!view)
            return out;
        for (std::size_t entry = 0; entry < view->entries.size(); ++entry) {
            const auto& [expertId, spec] = view->entries[entry];
            const YamlNode key = view->keyOf(entry);
            const auto expert = characterRef(r, key, "the positions of " + what);
            if (!expert)
                continue;
            if (m_scenario.moderator == expert) {
                r.error(key, DiagnosticCode::ValueNotAllowed,
                        "'" + expertId +
                            "' chairs the panel and takes no position; positions are for experts");
                continue;
            }
            const std::string whose = expertId + "'s position on " + what;
            const auto pv = r.map(spec, whose, FormatObject::Position);
            if (!pv)
                continue;
            Position p;
            p.expert = *expert;
            p.where = r.at(key);
            if (const auto v = pv->get("stance"))
                p.stance = r.text(*v, "the stance in " + whose).value_or("");
            if (const auto v = pv->get("welcomes"))
                p.welcomes = positionReplies(r, *v, "what " + whose + " welcomes");
            if (const auto v = pv->get("resists"))
                p.resists = positionReplies(r, *v, "what " + whose + " resists");
            if (const auto v = pv->get("unmoved"))
                p.unmoved = positionLines(r, *v, "the unmoved line of " + whose);
            for (const auto& resisted : p.resists)
                for (const auto& welcomed : p.welcomes)
                    if (resisted.commitment == welcomed.commitment)
                        r.error(pv->keyOf("resists"), DiagnosticCode::ValueNotAllowed,
                                whose + " both welcomes and resists '" +
                                    m_scenario.commitments[resisted.commitment].id +
                                    "'; an expert holds one view of it");
            if (std::any_of(out.begin(), out.end(), [&](const Position& o) { return o.expert == p.expert; }))
                r.error(key, DiagnosticCode::DefinedTwice, expertId + " has two positions on " + what);
            out.push_back(std::move(p));
        }
        return out;
    }

    /// The keys shared by options, routes and `otherwise`: goto, do, evidence, feedback.
    Consequence consequence(Reader& r, const MapView& view, const std::string& what)
    {
        Consequence c;
        if (const auto v = view.get("goto"))
            c.target = target(r, *v, "the goto of " + what);
        if (const auto v = view.get("do"))
            c.effects = effects(r, *v);
        if (const auto v = view.get("evidence"))
            c.evidence = evidence(r, *v);
        if (const auto v = view.get("feedback"))
            c.feedback = r.text(*v, "feedback").value_or("");
        if (const auto v = view.get("commits"))
            for (const auto& item : r.list(*v, "commits"))
                if (const auto index = commitmentRef(r, item, "the commits of " + what))
                    c.commits.push_back(*index);
        return c;
    }

    LineNode line(Reader& r, const YamlNode& yaml, const std::string& what)
    {
        LineNode out;
        const auto view = r.map(yaml, what, FormatObject::LineNode);
        if (!view)
            return out;
        if (const auto v = view->get("speaker"))
            out.speaker = characterRef(r, *v, "the speaker of " + what).value_or(0);
        if (const auto v = view->get("text"))
            out.text = textTemplate(r, *v, "the text of " + what);
        if (const auto v = view->get("mood")) {
            out.mood = r.text(*v, "mood").value_or("");
            if (const auto speaker = view->get("speaker"); speaker && speaker->isScalar())
                if (const auto c = m_scenario.findCharacter(speaker->scalar())) {
                    const auto& expressions = m_scenario.cast[*c].portrait.expressions;
                    if (!expressions.empty() &&
                        std::find(expressions.begin(), expressions.end(), out.mood) == expressions.end())
                        r.warning(*v, DiagnosticCode::UnknownMood,
                                  "mood '" + out.mood + "' is not one of " + m_scenario.cast[*c].id +
                                      "'s portrait expressions (" + joined(expressions) + ")" +
                                      didYouMean(closestMatch(out.mood, expressions)));
                }
        }
        if (const auto v = view->get("do"))
            out.effects = effects(r, *v);
        if (const auto v = view->get("next"))
            out.next = target(r, *v, "the next of " + what);
        return out;
    }

    Option option(Reader& r, const YamlNode& yaml, const std::string& what, bool isFallback)
    {
        Option out;
        out.where = r.at(yaml);
        const auto view = r.map(yaml, what, isFallback ? FormatObject::Fallback : FormatObject::Option);
        if (!view)
            return out;
        if (const auto v = view->get("text"))
            out.text = textTemplate(r, *v, "the text of " + what);
        if (const auto v = view->get("if"))
            out.condition = condition(r, *v);
        if (const auto v = view->get("unavailable")) {
            out.unavailableReason = r.text(*v, "unavailable reason");
            if (!view->has("if"))
                r.warning(
                    *v, DiagnosticCode::UnavailableWithoutIf,
                    "'unavailable' is only shown when an 'if' condition fails, and this option has no 'if'");
        }
        if (const auto v = view->get("once"))
            out.once = r.boolean(*v, "once").value_or(false);
        out.then = consequence(r, *view, what);
        return out;
    }

    ChoiceNode choice(Reader& r, const YamlNode& yaml, const std::string& what)
    {
        ChoiceNode out;
        const auto view = r.map(yaml, what, FormatObject::ChoiceNode);
        if (!view)
            return out;
        if (const auto v = view->get("prompt"))
            out.prompt = textTemplate(r, *v, "the prompt of " + what);
        if (const auto v = view->get("shuffle"))
            out.shuffle = r.boolean(*v, "shuffle").value_or(false);
        if (const auto v = view->get("positions"))
            out.positions = positions(r, *v, what);
        if (const auto v = view->get("options")) {
            if (!v->isSequence() || v->size() == 0) {
                r.error(*v, DiagnosticCode::WrongKindOfValue,
                        "the options of " + what + " must be a non-empty list, but they are " + describe(*v));
            } else if (v->size() > limits::maxOptions) {
                r.error(*v, DiagnosticCode::ValueNotAllowed,
                        what + " has " + std::to_string(v->size()) + " options; at most " +
                            std::to_string(limits::maxOptions) + " (keys 1-9)");
            } else {
                std::size_t n = 0;
                for (const auto& item : *v)
                    out.options.push_back(
                        option(r, item, "option " + std::to_string(++n) + " of " + what, false));
            }
        }
        if (const auto v = view->get("fallback"))
            out.fallback = option(r, *v, "the fallback of " + what, true);
        return out;
    }

    ResponseMatch responseMatch(Reader& r, const YamlNode& yaml, const std::string& what)
    {
        ResponseMatch out;
        const auto view = r.map(yaml, "the match of " + what, FormatObject::Match);
        if (!view)
            return out;
        auto phrases = [&](const char* key, std::vector<std::string>& into) {
            if (const auto v = view->get(key)) {
                into = r.textList(*v, std::string("'") + key + "'");
                for (auto& phrase : into) {
                    std::transform(phrase.begin(), phrase.end(), phrase.begin(),
                                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                    if (phrase.find_first_not_of(" \t") == std::string::npos)
                        r.error(*v, DiagnosticCode::ValueNotAllowed,
                                std::string("an empty phrase in '") + key + "' would match every answer");
                }
            }
        };
        phrases("any", out.any);
        phrases("all", out.all);
        phrases("none", out.none);
        const std::vector<std::string>& acts = fixedWords(FixedWords::Act).words;
        if (const auto v = view->get("acts"))
            for (const auto& item : r.list(*v, "acts"))
                if (const auto act = r.oneOf(item, "act", acts))
                    out.acts.push_back(static_cast<Act>(*act));
        if (const auto v = view->get("tags"))
            for (const auto& item : r.list(*v, "tags"))
                if (const auto tag = r.text(item, "tag")) {
                    if (isTag(*tag))
                        out.tags.push_back(*tag);
                    else
                        r.error(item, DiagnosticCode::ValueNotAllowed,
                                "unknown tag '" + *tag + "'" +
                                    didYouMean(closestMatch(*tag, fixedWords(FixedWords::Tag).words)));
                }
        const auto scores = [&](const char* key, std::vector<std::pair<std::size_t, double>>& into) {
            const auto v = view->get(key);
            if (!v)
                return;
            const auto sv = r.map(*v, std::string("'") + key + "'", FormatObject::MatchScores);
            if (!sv)
                return;
            for (const auto& [principle, value] : sv->entries) {
                const auto index = m_scenario.findPrinciple(principle);
                if (!index) {
                    r.error(value, DiagnosticCode::UnknownPrinciple,
                            "unknown principle '" + principle + "' in '" + key + "'");
                    continue;
                }
                if (const auto n = r.number(value, std::string("'") + key + "' for '" + principle + "'"))
                    into.emplace_back(*index, *n);
            }
        };
        scores("at_least", out.atLeast);
        scores("at_most", out.atMost);
        // Empty as written: a list whose entries were all wrong (an unknown act) is reported
        // entry by entry, not as an empty match as well.
        const bool nothingGiven =
            std::none_of(view->entries.begin(), view->entries.end(), [](const auto& entry) {
                const YamlNode& value = entry.second;
                return value.isScalar() || ((value.isSequence() || value.isMap()) && value.size() > 0);
            });
        if (nothingGiven) {
            std::vector<std::string> keys;
            for (const auto& key : formatKeys(FormatObject::Match).allowed)
                keys.push_back("'" + key + "'");
            r.error(yaml, DiagnosticCode::MissingRequiredKey,
                    "the match of " + what + " is empty; give " + joined(keys));
        }
        return out;
    }

    RespondNode respond(Reader& r, const YamlNode& yaml, const std::string& what)
    {
        RespondNode out;
        const auto view = r.map(yaml, what, FormatObject::RespondNode);
        if (!view)
            return out;
        if (const auto v = view->get("speaker"))
            out.speaker = characterRef(r, *v, "the speaker of " + what);
        if (const auto v = view->get("prompt"))
            out.prompt = textTemplate(r, *v, "the prompt of " + what);
        if (const auto v = view->get("model_answer"))
            out.modelAnswer = r.text(*v, "model answer").value_or("");
        if (const auto v = view->get("positions"))
            out.positions = positions(r, *v, what);
        if (const auto v = view->get("routes")) {
            if (!v->isSequence()) {
                r.error(*v, DiagnosticCode::WrongKindOfValue,
                        "the routes of " + what + " must be a list, but they are " + describe(*v));
            } else {
                std::size_t n = 0;
                for (const auto& item : *v) {
                    const std::string routeWhat = "route " + std::to_string(++n) + " of " + what;
                    const auto rv = r.map(item, routeWhat, FormatObject::Route);
                    if (!rv)
                        continue;
                    Route route;
                    route.where = r.at(item);
                    route.label = "route " + std::to_string(n);
                    if (const auto label = rv->get("label"))
                        route.label = r.text(*label, "label").value_or(route.label);
                    if (const auto m = rv->get("match"))
                        route.match = responseMatch(r, *m, routeWhat);
                    if (const auto c = rv->get("if"))
                        route.condition = condition(r, *c);
                    route.then = consequence(r, *rv, routeWhat);
                    out.routes.push_back(std::move(route));
                }
            }
        }
        if (const auto v = view->get("otherwise")) {
            if (const auto ov = r.map(*v, "the otherwise of " + what, FormatObject::Otherwise))
                out.otherwise = consequence(r, *ov, "the otherwise of " + what);
        }
        return out;
    }

    BranchNode branch(Reader& r, const YamlNode& yaml, const std::string& what)
    {
        BranchNode out;
        const auto view = r.map(yaml, what, FormatObject::BranchNode);
        if (!view)
            return out;
        if (const auto v = view->get("cases")) {
            if (!v->isSequence() || v->size() == 0) {
                r.error(*v, DiagnosticCode::WrongKindOfValue,
                        "the cases of " + what + " must be a non-empty list, but they are " + describe(*v));
            } else {
                std::size_t n = 0;
                for (const auto& item : *v) {
                    const std::string caseWhat = "case " + std::to_string(++n) + " of " + what;
                    const auto cv = r.map(item, caseWhat, FormatObject::Case);
                    if (!cv)
                        continue;
                    std::optional<Expression> cond;
                    if (const auto c = cv->get("if"))
                        cond = condition(r, *c);
                    std::size_t to = 0;
                    if (const auto g = cv->get("goto"))
                        to = target(r, *g, "the goto of " + caseWhat);
                    if (cond)
                        out.cases.push_back({std::move(*cond), to, r.at(item)});
                }
            }
        }
        if (const auto v = view->get("else"))
            out.otherwise = target(r, *v, "the else of " + what);
        return out;
    }

    EndNode ending(Reader& r, const YamlNode& yaml, const std::string& what)
    {
        EndNode out;
        const auto view = r.map(yaml, what, FormatObject::EndNode);
        if (!view)
            return out;
        if (const auto v = view->get("outcome"))
            if (const auto o = r.oneOf(*v, "outcome", fixedWords(FixedWords::Outcome).words))
                out.outcome = static_cast<Outcome>(*o);
        if (const auto v = view->get("title"))
            out.title = r.text(*v, "title").value_or("");
        if (const auto v = view->get("debrief"))
            out.debrief = textTemplate(r, *v, "the debrief of " + what);
        return out;
    }

    Diagnostics& m_diag;
    Scenario m_scenario;
    SourceLocation m_frameworkWhere;                  ///< the 'framework:' key of the one framework
    std::optional<CommonLanguage> m_languageOverride; ///< a top-level `language:`, if any
    SourceLocation m_languageWhere;                   ///< its key
    SourceLocation m_kindWhere;      ///< the scenario's 'kind', where panel problems are reported
    SourceLocation m_moderatorWhere; ///< the 'moderator:' key, if given
    std::vector<std::string> m_nodeIds;
    std::vector<YamlNode> m_nodeYaml;
    struct PendingScoring {
        YamlNode node;
        const Document* doc;
    };
    std::vector<PendingScoring> m_pendingScoring;
    bool m_moderatorGiven = false;
};

/// FNV-1a over the texts of all files: changes whenever any of them is edited.
std::string fingerprintOf(const std::vector<const Document*>& docs)
{
    std::uint64_t hash = 14695981039346656037ull;
    for (const auto* doc : docs)
        for (const char c : doc->text) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ull;
        }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
    return out;
}

/// The declaration sections of an included file (its keys were checked when it was read).
MapView declarationsOf(const Document& inc)
{
    const auto& keys = formatKeys(FormatObject::IncludedFile).allowed;
    MapView view;
    for (auto it = inc.root.begin(); it != inc.root.end(); ++it)
        if (it->first.isScalar() && it->first.scalar() != "include" &&
            std::find(keys.begin(), keys.end(), it->first.scalar()) != keys.end()) {
            view.entries.emplace_back(it->first.scalar(), it->second);
            view.keys.push_back(it->first);
        }
    return view;
}

/// Reads the includes of a non-scenario file (framework, cast, variables) and declares their
/// contents and the file's own into `builder`. The documents are returned because the builder
/// keeps pointers into them.
std::vector<Document> declareWithIncludes(const Document& doc, const MapView& view,
                                          const LoadOptions& options, Diagnostics& diagnostics,
                                          Builder& builder)
{
    const fs::path root =
        options.libraryRoot ? canonicalOrAsWritten(*options.libraryRoot) : defaultLibraryRoot(doc.path);
    std::vector<Document> includes;
    if (const auto list = view.get("include"))
        IncludeReader(diagnostics, root).collect(doc, *list, includes);
    for (const auto& inc : includes)
        builder.declare(inc, declarationsOf(inc));
    builder.declare(doc, view);
    return includes;
}

/// One cause, said once: when the framework is missing, every use of a principle is "unknown",
/// and when an include cannot be read, every name it would have declared is. Like a compiler,
/// report the cause with its fix and leave out what follows from it, with a count.
void suppressCascades(Diagnostics& diag)
{
    const auto isCode = [](DiagnosticCode code) {
        return [code](const Diagnostic& d) { return d.code == code; };
    };
    if (auto* missingFramework = diag.first(DiagnosticCode::NoFramework)) {
        const auto cause = missingFramework->where;
        const auto left = diag.removeIf(isCode(DiagnosticCode::UnknownPrinciple));
        if (left > 0)
            if (auto* again = diag.first(DiagnosticCode::NoFramework); again && again->where == cause)
                again->message += " (" + std::to_string(left) + (left == 1 ? " use" : " uses") +
                                  " of principles not checked; fix this first)";
    }
    for (const auto code : {DiagnosticCode::IncludeNotFound, DiagnosticCode::IncludeCycleOrTooDeep,
                            DiagnosticCode::PathLeavesLibrary}) {
        if (!diag.first(code))
            continue;
        const auto left = diag.removeIf([](const Diagnostic& d) {
            return d.code == DiagnosticCode::UnknownCharacter || d.code == DiagnosticCode::UnknownPrinciple ||
                   d.code == DiagnosticCode::UnknownVariableInText ||
                   d.code == DiagnosticCode::UnknownVariable;
        });
        if (left > 0)
            diag.first(code)->message += " (" + std::to_string(left) + (left == 1 ? " error" : " errors") +
                                         " about names it may declare left out; fix this first)";
        break;
    }
}

LoadResult loadDocument(const Document& doc, const LoadOptions& options)
{
    LoadResult result;
    Diagnostics& diag = result.diagnostics;
    std::error_code ec;
    result.sources.push_back(fs::weakly_canonical(doc.path, ec));
    Reader reader(doc, diag);
    const auto view = reader.map(doc.root, "the scenario file", FormatObject::ScenarioFile);
    if (!view) {
        diag.sortByLocation();
        return result;
    }
    const fs::path root =
        options.libraryRoot ? canonicalOrAsWritten(*options.libraryRoot) : defaultLibraryRoot(doc.path);
    std::vector<Document> includes;
    if (const auto list = view->get("include"))
        IncludeReader(diag, root).collect(doc, *list, includes);
    for (const auto& inc : includes)
        result.sources.push_back(inc.path);

    Builder builder(diag);
    for (const auto& inc : includes)
        builder.declare(inc, declarationsOf(inc));
    builder.declare(doc, *view);
    auto scenario = builder.build(doc, *view);
    suppressCascades(diag);
    if (scenario) {
        std::vector<const Document*> all{&doc};
        for (const auto& inc : includes)
            all.push_back(&inc);
        scenario->fingerprint = fingerprintOf(all);
        if (options.validate)
            diag.append(validate(*scenario));
        if (!diag.hasErrors()) {
            scenario->steps = std::make_shared<const StepProgram>(StepProgram::compile(*scenario));
            result.scenario = std::move(scenario);
        }
    }
    diag.sortByLocation();
    return result;
}

} // namespace

// ---- 5. Entry points ------------------------------------------------------------------------

LoadResult loadScenarioText(std::string_view text, const std::string& displayName,
                            const std::filesystem::path& baseDirectory, const LoadOptions& options)
{
    LoadResult result;
    const fs::path path = fs::absolute(baseDirectory / fs::path(displayName).filename());
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3); // a byte order mark, as readSourceFile drops it
    auto doc = parseDocument(std::string(text), displayName, path, result.diagnostics);
    if (!doc)
        return result;
    return loadDocument(*doc, options);
}

LoadResult loadScenario(const std::filesystem::path& file, const LoadOptions& options)
{
    LoadResult result;
    auto doc = readDocument(file, result.diagnostics);
    if (!doc)
        return result;
    return loadDocument(*doc, options);
}

FrameworkLoadResult loadFramework(const std::filesystem::path& file, const LoadOptions& options)
{
    FrameworkLoadResult result;
    auto doc = readDocument(file, result.diagnostics);
    if (!doc)
        return result;
    Reader reader(*doc, result.diagnostics);
    if (const auto view = reader.map(doc->root, "a framework file", FormatObject::IncludedFile)) {
        Builder builder(result.diagnostics);
        const auto includes = declareWithIncludes(*doc, *view, options, result.diagnostics, builder);
        result.framework = builder.finishFramework(*doc);
    }
    result.diagnostics.sortByLocation();
    return result;
}

LintReport lintFile(const std::filesystem::path& file, const LoadOptions& options)
{
    LintReport report;
    auto doc = readDocument(file, report.diagnostics);
    if (!doc)
        return report;
    const YamlNode& top = doc->root; // const: operator[] on a mutable node would insert
    if (top["scenario"]) {
        auto loaded = loadDocument(*doc, options);
        report.diagnostics = std::move(loaded.diagnostics);
        report.scenario = std::move(loaded.scenario);
        report.sources = std::move(loaded.sources);
        return report;
    }
    if (top["curriculum"]) {
        report.role = FileRole::Curriculum;
        auto curriculum = loadCurriculum(file);
        report.diagnostics = std::move(curriculum.diagnostics);
        report.curriculum = std::move(curriculum.curriculum);
        return report;
    }
    // An include on its own: check its keys and declarations; references resolve later.
    report.role = FileRole::Include;
    Reader reader(*doc, report.diagnostics);
    if (const auto view = reader.map(doc->root, "an included file", FormatObject::IncludedFile)) {
        report.declaresNothing = view->entries.empty();
        Builder builder(report.diagnostics);
        const auto includes = declareWithIncludes(*doc, *view, options, report.diagnostics, builder);
    }
    report.diagnostics.sortByLocation();
    return report;
}

} // namespace sparring::core
