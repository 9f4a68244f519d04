// `{said}`: a reply quotes the clause of the trainee's answer that decided its route, short enough
// to read back; `{recap}` is tested with the panel judges (tests/scoring/PanelJudges.test.cpp).

#include "Quoting.hpp"
#include "TestSupport.hpp"

#include "runtime/Session.hpp"
#include "runtime/Snapshot.hpp"

#include <gtest/gtest.h>

namespace sparring::test {
namespace {

TEST(Quoting, AClauseIsCutAtItsPunctuationAndLosesTheMarkThatEndsIt)
{
    const std::string text = "Okay, so what would you drop first? I can help.";
    const auto at = text.find("drop");
    EXPECT_EQ(runtime::clauseAround(text, at, at + 4), "so what would you drop first");
    EXPECT_EQ(runtime::clauseAround(text, 0, 0),
              "Okay, so what would you drop first"); // "Okay" alone is too short
    EXPECT_EQ(runtime::clauseAround("I'll call her -- tomorrow, first thing.", 0, 0), "I'll call her");
}

TEST(Quoting, ALongClauseIsCutAroundTheDecidingWords)
{
    const std::string text = "Honestly I think that what we really need to do here over the next few weeks "
                             "is to halve the Monday call and give the hours back to you and your team";
    const auto at = text.find("halve");
    const auto quoted = runtime::clauseAround(text, at, at + 5);
    EXPECT_NE(quoted.find("halve the Monday call"), std::string::npos) << quoted;
    EXPECT_EQ(quoted.rfind("…", 0), 0u) << quoted; // cut before
    EXPECT_GE(quoted.size(), 3u);
    EXPECT_EQ(quoted.substr(quoted.size() - 3), "…") << quoted; // and after
}

const char* const kQuoting = R"(scenario: {id: q, title: Q, kind: roleplay}
cast: [{id: rep, name: Rep}]
start: ask
nodes:
  ask:
    type: respond
    prompt: What now?
    routes:
      - {label: takeover, match: {any: ["i'll call"]}, goto: took}
      - {label: tagged, match: {tags: [emotion_acknowledged]}, goto: heard}
    otherwise: {goto: heard}
  took: {type: line, speaker: rep, text: "'{said}'? Fine, you call her.", next: z}
  heard: {type: line, speaker: rep, text: "You said '{said}'.", next: z}
  z: {type: end, outcome: good, debrief: d}
)";

/// What the rep says after `answer`.
std::string replyTo(const std::string& answer, std::shared_ptr<const core::UtteranceAnalyser> analyser = {})
{
    runtime::SessionOptions options;
    options.analyser = std::move(analyser);
    runtime::Session session(mustLoad(std::string(kQuoting) + kFramework), options);
    EXPECT_TRUE(session.respond(answer).accepted());
    return std::get<runtime::LineEvent>(session.current()).text;
}

/// Tags "emotion_acknowledged" on the words "frustrating".
struct FeelingAnalyser : core::UtteranceAnalyser {
    core::UtteranceAnalysis analyse(std::string_view text) const override
    {
        core::UtteranceAnalysis out{
            core::Act::Reflection, "simple", {"emotion_acknowledged"}, {}, {}, 0, false, {}};
        if (const auto at = text.find("frustrating"); at != std::string_view::npos)
            out.evidence.push_back({"emotion_acknowledged", static_cast<std::uint32_t>(at),
                                    static_cast<std::uint32_t>(at + 11), "named the feeling"});
        return out;
    }
};

TEST(Quoting, TheReplyQuotesTheWordsThatDecidedTheRoute)
{
    // A phrase route: the clause its phrase is in, not the answer's first clause.
    EXPECT_EQ(replyTo("Look, it's late in the quarter. Fine, I'll call her tomorrow."),
              "'I'll call her tomorrow'? Fine, you call her.");
    // A tag route: the clause of the tag's evidence.
    EXPECT_EQ(replyTo("Right. That sounds really frustrating, after all that work.",
                      std::make_shared<FeelingAnalyser>()),
              "You said 'That sounds really frustrating'.");
    // No route: the answer's first clause.
    EXPECT_EQ(replyTo("Tell me more about Tuesday, please."), "You said 'Tell me more about Tuesday'.");
}

TEST(Quoting, APickedOptionIsQuotedByItsFirstClauseAndSurvivesASave)
{
    const auto scenario = mustLoad(std::string(R"(scenario: {id: q, title: Q, kind: roleplay}
cast: [{id: rep, name: Rep}]
start: pick
nodes:
  pick:
    type: choice
    options:
      - {text: "Walk me through Tuesday, step by step.", goto: said}
  said: {type: line, speaker: rep, text: "'{said}'. Okay.", next: z}
  z: {type: end, outcome: good, debrief: d}
)") + kFramework);
    runtime::Session session(scenario);
    ASSERT_TRUE(session.choose(1).accepted());
    EXPECT_EQ(std::get<runtime::LineEvent>(session.current()).text, "'Walk me through Tuesday'. Okay.");
    const auto* picked = std::get_if<runtime::PickedOption>(&session.transcript().front());
    ASSERT_TRUE(picked);
    EXPECT_EQ(picked->said, "Walk me through Tuesday");
    // A save keeps it, so a session resumed on the reply renders the same words.
    const auto restored = runtime::restoreSession(scenario, runtime::saveSession(session), {});
    ASSERT_TRUE(restored.session) << (restored.problems.empty() ? "" : restored.problems.front());
    EXPECT_EQ(std::get<runtime::LineEvent>(restored.session->current()).text,
              "'Walk me through Tuesday'. Okay.");
}

} // namespace
} // namespace sparring::test
