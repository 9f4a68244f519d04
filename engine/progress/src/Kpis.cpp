#include "progress/Kpis.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace sparring::progress {

namespace {

constexpr Millis kDay = 24LL * 60 * 60 * 1000;
constexpr Millis kWeek = 7 * kDay;

double weightAt(Millis sessionEnd, Millis now)
{
    const double days =
        static_cast<double>(std::max<Millis>(0, now - sessionEnd)) / static_cast<double>(kDay);
    return std::pow(0.5, days / kSkillHalfLifeDays);
}

/// One session's evidence on one principle.
struct Scored {
    Millis ended = 0;
    double score = 0;
    std::size_t answers = 0;
};

/// The skill formula (Kpis.hpp) over `scored` as of `now`: the skill and the answers it rests on.
std::pair<double, std::size_t> skillOf(const std::vector<Scored>& scored, Millis now)
{
    double weightedScore = 0;
    double weightedAnswers = 0;
    std::size_t answers = 0;
    for (const auto& s : scored) {
        const double w = weightAt(s.ended, now);
        weightedScore += w * s.score;
        weightedAnswers += w * static_cast<double>(s.answers);
        answers += s.answers;
    }
    return {weightedAnswers > 0 ? weightedScore / weightedAnswers : 0.0, answers};
}

int totalOf(const SessionRecord& s)
{
    double total = 0;
    for (const auto& p : s.principles)
        total += p.score;
    return static_cast<int>(std::lround(total));
}

} // namespace

Millis weekStart(Millis when)
{
    // The Unix epoch fell on a Thursday: Monday 00:00 UTC is 3 days before it.
    const Millis sinceMonday = ((when + 3 * kDay) % kWeek + kWeek) % kWeek;
    return when - sinceMonday;
}

Kpis computeKpis(const std::vector<SessionRecord>& unordered, Millis now)
{
    std::vector<const SessionRecord*> sessions;
    sessions.reserve(unordered.size());
    for (const auto& s : unordered)
        sessions.push_back(&s);
    std::stable_sort(sessions.begin(), sessions.end(),
                     [](const SessionRecord* a, const SessionRecord* b) { return a->started < b->started; });

    Kpis out;
    std::map<Millis, WeekMinutes> weeks;
    std::vector<std::string> principleOrder;
    std::map<std::string, std::string> principleName;
    std::map<std::string, std::vector<Scored>> scored;
    std::map<std::string, std::size_t> scenarioIndex;
    for (const auto* s : sessions) {
        ++out.sessions;
        out.finished += s->finished ? 1 : 0;
        const double minutes = static_cast<double>(std::max<Millis>(0, s->ended - s->started)) / 60000.0;
        out.minutes += minutes;
        auto& week = weeks[weekStart(s->started)];
        week.weekStart = weekStart(s->started);
        week.minutes += minutes;
        ++week.sessions;

        for (const auto& p : s->principles) {
            if (!principleName.count(p.principle)) {
                principleOrder.push_back(p.principle);
                principleName[p.principle] = p.name;
            }
            if (p.answers > 0)
                scored[p.principle].push_back({s->ended, p.score, p.answers});
        }

        const auto [at, isNew] = scenarioIndex.emplace(s->scenarioId, out.scenarios.size());
        if (isNew)
            out.scenarios.push_back({s->scenarioId, s->scenarioTitle, 0, s->outcome, totalOf(*s), {}, 0});
        auto& attempts = out.scenarios[at->second];
        ++attempts.attempts;
        attempts.latestOutcome = s->outcome;
        attempts.latestTotal = totalOf(*s);

        if (s->speech) {
            const auto& m = *s->speech;
            out.ratios.push_back({s->started, s->scenarioId, m.questions / std::max(1.0, m.statements),
                                  m.reflectionsPerQuestion, m.traineeShareOfWords,
                                  m.adviceGiven > 0 ? m.adviceAfterAskingFirst / m.adviceGiven : 0.0});
        }
    }
    out.completionRate =
        out.sessions > 0 ? static_cast<double>(out.finished) / static_cast<double>(out.sessions) : 0;
    for (const auto& [start, week] : weeks)
        out.weeks.push_back(week);

    for (const auto& id : principleOrder) {
        Skill skill;
        skill.principle = id;
        skill.name = principleName[id];
        const auto& evidence = scored[id];
        std::tie(skill.skill, skill.answers) = skillOf(evidence, now);
        skill.sessions = evidence.size();
        skill.mastered =
            skill.skill >= kMasteredSkill && skill.answers >= kMasteredAnswers && skill.sessions >= 2;
        // The trend: the same formula after each session, kept as running sums that fade by the
        // weight of the time between sessions, so it is linear in the sessions.
        double weightedScore = 0;
        double weightedAnswers = 0;
        Millis last = evidence.empty() ? 0 : evidence.front().ended;
        for (const auto& e : evidence) {
            const double fade = weightAt(last, std::max(last, e.ended));
            weightedScore = weightedScore * fade + e.score;
            weightedAnswers = weightedAnswers * fade + static_cast<double>(e.answers);
            last = std::max(last, e.ended);
            skill.trend.emplace_back(last, weightedAnswers > 0 ? weightedScore / weightedAnswers : 0.0);
        }
        out.skills.push_back(std::move(skill));
    }
    return out;
}

std::vector<WeekMinutes> recentWeeks(const std::vector<WeekMinutes>& weeks, Millis asOf, std::size_t count)
{
    if (count == 0)
        return {};
    Millis last = weekStart(asOf);
    Millis first = last;
    for (const auto& w : weeks) {
        first = std::min(first, w.weekStart);
        last = std::max(last, w.weekStart);
    }
    first = std::max(first, last - static_cast<Millis>(count - 1) * kWeek);
    std::vector<WeekMinutes> out;
    for (Millis week = first; week <= last; week += kWeek) {
        WeekMinutes shown{week, 0, 0};
        for (const auto& w : weeks)
            if (w.weekStart == week)
                shown = w;
        out.push_back(shown);
    }
    return out;
}

} // namespace sparring::progress
