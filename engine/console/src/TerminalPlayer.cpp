#include "console/TerminalPlayer.hpp"

#include "console/Classify.hpp"
#include "runtime/Snapshot.hpp"
#include "scoring/ExpertPath.hpp"
#include "scoring/PanelJudges.hpp"
#include "scoring/Scorecard.hpp"
#include "scoring/ScoringError.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <istream>
#include <ostream>

namespace sparring::console {

using namespace runtime;

namespace {

std::string trimmed(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

std::string signedAmount(int amount)
{
    return (amount > 0 ? "+" : "") + std::to_string(amount);
}

std::string evidenceLine(const std::vector<EvidenceItem>& evidence)
{
    std::string out;
    for (const auto& e : evidence) {
        if (!out.empty())
            out += ", ";
        out += e.principle + " " + signedAmount(e.amount);
    }
    return out;
}

} // namespace

TerminalPlayer::TerminalPlayer(std::istream& in, std::ostream& out, PlayOptions options,
                               std::shared_ptr<spdlog::logger> logger)
    : m_in(in), m_out(out), m_options(std::move(options)), m_log(std::move(logger))
{
    if (!m_log)
        m_log = std::make_shared<spdlog::logger>("player"); // no sinks: silent
}

void TerminalPlayer::showHeader(const Session& session)
{
    const auto& meta = session.scenario().meta;
    m_out << "== " << meta.title << " ==\n";
    if (!meta.summary.empty())
        m_out << trimmed(meta.summary) << "\n\n";
    m_out << (m_options.feedbackEachTurn ? "(practice mode: feedback after every answer)"
                                         : "(assessment mode: feedback at the end)")
          << "\n\n";
    m_atBlankLine = true;
}

void TerminalPlayer::showEvent(const Session& session)
{
    std::visit(
        [&](const auto& event) {
            using T = std::decay_t<decltype(event)>;
            if constexpr (std::is_same_v<T, LineEvent>) {
                m_atBlankLine = false;
                m_out << event.speakerName;
                if (!event.mood.empty())
                    m_out << " (" << event.mood << ")";
                m_out << ": " << trimmed(event.text) << "\n";
            } else if constexpr (std::is_same_v<T, ChoiceEvent>) {
                paragraph();
                m_out << (event.prompt.empty() ? "What do you say?" : trimmed(event.prompt)) << "\n";
                for (const auto& option : event.options) {
                    m_out << "  " << option.number << ". ";
                    if (!option.available)
                        m_out << "[unavailable: " << trimmed(option.unavailableReason) << "] ";
                    m_out << trimmed(option.text) << "\n";
                }
            } else if constexpr (std::is_same_v<T, PromptEvent>) {
                paragraph();
                m_out << trimmed(event.prompt) << "\n";
                m_out << "(answer in your own words, one line)\n";
            } else if constexpr (std::is_same_v<T, EndEvent>) {
                // shown by showDebrief
            }
        },
        session.current());
}

void TerminalPlayer::showTurn(const TurnResult& turn)
{
    if (!m_options.feedbackEachTurn)
        return;
    std::optional<scoring::Analysis> analysis;
    if (!turn.route.empty()) {
        if (m_options.analyser) {
            analysis = m_options.analyser->explain(turn.answer);
            m_out << "  What your words did: " << scoring::detectedSummary(*analysis) << "\n";
            for (const auto& e : analysis->evidence)
                m_out << "    - " << e.why << "\n";
        }
        m_out << "  Recognised: " << turn.route << "\n";
    }
    if (!turn.feedback.empty())
        m_out << "  Feedback: " << trimmed(turn.feedback) << "\n";
    if (!turn.evidence.empty())
        m_out << "  Evidence: " << evidenceLine(turn.evidence) << "\n";
    if (m_scenario && m_scenario->meta.kind == core::ScenarioKind::Panel) {
        bool headed = false;
        for (const auto& r : scoring::judgeTurn(*m_scenario, turn, analysis ? &*analysis : nullptr, m_turns)) {
            if (r.line.empty())
                continue;
            if (!headed)
                m_out << "  The panel:\n";
            headed = true;
            m_out << "    " << r.expertName << " " << scoring::toString(r.verdict) << ": " << trimmed(r.line) << "\n";
        }
    }
    ++m_turns;
    m_out << "\n";
    m_atBlankLine = true;
}

void TerminalPlayer::paragraph()
{
    if (!m_atBlankLine)
        m_out << "\n";
    m_atBlankLine = false;
}

void TerminalPlayer::showDebrief(const Session& session)
{
    const auto* end = std::get_if<EndEvent>(&session.current());
    if (!end)
        return;
    const auto& scenario = session.scenario();
    paragraph();
    m_out << "== Outcome: " << core::toString(end->outcome);
    if (!end->title.empty())
        m_out << " - " << end->title;
    m_out << " ==\n" << trimmed(end->debrief) << "\n";

    if (!m_options.feedbackEachTurn) {
        m_out << "\nYour answers:\n";
        for (const auto& entry : session.transcript()) {
            if (entry.kind != TranscriptEntry::Kind::Choice && entry.kind != TranscriptEntry::Kind::Response)
                continue;
            m_out << "  [" << entry.nodeId << "] " << trimmed(entry.text) << "\n";
            if (!entry.feedback.empty())
                m_out << "    Feedback: " << trimmed(entry.feedback) << "\n";
            if (!entry.evidence.empty())
                m_out << "    Evidence: " << evidenceLine(entry.evidence) << "\n";
        }
    }

    if (m_options.analyser)
        showScorecard(session);
    else
        showTotals(session);

    // The expert's path where it was stronger than the trainee's (scoring/ExpertPath.hpp).
    const auto path = scoring::expertPath(scenario, session.transcript(),
                                          [&](const core::TextTemplate& t) { return session.render(t); });
    bool missedHeaded = false;
    std::vector<std::string> shownModelAnswers;
    for (const auto& step : path) {
        if (!step.missed || step.expert.empty())
            continue;
        shownModelAnswers.push_back(step.nodeId);
        if (!missedHeaded)
            m_out << "\nWhere an expert's answer was stronger:\n";
        missedHeaded = true;
        m_out << "  [" << step.nodeId << "] You: " << trimmed(step.yours) << "\n";
        m_out << "    Expert: " << trimmed(step.expert) << "\n";
        if (!step.expertWhy.empty())
            m_out << "    Why: " << trimmed(step.expertWhy) << "\n";
    }

    bool headed = false;
    for (const auto& node : scenario.nodes) {
        const auto* respond = std::get_if<core::RespondNode>(&node.body);
        if (!respond || respond->modelAnswer.empty() || session.state().visits[scenario.findNode(node.id).value()] == 0 ||
            std::find(shownModelAnswers.begin(), shownModelAnswers.end(), node.id) != shownModelAnswers.end())
            continue; // not reached, or already shown where the expert's answer was stronger
        if (!headed)
            m_out << "\nWhat an expert coach might have said:\n";
        headed = true;
        m_out << "  [" << node.id << "] " << trimmed(respond->modelAnswer) << "\n";
    }
}

void TerminalPlayer::showTotals(const Session& session)
{
    m_out << "\nScores by principle:\n";
    const auto totals = session.totals();
    for (std::size_t i = 0; i < totals.size(); ++i) {
        bool touched = false;
        for (const auto& entry : session.transcript())
            for (const auto& e : entry.evidence)
                touched = touched || e.principle == totals[i].principle;
        if (!touched)
            continue;
        m_out << "  " << session.scenario().framework.principles[i].name << ": " << signedAmount(totals[i].amount) << "\n";
    }
}

void TerminalPlayer::showScorecard(const Session& session)
{
    const auto card = scoring::buildScorecard(session.scenario(), session.transcript(), *m_options.analyser);
    // Trainee answers are numbered 1, 2, ... in the order given; traces name them so.
    std::vector<std::size_t> answerNumber(session.transcript().size(), 0);
    std::size_t answers = 0;
    for (std::size_t i = 0; i < session.transcript().size(); ++i) {
        const auto kind = session.transcript()[i].kind;
        if (kind == TranscriptEntry::Kind::Choice || kind == TranscriptEntry::Kind::Response)
            answerNumber[i] = ++answers;
    }
    const auto answersOf = [&](const auto& entries) {
        std::vector<std::size_t> numbers;
        for (const auto e : entries)
            numbers.push_back(answerNumber[e]);
        std::sort(numbers.begin(), numbers.end());
        numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
        std::string out;
        for (const auto n : numbers)
            out += (out.empty() ? "" : ", ") + std::to_string(n);
        return out;
    };
    char buffer[64];
    m_out << "\nScores by principle (answer numbers in brackets):\n";
    for (const auto& p : card.principles) {
        if (p.traces.empty())
            continue;
        std::vector<std::size_t> entries;
        for (const auto& t : p.traces)
            entries.push_back(t.entry);
        std::snprintf(buffer, sizeof buffer, "%+g", p.score);
        m_out << "  " << p.name << ": " << buffer << " [" << answersOf(entries) << "]\n";
    }
    const auto value = [&](std::string_view name) { return card.measure(name) ? card.measure(name)->value : 0.0; };
    const auto where = [&](std::string_view name) {
        const auto* m = card.measure(name);
        return m && !m->entries.empty() ? " [" + answersOf(m->entries) + "]" : std::string();
    };
    m_out << "\nHow you spoke:\n";
    m_out << "  questions: " << value("questions") << where("questions") << "; statements: " << value("statements")
          << where("statements") << "\n";
    if (value("questions") > 0) {
        std::snprintf(buffer, sizeof buffer, "%.2f", value("reflections per question"));
        m_out << "  reflections per question: " << buffer << where("reflections") << " (MITI: 1 is fair, 2 is good)\n";
    } else {
        m_out << "  reflections: " << value("reflections") << where("reflections") << ", and no questions asked\n";
    }
    std::snprintf(buffer, sizeof buffer, "%.0f%%", 100 * value("trainee share of words"));
    m_out << "  your share of the words spoken: " << buffer << "\n";
    m_out << "  advice given: " << value("advice given") << where("advice given") << ", after asking first: "
          << value("advice after asking first") << where("advice after asking first") << "\n";
}

bool TerminalPlayer::readAnswer(std::string& line)
{
    for (;;) {
        if (m_options.interactive)
            m_out << "> " << std::flush;
        if (!std::getline(m_in, line))
            return false;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const std::string t = trimmed(line);
        if (t.empty() || t[0] == '#')
            continue;
        line = t;
        if (!m_options.interactive && m_options.echoAnswers)
            m_out << "> " << line << "\n";
        return true;
    }
}

bool TerminalPlayer::command(Session& session, const std::string& line, PlayResult& result)
{
    if (line.empty() || line[0] != ':')
        return false;
    if (line == ":quit") {
        result = PlayResult::Quit;
        return true;
    }
    if (line == ":undo") {
        m_out << (session.undo() ? "  (undone: back to your last decision)\n" : "  (nothing to undo)\n");
        showEvent(session);
        return true;
    }
    if (line.rfind(":save", 0) == 0) {
        std::string path = trimmed(line.substr(5));
        if (path.empty() && m_options.savePath)
            path = m_options.savePath->string();
        if (path.empty()) {
            m_out << "  (say where: :save FILE)\n";
            return true;
        }
        if (const auto error = writeFileAtomically(path, saveSession(session)))
            m_out << "  (could not save: " << *error << ")\n";
        else
            m_out << "  (saved to " << path << ")\n";
        return true;
    }
    m_out << "  Commands: :undo, :save FILE, :quit. At a choice type its number; otherwise type your answer.\n";
    return true;
}

PlayResult TerminalPlayer::play(Session& session)
{
    m_scenario = &session.scenario();
    showHeader(session);
    showEvent(session);
    PlayResult result = PlayResult::Finished;
    while (!session.finished()) {
        const Event& event = session.current();
        if (std::holds_alternative<LineEvent>(event)) {
            session.next();
            showEvent(session);
            continue;
        }
        std::string line;
        if (!readAnswer(line)) {
            m_out << "\n(input ended before the scenario finished)\n";
            m_log->warn("input ended at node '{}'", session.scenario().nodes[session.state().cursor].id);
            return PlayResult::InputEnded;
        }
        if (command(session, line, result)) {
            if (result == PlayResult::Quit)
                return result;
            continue;
        }
        Answer answer;
        if (std::holds_alternative<ChoiceEvent>(event)) {
            std::size_t number = 0;
            const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), number);
            if (ec != std::errc() || ptr != line.data() + line.size()) {
                m_out << "  (type the number of an option)\n";
                continue;
            }
            answer = session.choose(number);
        } else {
            answer = session.respond(line);
        }
        if (!answer.accepted()) {
            m_out << "  (" << answer.refused << ")\n";
            continue;
        }
        m_log->debug("answered at '{}': route '{}'", answer.result->nodeId, answer.result->route);
        showTurn(*answer.result);
        showEvent(session);
    }
    showDebrief(session);
    return result;
}

} // namespace sparring::console
