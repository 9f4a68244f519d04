// Tests of loading scenario files (core/Loader.hpp, core/SourceText.hpp): what a good file
// becomes, and the exact diagnostic an author gets for each kind of mistake.
//
// Sections:
//   1. Helpers
//   2. A good scenario and its model
//   3. Reading files: SP0001-SP0006, byte order marks, limits
//   4. Keys and values: SP0010-SP0017
//   5. Includes: SP0020-SP0023, merging, fingerprints, lintFile
//   6. Declarations and references: SP0030, SP0031, SP0101-SP0106, SP0210
//   7. Expressions located in the file: SP0201-SP0206
//   8. Panels: SP0401-SP0403
//   9. Every problem of a run; errors and warnings
//
// Test files are small and written out in full so that line:col in the expected strings can be
// checked by eye. Most end with the shared test framework (kFramework), appended after the
// lines that matter so that it does not shift them.

#include "SourceText.hpp" // private to core: a white-box test
#include "TestSupport.hpp"
#include "core/Limits.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace sparring::core {
// Readable failure messages for locations (found by argument-dependent lookup).
static void PrintTo(const SourceLocation& where, std::ostream* out)
{
    *out << where.file << ':' << where.line << ':' << where.column;
}
} // namespace sparring::core

namespace sparring::test {
namespace {

namespace fs = std::filesystem;
using core::NodeKind;
using Lines = std::vector<std::string>;

// ---- 1. Helpers -----------------------------------------------------------------------------

std::string withFramework(const std::string& yaml)
{
    return yaml + kFramework;
}

/// Every diagnostic of loading `yaml` as "test.yaml", formatted. Also checks the loader's
/// promise: a scenario comes back exactly when there are no errors.
Lines problems(const std::string& yaml)
{
    const auto result = loadText(yaml);
    EXPECT_EQ(result.scenario.has_value(), !result.diagnostics.hasErrors())
        << ::testing::PrintToString(formatted(result.diagnostics));
    return formatted(result.diagnostics);
}

/// The same for a file in a library with other files (includes), keeping the name "test.yaml".
core::LoadResult loadIn(const TempLibrary& library, const std::string& yaml,
                        const core::LoadOptions& options = {})
{
    library.write("test.yaml", yaml);
    return core::loadScenarioText(yaml, "test.yaml", library.root(), options);
}

/// A scenario body that is correct on its own: one line, one ending (lines 1-15).
const char* const kMinimal = R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
start: a
nodes:
  a:
    type: line
    speaker: sam
    text: Hi
    next: z
  z:
    type: end
    outcome: good
    debrief: Done.
)";

// ---- 2. A good scenario and its model -------------------------------------------------------

const char* const kModel = R"(scenario:
  id: model-test
  title: "The model"
  kind: roleplay
  version: 3
  summary: A summary.
  minutes: 7
  difficulty: advanced
  focus: [own, ask]
  tags: [one, two]
cast:
  - id: sam
    name: Sam Rivera
    role: AE
    persona: Proud.
    portrait: { image: portraits/sam, expressions: [neutral, pleased] }
    voice: { name: en-us+m3, rate: 170, pitch: 45 }
variables:
  trust: { type: int, min: 0, max: 10, initial: 4, description: "Trust" }
  escalated: { type: bool, initial: false }
  deal: { type: string, initial: "Northwind" }
start: opening
nodes:
  opening:
    type: line
    speaker: sam
    mood: pleased
    text: "It's {deal}, {{really}}."
    do: [trust -= 1]
    next: ask_first
  ask_first:
    type: choice
    prompt: "What do you say?"
    shuffle: true
    options:
      - text: "What happened?"
        goto: your_words
        do: [trust += 1, escalated = true]
        evidence: { ask: +2, own: -1 }
        feedback: Good.
      - text: "Role-play it."
        if: trust >= 5 and not escalated
        unavailable: "Not yet."
        once: true
        goto: check
    fallback:
      text: "Later."
      goto: check
  your_words:
    type: respond
    speaker: sam
    prompt: "Sam waits."
    routes:
      - label: asked
        match: { any: ["What", "how"], none: ["I'll call"] }
        goto: check
        evidence: { ask: 2 }
      - match: { all: [plan, date], acts: [open_question], tags: [takeover] }
        if: visits(opening) > 0
        goto: check
    otherwise: { goto: check, feedback: "Ask first." }
    model_answer: "What happened since Tuesday?"
  check:
    type: branch
    cases:
      - if: trust >= 7
        goto: good_close
      - if: visited(your_words)
        goto: mixed_close
    else: mixed_close
  good_close:
    type: end
    outcome: good
    title: "Sam owns the plan"
    debrief: "Well done, {deal}."
  mixed_close:
    type: end
    outcome: mixed
    debrief: Mixed.
)";

TEST(Loader, GoodScenarioHasNoDiagnostics)
{
    EXPECT_EQ(problems(withFramework(kModel)), Lines{});
    EXPECT_EQ(problems(withFramework(kMinimal)), Lines{});
}

TEST(Loader, MetadataFrameworkAndCast)
{
    const auto s = mustLoad(withFramework(kModel));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->path, "test.yaml");
    EXPECT_EQ(s->meta.id, "model-test");
    EXPECT_EQ(s->meta.title, "The model");
    EXPECT_EQ(s->meta.kind, core::ScenarioKind::Roleplay);
    EXPECT_EQ(s->meta.version, 3);
    EXPECT_EQ(s->meta.summary, "A summary.");
    EXPECT_EQ(s->meta.minutes, 7);
    EXPECT_EQ(s->meta.difficulty, core::Difficulty::Advanced);
    EXPECT_EQ(s->meta.focus, (std::vector<std::size_t>{1, 0})); // own, ask: framework order is ask, own
    EXPECT_EQ(s->meta.tags, (std::vector<std::string>{"one", "two"}));

    EXPECT_EQ(s->framework.id, "test");
    ASSERT_EQ(s->framework.principles.size(), 2u);
    EXPECT_EQ(s->framework.principles[0].id, "ask");
    EXPECT_EQ(s->framework.principles[1].name, "The rep owns the plan");

    ASSERT_EQ(s->cast.size(), 1u);
    const auto& sam = s->cast[0];
    EXPECT_EQ(sam.id, "sam");
    EXPECT_EQ(sam.name, "Sam Rivera");
    EXPECT_EQ(sam.role, "AE");
    EXPECT_EQ(sam.persona, "Proud.");
    EXPECT_EQ(sam.portrait.image, "portraits/sam");
    EXPECT_EQ(sam.portrait.expressions, (std::vector<std::string>{"neutral", "pleased"}));
    EXPECT_EQ(sam.voice.name, "en-us+m3");
    EXPECT_EQ(sam.voice.rate, 170);
    EXPECT_EQ(sam.voice.pitch, 45);
    EXPECT_EQ(sam.where, (core::SourceLocation{"test.yaml", 12, 5}));
    EXPECT_FALSE(s->moderator.has_value());
    EXPECT_EQ(s->fingerprint.size(), 16u);
}

TEST(Loader, Variables)
{
    const auto s = mustLoad(withFramework(kModel));
    ASSERT_TRUE(s);
    ASSERT_EQ(s->variables.size(), 3u);
    const auto& trust = s->variables[0];
    EXPECT_EQ(trust.name, "trust");
    EXPECT_EQ(trust.type, core::ValueType::Int);
    EXPECT_EQ(trust.min, 0);
    EXPECT_EQ(trust.max, 10);
    EXPECT_EQ(trust.initial, core::Value(std::int64_t{4}));
    EXPECT_EQ(trust.description, "Trust");
    EXPECT_EQ(trust.where, (core::SourceLocation{"test.yaml", 19, 3}));
    EXPECT_EQ(s->variables[1].type, core::ValueType::Bool);
    EXPECT_EQ(s->variables[1].initial, core::Value(false));
    EXPECT_EQ(s->variables[2].type, core::ValueType::String);
    EXPECT_EQ(s->variables[2].initial, core::Value(std::string("Northwind")));
    EXPECT_EQ(s->findVariable("deal"), 2u);
    ASSERT_EQ(s->scope.variables.size(), 3u);
    EXPECT_EQ(s->scope.variables[0].max, 10);
}

TEST(Loader, NodesKindsAndTargets)
{
    const auto s = mustLoad(withFramework(kModel));
    ASSERT_TRUE(s);
    ASSERT_EQ(s->nodes.size(), 6u);
    const std::vector<std::string> ids{"opening", "ask_first",  "your_words",
                                       "check",   "good_close", "mixed_close"};
    const std::vector<NodeKind> kinds{NodeKind::Line,   NodeKind::Choice, NodeKind::Respond,
                                      NodeKind::Branch, NodeKind::End,    NodeKind::End};
    for (std::size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(s->nodes[i].id, ids[i]);
        EXPECT_EQ(s->nodes[i].kind(), kinds[i]) << ids[i];
        EXPECT_EQ(s->findNode(ids[i]), i);
    }
    EXPECT_EQ(s->nodeIndex.size(), 6u);
    EXPECT_EQ(s->scope.nodeIds, ids);
    EXPECT_EQ(s->start, 0u);
    EXPECT_EQ(s->nodes[3].where, (core::SourceLocation{"test.yaml", 63, 3}));

    const auto& line = std::get<core::LineNode>(s->nodes[0].body);
    EXPECT_EQ(line.speaker, 0u);
    EXPECT_EQ(line.mood, "pleased");
    EXPECT_EQ(line.next, 1u);
    ASSERT_EQ(line.effects.size(), 1u);
    EXPECT_EQ(line.effects[0].source(), "trust -= 1");
    EXPECT_EQ(line.effects[0].op(), core::EffectOp::Subtract);
    EXPECT_EQ(line.effects[0].variable(), 0u);
}

