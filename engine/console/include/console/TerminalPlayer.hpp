#pragma once
// The terminal player: renders a Session's events as text and reads the trainee's answers,
// from a person at a terminal or from a script. The same inputs always give the same output,
// which is what the transcript tests compare.

#include "runtime/Session.hpp"
#include "scoring/Analyser.hpp"
#include "scoring/Debrief.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>

namespace spdlog {
class logger;
}

namespace sparring::console {

struct PlayOptions {
    bool interactive = false;     ///< print input prompts ("> ") for a person at a terminal
    bool echoAnswers = true;      ///< print scripted answers after the prompt, as if typed
    bool feedbackEachTurn = true; ///< practice mode; false: assessment mode (all feedback at the end)
    std::optional<std::filesystem::path> savePath; ///< where ':save' writes when given no path
    /// Explains free-text answers (what was detected, with evidence). Without it the player
    /// shows only the route and the scenario's feedback.
    std::shared_ptr<const scoring::Analyser> analyser;
};

/// Stopped: the scenario went round without a decision for longer than the runtime allows
/// (core::limits::maxStepsBetweenDecisions).
enum class PlayResult { Finished, InputEnded, Quit, Stopped };

/// Plays `session` to its end, reading answers from `in` and writing everything to `out`.
/// Nothing it writes carries a control character a terminal would act on: all of it passes
/// through core::terminalSafe (a scenario's text, a save's values, what the trainee typed).
/// Answers: a number at a choice; free text at a prompt; ':undo', ':save [FILE]', ':quit',
/// ':help' anywhere; lines starting with '#' are comments.
class TerminalPlayer {
public:
    TerminalPlayer(std::istream& in, std::ostream& out, PlayOptions options,
                   std::shared_ptr<spdlog::logger> logger = nullptr);

    PlayResult play(runtime::Session& session);
    /// When play() stopped because the scenario looped without a decision (PlayResult::Stopped):
    /// the session's message, also written to `out`.
    [[nodiscard]] const std::optional<std::string>& stopped() const { return m_stopped; }

    /// The engine's reports this player showed after each answer still in the session (an undone
    /// one is dropped; in assessment mode: what was shown of them), and the debrief it showed at the end:
    /// what a test compares with the desktop trainer's.
    [[nodiscard]] const std::vector<scoring::TurnReport>& shownReports() const { return m_shownReports; }
    [[nodiscard]] const std::optional<scoring::Debrief>& shownDebrief() const { return m_shownDebrief; }
    /// The last ':save' the trainee asked for was not written (and no later one was).
    [[nodiscard]] bool unsavedSave() const { return m_unsavedSave; }

private:
    void showHeader(const runtime::Session& session);
    void showEvent(const runtime::Session& session);
    void showTurn(const scoring::TurnReport& report);
    void showReactions(const std::vector<scoring::Reaction>& reactions, const std::string& indent);
    void showDebrief(const scoring::Debrief& debrief);
    void showPrinciples(const scoring::Debrief& debrief); ///< traced to answer numbers when scored
    void showSpeech(const scoring::Debrief& debrief, const scoring::SpeechMeasures& speech);
    [[nodiscard]] scoring::FeedbackMode mode() const
    {
        return m_options.feedbackEachTurn ? scoring::FeedbackMode::Practice
                                          : scoring::FeedbackMode::Assessment;
    }
    void paragraph(); ///< a blank line, unless the last line written was blank
    bool readAnswer(std::string& line);
    bool command(runtime::Session& session, const std::string& line, PlayResult& result);

    PlayResult playToEnd(runtime::Session& session);

    std::istream& m_in;
    std::unique_ptr<std::streambuf> m_safe; ///< line by line through core::terminalSafe to `out`
    std::ostream m_out{m_safe.get()};
    PlayOptions m_options;
    std::shared_ptr<spdlog::logger> m_log;
    bool m_atBlankLine = false;
    std::vector<scoring::TurnReport> m_shownReports;
    std::optional<scoring::Debrief> m_shownDebrief;
    bool m_unsavedSave = false;
    std::optional<std::string> m_stopped;
};

/// A line of an answer script (`play --script`, `listen --script`) as an answer: trimmed, or
/// nothing for a blank line or a `#` comment.
[[nodiscard]] std::optional<std::string> scriptAnswer(std::string line);

} // namespace sparring::console
