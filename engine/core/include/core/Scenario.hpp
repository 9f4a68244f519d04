#pragma once
// The scenario model: plain, read-only value types produced by the Loader and checked by the
// Validator. A Scenario is loaded once; any number of runtime Sessions run on it.
// References between parts (goto targets, speakers, principles, variables) are resolved to
// indices at load time, so the runtime never looks anything up by string.
//
// Sections: text templates · framework · cast · variables · nodes · the scenario.

#include "core/Diagnostic.hpp"
#include "core/Expression.hpp"
#include "core/Labels.hpp"
#include "core/StepProgram.hpp"
#include "core/Value.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace sparring::core {

// ---- text templates -------------------------------------------------------------------------

/// Words the engine supplies to a text, named like variables: `{said}` quotes the trainee's latest
/// answer (the words that decided its route, see runtime::Decision::said), `{recap}` lists what the
/// trainee has committed to so far in a panel (each answer's headline commitment), in the words of
/// the scenario's `commitments`.
enum class BuiltinText { Said, Recap };

/// Text with `{variable}` placeholders resolved to variable slots. `{{` and `}}` are literal braces.
struct TextTemplate {
    struct Part {
        std::string literal;                 ///< used when `variable` and `builtin` are empty
        std::optional<std::size_t> variable; ///< a variable slot to print
        std::optional<BuiltinText> builtin;  ///< words the engine supplies
        bool operator==(const Part&) const = default;
    };
    std::vector<Part> parts;
    std::string source; ///< the text as authored

    [[nodiscard]] bool empty() const { return source.empty(); }
    bool operator==(const TextTemplate&) const = default;
};

// ---- framework ------------------------------------------------------------------------------

/// A coaching principle a trainee's responses are scored against.
struct Principle {
    std::string id;
    std::string name;
    std::string description;
    std::string why; ///< why it matters, shown to the trainee
    bool operator==(const Principle&) const = default;
};

struct PrincipleWeight {
    std::size_t principle = 0;
    double weight = 1.0;
    bool operator==(const PrincipleWeight&) const = default;
};

/// Phrases that signal a tag in what a manager says, e.g. tag "takeover": "let me call";
/// for the common language, tag "framework_term:economic_buyer": "budget holder".
struct PhraseSet {
    std::string tag;
    std::string name; ///< for terms: how to name it to a trainee ("economic buyer")
    std::vector<std::string> phrases;
    bool operator==(const PhraseSet&) const = default;
};

struct PrincipleWeightsOf {
    std::string label; ///< an act, a tag, "depth:complex" or "framework_term" (any term)
    std::vector<PrincipleWeight> weights;
    bool operator==(const PrincipleWeightsOf&) const = default;
};

/// A coaching framework: the principles an organisation coaches by, its common language, the
/// phrases the scorer recognises, and how acts and tags count for or against each principle.
struct Framework {
    std::string id;
    std::string name;
    std::string description;
    std::vector<Principle> principles;
    std::string languageName;                ///< e.g. "MEDDPICC"
    std::vector<PhraseSet> phrases;          ///< terms of the language and cue phrases per tag
    std::vector<PrincipleWeightsOf> scoring; ///< label -> principle weights
    /// The principle weights its `scoring` section gives the labels of a detected answer
    /// (core::scoringLabels): each (label, principle index, weight), in label then authored order.
    /// The one place labels are weighed: routing, panel judges and scorecards all use it.
    struct LabelWeight {
        std::string label;
        std::size_t principle = 0;
        double weight = 0;
    };
    [[nodiscard]] std::vector<LabelWeight> weightsFor(const std::vector<std::string>& labels) const;
    /// The same summed per principle, in principle order.
    [[nodiscard]] std::vector<double> scoreLabels(const std::vector<std::string>& labels) const;
    bool operator==(const Framework&) const = default;
};

// ---- cast -----------------------------------------------------------------------------------

struct Portrait {
    std::string image;                    ///< asset reference, e.g. "portraits/sam"
    std::vector<std::string> expressions; ///< e.g. neutral, pleased, defensive, frustrated
    bool operator==(const Portrait&) const = default;
};

/// Settings for a future text-to-speech voice.
struct Voice {
    std::string name; ///< engine voice name, e.g. "en-us+f3"
    int rate = 170;   ///< words per minute
    int pitch = 50;   ///< 0..100
    bool operator==(const Voice&) const = default;
};

struct Character {
    std::string id;
    std::string name;
    std::string role;
    std::string persona;
    Portrait portrait;
    Voice voice;
    std::string viewpoint; ///< panel experts: the view they argue from, round after round
    SourceLocation where;
    bool operator==(const Character&) const = default;
};

