#include "console/Lint.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
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

LintSummary lintPaths(const std::vector<fs::path>& paths, const core::LoadOptions& options)
{
    LintSummary summary;
    std::set<std::string> seen;
    for (const auto& path : paths) {
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(path, ec)) {
            files = yamlFilesUnder(path);
        } else if (fs::exists(path, ec)) {
            files.push_back(path);
        } else {
            summary.diagnostics.error({path.generic_string(), 0, 0}, core::DiagnosticCode::FileUnreadable,
                                      "no such file or folder");
            continue;
        }
        for (const auto& file : files) {
            ++summary.files;
            // A problem in an included file is found again by every scenario that includes it
            // (and by the file's own check): report it once.
            const auto report = core::lintFile(file, options);
            for (const auto& d : report.diagnostics.items())
                if (seen.insert(core::format(d)).second)
                    summary.diagnostics.add(d);
        }
    }
    return summary;
}

void printLintHuman(std::ostream& out, const LintSummary& summary)
{
    for (const auto& d : summary.diagnostics.items())
        out << core::format(d) << "\n";
    const auto errors = summary.diagnostics.errorCount();
    const auto warnings = summary.diagnostics.warningCount();
    out << summary.files << (summary.files == 1 ? " file" : " files") << " checked: " << errors
        << (errors == 1 ? " error, " : " errors, ") << warnings << (warnings == 1 ? " warning" : " warnings")
        << "\n";
}

void printLintJson(std::ostream& out, const LintSummary& summary)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : summary.diagnostics.items())
        list.push_back({{"file", d.where.file},
                        {"line", d.where.line},
                        {"column", d.where.column},
                        {"severity", d.severity == core::Severity::Error ? "error" : "warning"},
                        {"code", std::string(core::codeString(d.code))},
                        {"message", d.message}});
    const nlohmann::json doc{{"files", summary.files},
                             {"errors", summary.diagnostics.errorCount()},
                             {"warnings", summary.diagnostics.warningCount()},
                             {"diagnostics", list}};
    // A file name that is not UTF-8 is printed with U+FFFD, not a crash.
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

} // namespace sparring::console
