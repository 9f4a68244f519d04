#include "core/FormatKeys.hpp"

#include "core/Labels.hpp"

#include <cassert>
#include <utility>

namespace sparring::core {

namespace {

std::vector<std::string> words(std::span<const std::string_view> from)
{
    return {from.begin(), from.end()};
}

/// A framework's `scoring` keys on what the scorer detects: the acts, the tags, a reflection's
/// depth and "framework_term" for any term of the common language.
std::vector<std::string> scoringLabels()
{
    std::vector<std::string> labels = words(kActs);
    labels.insert(labels.end(), kTags.begin(), kTags.end());
    labels.insert(labels.end(), {"depth:simple", "depth:complex", "framework_term"});
    return labels;
}

/// A map that takes only `allowed` keys.
ObjectKeys closed(FormatObject object, std::string_view definition, std::vector<std::string> allowed,
                  std::vector<std::string> required, std::vector<std::string> retired = {})
{
    return {object, definition, KeyRule::Closed, std::move(allowed), std::move(required), std::move(retired)};
}

/// A map whose keys are names the author chooses.
ObjectKeys open(FormatObject object, std::string_view definition)
{
    return {object, definition, KeyRule::Open, {}, {}, {}};
}

std::vector<ObjectKeys> makeTable()
{
    using enum FormatObject;
    std::vector<ObjectKeys> table{
        closed(ScenarioFile, "scenarioFile",
               {"scenario", "include", "framework", "language", "cast", "moderator", "variables",
                "commitments", "start", "nodes"},
               {"scenario", "start", "nodes"}),
        closed(IncludedFile, "includedFile", {"framework", "language", "cast", "variables", "include"}, {}),
        closed(ScenarioHeader, "scenarioHeader",
               {"id", "title", "kind", "version", "summary", "minutes", "difficulty", "focus", "tags"},
               {"id", "title", "kind"}),
        closed(Framework, "framework",
               {"id", "name", "description", "principles", "language", "cues", "scoring"},
               {"id", "name", "principles"}),
        closed(Principle, "principle", {"id", "name", "description", "why"}, {"id", "name", "description"}),
        closed(Language, "language", {"name", "terms"}, {"name", "terms"}),
        closed(Term, "term", {"id", "name", "phrases"}, {"id", "name", "phrases"}),
        closed(Cues, "cues", words(kTags), {}),
        closed(Scoring, "scoring", scoringLabels(), {}),
        open(ScoringWeights, "scoringWeights"),
        closed(Character, "character", {"id", "name", "role", "persona", "portrait", "voice", "viewpoint"},
               {"id", "name"}, {"weights", "reactions"}),
        closed(Portrait, "portrait", {"image", "expressions"}, {"image"}),
        closed(Voice, "voice", {"name", "rate", "pitch"}, {}),
        open(Variables, "variables"),
        closed(Variable, "variable", {"type", "min", "max", "initial", "description"}, {"type", "initial"}),
        open(Commitments, "commitments"),
        open(Nodes, "nodes"),
        // A node's `type` is read first; then the node is read by the entry of its kind.
        {Node, "node", KeyRule::ByType, {"type"}, {"type"}, {}},
        closed(LineNode, "lineNode", {"type", "speaker", "text", "mood", "do", "next"},
               {"speaker", "text", "next"}),
        closed(ChoiceNode, "choiceNode", {"type", "prompt", "options", "fallback", "shuffle", "positions"},
               {"options"}),
        closed(RespondNode, "respondNode",
               {"type", "speaker", "prompt", "routes", "otherwise", "model_answer", "positions"},
               {"prompt", "otherwise"}),
        closed(BranchNode, "branchNode", {"type", "cases", "else"}, {"cases", "else"}),
        closed(EndNode, "endNode", {"type", "outcome", "title", "debrief"}, {"outcome", "debrief"}),
        closed(Option, "option",
               {"text", "if", "unavailable", "once", "goto", "do", "evidence", "feedback", "commits"},
               {"text", "goto"}),
        closed(Fallback, "fallback", {"text", "goto", "do", "evidence", "feedback", "commits"},
               {"text", "goto"}),
        closed(Route, "route", {"label", "match", "if", "goto", "do", "evidence", "feedback", "commits"},
               {"match", "goto"}),
        closed(Match, "match", {"any", "all", "none", "acts", "tags", "at_least", "at_most"}, {}),
        open(MatchScores, "matchScores"),
        closed(Otherwise, "otherwise", {"goto", "do", "evidence", "feedback", "commits"}, {"goto"}),
        closed(Case, "case", {"if", "goto"}, {"if", "goto"}),
        open(Evidence, "evidence"),
        open(Positions, "positions"),
        closed(Position, "position", {"stance", "welcomes", "resists", "unmoved"}, {"stance", "unmoved"}),
        open(PositionReplies, "positionReplies"),
        closed(CurriculumFile, "curriculumFile", {"curriculum"}, {"curriculum"}),
        closed(Curriculum, "curriculum", {"title", "description", "tracks"}, {"tracks"}),
        closed(Track, "track", {"id", "title", "description", "scenarios"}, {"id", "title", "scenarios"}),
    };
    for (std::size_t i = 0; i < table.size(); ++i)
        assert(static_cast<std::size_t>(table[i].object) == i && "entries in FormatObject order");
    return table;
}

std::vector<WordList> makeWordLists()
{
    using enum FixedWords;
    std::vector<WordList> lists{
        {NodeType, "/definitions/node/properties/type/enum", {"line", "choice", "respond", "branch", "end"}},
        {ScenarioKind, "/definitions/scenarioHeader/properties/kind/enum", {"roleplay", "panel"}},
        {Difficulty,
         "/definitions/scenarioHeader/properties/difficulty/enum",
         {"beginner", "intermediate", "advanced"}},
        {Outcome, "/definitions/endNode/properties/outcome/enum", {"good", "mixed", "poor"}},
        {VariableType, "/definitions/variable/properties/type/enum", {"int", "bool", "string"}},
        {Act, "/definitions/act/enum", words(kActs)},
        {Tag, "/definitions/tag/anyOf/0/enum", words(kTags)},
    };
    for (std::size_t i = 0; i < lists.size(); ++i)
        assert(static_cast<std::size_t>(lists[i].which) == i && "lists in FixedWords order");
    return lists;
}

const std::vector<ObjectKeys>& table()
{
    static const std::vector<ObjectKeys> entries = makeTable();
    return entries;
}

const std::vector<WordList>& lists()
{
    static const std::vector<WordList> entries = makeWordLists();
    return entries;
}

} // namespace

const ObjectKeys& formatKeys(FormatObject object)
{
    return table()[static_cast<std::size_t>(object)];
}

std::span<const ObjectKeys> formatObjects()
{
    return table();
}

const WordList& fixedWords(FixedWords which)
{
    return lists()[static_cast<std::size_t>(which)];
}

std::span<const WordList> wordLists()
{
    return lists();
}

} // namespace sparring::core
