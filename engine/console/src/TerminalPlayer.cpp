#include "console/TerminalPlayer.hpp"

#include "core/Files.hpp"

#include "console/Classify.hpp"
#include "core/Utf8.hpp"
#include "runtime/Snapshot.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <istream>
#include <ostream>

namespace sparring::console {

using namespace runtime;

namespace {

/// The one place the player's output goes through: whole lines (and what is pending at a flush,
/// such as the "> " prompt) are written to the target through core::terminalSafe, so neither a
/// scenario's text nor a save's values nor an echoed answer can drive the trainee's terminal.
class TerminalSafeBuffer : public std::streambuf {
public:
    explicit TerminalSafeBuffer(std::ostream& target) : m_target(target) {}
    TerminalSafeBuffer(const TerminalSafeBuffer&) = delete;
    TerminalSafeBuffer& operator=(const TerminalSafeBuffer&) = delete;
    ~TerminalSafeBuffer() override { writePending(); }

protected:
    int_type overflow(int_type c) override
    {
        if (traits_type::eq_int_type(c, traits_type::eof()))
            return traits_type::not_eof(c);
        const char ch = traits_type::to_char_type(c);
        m_pending.push_back(ch);
        if (ch == '\n')
            writePending();
        return c;
    }
    std::streamsize xsputn(const char* text, std::streamsize count) override
    {
        m_pending.append(text, static_cast<std::size_t>(count));
        const auto lineEnd = m_pending.rfind('\n');
        if (lineEnd != std::string::npos) { // a code point never spans a line feed
            m_target << core::terminalSafe(std::string_view(m_pending).substr(0, lineEnd + 1));
            m_pending.erase(0, lineEnd + 1);
        }
        return count;
    }
    int sync() override
    {
        writePending();
        m_target.flush();
        return m_target ? 0 : -1;
    }

private:
    void writePending()
    {
        if (m_pending.empty())
            return;
        m_target << core::terminalSafe(m_pending);
        m_pending.clear();
    }
    std::ostream& m_target;
    std::string m_pending;
};

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

/// "1, 3, 4"
std::string numberList(const std::vector<std::size_t>& numbers)
{
    std::string out;
    for (const auto n : numbers)
        out += (out.empty() ? "" : ", ") + std::to_string(n);
    return out;
}

} // namespace

TerminalPlayer::TerminalPlayer(std::istream& in, std::ostream& out, PlayOptions options,
                               std::shared_ptr<spdlog::logger> logger)
    : m_in(in), m_safe(std::make_unique<TerminalSafeBuffer>(out)), m_options(std::move(options)),
      m_log(std::move(logger))
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

void TerminalPlayer::showTurn(const scoring::TurnReport& report)
{
    m_shownReports.push_back(report);
    if (!m_options.feedbackEachTurn)
        return; // assessment mode: everything waits for the debrief
    if (report.typed) {
        if (report.analysis) {
            m_out << "  What your words did: " << scoring::detectedSummary(*report.analysis) << "\n";
            for (const auto& e : report.analysis->evidence)
                m_out << "    - " << e.why << "\n";
        }
        m_out << "  Recognised: " << report.route << "\n";
    }
    if (!report.feedback.empty())
        m_out << "  Feedback: " << trimmed(report.feedback) << "\n";
    if (!report.evidence.empty())
        m_out << "  Evidence: " << evidenceLine(report.evidence) << "\n";
    showReactions(report.reactions, "  ");
    m_out << "\n";
    m_atBlankLine = true;
}

void TerminalPlayer::showReactions(const std::vector<scoring::Reaction>& reactions, const std::string& indent)
{
    if (reactions.empty())
        return;
    m_out << indent << "The panel:\n";
    for (const auto& r : reactions)
        m_out << indent << "  " << r.expertName << " " << scoring::toString(r.verdict)
              << (r.line.empty() ? "." : ": " + trimmed(r.line)) << "\n";
}

void TerminalPlayer::paragraph()
{
    if (!m_atBlankLine)
        m_out << "\n";
    m_atBlankLine = false;
}

void TerminalPlayer::showDebrief(const scoring::Debrief& debrief)
{
    m_shownDebrief = debrief;
    if (!debrief.ending)
        return;
    paragraph();
    m_out << "== Outcome: " << core::toString(debrief.ending->outcome);
    if (!debrief.ending->title.empty())
        m_out << " - " << debrief.ending->title;
    m_out << " ==\n" << trimmed(debrief.ending->debrief) << "\n";

    if (!m_options.feedbackEachTurn) {
        m_out << "\nYour answers:\n";
        for (const auto& turn : debrief.turns) {
            m_out << "  [" << turn.nodeId << "] " << trimmed(turn.answer) << "\n";
            if (!turn.feedback.empty())
                m_out << "    Feedback: " << trimmed(turn.feedback) << "\n";
            if (!turn.evidence.empty())
                m_out << "    Evidence: " << evidenceLine(turn.evidence) << "\n";
            showReactions(turn.reactions, "    ");
        }
    }

    showPrinciples(debrief);
    if (debrief.speech)
        showSpeech(debrief, *debrief.speech);

    bool missedHeaded = false;
    for (const auto& step : debrief.path) {
        if (!step.missed || step.expert.empty())
            continue;
        if (!missedHeaded)
            m_out << "\nWhere an expert's answer was stronger:\n";
        missedHeaded = true;
        m_out << "  [" << step.nodeId << "] You: " << trimmed(step.yours) << "\n";
        m_out << "    Expert: " << trimmed(step.expert) << "\n";
        if (!step.expertWhy.empty())
            m_out << "    Why: " << trimmed(step.expertWhy) << "\n";
    }

    if (!debrief.otherModelAnswers.empty())
        m_out << "\nWhat an expert coach might have said:\n";
    for (const auto& model : debrief.otherModelAnswers)
        m_out << "  [" << model.nodeId << "] " << trimmed(model.text) << "\n";
}

void TerminalPlayer::showPrinciples(const scoring::Debrief& debrief)
{
    if (!debrief.scored) {
        // Authored evidence only: totals without the answers behind them.
        m_out << "\nScores by principle:\n";
        for (const auto& p : debrief.principles)
            m_out << "  " << p.name << ": " << signedAmount(static_cast<int>(p.score)) << "\n";
        return;
    }
    m_out << "\nScores by principle (answer numbers in brackets):\n";
    char buffer[64];
    for (const auto& p : debrief.principles) {
        std::snprintf(buffer, sizeof buffer, "%+g", p.score);
        m_out << "  " << p.name << ": " << buffer << " [" << numberList(p.answers) << "]\n";
    }
}

void TerminalPlayer::showSpeech(const scoring::Debrief& debrief, const scoring::SpeechMeasures& speech)
{
    const auto where = [&](const scoring::Measure& m) {
        return m.entries.empty() ? std::string() : " [" + numberList(debrief.answerNumbers(m.entries)) + "]";
    };
    char buffer[64];
    m_out << "\nHow you spoke:\n";
    m_out << "  questions: " << speech.questions.value << where(speech.questions)
          << "; statements: " << speech.statements.value << where(speech.statements) << "\n";
    if (speech.questions.value > 0) {
        std::snprintf(buffer, sizeof buffer, "%.2f", speech.reflectionsPerQuestion.value);
        m_out << "  reflections per question: " << buffer << where(speech.reflections)
              << " (MITI: 1 is fair, 2 is good)\n";
    } else {
        m_out << "  reflections: " << speech.reflections.value << where(speech.reflections)
              << ", and no questions asked\n";
    }
    std::snprintf(buffer, sizeof buffer, "%.0f%%", 100 * speech.traineeShareOfWords.value);
    m_out << "  your share of the words spoken: " << buffer << "\n";
    m_out << "  advice given: " << speech.adviceGiven.value << where(speech.adviceGiven)
          << ", after asking first: " << speech.adviceAfterAskingFirst.value
          << where(speech.adviceAfterAskingFirst) << "\n";
}

bool TerminalPlayer::readAnswer(std::string& line)
{
    for (;;) {
        if (m_options.interactive)
            m_out << "> " << std::flush;
        if (!std::getline(m_in, line))
            return false;
        const auto answer = scriptAnswer(line);
        if (!answer)
            continue;
        line = *answer;
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
        const bool undone = session.undo();
        if (undone && !m_shownReports.empty())
            m_shownReports.pop_back(); // its decision is no longer in the session
        m_out << (undone ? "  (undone: back to your last decision)\n" : "  (nothing to undo)\n");
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
        if (const auto error = core::writeOutputFile(path, saveSession(session))) {
            m_out << "  (could not save to " << path << ": " << *error << ")\n";
            m_unsavedSave = true; // the command then exits non-zero, unless a later :save works
        } else {
            m_out << "  (saved to " << path << ")\n";
            m_unsavedSave = false;
        }
        return true;
    }
    m_out
        << "  Commands: :undo, :save FILE, :quit. At a choice type its number; otherwise type your answer.\n";
    return true;
}

std::optional<std::string> scriptAnswer(std::string line)
{
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    auto answer = trimmed(line);
    if (answer.empty() || answer[0] == '#')
        return std::nullopt;
    return answer;
}

PlayResult TerminalPlayer::play(Session& session)
{
    const PlayResult result = playToEnd(session);
    m_out.flush(); // what is pending in the terminal-safe buffer
    return result;
}

PlayResult TerminalPlayer::playToEnd(Session& session)
{
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
        } else if (line.rfind("@route ", 0) == 0) {
            // A path from `sparring analyze`: take the route by its label.
            answer = session.respondByRoute(std::string_view(line).substr(7));
        } else {
            answer = session.respond(line);
        }
        if (!answer.accepted()) {
            m_out << "  (" << answer.refused << ")\n";
            continue;
        }
        m_log->debug("answered at '{}': route '{}'", answer.result->nodeId, answer.result->route);
        if (const auto report = scoring::reportLatestDecision(session, m_options.analyser.get()))
            showTurn(scoring::shownDuringPlay(*report, mode()));
        showEvent(session);
    }
    if (const auto& stopped = session.stopped()) {
        m_stopped = *stopped;
        m_out << "\n(" << *stopped << ")\n";
        m_log->error("{}", *stopped);
        return PlayResult::Stopped;
    }
    showDebrief(scoring::buildDebrief(session, m_options.analyser.get()));
    return result;
}

} // namespace sparring::console
