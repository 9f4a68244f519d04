#include "console/Analyze.hpp"

#include "JsonReport.hpp"
#include "console/Lint.hpp"

#include "core/Utf8.hpp"
#include "runtime/Session.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace sparring::console {

namespace fs = std::filesystem;

namespace {

/// Content (a file's name, a title, an id, a script line) as the human report prints it: through
/// the one rule for a terminal, core::terminalSafe, on one line.
std::string safe(std::string_view text)
{
    return core::terminalSafe(text, false);
}

std::string signedTotal(std::int64_t v)
{
    if (v == core::kUnboundedLow)
        return "-inf";
    if (v == core::kUnboundedHigh)
        return "+inf";
    return (v > 0 ? "+" : "") + std::to_string(v);
}

std::string minutes(double m)
{
    return std::to_string(static_cast<long>(std::lround(std::max(m, 0.0))));
}

/// "3-5", "3" when both ends are the same, "3-unlimited" when a loop has no end.
std::string range(const std::string& low, const std::optional<std::string>& high)
{
    if (!high)
        return low + "-unlimited";
    return *high == low ? low : low + "-" + *high;
}

/// The analysis of a file already loaded (its diagnostics, and the scenario when it has no errors).
ScenarioAnalysis analyseLoaded(const fs::path& file, const core::Diagnostics& loadDiagnostics,
                               const std::optional<core::Scenario>& loaded,
                               const core::PathAnalysisOptions& options)
{
    ScenarioAnalysis out;
    out.file = file.generic_string();
    out.diagnostics.append(loadDiagnostics);
    if (!loaded)
        return out;
    const auto& scenario = *loaded;
    out.analysed = true;
    out.paths = core::analysePaths(scenario, options);
    out.diagnostics.append(core::analysisDiagnostics(scenario, *out.paths));
    for (const auto& ending : out.paths->endings) {
        const auto& node = scenario.nodes[ending.node];
        const auto& end = std::get<core::EndNode>(node.body);
        EndingReport report;
        report.id = node.id;
        report.outcome = std::string(core::toString(end.outcome));
        report.title = end.title;
        report.reached = ending.reached;
        if (ending.reached) {
            for (std::size_t p = 0; p < scenario.framework.principles.size(); ++p)
                report.totals.push_back(
                    {scenario.framework.principles[p].id, ending.worst[p], ending.best[p]});
            report.script = scriptForPath(scenario, ending.shortest, report.scriptNote);
            if (!ending.shortestFound)
                report.scriptNote = "no path that gives the totals this ending's score() conditions need was "
                                    "found within the search's budget; play it by hand";
        }
        out.endings.push_back(std::move(report));
    }
    for (const auto& breach : out.paths->breaches) {
        BreachReport report{
            scenario.nodes[breach.ending].id, scenario.framework.principles[breach.principle].id, {}, {}};
        report.script = scriptForPath(scenario, breach.path, report.scriptNote);
        out.breaches.push_back(std::move(report));
    }
    return out;
}

} // namespace

bool AnalyzeSummary::hasErrors() const
{
    return std::any_of(scenarios.begin(), scenarios.end(),
                       [](const ScenarioAnalysis& s) { return s.diagnostics.hasErrors(); });
}

AnalyzeSummary analyzePaths(const std::vector<fs::path>& paths, const core::LoadOptions& loadOptions,
                            const core::PathAnalysisOptions& options)
{
    AnalyzeSummary summary;
    const auto refused = [&](const fs::path& path, const core::Diagnostics& why) {
        ScenarioAnalysis unusable;
        unusable.file = path.generic_string();
        unusable.diagnostics.append(why);
        summary.scenarios.push_back(std::move(unusable));
    };
    if (core::Diagnostics rootProblem; !libraryRootUsable(loadOptions, rootProblem)) {
        refused(*loadOptions.libraryRoot, rootProblem);
        return summary;
    }
    for (const auto& path : paths) {
        core::Diagnostics pathProblem;
        const auto found = filesOfPath(path, pathProblem);
        if (!found) {
            refused(path, pathProblem);
            continue;
        }
        if (found->folder) {
            for (const auto& file : found->files) {
                // Lint tells a scenario from an include, and loads the scenario while it is at it.
                const auto report = core::lintFile(file, loadOptions);
                if (report.role != core::FileRole::Scenario) {
                    ++summary.otherFilesSkipped; // includes and the curriculum hold no paths
                    continue;
                }
                summary.scenarios.push_back(
                    analyseLoaded(file, report.diagnostics, report.scenario, options));
            }
        } else {
            const auto loaded = core::loadScenario(path, loadOptions);
            summary.scenarios.push_back(analyseLoaded(path, loaded.diagnostics, loaded.scenario, options));
        }
    }
    return summary;
}

std::vector<std::string> scriptForPath(const core::Scenario& scenario,
                                       const std::vector<core::PathStep>& path, std::string& note)
{
    // Replayed in a session, so options are numbered as a trainee sees them (hidden ones left
    // out, disabled ones counted, shuffled ones in seed 1's order).
    std::vector<std::string> lines;
    runtime::SessionOptions options;
    options.keepHistory = false;
    runtime::Session session(std::make_shared<const core::Scenario>(scenario), options);
    for (const auto& step : path) {
        while (session.next()) {
        }
        if (session.state().cursor != step.node) {
            note = "with seed 1 a roll leads elsewhere before '" + scenario.nodes[step.node].id +
                   "'; try other seeds with --seed";
            return lines;
        }
        const auto& node = scenario.nodes[step.node];
        if (std::holds_alternative<core::ChoiceNode>(node.body)) {
            const auto& offered = session.state().offered;
            const auto it = std::find(offered.begin(), offered.end(), step.answer);
            if (it == offered.end()) {
                note = "with seed 1 the option is not offered at '" + node.id + "'";
                return lines;
            }
            const auto number = static_cast<std::size_t>(it - offered.begin()) + 1;
            lines.push_back(std::to_string(number));
            (void)session.choose(number);
        } else {
            const auto& prompt = std::get<core::RespondNode>(node.body);
            const std::string label =
                step.answer < prompt.routes.size() ? prompt.routes[step.answer].label : "otherwise";
            lines.push_back("@route " + label);
            (void)session.respondByRoute(label);
        }
    }
    return lines;
}