TEST(Loader, TextTemplatesSplitIntoLiteralsAndVariables)
{
    const auto s = mustLoad(withFramework(kModel));
    ASSERT_TRUE(s);
    const auto& text = std::get<core::LineNode>(s->nodes[0].body).text;
    EXPECT_EQ(text.source, "It's {deal}, {{really}}.");
    using Part = core::TextTemplate::Part;
    EXPECT_EQ(text.parts, (std::vector<Part>{{"It's ", std::nullopt, std::nullopt},
                                             {"", 2u, std::nullopt},
                                             {", {really}.", std::nullopt, std::nullopt}}));
}

TEST(Loader, ChoiceOptions)
{
    const auto s = mustLoad(withFramework(kModel));
    ASSERT_TRUE(s);
    const auto& choice = std::get<core::ChoiceNode>(s->nodes[1].body);
    EXPECT_EQ(choice.prompt.source, "What do you say?");
    EXPECT_TRUE(choice.shuffle);
    ASSERT_EQ(choice.options.size(), 2u);

    const auto& first = choice.options[0];
    EXPECT_EQ(first.text.source, "What happened?");
    EXPECT_FALSE(first.condition.has_value());
    EXPECT_FALSE(first.unavailableReason.has_value());
    EXPECT_FALSE(first.once);
    EXPECT_EQ(first.then.target, 2u);
    ASSERT_EQ(first.then.effects.size(), 2u);
    EXPECT_EQ(first.then.effects[0].source(), "trust += 1");
    EXPECT_EQ(first.then.effects[1].op(), core::EffectOp::Assign);
    EXPECT_EQ(first.then.effects[1].variable(), 1u);
    EXPECT_EQ(first.then.evidence, (std::vector<core::Evidence>{{0, 2}, {1, -1}}));
    EXPECT_EQ(first.then.feedback, "Good.");
    EXPECT_EQ(first.where, (core::SourceLocation{"test.yaml", 36, 9}));

    const auto& second = choice.options[1];
    ASSERT_TRUE(second.condition.has_value());
    EXPECT_EQ(second.condition->source(), "trust >= 5 and not escalated");
    EXPECT_EQ(second.unavailableReason, "Not yet.");
    EXPECT_TRUE(second.once);
    EXPECT_EQ(second.then.target, 3u);

    ASSERT_TRUE(choice.fallback.has_value());
    EXPECT_EQ(choice.fallback->text.source, "Later.");
    EXPECT_EQ(choice.fallback->then.target, 3u);
}

TEST(Loader, RespondRoutesAndMatchLists)
{
    const auto s = mustLoad(withFramework(kModel));
    ASSERT_TRUE(s);
    const auto& respond = std::get<core::RespondNode>(s->nodes[2].body);
    EXPECT_EQ(respond.speaker, 0u);
    EXPECT_EQ(respond.prompt.source, "Sam waits.");
    EXPECT_EQ(respond.modelAnswer, "What happened since Tuesday?");
    ASSERT_EQ(respond.routes.size(), 2u);

    const auto& asked = respond.routes[0];
    EXPECT_EQ(asked.label, "asked");
    EXPECT_EQ(asked.match.any, (std::vector<std::string>{"what", "how"})); // phrases are lowercased
    EXPECT_EQ(asked.match.none, (std::vector<std::string>{"i'll call"}));
    EXPECT_TRUE(asked.match.all.empty());
    EXPECT_FALSE(asked.condition.has_value());
    EXPECT_EQ(asked.then.target, 3u);
    EXPECT_EQ(asked.then.evidence, (std::vector<core::Evidence>{{0, 2}}));

    const auto& second = respond.routes[1];
    EXPECT_EQ(second.label, "route 2"); // the default label
    EXPECT_EQ(second.match.all, (std::vector<std::string>{"plan", "date"}));
    EXPECT_EQ(second.match.acts, (std::vector<core::Act>{core::Act::OpenQuestion}));
    EXPECT_EQ(second.match.tags, (std::vector<std::string>{"takeover"}));
    ASSERT_TRUE(second.condition.has_value());
    EXPECT_EQ(second.condition->source(), "visits(opening) > 0");
    EXPECT_EQ(second.condition->referencedNodes(), (std::vector<std::size_t>{0}));

    EXPECT_EQ(respond.otherwise.target, 3u);
    EXPECT_EQ(respond.otherwise.feedback, "Ask first.");
}

TEST(Loader, BranchCasesAndEndings)
{
    const auto s = mustLoad(withFramework(kModel));
    ASSERT_TRUE(s);
    const auto& branch = std::get<core::BranchNode>(s->nodes[3].body);
    ASSERT_EQ(branch.cases.size(), 2u);
    EXPECT_EQ(branch.cases[0].condition.source(), "trust >= 7");
    EXPECT_EQ(branch.cases[0].target, 4u);
    EXPECT_EQ(branch.cases[0].where, (core::SourceLocation{"test.yaml", 66, 9}));
    EXPECT_EQ(branch.cases[1].condition.source(), "visited(your_words)");
    EXPECT_EQ(branch.cases[1].target, 5u);
    EXPECT_EQ(branch.otherwise, 5u);

    const auto& good = std::get<core::EndNode>(s->nodes[4].body);
    EXPECT_EQ(good.outcome, core::Outcome::Good);
    EXPECT_EQ(good.title, "Sam owns the plan");
    EXPECT_EQ(good.debrief.source, "Well done, {deal}.");
    const auto& mixed = std::get<core::EndNode>(s->nodes[5].body);
    EXPECT_EQ(mixed.outcome, core::Outcome::Mixed);
    EXPECT_EQ(mixed.title, "");
}

TEST(Loader, SingleEffectNeedNotBeAList)
{
    const auto s = mustLoad(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
variables:
  trust: { type: int, min: 0, max: 10, initial: 0 }
start: a
nodes:
  a:
    type: line
    speaker: sam
    text: Hi
    do: trust += 2
    next: z
  z:
    type: end
    outcome: poor
    debrief: Done.
)"));
    ASSERT_TRUE(s);
    const auto& line = std::get<core::LineNode>(s->nodes[0].body);
    ASSERT_EQ(line.effects.size(), 1u);
    EXPECT_EQ(line.effects[0].source(), "trust += 2");
    EXPECT_EQ(std::get<core::EndNode>(s->nodes[1].body).outcome, core::Outcome::Poor);
}

// ---- 3. Reading files -----------------------------------------------------------------------

TEST(Loader, SP0001_MissingFile)
{
    TempLibrary library;
    const fs::path missing = library.root() / "missing.yaml";
    const auto result = core::loadScenario(missing);
    EXPECT_FALSE(result.scenario.has_value());
    EXPECT_EQ(formatted(result.diagnostics),
              Lines{missing.generic_string() + ": error: file not found [SP0001]"});
}

TEST(Loader, SP0001_FolderIsNotAFile)
{
    TempLibrary library;
    fs::create_directories(library.root() / "folder.yaml");
    const fs::path folder = library.root() / "folder.yaml";
    const auto result = core::loadScenario(folder);
    EXPECT_FALSE(result.scenario.has_value());
    EXPECT_EQ(formatted(result.diagnostics),
              Lines{folder.generic_string() + ": error: is a folder, not a file [SP0001]"});
}

TEST(Loader, SP0002_YamlSyntax)
{
    EXPECT_EQ(problems("scenario: [a, b\nstart: x\n"),
              Lines{"test.yaml:2:6: error: YAML syntax: end of sequence flow not found [SP0002]"});
    EXPECT_EQ(problems("scenario:\n  id: t\n   title: x\n"),
              Lines{"test.yaml:3:9: error: YAML syntax: illegal map value [SP0002]"});
    EXPECT_EQ(problems("start: *nowhere\n"),
              Lines{"test.yaml:1:8: error: YAML syntax: the referenced anchor is not defined [SP0002]"});
}

TEST(Loader, SP0002_TabIndentationIsExplained)
{
    EXPECT_EQ(problems("scenario:\n\tid: t\n"),
              Lines{"test.yaml:2:4: error: YAML syntax: illegal map value (this line is indented with a tab; "
                    "YAML needs spaces) [SP0002]"});
}

TEST(Loader, SP0003_TextOverTheSizeLimit)
{
    core::Diagnostics diagnostics;
    EXPECT_FALSE(
        core::checkSourceText(std::string(core::limits::maxFileBytes + 1, 'a'), "big.yaml", diagnostics));
    EXPECT_EQ(
        formatted(diagnostics),
        Lines{"big.yaml: error: file is 67108865 bytes, over the limit of 67108864 bytes; split it into "
              "includes [SP0003]"});

    core::Diagnostics atLimit;
    EXPECT_TRUE(core::checkSourceText(std::string(core::limits::maxFileBytes, 'a'), "big.yaml", atLimit));
    EXPECT_TRUE(atLimit.empty());
}

TEST(Loader, SP0003_FileOverTheSizeLimitIsNotRead)
{
    TempLibrary library;
    const fs::path big = library.write("big.yaml", "");
    fs::resize_file(big, core::limits::maxFileBytes + 1); // sparse: nothing is written
    const auto result = core::loadScenario(big);
    EXPECT_FALSE(result.scenario.has_value());
    EXPECT_EQ(formatted(result.diagnostics),
              Lines{big.generic_string() +
                    ": error: file is 67108865 bytes, over the limit of 67108864 bytes; "
                    "split it into includes [SP0003]"});
}

TEST(Loader, SP0004_InvalidUtf8IsLocatedInCodePoints)
{
    // "é" is two bytes but one column: the bad byte is on line 2, column 15.
    EXPECT_EQ(problems("scenario:\n  title: \"\xC3\xA9t\xC3\xA9 \xE9\"\n"),
              Lines{"test.yaml:2:15: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8 [SP0004]"});
}

