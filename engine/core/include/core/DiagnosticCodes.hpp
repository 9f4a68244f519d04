#pragma once
// Every diagnostic code in one table: a name that says what is wrong, the stable string printed
// with it ("SP0101"), its severity and its title. scenarios/README.md documents each code under
// that title (tests/core/DiagnosticCodes.test.cpp holds the two to each other), so an author who
// sees [SP0101] finds the mistake and the fix there.
//
// The strings are the stable part: they appear in output, scripts and the docs. The enumerators'
// numeric values are not; never store or print them.

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sparring::core {

enum class Severity { Warning, Error };

/// In the order of kDiagnosticCodes (and of the docs): a new code goes into its group here and
/// gets its row in the table at the same place.
enum class DiagnosticCode : std::uint8_t {
    // Reading files (SP0001-SP0006)
    FileUnreadable,
    YamlSyntax,
    FileTooLarge,
    InvalidUtf8,
    NestingTooDeep,
    NotAMapOfSections,
    // Keys and values (SP0010-SP0019)
    UnknownKey,
    WrongKindOfValue,
    MissingRequiredKey,
    ValueNotAllowed,
    DuplicateKey,
    TextTooLong,
    UnmatchedBrace,
    UnavailableWithoutIf,
    RetiredKey,
    ControlCharacterInValue,
    // Includes (SP0020-SP0024)
    IncludeNotFound,
    IncludeCycleOrTooDeep,
    PathLeavesLibrary,
    IncludeContainsScenario,
    UnusedFragment,
    // Definitions (SP0030-SP0031)
    DefinedTwice,
    NoFramework,
    // Curriculum (SP0040-SP0042)
    TrackNamesUnknownScenario,
    ScenarioInTwoTracks,
    ScenarioInNoTrack,
    // References (SP0101-SP0106)
    UnknownNode,
    UnknownCharacter,
    UnknownPrinciple,
    UnknownVariableInText,
    UnknownStartNode,
    UnknownMood,
    // Expressions (SP0201-SP0210)
    ExpressionSyntax,
    TypeMismatch,
    UnknownVariable,
    BadFunctionCall,
    NotANodeId,
    InvalidEffect,
    ValueOutsideRange,
    // Graph (SP0301-SP0308; SP0306 is reserved and documented as not used)
    UnreachableNode,
    ChoiceCanRunOut,
    NoEndingReachable,
    ConditionNeverTrue,
    UnreachableEnding,
    NoEndNode,
    BranchOnlyLoop,
    // Panels (SP0401-SP0408)
    PanelWithoutModerator,
    ExpertWithoutViewpoint,
    ModeratorInRoleplay,
    UnknownCommitment,
    RoundWithoutPositions,
    UnsaidPositionLine,
    RepeatedReactionLine,
    CommitmentNeverMade,
    // Path analysis, `sparring analyze` (SP0501-SP0505)
    GoodEndingBreaksFocus,
    EndingNoPathReaches,
    NodeNoPathReaches,
    LoopWithoutDecision,
    AnalysisPartial,
    // Labelled corpus (SP0601)
    BadCorpusLine,
};

struct DiagnosticCodeInfo {
    DiagnosticCode code;
    std::string_view id;    ///< "SP0101", printed after the message
    Severity severity;      ///< every diagnostic with this code has it
    std::string_view title; ///< the heading of the code's entry in scenarios/README.md
};

inline constexpr auto kDiagnosticCodes = std::to_array<DiagnosticCodeInfo>({
    {DiagnosticCode::FileUnreadable, "SP0001", Severity::Error, "the file cannot be read"},
    {DiagnosticCode::YamlSyntax, "SP0002", Severity::Error, "YAML syntax error"},
    {DiagnosticCode::FileTooLarge, "SP0003", Severity::Error, "file too large"},
    {DiagnosticCode::InvalidUtf8, "SP0004", Severity::Error, "invalid UTF-8"},
    {DiagnosticCode::NestingTooDeep, "SP0005", Severity::Error, "nesting too deep"},
    {DiagnosticCode::NotAMapOfSections, "SP0006", Severity::Error, "not a map of sections"},

    {DiagnosticCode::UnknownKey, "SP0010", Severity::Error, "unknown key"},
    {DiagnosticCode::WrongKindOfValue, "SP0011", Severity::Error, "wrong kind of value"},
    {DiagnosticCode::MissingRequiredKey, "SP0012", Severity::Error, "required key missing"},
    {DiagnosticCode::ValueNotAllowed, "SP0013", Severity::Error, "value not allowed"},
    {DiagnosticCode::DuplicateKey, "SP0014", Severity::Error, "key written twice"},
    {DiagnosticCode::TextTooLong, "SP0015", Severity::Error, "text too long"},
    {DiagnosticCode::UnmatchedBrace, "SP0016", Severity::Error, "unmatched brace in text"},
    {DiagnosticCode::UnavailableWithoutIf, "SP0017", Severity::Warning, "'unavailable' without 'if'"},
    {DiagnosticCode::RetiredKey, "SP0018", Severity::Warning, "a key that is no longer read"},
    {DiagnosticCode::ControlCharacterInValue, "SP0019", Severity::Error, "control character in a value"},

    {DiagnosticCode::IncludeNotFound, "SP0020", Severity::Error, "included file not found"},
    {DiagnosticCode::IncludeCycleOrTooDeep, "SP0021", Severity::Error, "include cycle or too deep"},
    {DiagnosticCode::PathLeavesLibrary, "SP0022", Severity::Error, "path leaves the library"},
    {DiagnosticCode::IncludeContainsScenario, "SP0023", Severity::Error, "an include contains a scenario"},
    {DiagnosticCode::UnusedFragment, "SP0024", Severity::Warning, "not a scenario, and nothing includes it"},

    {DiagnosticCode::DefinedTwice, "SP0030", Severity::Error, "defined twice"},
    {DiagnosticCode::NoFramework, "SP0031", Severity::Error, "no framework"},

    {DiagnosticCode::TrackNamesUnknownScenario, "SP0040", Severity::Error,
     "a track names an unknown scenario"},
    {DiagnosticCode::ScenarioInTwoTracks, "SP0041", Severity::Error, "a scenario listed twice"},
    {DiagnosticCode::ScenarioInNoTrack, "SP0042", Severity::Warning, "a scenario in no track"},

    {DiagnosticCode::UnknownNode, "SP0101", Severity::Error, "unknown node"},
    {DiagnosticCode::UnknownCharacter, "SP0102", Severity::Error, "unknown character"},
    {DiagnosticCode::UnknownPrinciple, "SP0103", Severity::Error, "unknown principle"},
    {DiagnosticCode::UnknownVariableInText, "SP0104", Severity::Error, "unknown variable in text"},
    {DiagnosticCode::UnknownStartNode, "SP0105", Severity::Error, "start node not defined"},
    {DiagnosticCode::UnknownMood, "SP0106", Severity::Warning, "mood not among the portrait's expressions"},

    {DiagnosticCode::ExpressionSyntax, "SP0201", Severity::Error, "expression syntax"},
    {DiagnosticCode::TypeMismatch, "SP0202", Severity::Error, "type mismatch"},
    {DiagnosticCode::UnknownVariable, "SP0203", Severity::Error, "unknown variable"},
    {DiagnosticCode::BadFunctionCall, "SP0204", Severity::Error, "unknown function or wrong arguments"},
    {DiagnosticCode::NotANodeId, "SP0205", Severity::Error, "not a node id"},
    {DiagnosticCode::InvalidEffect, "SP0206", Severity::Error, "invalid effect"},
    {DiagnosticCode::ValueOutsideRange, "SP0210", Severity::Error, "value outside the variable's range"},

    {DiagnosticCode::UnreachableNode, "SP0301", Severity::Warning, "unreachable node"},
    {DiagnosticCode::ChoiceCanRunOut, "SP0302", Severity::Error, "choice can run out of options"},
    {DiagnosticCode::NoEndingReachable, "SP0303", Severity::Error, "no ending reachable"},
    {DiagnosticCode::ConditionNeverTrue, "SP0304", Severity::Warning, "condition never true"},
    {DiagnosticCode::UnreachableEnding, "SP0305", Severity::Warning, "unreachable ending"},
    {DiagnosticCode::NoEndNode, "SP0307", Severity::Error, "no end node"},
    {DiagnosticCode::BranchOnlyLoop, "SP0308", Severity::Error, "loop of branches only"},

    {DiagnosticCode::PanelWithoutModerator, "SP0401", Severity::Error, "panel without moderator"},
    {DiagnosticCode::ExpertWithoutViewpoint, "SP0402", Severity::Warning, "expert without viewpoint"},
    {DiagnosticCode::ModeratorInRoleplay, "SP0403", Severity::Warning, "moderator in a role-play"},
    {DiagnosticCode::UnknownCommitment, "SP0404", Severity::Error, "unknown commitment"},
    {DiagnosticCode::RoundWithoutPositions, "SP0405", Severity::Warning, "panel round without positions"},
    {DiagnosticCode::UnsaidPositionLine, "SP0406", Severity::Warning, "position line no answer can earn"},
    {DiagnosticCode::RepeatedReactionLine, "SP0407", Severity::Warning, "reaction line written twice"},
    {DiagnosticCode::CommitmentNeverMade, "SP0408", Severity::Warning, "commitment no answer makes"},

    {DiagnosticCode::GoodEndingBreaksFocus, "SP0501", Severity::Error,
     "good ending reached while breaking a focus principle"},
    {DiagnosticCode::EndingNoPathReaches, "SP0502", Severity::Error, "ending no path reaches"},
    {DiagnosticCode::NodeNoPathReaches, "SP0503", Severity::Warning, "node no path reaches"},
    {DiagnosticCode::LoopWithoutDecision, "SP0504", Severity::Error, "loop without a decision"},
    {DiagnosticCode::AnalysisPartial, "SP0505", Severity::Warning, "partial analysis"},

    {DiagnosticCode::BadCorpusLine, "SP0601", Severity::Error, "bad line in a labelled corpus"},
});

namespace detail {
[[nodiscard]] constexpr bool rowsSitAtTheirEnumerators()
{
    for (std::size_t i = 0; i < kDiagnosticCodes.size(); ++i)
        if (static_cast<std::size_t>(kDiagnosticCodes[i].code) != i)
            return false;
    return true;
}
} // namespace detail

// Looking a code up is then an index; a row out of place would print another code's string.
static_assert(detail::rowsSitAtTheirEnumerators(), "kDiagnosticCodes must list the codes in enum order");

/// The table's row for `code`.
[[nodiscard]] constexpr const DiagnosticCodeInfo& codeInfo(DiagnosticCode code)
{
    const auto index = static_cast<std::size_t>(code);
    assert(index < kDiagnosticCodes.size() && "every DiagnosticCode needs its row in kDiagnosticCodes");
    return kDiagnosticCodes[index];
}

/// The stable string printed for `code`, such as "SP0101".
[[nodiscard]] constexpr std::string_view codeString(DiagnosticCode code)
{
    return codeInfo(code).id;
}

/// The code printed as `id` ("SP0101"), if there is one.
[[nodiscard]] constexpr std::optional<DiagnosticCode> findDiagnosticCode(std::string_view id)
{
    for (const auto& row : kDiagnosticCodes)
        if (row.id == id)
            return row.code;
    return std::nullopt;
}

} // namespace sparring::core