// ---- variables ------------------------------------------------------------------------------

struct Variable {
    std::string name;
    ValueType type = ValueType::Int;
    std::int64_t min = 0; ///< ints: inclusive range; effects clamp into it
    std::int64_t max = 0;
    Value initial;
    std::string description;
    SourceLocation where;
    bool operator==(const Variable&) const = default;
};

// ---- nodes ----------------------------------------------------------------------------------

/// Evidence an answer gives for (+) or against (-) a principle.
struct Evidence {
    std::size_t principle = 0;
    int amount = 0;
    bool operator==(const Evidence&) const = default;
};

/// What happens once the trainee has answered: effects, where to go, what it shows, why.
struct Consequence {
    std::vector<Effect> effects;
    std::size_t target = 0; ///< node index
    std::vector<Evidence> evidence;
    std::string feedback;             ///< teaches why this answer helps or hurts
    std::vector<std::size_t> commits; ///< panels: what the answer commits to (Scenario::commitments)
    bool operator==(const Consequence&) const = default;
};

struct Option {
    TextTemplate text;
    std::optional<Expression> condition;
    /// When the condition fails: shown disabled with this reason if set, hidden otherwise.
    std::optional<std::string> unavailableReason;
    bool once = false; ///< can be picked at most once per session
    Consequence then;
    SourceLocation where;
    bool operator==(const Option&) const = default;
};

/// Panels: something an answer can commit the trainee to ("protected coaching time"), declared
/// once per scenario so that options, routes and the experts' positions name the same thing.
struct Commitment {
    std::string id;
    std::string says; ///< how the moderator names it in a recap: "protected coaching time"
    SourceLocation where;
    bool operator==(const Commitment&) const = default;
};

/// Panels: one expert's position on one round, in their own voice. The expert judges an answer by
/// what it commits to: welcomed and nothing resisted, they agree; resisted and nothing welcomed,
/// they disagree; both or neither, they are not sure (scoring/PanelJudges.hpp). Each line is what
/// they say when that commitment decides their reaction; alternatives keep them from repeating.
struct Position {
    struct Reply {
        std::size_t commitment = 0;
        std::vector<TextTemplate> lines; ///< alternatives, used in order, never twice in a session
        bool operator==(const Reply&) const = default;
    };
    std::size_t expert = 0; ///< character index
    std::string stance;     ///< what they argue on this round, in their voice
    std::vector<Reply> welcomes;
    std::vector<Reply> resists;
    std::vector<TextTemplate> unmoved; ///< the answer commits to nothing they hold a view on
    SourceLocation where;
    bool operator==(const Position&) const = default;
};

struct LineNode {
    std::size_t speaker = 0; ///< character index
    TextTemplate text;
    std::string mood; ///< an expression of the speaker's portrait; empty: unchanged
    std::vector<Effect> effects;
    std::size_t next = 0;
    bool operator==(const LineNode&) const = default;
};

struct ChoiceNode {
    TextTemplate prompt;
    std::vector<Option> options;
    std::optional<Option> fallback;  ///< taken when no option is available
    bool shuffle = false;            ///< present options in a seeded random order
    std::vector<Position> positions; ///< panels: the experts' positions on this round
    bool operator==(const ChoiceNode&) const = default;
};

/// How a free-text answer is recognised. Every non-empty list must be satisfied.
/// Phrases match case-insensitively on word boundaries. `acts` and `tags` are answered by the
/// utterance analyser the runtime is given (the scorer); without one they never match.
struct ResponseMatch {
    std::vector<std::string> any;  ///< at least one phrase appears
    std::vector<std::string> all;  ///< every phrase appears
    std::vector<std::string> none; ///< no phrase appears
    std::vector<Act> acts;         ///< the primary act is one of these
    std::vector<std::string> tags; ///< every tag is detected
    /// Principle scores of the answer (the framework's `scoring` of what was detected) must be
    /// at least / at most these; also answered by the analyser.
    std::vector<std::pair<std::size_t, double>> atLeast;
    std::vector<std::pair<std::size_t, double>> atMost;
    [[nodiscard]] bool needsAnalyser() const
    {
        return !acts.empty() || !tags.empty() || !atLeast.empty() || !atMost.empty();
    }
    bool operator==(const ResponseMatch&) const = default;
};

struct Route {
    std::string label; ///< short name shown in graphs and transcripts
    ResponseMatch match;
    std::optional<Expression> condition;
    Consequence then;
    SourceLocation where;
    bool operator==(const Route&) const = default;
};

