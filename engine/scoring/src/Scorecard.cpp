#include "scoring/Scorecard.hpp"

#include <algorithm>

namespace sparring::scoring {

using runtime::TranscriptEntry;

namespace {

/// Whitespace-separated words: enough for a share of talk.
std::size_t countWords(const std::string& text)
{
    std::size_t words = 0;
    bool inWord = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    return words;
}

bool isQuestion(const Analysis& a)
{
    return a.act == "open_question" || a.act == "closed_question";
}

bool has(const std::vector<std::string>& tags, std::string_view tag)
{
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

} // namespace

const Measure* Scorecard::measure(std::string_view name) const
{
    for (const auto& m : measures)
        if (m.name == name)
            return &m;
    return nullptr;
}

Scorecard buildScorecard(const core::Scenario& scenario, const std::vector<TranscriptEntry>& transcript, const Analyser& analyser)
{
    Scorecard card;
    const auto& framework = scenario.framework;
    for (const auto& p : framework.principles)
        card.principles.push_back({p.id, p.name, 0, {}});
    const auto credit = [&](const std::string& principle, std::size_t entry, const std::string& source, double amount) {
        for (auto& line : card.principles)
            if (line.principle == principle) {
                line.score += amount;
                line.traces.push_back({entry, source, amount});
            }
    };
    const auto weightsOf = [&](std::string_view label) -> const core::PrincipleWeightsOf* {
        for (const auto& w : framework.scoring)
            if (w.label == label)
                return &w;
        return nullptr;
    };

    Measure questions{"questions", 0, {}}, statements{"statements", 0, {}}, reflections{"reflections", 0, {}};
    Measure advice{"advice given", 0, {}}, askedFirst{"advice after asking first", 0, {}};
    std::size_t traineeWords = 0, otherWords = 0;
    bool askedThisTopic = false;
    for (std::size_t i = 0; i < transcript.size(); ++i) {
        const auto& entry = transcript[i];
        if (entry.kind == TranscriptEntry::Kind::Line) {
            otherWords += countWords(entry.text);
            askedThisTopic = false; // the other side spoke: a new topic
            continue;
        }
        if (entry.kind != TranscriptEntry::Kind::Choice && entry.kind != TranscriptEntry::Kind::Response)
            continue;
        traineeWords += countWords(entry.text);
        for (const auto& e : entry.evidence)
            credit(e.principle, i, entry.kind == TranscriptEntry::Kind::Choice ? "option evidence" : "route evidence", e.amount);

        Analysis a = analyser.classify(entry.text);
        // Free text is scored by what it does; picked options carry their authored evidence.
        if (entry.kind == TranscriptEntry::Kind::Response) {
            const auto labels = scoringLabels(a);
            for (const auto& label : labels)
                if (const auto* w = weightsOf(label))
                    for (const auto& pw : w->weights)
                        credit(framework.principles[pw.principle].id, i,
                               (label == a.act ? "act " : label.rfind("depth:", 0) == 0 ? "" : "tag ") + label, pw.weight);
        }
        if (isQuestion(a)) {
            ++questions.value;
            questions.entries.push_back(i);
        } else {
            ++statements.value;
            statements.entries.push_back(i);
        }
        if (a.act == "reflection" || a.act == "summary") {
            ++reflections.value;
            reflections.entries.push_back(i);
        }
        if (a.act == "advice") {
            ++advice.value;
            advice.entries.push_back(i);
            if (askedThisTopic || has(a.tags, "permission_asked")) {
                ++askedFirst.value;
                askedFirst.entries.push_back(i);
            }
        }
        askedThisTopic = askedThisTopic || isQuestion(a) || a.act == "reflection" || a.act == "summary" ||
                         has(a.tags, "permission_asked");
        card.analyses.emplace_back(i, std::move(a));
    }
    Measure perQuestion{"reflections per question", questions.value > 0 ? reflections.value / questions.value : 0.0,
                        reflections.entries};
    const double total = static_cast<double>(traineeWords + otherWords);
    Measure share{"trainee share of words", total > 0 ? static_cast<double>(traineeWords) / total : 0.0, {}};
    card.measures = {questions, statements, reflections, perQuestion, share, advice, askedFirst};
    return card;
}

} // namespace sparring::scoring
