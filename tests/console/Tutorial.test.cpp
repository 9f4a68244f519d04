// The authoring guide's tutorial (scenarios/README.md, "Tutorial: your first role-play") is applied
// step by step and every step is checked, so the documentation cannot rot: what a new author copies
// from the guide lints, analyses and plays as the guide says.
//
// The snippet convention. In the tutorial's section (from its `## ` heading to the next one), every
// fenced block whose info string is `yaml` (or `yml`) must follow, on the line before its fence, a
// marker `<!-- tutorial: VERB ARGS -->`; a marker must be followed by a fenced block. The verbs:
//   start ARGS        yaml: the arguments of `sparring new` (`roleplay ID --dir DIR`, DIR relative to
//                     the library, where the author stands). The test runs the real `sparring new`
//                     in a scratch library holding the shipped framework; the block must be part of
//                     what it writes (the whole file, or lines of it in a row). Only the first yaml
//                     step, and only once.
//   merge             yaml: a step. The block is a YAML map merged into the file as it stands:
//                     - `nodes:` and `variables:` are maps merged entry by entry: an id the file
//                       lacks is added whole; for an id it has, each key given replaces the file's
//                       (a key given as `~` is deleted), keys not given stay; an id given as `~` is
//                       deleted. A value that is not a map (on either side) replaces the entry.
//                     - `cast:` is a list merged the same way, entry by entry by `id` (new ids are
//                       appended).
//                     - any other top-level key replaces the file's (`~` deletes it).
//                     Deleting what the file does not have is an error in the snippet (it has gone
//                     stale). The merged file must then lint and analyse with no diagnostic at all,
//                     and play to each of its endings by the shortest path analyze prints.
//   expect CODE...    yaml: a merge whose result must report each CODE (lint or analyze) and no
//                     other diagnostic; its endings are not played.
//   script ENDING     another block: answers, one a line, for `play --script`; played on the file as
//                     it stands (with the scorer's models, as an author plays), it must end at ENDING.
//   shows lint|analyze  another block: output of that command on the file as it stands; each line
//                     shown must be a line it prints, with `…` matching any text and file names
//                     relative to the library (as when run from `scenarios/`).
// The merged file is written back with yaml-cpp (comments are lost; quoted scalars stay quoted).
// Every failure names the README line of the step's marker.
//
// Sections: extracting the steps; merging a snippet; running the steps; the tests.

#include "TestSupport.hpp"
#include "console/Analyze.hpp"
#include "console/Commands.hpp"
#include "console/Lint.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

const std::string kReadme = "scenarios/README.md";
const std::string kHeading = "## Tutorial: your first role-play";

// ---- extracting the steps --------------------------------------------------------------------

enum class StepKind { Start, Merge, Script, Shows };

/// One marked block of the tutorial.
struct Step {
    StepKind kind = StepKind::Merge;
    std::size_t line = 0;            ///< the marker's line in the markdown (1-based)
    std::vector<std::string> args;   ///< start: `sparring new`'s; script: the ending; shows: the command
    std::vector<std::string> expect; ///< codes an `expect` step must produce
    std::string body;                ///< the block's text, each line ending in '\n'
};

struct Tutorial {
    std::vector<Step> steps;
    std::vector<std::string> problems; ///< "README.md:LINE: what is wrong"
};

std::vector<std::string> wordsOf(const std::string& text)
{
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string word; in >> word;)
        words.push_back(word);
    return words;
}

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return "";
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::string at(const std::string& source, std::size_t line)
{
    return source + ":" + std::to_string(line) + ": ";
}