TEST(Loader, SP0004_OverlongSurrogateAndTruncatedSequences)
{
    EXPECT_EQ(problems("a: \xC0\xAF\n"),
              Lines{"test.yaml:1:4: error: invalid UTF-8 (byte 0xC0); save the file as UTF-8 [SP0004]"});
    EXPECT_EQ(problems("a: b\nc: \xED\xA0\x80\n"),
              Lines{"test.yaml:2:4: error: invalid UTF-8 (byte 0xED); save the file as UTF-8 [SP0004]"});
    EXPECT_EQ(problems("a: \xE2\x82"),
              Lines{"test.yaml:1:4: error: invalid UTF-8 (byte 0xE2); save the file as UTF-8 [SP0004]"});
}

TEST(Loader, SP0005_DeepBrackets)
{
    const std::string deep = "x: " + std::string(65, '[') + std::string(65, ']') + "\n";
    EXPECT_EQ(problems(deep),
              Lines{"test.yaml:1:68: error: nesting too deep: more than 64 levels of [ ] or { } "
                    "inside each other [SP0005]"});

    core::Diagnostics diagnostics;
    const std::string mixed = "x: " + std::string(32, '[') + std::string(33, '{') + "\n";
    EXPECT_FALSE(core::checkSourceText(mixed, "m.yaml", diagnostics));
    EXPECT_EQ(formatted(diagnostics),
              Lines{"m.yaml:1:68: error: nesting too deep: more than 64 levels of [ ] or "
                    "{ } inside each other [SP0005]"});
}

TEST(Loader, SP0005_SixtyFourLevelsAndQuotedBracketsAreFine)
{
    core::Diagnostics diagnostics;
    EXPECT_TRUE(core::checkSourceText("x: " + std::string(64, '[') + std::string(64, ']') + "\n", "a.yaml",
                                      diagnostics));
    EXPECT_TRUE(core::checkSourceText(
        "x: \"" + std::string(100, '[') + "\"\ny: '" + std::string(100, '{') + "'\n", "b.yaml", diagnostics));
    EXPECT_TRUE(core::checkSourceText("x: 1 # " + std::string(100, '[') + "\n", "c.yaml", diagnostics));
    EXPECT_EQ(formatted(diagnostics), Lines{});
}

TEST(Loader, SP0005_DeepIndentation)
{
    std::string deep;
    for (int level = 0; level < 200; ++level)
        deep += std::string(static_cast<std::size_t>(level) * 2, ' ') + "k:\n";
    // Line 130 is indented by 258 spaces; its 257th column is the first one over the limit.
    EXPECT_EQ(
        problems(deep),
        Lines{"test.yaml:130:257: error: nesting too deep: indentation deeper than 256 columns [SP0005]"});
}

TEST(Loader, SP0005_DeepDashRuns)
{
    const std::string deep = std::string(300, '-') + " x\n";
    core::Diagnostics diagnostics;
    EXPECT_FALSE(core::checkSourceText(deep, "d.yaml", diagnostics));
    EXPECT_EQ(formatted(diagnostics),
              Lines{"d.yaml:1:257: error: nesting too deep: indentation deeper than 256 columns [SP0005]"});
}

TEST(Loader, SP0006_EmptyFile)
{
    EXPECT_EQ(problems(""), Lines{"test.yaml:1:1: error: the file is empty; a scenario starts with a "
                                  "'scenario:' section [SP0006]"});
    EXPECT_EQ(problems("# only a comment\n"), Lines{"test.yaml:1:1: error: the file is empty; a scenario "
                                                    "starts with a 'scenario:' section [SP0006]"});
}

TEST(Loader, SP0006_TopLevelIsNotAMap)
{
    EXPECT_EQ(problems("- a\n- b\n"),
              Lines{"test.yaml:1:1: error: the top level must be a map of sections (scenario, "
                    "nodes, ...), but it is a list [SP0006]"});
    EXPECT_EQ(problems("just text\n"), Lines{"test.yaml:1:1: error: the top level must be a map of sections "
                                             "(scenario, nodes, ...), but it is 'just text' [SP0006]"});
}

TEST(Loader, ByteOrderMarkIsAccepted)
{
    const std::string bom = "\xEF\xBB\xBF";
    EXPECT_EQ(problems(bom + withFramework(kMinimal)), Lines{});

    TempLibrary library;
    const fs::path file = library.write("bom.yaml", bom + withFramework(kMinimal));
    const auto result = core::loadScenario(file);
    EXPECT_TRUE(result.scenario.has_value()) << ::testing::PrintToString(formatted(result.diagnostics));
}

TEST(Loader, ByteOrderMarkDoesNotShiftColumns)
{
    // Regression: loading text kept the mark, so line 1 was one column off.
    EXPECT_EQ(problems("\xEF\xBB\xBF"
                       "a: \xFF\n"),
              Lines{"test.yaml:1:4: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8 [SP0004]"});
}

TEST(Loader, ColumnsCountCodePointsAfterNonAsciiText)
{
    // yaml-cpp counts bytes; the loader reports code points, as SP0004 does.
    EXPECT_EQ(
        problems(withFramework(R"(scenario: { title: "ééé", id: t, kind: bad }
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)")),
        Lines{
            "test.yaml:1:40: error: scenario kind is 'bad', which is not one of roleplay or panel [SP0013]"});
}

// ---- 4. Keys and values ---------------------------------------------------------------------

TEST(Loader, SP0010_UnknownKeySuggestsTheClosest)
{
    EXPECT_EQ(problems(withFramework(R"(scenario:
  id: t
  titel: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
start: a
nodes:
  a:
    type: line
    speaker: sam
    text: Hi
    nxt: z
  z:
    type: end
    outcome: good
    debrief: Done.
)")),
              (Lines{"test.yaml:2:3: error: scenario is missing the required key 'title' [SP0012]",
                     "test.yaml:3:3: error: unknown key 'titel' in scenario; did you mean 'title'? [SP0010]",
                     "test.yaml:11:5: error: node 'a' is missing the required key 'next' [SP0012]",
                     "test.yaml:14:5: error: unknown key 'nxt' in node 'a'; did you mean 'next'? [SP0010]"}));
}

TEST(Loader, SP0010_UnknownKeyWithoutSuggestionListsTheKeys)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
  colour: red
cast:
  - id: sam
    name: Sam
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: Done.
)")),
        Lines{"test.yaml:5:3: error: unknown key 'colour' in scenario (expected id, title, kind, version, "
              "summary, minutes, difficulty, focus or tags) [SP0010]"});
}

TEST(Loader, SP0010_RangeOnANonIntVariable)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
variables:
  flag: { type: bool, initial: false, min: 1 }
  name: { type: string, initial: "", max: 3 }
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: Done.
)")),
        (Lines{"test.yaml:6:39: error: 'min' only applies to int variables; 'flag' is a bool [SP0010]",
               "test.yaml:7:38: error: 'max' only applies to int variables; 'name' is a string [SP0010]"}));
}

TEST(Loader, SP0011_WrongShapes)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: [a, b]
  kind: roleplay
  minutes: ten
  summary:
cast:
  sam: Sam
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: Done.
  b: end
)")),
        (Lines{"test.yaml:3:10: error: title must be text, but it is a list [SP0011]",
               "test.yaml:5:12: error: minutes must be a whole number, but it is 'ten' [SP0011]",
               // An empty value is reported at its key, not at the next line where yaml-cpp puts it.
               "test.yaml:6:3: error: summary must be text, but it is empty [SP0011]",
               "test.yaml:8:3: error: cast must be a list of characters, but it is a map [SP0011]",
               "test.yaml:15:6: error: node 'b' must be a map with a 'type', but it is 'end' [SP0011]"}));
}

TEST(Loader, SP0011_QuotedNumbersAndBooleansAreText)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
  version: "2"
variables:
  flag: { type: bool, initial: "true" }
  name: { type: string, initial: "true" }
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: Done.
)")),
        (Lines{"test.yaml:5:12: error: version must be a whole number, but it is '2' in quotes, which makes "
               "it text; remove the quotes [SP0011]",
               "test.yaml:7:32: error: initial value of 'flag' must be true or false, but it is 'true' in "
               "quotes, which makes it text; remove the quotes [SP0011]"}));
}

TEST(Loader, SP0011_EmptyListsAndComplexKeys)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
  ? [a, b]
  : c
start: a
nodes:
  a:
    type: choice
    options: []
  b:
    type: branch
    cases: []
    else: a
  z:
    type: end
    outcome: good
    debrief: Done.
)")),
        (Lines{"test.yaml:5:5: error: a key in scenario must be a plain word, but it is a list [SP0011]",
               "test.yaml:11:14: error: the options of node 'a' must be a non-empty list, but they are an "
               "empty list [SP0011]",
               "test.yaml:14:12: error: the cases of node 'b' must be a non-empty list, but they are an "
               "empty list [SP0011]"}));
}

TEST(Loader, SP0011_EmptyNodesMapIsAnError)
{
    // Regression: `nodes: {}` loaded a scenario with no nodes, whose start indexed nothing.
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
start: a
nodes: {}
)")),
        Lines{"test.yaml:6:8: error: nodes is an empty map; a scenario needs at least its start node and an "
              "'end' node [SP0011]"});
    EXPECT_EQ(
        problems(withFramework("scenario:\n  id: t\n  title: T\n  kind: roleplay\nstart: a\nnodes:\n")),
        Lines{"test.yaml:6:1: error: nodes must be a map from node id to node, but it is empty [SP0011]"});
}

TEST(Loader, SP0012_MissingRequiredKeys)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  kind: roleplay
cast:
  - id: sam
variables:
  trust: { type: int, min: 0, initial: 0 }