void printAnalyzeHuman(std::ostream& out, const AnalyzeSummary& summary)
{
    for (const auto& s : summary.scenarios)
        for (const auto& d : s.diagnostics.items())
            out << core::format(d) << "\n";
    for (const auto& s : summary.scenarios) {
        if (!s.analysed)
            continue;
        const auto& p = *s.paths;
        out << "\n"
            << safe(s.file) << ": " << p.states << " decision states" << (p.partial ? " (partial)" : "")
            << "; a play takes "
            << range(std::to_string(p.minDecisions),
                     p.maxDecisions ? std::optional(std::to_string(*p.maxDecisions)) : std::nullopt)
            << " decisions, about "
            << range(minutes(p.minMinutes),
                     p.maxMinutes ? std::optional(minutes(*p.maxMinutes)) : std::nullopt)
            << " minutes\n";
        for (const auto& e : s.endings) {
            out << "  ending " << safe(e.id) << " (" << safe(e.outcome) << ")";
            if (!e.title.empty())
                out << " \"" << safe(e.title) << "\"";
            if (!e.reached) {
                out << (p.partial ? ": not reached within the budget\n" : ": no path reaches it\n");
                continue;
            }
            out << "\n    totals, worst..best:";
            for (const auto& r : e.totals)
                out << " " << safe(r.principle) << " " << signedTotal(r.worst) << ".." << signedTotal(r.best);
            if (e.script.empty() && !e.scriptNote.empty()) {
                out << "\n    shortest path: not found (" << safe(e.scriptNote) << ")\n";
                continue;
            }
            out << "\n    shortest path (" << e.script.size()
                << (e.script.size() == 1 ? " decision" : " decisions") << "), for play --script:";
            for (const auto& line : e.script)
                out << (&line == &e.script.front() ? " " : " | ") << safe(line);
            if (!e.scriptNote.empty())
                out << " (" << safe(e.scriptNote) << ")";
            out << "\n";
        }
        for (const auto& b : s.breaches) {
            out << "  SP0501: ending " << safe(b.ending) << " reached with " << safe(b.principle)
                << " below zero, for play --script:";
            for (const auto& line : b.script)
                out << (&line == &b.script.front() ? " " : " | ") << safe(line);
            if (!b.scriptNote.empty())
                out << " (" << safe(b.scriptNote) << ")";
            out << "\n";
        }
    }
    std::size_t errors = 0;
    std::size_t warnings = 0;
    for (const auto& s : summary.scenarios) {
        errors += s.diagnostics.errorCount();
        warnings += s.diagnostics.warningCount();
    }
    out << "\n"
        << summary.scenarios.size() << (summary.scenarios.size() == 1 ? " scenario" : " scenarios")
        << " analysed";
    if (summary.otherFilesSkipped > 0)
        out << " (" << summary.otherFilesSkipped << (summary.otherFilesSkipped == 1 ? " file" : " files")
            << " without a scenario skipped)";
    out << ": " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
        << (warnings == 1 ? " warning" : " warnings") << "\n";
}

void printAnalyzeJson(std::ostream& out, const AnalyzeSummary& summary)
{
    using nlohmann::json;
    const auto total = [](std::int64_t v) -> json {
        if (v == core::kUnboundedLow)
            return "-inf";
        if (v == core::kUnboundedHigh)
            return "+inf";
        return v;
    };
    json scenarios = json::array();
    for (const auto& s : summary.scenarios) {
        json item{
            {"file", s.file}, {"analysed", s.analysed}, {"diagnostics", diagnosticsJson(s.diagnostics)}};
        if (s.analysed) {
            const auto& p = *s.paths;
            item["states"] = p.states;
            item["decisions_between_states"] = p.edges;
            item["partial"] = p.partial;
            item["plays"] = {{"decisions", {p.minDecisions, p.maxDecisions ? json(*p.maxDecisions) : json()}},
                             {"minutes",
                              {std::round(p.minMinutes * 10) / 10,
                               p.maxMinutes ? json(std::round(*p.maxMinutes * 10) / 10) : json()}}};
            json endings = json::array();
            for (const auto& e : s.endings) {
                json totals = json::object();
                for (const auto& r : e.totals)
                    totals[r.principle] = {{"worst", total(r.worst)}, {"best", total(r.best)}};
                json ending{{"id", e.id}, {"outcome", e.outcome}, {"title", e.title}, {"reached", e.reached}};
                if (e.reached) {
                    ending["totals"] = totals;
                    ending["shortest_script"] = e.script;
                    if (!e.scriptNote.empty())
                        ending["script_note"] = e.scriptNote;
                }
                endings.push_back(ending);
            }
            item["endings"] = endings;
            json breaches = json::array();
            for (const auto& b : s.breaches) {
                json breach{{"ending", b.ending}, {"principle", b.principle}, {"script", b.script}};
                if (!b.scriptNote.empty())
                    breach["script_note"] = b.scriptNote;
                breaches.push_back(breach);
            }
            item["breaches"] = breaches;
        }
        scenarios.push_back(item);
    }
    printJson(out, json{{"scenarios", scenarios}, {"errors", summary.hasErrors()}});
}

} // namespace sparring::console
