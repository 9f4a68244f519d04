#pragma once
// `sparring report`: a trainee's practice, or a whole team's, as numbers people can act on: the
// KPIs of progress/Kpis.hpp with their trend, the next drill with its reason, and every session.
// Four forms of the same figures:
// - text: a summary for the terminal;
// - html: one self-contained file (inline SVG charts, no script, no network) for any browser;
// - csv: one row per session, for a spreadsheet;
// - json: everything, the session records included, for other tools.

#include "progress/Kpis.hpp"
#include "progress/NextDrill.hpp"
#include "progress/SessionRecord.hpp"

#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace sparring::console {

/// One trainee's part of a report.
struct TraineeProgress {
    std::string trainee;
    std::vector<progress::SessionRecord> sessions; ///< oldest first
    progress::Kpis kpis;
    std::optional<progress::NextDrill> next;
    std::set<std::string> done; ///< scenarios finished with a good outcome
};

struct ProgressReport {
    std::string store; ///< as the store describes itself
    progress::Millis asOf = 0;
    std::vector<TraineeProgress> trainees; ///< by name
    /// A team report: the KPIs of every session together.
    std::optional<progress::Kpis> team;
};

/// The report of `sessions` (each trainee's KPIs and next drill from `library`), as of `asOf`;
/// `team` adds the KPIs of all of them together.
[[nodiscard]] ProgressReport buildReport(std::string store, std::vector<progress::SessionRecord> sessions,
                                         const std::vector<progress::DrillOption>& library, bool team,
                                         progress::Millis asOf);

void writeReportText(std::ostream& out, const ProgressReport& report);
void writeReportHtml(std::ostream& out, const ProgressReport& report);
void writeReportCsv(std::ostream& out, const ProgressReport& report);
void writeReportJson(std::ostream& out, const ProgressReport& report);

} // namespace sparring::console