nodes:
  a:
    speaker: sam
    text: Hi
    next: z
  r:
    type: respond
    prompt: Say
    routes:
      - match: {}
        goto: z
    otherwise: { goto: z }
  z:
    type: end
    outcome: good
)")),
        (Lines{
            "test.yaml:1:1: error: the scenario file is missing the required key 'start' [SP0012]",
            "test.yaml:2:3: error: scenario is missing the required key 'title' [SP0012]",
            "test.yaml:5:5: error: a character is missing the required key 'name' [SP0012]",
            "test.yaml:7:10: error: int variable 'trust' needs 'min' and 'max' (its range) [SP0012]",
            "test.yaml:10:5: error: node 'a' is missing the required key 'type' (line, choice, respond, "
            "branch or end) [SP0012]",
            "test.yaml:17:16: error: the match of route 1 of node 'r' is empty; give 'any', 'all', 'none', "
            "'acts', 'tags', 'at_least' or 'at_most' [SP0012]",
            "test.yaml:21:5: error: node 'z' is missing the required key 'debrief' [SP0012]"}));
}

TEST(Loader, SP0013_InvalidValues)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: rolepaly
  difficulty: hard
  version: 0
  minutes: 601
cast:
  - id: 9sam
    name: Sam
  - id: kim
    name: Kim
    voice: { rate: 20, pitch: 101 }
variables:
  not: { type: bool, initial: false }
  x: { type: float, initial: 1 }
start: a
nodes:
  a:
    type: speech
  b-c:
    type: end
    outcome: great
    debrief: D
)")),
        (Lines{
            "test.yaml:4:9: error: scenario kind is 'rolepaly', which is not one of roleplay or panel; did "
            "you mean 'roleplay'? [SP0013]",
            "test.yaml:5:15: error: difficulty is 'hard', which is not one of beginner, intermediate or "
            "advanced [SP0013]",
            "test.yaml:6:12: error: version must be between 1 and 1000000, not 0 [SP0013]",
            "test.yaml:7:12: error: minutes must be between 1 and 600, not 601 [SP0013]",
            "test.yaml:9:9: error: character id '9sam' must start with a letter and use only letters, "
            "digits and '_' [SP0013]",
            "test.yaml:13:20: error: voice rate 20 is outside 80..450 words per minute [SP0013]",
            "test.yaml:13:31: error: voice pitch 101 is outside 0..100 [SP0013]",
            "test.yaml:15:3: error: variable name 'not' must start with a letter, use only letters, digits "
            "and '_', and not be a keyword or a word the engine supplies ('said', 'recap') [SP0013]",
            "test.yaml:16:14: error: variable type is 'float', which is not one of int, bool or string "
            "[SP0013]",
            "test.yaml:20:11: error: the type of node 'a' is 'speech', which is not one of line, choice, "
            "respond, branch or end [SP0013]",
            "test.yaml:21:3: error: node id 'b-c' must start with a letter and use only letters, digits "
            "and '_' [SP0013]"}));
}

TEST(Loader, SP0013_InvalidValuesInNodes)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
start: a
nodes:
  a:
    type: choice
    options:
      - { text: "1", goto: r }
      - { text: "2", goto: r }
      - { text: "3", goto: r }
      - { text: "4", goto: r }
      - { text: "5", goto: r }
      - { text: "6", goto: r }
      - { text: "7", goto: r }
      - { text: "8", goto: r }
      - { text: "9", goto: r }
      - { text: "10", goto: r }
  r:
    type: respond
    prompt: Say
    routes:
      - match: { any: ["  "], acts: [question] }
        goto: z
        evidence: { ask: 0, own: 11 }
    otherwise: { goto: z }
  z:
    type: end
    outcome: great
    debrief: D
)")),
        (Lines{
            "test.yaml:10:7: error: node 'a' has 10 options; at most 9 (keys 1-9) [SP0013]",
            "test.yaml:24:23: error: an empty phrase in 'any' would match every answer [SP0013]",
            "test.yaml:24:38: error: act is 'question', which is not one of open_question, closed_question, "
            "reflection, summary, affirmation, advice, information or other [SP0013]",
            "test.yaml:26:26: error: evidence for 'ask' is 0; it must be between -10 and +10 and not 0 "
            "[SP0013]",
            "test.yaml:26:34: error: evidence for 'own' is 11; it must be between -10 and +10 and not 0 "
            "[SP0013]",
            "test.yaml:30:14: error: outcome is 'great', which is not one of good, mixed or poor [SP0013]"}));
}

TEST(Loader, SP0014_DuplicateKey)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
  title: U
cast:
  - id: sam
    name: Sam
    name: Samuel
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: Done.
)")),
        (Lines{"test.yaml:5:3: error: 'title' appears twice in scenario (first on line 3); keep one [SP0014]",
               "test.yaml:9:5: error: 'name' appears twice in a character (first on line 8); keep one "
               "[SP0014]"}));
}

TEST(Loader, SP0015_TextTooLong)
{
    const std::string longText(core::limits::maxTextBytes + 1, 'x');
    EXPECT_EQ(
        problems(
            withFramework("scenario:\n  id: t\n  title: T\n  kind: roleplay\n  summary: " + longText +
                          "\nstart: a\nnodes:\n  a:\n    type: end\n    outcome: good\n    debrief: D\n")),
        Lines{"test.yaml:5:12: error: summary is 20001 bytes long, over the limit of 20000 bytes [SP0015]"});
    const std::string maxText(core::limits::maxTextBytes, 'x');
    EXPECT_EQ(problems(withFramework(
                  "scenario:\n  id: t\n  title: T\n  kind: roleplay\n  summary: " + maxText +
                  "\nstart: a\nnodes:\n  a:\n    type: end\n    outcome: good\n    debrief: D\n")),
              Lines{});
}

TEST(Loader, SP0016_UnmatchedBraces)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
start: a
nodes:
  a:
    type: line
    speaker: sam
    text: "Hi {name"
    next: b
  b:
    type: choice
    prompt: Pick } one
    options:
      - { text: "Go", goto: z }
  z:
    type: end
    outcome: good
    debrief: |
      Done {{literal}}
      and } stray.
)")),
        (Lines{
            "test.yaml:13:15: error: the text of node 'a' has a '{' that is never closed; write '{{' for a "
            "literal brace [SP0016]",
            "test.yaml:17:18: error: the prompt of node 'b' has a '}' without a matching '{'; write '}}' "
            "for a literal brace [SP0016]",
            // In a block scalar the value is not written as-is, so the scalar's start is reported.
            "test.yaml:23:14: error: the debrief of node 'z' has a '}' without a matching '{'; write '}}' "
            "for a literal brace [SP0016]"}));
}

TEST(Loader, SP0017_UnavailableWithoutConditionIsAWarning)
{
    const auto result = loadText(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
start: a
nodes:
  a:
    type: choice
    options:
      - text: Go
        unavailable: Not yet
        goto: z
  z:
    type: end
    outcome: good
    debrief: Done.
)"));
    EXPECT_TRUE(result.scenario.has_value());
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{"test.yaml:11:22: warning: 'unavailable' is only shown when an 'if' condition fails, and this "
              "option has no 'if' [SP0017]"});
}

// ---- 5. Includes ----------------------------------------------------------------------------

const char* const kIncludingScenario = R"(scenario:
  id: t
  title: T
  kind: roleplay
include:
  - framework/test.yaml
  - cast/team.yaml
start: a
nodes:
  a:
    type: line
    speaker: sam
    text: "Trust is {trust}."
    next: z
  z:
    type: end
    outcome: good
    debrief: Done.
)";

TEST(Loader, IncludesAreMerged)
{
    TempLibrary library;
    library.write("framework/test.yaml", kFramework);
    library.write("cast/team.yaml", R"(include: [../framework/test.yaml]
cast:
  - id: sam
    name: Sam
variables:
  trust: { type: int, min: 0, max: 10, initial: 3 }
)");
    const auto result = loadIn(library, kIncludingScenario);
    ASSERT_TRUE(result.scenario.has_value()) << ::testing::PrintToString(formatted(result.diagnostics));
    EXPECT_EQ(formatted(result.diagnostics), Lines{});
    const auto& s = *result.scenario;
    EXPECT_EQ(s.framework.id, "test");
    ASSERT_EQ(s.cast.size(), 1u);
    EXPECT_EQ(s.cast[0].where, (core::SourceLocation{"cast/team.yaml", 3, 5}));
    ASSERT_EQ(s.variables.size(), 1u);
    EXPECT_EQ(s.variables[0].initial, core::Value(std::int64_t{3}));
    EXPECT_EQ(std::get<core::LineNode>(s.nodes[0].body).text.parts[1].variable, 0u);
}

TEST(Loader, AFileIncludedTwiceIsReadOnce)
{
    // A diamond: the scenario and the cast both include the framework.
    TempLibrary library;
    library.write("framework/test.yaml", kFramework);
    library.write("cast/team.yaml", R"(include: [../framework/test.yaml]
cast:
  - id: sam
    name: Sam
variables:
  trust: { type: int, min: 0, max: 10, initial: 3 }
)");
    std::string yaml = kIncludingScenario;
    yaml.replace(yaml.find("include:\n"), 9, "include:\n  - framework/test.yaml\n");
    const auto result = loadIn(library, yaml);
    EXPECT_TRUE(result.scenario.has_value());
    EXPECT_EQ(formatted(result.diagnostics), Lines{});
}

TEST(Loader, FingerprintChangesWhenAnIncludedFileChanges)
{
    TempLibrary library;
    library.write("framework/test.yaml", kFramework);
    const std::string cast =
        "cast:\n  - id: sam\n    name: Sam\nvariables:\n  trust: { type: int, min: 0, max: 10, "
        "initial: 3 }\n";
    library.write("cast/team.yaml", cast);
    const auto first = loadIn(library, kIncludingScenario);
    const auto again = loadIn(library, kIncludingScenario);
    library.write("cast/team.yaml", cast + "# a comment\n");
    const auto edited = loadIn(library, kIncludingScenario);
    ASSERT_TRUE(first.scenario && again.scenario && edited.scenario);
    EXPECT_EQ(first.scenario->fingerprint, again.scenario->fingerprint);
    EXPECT_NE(first.scenario->fingerprint, edited.scenario->fingerprint);
}