/// The marked blocks of the section under `heading` in `markdown`, or what is wrong with them.
/// `source` names the file in the problems.
Tutorial extractTutorial(const std::string& markdown, const std::string& source,
                         const std::string& heading = kHeading)
{
    Tutorial tutorial;
    std::vector<std::string> lines;
    {
        std::istringstream in(markdown);
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
    }
    std::size_t begin = 0;
    while (begin < lines.size() && trimmed(lines[begin]) != heading)
        ++begin;
    if (begin == lines.size()) {
        tutorial.problems.push_back(source + ": there is no '" + heading + "' section");
        return tutorial;
    }
    struct Marker {
        std::size_t line;
        std::string text;
    };
    std::optional<Marker> marker; // waiting for its block
    bool startSeen = false;
    bool yamlSeen = false;
    const std::regex markerPattern(R"(^<!--\s*tutorial:\s*(.*?)\s*-->$)");
    for (std::size_t i = begin + 1; i < lines.size() && lines[i].rfind("## ", 0) != 0; ++i) {
        const std::string line = trimmed(lines[i]);
        const std::size_t number = i + 1;
        std::smatch match;
        if (std::regex_match(line, match, markerPattern)) {
            if (marker)
                tutorial.problems.push_back(at(source, marker->line) +
                                            "this tutorial marker is not followed by a fenced block");
            marker = Marker{number, match[1]};
            continue;
        }
        if (line.rfind("```", 0) != 0) {
            if (!line.empty() && marker) {
                tutorial.problems.push_back(at(source, marker->line) +
                                            "this tutorial marker is not followed by a fenced block");
                marker.reset();
            }
            continue;
        }
        // A fenced block: its info string, its body up to the closing fence.
        const std::string info = trimmed(line.substr(3));
        std::string body;
        std::size_t end = i + 1;
        while (end < lines.size() && trimmed(lines[end]) != "```")
            body += lines[end++] + "\n";
        if (end == lines.size()) {
            tutorial.problems.push_back(at(source, number) + "this fenced block is never closed");
            return tutorial;
        }
        const bool yaml = info == "yaml" || info == "yml";
        const auto taken = marker;
        marker.reset();
        i = end;
        if (!taken) {
            if (yaml)
                tutorial.problems.push_back(
                    at(source, number) +
                    "a yaml block in the tutorial has no marker: put <!-- tutorial: merge --> (or start, "
                    "expect CODE) on the line before it (see tests/console/Tutorial.test.cpp)");
            continue;
        }
        auto words = wordsOf(taken->text);
        Step step;
        step.line = taken->line;
        step.body = body;
        const std::string verb = words.empty() ? "" : words.front();
        if (!words.empty())
            words.erase(words.begin());
        const auto refuse = [&](const std::string& why) {
            tutorial.problems.push_back(at(source, taken->line) + why);
        };
        if (verb == "start" || verb == "merge" || verb == "expect") {
            if (!yaml) {
                refuse("'" + verb + "' marks a yaml block, but this block is '" + info + "'");
                continue;
            }
            if (verb == "start") {
                if (yamlSeen || startSeen) {
                    refuse("'start' must be the tutorial's first yaml step, and come once");
                    continue;
                }
                step.kind = StepKind::Start;
                step.args = words;
                startSeen = true;
            } else {
                if (!startSeen) {
                    refuse("'" + verb + "' comes before the 'start' step, so there is no file to merge into");
                    continue;
                }
                if (verb == "expect" && words.empty()) {
                    refuse(
                        "'expect' needs the diagnostic codes the step must produce, as in 'expect SP0501'");
                    continue;
                }
                if (verb == "merge" && !words.empty()) {
                    refuse("'merge' takes no arguments");
                    continue;
                }
                step.kind = StepKind::Merge;
                step.expect = words;
            }
            yamlSeen = true;
        } else if (verb == "script" || verb == "shows") {
            if (yaml) {
                refuse("'" + verb + "' marks a text block, not a yaml one");
                continue;
            }
            if (!startSeen) {
                refuse("'" + verb + "' comes before the 'start' step, so there is no file yet");
                continue;
            }
            if (verb == "script" && words.size() != 1) {
                refuse("'script' needs the id of the ending it must reach, as in 'script end_good'");
                continue;
            }
            if (verb == "shows" && (words.size() != 1 || (words[0] != "lint" && words[0] != "analyze"))) {
                refuse("'shows' needs the command whose output it is: 'shows lint' or 'shows analyze'");
                continue;
            }
            step.kind = verb == "script" ? StepKind::Script : StepKind::Shows;
            step.args = words;
        } else {
            refuse("unknown tutorial marker '" + taken->text +
                   "'; use start, merge, expect, script or shows");
            continue;
        }
        tutorial.steps.push_back(std::move(step));
    }
    if (marker)
        tutorial.problems.push_back(at(source, marker->line) +
                                    "this tutorial marker is not followed by a fenced block");
    return tutorial;
}

