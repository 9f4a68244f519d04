#pragma once
// Playing a scenario with arbitrary bytes as the trainee's answers, and what the save and the
// transcript written after it must be, for the FuzzSave and FuzzTranscript targets and for the
// runtime tests that replay their findings (tests/fuzz/regressions/save-*, transcript-*).
//
// The input: its first byte picks the scenario (even: the small built-in one below, odd: a shipped
// role-play with free-text prompts); then one record per decision, a length byte L and L bytes.
// At a choice the L bytes, little-endian, are the number picked (any number: most are refused);
// at a prompt they are the typed answer, whatever they hold (NUL, ESC, C1, DEL, bytes that are
// not UTF-8, nothing at all). L = 0 takes the last decision back (undo).

#include "core/Loader.hpp"
#include "core/Utf8.hpp"
#include "runtime/Snapshot.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sparring::fuzz {

/// Choices (a once-only option, a random draw), a phrase-routed prompt whose words a later line
/// quotes ({said}), variables in texts: a small scenario every part of a save is written for.
inline constexpr const char* kSmallScenario = R"yaml(framework:
  id: fuzz
  name: Fuzz framework
  principles:
    - {id: ask, name: Ask, description: Ask first.}
    - {id: own, name: Own, description: Let the rep decide.}
scenario: {id: fuzz-small, title: Small, kind: roleplay}
cast:
  - {id: sam, name: Sam, portrait: {image: p/sam, expressions: [neutral, frustrated]}}
variables:
  trust: {type: int, min: 0, max: 10, initial: 4}
  note: {type: string, initial: none}
start: intro
nodes:
  intro: {type: line, speaker: sam, text: "Hi", mood: frustrated, next: pick}
  pick:
    type: choice
    options:
      - {text: "Ask ({trust})", goto: words, do: [trust += 1, "note = \"asked\""], evidence: {ask: 2}, feedback: Good.}
      - {text: Vent, once: true, goto: pick, evidence: {own: -1}}
      - {text: Roll, goto: pick, do: ["trust = random(0, 10)"]}
      - {text: Leave, goto: done}
  words:
    type: respond
    prompt: Say it
    routes:
      - {match: {any: [what, why]}, goto: quote, evidence: {ask: 1}, feedback: Good question.}
    otherwise: {goto: quote, evidence: {own: -1}}
  quote: {type: line, speaker: sam, text: "You said {said}, trust {trust}", next: words2}
  words2:
    type: respond
    prompt: And then?
    routes:
      - {match: {any: [plan]}, goto: done, evidence: {own: 2}}
    otherwise: {goto: pick}
  done: {type: end, outcome: good, title: Done, debrief: "Done with {trust} and {note}"}
)yaml";

/// The two scenarios, loaded once; null when one does not load (a broken build or checkout).
inline std::shared_ptr<const core::Scenario> scenarioFor(std::uint8_t selector,
                                                         const std::filesystem::path& sourceDir)
{
    static const auto load = [](core::LoadResult loaded) -> std::shared_ptr<const core::Scenario> {
        if (!loaded.scenario)
            return nullptr;
        return std::make_shared<const core::Scenario>(std::move(*loaded.scenario));
    };
    static const auto small = load(core::loadScenarioText(kSmallScenario, "fuzz-small.yaml", sourceDir));
    static const auto shipped =
        load(core::loadScenario(sourceDir / "scenarios/roleplay/ethical-corner.yaml"));
    return selector % 2 == 0 ? small : shipped;
}

/// Plays `session` from the records in `bytes` (see the header), at most 300 steps.
inline void playBytes(runtime::Session& session, std::string_view bytes)
{
    std::size_t at = 0;
    for (int step = 0; step < 300 && !session.finished(); ++step) {
        if (session.next())
            continue;
        if (at >= bytes.size())
            return;
        const std::size_t length =
            std::min<std::size_t>(static_cast<unsigned char>(bytes[at]), bytes.size() - at - 1);
        const std::string_view record = bytes.substr(at + 1, length);
        at += 1 + length;
        if (length == 0) {
            (void)session.undo();
        } else if (std::holds_alternative<runtime::ChoiceEvent>(session.current())) {
            std::uint64_t number = 0;
            for (std::size_t i = 0; i < std::min<std::size_t>(record.size(), 8); ++i)
                number |= static_cast<std::uint64_t>(static_cast<unsigned char>(record[i])) << (8 * i);
            (void)session.choose(static_cast<std::size_t>(number));
        } else if (std::holds_alternative<runtime::PromptEvent>(session.current())) {
            (void)session.respond(record);
        }
    }
}

/// What the JSON writers promise of `text`: valid UTF-8, no control character a terminal acts on
/// (core::firstTerminalControl; line feed and tab are layout), JSON that parses. What is wrong, or
/// nothing.
inline std::optional<std::string> jsonProblem(const std::string& text, const char* what)
{
    if (const auto bad = core::firstInvalidUtf8(text))
        return std::string(what) + ": invalid UTF-8 at byte " + std::to_string(*bad);
    if (const auto control = core::firstTerminalControl(text))
        return std::string(what) + ": control character " + std::to_string(control->codePoint) + " at byte " +
               std::to_string(control->offset);
    if (!nlohmann::json::accept(text))
        return std::string(what) + ": not JSON";
    return std::nullopt;
}

/// Plays `bytes`, saves, and checks the save: JSON as jsonProblem says, restored without problems
/// to the same state (cursor, variables, visits, scores...), and saved again to the same text.
inline std::optional<std::string> saveProblem(std::string_view bytes, const std::filesystem::path& sourceDir)
{
    if (bytes.empty())
        return std::nullopt;
    const auto scenario = scenarioFor(static_cast<std::uint8_t>(bytes[0]), sourceDir);
    if (!scenario)
        return "the scenario did not load";
    runtime::Session session(scenario);
    playBytes(session, bytes.substr(1));
    const std::string saved = runtime::saveSession(session);
    if (auto problem = jsonProblem(saved, "the save"))
        return problem;
    auto restored = runtime::restoreSession(scenario, saved);
    if (!restored.session || !restored.problems.empty())
        return "the save does not restore: " + (restored.problems.empty() ? "" : restored.problems.front());
    if (!(restored.session->state() == session.state()))
        return "the save restores to another state";
    if (restored.session->transcript().size() != session.transcript().size())
        return "the save restores another transcript";
    if (runtime::saveSession(*restored.session) != saved)
        return "the restored session saves differently";
    return std::nullopt;
}

/// Plays `bytes` and checks the transcript as jsonProblem says, with one entry per recorded one.
inline std::optional<std::string> transcriptProblem(std::string_view bytes,
                                                    const std::filesystem::path& sourceDir)
{
    if (bytes.empty())
        return std::nullopt;
    const auto scenario = scenarioFor(static_cast<std::uint8_t>(bytes[0]), sourceDir);
    if (!scenario)
        return "the scenario did not load";
    runtime::Session session(scenario);
    playBytes(session, bytes.substr(1));
    const std::string written = runtime::transcriptJson(session);
    if (auto problem = jsonProblem(written, "the transcript"))
        return problem;
    const auto doc = nlohmann::json::parse(written);
    if (!doc.contains("entries") || doc["entries"].size() != session.transcript().size())
        return "the transcript has another number of entries";
    return std::nullopt;
}

} // namespace sparring::fuzz
