#pragma once
// The scenario expression language: conditions (`trust >= 3 and not escalated`) and effects
// (`trust += 2`). Parsed and type-checked once, at load time, against the scenario's declared
// variables and node ids; names are resolved to slots so evaluation never looks up strings.
//
// Grammar (lowest to highest precedence):
//   condition := or
//   or        := and ('or' and)*
//   and       := not ('and' not)*
//   not       := 'not' not | compare
//   compare   := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
//   sum       := product (('+'|'-') product)*
//   product   := unary (('*'|'/'|'%') unary)*
//   unary     := '-' unary | primary
//   primary   := INT | 'true' | 'false' | STRING | NAME | NAME '(' args ')' | '(' condition ')'
//   effect    := NAME ('=' | '+=' | '-=') condition
// Functions: visits(node) -> int, visited(node) -> bool, random(lo, hi) -> int in [lo, hi],
//            min(a, b), max(a, b) -> int, score(principle) -> int (the trainee's total so far
//            of the evidence authored on their answers, for one principle of the framework).
// Strings are "double quoted" with \" and \\ escapes. Division or modulo by zero yields 0.

#include "core/DiagnosticCodes.hpp"
#include "core/Value.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sparring::core {

/// What the checker needs to know about one declared variable.
struct VariableSignature {
    std::string name;
    ValueType type = ValueType::Int;
    std::int64_t min = 0; ///< ints only: the declared range, inclusive
    std::int64_t max = 0;
};

/// An int variable keeps to its declared range: a value stored into it is clamped (a trust of 11
/// out of 10 is an authoring slip, not a crash). The one place this rule lives.
[[nodiscard]] std::int64_t clampToRange(std::int64_t value, const VariableSignature& variable);
/// What an effect stores in `variable`: the value, with ints clamped to the declared range.
[[nodiscard]] Value storedValue(Value value, const VariableSignature& variable);

/// Names an expression may refer to. Slots are indices into these vectors.
struct ExpressionScope {
    std::vector<VariableSignature> variables;
    std::vector<std::string> nodeIds;
    std::vector<std::string> principleIds; ///< the framework's, for score()
    /// Name -> slot lookups, filled by index() once the vectors are complete; without them the
    /// parser scans the vectors, which is quadratic on scenarios with many names.
    std::unordered_map<std::string, std::size_t> variableIndex;
    std::unordered_map<std::string, std::size_t> nodeIndex;
    void index();
};

/// A problem found while parsing or checking. `offset` is a byte offset into the source text,
/// so the loader can turn it into file:line:col. `code` is one of the expression codes (SP02xx).
struct ExpressionIssue {
    std::size_t offset = 0;
    DiagnosticCode code = DiagnosticCode::ExpressionSyntax;
    std::string message;
    /// For an unknown name: the closest declared one, if any (for "did you mean").
    std::optional<std::string> suggestion;

    bool operator==(const ExpressionIssue&) const = default;
};

/// The state an expression reads (and an effect writes) at run time.
class EvaluationContext {
public:
    virtual ~EvaluationContext() = default;
    [[nodiscard]] virtual const Value& variable(std::size_t slot) const = 0;
    [[nodiscard]] virtual std::int64_t visits(std::size_t nodeIndex) const = 0;
    /// The trainee's running total of authored evidence for a principle (its framework index).
    [[nodiscard]] virtual std::int64_t score(std::size_t principle) const = 0;
    /// Uniform in [lo, hi]; lo <= hi is guaranteed by the caller.
    virtual std::int64_t random(std::int64_t lo, std::int64_t hi) = 0;
};

/// Three-valued answer of the static analysis.
enum class Possibility { Never, Sometimes, Always };

struct ExpressionNode; // private AST

/// An immutable, type-checked expression. Cheap to copy (shares its tree).
class Expression {
public:
    [[nodiscard]] ValueType type() const;
    [[nodiscard]] const std::string& source() const { return m_source; }
    [[nodiscard]] Value evaluate(EvaluationContext& context) const;
    /// For conditions (type() == Bool).
    [[nodiscard]] bool test(EvaluationContext& context) const;
    /// Whether a bool expression can be true, given the declared ranges of int variables and
    /// treating bools, strings, visits and random draws as unknown within their ranges.
    [[nodiscard]] Possibility possibility(const ExpressionScope& scope) const;
    /// Node indices referenced through visits()/visited().
    [[nodiscard]] std::vector<std::size_t> referencedNodes() const;
    /// Node indices whose count is read through visits() (visited() only asks whether it is 0).
    [[nodiscard]] std::vector<std::size_t> countedNodes() const;
    /// Principle indices read through score().
    [[nodiscard]] std::vector<std::size_t> referencedPrinciples() const;
    /// How score() is read: (principle, constant) for each comparison of score(principle) with an
    /// int literal (`score(x) >= 0`, `2 < score(x)`), and the principles read any other way.
    struct ScoreReads {
        std::vector<std::pair<std::size_t, std::int64_t>> compared;
        std::vector<std::size_t> otherwise;
    };
    [[nodiscard]] ScoreReads scoreReads() const;
    /// Variable slots read by the expression.
    [[nodiscard]] std::vector<std::size_t> referencedVariables() const;

    /// The same for copies of one parsed expression: a key for caching analysis results.
    [[nodiscard]] const ExpressionNode* identity() const { return m_root.get(); }

    bool operator==(const Expression& other) const { return m_source == other.m_source; }

private:
    friend struct ExpressionParser;
    std::shared_ptr<const ExpressionNode> m_root;
    std::string m_source;
};

enum class EffectOp { Assign, Add, Subtract };

/// `name = value`, `name += value`, `name -= value`, type-checked against the variable.
class Effect {
public:
    [[nodiscard]] std::size_t variable() const { return m_variable; }
    [[nodiscard]] EffectOp op() const { return m_op; }
    [[nodiscard]] const Expression& value() const { return m_value; }
    [[nodiscard]] const std::string& source() const { return m_source; }
    /// The variable's new value (ints not yet clamped to the declared range: the caller does).
    [[nodiscard]] Value apply(EvaluationContext& context) const;

    bool operator==(const Effect& other) const { return m_source == other.m_source; }

private:
    friend struct ExpressionParser;
    std::size_t m_variable = 0;
    EffectOp m_op = EffectOp::Assign;
    Expression m_value;
    std::string m_source;
};

template <typename T> struct Parsed {
    std::optional<T> value; ///< set only when there are no issues
    std::vector<ExpressionIssue> issues;
};

/// Parses and checks a condition; it must be of type bool.
[[nodiscard]] Parsed<Expression> parseCondition(std::string_view source, const ExpressionScope& scope);
/// Parses and checks an effect.
[[nodiscard]] Parsed<Effect> parseEffect(std::string_view source, const ExpressionScope& scope);

} // namespace sparring::core