// ---- merging a snippet -----------------------------------------------------------------------

std::string keyOf(const YAML::Node& key)
{
    return key.IsScalar() ? key.Scalar() : "?";
}

/// Merges `from`'s keys into the map `into`, one by one; a key given as `~` is deleted.
std::optional<std::string> mergeKeys(YAML::Node into, const YAML::Node& from, const std::string& what)
{
    for (const auto& entry : from) {
        const auto key = keyOf(entry.first);
        if (entry.second.IsNull()) {
            if (!into.remove(key))
                return "deletes '" + key + "' of " + what + ", which it does not have";
        } else {
            into[key] = YAML::Clone(entry.second);
        }
    }
    return std::nullopt;
}

/// Adds, changes or deletes one entry (`~`) of a map section.
std::optional<std::string> mergeEntry(YAML::Node section, const std::string& id, const YAML::Node& value,
                                      const std::string& kind)
{
    const YAML::Node& existing = static_cast<const YAML::Node&>(section)[id];
    if (value.IsNull()) {
        if (!existing.IsDefined())
            return "deletes " + kind + " '" + id + "', which the file does not have";
        section.remove(id);
        return std::nullopt;
    }
    if (existing.IsDefined() && existing.IsMap() && value.IsMap())
        return mergeKeys(section[id], value, kind + " '" + id + "'");
    section[id] = YAML::Clone(value);
    return std::nullopt;
}

/// Applies `snippet` to `file` by the convention in this file's header; says what is wrong with the
/// snippet when it cannot be applied.
std::optional<std::string> mergeSnippet(YAML::Node& file, const YAML::Node& snippet)
{
    if (!snippet.IsMap())
        return std::string("the snippet must be a map of top-level sections, such as 'nodes:'");
    for (const auto& section : snippet) {
        const auto name = keyOf(section.first);
        const YAML::Node& given = section.second;
        const YAML::Node& existing = static_cast<const YAML::Node&>(file)[name];
        if (name == "nodes" || name == "variables") {
            if (!given.IsMap())
                return "'" + name + ":' in a snippet must be a map of ids";
            if (!existing.IsDefined())
                file[name] = YAML::Node(YAML::NodeType::Map);
            else if (!existing.IsMap())
                return "merges into '" + name + ":', but the file's '" + name + ":' is not a map";
            const std::string kind = name == "nodes" ? "node" : "variable";
            for (const auto& entry : given)
                if (auto problem = mergeEntry(file[name], keyOf(entry.first), entry.second, kind))
                    return problem;
        } else if (name == "cast") {
            if (!given.IsSequence())
                return std::string("'cast:' in a snippet must be a list of characters");
            if (!existing.IsDefined())
                file[name] = YAML::Node(YAML::NodeType::Sequence);
            else if (!existing.IsSequence())
                return std::string("merges into 'cast:', but the file's 'cast:' is not a list");
            for (const auto& character : given) {
                if (!character.IsMap() || !character["id"].IsScalar())
                    return std::string("every character in a snippet's 'cast:' needs an 'id'");
                const auto id = character["id"].Scalar();
                YAML::Node cast = file[name];
                bool found = false;
                for (std::size_t i = 0; i < cast.size(); ++i) {
                    const YAML::Node& present = static_cast<const YAML::Node&>(cast)[i];
                    if (present.IsMap() && present["id"].IsScalar() && present["id"].Scalar() == id) {
                        if (auto problem = mergeKeys(cast[i], character, "character '" + id + "'"))
                            return problem;
                        found = true;
                    }
                }
                if (!found)
                    cast.push_back(YAML::Clone(character));
            }
        } else if (given.IsNull()) {
            if (!file.remove(name))
                return "deletes the section '" + name + "', which the file does not have";
        } else {
            file[name] = YAML::Clone(given);
        }
    }
    return std::nullopt;
}