TEST(Loader, SP0020_IncludedFileNotFound)
{
    TempLibrary library;
    fs::create_directories(library.root() / "shared");
    const auto result = loadIn(library, withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [shared/missing.yaml, shared]
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)"));
    EXPECT_FALSE(result.scenario.has_value());
    EXPECT_EQ(formatted(result.diagnostics),
              (Lines{"test.yaml:5:11: error: included file 'shared/missing.yaml' not found (looked for "
                     "shared/missing.yaml) [SP0020]",
                     "test.yaml:5:32: error: include 'shared' names a folder, not a YAML file [SP0020]"}));
}

TEST(Loader, SP0021_IncludeCycle)
{
    TempLibrary library;
    library.write("shared/a.yaml", "include: [b.yaml]\n");
    library.write("shared/b.yaml", "include: [a.yaml]\n");
    const auto result = loadIn(library, withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [shared/a.yaml]
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)"));
    EXPECT_FALSE(result.scenario.has_value());
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{"shared/b.yaml:1:11: error: include 'a.yaml' makes a cycle (shared/a.yaml -> shared/b.yaml -> "
              "shared/a.yaml); remove one of the includes [SP0021]"});
}

TEST(Loader, SP0021_FileIncludingItself)
{
    TempLibrary library;
    const auto result = loadIn(library, withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [test.yaml]
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)"));
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{"test.yaml:5:11: error: include 'test.yaml' makes a cycle (test.yaml -> test.yaml); remove one "
              "of the includes [SP0021]"});
}

TEST(Loader, SP0021_IncludesNestedTooDeep)
{
    TempLibrary library;
    for (int i = 1; i <= 20; ++i)
        library.write("deep/d" + std::to_string(i) + ".yaml",
                      "include: [d" + std::to_string(i + 1) + ".yaml]\n");
    library.write("deep/d21.yaml", "cast: []\n");
    const auto result = loadIn(library, withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [deep/d1.yaml]
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)"));
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{"deep/d16.yaml:1:11: error: include 'd17.yaml' is nested more than 16 levels deep; include the "
              "shared files more directly [SP0021]"});
}

TEST(Loader, SP0022_IncludesMayNotLeaveTheLibrary)
{
    TempLibrary library;
    std::ofstream(library.root().parent_path() / "outside.yaml") << "cast: []\n";
    library.write("shared/fine.yaml", "cast: []\n");
    const auto result = loadIn(library, withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
include:
  - ../outside.yaml
  - shared/../../outside.yaml
  - /etc/hostname
  - shared/../shared/fine.yaml
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)"));
    const std::string root = fs::weakly_canonical(library.root()).generic_string();
    EXPECT_EQ(
        formatted(result.diagnostics),
        (Lines{"test.yaml:6:5: error: include '../outside.yaml' leaves the scenario library (" + root +
                   "); shared files must live inside it [SP0022]",
               "test.yaml:7:5: error: include 'shared/../../outside.yaml' leaves the scenario library (" +
                   root + "); shared files must live inside it [SP0022]",
               "test.yaml:8:5: error: include '/etc/hostname' is an absolute path; write it relative to this "
               "file [SP0022]"}));
}

TEST(Loader, SP0022_ExplicitLibraryRoot)
{
    TempLibrary library;
    library.write("framework/test.yaml", kFramework);
    fs::create_directories(library.root() / "roleplay");
    const std::string yaml = R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [../framework/test.yaml]
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)";
    // By default the root is the enclosing `scenarios` folder, so the framework is inside it.
    const auto byDefault = core::loadScenarioText(yaml, "test.yaml", library.root() / "roleplay");
    EXPECT_EQ(formatted(byDefault.diagnostics), Lines{});
    core::LoadOptions options;
    options.libraryRoot = library.root() / "roleplay";
    const auto narrow = core::loadScenarioText(yaml, "test.yaml", library.root() / "roleplay", options);
    const std::string root = fs::weakly_canonical(library.root() / "roleplay").generic_string();
    EXPECT_EQ(
        formatted(narrow.diagnostics),
        (Lines{
            "test.yaml:1:1: error: no coaching framework: include one (e.g. '../framework/default.yaml') or "
            "add a 'framework:' section [SP0031]",
            "test.yaml:5:11: error: include '../framework/test.yaml' leaves the scenario library (" + root +
                "); shared files must live inside it [SP0022]"}));
}

TEST(Loader, LibraryReachedThroughASymbolicLink)
{
    // Regression: the default root was not canonical while include targets were, so through a
    // link every include "left the library".
    TempLibrary library;
    library.write("framework/test.yaml", kFramework);
    const fs::path link = library.root().parent_path() / "link";
    fs::create_directory_symlink(library.root().parent_path(), link);
    library.write("test.yaml", R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [framework/test.yaml]
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)");
    const auto result = core::loadScenario(link / "scenarios" / "test.yaml");
    EXPECT_EQ(formatted(result.diagnostics), Lines{});
    EXPECT_TRUE(result.scenario.has_value());
}

TEST(Loader, SP0022_PortraitImageOutsideAssets)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
    portrait: { image: ../secret }
  - id: kim
    name: Kim
    portrait:
      image: portraits/../../x
  - id: lee
    name: Lee
    portrait: { image: /etc/passwd }
  - id: ann
    name: Ann
    portrait: { image: portraits/../ann }
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)")),
        (Lines{
            "test.yaml:8:24: error: portrait image '../secret' must be a path inside assets/, without '..' "
            "[SP0022]",
            "test.yaml:12:14: error: portrait image 'portraits/../../x' must be a path inside assets/, "
            "without '..' [SP0022]",
            "test.yaml:15:24: error: portrait image '/etc/passwd' must be a path inside assets/, without "
            "'..' [SP0022]"}));
}

TEST(Loader, SP0023_IncludedFileWithAScenario)
{
    TempLibrary library;
    library.write("shared/other.yaml", "scenario:\n  id: x\ncast:\n  - id: sam\n    name: Sam\n");
    const auto result = loadIn(library, withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [shared/other.yaml]
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)"));
    // Reported once, as SP0023, not also as an unknown key.
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{"shared/other.yaml:1:1: error: an included file cannot contain a 'scenario' section: include "
              "shared framework, cast or variables only [SP0023]"});
}

TEST(Loader, ProblemsInsideAnIncludedFileNameThatFile)
{
    TempLibrary library;
    library.write("cast/team.yaml", "cast:\n  - id: sam\n    nmae: Sam\nnodes: {}\n");
    const auto result = loadIn(library, withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [cast/team.yaml]
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)"));
    EXPECT_EQ(
        formatted(result.diagnostics),
        (Lines{"cast/team.yaml:2:5: error: a character is missing the required key 'name' [SP0012]",
               "cast/team.yaml:3:5: error: unknown key 'nmae' in a character; did you mean 'name'? [SP0010]",
               "cast/team.yaml:4:1: error: unknown key 'nodes' in an included file (expected framework, "
               "language, "
               "cast, variables or include) [SP0010]"}));
}

TEST(Loader, LintIncludeOnlyFile)
{
    TempLibrary library;
    const fs::path good = library.write("cast/team.yaml", "cast:\n  - id: sam\n    name: Sam\n");
    const auto report = core::lintFile(good);
    EXPECT_EQ(report.role, core::FileRole::Include);
    EXPECT_EQ(formatted(report.diagnostics), Lines{});

    const fs::path bad = library.write("cast/bad.yaml", "cast:\n  - id: sam\n    name: Sam\nstart: a\n");
    const auto badReport = core::lintFile(bad);
    EXPECT_EQ(badReport.role, core::FileRole::Include);
    EXPECT_EQ(formatted(badReport.diagnostics),
              Lines{bad.generic_string() + ":4:1: error: unknown key 'start' in an included file (expected "
                                           "framework, language, cast, variables or include) [SP0010]"});
}

TEST(Loader, LintIncludeOnlyFileChecksItsOwnIncludes)
{
    TempLibrary library;
    library.write("shared/vars.yaml", "variables:\n  trust: { type: int, min: 0, max: 10, initial: 5 }\n");
    const fs::path file = library.write("shared/more.yaml", R"(include: [vars.yaml, gone.yaml]
variables:
  trust: { type: int, min: 0, max: 10, initial: 5 }
)");
    const auto report = core::lintFile(file);
    EXPECT_EQ(report.role, core::FileRole::Include);
    const std::string name = file.generic_string();
    const std::string vars = (library.root() / "shared" / "vars.yaml").generic_string();
    EXPECT_EQ(
        formatted(report.diagnostics),
        (Lines{name + ":1:22: error: included file 'gone.yaml' not found (looked for " +
                   (library.root() / "shared" / "gone.yaml").generic_string() + ") [SP0020]",
               name + ":3:3: error: variable 'trust' is defined twice (first at " + vars + ":2) [SP0030]"}));
}

TEST(Loader, LintScenarioFile)
{
    TempLibrary library;
    const fs::path file = library.write("s.yaml", withFramework(kMinimal) + "moderator: sam\n");
    const auto report = core::lintFile(file);
    EXPECT_EQ(report.role, core::FileRole::Scenario);
    EXPECT_EQ(formatted(report.diagnostics),
              Lines{file.generic_string() +
                    ":29:1: warning: 'moderator' only applies to panels; this scenario is a "
                    "roleplay [SP0403]"});
}

// ---- 6. Declarations and references ---------------------------------------------------------