struct RespondNode {
    std::optional<std::size_t> speaker; ///< who is waiting for the answer
    TextTemplate prompt;
    std::vector<Route> routes;       ///< the first to match, in tryOrder(), wins
    Consequence otherwise;           ///< when no route matches
    std::string modelAnswer;         ///< what an expert coach would say, for the debrief
    std::vector<Position> positions; ///< panels: the experts' positions on this round
    /// The order the routes are tried in: first those that say what the scorer must detect (acts,
    /// tags, principle scores; their phrases only refine them), then those that list phrases
    /// only, each group in authored order. Detection comes first because words alone misread
    /// natural answers ("I can call her if it comes to that, but first, what's your read?" is a
    /// question, not a takeover); phrase-only routes still answer when the scorer is unavailable.
    [[nodiscard]] std::vector<std::size_t> tryOrder() const;
    bool operator==(const RespondNode&) const = default;
};

struct BranchCase {
    Expression condition;
    std::size_t target = 0;
    SourceLocation where;
    bool operator==(const BranchCase&) const = default;
};

struct BranchNode {
    std::vector<BranchCase> cases; ///< first true wins
    std::size_t otherwise = 0;
    bool operator==(const BranchNode&) const = default;
};

enum class Outcome { Good, Mixed, Poor };

struct EndNode {
    Outcome outcome = Outcome::Mixed;
    std::string title;
    TextTemplate debrief;
    bool operator==(const EndNode&) const = default;
};

enum class NodeKind { Line, Choice, Respond, Branch, End };

struct Node {
    std::string id;
    SourceLocation where;
    std::variant<LineNode, ChoiceNode, RespondNode, BranchNode, EndNode> body;

    [[nodiscard]] NodeKind kind() const { return static_cast<NodeKind>(body.index()); }
    bool operator==(const Node&) const = default;
};

// ---- the scenario ---------------------------------------------------------------------------

enum class ScenarioKind { Roleplay, Panel };
enum class Difficulty { Beginner, Intermediate, Advanced };

struct Metadata {
    std::string id;
    std::string title;
    ScenarioKind kind = ScenarioKind::Roleplay;
    int version = 1; ///< bumped by authors on edits; named by saves
    std::string summary;
    int minutes = 0;
    Difficulty difficulty = Difficulty::Intermediate;
    std::vector<std::size_t> focus; ///< principle indices
    std::vector<std::string> tags;
    bool operator==(const Metadata&) const = default;
};

/// A loaded, validated scenario. Immutable once the Loader returns it.
struct Scenario {
    Metadata meta;
    Framework framework;
    std::vector<Character> cast;
    std::optional<std::size_t> moderator; ///< panels: the character who chairs
    std::vector<Commitment> commitments;  ///< panels: what answers can commit the trainee to
    std::vector<Variable> variables;
    std::vector<Node> nodes;
    std::size_t start = 0;
    std::string path;        ///< the scenario file
    std::string fingerprint; ///< hash of the scenario and its includes, for saves
    ExpressionScope scope;   ///< what expressions were checked against
    std::unordered_map<std::string, std::size_t> nodeIndex;      ///< node id -> index into nodes
    std::unordered_map<std::string, std::size_t> characterIndex; ///< character id -> index into cast
    std::unordered_map<std::string, std::size_t> variableIndex;  ///< variable name -> index
    /// The compact form sessions step through, compiled by the loader once the scenario is
    /// valid. A Scenario built by hand has none; a Session then compiles its own.
    std::shared_ptr<const StepProgram> steps;

    [[nodiscard]] std::optional<std::size_t> findNode(std::string_view id) const;
    [[nodiscard]] std::optional<std::size_t> findCharacter(std::string_view id) const;
    [[nodiscard]] std::optional<std::size_t> findVariable(std::string_view name) const;
    [[nodiscard]] std::optional<std::size_t> findPrinciple(std::string_view id) const;
    [[nodiscard]] std::optional<std::size_t> findCommitment(std::string_view id) const;
    /// The experts' positions on the round decided at node `node` (a choice or a prompt); empty
    /// for other nodes and for rounds that declare none.
    [[nodiscard]] const std::vector<Position>& positionsAt(std::size_t node) const;
};

[[nodiscard]] std::string_view toString(NodeKind kind);
[[nodiscard]] std::string_view toString(Outcome outcome);
/// The outcome named "good", "mixed" or "poor", if it is one.
[[nodiscard]] std::optional<Outcome> parseOutcome(std::string_view name);
[[nodiscard]] std::string_view toString(ScenarioKind kind);
[[nodiscard]] std::string_view toString(Difficulty difficulty);

} // namespace sparring::core