/// Writes `node` as YAML, keeping quoted scalars quoted (a quoted "2" stays text).
void emit(YAML::Emitter& out, const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        out << YAML::BeginMap;
        for (const auto& entry : node) {
            out << YAML::Key;
            emit(out, entry.first);
            out << YAML::Value;
            emit(out, entry.second);
        }
        out << YAML::EndMap;
        break;
    case YAML::NodeType::Sequence:
        out << YAML::BeginSeq;
        for (const auto& item : node)
            emit(out, item);
        out << YAML::EndSeq;
        break;
    case YAML::NodeType::Scalar:
        if (node.Tag() == "!")
            out << YAML::DoubleQuoted << node.Scalar();
        else
            out << node.Scalar();
        break;
    default:
        out << YAML::Null;
    }
}

std::string toYaml(const YAML::Node& node)
{
    YAML::Emitter out;
    emit(out, node);
    return std::string(out.c_str()) + "\n";
}

// ---- running the steps -----------------------------------------------------------------------

/// The data the build stages beside its executables, with the scorer's trained models.
console::Installation staged()
{
    return {modelDirectory().parent_path()};
}

/// Plays `script` on `scenario` as `sparring play --script` does; returns the ending reached, or
/// says why there is none in `problem`.
std::string playTo(const TempLibrary& library, const fs::path& scenario, const std::string& script,
                   const console::Installation& installation, std::string& problem)
{
    const auto scriptFile = library.root().parent_path() / "answers.txt";
    const auto transcript = library.root().parent_path() / "transcript.json";
    std::ofstream(scriptFile, std::ios::binary) << script;
    fs::remove(transcript);
    console::PlayCommand command;
    command.scenario = scenario.string();
    command.script = scriptFile.string();
    command.transcript = transcript.string();
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    const auto code = console::runPlay(command, in, out, err, installation, nullptr);
    if (code != console::ExitCode::Done) {
        problem = "play stops with exit status " + std::to_string(static_cast<int>(code)) + ":\n" + err.str();
        return "";
    }
    const auto json = nlohmann::json::parse(readFile(transcript), nullptr, false);
    if (json.is_discarded() || !json.contains("ending") || !json["ending"].is_string()) {
        problem = "play reaches no ending:\n" + out.str();
        return "";
    }
    return json["ending"].get<std::string>();
}

/// `text` with the library's path taken off the file names, as an author in `scenarios/` sees it.
std::string relativeToLibrary(std::string text, const TempLibrary& library)
{
    const std::string prefix = library.root().string() + "/";
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
        text.erase(at, prefix.size());
    return text;
}

/// Whether `output` has a line that `shown` describes (`…` matches any text).
bool showsLine(const std::string& output, const std::string& shown)
{
    std::string pattern;
    const std::string ellipsis = "…";
    for (std::size_t i = 0; i < shown.size();) {
        if (shown.compare(i, ellipsis.size(), ellipsis) == 0) {
            pattern += ".*";
            i += ellipsis.size();
            continue;
        }
        const char c = shown[i++];
        if (std::string("\\^$.|?*+()[]{}").find(c) != std::string::npos)
            pattern += '\\';
        pattern += c;
    }
    const std::regex line(pattern);
    std::istringstream in(output);
    for (std::string printed; std::getline(in, printed);)
        if (std::regex_match(printed, line))
            return true;
    return false;
}