TEST(Loader, SP0030_DefinedTwice)
{
    EXPECT_EQ(problems(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
  - id: sam
    name: Sammy
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
framework:
  id: test
  name: Test
  principles:
    - id: ask
      name: A
      description: B
    - id: ask
      name: A
      description: B
)"),
              (Lines{"test.yaml:8:5: error: character 'sam' is defined twice (first at test.yaml:6) [SP0030]",
                     "test.yaml:23:7: error: principle 'ask' is defined twice (first on line 20) [SP0030]"}));
}

TEST(Loader, SP0030_DefinedInAnIncludeAndAgain)
{
    TempLibrary library;
    library.write("shared/second.yaml", R"(framework:
  id: second
  name: Second
  principles:
    - id: zed
      name: Z
      description: Z
variables:
  trust: { type: int, min: 0, max: 10, initial: 5 }
)");
    const auto result = loadIn(library, withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
include: [shared/second.yaml]
variables:
  trust: { type: int, min: 0, max: 10, initial: 5 }
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
  a:
    type: end
    outcome: poor
    debrief: D
)"));
    EXPECT_EQ(
        formatted(result.diagnostics),
        (Lines{
            "test.yaml:7:3: error: variable 'trust' is defined twice (first at shared/second.yaml:9) "
            "[SP0030]",
            "test.yaml:14:3: error: node 'a' is defined twice (first on line 10) [SP0030]",
            "test.yaml:18:1: error: a second framework ('test') is defined; a scenario uses exactly one, and "
            "it already has 'second' (from shared/second.yaml:1) [SP0030]"}));
}

TEST(Loader, SP0031_NoFramework)
{
    EXPECT_EQ(problems(kMinimal),
              Lines{"test.yaml:1:1: error: no coaching framework: include one (e.g. "
                    "'../framework/default.yaml') or add a 'framework:' section [SP0031]"});
}

TEST(Loader, SP0101_UnknownNode)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
start: a
nodes:
  a:
    type: line
    speaker: sam
    text: Hi
    next: closing
  b:
    type: choice
    options:
      - { text: Go, goto: nowhere_at_all }
  c:
    type: branch
    cases:
      - { if: true, goto: a }
    else: b2
  closing_node:
    type: end
    outcome: good
    debrief: D
)")),
        (Lines{"test.yaml:14:11: error: unknown node 'closing' in the next of node 'a' [SP0101]",
               "test.yaml:18:27: error: unknown node 'nowhere_at_all' in the goto of option 1 of node 'b' "
               "[SP0101]",
               "test.yaml:23:11: error: unknown node 'b2' in the else of node 'c'; did you mean 'b'? "
               "[SP0101]"}));
}

TEST(Loader, SP0102_UnknownCharacter)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
start: a
nodes:
  a:
    type: line
    speaker: sma
    text: Hi
    next: r
  r:
    type: respond
    speaker: maya
    prompt: Say
    otherwise: { goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)")),
        (Lines{"test.yaml:12:14: error: unknown character 'sma' in the speaker of node 'a'; did you mean "
               "'sam'? [SP0102]",
               "test.yaml:17:14: error: unknown character 'maya' in the speaker of node 'r' [SP0102]"}));
}

TEST(Loader, SP0103_UnknownPrinciple)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
  focus: [ask, owns]
cast:
  - id: sam
    name: Sam
start: a
nodes:
  a:
    type: choice
    options:
      - text: Go
        goto: z
        evidence: { ask: +2, oown: 1 }
  z:
    type: end
    outcome: good
    debrief: D
)")),
        (Lines{
            "test.yaml:5:16: error: unknown principle 'owns'; did you mean 'own'? [SP0103]",
            "test.yaml:16:30: error: unknown principle 'oown' in evidence; did you mean 'own'? [SP0103]"}));
}

TEST(Loader, SP0104_UnknownVariableInText)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
variables:
  trust: { type: int, min: 0, max: 10, initial: 5 }
start: a
nodes:
  a:
    type: line
    speaker: sam
    text: "Café – {trsut} and {}"
    next: z
  z:
    type: end
    outcome: good
    debrief: >
      Folded text with {nobody}.
)")),
        (Lines{
            "test.yaml:15:19: error: the text of node 'a' uses '{trsut}', but there is no variable 'trsut'; "
            "did you mean 'trust'? [SP0104]",
            "test.yaml:15:31: error: the text of node 'a' uses '{}', but there is no variable '' [SP0104]",
            "test.yaml:20:14: error: the debrief of node 'z' uses '{nobody}', but there is no variable "
            "'nobody' [SP0104]"}));
}

TEST(Loader, SP0105_StartNotDefined)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
start: opning
nodes:
  opening:
    type: end
    outcome: good
    debrief: D
)")),
        Lines{"test.yaml:5:8: error: start node 'opning' is not defined; did you mean 'opening'? [SP0105]"});
}

TEST(Loader, SP0106_MoodNotAPortraitExpressionIsAWarning)
{
    const auto result = loadText(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
    portrait:
      image: portraits/sam
      expressions: [neutral, pleased]
start: a
nodes:
  a:
    type: line
    speaker: sam
    mood: pleasd
    text: Hi
    next: z
  z:
    type: end
    outcome: good
    debrief: D
)"));
    EXPECT_TRUE(result.scenario.has_value());
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{"test.yaml:16:11: warning: mood 'pleasd' is not one of sam's portrait expressions (neutral or "
              "pleased); did you mean 'pleased'? [SP0106]"});
}

TEST(Loader, SP0210_RangeAndInitialValue)
{
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
variables:
  bad: { type: int, min: 5, max: 1, initial: 3 }
  out: { type: int, min: 0, max: 3, initial: 7 }
  low: { type: int, min: -2, max: 3, initial: -3 }
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)")),
        (Lines{"test.yaml:6:26: error: min 5 is greater than max 1, so no value fits variable 'bad' [SP0210]",
               "test.yaml:7:46: error: initial value of 'out' is 7, outside its range 0..3 [SP0210]",
               "test.yaml:8:47: error: initial value of 'low' is -3, outside its range -2..3 [SP0210]"}));
}

// ---- 7. Expressions located in the file -----------------------------------------------------

const char* const kExpressionHead = R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
variables:
  trust: { type: int, min: 0, max: 10, initial: 5 }
  name: { type: string, initial: "x" }
start: a
nodes:
  z:
    type: end
    outcome: good
    debrief: D
)"; // lines 1-16; a test's nodes start on line 17

