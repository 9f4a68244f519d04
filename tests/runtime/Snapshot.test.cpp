// Save and restore: round trips, undo after restore, restoring against edited scenarios, damaged
// saves, and the transcript export.

#include "runtime/Snapshot.hpp"
#include "TestSupport.hpp"
#include "fuzz/PlayBytes.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

namespace sparring::test {
namespace {

using namespace runtime;

std::string
scenarioText(const std::string& extraVariable = "",
             const std::string& tailNode = "  tail: {type: line, speaker: sam, text: tail, next: done}\n")
{
    return std::string(kFramework) + R"yaml(scenario:
  id: snap
  title: Snap
  kind: roleplay
cast:
  - {id: sam, name: Sam, portrait: {image: p/sam, expressions: [neutral, frustrated]}}
variables:
  trust: {type: int, min: 0, max: 10, initial: 4}
  note: {type: string, initial: none}
)yaml" + extraVariable +
           R"yaml(start: intro
nodes:
  intro: {type: line, speaker: sam, text: "Hi", mood: frustrated, next: pick}
  pick:
    type: choice
    options:
      - {text: "Ask ({trust})", goto: words, do: [trust += 1, "note = \"asked\""], evidence: {ask: 2}, feedback: Good.}
      - {text: Vent, once: true, goto: pick}
      - {text: Roll, goto: pick, do: ["trust = random(0, 10)"]}
  words:
    type: respond
    prompt: Say it
    routes:
      - {match: {any: [what]}, goto: tail, evidence: {ask: 1}}
    otherwise: {goto: tail}
)yaml" + tailNode +
           R"yaml(  done: {type: end, outcome: good, debrief: "Done with {trust}"}
)yaml";
}

std::shared_ptr<const core::Scenario> load(const std::string& text)
{
    return mustLoad(text);
}

TEST(Snapshot, RoundTripRestoresEverythingAndContinuesIdentically)
{
    const auto scenario = load(scenarioText());
    SessionOptions options;
    options.seed = 42;
    Session original(scenario, options);
    original.next();
    original.choose(3); // random roll
    original.choose(2); // once-only vent
    original.choose(1); // ask
    const std::string saved = saveSession(original);

    auto restored = restoreSession(scenario, saved);
    ASSERT_TRUE(restored.session) << ::testing::PrintToString(restored.problems);
    EXPECT_TRUE(restored.problems.empty());
    EXPECT_TRUE(restored.notes.empty());
    Session& copy = *restored.session;
    EXPECT_EQ(copy.state(), original.state());
    EXPECT_EQ(copy.transcript(), original.transcript());
    EXPECT_EQ(copy.current(), original.current());
    EXPECT_EQ(copy.history(), original.history());
    EXPECT_EQ(copy.options().seed, 42u);
    EXPECT_EQ(saveSession(copy), saved);

    original.respond("what now");
    copy.respond("what now");
    EXPECT_EQ(copy.transcript(), original.transcript());
    EXPECT_EQ(copy.state(), original.state());
}

/// A typed answer pasted from a Latin-1 document is not valid UTF-8: the save and the transcript
/// are still written (the bad bytes as U+FFFD), and the save restores.
TEST(Snapshot, AnAnswerThatIsNotUtf8IsSavedNotACrash)
{
    const auto scenario = load(scenarioText());
    runtime::Session session(scenario);
    while (session.next()) {
    }
    ASSERT_TRUE(session.choose(1).accepted());
    ASSERT_TRUE(session.respond("what about the caf\xe9 \xff deal?").accepted());
    std::string saved;
    ASSERT_NO_THROW(saved = runtime::saveSession(session));
    EXPECT_NE(saved.find("caf\xef\xbf\xbd"), std::string::npos); // U+FFFD
    EXPECT_TRUE(runtime::restoreSession(scenario, saved).session);
    std::string transcript;
    ASSERT_NO_THROW(transcript = runtime::transcriptJson(session));
    EXPECT_NE(transcript.find("\xef\xbf\xbd deal"), std::string::npos);
}