/// Runs the tutorial's steps in `library` (which must hold the framework) and returns every
/// failure, each naming the step's line in `source`.
class TutorialRunner {
public:
    TutorialRunner(const TempLibrary& library, std::string source, console::Installation installation)
        : m_library(library), m_source(std::move(source)), m_installation(std::move(installation))
    {
    }

    std::vector<std::string> run(const std::vector<Step>& steps)
    {
        for (const auto& step : steps) {
            const auto before = m_failures.size();
            switch (step.kind) {
            case StepKind::Start:
                start(step);
                break;
            case StepKind::Merge:
                merge(step);
                break;
            case StepKind::Script:
                script(step);
                break;
            case StepKind::Shows:
                shows(step);
                break;
            }
            if ((step.kind == StepKind::Start || step.kind == StepKind::Merge) &&
                m_failures.size() > before && m_file.empty())
                break; // no file to go on with
        }
        return m_failures;
    }

private:
    void fail(const Step& step, const std::string& what)
    {
        m_failures.push_back(at(m_source, step.line) + what);
    }

    void start(const Step& step)
    {
        const auto& args = step.args;
        if (args.size() != 4 || args[2] != "--dir") {
            fail(step, "'start' takes the arguments of sparring new: KIND ID --dir DIR");
            return;
        }
        std::ostringstream out;
        std::ostringstream err;
        const auto dir = m_library.root() / args[3];
        if (console::runNew({args[0], args[1], dir.string()}, out, err) != console::ExitCode::Done) {
            fail(step,
                 "sparring new " + args[0] + " " + args[1] + " --dir " + args[3] + " fails: " + err.str());
            return;
        }
        m_file = dir / (args[1] + ".yaml");
        const auto written = readFile(m_file);
        if (written.find(step.body) == std::string::npos) {
            std::istringstream in(step.body);
            std::string first;
            for (std::string line; std::getline(in, line);)
                if (written.find(line + "\n") == std::string::npos) {
                    first = line;
                    break;
                }
            fail(step, "the snippet is not part of what `sparring new " + args[0] + " " + args[1] +
                           "` writes" +
                           (first.empty() ? " (its lines are, but not in this order)"
                                          : "; it has no line '" + first + "'"));
        }
        m_state = YAML::Load(written);
        check(step);
    }

    void merge(const Step& step)
    {
        YAML::Node snippet;
        try {
            snippet = YAML::Load(step.body);
        } catch (const YAML::Exception& e) {
            fail(step,
                 "the snippet is not YAML: " + e.msg + " (its line " + std::to_string(e.mark.line + 1) + ")");
            return;
        }
        if (auto problem = mergeSnippet(m_state, snippet)) {
            fail(step, "the snippet cannot be applied: it " + *problem);
            return;
        }
        std::ofstream(m_file, std::ios::binary) << toYaml(m_state);
        check(step);
    }

