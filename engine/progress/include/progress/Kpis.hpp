#pragma once
// The numbers a trainee's practice becomes, each with a formula a manager can check by hand
// (README, "Practice history"). Computed from stored session records only: the same records give
// the same numbers in the trainer, the report and on any machine.
//
// - Skill per principle: a recency-weighted mean of the evidence per answer. Each session s
//   scored the principle S_s over the A_s answers it rests on; a session T days old weighs
//   w_s = 0.5^(T / 14) (a two-week half-life: recent practice counts most, old practice fades but
//   never vanishes). Skill = sum(w_s * S_s) / sum(w_s * A_s), resting on sum(A_s) answers.
// - Mastered: skill at least kMasteredSkill resting on at least kMasteredAnswers answers from at
//   least two sessions (one good session is not mastery). 1.2 because the shipped scenarios'
//   reviewed paths, played through the terminal, scored 1.1 to 2.3 per principle on the expert's
//   (best) paths, 0.4 to 1.3 on the mixed ones and below 0 on the worst: mastery is about where
//   the expert plays, and above what a mixed path reaches on most principles.
// - Practice minutes per ISO week (Monday, UTC): the sum of each session's end minus start.
// - Sessions and completion rate: finished sessions over all recorded sessions.
// - First versus latest attempt per scenario: the outcome and evidence total of each.
// - Conversation ratios over time, per scored role-play session: questions per statement,
//   reflections per question, the trainee's share of the words, advice given after asking first.

#include "progress/SessionRecord.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sparring::progress {

inline constexpr double kSkillHalfLifeDays = 14.0;
inline constexpr double kMasteredSkill = 1.2;
inline constexpr std::size_t kMasteredAnswers = 6;

struct Skill {
    std::string principle; ///< id
    std::string name;
    double skill = 0;        ///< recency-weighted evidence per answer
    std::size_t answers = 0; ///< answers it rests on
    std::size_t sessions = 0;
    bool mastered = false;
    /// The skill as it stood after each session that scored the principle (the same formula on
    /// the sessions up to it, weighed from its end): the trend.
    std::vector<std::pair<Millis, double>> trend;
};

struct WeekMinutes {
    Millis weekStart = 0; ///< Monday 00:00 UTC
    double minutes = 0;
    std::size_t sessions = 0;
};

struct ScenarioAttempts {
    std::string scenarioId;
    std::string title;
    std::size_t attempts = 0;
    std::string firstOutcome; ///< "" when abandoned
    int firstTotal = 0;       ///< the evidence of every principle summed
    std::string latestOutcome;
    int latestTotal = 0;
};

/// One scored role-play's conversation ratios (scoring/Scorecard.hpp, SpeechMeasures).
struct RatioPoint {
    Millis when = 0;
    std::string scenarioId;
    double questionsPerStatement = 0; ///< questions / max(1, statements)
    double reflectionsPerQuestion = 0;
    double shareOfWords = 0;
    double adviceAfterAsking = 0; ///< advice given after asking first / advice given (0 without advice)
};

struct Kpis {
    std::size_t sessions = 0;
    std::size_t finished = 0;
    double completionRate = 0; ///< finished / sessions (0 without sessions)
    double minutes = 0;        ///< all practice
    std::vector<Skill> skills; ///< principles in first-seen order
    std::vector<WeekMinutes> weeks;
    std::vector<ScenarioAttempts> scenarios; ///< by first attempt
    std::vector<RatioPoint> ratios;          ///< oldest first
};

/// The KPIs of `sessions` (any trainees: one trainee's for their own, a team's for the team)
/// as of `now`.
[[nodiscard]] Kpis computeKpis(const std::vector<SessionRecord>& sessions, Millis now);

/// The weeks to show of `weeks` (Kpis::weeks) as of `asOf`: every week from the first with
/// practice to the one holding `asOf` (or the latest with practice, if later), at most the last
/// `count`, oldest first, a week without practice given as zero minutes: the gaps show.
[[nodiscard]] std::vector<WeekMinutes> recentWeeks(const std::vector<WeekMinutes>& weeks, Millis asOf,
                                                   std::size_t count);

/// Monday 00:00 UTC of the week holding `when`.
[[nodiscard]] Millis weekStart(Millis when);

} // namespace sparring::progress
