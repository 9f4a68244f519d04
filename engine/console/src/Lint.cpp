#include "console/Lint.hpp"

#include "JsonReport.hpp"
#include "core/Files.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>

namespace sparring::console {

namespace fs = std::filesystem;

namespace {

bool isYaml(const fs::path& p)
{
    const auto ext = p.extension().string();
    return ext == ".yaml" || ext == ".yml";
}

} // namespace

std::vector<fs::path> yamlFilesUnder(const fs::path& folder)
{
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it =
             fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) && isYaml(it->path()))
            files.push_back(it->path());
    std::sort(files.begin(), files.end());
    return files;
}

std::optional<PathFiles> filesOfPath(const fs::path& path, core::Diagnostics& diagnostics)
{
    const auto fail = [&](const std::string& why) {
        diagnostics.error({path.generic_string(), 0, 0}, core::DiagnosticCode::FileUnreadable, why);
        return std::nullopt;
    };
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (fs::is_directory(status)) {
        if (const auto problem = core::folderProblem(path))
            return fail("cannot read the folder: " + *problem);
        return PathFiles{yamlFilesUnder(path), true};
    }
    if (fs::exists(status))
        return PathFiles{{path}, false}; // a file that cannot be read is reported by its loader
    // A loop of symbolic links or a path too long is not "missing": say what the system says.
    if (!ec || ec == std::errc::no_such_file_or_directory)
        return fail("no such file or folder");
    const auto problem = core::folderProblem(path);
    return fail("cannot read it: " + problem.value_or(ec.message()));
}

bool libraryRootUsable(const core::LoadOptions& options, core::Diagnostics& diagnostics)
{
    if (!options.libraryRoot)
        return true;
    const auto problem = core::folderProblem(*options.libraryRoot);
    if (!problem)
        return true;
    diagnostics.error({options.libraryRoot->generic_string(), 0, 0}, core::DiagnosticCode::FileUnreadable,
                      "cannot use this folder as --root, the library root: " + *problem);
    return false;
}

namespace {

fs::path canonicalOf(const fs::path& file)
{
    std::error_code ec;
    return fs::weakly_canonical(file, ec);
}

/// Each included file's includers recorded, and SP0024 (when `warn`) for each that no scenario of
/// the run includes: what a file was taken for is only known once every scenario is loaded.
void relateIncludes(LintSummary& summary, const std::map<fs::path, std::vector<fs::path>>& sourcesOf,
                    const std::set<fs::path>& declaringNothing, bool warn)
{
    for (auto& file : summary.checked) {
        if (file.role != core::FileRole::Include)
            continue;
        const fs::path self = canonicalOf(file.path);
        for (const auto& [scenario, sources] : sourcesOf)
            if (std::find(sources.begin() + 1, sources.end(), self) != sources.end())
                file.includedBy.push_back(scenario);
        if (!file.includedBy.empty() || !warn)
            continue;
        summary.diagnostics.warning(
            {file.path.generic_string(), 1, 1}, core::DiagnosticCode::UnusedFragment,
            std::string("checked as an included file, since it has no 'scenario' section") +
                (declaringNothing.contains(file.path) ? ", and it declares nothing" : "") +
                ", but no scenario checked with it includes it: a scenario needs its 'scenario' "
                "section; a shared file is best linted with the scenarios that include it");
    }
}

/// A curriculum against the scenarios of its library: every scenario file under the curriculum's
/// folder, broken ones included (a broken scenario is still where its track says it is).
void checkCurriculum(LintSummary& summary, const fs::path& file, const core::Curriculum& curriculum,
                     std::set<std::string>& seen)
{
    std::map<std::string, fs::path> scenarioIds;
    for (const auto& yaml : yamlFilesUnder(file.parent_path()))
        if (const auto id = core::declaredScenarioId(yaml))
            scenarioIds.emplace(*id, yaml);
    core::Diagnostics found;
    core::checkAgainstLibrary(curriculum, file.generic_string(), scenarioIds, found);
    for (const auto& d : found.items())
        if (seen.insert(core::format(d)).second)
            summary.diagnostics.add(d);
}

} // namespace

