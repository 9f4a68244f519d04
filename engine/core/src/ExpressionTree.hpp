#pragma once
// The checked expression tree, private to the engine's core: the parser builds it, the tree
// evaluator walks it, and the step compiler (StepProgram) turns it into flat code. Other modules
// use Expression and Effect only.

#include <cstdint>
#include <memory>
#include <string>

namespace sparring::core {

/// One node of a checked expression. Children are owned; the evaluator switches on `kind`.
struct ExpressionNode {
    // One line per group of related kinds.
    // clang-format off
    enum class Kind : std::uint8_t {
        IntLiteral, BoolLiteral, StringLiteral, Variable,
        Visits, Visited, Score, Random, Min, Max,
        Negate, Not,
        Add, Subtract, Multiply, Divide, Modulo,
        EqualInt, NotEqualInt, EqualBool, NotEqualBool, EqualString, NotEqualString,
        Less, LessEqual, Greater, GreaterEqual,
        And, Or,
    };
    // clang-format on
    /// `Invalid` marks a subtree that already produced an issue, so that no knock-on type errors
    /// are reported about it. A tree handed out in an Expression never contains it.
    enum class Type : std::uint8_t { Int, Bool, String, Invalid };

    Kind kind = Kind::IntLiteral;
    Type type = Type::Invalid;
    std::uint32_t begin = 0; ///< byte span in the source, for messages
    std::uint32_t end = 0;
    std::int64_t number = 0;             ///< literal value, variable slot or node index
    std::unique_ptr<ExpressionNode> lhs; ///< the operand, or the first argument
    std::unique_ptr<ExpressionNode> rhs;
    std::string text; ///< a string literal, unescaped
};

} // namespace sparring::core
