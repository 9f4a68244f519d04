// The table of diagnostic codes (core/DiagnosticCodes.hpp) against the authoring guide
// (scenarios/README.md, section "Diagnostic codes"): every code in the table has its own entry
// there, `#### SPnnnn (severity): title`, with the table's severity and title; every entry is a
// code of the table (or a reserved number, `#### SPnnnn: not used`, that the table must not use);
// and every code the guide mentions anywhere exists. The codes themselves are well-formed and
// unique, and look-ups by code and by string agree.

#include "core/DiagnosticCodes.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::test {
namespace {

using core::codeString;
using core::DiagnosticCode;
using core::findDiagnosticCode;
using core::kDiagnosticCodes;
using core::Severity;

/// One code's entry in the guide: the heading that opens it.
struct Entry {
    std::string severity; ///< "error" or "warning"; empty for a reserved number
    std::string title;
    int line = 0;
};

/// What the guide says about codes.
struct Guide {
    bool hasCodesSection = false;
    std::multimap<std::string, Entry> entries; ///< by code; a code documented twice appears twice
    std::vector<std::string> unreadableHeadings;
    std::set<std::string> mentioned; ///< every SPnnnn anywhere in the file
};

Guide readGuide()
{
    static const std::regex entryHeading(R"(#### (SP[0-9]{4}) \((error|warning)\): (.+))");
    static const std::regex reservedHeading(R"(#### (SP[0-9]{4}): not used)");
    static const std::regex mention(R"(SP[0-9]{4})");

    Guide guide;
    std::ifstream in(sourceDir() / "scenarios" / "README.md");
    bool inCodes = false;
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        for (std::sregex_iterator it(line.begin(), line.end(), mention), end; it != end; ++it)
            guide.mentioned.insert(it->str());
        // Entries live in their own section; the same codes are also cited in tables and prose
        // elsewhere, which is not documenting them.
        if (line.starts_with("## ")) {
            inCodes = line == "## Diagnostic codes";
            guide.hasCodesSection = guide.hasCodesSection || inCodes;
            continue;
        }
        if (!inCodes || !line.starts_with("#### "))
            continue;
        std::smatch match;
        if (std::regex_match(line, match, entryHeading))
            guide.entries.insert({match[1].str(), {match[2].str(), match[3].str(), number}});
        else if (std::regex_match(line, match, reservedHeading))
            guide.entries.insert({match[1].str(), {"", "not used", number}});
        else
            guide.unreadableHeadings.push_back(std::to_string(number) + ": " + line);
    }
    return guide;
}

std::string severityWord(Severity severity)
{
    return severity == Severity::Error ? "error" : "warning";
}

TEST(DiagnosticCodes, AreWellFormedUniqueAndInOrder)
{
    static const std::regex wellFormed("SP[0-9]{4}");
    std::set<std::string_view> ids;
    std::set<std::string_view> titles;
    for (const auto& row : kDiagnosticCodes) {
        EXPECT_TRUE(std::regex_match(std::string(row.id), wellFormed)) << "'" << row.id << "'";
        EXPECT_TRUE(ids.insert(row.id).second) << row.id << " is in the table twice";
        EXPECT_FALSE(row.title.empty()) << row.id;
        EXPECT_TRUE(titles.insert(row.title).second)
            << row.id << ": another code has the title '" << row.title << "'";
    }
    // The table reads in the order of the guide, so a code is found in one place in each.
    EXPECT_TRUE(std::is_sorted(kDiagnosticCodes.begin(), kDiagnosticCodes.end(),
                               [](const auto& a, const auto& b) { return a.id < b.id; }));
}

TEST(DiagnosticCodes, LookUpByCodeAndByStringAgree)
{
    for (const auto& row : kDiagnosticCodes) {
        EXPECT_EQ(codeString(row.code), row.id);
        EXPECT_EQ(findDiagnosticCode(row.id), row.code) << row.id;
    }
    EXPECT_EQ(codeString(DiagnosticCode::UnknownNode), "SP0101");
    EXPECT_EQ(findDiagnosticCode("SP0306"), std::nullopt); // reserved, never emitted
    EXPECT_EQ(findDiagnosticCode("SP101"), std::nullopt);
    EXPECT_EQ(findDiagnosticCode(""), std::nullopt);
}

TEST(DiagnosticCodes, EachHasItsOwnEntryInTheGuideWithItsSeverityAndTitle)
{
    const Guide guide = readGuide();
    ASSERT_TRUE(guide.hasCodesSection) << "scenarios/README.md has no '## Diagnostic codes' section";
    for (const auto& row : kDiagnosticCodes) {
        const std::string id(row.id);
        const auto [first, last] = guide.entries.equal_range(id);
        if (first == last) {
            ADD_FAILURE() << id << " (" << row.title << ") has no entry '#### " << id << " ("
                          << severityWord(row.severity) << "): " << row.title
                          << "' in the Diagnostic codes section of scenarios/README.md";
            continue;
        }
        EXPECT_EQ(std::distance(first, last), 1) << id << " has more than one entry in scenarios/README.md";
        const Entry& entry = first->second;
        EXPECT_EQ(entry.severity, severityWord(row.severity)) << id << ", README.md line " << entry.line;
        EXPECT_EQ(entry.title, row.title) << id << ", README.md line " << entry.line;
    }
}

TEST(DiagnosticCodes, TheGuideDocumentsNoCodeOutsideTheTable)
{
    const Guide guide = readGuide();
    ASSERT_TRUE(guide.hasCodesSection);
    EXPECT_TRUE(guide.unreadableHeadings.empty())
        << "headings in the Diagnostic codes section that are neither '#### SPnnnn (error|warning): title' "
           "nor '#### SPnnnn: not used': "
        << ::testing::PrintToString(guide.unreadableHeadings);
    std::set<std::string> reserved;
    for (const auto& [id, entry] : guide.entries) {
        const bool isReserved = entry.severity.empty();
        if (isReserved)
            reserved.insert(id);
        EXPECT_EQ(findDiagnosticCode(id).has_value(), !isReserved)
            << id << " (README.md line " << entry.line << ") is "
            << (isReserved ? "documented as not used, but the table has it"
                           : "documented, but not in the table");
    }
    for (const auto& id : guide.mentioned)
        EXPECT_TRUE(findDiagnosticCode(id) || reserved.contains(id))
            << "scenarios/README.md mentions " << id << ", which is neither a code nor a reserved number";
}

} // namespace
} // namespace sparring::test