    /// Lints and analyses the file as it stands: no diagnostics, or exactly the expected codes;
    /// with none expected, plays each ending by its shortest path.
    void check(const Step& step)
    {
        const auto lint = console::lintPaths({m_file}, {});
        const auto analysis = console::analyzePaths({m_file}, {}, {});
        std::vector<const core::Diagnostic*> found;
        for (const auto& d : lint.diagnostics.items())
            found.push_back(&d);
        for (const auto& s : analysis.scenarios)
            for (const auto& d : s.diagnostics.items())
                if (std::none_of(found.begin(), found.end(), [&](const auto* f) { return *f == d; }))
                    found.push_back(&d);
        std::set<std::string> codes;
        for (const auto* d : found) {
            const std::string code(core::codeString(d->code));
            codes.insert(code);
            if (std::find(step.expect.begin(), step.expect.end(), code) == step.expect.end())
                fail(step, "after this step, lint or analyze reports: " +
                               relativeToLibrary(core::format(*d), m_library));
        }
        for (const auto& code : step.expect)
            if (!codes.count(code))
                fail(step, "this step expects " + code + ", but lint and analyze do not report it");
        if (!step.expect.empty() || !found.empty() || analysis.scenarios.size() != 1)
            return;
        const console::Installation noModels{m_library.root() / "no-installation"};
        for (const auto& ending : analysis.scenarios[0].endings) {
            if (!ending.reached || ending.script.empty()) {
                fail(step, "analyze finds no path to ending '" + ending.id + "'");
                continue;
            }
            if (!ending.scriptNote.empty()) {
                fail(step, "the path to ending '" + ending.id + "' cannot be replayed: " + ending.scriptNote);
                continue;
            }
            std::string script;
            for (const auto& line : ending.script)
                script += line + "\n";
            std::string problem;
            const auto reached = playTo(m_library, m_file, script, noModels, problem);
            if (reached.empty())
                fail(step, "the shortest path to '" + ending.id +
                               "' does not reach it: " + relativeToLibrary(problem, m_library));
            else if (reached != ending.id)
                fail(step, "the shortest path to '" + ending.id + "' plays to '" + reached + "'");
        }
    }

    void script(const Step& step)
    {
        std::string problem;
        const auto reached = playTo(m_library, m_file, step.body, m_installation, problem);
        if (reached.empty())
            fail(step, "this script does not reach '" + step.args[0] +
                           "': " + relativeToLibrary(problem, m_library));
        else if (reached != step.args[0])
            fail(step, "this script plays to '" + reached + "', not to '" + step.args[0] + "'");
    }

    void shows(const Step& step)
    {
        std::ostringstream out;
        if (step.args[0] == "lint") {
            console::printLintHuman(out, console::lintPaths({m_file}, {}));
        } else {
            console::printAnalyzeHuman(out, console::analyzePaths({m_file}, {}, {}));
        }
        const auto printed = relativeToLibrary(out.str(), m_library);
        std::istringstream in(step.body);
        for (std::string line; std::getline(in, line);)
            if (!trimmed(line).empty() && !showsLine(printed, line))
                fail(step, "`sparring " + step.args[0] + "` prints no line like '" + line +
                               "'; it prints:\n" + printed);
    }

    const TempLibrary& m_library;
    std::string m_source;
    console::Installation m_installation;
    fs::path m_file;
    YAML::Node m_state;
    std::vector<std::string> m_failures;
};

/// A scratch library with the shipped framework, as an author's would have.
void stockLibrary(const TempLibrary& library)
{
    library.write("framework/default.yaml", readFile(sourceDir() / "scenarios/framework/default.yaml"));
}

/// Extracts and runs a tutorial written in `markdown`; the extraction's problems, then the run's.
std::vector<std::string> checkTutorial(const std::string& markdown, const std::string& source)
{
    auto tutorial = extractTutorial(markdown, source);
    if (!tutorial.problems.empty())
        return tutorial.problems;
    TempLibrary library;
    stockLibrary(library);
    return TutorialRunner(library, source, staged()).run(tutorial.steps);
}

std::string joined(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& line : lines)
        text += line + "\n";
    return text;
}

// ---- the tests -------------------------------------------------------------------------------

TEST(Tutorial, TheGuideHasOneWithEveryYamlBlockMarked)
{
    const auto tutorial = extractTutorial(readFile(sourceDir() / kReadme), kReadme);
    EXPECT_TRUE(tutorial.problems.empty()) << joined(tutorial.problems);
    std::size_t starts = 0;
    std::size_t merges = 0;
    std::size_t expects = 0;
    std::size_t scripts = 0;
    for (const auto& step : tutorial.steps) {
        starts += step.kind == StepKind::Start;
        merges += step.kind == StepKind::Merge && step.expect.empty();
        expects += step.kind == StepKind::Merge && !step.expect.empty();
        scripts += step.kind == StepKind::Script;
    }
    EXPECT_EQ(starts, 1u);
    EXPECT_GE(merges, 5u);
    EXPECT_EQ(expects, 1u); // the takeover that reaches the good ending
    EXPECT_GE(scripts, 2u);
}