// JSON escapes the C0 controls in strings but lets DEL and the C1 controls through raw: typed in an
// answer, they reached the save and the transcript, which a trainee may `cat`. Written as \u
// escapes, they are still the same answer when restored.
TEST(Snapshot, ControlCharactersTypedInAnAnswerAreWrittenAsEscapes)
{
    const auto scenario = load(scenarioText());
    runtime::Session session(scenario);
    while (session.next()) {
    }
    ASSERT_TRUE(session.choose(1).accepted());
    const std::string typed = std::string("what \x7F\xC2\x9B") + "31m \xC2\x85\x1B[2J" + std::string(1, '\0');
    ASSERT_TRUE(session.respond(typed).accepted());
    const auto saved = runtime::saveSession(session);
    EXPECT_EQ(terminalHazard(saved), std::nullopt);
    EXPECT_NE(saved.find("what \\u007f\\u009b31m \\u0085\\u001b[2J\\u0000"), std::string::npos) << saved;
    const auto restored = runtime::restoreSession(scenario, saved);
    ASSERT_TRUE(restored.session);
    const auto& entries = restored.session->transcript();
    const auto answer = std::find_if(entries.begin(), entries.end(), [](const TranscriptEntry& e) {
        return std::holds_alternative<TypedAnswer>(e);
    });
    ASSERT_NE(answer, entries.end());
    EXPECT_EQ(std::get<TypedAnswer>(*answer).text, typed);
    const auto transcript = runtime::transcriptJson(session);
    EXPECT_EQ(terminalHazard(transcript), std::nullopt);
    EXPECT_NE(transcript.find("what \\u007f\\u009b31m"), std::string::npos) << transcript;
    bool found = false;
    const auto parsed = nlohmann::json::parse(transcript);
    for (const auto& entry : parsed["entries"])
        found = found || (entry.contains("text") && entry["text"] == typed);
    EXPECT_TRUE(found) << transcript;
}

// The save and transcript fuzz targets' seeds and kept findings (tests/fuzz/PlayBytes.hpp), checked
// here too, so they hold in every build and not only the fuzz preset's.
TEST(Snapshot, SaveAndTranscriptFuzzInputsKeepTheirPromises)
{
    const auto dir = sourceDir() / "tests/fuzz";
    std::size_t checked = 0;
    const auto check = [&](const std::filesystem::path& file, bool save) {
        const auto bytes = readFile(file);
        EXPECT_EQ(save ? fuzz::saveProblem(bytes, sourceDir()) : fuzz::transcriptProblem(bytes, sourceDir()),
                  std::nullopt)
            << file;
        ++checked;
    };
    for (const bool save : {true, false}) {
        for (const auto& entry :
             std::filesystem::directory_iterator(dir / (save ? "corpus/FuzzSave" : "corpus/FuzzTranscript")))
            check(entry.path(), save);
        for (const auto& entry : std::filesystem::directory_iterator(dir / "regressions"))
            if (entry.path().filename().string().rfind(save ? "save-" : "transcript-", 0) == 0)
                check(entry.path(), save);
    }
    EXPECT_GE(checked, 14u);
}

TEST(Snapshot, UndoWorksAfterRestore)
{
    const auto scenario = load(scenarioText());
    Session s(scenario);
    s.next();
    s.choose(1);
    auto restored = restoreSession(scenario, saveSession(s));
    ASSERT_TRUE(restored.session);
    ASSERT_TRUE(restored.session->undo());
    EXPECT_EQ(std::get<ChoiceEvent>(restored.session->current()).nodeId, "pick");
    EXPECT_EQ(std::get<std::int64_t>(restored.session->value("trust")), 4);
}

TEST(Snapshot, RestoresAgainstAnEditedScenarioWhenIdsStillExist)
{
    const auto before = load(scenarioText());
    Session s(before);
    s.next();
    s.choose(1);
    const std::string saved = saveSession(s);
    // The edit adds a variable and rewords a line: every saved id still exists.
    const auto after = load(scenarioText("  mood_roll: {type: int, min: 0, max: 3, initial: 1}\n",
                                         "  tail: {type: line, speaker: sam, text: reworded, next: done}\n"));
    ASSERT_NE(before->fingerprint, after->fingerprint);
    auto restored = restoreSession(after, saved);
    ASSERT_TRUE(restored.session);
    EXPECT_EQ(restored.notes,
              (std::vector<std::string>{
                  "the scenario has changed since this save (version 1, now 1); restored by node ids"}));
    EXPECT_EQ(std::get<PromptEvent>(restored.session->current()).nodeId, "words");
    EXPECT_EQ(std::get<std::int64_t>(restored.session->value("mood_roll")), 1);
    restored.session->respond("what");
    EXPECT_EQ(std::get<LineEvent>(restored.session->current()).text, "reworded");
}