LintSummary lintPaths(const std::vector<fs::path>& paths, const core::LoadOptions& options)
{
    LintSummary summary;
    std::set<std::string> seen;
    std::map<fs::path, std::vector<fs::path>> sourcesOf; ///< by scenario, as checked
    std::set<fs::path> declaringNothing;
    bool unreadable = false;
    if (!libraryRootUsable(options, summary.diagnostics))
        return summary;
    for (const auto& path : paths) {
        const auto found = filesOfPath(path, summary.diagnostics);
        if (!found)
            continue;
        const auto& files = found->files;
        for (const auto& file : files) {
            ++summary.files;
            // A problem in an included file is found again by every scenario that includes it
            // (and by the file's own check): report it once.
            const auto report = core::lintFile(file, options);
            for (const auto& d : report.diagnostics.items())
                if (seen.insert(core::format(d)).second)
                    summary.diagnostics.add(d);
            summary.checked.push_back({file, report.role, {}});
            // A file that could not be read or parsed may be a scenario: what it includes is
            // unknown, so no file can be said to be included by none.
            unreadable = unreadable || (report.role == core::FileRole::Scenario && report.sources.empty());
            if (report.curriculum)
                checkCurriculum(summary, file, *report.curriculum, seen);
            if (report.role == core::FileRole::Scenario)
                sourcesOf[file] = report.sources;
            else if (report.declaresNothing)
                declaringNothing.insert(file);
        }
    }
    relateIncludes(summary, sourcesOf, declaringNothing, !unreadable);
    return summary;
}

void printLintHuman(std::ostream& out, const LintSummary& summary)
{
    for (const auto& d : summary.diagnostics.items())
        out << core::format(d) << "\n";
    const auto errors = summary.diagnostics.errorCount();
    const auto warnings = summary.diagnostics.warningCount();
    const auto scenarios = static_cast<std::size_t>(
        std::count_if(summary.checked.begin(), summary.checked.end(),
                      [](const LintedFile& f) { return f.role == core::FileRole::Scenario; }));
    const auto curricula = static_cast<std::size_t>(
        std::count_if(summary.checked.begin(), summary.checked.end(),
                      [](const LintedFile& f) { return f.role == core::FileRole::Curriculum; }));
    const auto included = summary.checked.size() - scenarios - curricula;
    out << summary.files << (summary.files == 1 ? " file" : " files") << " checked (" << scenarios
        << (scenarios == 1 ? " scenario, " : " scenarios, ") << included
        << (included == 1 ? " included file" : " included files")
        << (curricula == 0   ? ""
            : curricula == 1 ? ", the curriculum"
                             : ", " + std::to_string(curricula) + " curricula")
        << "): " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
        << (warnings == 1 ? " warning" : " warnings") << "\n";
}

namespace {

const char* roleName(core::FileRole role)
{
    switch (role) {
    case core::FileRole::Scenario:
        return "scenario";
    case core::FileRole::Curriculum:
        return "curriculum";
    case core::FileRole::Include:
        break;
    }
    return "include";
}

} // namespace

void printLintJson(std::ostream& out, const LintSummary& summary)
{
    nlohmann::json checked = nlohmann::json::array();
    for (const auto& file : summary.checked) {
        nlohmann::json includers = nlohmann::json::array();
        for (const auto& by : file.includedBy)
            includers.push_back(by.generic_string());
        checked.push_back(
            {{"file", file.path.generic_string()}, {"role", roleName(file.role)}, {"includedBy", includers}});
    }
    const nlohmann::json doc{{"files", summary.files},
                             {"errors", summary.diagnostics.errorCount()},
                             {"warnings", summary.diagnostics.warningCount()},
                             {"diagnostics", diagnosticsJson(summary.diagnostics)},
                             {"checked", checked}};
    printJson(out, doc); // a file name that is not UTF-8 is printed with U+FFFD, not a crash
}

} // namespace sparring::console