TEST(Tutorial, EveryStepOfTheGuideLintsAnalysesAndPlays)
{
    const auto failures = checkTutorial(readFile(sourceDir() / kReadme), kReadme);
    EXPECT_TRUE(failures.empty()) << joined(failures);
}

// The checks can fail: each kind of rot in a small tutorial written here, with the report it gives.

const std::string kStart = R"(# Guide

## Tutorial: your first role-play

<!-- tutorial: start roleplay t --dir mine -->
```yaml
  id: t
  title: "A rep who wants you to step in"
```

)";

TEST(Tutorial, AnUnmarkedYamlBlockIsReportedWithItsLine)
{
    const auto tutorial =
        extractTutorial(kStart + "Then:\n\n```yaml\nnodes: {}\n```\n\n```\nsparring lint\n```\n", "guide.md");
    EXPECT_EQ(tutorial.problems,
              (std::vector<std::string>{
                  "guide.md:13: a yaml block in the tutorial has no marker: put <!-- tutorial: merge --> (or "
                  "start, expect CODE) on the line before it (see tests/console/Tutorial.test.cpp)"}));
}

TEST(Tutorial, MarkersOutOfPlaceAreReportedWithTheirLines)
{
    const auto tutorial = extractTutorial(R"(## Tutorial: your first role-play

<!-- tutorial: merge -->
```yaml
nodes: {}
```
<!-- tutorial: start roleplay t --dir mine -->
Some words.

<!-- tutorial: start roleplay t --dir mine -->
```yaml
a: 1
```
<!-- tutorial: merge SP0501 -->
```yaml
a: 1
```
<!-- tutorial: script -->
```text
1
```
<!-- tutorial: expect SP0501 -->
```text
1
```
<!-- tutorial: marge -->
```yaml
a: 1
```
<!-- tutorial: start roleplay u --dir mine -->
```yaml
a: 1
```

## Next section

```yaml
not: part of the tutorial
```
)",
                                          "guide.md");
    EXPECT_EQ(tutorial.problems,
              (std::vector<std::string>{
                  "guide.md:3: 'merge' comes before the 'start' step, so there is no file to merge into",
                  "guide.md:7: this tutorial marker is not followed by a fenced block",
                  "guide.md:14: 'merge' takes no arguments",
                  "guide.md:18: 'script' needs the id of the ending it must reach, as in 'script end_good'",
                  "guide.md:22: 'expect' marks a yaml block, but this block is 'text'",
                  "guide.md:26: unknown tutorial marker 'marge'; use start, merge, expect, script or shows",
                  "guide.md:30: 'start' must be the tutorial's first yaml step, and come once"}));
    EXPECT_EQ(tutorial.steps.size(), 1u); // the one good start
    EXPECT_EQ(
        extractTutorial("# Guide\n", "guide.md").problems,
        (std::vector<std::string>{"guide.md: there is no '## Tutorial: your first role-play' section"}));
}