TEST(Snapshot, SaysExactlyWhatChangedWhenIdsAreGone)
{
    const auto before = load(scenarioText());
    Session s(before);
    s.next();
    s.choose(1);
    s.respond("what");
    const std::string saved = saveSession(s); // standing on 'tail'
    std::string edited = scenarioText("", "  ending: {type: line, speaker: sam, text: tail, next: done}\n");
    edited.replace(edited.find("note: {type: string, initial: none}"), 35,
                   "note: {type: bool, initial: false}");
    edited.replace(edited.find("\"note = \\\"asked\\\"\""), 18, "note = true");
    for (std::size_t at; (at = edited.find("goto: tail")) != std::string::npos;)
        edited.replace(at, 10, "goto: ending");
    const auto after = load(edited);
    ASSERT_TRUE(after);
    auto restored = restoreSession(after, saved);
    EXPECT_FALSE(restored.session);
    EXPECT_EQ(
        restored.problems,
        (std::vector<std::string>{"current state: node 'tail', where the session stood, no longer exists",
                                  "current state: variable 'note' is now bool but the save holds \"asked\"",
                                  "current state: visited node 'tail' no longer exists",
                                  "undo step 1: variable 'note' is now bool but the save holds \"none\"",
                                  "undo step 2: variable 'note' is now bool but the save holds \"asked\""}));
}

TEST(Snapshot, RefusesDamagedOrForeignSaves)
{
    const auto scenario = load(scenarioText());
    Session s(scenario);
    const std::string saved = saveSession(s);

    EXPECT_EQ(restoreSession(scenario, "{not json").problems,
              (std::vector<std::string>{
                  "the save is not valid JSON (the file is damaged or not a Sparring save)"}));
    EXPECT_EQ(restoreSession(scenario, "[1,2]").problems,
              (std::vector<std::string>{
                  "the save is not valid JSON (the file is damaged or not a Sparring save)"}));
    EXPECT_EQ(
        restoreSession(scenario, R"({"format": "other"})").problems,
        (std::vector<std::string>{"not a Sparring session save (its format is not 'sparring-session')"}));

    auto json = nlohmann::json::parse(saved);
    json["scenario"]["id"] = "elsewhere";
    EXPECT_EQ(restoreSession(scenario, json.dump()).problems,
              (std::vector<std::string>{"the save is for scenario 'elsewhere', not 'snap'"}));

    json = nlohmann::json::parse(saved);
    json["state"]["draws"] = "many";
    const auto wrongType = restoreSession(scenario, json.dump());
    EXPECT_FALSE(wrongType.session);
    ASSERT_EQ(wrongType.problems.size(), 1u);
    EXPECT_EQ(wrongType.problems[0].rfind("the save is damaged: ", 0), 0u) << wrongType.problems[0];

    json = nlohmann::json::parse(saved);
    json.erase("transcript");
    EXPECT_FALSE(restoreSession(scenario, json.dump()).session);

    // Truncated at every length: never a crash, never a half-restored session.
    for (std::size_t n = 0; n < saved.size(); n += 7) {
        const auto r = restoreSession(scenario, saved.substr(0, n));
        EXPECT_FALSE(r.session) << n;
        EXPECT_FALSE(r.problems.empty()) << n;
    }
}

TEST(Snapshot, RefusesNumbersThatAreNotWholeOrAreAbsurd)
{
    const auto scenario = load(scenarioText());
    Session s(scenario);
    const auto saved = nlohmann::json::parse(saveSession(s));
    const auto problemWith = [&](const char* field, const nlohmann::json& value) {
        auto json = saved;
        json["state"][field] = value;
        const auto r = restoreSession(scenario, json.dump());
        EXPECT_FALSE(r.session) << field;
        return r.problems.empty() ? std::string() : r.problems.front();
    };
    // A float where a whole number belongs once made nlohmann convert with undefined behaviour
    // (found by FuzzRestore; the input is tests/fuzz/regressions/restore-float-as-integer.json).
    EXPECT_EQ(problemWith("draws", 1e300), "the save is damaged: draws must be a whole number, not 1e+300");
    EXPECT_EQ(problemWith("draws", -1), "the save is damaged: draws cannot be negative: -1");
    EXPECT_EQ(problemWith("draws", 1'000'000'000'000LL),
              "the save is damaged: draws is 1000000000000, more than any session makes");
    EXPECT_EQ(problemWith("transcriptSize", "3"),
              "the save is damaged: transcriptSize must be a whole number, not \"3\"");
}

