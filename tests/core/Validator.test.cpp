// Tests of the whole-graph checks (core/Validator.hpp): SP0301-SP0308, exact strings, through the
// loader (which runs them once a file has no other errors) and on hand-built models.
//
// Test files are written out in full so that line:col can be checked by eye; each ends with the
// shared test framework (kFramework), appended after the lines that matter.

#include "core/Validator.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sparring::test {
namespace {

using Lines = std::vector<std::string>;

/// Every diagnostic of loading `yaml` plus the test framework, formatted; checks that a scenario
/// comes back exactly when there are no errors.
Lines problems(const std::string& yaml)
{
    const auto result = loadText(yaml + kFramework);
    EXPECT_EQ(result.scenario.has_value(), !result.diagnostics.hasErrors())
        << ::testing::PrintToString(formatted(result.diagnostics));
    return formatted(result.diagnostics);
}

// Shared opening of the test files: lines 1-9, nodes start on line 10.
const char* const kHead = R"(scenario:
  id: t
  title: T
  kind: roleplay
cast:
  - id: sam
    name: Sam
variables:
  trust: { type: int, min: 0, max: 10, initial: 5 }
)";

std::string file(const std::string& startAndNodes)
{
    return kHead + startAndNodes;
}

TEST(Validator, CleanScenarioHasNoDiagnostics)
{
    EXPECT_EQ(problems(file(R"(start: a
nodes:
  a:
    type: choice
    options:
      - { text: Stay, goto: a, if: trust < 3 }
      - { text: Leave, goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)")),
              Lines{});
}

TEST(Validator, SP0301_UnreachableNode)
{
    const auto result = loadText(file(R"(start: a
nodes:
  a:
    type: line
    speaker: sam
    text: Hi
    next: z
  orphan:
    type: line
    speaker: sam
    text: Nobody hears this
    next: z
  z:
    type: end
    outcome: good
    debrief: D
)") + kFramework);
    EXPECT_TRUE(result.scenario.has_value()); // a warning
    EXPECT_EQ(formatted(result.diagnostics),
              Lines{"test.yaml:17:3: warning: node 'orphan' can never be reached from the start [SP0301]"});
}

TEST(Validator, SP0301_ReachableOnlyThroughAnOptionThatIsNeverAvailable)
{
    EXPECT_EQ(
        problems(file(R"(start: a
nodes:
  a:
    type: choice
    options:
      - { text: Never, if: trust > 10, goto: hidden }
      - { text: Go, goto: z }
  hidden:
    type: line
    speaker: sam
    text: Hidden
    next: z
  z:
    type: end
    outcome: good
    debrief: D
)")),
        (Lines{"test.yaml:15:9: warning: option 1 of node 'a' can never be available: 'trust > 10' is never "
               "true within the variables' ranges [SP0304]",
               "test.yaml:17:3: warning: node 'hidden' can never be reached from the start [SP0301]"}));
}

TEST(Validator, SP0302_ChoiceCanRunOutOfOptions)
{
    EXPECT_EQ(
        problems(file(R"(start: a
nodes:
  a:
    type: choice
    options:
      - { text: If trusted, if: trust > 3, goto: a }
      - { text: Once, once: true, goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)")),
        Lines{"test.yaml:12:3: error: choice 'a' can run out of options (every option has a condition or is "
              "once-only) and has no fallback, so the conversation could stop here; add a 'fallback' "
              "[SP0302]"});
}

TEST(Validator, SP0302_NotWithAFallbackOrAnOptionThatIsAlwaysAvailable)
{
    // A fallback covers the choice running dry.
    EXPECT_EQ(problems(file(R"(start: a
nodes:
  a:
    type: choice
    options:
      - { text: Once, once: true, goto: a }
    fallback: { text: Enough, goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)")),
              Lines{});
    // 'trust >= 0' holds over the whole declared range, so the option is always there.
    EXPECT_EQ(problems(file(R"(start: a
nodes:
  a:
    type: choice
    options:
      - { text: Always, if: trust >= 0, goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)")),
              Lines{});
}

TEST(Validator, SP0303_TrapIsReportedOnceWhereItIsEntered)
{
    EXPECT_EQ(
        problems(file(R"(start: a
nodes:
  a:
    type: choice
    options:
      - { text: Loop, goto: loop1 }
      - { text: End, goto: z }
  loop1:
    type: line
    speaker: sam
    text: Round
    next: loop2
  loop2:
    type: line
    speaker: sam
    text: And round
    next: loop1
  z:
    type: end
    outcome: good
    debrief: D
)")),
        Lines{"test.yaml:17:3: error: no ending can be reached from node 'loop1': every path from here loops "
              "without reaching an 'end' node [SP0303]"});
}

TEST(Validator, SP0303_StartInsideATrap)
{
    EXPECT_EQ(
        problems(file(R"(start: a
nodes:
  a:
    type: line
    speaker: sam
    text: Again
    next: a
  z:
    type: end
    outcome: good
    debrief: D
)")),
        (Lines{"test.yaml:12:3: error: no ending can be reached from node 'a': every path from here loops "
               "without reaching an 'end' node [SP0303]",
               "test.yaml:17:3: warning: ending 'z' can never be reached from the start [SP0305]"}));
}

TEST(Validator, SP0304_ConditionsThatAreNeverTrue)
{
    EXPECT_EQ(
        problems(file(R"(start: a
nodes:
  a:
    type: choice
    options:
      - { text: Go, goto: b }
      - text: Never
        if: trust > 10
        goto: z
  b:
    type: branch
    cases:
      - if: trust > 20
        goto: z
      - if: trust < 5
        goto: r
    else: r
  r:
    type: respond
    prompt: Say
    routes:
      - match: { any: [hi] }
        if: trust < 0
        goto: z
    otherwise: { goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)")),
        (Lines{"test.yaml:16:9: warning: option 2 of node 'a' can never be available: 'trust > 10' is never "
               "true within the variables' ranges [SP0304]",
               "test.yaml:22:9: warning: case 1 of branch 'b' can never be taken: 'trust > 20' is never true "
               "within the variables' ranges [SP0304]",
               "test.yaml:31:9: warning: route 1 of node 'r' can never be taken: 'trust < 0' is never true "
               "within the variables' ranges [SP0304]"}));
}

TEST(Validator, SP0305_UnreachableEnding)
{
    EXPECT_EQ(problems(file(R"(start: a
nodes:
  a:
    type: branch
    cases:
      - if: trust >= 0
        goto: z
    else: lost
  z:
    type: end
    outcome: good
    debrief: D
  lost:
    type: end
    outcome: poor
    debrief: Never.
)")),
              // A case that is always true means 'else' is never taken.
              Lines{"test.yaml:22:3: warning: ending 'lost' can never be reached from the start [SP0305]"});
}

TEST(Validator, SP0307_NoEnding)
{
    EXPECT_EQ(problems(file(R"(start: a
nodes:
  a:
    type: line
    speaker: sam
    text: Hi
    next: a
)")),
              Lines{"test.yaml: error: the scenario has no 'end' node, so it can never finish [SP0307]"});
}

TEST(Validator, SP0307_ModelWithoutNodes)
{
    // Regression: validate() returned nothing for a scenario without nodes.
    core::Scenario empty;
    empty.path = "empty.yaml";
    EXPECT_EQ(formatted(core::validate(empty)),
              Lines{"empty.yaml: error: the scenario has no 'end' node, so it can never finish [SP0307]"});
}

TEST(Validator, SP0308_LoopThroughBranchesOnly)
{
    EXPECT_EQ(
        problems(file(R"(start: b
nodes:
  b:
    type: branch
    cases:
      - if: trust > 2
        goto: c
    else: z
  c:
    type: branch
    cases:
      - if: trust > 4
        goto: b
    else: z
  z:
    type: end
    outcome: good
    debrief: D
)")),
        Lines{"test.yaml:12:3: error: branch 'b' can loop back to itself through branches only, which would "
              "never stop; put a line, choice or respond node in the loop [SP0308]"});
}

TEST(Validator, SP0308_NotWhenTheLoopAsksSomething)
{
    EXPECT_EQ(problems(file(R"(start: b
nodes:
  b:
    type: branch
    cases:
      - if: trust > 2
        goto: ask
    else: z
  ask:
    type: choice
    options:
      - { text: Again, goto: b, do: [trust -= 1] }
      - { text: Stop, goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)")),
              Lines{});
}

TEST(Validator, GraphChecksRunOnlyWhenTheFileHasNoOtherErrors)
{
    // The orphan and the missing ending are not reported while an unknown key is.
    EXPECT_EQ(
        problems(file(R"(start: a
nodes:
  a:
    type: line
    speaker: sam
    text: Hi
    next: a
    colour: blue
  orphan:
    type: line
    speaker: sam
    text: Nobody
    next: a
)")),
        Lines{
            "test.yaml:17:5: error: unknown key 'colour' in node 'a' (expected type, speaker, text, mood, do "
            "or next) [SP0010]"});
}

TEST(Validator, SuccessorsLeaveOutWhatCanNeverHappen)
{
    const auto s = mustLoad(file(R"(start: a
nodes:
  a:
    type: choice
    options:
      - { text: Never, if: trust > 10, goto: x }
      - { text: Go, goto: b }
    fallback: { text: Else, goto: z }
  b:
    type: branch
    cases:
      - if: trust < 3
        goto: x
      - if: trust >= 0
        goto: z
      - if: trust == 4
        goto: b
    else: x
  x:
    type: respond
    prompt: Say
    routes:
      - { match: { any: [hi] }, goto: b }
    otherwise: { goto: z }
  z:
    type: end
    outcome: good
    debrief: D
)") + kFramework);
    ASSERT_TRUE(s);
    EXPECT_EQ(core::successors(*s, 0), (std::vector<std::size_t>{1, 3}));
    EXPECT_EQ(core::successors(*s, 1),
              (std::vector<std::size_t>{2, 3})); // stops at the case that always holds
    EXPECT_EQ(core::successors(*s, 2), (std::vector<std::size_t>{1, 3}));
    EXPECT_EQ(core::successors(*s, 3), (std::vector<std::size_t>{}));
}

} // namespace
} // namespace sparring::test
