// Tests of diagnostics as data (core/Diagnostic.hpp): the printed format, counting and ordering.

#include "core/Diagnostic.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sparring::core {
namespace {

std::vector<std::string> formattedAll(const Diagnostics& diagnostics)
{
    std::vector<std::string> out;
    for (const auto& d : diagnostics.items())
        out.push_back(format(d));
    return out;
}

TEST(Diagnostics, FormatErrorWithLineAndColumn)
{
    const Diagnostic d{{"scenarios/x.yaml", 12, 5},
                       Severity::Error,
                       DiagnosticCode::UnknownNode,
                       "unknown node 'close' in goto; did you mean 'closing'?"};
    EXPECT_EQ(format(d),
              "scenarios/x.yaml:12:5: error: unknown node 'close' in goto; did you mean 'closing'? [SP0101]");
}

TEST(Diagnostics, FormatWarning)
{
    const Diagnostic d{{"a.yaml", 3, 1},
                       Severity::Warning,
                       DiagnosticCode::UnreachableNode,
                       "node 'x' can never be reached from the start"};
    EXPECT_EQ(format(d), "a.yaml:3:1: warning: node 'x' can never be reached from the start [SP0301]");
}

TEST(Diagnostics, FormatWithoutColumn)
{
    const Diagnostic d{{"a.yaml", 7, 0}, Severity::Error, DiagnosticCode::YamlSyntax, "broken"};
    EXPECT_EQ(format(d), "a.yaml:7: error: broken [SP0002]");
}

TEST(Diagnostics, FormatWholeFile)
{
    EXPECT_EQ(format({{"a.yaml", 0, 0}, Severity::Error, DiagnosticCode::NoEndNode, "no end"}),
              "a.yaml: error: no end [SP0307]");
    // A column without a line means nothing: it is left out.
    EXPECT_EQ(format({{"a.yaml", 0, 9}, Severity::Warning, DiagnosticCode::FileUnreadable, "odd"}),
              "a.yaml: warning: odd [SP0001]");
}

TEST(Diagnostics, ErrorAndWarningRecordWhatTheySay)
{
    Diagnostics diagnostics;
    diagnostics.error({"a.yaml", 1, 2}, DiagnosticCode::UnknownKey, "e");
    diagnostics.warning({"b.yaml", 3, 4}, DiagnosticCode::UnreachableNode, "w");
    ASSERT_EQ(diagnostics.items().size(), 2u);
    EXPECT_EQ(diagnostics.items()[0],
              (Diagnostic{{"a.yaml", 1, 2}, Severity::Error, DiagnosticCode::UnknownKey, "e"}));
    EXPECT_EQ(diagnostics.items()[1],
              (Diagnostic{{"b.yaml", 3, 4}, Severity::Warning, DiagnosticCode::UnreachableNode, "w"}));
}

// The printer is the last step before a terminal: a file's name holding control characters, a
// message quoting such a value (C0, DEL, C1, NUL) or bytes that are not UTF-8, whichever way the
// diagnostic was added, print as visible escapes on one line (core::terminalSafe).
TEST(Diagnostics, ControlCharactersInANameOrAMessagePrintAsEscapes)
{
    const std::string name = std::string("dir/a\x1B[2J\x07") + "\xFF.yaml";
    const std::string value = std::string("x\xC2\x9B") + "31m" + std::string(1, '\0') + "\x7F\ty\n";
    const Diagnostic added{
        {name, 3, 4}, Severity::Error, DiagnosticCode::UnknownNode, "unknown node '" + value + "'"};
    EXPECT_EQ(format(added), "dir/a\\x1B[2J\\x07\xEF\xBF\xBD.yaml:3:4: error: unknown node "
                             "'x\\u009B31m\\x00\\x7F\\ty\\n' [SP0101]");

    Diagnostics diagnostics;
    diagnostics.error({name, 3, 4}, DiagnosticCode::UnknownNode, "unknown node '" + value + "'");
    // Kept escaped in the data too, so every printer (lint --format json, the GUI) shows the same.
    EXPECT_EQ(diagnostics.items()[0].message, "unknown node 'x\\u009B31m\\x00\\x7F\\ty\\n'");
    EXPECT_EQ(format(diagnostics.items()[0]), format(added));
}

TEST(Diagnostics, Counts)
{
    Diagnostics diagnostics;
    EXPECT_TRUE(diagnostics.empty());
    EXPECT_FALSE(diagnostics.hasErrors());
    EXPECT_EQ(diagnostics.errorCount(), 0u);
    EXPECT_EQ(diagnostics.warningCount(), 0u);

    diagnostics.warning({"a.yaml", 1, 1}, DiagnosticCode::UnreachableNode, "w1");
    EXPECT_FALSE(diagnostics.empty());
    EXPECT_FALSE(diagnostics.hasErrors()); // warnings alone are not errors
    EXPECT_EQ(diagnostics.warningCount(), 1u);

    diagnostics.error({"a.yaml", 2, 1}, DiagnosticCode::UnknownKey, "e1");
    diagnostics.add({{"a.yaml", 3, 1}, Severity::Error, DiagnosticCode::WrongKindOfValue, "e2"});
    diagnostics.warning({"a.yaml", 4, 1}, DiagnosticCode::UnreachableEnding, "w2");
    EXPECT_TRUE(diagnostics.hasErrors());
    EXPECT_EQ(diagnostics.errorCount(), 2u);
    EXPECT_EQ(diagnostics.warningCount(), 2u);
}

TEST(Diagnostics, AppendKeepsOrder)
{
    Diagnostics first;
    first.error({"a.yaml", 5, 1}, DiagnosticCode::UnknownKey, "one");
    Diagnostics second;
    second.warning({"a.yaml", 1, 1}, DiagnosticCode::UnreachableNode, "two");
    second.error({"b.yaml", 1, 1}, DiagnosticCode::WrongKindOfValue, "three");
    first.append(second);
    EXPECT_EQ(formattedAll(first), (std::vector<std::string>{"a.yaml:5:1: error: one [SP0010]",
                                                             "a.yaml:1:1: warning: two [SP0301]",
                                                             "b.yaml:1:1: error: three [SP0011]"}));
    EXPECT_EQ(second.items().size(), 2u);
}

TEST(Diagnostics, SortByLocationOrdersByFileLineColumn)
{
    Diagnostics diagnostics;
    diagnostics.error({"b.yaml", 1, 1}, DiagnosticCode::FileUnreadable, "b1");
    diagnostics.error({"a.yaml", 10, 2}, DiagnosticCode::FileUnreadable, "a10:2");
    diagnostics.error({"a.yaml", 2, 30}, DiagnosticCode::FileUnreadable, "a2:30");
    diagnostics.error({"a.yaml", 10, 1}, DiagnosticCode::FileUnreadable, "a10:1");
    diagnostics.error({"a.yaml", 0, 0}, DiagnosticCode::FileUnreadable, "a-whole");
    diagnostics.sortByLocation();
    EXPECT_EQ(
        formattedAll(diagnostics),
        (std::vector<std::string>{"a.yaml: error: a-whole [SP0001]", "a.yaml:2:30: error: a2:30 [SP0001]",
                                  "a.yaml:10:1: error: a10:1 [SP0001]", "a.yaml:10:2: error: a10:2 [SP0001]",
                                  "b.yaml:1:1: error: b1 [SP0001]"}));
}

TEST(Diagnostics, SortByLocationIsStable)
{
    Diagnostics diagnostics;
    diagnostics.error({"a.yaml", 3, 3}, DiagnosticCode::UnknownVariableInText, "first found");
    diagnostics.warning({"a.yaml", 1, 1}, DiagnosticCode::UnreachableNode, "earlier line");
    diagnostics.error({"a.yaml", 3, 3}, DiagnosticCode::UnmatchedBrace, "second found");
    diagnostics.error({"a.yaml", 3, 3}, DiagnosticCode::UnknownKey, "third found");
    diagnostics.sortByLocation();
    EXPECT_EQ(formattedAll(diagnostics),
              (std::vector<std::string>{
                  "a.yaml:1:1: warning: earlier line [SP0301]", "a.yaml:3:3: error: first found [SP0104]",
                  "a.yaml:3:3: error: second found [SP0016]", "a.yaml:3:3: error: third found [SP0010]"}));
}

} // namespace
} // namespace sparring::core