TEST(Snapshot, DeepJsonIsRefusedByDepthBeforeItIsParsed)
{
    const auto scenario = load(scenarioText());
    Session s(scenario);
    auto json = nlohmann::json::parse(saveSession(s));
    // 64 levels in all are within the limit (the save's own object is the first).
    json["state"]["draws"] = nlohmann::json::parse(std::string(62, '[') + std::string(62, ']'));
    EXPECT_EQ(restoreSession(scenario, json.dump()).problems.at(0).rfind("the save is damaged: draws", 0),
              0u);
    // Deeper: refused before nlohmann builds it, whose printing recurses once per level.
    const std::string deep = R"({"format": "sparring-session", "seed": )" + std::string(100'000, '[') +
                             std::string(100'000, ']') + "}";
    const auto r = restoreSession(scenario, deep);
    EXPECT_FALSE(r.session);
    EXPECT_EQ(r.problems, (std::vector<std::string>{
                              "the save is nested deeper than 64 levels of [ ] and { } (at byte 102); no "
                              "Sparring file is, so it is damaged or not one"}));
    // Brackets inside strings do not count.
    json = nlohmann::json::parse(saveSession(s));
    json["transcript"][0]["text"] = std::string(1'000, '[');
    EXPECT_TRUE(restoreSession(scenario, json.dump()).session);
}

TEST(Snapshot, AWrongValueIsEchoedCutToAReadableLength)
{
    const auto scenario = load(scenarioText());
    Session s(scenario);
    auto json = nlohmann::json::parse(saveSession(s));
    json["state"]["draws"] = std::string(1'000'000, 'x');
    const auto r = restoreSession(scenario, json.dump());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0], "the save is damaged: draws must be a whole number, not \"" +
                                 std::string(59, 'x') + "… (1000002 bytes)");
    json = nlohmann::json::parse(saveSession(s));
    json["state"]["cursor"] = std::string(5'000, 'n');
    EXPECT_EQ(restoreSession(scenario, json.dump()).problems.at(0),
              "current state: node '" + std::string(60, 'n') +
                  "…' (5000 bytes), where the session stood, "
                  "no longer exists");
}

TEST(Snapshot, EvidenceTotalsSaturateInsteadOfWrapping)
{
    const auto scenario = load(scenarioText());
    Session s(scenario);
    s.next();
    ASSERT_TRUE(s.choose(1).accepted());           // evidence ask +2, then a prompt
    ASSERT_TRUE(s.respond("what now").accepted()); // ask +1
    auto json = nlohmann::json::parse(saveSession(s));
    int decisions = 0;
    for (auto& entry : json["transcript"])
        if (entry.contains("evidence") && !entry["evidence"].empty()) {
            entry["evidence"][0]["amount"] = std::numeric_limits<int>::max();
            ++decisions;
        }
    ASSERT_EQ(decisions, 2);
    const auto r = restoreSession(scenario, json.dump());
    ASSERT_TRUE(r.session) << (r.problems.empty() ? "" : r.problems[0]);
    EXPECT_EQ(r.session->totals().at(0).principle, "ask");
    EXPECT_EQ(r.session->totals().at(0).amount, std::numeric_limits<int>::max());
    json = nlohmann::json::parse(transcriptJson(*r.session));
    EXPECT_EQ(json["totals"]["ask"], std::numeric_limits<int>::max());
}

TEST(Snapshot, FuzzerFindingsStayFixed)
{
    const auto scenario = std::make_shared<const core::Scenario>(
        std::move(*core::loadScenario(sourceDir() / "scenarios/roleplay/takeover-late-stage.yaml").scenario));
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(sourceDir() / "tests/fuzz/regressions")) {
        if (entry.path().filename().string().rfind("restore-", 0) != 0)
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const auto r = restoreSession(scenario, text.str());
        EXPECT_TRUE(r.session || !r.problems.empty()) << entry.path();
        ++checked;
    }
    EXPECT_GE(checked, 1u);
}

TEST(Snapshot, TranscriptJsonHasEntriesTotalsAndOutcome)
{
    const auto scenario = load(scenarioText());
    Session s(scenario);
    s.next();
    s.choose(1);
    s.respond("what now");
    s.next();
    ASSERT_TRUE(s.finished());
    const auto json = nlohmann::json::parse(transcriptJson(s));
    EXPECT_EQ(json["scenario"]["id"], "snap");
    EXPECT_EQ(json["outcome"], "good");
    EXPECT_EQ(json["ending"], "done");
    EXPECT_EQ(json["finished"], true);
    EXPECT_EQ(json["totals"]["ask"], 3);
    EXPECT_EQ(json["totals"]["own"], 0);
    ASSERT_EQ(json["entries"].size(), 5u); // line, choice, response, line, end
    EXPECT_EQ(json["entries"][1]["kind"], "choice");
    EXPECT_EQ(json["entries"][1]["text"], "Ask (4)");
    EXPECT_EQ(json["entries"][1]["feedback"], "Good.");
    EXPECT_EQ(json["entries"][2]["kind"], "response");
    EXPECT_EQ(json["entries"][2]["route"], "route 1");
    EXPECT_EQ(json["entries"][3]["text"], "tail");
    EXPECT_EQ(json["entries"][4]["outcome"], "good");
}

} // namespace
} // namespace sparring::test
