#pragma once
// The keys and fixed words of the scenario format, in one table: for each kind of YAML map a
// scenario, included or curriculum file may hold, the keys it allows and requires, and for each value that
// takes one of a fixed set of words, the words. The loader checks every map and word against this
// table; scenarios/schema/scenario.schema.json states the same for editors, and
// tests/core/Schema.test.cpp checks that the two agree, so neither drifts.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::core {

/// Each kind of map the format has (scenarios/README.md names them).
enum class FormatObject : std::uint8_t {
    ScenarioFile,    ///< the top level of a file with a `scenario:` section
    IncludedFile,    ///< the top level of any other file: a framework, a cast, shared variables
    ScenarioHeader,  ///< `scenario:` id, title, kind...
    Framework,       ///< `framework:`
    Principle,       ///< an item of `principles`
    Language,        ///< a framework's `language`
    Term,            ///< an item of a language's `terms`
    Cues,            ///< a framework's `cues`: tag -> phrases
    Scoring,         ///< a framework's `scoring`: act, tag or depth -> weights
    ScoringWeights,  ///< the weights of one label: principle -> number
    Character,       ///< an item of `cast`
    Portrait,        ///< a character's `portrait`
    Voice,           ///< a character's `voice`
    Variables,       ///< `variables`: name -> definition
    Variable,        ///< one variable's definition
    Commitments,     ///< `commitments`: id -> how the moderator says it
    Nodes,           ///< `nodes`: id -> node
    Node,            ///< any node, before its `type` says which kind
    LineNode,        ///< `type: line`
    ChoiceNode,      ///< `type: choice`
    RespondNode,     ///< `type: respond`
    BranchNode,      ///< `type: branch`
    EndNode,         ///< `type: end`
    Option,          ///< an item of a choice's `options`
    Fallback,        ///< a choice's `fallback`
    Route,           ///< an item of a respond node's `routes`
    Match,           ///< a route's `match`
    MatchScores,     ///< a match's `at_least` or `at_most`: principle -> number
    Otherwise,       ///< a respond node's `otherwise`
    Case,            ///< an item of a branch's `cases`
    Evidence,        ///< `evidence`: principle -> signed amount
    Positions,       ///< a round's `positions`: expert -> position
    Position,        ///< one expert's position on a round
    PositionReplies, ///< a position's `welcomes` or `resists`: commitment -> lines
    CurriculumFile,  ///< the top level of a file with a `curriculum:` section
    Curriculum,      ///< `curriculum:` title, description, tracks
    Track,           ///< an item of a curriculum's `tracks`
};

/// How the keys of a map are checked.
enum class KeyRule : std::uint8_t {
    Closed, ///< only the `allowed` keys; any other is unknown (SP0010)
    Open,   ///< names the author chooses (node ids, variables, principles...); the entry lists none
    ByType, ///< the `allowed` keys, and those of the entry its `type` names (nodes)
};

/// The keys of one kind of map.
struct ObjectKeys {
    FormatObject object{};
    /// Its name under `definitions` in scenarios/schema/scenario.schema.json.
    std::string_view schemaDefinition;
    KeyRule rule = KeyRule::Closed;
    std::vector<std::string> allowed;  ///< in the order messages list them; empty when Open
    std::vector<std::string> required; ///< reported in this order when missing (SP0012)
    std::vector<std::string> retired;  ///< no longer read: a warning (SP0018), neither allowed nor unknown
};

/// The entry for one kind of map.
[[nodiscard]] const ObjectKeys& formatKeys(FormatObject object);
/// Every entry, in FormatObject order.
[[nodiscard]] std::span<const ObjectKeys> formatObjects();

/// Each value that must be one of a fixed set of words.
enum class FixedWords : std::uint8_t {
    NodeType,     ///< a node's `type`, in NodeKind order
    ScenarioKind, ///< the scenario's `kind`, in ScenarioKind order
    Difficulty,   ///< the scenario's `difficulty`, in Difficulty order
    Outcome,      ///< an end node's `outcome`, in Outcome order
    VariableType, ///< a variable's `type`, in ValueType order
    Act,          ///< an entry of a match's `acts` (Labels.hpp kActs)
    Tag,          ///< an entry of a match's `tags`, besides framework_term:<term> (Labels.hpp kTags)
};

/// The words of one such value.
struct WordList {
    FixedWords which{};
    /// Where the schema lists them: a JSON pointer to an `enum` in scenario.schema.json.
    std::string_view schemaEnum;
    std::vector<std::string> words; ///< in the order of the enum they are read into
};

/// The words one value may take.
[[nodiscard]] const WordList& fixedWords(FixedWords which);
/// Every word list, in FixedWords order.
[[nodiscard]] std::span<const WordList> wordLists();

} // namespace sparring::core
