#include "scoring/PanelJudges.hpp"

#include <algorithm>
#include <set>

namespace sparring::scoring {

using namespace core;

namespace {

bool has(const std::vector<std::string>& ids, const std::string& id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// The replies of `replies` whose commitment the answer made, in the answer's order.
std::vector<const Position::Reply*> repliesTo(const Scenario& scenario,
                                              const std::vector<Position::Reply>& replies,
                                              const std::vector<std::string>& commits)
{
    std::vector<const Position::Reply*> out;
    for (const auto& id : commits)
        for (const auto& reply : replies)
            if (scenario.commitments[reply.commitment].id == id)
                out.push_back(&reply);
    return out;
}

/// A position line as said about one answer: its text with `{said}` quoting the answer. Position
/// lines hold no variables or recap (the loader refuses them).
std::string spoken(const TextTemplate& line, const std::string& said)
{
    std::string out;
    for (const auto& part : line.parts)
        out += part.builtin == BuiltinText::Said ? said : part.literal;
    return out;
}

/// One expert's lines said so far in a session, so none is said twice.
class LineBook {
public:
    /// The first of `lines` this expert has not said yet, marked said; null when all are used.
    const TextTemplate* take(const std::vector<TextTemplate>& lines)
    {
        for (const auto& line : lines)
            if (m_said.insert(line.source).second)
                return &line;
        return nullptr;
    }

private:
    std::set<std::string> m_said;
};

Reaction react(const Scenario& scenario, const Position& position, const runtime::Decision& decision,
               LineBook& book)
{
    const auto& expert = scenario.cast[position.expert];
    Reaction r;
    r.expertId = expert.id;
    r.expertName = expert.name;
    r.stance = position.stance;
    r.verdict = verdictOf(scenario, position, decision.commits);
    const auto welcomed = repliesTo(scenario, position.welcomes, decision.commits);
    const auto resisted = repliesTo(scenario, position.resists, decision.commits);
    for (const auto* reply : welcomed)
        r.welcomed.push_back(scenario.commitments[reply->commitment].id);
    for (const auto* reply : resisted)
        r.resisted.push_back(scenario.commitments[reply->commitment].id);
    const auto lineFor = [&](const std::vector<const Position::Reply*>& replies) -> std::string {
        for (const auto* reply : replies)
            if (const auto* line = book.take(reply->lines))
                return spoken(*line, decision.said);
        return {};
    };
    if (welcomed.empty() && resisted.empty()) {
        if (const auto* line = book.take(position.unmoved))
            r.line = spoken(*line, decision.said);
        return r;
    }
    const std::string pro = lineFor(welcomed);
    const std::string con = lineFor(resisted);
    r.line = pro.empty() || con.empty() ? pro + con : pro + " " + con;
    return r;
}

} // namespace

std::string_view toString(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Agree:
        return "agrees";
    case Verdict::Mixed:
        return "is not sure";
    case Verdict::Disagree:
        return "disagrees";
    }
    return "?";
}

Verdict verdictOf(const Scenario& scenario, const Position& position, const std::vector<std::string>& commits)
{
    const auto any = [&](const std::vector<Position::Reply>& replies) {
        return std::any_of(replies.begin(), replies.end(), [&](const Position::Reply& reply) {
            return has(commits, scenario.commitments[reply.commitment].id);
        });
    };
    const bool welcomes = any(position.welcomes);
    const bool resists = any(position.resists);
    if (welcomes && !resists)
        return Verdict::Agree;
    if (resists && !welcomes)
        return Verdict::Disagree;
    return Verdict::Mixed;
}

std::vector<std::vector<Reaction>> judgeTranscript(const Scenario& scenario,
                                                   const std::vector<runtime::TranscriptEntry>& transcript)
{
    std::vector<std::vector<Reaction>> out(transcript.size());
    if (scenario.meta.kind != ScenarioKind::Panel)
        return out;
    std::vector<LineBook> books(scenario.cast.size());
    for (std::size_t i = 0; i < transcript.size(); ++i) {
        const auto* decision = runtime::decisionOf(transcript[i]);
        if (!decision)
            continue;
        const auto node = scenario.findNode(decision->nodeId);
        if (!node)
            continue; // a save of an older version of the scenario: the round is gone
        auto positions = scenario.positionsAt(*node);
        std::sort(positions.begin(), positions.end(),
                  [](const Position& a, const Position& b) { return a.expert < b.expert; });
        for (const auto& position : positions)
            out[i].push_back(react(scenario, position, *decision, books[position.expert]));
    }
    return out;
}

std::vector<Reaction> judgeDecision(const Scenario& scenario,
                                    const std::vector<runtime::TranscriptEntry>& transcript,
                                    std::size_t entry)
{
    // Only panels react; asking first keeps a long role-play's turns from costing its length.
    if (scenario.meta.kind != ScenarioKind::Panel)
        return {};
    auto all = judgeTranscript(scenario, transcript);
    return entry < all.size() ? std::move(all[entry]) : std::vector<Reaction>{};
}

} // namespace sparring::scoring
