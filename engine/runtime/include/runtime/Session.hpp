#pragma once
// A Session runs one trainee's conversation on a read-only Scenario: its cursor, variables,
// visit counts, once-only options used, random draws and transcript. Any number of sessions can
// share one Scenario. Deterministic for a given seed and the same answers.

#include "core/Scenario.hpp"
#include "core/TextSegmenter.hpp"
#include "core/UtteranceAnalyser.hpp"
#include "runtime/Events.hpp"
#include "runtime/SessionState.hpp"
#include "runtime/UndoHistory.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace sparring::runtime {

struct SessionOptions {
    std::uint64_t seed = 1;
    /// Keep what each decision changed so undo() works (UndoHistory). Headless benchmarks that
    /// never undo turn it off.
    bool keepHistory = true;
    /// Record lines, answers and endings. Headless benchmarks turn it off too.
    bool recordTranscript = true;
    /// Answers `acts`/`tags` in respond routes; without one such routes never match.
    std::shared_ptr<const core::UtteranceAnalyser> analyser;
};

/// The answer to choose()/respond(): the turn's result, or why the answer was refused.
struct Answer {
    std::optional<TurnResult> result;
    std::string refused; ///< e.g. "option 4 is not available: Sam doesn't trust you yet"
    [[nodiscard]] bool accepted() const { return result.has_value(); }
};

class Session : private core::EvaluationContext {
public:
    Session(std::shared_ptr<const core::Scenario> scenario, SessionOptions options = {});

    /// What the trainee sees now.
    /// Built on first request after each step, so headless play never pays for rendering text.
    [[nodiscard]] const Event& current() const;
    /// True at an ending, and when the session has stopped().
    [[nodiscard]] bool finished() const;
    /// Why the session stopped before an ending, if it did: it entered more than
    /// core::limits::maxStepsBetweenDecisions nodes without a decision ("the scenario loops
    /// between 'a' and 'b' without a decision: stopped after 10000 steps"). A stopped session
    /// takes no more steps or answers (undo() takes it back to the last decision); front ends
    /// show the message instead of the current event.
    [[nodiscard]] const std::optional<std::string>& stopped() const { return m_stopped; }

    /// After a line: go on. Ignored (returns false) when the current event is not a line.
    bool next();
    /// At a choice: pick the option shown with `number` (1-based).
    Answer choose(std::size_t number);
    /// The same move without describing it: no TurnResult, no texts rendered. For headless
    /// players (automatic play, explorers, benchmarks) that only need the state to advance.
    /// False, and nothing changes, when choose() would refuse.
    bool pick(std::size_t number);
    /// At a prompt: answer in the trainee's own words.
    Answer respond(std::string_view text);
    /// At a prompt: take the route labelled `label` ("otherwise" for none), as if an answer had
    /// matched it, provided its condition holds. For authors and tests replaying a path that
    /// `sparring analyze` found (scripts write it `@route LABEL`); the transcript records the
    /// answer as "@route LABEL".
    Answer respondByRoute(std::string_view label);
    /// Takes back the last decision (choice or response). False when there is none.
    bool undo();
    [[nodiscard]] bool canUndo() const { return !m_history.empty(); }

    [[nodiscard]] const std::vector<TranscriptEntry>& transcript() const { return m_transcript; }
    /// How many decisions (picked options and typed answers) the transcript holds.
    [[nodiscard]] std::size_t decisionCount() const { return m_decisions; }
    /// Evidence summed per principle id over the whole session, in framework order.
    [[nodiscard]] std::vector<EvidenceItem> totals() const;
    [[nodiscard]] const core::Scenario& scenario() const { return *m_scenario; }
    [[nodiscard]] const std::shared_ptr<const core::Scenario>& scenarioPtr() const { return m_scenario; }
    [[nodiscard]] const SessionState& state() const { return m_state; }
    /// The state at each earlier decision, oldest first, rebuilt from the undo history (for saves).
    [[nodiscard]] std::vector<SessionState> history() const { return m_history.states(); }
    [[nodiscard]] const SessionOptions& options() const { return m_options; }
    [[nodiscard]] const core::Value& value(std::string_view variable) const;

    /// Rebuilds a session from saved parts (used by restore); `state.cursor` must be a node
    /// the session can stand on. The transcript and history are taken as they are.
    /// With `reoffer`, the options at a choice are decided again (the scenario has changed).
    static Session fromParts(std::shared_ptr<const core::Scenario> scenario, SessionOptions options,
                             SessionState state, std::vector<SessionState> history,
                             std::vector<TranscriptEntry> transcript, bool reoffer);

    /// Renders a text template with the current variable values, `{said}` as the latest
    /// decision's quotable words and `{recap}` as what the trainee has committed to (both read from
    /// the transcript, so they are empty or "nothing specific yet" when it is not recorded).
    [[nodiscard]] std::string render(const core::TextTemplate& text) const;

private:
    // EvaluationContext
    [[nodiscard]] const core::Value& variable(std::size_t slot) const override
    {
        return m_state.variables[slot];
    }
    [[nodiscard]] std::int64_t visits(std::size_t node) const override { return m_state.visits[node]; }
    [[nodiscard]] std::int64_t score(std::size_t principle) const override
    {
        return principle < m_state.scores.size() ? m_state.scores[principle] : 0;
    }
    /// Adds an answer's authored evidence to the running scores.
    void addEvidence(const core::Consequence& then);
    std::int64_t random(std::int64_t lo, std::int64_t hi) override;

    void enter(std::size_t node);
    void settle();
    void offerChoice();
    /// Takes the offered option `number` (checked by the caller): once-only bookkeeping, its
    /// effects, and on to its target.
    void advance(std::size_t number);
    void recordChoice(std::size_t number, std::string text, const core::Option& picked);
    /// The latest decision's quotable words (`{said}`), "" before the first.
    [[nodiscard]] std::string latestSaid() const;
    /// The option shown as `number` (1-based, in range) at `choice`.
    [[nodiscard]] const core::Option& offeredOption(const core::ChoiceNode& choice, std::size_t number) const;
    [[nodiscard]] core::StepProgram::Machine machine() { return {m_state.variables, m_state.visits, *this}; }
    void buildEvent() const;
    /// Takes an answer's consequence: its effects, then on to its target.
    void take(const core::StepProgram::OptionEntry& consequence);
    void pushHistory();
    /// Takes route `taken` of the prompt (routes.size(): otherwise) for the answer `text`.
    Answer takeRoute(std::size_t taken, std::string_view text, std::string said,
                     std::optional<core::UtteranceAnalysis> analysis);
    [[nodiscard]] bool analysisMatches(const core::ResponseMatch& match,
                                       const core::UtteranceAnalysis& analysis) const;
    void reseed();

    std::shared_ptr<const core::Scenario> m_scenario;
    std::shared_ptr<const core::StepProgram> m_steps; ///< the scenario's compiled form
    SessionOptions m_options;
    SessionState m_state;
    UndoHistory m_history;
    std::vector<TranscriptEntry> m_transcript;
    std::size_t m_decisions = 0; ///< decisions in m_transcript, kept as it grows
    mutable Event m_event;
    mutable bool m_eventStale = true;
    std::mt19937_64 m_rng;
    /// Nodes entered since the last decision (or the start), against maxStepsBetweenDecisions.
    std::size_t m_stepsSinceDecision = 0;
    std::optional<std::string> m_stopped;
    /// Reads free-text answers for phrase routes; made on the first answer (sessions that never
    /// get one, like headless benchmarks, never pay for ICU's break iterators).
    std::shared_ptr<core::TextSegmenter> m_segmenter;
};

} // namespace sparring::runtime