TEST(Tutorial, SnippetsMergeEntryByEntry)
{
    auto file = YAML::Load(R"(scenario: {id: t, title: Old}
cast: [{id: rep, name: Sam, role: AE}]
variables: {trust: {type: int, min: 0, max: 9, initial: 1}}
nodes:
  a: {type: line, speaker: rep, text: Hi, next: b}
  b: {type: end, outcome: good, debrief: d}
)");
    const auto snippet = YAML::Load(R"(scenario: {id: t, title: New}
cast: [{id: rep, name: Leo}, {id: ana, name: Ana}]
variables: {trust: ~, plan: {type: bool, initial: false}}
nodes:
  a: {text: Hello, do: [plan = true]}
  b: ~
  c: {type: end, outcome: poor, debrief: e}
)");
    ASSERT_EQ(mergeSnippet(file, snippet), std::nullopt);
    EXPECT_EQ(toYaml(file), R"(scenario:
  id: t
  title: New
cast:
  - id: rep
    name: Leo
    role: AE
  - id: ana
    name: Ana
variables:
  plan:
    type: bool
    initial: false
nodes:
  a:
    type: line
    speaker: rep
    text: Hello
    next: b
    do:
      - plan = true
  c:
    type: end
    outcome: poor
    debrief: e
)");
    // A quoted scalar stays text when written back.
    EXPECT_EQ(toYaml(YAML::Load("a: \"2\"\nb: 2\n")), "a: \"2\"\nb: 2\n");
    // Deleting what is not there: the snippet has gone stale.
    EXPECT_EQ(mergeSnippet(file, YAML::Load("nodes: {b: ~}")),
              std::optional<std::string>("deletes node 'b', which the file does not have"));
    EXPECT_EQ(mergeSnippet(file, YAML::Load("nodes: {a: {mood: ~}}")),
              std::optional<std::string>("deletes 'mood' of node 'a', which it does not have"));
    EXPECT_EQ(
        mergeSnippet(file, YAML::Load("- a")),
        std::optional<std::string>("the snippet must be a map of top-level sections, such as 'nodes:'"));
}

TEST(Tutorial, AStepThatBreaksTheScenarioFailsWithItsLine)
{
    // A goto to a node that does not exist, and an expected SP0501 that does not come.
    const auto failures = checkTutorial(kStart + R"(<!-- tutorial: merge -->
```yaml
nodes:
  opening: {next: nowhere}
```

<!-- tutorial: expect SP0501 -->
```yaml
nodes:
  opening: {next: first_move}
```
)",
                                        "guide.md");
    ASSERT_EQ(failures.size(), 2u) << joined(failures);
    EXPECT_TRUE(std::regex_match(
        failures[0],
        std::regex("guide\\.md:11: after this step, lint or analyze reports: mine/t\\.yaml:\\d+:\\d+: "
                   "error: unknown node 'nowhere' in the next of node 'opening'.*\\[SP0101\\]")))
        << failures[0];
    EXPECT_EQ(failures[1], "guide.md:17: this step expects SP0501, but lint and analyze do not report it");
}

TEST(Tutorial, AStaleSnippetOrOutputOrScriptFailsWithItsLine)
{
    const auto failures = checkTutorial(R"(## Tutorial: your first role-play

<!-- tutorial: start roleplay t --dir mine -->
```yaml
  id: t
  title: "A rep who wants you to call"
```

<!-- tutorial: merge -->
```yaml
nodes:
  nobody: ~
```

<!-- tutorial: merge -->
```yaml
nodes: [not, a, map
```

<!-- tutorial: shows lint -->
```text
1 file checked (1 scenario, 0 included files): 0 errors, 1 warning
```

<!-- tutorial: script end_sam_owns_it -->
```text
2
@route asked
```
)",
                                        "guide.md");
    ASSERT_EQ(failures.size(), 5u) << joined(failures);
    EXPECT_EQ(failures[0],
              "guide.md:3: the snippet is not part of what `sparring new roleplay t` writes; it has no "
              "line '  title: \"A rep who wants you to call\"'");
    EXPECT_EQ(failures[1],
              "guide.md:9: the snippet cannot be applied: it deletes node 'nobody', which the file "
              "does not have");
    EXPECT_TRUE(failures[2].rfind("guide.md:15: the snippet is not YAML: ", 0) == 0) << failures[2];
    EXPECT_TRUE(
        failures[3].rfind("guide.md:20: `sparring lint` prints no line like '1 file checked (1 scenario, 0 "
                          "included files): 0 errors, 1 warning'; it prints:\n",
                          0) == 0)
        << failures[3];
    EXPECT_EQ(failures[4], "guide.md:25: this script plays to 'end_late_recovery', not to 'end_sam_owns_it'");
}

} // namespace
} // namespace sparring::test
