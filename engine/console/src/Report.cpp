#include "console/Report.hpp"

#include "SvgCharts.hpp"
#include "core/Utf8.hpp"
#include "progress/RecordJson.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace sparring::console {

namespace {

using nlohmann::json;
using progress::Kpis;

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

/// Minutes as a person reads them: whole minutes, with tenths under ten so that a short
/// session shows as "0.4", not as no practice at all.
std::string minutesText(double minutes)
{
    if (minutes <= 0)
        return "0";
    return fixed(minutes, minutes < 9.95 ? 1 : 0);
}

std::string percent(double share)
{
    return fixed(share * 100.0, 0) + "%";
}

std::string signedTotal(int total)
{
    return (total > 0 ? "+" : "") + std::to_string(total);
}

/// "1 session", "3 sessions".
std::string counted(std::size_t n, const std::string& noun)
{
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string outcomeOf(const std::string& outcome)
{
    return outcome.empty() ? "abandoned" : outcome;
}

/// The weeks a report shows (progress::recentWeeks), the last holding `asOf`'s week.
std::vector<progress::WeekMinutes> lastWeeks(const Kpis& kpis, progress::Millis asOf, std::size_t count)
{
    return progress::recentWeeks(kpis.weeks, asOf, count);
}

/// The principle lines in the terminal and the HTML: skill, answers, sessions, mastered.
std::string skillLine(const progress::Skill& s)
{
    return fixed(s.skill, 2) + " per answer over " + counted(s.answers, "answer") + " in " +
           counted(s.sessions, "session");
}

json kpisJson(const Kpis& k)
{
    json skills = json::array();
    for (const auto& s : k.skills) {
        json trend = json::array();
        for (const auto& [when, value] : s.trend)
            trend.push_back({{"ended_ms", when}, {"skill", value}});
        skills.push_back({{"principle", s.principle},
                          {"name", s.name},
                          {"skill", s.skill},
                          {"answers", s.answers},
                          {"sessions", s.sessions},
                          {"mastered", s.mastered},
                          {"trend", trend}});
    }
    json weeks = json::array();
    for (const auto& w : k.weeks)
        weeks.push_back({{"week_start_ms", w.weekStart}, {"minutes", w.minutes}, {"sessions", w.sessions}});
    json scenarios = json::array();
    for (const auto& a : k.scenarios)
        scenarios.push_back({{"scenario", a.scenarioId},
                             {"title", a.title},
                             {"attempts", a.attempts},
                             {"first_outcome", a.firstOutcome},
                             {"first_total", a.firstTotal},
                             {"latest_outcome", a.latestOutcome},
                             {"latest_total", a.latestTotal}});
    json ratios = json::array();
    for (const auto& r : k.ratios)
        ratios.push_back({{"started_ms", r.when},
                          {"scenario", r.scenarioId},
                          {"questions_per_statement", r.questionsPerStatement},
                          {"reflections_per_question", r.reflectionsPerQuestion},
                          {"share_of_words", r.shareOfWords},
                          {"advice_after_asking", r.adviceAfterAsking}});
    return {{"sessions", k.sessions}, {"finished", k.finished}, {"completion_rate", k.completionRate},
            {"minutes", k.minutes},   {"skills", skills},       {"weeks", weeks},
            {"scenarios", scenarios}, {"ratios", ratios}};
}

/// A CSV field: quoted when it holds a comma, a quote or a line break; a leading =, +, - or @
/// is prefixed with an apostrophe so a spreadsheet never runs a trainee's text as a formula.
std::string csvField(const std::string& text)
{
    std::string value = text;
    if (!value.empty() && std::string_view("=+-@").find(value.front()) != std::string_view::npos)
        value.insert(value.begin(), '\'');
    if (value.find_first_of(",\"\n\r") == std::string::npos)
        return value;
    std::string out = "\"";
    for (const char c : value) {
        out += c;
        if (c == '"')
            out += '"';
    }
    return out + "\"";
}

void htmlKpis(std::ostream& out, const Kpis& k, progress::Millis asOf)
{
    out << "<div class='tiles'>"
        << "<div><b>" << k.sessions << "</b>sessions</div>"
        << "<div><b>" << percent(k.completionRate) << "</b>completed (" << k.finished << ")</div>"
        << "<div><b>" << minutesText(k.minutes) << "</b>minutes of practice</div>";
    const auto weeks = lastWeeks(k, asOf, 1);
    out << "<div><b>" << minutesText(weeks.back().minutes) << "</b>minutes this week</div></div>\n";

    out << "<h3>Skill per principle</h3><table><tr><th>principle</th><th>skill</th><th>rests "
           "on</th><th></th></tr>";
    for (const auto& s : k.skills)
        out << "<tr><td>" << svg::escaped(s.name) << "</td><td>" << fixed(s.skill, 2) << "</td><td>"
            << s.answers << " answers, " << s.sessions << " sessions</td><td>"
            << (s.mastered ? "&#10003; mastered" : "") << "</td></tr>";
    out << "</table>\n";
    std::vector<svg::Series> trends;
    for (const auto& s : k.skills) {
        svg::Series series{s.name, {}};
        for (const auto& [when, value] : s.trend)
            series.points.push_back({static_cast<double>(when), value});
        trends.push_back(std::move(series));
    }
    out << svg::timeLines("Skill per principle over time (evidence per answer)", trends, 0,
                          progress::kMasteredSkill, "skill")
        << "\n";
    std::vector<svg::Bar> minutes;
    for (const auto& w : lastWeeks(k, asOf, 12))
        minutes.push_back({svg::isoDate(static_cast<double>(w.weekStart)).substr(5), w.minutes});
    out << svg::bars("Practice minutes per week (the last 12, by Monday)", minutes, "minutes") << "\n";
    std::vector<svg::Series> ratios{{"questions per statement", {}},
                                    {"reflections per question", {}},
                                    {"share of the words", {}},
                                    {"advice after asking", {}}};
    for (const auto& r : k.ratios) {
        const auto x = static_cast<double>(r.when);
        ratios[0].points.push_back({x, r.questionsPerStatement});
        ratios[1].points.push_back({x, r.reflectionsPerQuestion});
        ratios[2].points.push_back({x, r.shareOfWords});
        ratios[3].points.push_back({x, r.adviceAfterAsking});
    }
    out << svg::timeLines("Conversation ratios per role-play", ratios, 0, 1, "ratio") << "\n";

    out << "<h3>First and latest attempt</h3><table><tr><th>scenario</th><th>attempts</th><th>first</th>"
           "<th>latest</th></tr>";
    for (const auto& a : k.scenarios)
        out << "<tr><td>" << svg::escaped(a.title) << "</td><td>" << a.attempts << "</td><td>"
            << outcomeOf(a.firstOutcome) << " (" << signedTotal(a.firstTotal) << ")</td><td>"
            << outcomeOf(a.latestOutcome) << " (" << signedTotal(a.latestTotal) << ")</td></tr>";
    out << "</table>\n";
}

} // namespace

ProgressReport buildReport(std::string store, std::vector<progress::SessionRecord> sessions,
                           const std::vector<progress::DrillOption>& library, bool team,
                           progress::Millis asOf)
{
    ProgressReport report;
    report.store = std::move(store);
    report.asOf = asOf;
    std::map<std::string, std::vector<progress::SessionRecord>> byTrainee;
    if (team)
        report.team = progress::computeKpis(sessions, asOf);
    for (auto& s : sessions)
        byTrainee[s.trainee].push_back(std::move(s));
    for (auto& [trainee, own] : byTrainee) {
        TraineeProgress t;
        t.trainee = trainee;
        t.kpis = progress::computeKpis(own, asOf);
        t.next = progress::nextDrill(t.kpis, library);
        t.done = progress::doneScenarios(own);
        t.sessions = std::move(own);
        report.trainees.push_back(std::move(t));
    }
    return report;
}

void writeReportText(std::ostream& out, const ProgressReport& report)
{
    // Names and titles come from the store, which anyone may have written: no terminal controls.
    const auto safe = [](const std::string& text) { return core::terminalSafe(text, false); };
    out << "Practice in the " << safe(report.store) << ", as of "
        << svg::isoDate(static_cast<double>(report.asOf)) << "\n";
    if (report.trainees.empty())
        out << "No sessions recorded yet.\n";
    if (report.team)
        out << "\nThe team: " << counted(report.trainees.size(), "trainee") << ", "
            << counted(report.team->sessions, "session") << " (" << percent(report.team->completionRate)
            << " completed), " << minutesText(report.team->minutes) << " minutes\n";
    for (const auto& t : report.trainees) {
        const auto& k = t.kpis;
        out << "\n"
            << safe(t.trainee) << ": " << counted(k.sessions, "session") << " (" << k.finished
            << " finished, " << percent(k.completionRate) << "), " << minutesText(k.minutes) << " minutes, "
            << minutesText(lastWeeks(k, report.asOf, 1).back().minutes) << " this week\n";
        out << "  Skill per principle (evidence per answer, recent sessions weigh most; mastered: "
            << fixed(progress::kMasteredSkill, 1) << " over " << progress::kMasteredAnswers
            << " answers in two sessions or more):\n";
        std::size_t width = 0;
        for (const auto& s : k.skills)
            width = std::max(width, s.name.size());
        for (const auto& s : k.skills)
            out << "    " << safe(s.name) << std::string(width - s.name.size() + 2, ' ') << skillLine(s)
                << (s.mastered ? "  mastered" : "") << "\n";
        out << "  First and latest attempt:\n";
        for (const auto& a : k.scenarios)
            out << "    " << safe(a.scenarioId) << ": " << a.attempts
                << (a.attempts == 1 ? " attempt" : " attempts") << ", first " << outcomeOf(a.firstOutcome)
                << " (" << signedTotal(a.firstTotal) << ")"
                << (a.attempts > 1
                        ? ", latest " + outcomeOf(a.latestOutcome) + " (" + signedTotal(a.latestTotal) + ")"
                        : std::string())
                << "\n";
        if (!k.ratios.empty()) {
            const auto& first = k.ratios.front();
            const auto& latest = k.ratios.back();
            out << "  Conversation ratios, latest role-play (first): questions per statement "
                << fixed(latest.questionsPerStatement, 2) << " (" << fixed(first.questionsPerStatement, 2)
                << "), reflections per question " << fixed(latest.reflectionsPerQuestion, 2) << " ("
                << fixed(first.reflectionsPerQuestion, 2) << "), share of the words "
                << percent(latest.shareOfWords) << " (" << percent(first.shareOfWords) << ")\n";
        }
        if (t.next)
            out << "  Next drill: " << safe(t.next->scenarioId) << ". " << safe(t.next->reason) << "\n";
    }
}

void writeReportHtml(std::ostream& out, const ProgressReport& report)
{
    out << "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        << "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        << "<title>Sparring: practice report</title><style>"
        << "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        << "table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border-bottom:1px solid "
           "#ddd;padding:.25rem "
           ".6rem;text-align:left}"
        << ".tiles{display:flex;gap:1rem;flex-wrap:wrap}.tiles div{border:1px solid #ccc;border-radius:6px;"
           "padding:.5rem 1rem;min-width:8rem}.tiles b{display:block;font-size:1.6rem}"
        << ".next{border-left:4px solid #0072B2;background:#f2f7fb;padding:.5rem 1rem}figure{margin:1rem 0}"
        << "section{border-top:2px solid #888;margin-top:2rem}"
        << "</style></head><body>\n<h1>Practice report</h1>\n<p>" << svg::escaped(report.store) << ", as of "
        << svg::isoDate(static_cast<double>(report.asOf))
        << ". Skill is the evidence per answer, recent sessions "
        << "weighing most (a two-week half-life); mastered is " << fixed(progress::kMasteredSkill, 1)
        << " over " << progress::kMasteredAnswers << " answers from two sessions or more.</p>\n";
    if (report.trainees.empty())
        out << "<p>No sessions recorded yet.</p>\n";
    if (report.team) {
        out << "<h2>The "
               "team</h2><table><tr><th>trainee</th><th>sessions</th><th>completed</th><th>minutes</th>"
               "<th>mastered</th><th>next drill</th></tr>";
        for (const auto& t : report.trainees) {
            const auto mastered = std::count_if(t.kpis.skills.begin(), t.kpis.skills.end(),
                                                [](const progress::Skill& s) { return s.mastered; });
            out << "<tr><td>" << svg::escaped(t.trainee) << "</td><td>" << t.kpis.sessions << "</td><td>"
                << percent(t.kpis.completionRate) << "</td><td>" << minutesText(t.kpis.minutes) << "</td><td>"
                << mastered << " of " << t.kpis.skills.size() << "</td><td>"
                << (t.next ? svg::escaped(t.next->title) : std::string()) << "</td></tr>";
        }
        out << "</table>\n";
        htmlKpis(out, *report.team, report.asOf);
    }
    for (const auto& t : report.trainees) {
        out << "<section><h2>" << svg::escaped(t.trainee) << "</h2>\n";
        if (t.next)
            out << "<p class='next'><b>Next drill: " << svg::escaped(t.next->title) << "</b><br>"
                << svg::escaped(t.next->reason) << "</p>\n";
        htmlKpis(out, t.kpis, report.asOf);
        out << "</section>\n";
    }
    out << "</body></html>\n";
}

void writeReportCsv(std::ostream& out, const ProgressReport& report)
{
    // The principles of every session, in first-seen order: one score column each.
    std::vector<std::string> principles;
    for (const auto& t : report.trainees)
        for (const auto& s : t.sessions)
            for (const auto& p : s.principles)
                if (std::find(principles.begin(), principles.end(), p.principle) == principles.end())
                    principles.push_back(p.principle);
    out << "trainee,session,scenario,scenario_version,mode,front_end,started_utc,minutes,finished,outcome,"
           "decisions,"
           "total,questions_per_statement,reflections_per_question,share_of_words,advice_after_asking";
    for (const auto& p : principles)
        out << ",score:" << csvField(p);
    out << "\r\n";
    for (const auto& t : report.trainees)
        for (const auto& s : t.sessions) {
            double total = 0;
            for (const auto& p : s.principles)
                total += p.score;
            out << csvField(s.trainee) << "," << s.id << "," << csvField(s.scenarioId) << ","
                << s.scenarioVersion << "," << s.mode << "," << s.frontEnd << ","
                << progress::isoTime(s.started) << ","
                << fixed(static_cast<double>(std::max<progress::Millis>(0, s.ended - s.started)) / 60000.0, 2)
                << "," << (s.finished ? "yes" : "no") << "," << outcomeOf(s.outcome) << ","
                << s.decisions.size() << "," << fixed(total, 2);
            if (s.speech) {
                const auto& m = *s.speech;
                out << "," << fixed(m.questions / std::max(1.0, m.statements), 3) << ","
                    << fixed(m.reflectionsPerQuestion, 3) << "," << fixed(m.traineeShareOfWords, 3) << ","
                    << fixed(m.adviceGiven > 0 ? m.adviceAfterAskingFirst / m.adviceGiven : 0.0, 3);
            } else {
                out << ",,,,";
            }
            for (const auto& id : principles) {
                const auto p =
                    std::find_if(s.principles.begin(), s.principles.end(),
                                 [&](const progress::PrincipleRecord& r) { return r.principle == id; });
                out << "," << (p != s.principles.end() ? fixed(p->score, 2) : std::string());
            }
            out << "\r\n";
        }
}

void writeReportJson(std::ostream& out, const ProgressReport& report)
{
    // Written piece by piece: the sessions go out as their records' own JSON text, so a store of
    // ten thousand sessions is never one document tree in memory.
    const auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
    out << "{\"store\":" << dump(report.store) << ",\"as_of_ms\":" << report.asOf
        << ",\"team\":" << (report.team ? dump(kpisJson(*report.team)) : "null") << ",\"trainees\":[";
    for (std::size_t i = 0; i < report.trainees.size(); ++i) {
        const auto& t = report.trainees[i];
        json next = nullptr;
        if (t.next)
            next = {{"scenario", t.next->scenarioId},
                    {"title", t.next->title},
                    {"principle", t.next->principle},
                    {"reason", t.next->reason}};
        out << (i == 0 ? "\n" : ",\n") << "{\"trainee\":" << dump(t.trainee)
            << ",\"kpis\":" << dump(kpisJson(t.kpis)) << ",\"next_drill\":" << dump(next)
            << ",\"done\":" << dump(json(std::vector<std::string>(t.done.begin(), t.done.end())))
            << ",\"sessions\":[";
        for (std::size_t j = 0; j < t.sessions.size(); ++j)
            out << (j == 0 ? "\n" : ",\n") << progress::toJsonText(t.sessions[j]);
        out << "]}";
    }
    out << "]}\n";
}

} // namespace sparring::console