TEST(Loader, SP0201_SyntaxErrorsAreLocatedInsideTheExpression)
{
    EXPECT_EQ(
        problems(withFramework(std::string(kExpressionHead) + R"(  a:
    type: branch
    cases:
      - if: trust >=
        goto: z
      - if: "name == 'x'"
        goto: z
      - if: 'trust = 3'
        goto: z
    else: z
)")),
        (Lines{
            "test.yaml:20:21: error: expected a value after '>=' but found end of expression [SP0201]",
            "test.yaml:22:22: error: unexpected single quote; strings are written in double quotes [SP0201]",
            "test.yaml:24:20: error: '=' assigns a value; to compare, use '==' [SP0201]"}));
}

TEST(Loader, SP0202_TypeErrors)
{
    EXPECT_EQ(
        problems(withFramework(std::string(kExpressionHead) + R"(  a:
    type: branch
    cases:
      - if: trust + 1
        goto: z
      - if: name > 3
        goto: z
    else: z
)")),
        (Lines{
            "test.yaml:20:13: error: condition must be bool, but this expression is int [SP0202]",
            "test.yaml:22:13: error: 'name' is string but '>' needs int on both sides; strings can only be "
            "compared with '==' or '!=' [SP0202]"}));
}

TEST(Loader, SP0203_UnknownVariable)
{
    EXPECT_EQ(problems(withFramework(std::string(kExpressionHead) + R"(  a:
    type: branch
    cases:
      - if: trsut > 2
        goto: z
    else: z
)")),
              Lines{"test.yaml:20:13: error: unknown variable 'trsut'; did you mean 'trust'? [SP0203]"});
}

TEST(Loader, SP0204_UnknownFunction)
{
    EXPECT_EQ(problems(withFramework(std::string(kExpressionHead) + R"(  a:
    type: branch
    cases:
      - if: vists(a) > 1
        goto: z
      - if: visits(a, z) > 1
        goto: z
    else: z
)")),
              (Lines{"test.yaml:20:13: error: unknown function 'vists'; did you mean 'visits'? [SP0204]",
                     "test.yaml:22:13: error: visits() takes 1 argument but was given 2 [SP0204]"}));
}

TEST(Loader, SP0205_UnknownNodeInVisits)
{
    EXPECT_EQ(problems(withFramework(std::string(kExpressionHead) + R"(  a:
    type: branch
    cases:
      - if: visits(zz) > 1
        goto: z
    else: z
)")),
              Lines{"test.yaml:20:20: error: unknown node id 'zz' in visits(); did you mean 'z'? [SP0205]"});
}

TEST(Loader, SP0206_BadEffects)
{
    EXPECT_EQ(
        problems(withFramework(std::string(kExpressionHead) + R"(  a:
    type: line
    speaker: sam
    text: Hi
    do: [trust = true, a += 1, name -= 1]
    next: z
)")),
        (Lines{
            "test.yaml:21:18: error: cannot assign a bool to 'trust', which is an int variable [SP0206]",
            "test.yaml:21:24: error: the target of an effect must be a variable, but 'a' is a node id "
            "[SP0206]",
            "test.yaml:21:32: error: '-=' needs an int variable, but 'name' is a string variable [SP0206]"}));
}

TEST(Loader, ExpressionIssuesInBlockScalarsPointAtTheScalar)
{
    EXPECT_EQ(problems(withFramework(std::string(kExpressionHead) + R"(  a:
    type: branch
    cases:
      - if: >
          trust > 2 and
          trsut < 9
        goto: z
    else: z
)")),
              Lines{"test.yaml:20:13: error: unknown variable 'trsut'; did you mean 'trust'? [SP0203]"});
}

TEST(Loader, ExpressionIssuesAfterAnEscapePointAtTheScalar)
{
    // The value differs from the source text after '\"', so no column inside it can be trusted.
    EXPECT_EQ(problems(withFramework(std::string(kExpressionHead) + R"(  a:
    type: branch
    cases:
      - if: "name == \"x\" and trsut > 1"
        goto: z
    else: z
)")),
              Lines{"test.yaml:20:13: error: unknown variable 'trsut'; did you mean 'trust'? [SP0203]"});
}

TEST(Loader, ExpressionLimits)
{
    std::string longCondition = "true";
    while (longCondition.size() <= 4096)
        longCondition += " and true";
    const std::string deep = std::string(65, '(') + "true" + std::string(65, ')');
    EXPECT_EQ(problems(withFramework(std::string(kExpressionHead) +
                                     "  a:\n    type: branch\n    cases:\n      - if: " + longCondition +
                                     "\n        goto: z\n      - if: " + deep +
                                     "\n        goto: z\n    else: z\n")),
              (Lines{"test.yaml:20:13: error: expression too long (4099 bytes; the limit is 4096) [SP0201]",
                     "test.yaml:22:77: error: expression nested too deeply (more than 64 levels) [SP0201]"}));
}

// ---- 8. Panels ------------------------------------------------------------------------------

TEST(Loader, PanelLoads)
{
    const auto s = mustLoad(withFramework(R"(scenario:
  id: p
  title: P
  kind: panel
cast:
  - id: chair
    name: Chair
  - id: vp
    name: VP
    viewpoint: Coach the deal.
  - id: coach
    name: Coach
    viewpoint: Coach the skill.
moderator: chair
commitments:
  deals: "live deals as the material"
  workshop: "a two-day workshop"
start: a
nodes:
  a:
    type: choice
    prompt: "Chair: where do you start?"
    positions:
      vp:
        stance: Start on live deals.
        welcomes: { deals: "Deals it is, and '{said}' is how I'd put it too." }
        resists: { workshop: ["A workshop is theatre.", "Two days off the floor, again?"] }
        unmoved: Nothing about deals there.
      coach:
        stance: Start with one skill.
        welcomes: { workshop: Practice first. }
        unmoved: ["Which skill, though?", Still no skill named.]
    options:
      - text: "Deals, every week."
        goto: z
        commits: [deals]
      - text: A workshop.
        goto: z
        commits: [workshop, deals]
  z:
    type: end
    outcome: good
    debrief: "You said: {recap}."
)"));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->meta.kind, core::ScenarioKind::Panel);
    EXPECT_EQ(s->moderator, 0u);
    EXPECT_EQ(s->cast[1].viewpoint, "Coach the deal.");
    ASSERT_EQ(s->commitments.size(), 2u);
    EXPECT_EQ(s->commitments[1].id, "workshop");
    EXPECT_EQ(s->commitments[1].says, "a two-day workshop");
    const auto& choice = std::get<core::ChoiceNode>(s->nodes[0].body);
    EXPECT_EQ(choice.options[1].then.commits, (std::vector<std::size_t>{1, 0}));
    ASSERT_EQ(choice.positions.size(), 2u);
    const auto& vp = choice.positions[0];
    EXPECT_EQ(vp.expert, 1u);
    EXPECT_EQ(vp.stance, "Start on live deals.");
    ASSERT_EQ(vp.welcomes.size(), 1u);
    EXPECT_EQ(vp.welcomes[0].commitment, 0u);
    using Part = core::TextTemplate::Part;
    EXPECT_EQ(vp.welcomes[0].lines.at(0).parts,
              (std::vector<Part>{{"Deals it is, and '", std::nullopt, std::nullopt},
                                 {"", std::nullopt, core::BuiltinText::Said},
                                 {"' is how I'd put it too.", std::nullopt, std::nullopt}}));
    ASSERT_EQ(vp.resists.size(), 1u);
    EXPECT_EQ(vp.resists[0].lines.size(), 2u);
    EXPECT_EQ(choice.positions[1].unmoved.size(), 2u);
    EXPECT_EQ(&s->positionsAt(0), &choice.positions);
    EXPECT_TRUE(s->positionsAt(1).empty());
    const auto& debrief = std::get<core::EndNode>(s->nodes[1].body).debrief;
    EXPECT_EQ(debrief.parts.at(1).builtin, core::BuiltinText::Recap);
}

/// Positions and commitments the loader refuses (SP0404, and under SP0013 and SP0030 a position
/// for the chair, one commitment both welcomed and resisted, a variable in a reaction), and the
/// keys experts no longer have (SP0018).
TEST(Loader, PanelPositionErrors)
{
    EXPECT_EQ(problems(withFramework(R"(scenario:
  id: p
  title: P
  kind: panel
variables:
  mood: { type: int, min: 0, max: 3, initial: 0 }
cast:
  - id: chair
    name: Chair
  - id: vp
    name: VP
    viewpoint: Coach the deal.
    weights: { own: 1.5 }
    reactions: { agree: [Yes.] }
moderator: chair
commitments:
  deals: live deals
  workshop: a workshop
start: a
nodes:
  a:
    type: choice
    positions:
      chair: { stance: I chair., unmoved: Go on. }
      vp:
        stance: Deals.
        welcomes: { deals: Good., workshop: Fine. }
        resists: { workshop: No., deal: Hm. }
        unmoved: "Mood {mood}."
    options:
      - { text: Deals., goto: z, commits: [deals, workshps] }
  z:
    type: end
    outcome: good
    debrief: D
)")),
              (Lines{"test.yaml:13:5: warning: 'weights' is no longer read: experts react by their position "
                     "on each round ('positions' on a choice or prompt), not by principle weights or generic "
                     "lines; delete it [SP0018]",
                     "test.yaml:14:5: warning: 'reactions' is no longer read: experts react by their "
                     "position on each round ('positions' on a choice or prompt), not by principle weights "
                     "or generic lines; delete it [SP0018]",
                     "test.yaml:24:7: error: 'chair' chairs the panel and takes no position; positions are "
                     "for experts [SP0013]",
                     "test.yaml:28:9: error: vp's position on node 'a' both welcomes and resists 'workshop'; "
                     "an expert holds one view of it [SP0013]",
                     "test.yaml:28:35: error: unknown commitment 'deal' in what vp's position on node 'a' "
                     "resists; did you mean 'deals'? [SP0404]",
                     "test.yaml:29:18: error: the unmoved line of vp's position on node 'a' may quote the "
                     "answer with {said}, but not show variables or {recap}: an expert reacts to the answer, "
                     "not to the state of the session [SP0013]",
                     "test.yaml:31:51: error: unknown commitment 'workshps' in the commits of option 1 of "
                     "node 'a'; did you mean 'workshop'? [SP0404]"}));
}

/// A panel whose rounds load but are authored badly (SP0405-SP0408).
TEST(Loader, PanelRoundWarnings)
{
    EXPECT_EQ(problems(withFramework(R"(scenario:
  id: p
  title: P
  kind: panel
cast:
  - id: chair
    name: Chair
  - id: vp
    name: VP
    viewpoint: Coach the deal.
moderator: chair
commitments:
  deals: live deals
  workshop: a workshop
  never: something nobody offers
start: a
nodes:
  a:
    type: choice
    positions:
      vp:
        stance: Deals.
        welcomes: { deals: Good. }
        resists: { workshop: No. }
        unmoved: Go on.
    options:
      - { text: Deals., goto: b, commits: [deals] }
  b:
    type: choice
    options:
      - { text: Again., goto: c, commits: [workshop] }
  c:
    type: choice
    positions:
      vp: { stance: Still deals., welcomes: { deals: Good. }, unmoved: Go on. }
    options:
      - { text: Once more., goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)")),
              (Lines{"test.yaml:15:3: warning: no option or route commits to 'never', so no expert can ever "
                     "react to it [SP0408]",
                     "test.yaml:21:7: warning: vp's position on 'a' resists 'workshop', but no answer on "
                     "this round commits to it, so the line is never said [SP0406]",
                     "test.yaml:28:3: warning: panel round 'b' gives no expert a position, so nobody at the "
                     "table reacts to the answer; add 'positions' [SP0405]",
                     "test.yaml:35:7: warning: vp's position on 'c' welcomes 'deals', but no answer on this "
                     "round commits to it, so the line is never said [SP0406]",
                     "test.yaml:35:7: warning: the line \"Good.\" is also written at test.yaml:21; an expert "
                     "says a line at most once a session, so write each reaction once [SP0407]",
                     "test.yaml:35:7: warning: the line \"Go on.\" is also written at test.yaml:21; an "
                     "expert says a line at most once a session, so write each reaction once [SP0407]"}));
}

TEST(Loader, SP0401_PanelWithoutModerator)
{
    EXPECT_EQ(problems(withFramework(R"(scenario:
  id: p
  title: P
  kind: panel
cast:
  - id: vp
    name: VP
    viewpoint: Coach the deal.
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)")),
              Lines{"test.yaml:4:9: error: a panel needs a 'moderator:' naming the character who chairs it "
                    "[SP0401]"});
}

TEST(Loader, SP0402_ExpertWithoutViewpointIsAWarning)
{
    const auto result = loadText(withFramework(R"(scenario:
  id: p
  title: P
  kind: panel
cast:
  - id: chair
    name: Chair
  - id: vp
    name: VP
moderator: chair
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)"));
    EXPECT_TRUE(result.scenario.has_value());
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{
            "test.yaml:8:5: warning: panel expert 'vp' has no 'viewpoint': say what position they argue from "
            "[SP0402]"});
}

TEST(Loader, SP0402_NotACascadeOfAnUnknownModerator)
{
    // Regression: with the moderator unknown, every character was also called an expert
    // without a viewpoint.
    EXPECT_EQ(
        problems(withFramework(R"(scenario:
  id: p
  title: P
  kind: panel
cast:
  - id: chair
    name: Chair
moderator: chiar
start: a
nodes:
  a:
    type: end
    outcome: good
    debrief: D
)")),
        Lines{
            "test.yaml:8:12: error: unknown character 'chiar' in moderator; did you mean 'chair'? [SP0102]"});
}

TEST(Loader, SP0403_ModeratorInARoleplayIsAWarning)
{
    const auto result = loadText(withFramework(std::string(kMinimal) + "moderator: sam\n"));
    EXPECT_TRUE(result.scenario.has_value());
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{"test.yaml:19:1: warning: 'moderator' only applies to panels; this scenario is a roleplay "
              "[SP0403]"});
}

// ---- 9. Every problem of a run --------------------------------------------------------------

/// Every problem that does not follow from another is reported, in file order. Those that follow
/// from a cause (names a missing include may declare, principles of a missing framework) are left
/// out with a count on the cause, as compilers do.
TEST(Loader, EveryIndependentProblemIsReportedInFileOrder)
{
    TempLibrary library;
    const auto result = loadIn(library, R"(scenario:
  id: t
  title: T
  kind: roleplay
  difficulty: hard
include: [missing.yaml]
cast:
  - id: sam
    name: Sam
variables:
  trust: { type: int, min: 0, max: 10, initial: 50 }
start: a
nodes:
  a:
    type: line
    speaker: sam
    text: "Hello {nme}"
    do: [trust += yes]
    next: b
  b:
    type: choice
    options:
      - text: Go
        goto: closing
        evidence: { ask: 1 }
)");
    EXPECT_FALSE(result.scenario.has_value());
    EXPECT_EQ(
        formatted(result.diagnostics),
        (Lines{
            "test.yaml:1:1: error: no coaching framework: include one (e.g. '../framework/default.yaml') or "
            "add a 'framework:' section (1 use of principles not checked; fix this first) [SP0031]",
            "test.yaml:5:15: error: difficulty is 'hard', which is not one of beginner, intermediate or "
            "advanced [SP0013]",
            "test.yaml:6:11: error: included file 'missing.yaml' not found (looked for missing.yaml) "
            "(2 errors about names it may declare left out; fix this first) [SP0020]",
            "test.yaml:11:49: error: initial value of 'trust' is 50, outside its range 0..10 [SP0210]",
            "test.yaml:24:15: error: unknown node 'closing' in the goto of option 1 of node 'b' [SP0101]"}));
    EXPECT_EQ(result.diagnostics.errorCount(), 5u);
}

/// One diagnostic, one line: a quoted multi-line value is escaped, and a long one is cut.
TEST(Loader, AQuotedValueNeverBreaksTheDiagnosticLine)
{
    const auto lines = problems(withFramework(std::string(kMinimal).replace(
        std::string(kMinimal).find("kind: roleplay"), 14, "kind: |\n    role\n    play")));
    ASSERT_FALSE(lines.empty());
    for (const auto& line : lines)
        EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    EXPECT_NE(std::find_if(lines.begin(), lines.end(),
                           [](const std::string& l) { return l.find("'role\\nplay'") != std::string::npos; }),
              lines.end());
    const std::string longValue(500, 'x');
    const auto cut = problems(withFramework(std::string(kMinimal).replace(
        std::string(kMinimal).find("kind: roleplay"), 14, "kind: " + longValue)));
    ASSERT_FALSE(cut.empty());
    EXPECT_NE(cut[0].find("…' (500 bytes)"), std::string::npos) << cut[0];
    EXPECT_LT(cut[0].size(), 300u);
}

/// The issue's case: the shipped role-play copied out of the library, so its framework include
/// cannot be found. Before, one error per use of a principle followed (482); now the two causes.
TEST(Loader, AScenarioCopiedOutOfTheLibrarySaysWhyOnce)
{
    TempLibrary library;
    const auto result =
        loadIn(library, readFile(sourceDir() / "scenarios/roleplay/takeover-late-stage.yaml"));
    EXPECT_FALSE(result.scenario.has_value());
    ASSERT_EQ(result.diagnostics.errorCount(), 2u) << ::testing::PrintToString(formatted(result.diagnostics));
    std::vector<std::string> codes;
    for (const auto& d : result.diagnostics.items())
        codes.emplace_back(core::codeString(d.code));
    EXPECT_EQ(codes, (std::vector<std::string>{"SP0031", "SP0022"}));
}

TEST(Loader, WarningsAloneStillLoad)
{
    const auto result = loadText(withFramework(R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
    portrait: { image: portraits/sam, expressions: [neutral] }
moderator: sam
start: a
nodes:
  a:
    type: choice
    options:
      - text: Go
        unavailable: never shown
        goto: z
  b:
    type: line
    speaker: sam
    mood: angry
    text: Hi
    next: z
  z:
    type: end
    outcome: good
    debrief: D
)"));
    ASSERT_TRUE(result.scenario.has_value());
    EXPECT_EQ(result.diagnostics.errorCount(), 0u);
    EXPECT_EQ(
        formatted(result.diagnostics),
        (Lines{"test.yaml:9:1: warning: 'moderator' only applies to panels; this scenario is a roleplay "
               "[SP0403]",
               "test.yaml:16:22: warning: 'unavailable' is only shown when an 'if' condition fails, and this "
               "option has no 'if' [SP0017]",
               "test.yaml:18:3: warning: node 'b' can never be reached from the start [SP0301]",
               "test.yaml:21:11: warning: mood 'angry' is not one of sam's portrait expressions (neutral) "
               "[SP0106]"}));
}

TEST(Loader, ValidationCanBeTurnedOff)
{
    core::LoadOptions options;
    options.validate = false;
    TempLibrary library;
    const auto result = core::loadScenarioText(withFramework(std::string(kMinimal) + R"(  lonely:
    type: end
    outcome: poor
    debrief: D
)"),
                                               "test.yaml", library.root(), options);
    EXPECT_TRUE(result.scenario.has_value());
    EXPECT_EQ(formatted(result.diagnostics), Lines{});
}

// ---- The team's own common language ----------------------------------------------------------

/// A framework file with a MEDDPICC-like language, and a file that includes it and gives its own.
void writeFrameworkAndLanguage(const TempLibrary& library)
{
    library.write("framework/base.yaml", std::string(kFramework) + R"(  language:
    name: Base
    terms:
      - {id: economic_buyer, name: economic buyer, phrases: ["economic buyer"]}
)");
    library.write("framework/spin.yaml", R"(include: [base.yaml]
language:
  name: SPIN
  terms:
    - {id: implication, name: implication questions, phrases: ["implication questions"]}
)");
}

const char* const kTinyScenario = R"(scenario: {id: t, title: T, kind: roleplay}
cast: [{id: sam, name: Sam}]
start: a
nodes:
  a: {type: end, outcome: good, debrief: x}
)";

TEST(Loader, ATopLevelLanguageReplacesTheFrameworksWhateverTheOrderOfTheIncludes)
{
    TempLibrary library;
    writeFrameworkAndLanguage(library);
    for (const char* includes :
         {"[../framework/spin.yaml]", "[../framework/spin.yaml, ../framework/base.yaml]"}) {
        const auto file =
            library.write("roleplay/t.yaml", std::string("include: ") + includes + "\n" + kTinyScenario);
        const auto result = core::loadScenario(file);
        ASSERT_TRUE(result.scenario) << formatted(result.diagnostics).front();
        const auto& fw = result.scenario->framework;
        EXPECT_EQ(fw.id, "test"); // the framework's principles, cues and scoring stay
        EXPECT_EQ(fw.languageName, "SPIN");
        std::vector<std::string> terms;
        for (const auto& set : fw.phrases)
            if (set.tag.starts_with(core::kFrameworkTermPrefix))
                terms.push_back(set.tag);
        EXPECT_EQ(terms, std::vector<std::string>{"framework_term:implication"}) << includes;
    }
}

TEST(Loader, ALanguageFileAloneGivesTheFrameworkWithThatLanguage)
{
    TempLibrary library;
    writeFrameworkAndLanguage(library);
    const auto loaded = core::loadFramework(library.root() / "framework" / "spin.yaml");
    ASSERT_TRUE(loaded.framework);
    EXPECT_EQ(loaded.framework->languageName, "SPIN");
    const auto shipped = core::loadFramework(sourceDir() / "scenarios" / "framework" / "spin.yaml");
    ASSERT_TRUE(shipped.framework) << formatted(shipped.diagnostics).front();
    EXPECT_EQ(shipped.framework->id, "default");
    EXPECT_EQ(shipped.framework->languageName, "SPIN");
    EXPECT_TRUE(
        std::none_of(shipped.framework->phrases.begin(), shipped.framework->phrases.end(),
                     [](const core::PhraseSet& set) { return set.tag == "framework_term:economic_buyer"; }));
}

TEST(Loader, SP0030_TwoTopLevelLanguages)
{
    TempLibrary library;
    writeFrameworkAndLanguage(library);
    const auto file =
        library.write("roleplay/t.yaml", std::string("include: [../framework/spin.yaml]\n") +
                                             "language: {name: Other, terms: []}\n" + kTinyScenario);
    const auto result = core::loadScenario(file);
    EXPECT_FALSE(result.scenario);
    EXPECT_EQ(
        formatted(result.diagnostics),
        Lines{file.generic_string() +
              ":2:1: error: a second common language is defined at the top of a file; a scenario uses one, "
              "and it already has 'SPIN' (from " +
              (library.root() / "framework" / "spin.yaml").generic_string() + ":2) [SP0030]"});
}

} // namespace
} // namespace sparring::test
