// The scenario expression language: see Expression.hpp for the grammar and the semantics.
//
// Sections:
//   1. Tree         ExpressionNode, the checked tree the evaluator walks
//   2. Arithmetic   saturating int operations shared by evaluation and analysis
//   3. Lexer        bytes to tokens; bad bytes become one error token with the message
//   4. Parser       recursive descent that resolves names and checks types in the same pass
//   5. Evaluation   a switch over node kinds; no allocation for int and bool expressions
//   6. Analysis     possibility(): interval analysis, narrowed by the conditions assumed
//   7. Public API   Expression, Effect, parseCondition, parseEffect
//
// Integer arithmetic saturates at the int64 bounds instead of wrapping: a counter pushed past the
// limit stays at the limit rather than turning negative, and saturation is monotone, which keeps
// the interval analysis sound (a wrapped sum would escape the interval computed for it).

#include "core/Expression.hpp"
#include "ExpressionTree.hpp"
#include "core/Saturating.hpp"

#include "Suggest.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <limits>
#include <utility>

namespace sparring::core {

// ---------------------------------------------------------------------------------------------
// 1. Tree
// ---------------------------------------------------------------------------------------------

// ExpressionNode lives in core/ExpressionTree.hpp, shared with the step compiler.

namespace {

using Node = ExpressionNode;
using Kind = ExpressionNode::Kind;
using Type = ExpressionNode::Type;

constexpr std::size_t maxSourceLength = 4096;
constexpr int maxNesting = 64;

// ---------------------------------------------------------------------------------------------
// 2. Arithmetic
// ---------------------------------------------------------------------------------------------

// Saturating operations live in core/Saturating.hpp, shared with the step compiler.
using namespace saturating;

// ---------------------------------------------------------------------------------------------
// 3. Lexer
// ---------------------------------------------------------------------------------------------

// One line per group of related tokens.
// clang-format off
enum class TokenKind : std::uint8_t {
    End, Error, Int, String, Name,
    And, Or, Not, True, False,
    LeftParen, RightParen, Comma,
    Plus, Minus, Star, Slash, Percent,
    Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
    Assign, AddAssign, SubtractAssign,
};
// clang-format on

struct Token {
    TokenKind kind = TokenKind::End;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::int64_t number = 0;
    std::string text; ///< an unescaped string literal, or the message of an Error token
};

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || isDigit(c);
}

std::string hexByte(unsigned char byte)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    return std::string("0x") + digits[byte >> 4] + digits[byte & 0xF];
}

/// Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629, table 3-7), or 0.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i)
{
    const auto byteAt = [text](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byteAt(i);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char secondLow = 0x80;
    unsigned char secondHigh = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead == 0xE0) {
        length = 3;
        secondLow = 0xA0; // no overlong forms
    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
        length = 3;
    } else if (lead == 0xED) {
        length = 3;
        secondHigh = 0x9F; // no surrogates
    } else if (lead == 0xF0) {
        length = 4;
        secondLow = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        length = 4;
    } else if (lead == 0xF4) {
        length = 4;
        secondHigh = 0x8F; // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (length > text.size() - i)
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char byte = byteAt(i + k);
        const unsigned char low = k == 1 ? secondLow : 0x80;
        const unsigned char high = k == 1 ? secondHigh : 0xBF;
        if (byte < low || byte > high)
            return 0;
    }
    return length;
}

std::string unexpectedCharacterMessage(std::string_view source, std::size_t i)
{
    const auto byte = static_cast<unsigned char>(source[i]);
    if (byte >= 0x80) {
        const std::size_t length = utf8SequenceLength(source, i);
        if (length == 0)
            return "invalid UTF-8 (byte " + hexByte(byte) + ")";
        return "unexpected character '" + std::string(source.substr(i, length)) +
               "'; names use only ASCII letters, digits and '_'";
    }
    if (byte < 0x20 || byte == 0x7F)
        return "unexpected control character " + hexByte(byte);
    std::string quoted = "unexpected character '" + std::string(1, source[i]) + "'";
    switch (source[i]) {
    case '&':
        return quoted + "; use 'and' to require both conditions";
    case '|':
        return quoted + "; use 'or' to accept either condition";
    case '!':
        return quoted + "; use 'not' to negate, or '!=' for 'not equal'";
    case '\'':
        return "unexpected single quote; strings are written in double quotes";
    default:
        return quoted;
    }
}

TokenKind keywordOrName(std::string_view word)
{
    if (word == "and")
        return TokenKind::And;
    if (word == "or")
        return TokenKind::Or;
    if (word == "not")
        return TokenKind::Not;
    if (word == "true")
        return TokenKind::True;
    if (word == "false")
        return TokenKind::False;
    return TokenKind::Name;
}

/// Text of the source for a message: at most 32 bytes, cut on a UTF-8 boundary.
std::string clip(std::string_view text)
{
    constexpr std::size_t limit = 32;
    if (text.size() <= limit)
        return std::string(text);
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return std::string(text.substr(0, cut)) + "...";
}

/// Tokenizes the whole source. The result always ends with exactly one End or Error token, so the
/// parser can stop at the first bad byte and still report what it found before it.
std::vector<Token> lex(std::string_view source)
{
    std::vector<Token> tokens;
    std::size_t i = 0;
    const auto push = [&tokens](TokenKind kind, std::size_t begin, std::size_t end) -> Token& {
        tokens.push_back(Token{kind, begin, end, 0, {}});
        return tokens.back();
    };
    const auto fail = [&tokens](std::size_t at, std::string message) {
        tokens.push_back(Token{TokenKind::Error, at, at, 0, std::move(message)});
        return tokens;
    };
    const auto next = [&source](std::size_t k) { return k < source.size() ? source[k] : '\0'; };

    while (true) {
        while (i < source.size() &&
               (source[i] == ' ' || source[i] == '\t' || source[i] == '\n' || source[i] == '\r'))
            ++i;
        if (i == source.size()) {
            push(TokenKind::End, i, i);
            return tokens;
        }
        const std::size_t begin = i;
        const char c = source[i];

        if (isDigit(c)) {
            std::int64_t value = 0;
            bool tooLarge = false;
            while (i < source.size() && isDigit(source[i])) {
                tooLarge = tooLarge || __builtin_mul_overflow(value, 10, &value) ||
                           __builtin_add_overflow(value, source[i] - '0', &value);
                ++i;
            }
            if (tooLarge)
                return fail(begin, "number '" + clip(source.substr(begin, i - begin)) +
                                       "' is too large (the largest int is 9223372036854775807)");
            push(TokenKind::Int, begin, i).number = value;
            continue;
        }

        if (isNameStart(c)) {
            while (i < source.size() && isNameChar(source[i]))
                ++i;
            // `naïve` is one mistyped name, not the name `na` followed by a bad byte: report only
            // the byte, instead of an unknown variable `na` as well.
            if (i < source.size() && static_cast<unsigned char>(source[i]) >= 0x80)
                return fail(i, unexpectedCharacterMessage(source, i));
            push(keywordOrName(source.substr(begin, i - begin)), begin, i);
            continue;
        }

        if (c == '"') {
            std::string text;
            ++i;
            while (true) {
                if (i == source.size())
                    return fail(i, "expected '\"' to close the string but found end of expression");
                if (source[i] == '"')
                    break;
                if (source[i] == '\\') {
                    const char escaped = next(i + 1);
                    if (i + 1 == source.size())
                        return fail(i + 1, "expected '\"' to close the string but found end of expression");
                    if (escaped != '"' && escaped != '\\') {
                        const std::size_t length = utf8SequenceLength(source, i + 1);
                        const std::string shown = length == 0 ? hexByte(static_cast<unsigned char>(escaped))
                                                              : std::string(source.substr(i + 1, length));
                        return fail(i, "unknown escape '\\" + shown +
                                           "' in string; only \\\" and \\\\ are allowed");
                    }
                    text += escaped;
                    i += 2;
                    continue;
                }
                const std::size_t length = utf8SequenceLength(source, i);
                if (length == 0)
                    return fail(i, "invalid UTF-8 in string (byte " +
                                       hexByte(static_cast<unsigned char>(source[i])) + ")");
                text.append(source.substr(i, length));
                i += length;
            }
            ++i; // the closing quote
            push(TokenKind::String, begin, i).text = std::move(text);
            continue;
        }

        // Operators: two-character ones first.
        const char second = next(i + 1);
        TokenKind kind = TokenKind::Error;
        std::size_t length = 1;
        switch (c) {
        case '(':
            kind = TokenKind::LeftParen;
            break;
        case ')':
            kind = TokenKind::RightParen;
            break;
        case ',':
            kind = TokenKind::Comma;
            break;
        case '*':
            kind = TokenKind::Star;
            break;
        case '/':
            kind = TokenKind::Slash;
            break;
        case '%':
            kind = TokenKind::Percent;
            break;
        case '+':
            kind = second == '=' ? TokenKind::AddAssign : TokenKind::Plus;
            length = second == '=' ? 2 : 1;
            break;
        case '-':
            kind = second == '=' ? TokenKind::SubtractAssign : TokenKind::Minus;
            length = second == '=' ? 2 : 1;
            break;
        case '=':
            kind = second == '=' ? TokenKind::Equal : TokenKind::Assign;
            length = second == '=' ? 2 : 1;
            break;
        case '<':
            kind = second == '=' ? TokenKind::LessEqual : TokenKind::Less;
            length = second == '=' ? 2 : 1;
            break;
        case '>':
            kind = second == '=' ? TokenKind::GreaterEqual : TokenKind::Greater;
            length = second == '=' ? 2 : 1;
            break;
        case '!':
            if (second == '=') {
                kind = TokenKind::NotEqual;
                length = 2;
            }
            break;
        default:
            break;
        }
        if (kind == TokenKind::Error)
            return fail(begin, unexpectedCharacterMessage(source, begin));
        i += length;
        push(kind, begin, i);
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Parser
// ---------------------------------------------------------------------------------------------

struct FunctionInfo {
    std::string_view name;
    Kind kind;
    std::size_t arity;
    Type result;
    bool takesNode;      ///< its argument is a node id, not an expression
    bool takesPrinciple; ///< its argument is a principle id of the framework
    std::string_view example;
};

constexpr std::array<FunctionInfo, 6> functions{{
    {"visits", Kind::Visits, 1, Type::Int, true, false, "visits(opening)"},
    {"visited", Kind::Visited, 1, Type::Bool, true, false, "visited(opening)"},
    {"score", Kind::Score, 1, Type::Int, false, true, "score(ask_before_tell)"},
    {"random", Kind::Random, 2, Type::Int, false, false, "random(1, 6)"},
    {"min", Kind::Min, 2, Type::Int, false, false, "min(trust, 3)"},
    {"max", Kind::Max, 2, Type::Int, false, false, "max(trust, 3)"},
}};

const FunctionInfo* findFunction(std::string_view name)
{
    for (const auto& function : functions)
        if (function.name == name)
            return &function;
    return nullptr;
}

std::string_view checkedTypeName(Type type)
{
    switch (type) {
    case Type::Int:
        return "int";
    case Type::Bool:
        return "bool";
    case Type::String:
        return "string";
    case Type::Invalid:
        break;
    }
    return "invalid";
}

std::string withArticle(Type type)
{
    return (type == Type::Int ? "an " : "a ") + std::string(checkedTypeName(type));
}

Type checkedTypeOf(ValueType type)
{
    switch (type) {
    case ValueType::Int:
        return Type::Int;
    case ValueType::Bool:
        return Type::Bool;
    case ValueType::String:
        return Type::String;
    }
    return Type::Invalid;
}

bool isComparison(TokenKind kind)
{
    return kind == TokenKind::Equal || kind == TokenKind::NotEqual || kind == TokenKind::Less ||
           kind == TokenKind::LessEqual || kind == TokenKind::Greater || kind == TokenKind::GreaterEqual;
}

/// Counts one level of nesting for as long as it lives: the parser recurses once per level, so
/// bounding the levels bounds its stack.
class NestingGuard {
public:
    explicit NestingGuard(int& depth) : m_depth(depth) { ++m_depth; }
    ~NestingGuard() { --m_depth; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;
    [[nodiscard]] bool tooDeep() const { return m_depth > maxNesting; }

private:
    int& m_depth;
};

/// One parse of one source. Syntax errors stop the parse (every function returns nullptr up the
/// stack); name and type problems are recorded and parsing goes on, so several can be reported.
class Parser {
public:
    Parser(std::string_view source, const ExpressionScope& scope)
        : m_source(source), m_scope(scope), m_tokens(lex(source))
    {
    }

    /// A whole condition, which must be bool.
    std::unique_ptr<Node> condition()
    {
        if (at(TokenKind::End))
            return emptyError("expected a condition but the expression is empty");
        auto root = parseOr();
        if (!root || !expectEnd())
            return nullptr;
        if (root->type != Type::Bool && root->type != Type::Invalid)
            report(root->begin, DiagnosticCode::TypeMismatch,
                   "condition must be bool, but this expression is " +
                       std::string(checkedTypeName(root->type)));
        return root;
    }

    struct EffectParts {
        std::size_t variable = 0;
        EffectOp op = EffectOp::Assign;
        std::unique_ptr<Node> value;
    };

    /// `NAME op condition`, checked against the variable's type.
    std::optional<EffectParts> effect()
    {
        if (at(TokenKind::End)) {
            emptyError("expected an effect such as 'trust += 1' but the expression is empty");
            return std::nullopt;
        }
        if (at(TokenKind::Error)) {
            syntaxError("");
            return std::nullopt;
        }
        const Token& target = current();
        const std::string targetName(text(target));
        if (target.kind != TokenKind::Name || peekKind(1) == TokenKind::LeftParen) {
            const std::string what =
                target.kind != TokenKind::Name ? describe(target) : "a call to '" + clip(targetName) + "'";
            m_issues.push_back({target.begin, DiagnosticCode::InvalidEffect,
                                "the target of an effect must be a variable, but found " + what,
                                std::nullopt});
            m_failed = true;
            return std::nullopt;
        }

        EffectParts parts;
        Type targetType = Type::Invalid;
        if (const auto slot = findVariable(targetName)) {
            parts.variable = *slot;
            targetType = checkedTypeOf(m_scope.variables[*slot].type);
        } else if (isNodeId(targetName)) {
            report(target.begin, DiagnosticCode::InvalidEffect,
                   "the target of an effect must be a variable, but '" + targetName + "' is a node id");
        } else {
            report(target.begin, DiagnosticCode::UnknownVariable, "unknown variable '" + targetName + "'",
                   closestMatch(targetName, variableNames()));
        }
        advance();

        const Token& opToken = current();
        switch (opToken.kind) {
        case TokenKind::Assign:
            parts.op = EffectOp::Assign;
            break;
        case TokenKind::AddAssign:
            parts.op = EffectOp::Add;
            break;
        case TokenKind::SubtractAssign:
            parts.op = EffectOp::Subtract;
            break;
        default:
            syntaxError("expected '=', '+=' or '-=' after '" + clip(targetName) + "' but found " +
                        describe(opToken));
            return std::nullopt;
        }
        const std::string opName(text(opToken));
        advance();

        parts.value = parseOr();
        if (!parts.value || !expectEnd())
            return std::nullopt;

        const Node& value = *parts.value;
        if (targetType == Type::Invalid)
            return parts;
        if (parts.op == EffectOp::Assign) {
            if (value.type != targetType && value.type != Type::Invalid)
                report(value.begin, DiagnosticCode::InvalidEffect,
                       "cannot assign " + withArticle(value.type) + " to '" + targetName + "', which is " +
                           withArticle(targetType) + " variable");
        } else {
            if (targetType != Type::Int)
                report(target.begin, DiagnosticCode::InvalidEffect,
                       "'" + opName + "' needs an int variable, but '" + targetName + "' is " +
                           withArticle(targetType) + " variable");
            if (value.type != Type::Int && value.type != Type::Invalid)
                report(value.begin, DiagnosticCode::InvalidEffect,
                       "'" + opName + "' needs an int value, but " + quoted(value, "this value") + " is " +
                           std::string(checkedTypeName(value.type)));
        }
        return parts;
    }

    [[nodiscard]] bool failed() const { return m_failed; }

    /// The issues in source order.
    std::vector<ExpressionIssue> takeIssues()
    {
        std::stable_sort(
            m_issues.begin(), m_issues.end(),
            [](const ExpressionIssue& a, const ExpressionIssue& b) { return a.offset < b.offset; });
        return std::move(m_issues);
    }

private:
    // -- tokens --

    [[nodiscard]] const Token& current() const { return m_tokens[m_pos]; }
    [[nodiscard]] bool at(TokenKind kind) const { return current().kind == kind; }
    [[nodiscard]] TokenKind peekKind(std::size_t ahead) const
    {
        // Never look past the final End/Error token.
        return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)].kind;
    }
    void advance()
    {
        if (!at(TokenKind::End) && !at(TokenKind::Error))
            ++m_pos;
    }
    [[nodiscard]] std::string_view text(const Token& token) const
    {
        return m_source.substr(token.begin, token.end - token.begin);
    }
    [[nodiscard]] std::string describe(const Token& token) const
    {
        switch (token.kind) {
        case TokenKind::End:
            return "end of expression";
        case TokenKind::String:
            return "string " + clip(text(token));
        default:
            return "'" + clip(text(token)) + "'";
        }
    }
    /// The source of a subexpression in quotes, or `fallback` when it is too long to quote.
    [[nodiscard]] std::string quoted(const Node& node, std::string_view fallback) const
    {
        const std::string_view span = m_source.substr(node.begin, node.end - node.begin);
        if (span.size() > 32)
            return std::string(fallback);
        if (!span.empty() && span.front() == '"')
            return std::string(span); // a string literal is quoted already
        return "'" + std::string(span) + "'";
    }

    // -- issues --

    /// Records a syntax error at the current token and stops the parse. If the lexer gave up at
    /// this token, its message is the better one.
    std::nullptr_t syntaxError(std::string message)
    {
        const Token& token = current();
        if (token.kind == TokenKind::Error)
            m_issues.push_back({token.begin, DiagnosticCode::ExpressionSyntax, token.text, std::nullopt});
        else
            m_issues.push_back(
                {token.begin, DiagnosticCode::ExpressionSyntax, std::move(message), std::nullopt});
        m_failed = true;
        return nullptr;
    }
    /// An empty (or all-blank) source is wrong as a whole: point at its start.
    std::nullptr_t emptyError(std::string message)
    {
        m_issues.push_back({0, DiagnosticCode::ExpressionSyntax, std::move(message), std::nullopt});
        m_failed = true;
        return nullptr;
    }
    std::nullptr_t expected(std::string_view what)
    {
        return syntaxError("expected " + std::string(what) + " but found " + describe(current()));
    }
    std::nullptr_t tooDeep()
    {
        return syntaxError("expression nested too deeply (more than " + std::to_string(maxNesting) +
                           " levels)");
    }
    void report(std::size_t offset, DiagnosticCode code, std::string message,
                std::optional<std::string> suggestion = std::nullopt)
    {
        if (m_quiet > 0)
            return;
        m_issues.push_back({offset, code, std::move(message), std::move(suggestion)});
    }

    bool expectEnd()
    {
        if (at(TokenKind::End))
            return true;
        if (at(TokenKind::RightParen))
            syntaxError("expected an operator or end of expression but found ')', which has no matching '('");
        else
            expected("an operator or end of expression");
        return false;
    }

    // -- names --

    [[nodiscard]] std::optional<std::size_t> findVariable(std::string_view name) const
    {
        if (!m_scope.variableIndex.empty()) {
            const auto it = m_scope.variableIndex.find(std::string(name));
            return it == m_scope.variableIndex.end() ? std::nullopt : std::optional<std::size_t>(it->second);
        }
        for (std::size_t slot = 0; slot < m_scope.variables.size(); ++slot)
            if (m_scope.variables[slot].name == name)
                return slot;
        return std::nullopt;
    }
    [[nodiscard]] std::optional<std::size_t> findNode(std::string_view name) const
    {
        if (!m_scope.nodeIndex.empty()) {
            const auto it = m_scope.nodeIndex.find(std::string(name));
            return it == m_scope.nodeIndex.end() ? std::nullopt : std::optional<std::size_t>(it->second);
        }
        for (std::size_t index = 0; index < m_scope.nodeIds.size(); ++index)
            if (m_scope.nodeIds[index] == name)
                return index;
        return std::nullopt;
    }
    [[nodiscard]] bool isNodeId(std::string_view name) const { return findNode(name).has_value(); }
    const std::vector<std::string>& variableNames()
    {
        if (m_variableNames.empty())
            for (const auto& variable : m_scope.variables)
                m_variableNames.push_back(variable.name);
        return m_variableNames;
    }

    // -- building nodes --

    static std::unique_ptr<Node> makeNode(Kind kind, Type type, std::size_t begin, std::size_t end)
    {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->type = type;
        node->begin = static_cast<std::uint32_t>(begin);
        node->end = static_cast<std::uint32_t>(end);
        return node;
    }
    static std::unique_ptr<Node> makeBinary(Kind kind, Type type, std::unique_ptr<Node> lhs,
                                            std::unique_ptr<Node> rhs)
    {
        auto node = makeNode(kind, type, lhs->begin, rhs->end);
        node->lhs = std::move(lhs);
        node->rhs = std::move(rhs);
        return node;
    }

    /// Reports an operator whose operands must both be `wanted`. Points at the wrong operand when
    /// only one is wrong (that is what the author has to change), otherwise at the operator.
    void requireBoth(Type wanted, const Token& op, const Node& lhs, const Node& rhs)
    {
        const bool lhsWrong = lhs.type != wanted && lhs.type != Type::Invalid;
        const bool rhsWrong = rhs.type != wanted && rhs.type != Type::Invalid;
        if (!lhsWrong && !rhsWrong)
            return;
        std::string message;
        std::size_t offset = op.begin;
        if (lhsWrong && rhsWrong) {
            if (lhs.type == rhs.type)
                message = quoted(lhs, "the left side") + " and " + quoted(rhs, "the right side") + " are " +
                          std::string(checkedTypeName(lhs.type)) + " but";
            else
                message = quoted(lhs, "the left side") + " is " + std::string(checkedTypeName(lhs.type)) +
                          " and " + quoted(rhs, "the right side") + " is " +
                          std::string(checkedTypeName(rhs.type)) + ", but";
        } else {
            const Node& wrong = lhsWrong ? lhs : rhs;
            message = quoted(wrong, lhsWrong ? "the left side" : "the right side") + " is " +
                      std::string(checkedTypeName(wrong.type)) + " but";
            offset = wrong.begin;
        }
        message += " '" + std::string(text(op)) + "' needs " + std::string(checkedTypeName(wanted)) +
                   " on both sides";
        if (isComparison(op.kind) && (lhs.type == Type::String || rhs.type == Type::String))
            message += "; strings can only be compared with '==' or '!='";
        report(offset, DiagnosticCode::TypeMismatch, std::move(message));
    }

    void requireOne(Type wanted, const Token& op, const Node& operand)
    {
        if (operand.type == wanted || operand.type == Type::Invalid)
            return;
        report(operand.begin, DiagnosticCode::TypeMismatch,
               quoted(operand, "the operand") + " is " + std::string(checkedTypeName(operand.type)) +
                   " but '" + std::string(text(op)) + "' needs " + std::string(checkedTypeName(wanted)));
    }

    // -- grammar, lowest precedence first --

    std::unique_ptr<Node> parseOr()
    {
        auto lhs = parseAnd();
        while (lhs && at(TokenKind::Or)) {
            const Token& op = current();
            advance();
            auto rhs = parseAnd();
            if (!rhs)
                return nullptr;
            requireBoth(Type::Bool, op, *lhs, *rhs);
            lhs = makeBinary(Kind::Or, Type::Bool, std::move(lhs), std::move(rhs));
        }
        return lhs;
    }

    std::unique_ptr<Node> parseAnd()
    {
        auto lhs = parseNot();
        while (lhs && at(TokenKind::And)) {
            const Token& op = current();
            advance();
            auto rhs = parseNot();
            if (!rhs)
                return nullptr;
            requireBoth(Type::Bool, op, *lhs, *rhs);
            lhs = makeBinary(Kind::And, Type::Bool, std::move(lhs), std::move(rhs));
        }
        return lhs;
    }

    std::unique_ptr<Node> parseNot()
    {
        if (!at(TokenKind::Not))
            return parseCompare();
        NestingGuard level(m_depth);
        if (level.tooDeep())
            return tooDeep();
        const Token& op = current();
        advance();
        auto operand = parseNot();
        if (!operand)
            return nullptr;
        requireOne(Type::Bool, op, *operand);
        auto node = makeNode(Kind::Not, Type::Bool, op.begin, operand->end);
        node->lhs = std::move(operand);
        return node;
    }

    std::unique_ptr<Node> parseCompare()
    {
        auto lhs = parseSum();
        if (!lhs)
            return nullptr;
        if (at(TokenKind::Assign))
            return syntaxError("'=' assigns a value; to compare, use '=='");
        if (!isComparison(current().kind))
            return lhs;
        const Token& op = current();
        advance();
        auto rhs = parseSum();
        if (!rhs)
            return nullptr;
        if (isComparison(current().kind))
            return syntaxError("comparisons cannot be chained: found a second comparison '" +
                               std::string(text(current())) +
                               "'; join them with 'and', as in "
                               "'a < b and b < c'");
        if (at(TokenKind::Assign))
            return syntaxError("'=' assigns a value; to compare, use '=='");

        if (op.kind == TokenKind::Equal || op.kind == TokenKind::NotEqual) {
            const bool equal = op.kind == TokenKind::Equal;
            Kind kind = equal ? Kind::EqualInt : Kind::NotEqualInt;
            if (lhs->type != Type::Invalid && rhs->type != Type::Invalid && lhs->type != rhs->type)
                report(op.begin, DiagnosticCode::TypeMismatch,
                       quoted(*lhs, "the left side") + " is " + std::string(checkedTypeName(lhs->type)) +
                           " but " + quoted(*rhs, "the right side") + " is " +
                           std::string(checkedTypeName(rhs->type)) + "; '" + std::string(text(op)) +
                           "' needs both sides to have the same type");
            else if (lhs->type == Type::Bool || rhs->type == Type::Bool)
                kind = equal ? Kind::EqualBool : Kind::NotEqualBool;
            else if (lhs->type == Type::String || rhs->type == Type::String)
                kind = equal ? Kind::EqualString : Kind::NotEqualString;
            return makeBinary(kind, Type::Bool, std::move(lhs), std::move(rhs));
        }

        requireBoth(Type::Int, op, *lhs, *rhs);
        Kind kind = Kind::Less;
        switch (op.kind) {
        case TokenKind::LessEqual:
            kind = Kind::LessEqual;
            break;
        case TokenKind::Greater:
            kind = Kind::Greater;
            break;
        case TokenKind::GreaterEqual:
            kind = Kind::GreaterEqual;
            break;
        default:
            break;
        }
        return makeBinary(kind, Type::Bool, std::move(lhs), std::move(rhs));
    }

    std::unique_ptr<Node> parseSum()
    {
        auto lhs = parseProduct();
        while (lhs && (at(TokenKind::Plus) || at(TokenKind::Minus))) {
            const Token& op = current();
            advance();
            auto rhs = parseProduct();
            if (!rhs)
                return nullptr;
            requireBoth(Type::Int, op, *lhs, *rhs);
            const Kind kind = op.kind == TokenKind::Plus ? Kind::Add : Kind::Subtract;
            lhs = makeBinary(kind, Type::Int, std::move(lhs), std::move(rhs));
        }
        return lhs;
    }

    std::unique_ptr<Node> parseProduct()
    {
        auto lhs = parseUnary();
        while (lhs && (at(TokenKind::Star) || at(TokenKind::Slash) || at(TokenKind::Percent))) {
            const Token& op = current();
            advance();
            auto rhs = parseUnary();
            if (!rhs)
                return nullptr;
            requireBoth(Type::Int, op, *lhs, *rhs);
            const Kind kind = op.kind == TokenKind::Star    ? Kind::Multiply
                              : op.kind == TokenKind::Slash ? Kind::Divide
                                                            : Kind::Modulo;
            lhs = makeBinary(kind, Type::Int, std::move(lhs), std::move(rhs));
        }
        return lhs;
    }

    std::unique_ptr<Node> parseUnary()
    {
        if (!at(TokenKind::Minus))
            return parsePrimary();
        NestingGuard level(m_depth);
        if (level.tooDeep())
            return tooDeep();
        const Token& op = current();
        advance();
        auto operand = parseUnary();
        if (!operand)
            return nullptr;
        requireOne(Type::Int, op, *operand);
        if (operand->kind == Kind::IntLiteral && operand->type == Type::Int) {
            // Fold `-5` into a literal: cheaper to evaluate, and exact for the analysis.
            operand->number = saturatingNegate(operand->number);
            operand->begin = static_cast<std::uint32_t>(op.begin);
            return operand;
        }
        auto node = makeNode(Kind::Negate, Type::Int, op.begin, operand->end);
        node->lhs = std::move(operand);
        return node;
    }

    std::unique_ptr<Node> parsePrimary()
    {
        const Token& token = current();
        switch (token.kind) {
        case TokenKind::Int: {
            auto node = makeNode(Kind::IntLiteral, Type::Int, token.begin, token.end);
            node->number = token.number;
            advance();
            return node;
        }
        case TokenKind::True:
        case TokenKind::False: {
            auto node = makeNode(Kind::BoolLiteral, Type::Bool, token.begin, token.end);
            node->number = token.kind == TokenKind::True ? 1 : 0;
            advance();
            return node;
        }
        case TokenKind::String: {
            auto node = makeNode(Kind::StringLiteral, Type::String, token.begin, token.end);
            node->text = token.text;
            advance();
            return node;
        }
        case TokenKind::LeftParen: {
            NestingGuard level(m_depth);
            if (level.tooDeep())
                return tooDeep();
            const std::size_t open = token.begin;
            advance();
            auto inner = parseOr();
            if (!inner)
                return nullptr;
            if (!at(TokenKind::RightParen))
                return expected("')' to close '('");
            // The span takes the parentheses in, so messages quote what the author wrote.
            inner->begin = static_cast<std::uint32_t>(open);
            inner->end = static_cast<std::uint32_t>(current().end);
            advance();
            return inner;
        }
        case TokenKind::Name:
            if (peekKind(1) == TokenKind::LeftParen)
                return parseCall();
            return parseVariable();
        default:
            if (m_pos == 0)
                return expected("a value");
            return expected("a value after '" + clip(text(m_tokens[m_pos - 1])) + "'");
        }
    }

    std::unique_ptr<Node> parseVariable()
    {
        const Token& token = current();
        const std::string name(text(token));
        advance();
        if (const auto slot = findVariable(name)) {
            auto node = makeNode(Kind::Variable, checkedTypeOf(m_scope.variables[*slot].type), token.begin,
                                 token.end);
            node->number = static_cast<std::int64_t>(*slot);
            return node;
        }
        if (const FunctionInfo* function = findFunction(name)) {
            report(token.begin, DiagnosticCode::BadFunctionCall,
                   "'" + name + "' is a function: call it with arguments, as in " +
                       std::string(function->example));
        } else {
            std::string message = "unknown variable '" + name + "'";
            if (isNodeId(name))
                message += "; '" + name + "' is a node id: use visits(" + name + ") or visited(" + name + ")";
            report(token.begin, DiagnosticCode::UnknownVariable, std::move(message),
                   closestMatch(name, variableNames()));
        }
        return makeNode(Kind::IntLiteral, Type::Invalid, token.begin, token.end);
    }

    std::unique_ptr<Node> parseCall()
    {
        const Token& nameToken = current();
        const std::string name(text(nameToken));
        const FunctionInfo* function = findFunction(name);
        NestingGuard level(m_depth);
        if (level.tooDeep())
            return tooDeep();
        advance(); // the name
        advance(); // '('

        if (!function) {
            std::vector<std::string> names;
            names.reserve(functions.size());
            for (const auto& known : functions)
                names.emplace_back(known.name);
            auto suggestion = closestMatch(name, names);
            std::string message = "unknown function '" + name + "'";
            if (!suggestion)
                message += "; the functions are visits, visited, score, random, min and max";
            report(nameToken.begin, DiagnosticCode::BadFunctionCall, std::move(message),
                   std::move(suggestion));
        }
        // The arguments of an unknown function are still parsed, for syntax errors, but their
        // names are not reported: they are likely node ids of a misspelt visits().
        if (!function)
            ++m_quiet;

        std::vector<std::unique_ptr<Node>> arguments;
        if (!at(TokenKind::RightParen)) {
            while (true) {
                auto argument = function && function->takesNode        ? parseNodeArgument(*function)
                                : function && function->takesPrinciple ? parsePrincipleArgument(*function)
                                                                       : parseOr();
                if (!argument)
                    return nullptr;
                arguments.push_back(std::move(argument));
                if (at(TokenKind::Comma)) {
                    advance();
                    continue;
                }
                if (at(TokenKind::RightParen))
                    break;
                return expected("',' or ')' in the call to " + clip(name) + "()");
            }
        }
        const std::size_t end = current().end;
        advance(); // ')'

        if (!function) {
            --m_quiet;
            return makeNode(Kind::IntLiteral, Type::Invalid, nameToken.begin, end);
        }
        if (arguments.size() != function->arity) {
            report(nameToken.begin, DiagnosticCode::BadFunctionCall,
                   name + "() takes " + std::to_string(function->arity) +
                       (function->arity == 1 ? " argument" : " arguments") + " but was given " +
                       std::to_string(arguments.size()));
            // The call's type is still known, so the rest of the expression can be checked.
            return makeNode(Kind::IntLiteral, function->result, nameToken.begin, end);
        }

        auto node = makeNode(function->kind, function->result, nameToken.begin, end);
        if (function->takesNode || function->takesPrinciple) {
            node->number = arguments[0]->number;
            return node;
        }
        for (const auto& argument : arguments)
            if (argument->type != Type::Int && argument->type != Type::Invalid)
                report(argument->begin, DiagnosticCode::TypeMismatch,
                       quoted(*argument, "this argument") + " is " +
                           std::string(checkedTypeName(argument->type)) + " but " + name +
                           "() needs int arguments");
        node->lhs = std::move(arguments[0]);
        node->rhs = std::move(arguments[1]);
        return node;
    }

    /// A node id, written as a bare name. The returned node only carries the node index.
    /// What a function that takes a name (not an expression) calls it, and how one is found.
    struct NameKind {
        std::string_view unknown; ///< "unknown <this> 'x'": "node id", "principle"
        std::string_view needed;  ///< "f() needs a <this>": "node id", "principle id"
        DiagnosticCode code;
        const std::vector<std::string>& names;
    };

    /// The argument of visits(), visited() or score(): a name, turned into its index by `find`.
    /// `unknownHint(name)` adds to the message when the name is none of them.
    template <typename Find, typename Hint>
    std::unique_ptr<Node> parseNameArgument(const FunctionInfo& function, const NameKind& kind, Find find,
                                            Hint unknownHint)
    {
        const Token& token = current();
        if (token.kind == TokenKind::Name &&
            (peekKind(1) == TokenKind::Comma || peekKind(1) == TokenKind::RightParen)) {
            const std::string name(text(token));
            auto node = makeNode(Kind::IntLiteral, Type::Invalid, token.begin, token.end);
            advance();
            if (const auto index = find(name)) {
                node->number = static_cast<std::int64_t>(*index);
                return node;
            }
            report(token.begin, kind.code,
                   "unknown " + std::string(kind.unknown) + " '" + name + "' in " +
                       std::string(function.name) + "()" + unknownHint(name),
                   closestMatch(name, kind.names));
            return node;
        }
        ++m_quiet;
        auto argument = parseOr();
        --m_quiet;
        if (!argument)
            return nullptr;
        report(argument->begin, kind.code,
               std::string(function.name) + "() needs a " + std::string(kind.needed) + ", such as " +
                   std::string(function.example) + ", but found " + quoted(*argument, "an expression"));
        argument->type = Type::Invalid;
        return argument;
    }

    std::unique_ptr<Node> parseNodeArgument(const FunctionInfo& function)
    {
        return parseNameArgument(
            function, {"node id", "node id", DiagnosticCode::NotANodeId, m_scope.nodeIds},
            [&](const std::string& name) { return findNode(name); },
            [&](const std::string& name) {
                return findVariable(name) ? "; '" + name + "' is a variable, not a node" : std::string();
            });
    }

    /// score()'s argument: a principle id of the framework.
    std::unique_ptr<Node> parsePrincipleArgument(const FunctionInfo& function)
    {
        const auto& ids = m_scope.principleIds;
        return parseNameArgument(
            function, {"principle", "principle id", DiagnosticCode::UnknownPrinciple, ids},
            [&](const std::string& name) -> std::optional<std::size_t> {
                const auto it = std::find(ids.begin(), ids.end(), name);
                if (it == ids.end())
                    return std::nullopt;
                return static_cast<std::size_t>(it - ids.begin());
            },
            [](const std::string&) { return std::string(); });
    }

    std::string_view m_source;
    const ExpressionScope& m_scope;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_depth = 0;
    int m_quiet = 0; ///< > 0: name and type issues are not recorded
    bool m_failed = false;
    std::vector<ExpressionIssue> m_issues;
    std::vector<std::string> m_variableNames;
};

// ---------------------------------------------------------------------------------------------
// 5. Evaluation
// ---------------------------------------------------------------------------------------------
// Three functions, one per result type, so that ints and bools never pass through a Value and
// strings are returned by reference (a literal in the tree or a variable in the context).
// Operands are evaluated into locals first: the order of random() draws must not depend on the
// compiler's choice of argument evaluation order.

std::int64_t intOf(const Value& value)
{
    if (const auto* integer = std::get_if<std::int64_t>(&value))
        return *integer;
    assert(false && "the context holds a non-int value in an int variable's slot");
    return 0;
}

bool boolOf(const Value& value)
{
    if (const auto* boolean = std::get_if<bool>(&value))
        return *boolean;
    assert(false && "the context holds a non-bool value in a bool variable's slot");
    return false;
}

const std::string& stringOf(const Value& value)
{
    if (const auto* string = std::get_if<std::string>(&value))
        return *string;
    assert(false && "the context holds a non-string value in a string variable's slot");
    static const std::string empty;
    return empty;
}

std::size_t indexOf(const Node& node)
{
    return static_cast<std::size_t>(node.number);
}

bool evalBool(const Node& node, EvaluationContext& context);
const std::string& evalString(const Node& node, EvaluationContext& context);

std::int64_t evalInt(const Node& node, EvaluationContext& context)
{
    switch (node.kind) {
    case Kind::IntLiteral:
        return node.number;
    case Kind::Variable:
        return intOf(context.variable(indexOf(node)));
    case Kind::Visits:
        return context.visits(indexOf(node));
    case Kind::Score:
        return context.score(indexOf(node));
    case Kind::Negate:
        return saturatingNegate(evalInt(*node.lhs, context));
    default:
        break;
    }
    const std::int64_t a = evalInt(*node.lhs, context);
    const std::int64_t b = evalInt(*node.rhs, context);
    switch (node.kind) {
    // A reversed range is read as the same range: random(6, 1) draws like random(1, 6).
    case Kind::Random:
        return a <= b ? context.random(a, b) : context.random(b, a);
    case Kind::Min:
        return std::min(a, b);
    case Kind::Max:
        return std::max(a, b);
    case Kind::Add:
        return saturatingAdd(a, b);
    case Kind::Subtract:
        return saturatingSubtract(a, b);
    case Kind::Multiply:
        return saturatingMultiply(a, b);
    case Kind::Divide:
        return saturatingDivide(a, b);
    case Kind::Modulo:
        return saturatingModulo(a, b);
    default:
        break;
    }
    assert(false && "evalInt on a node that is not int");
    return 0;
}

bool evalBool(const Node& node, EvaluationContext& context)
{
    switch (node.kind) {
    case Kind::BoolLiteral:
        return node.number != 0;
    case Kind::Variable:
        return boolOf(context.variable(indexOf(node)));
    case Kind::Visited:
        return context.visits(indexOf(node)) > 0;
    case Kind::Not:
        return !evalBool(*node.lhs, context);
    case Kind::And:
        return evalBool(*node.lhs, context) && evalBool(*node.rhs, context);
    case Kind::Or:
        return evalBool(*node.lhs, context) || evalBool(*node.rhs, context);
    case Kind::EqualBool:
    case Kind::NotEqualBool: {
        const bool a = evalBool(*node.lhs, context);
        const bool b = evalBool(*node.rhs, context);
        return (a == b) == (node.kind == Kind::EqualBool);
    }
    case Kind::EqualString:
    case Kind::NotEqualString: {
        const std::string& a = evalString(*node.lhs, context);
        const std::string& b = evalString(*node.rhs, context);
        return (a == b) == (node.kind == Kind::EqualString);
    }
    default:
        break;
    }
    const std::int64_t a = evalInt(*node.lhs, context);
    const std::int64_t b = evalInt(*node.rhs, context);
    switch (node.kind) {
    case Kind::EqualInt:
        return a == b;
    case Kind::NotEqualInt:
        return a != b;
    case Kind::Less:
        return a < b;
    case Kind::LessEqual:
        return a <= b;
    case Kind::Greater:
        return a > b;
    case Kind::GreaterEqual:
        return a >= b;
    default:
        break;
    }
    assert(false && "evalBool on a node that is not bool");
    return false;
}

const std::string& evalString(const Node& node, EvaluationContext& context)
{
    // The grammar has no operator yielding a string, so a string is a literal or a variable.
    if (node.kind == Kind::Variable)
        return stringOf(context.variable(indexOf(node)));
    assert(node.kind == Kind::StringLiteral);
    return node.text;
}

// ---------------------------------------------------------------------------------------------
// 6. Analysis
// ---------------------------------------------------------------------------------------------
// assume(node, truth, facts) narrows what is known about the variables to the states in which
// `node` evaluates to `truth`, or returns nothing when there can be no such state. It always
// over-approximates (keeps every real state), so "no state" is a proof. possibility() asks it
// twice: the expression is Never if it cannot be true and Always if it cannot be false.
// Each call visits every node at most once, so the analysis is linear in the size of the tree.

struct Interval {
    std::int64_t lo = minInt;
    std::int64_t hi = maxInt;
};

enum class Known : std::uint8_t { Unknown, True, False };

/// What may hold of the variables in the states still considered: an interval per int variable,
/// a known value per bool variable. Indexed by slot.
struct Facts {
    std::vector<Interval> ints;
    std::vector<Known> bools;
};

Interval cornerHull(Interval a, Interval b, std::int64_t (*operation)(std::int64_t, std::int64_t))
{
    const std::array<std::int64_t, 4> corners{operation(a.lo, b.lo), operation(a.lo, b.hi),
                                              operation(a.hi, b.lo), operation(a.hi, b.hi)};
    return {*std::min_element(corners.begin(), corners.end()),
            *std::max_element(corners.begin(), corners.end())};
}

Interval hull(Interval a, Interval b)
{
    return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}

Interval divideIntervals(Interval a, Interval b)
{
    // Truncating division is monotone in each argument as long as the divisor keeps its sign,
    // so the extremes lie at the corners of each sign-constant part of the divisor.
    std::optional<Interval> result;
    const auto add = [&result](Interval part) { result = result ? hull(*result, part) : part; };
    if (b.lo <= 0 && b.hi >= 0)
        add({0, 0});
    if (b.hi >= 1)
        add(cornerHull(a, {std::max<std::int64_t>(b.lo, 1), b.hi}, saturatingDivide));
    if (b.lo <= -1)
        add(cornerHull(a, {b.lo, std::min<std::int64_t>(b.hi, -1)}, saturatingDivide));
    return *result;
}

Interval moduloIntervals(Interval a, Interval b)
{
    // |a % b| < |b| and the remainder takes the sign of a (or is 0). The largest |b| bounds it;
    // |minInt| does not fit in an int64, but every int64 remainder fits under it.
    const auto magnitude = [](std::int64_t x) { return x < 0 ? saturatingNegate(x) : x; };
    const std::int64_t largestDivisor = std::max(magnitude(b.lo), magnitude(b.hi));
    if (largestDivisor <= 1)
        return {0, 0}; // x % 0, x % 1 and x % -1 are all 0
    const std::int64_t bound = b.lo == minInt ? maxInt : largestDivisor - 1;
    return {a.lo >= 0 ? 0 : std::max(a.lo, -bound), a.hi <= 0 ? 0 : std::min(a.hi, bound)};
}

Interval intervalOf(const Node& node, const Facts& facts)
{
    switch (node.kind) {
    case Kind::IntLiteral:
        return {node.number, node.number};
    case Kind::Variable:
        if (indexOf(node) < facts.ints.size())
            return facts.ints[indexOf(node)];
        return {};
    case Kind::Visits:
        return {0, maxInt};
    case Kind::Score:
        return {};
    case Kind::Negate: {
        const Interval a = intervalOf(*node.lhs, facts);
        return {saturatingNegate(a.hi), saturatingNegate(a.lo)};
    }
    default:
        break;
    }
    if (!node.lhs || !node.rhs)
        return {};
    const Interval a = intervalOf(*node.lhs, facts);
    const Interval b = intervalOf(*node.rhs, facts);
    switch (node.kind) {
    case Kind::Random:
        return hull(a, b); // either bound may be the lower one
    case Kind::Min:
        return {std::min(a.lo, b.lo), std::min(a.hi, b.hi)};
    case Kind::Max:
        return {std::max(a.lo, b.lo), std::max(a.hi, b.hi)};
    case Kind::Add:
        return {saturatingAdd(a.lo, b.lo), saturatingAdd(a.hi, b.hi)};
    case Kind::Subtract:
        return {saturatingSubtract(a.lo, b.hi), saturatingSubtract(a.hi, b.lo)};
    case Kind::Multiply:
        return cornerHull(a, b, saturatingMultiply);
    case Kind::Divide:
        return divideIntervals(a, b);
    case Kind::Modulo:
        return moduloIntervals(a, b);
    default:
        return {};
    }
}

std::optional<Facts> join(std::optional<Facts> a, std::optional<Facts> b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    for (std::size_t i = 0; i < a->ints.size(); ++i)
        a->ints[i] = hull(a->ints[i], b->ints[i]);
    for (std::size_t i = 0; i < a->bools.size(); ++i)
        if (a->bools[i] != b->bools[i])
            a->bools[i] = Known::Unknown;
    return a;
}

Kind negated(Kind comparison)
{
    switch (comparison) {
    case Kind::EqualInt:
        return Kind::NotEqualInt;
    case Kind::NotEqualInt:
        return Kind::EqualInt;
    case Kind::Less:
        return Kind::GreaterEqual;
    case Kind::LessEqual:
        return Kind::Greater;
    case Kind::Greater:
        return Kind::LessEqual;
    default:
        return Kind::Less; // GreaterEqual
    }
}

/// The same relation with its sides swapped: a < b is b > a.
Kind converse(Kind comparison)
{
    switch (comparison) {
    case Kind::Less:
        return Kind::Greater;
    case Kind::LessEqual:
        return Kind::GreaterEqual;
    case Kind::Greater:
        return Kind::Less;
    case Kind::GreaterEqual:
        return Kind::LessEqual;
    default:
        return comparison; // == and != are symmetric
    }
}

/// Whether some a in `a` and b in `b` satisfy `a relation b`.
bool canHold(Kind relation, Interval a, Interval b)
{
    switch (relation) {
    case Kind::Less:
        return a.lo < b.hi;
    case Kind::LessEqual:
        return a.lo <= b.hi;
    case Kind::Greater:
        return a.hi > b.lo;
    case Kind::GreaterEqual:
        return a.hi >= b.lo;
    case Kind::EqualInt:
        return a.lo <= b.hi && b.lo <= a.hi;
    default:
        return !(a.lo == a.hi && b.lo == b.hi && a.lo == b.lo); // NotEqualInt
    }
}

/// Narrows a variable's interval to the values for which `variable relation other` can hold.
/// Only called after canHold, which keeps the +-1 steps away from the int64 bounds.
void narrow(Interval& variable, Kind relation, Interval other)
{
    switch (relation) {
    case Kind::Less:
        variable.hi = std::min(variable.hi, saturatingSubtract(other.hi, 1));
        break;
    case Kind::LessEqual:
        variable.hi = std::min(variable.hi, other.hi);
        break;
    case Kind::Greater:
        variable.lo = std::max(variable.lo, saturatingAdd(other.lo, 1));
        break;
    case Kind::GreaterEqual:
        variable.lo = std::max(variable.lo, other.lo);
        break;
    case Kind::EqualInt:
        variable.lo = std::max(variable.lo, other.lo);
        variable.hi = std::min(variable.hi, other.hi);
        break;
    default: // NotEqualInt: only a single excluded value at an end of the interval helps
        if (other.lo == other.hi) {
            if (variable.lo == other.lo)
                variable.lo = saturatingAdd(variable.lo, 1);
            else if (variable.hi == other.lo)
                variable.hi = saturatingSubtract(variable.hi, 1);
        }
        break;
    }
}

std::optional<Facts> assume(const Node& node, bool truth, Facts facts);

std::optional<Facts> assumeComparison(const Node& node, bool truth, Facts facts)
{
    const Kind relation = truth ? node.kind : negated(node.kind);
    const Interval lhs = intervalOf(*node.lhs, facts);
    const Interval rhs = intervalOf(*node.rhs, facts);
    if (!canHold(relation, lhs, rhs))
        return std::nullopt;
    const auto narrowSide = [&facts](const Node& side, Kind sideRelation, Interval other) {
        if (side.kind != Kind::Variable || indexOf(side) >= facts.ints.size())
            return true;
        Interval& variable = facts.ints[indexOf(side)];
        narrow(variable, sideRelation, other);
        return variable.lo <= variable.hi;
    };
    if (!narrowSide(*node.lhs, relation, rhs) || !narrowSide(*node.rhs, converse(relation), lhs))
        return std::nullopt;
    return facts;
}

std::optional<Facts> assumeBoolEquality(const Node& node, bool truth, Facts facts)
{
    // Only `x == true`-like forms are narrowed; with two unknown sides nothing is learnt.
    const bool wantEqual = (node.kind == Kind::EqualBool) == truth;
    if (node.lhs->kind == Kind::BoolLiteral)
        return assume(*node.rhs, wantEqual == (node.lhs->number != 0), std::move(facts));
    if (node.rhs->kind == Kind::BoolLiteral)
        return assume(*node.lhs, wantEqual == (node.rhs->number != 0), std::move(facts));
    return facts;
}

std::optional<Facts> assume(const Node& node, bool truth, Facts facts)
{
    switch (node.kind) {
    case Kind::BoolLiteral:
        if ((node.number != 0) != truth)
            return std::nullopt;
        return facts;
    case Kind::Variable: {
        if (indexOf(node) >= facts.bools.size())
            return facts;
        Known& known = facts.bools[indexOf(node)];
        const Known wanted = truth ? Known::True : Known::False;
        if (known != Known::Unknown && known != wanted)
            return std::nullopt;
        known = wanted;
        return facts;
    }
    case Kind::Not:
        return assume(*node.lhs, !truth, std::move(facts));
    case Kind::And:
        if (truth) {
            auto afterLhs = assume(*node.lhs, true, std::move(facts));
            if (!afterLhs)
                return std::nullopt;
            return assume(*node.rhs, true, std::move(*afterLhs));
        }
        return join(assume(*node.lhs, false, facts), assume(*node.rhs, false, facts));
    case Kind::Or:
        if (!truth) {
            auto afterLhs = assume(*node.lhs, false, std::move(facts));
            if (!afterLhs)
                return std::nullopt;
            return assume(*node.rhs, false, std::move(*afterLhs));
        }
        return join(assume(*node.lhs, true, facts), assume(*node.rhs, true, facts));
    case Kind::EqualInt:
    case Kind::NotEqualInt:
    case Kind::Less:
    case Kind::LessEqual:
    case Kind::Greater:
    case Kind::GreaterEqual:
        return assumeComparison(node, truth, std::move(facts));
    case Kind::EqualBool:
    case Kind::NotEqualBool:
        return assumeBoolEquality(node, truth, std::move(facts));
    case Kind::EqualString:
    case Kind::NotEqualString:
        if (node.lhs->kind == Kind::StringLiteral && node.rhs->kind == Kind::StringLiteral) {
            const bool equal = node.lhs->text == node.rhs->text;
            if (equal != ((node.kind == Kind::EqualString) == truth))
                return std::nullopt;
        }
        return facts;
    default:
        return facts; // visited() and anything else: either outcome is possible
    }
}

Facts declaredFacts(const ExpressionScope& scope)
{
    Facts facts;
    facts.ints.resize(scope.variables.size());
    facts.bools.resize(scope.variables.size(), Known::Unknown);
    for (std::size_t slot = 0; slot < scope.variables.size(); ++slot) {
        const VariableSignature& variable = scope.variables[slot];
        // A reversed declared range is the loader's problem to report; here it means "unknown".
        if (variable.type == ValueType::Int && variable.min <= variable.max)
            facts.ints[slot] = {variable.min, variable.max};
    }
    return facts;
}

void collect(const Node& node, Kind wanted, Kind alsoWanted, std::vector<std::size_t>& out)
{
    if (node.kind == wanted || node.kind == alsoWanted)
        out.push_back(indexOf(node));
    if (node.lhs)
        collect(*node.lhs, wanted, alsoWanted, out);
    if (node.rhs)
        collect(*node.rhs, wanted, alsoWanted, out);
}

std::vector<std::size_t> sortedUnique(std::vector<std::size_t> values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

std::optional<ExpressionIssue> lengthIssue(std::string_view source)
{
    if (source.size() <= maxSourceLength)
        return std::nullopt;
    return ExpressionIssue{0, DiagnosticCode::ExpressionSyntax,
                           "expression too long (" + std::to_string(source.size()) + " bytes; the limit is " +
                               std::to_string(maxSourceLength) + ")",
                           std::nullopt};
}

} // namespace

// ---------------------------------------------------------------------------------------------
// 7. Public API
// ---------------------------------------------------------------------------------------------

/// The one place that fills the private members of Expression and Effect.
struct ExpressionParser {
    static Expression makeExpression(std::unique_ptr<ExpressionNode> root, std::string source)
    {
        Expression expression;
        expression.m_root = std::move(root);
        expression.m_source = std::move(source);
        return expression;
    }

    static Effect makeEffect(std::size_t variable, EffectOp op, Expression value, std::string source)
    {
        Effect effect;
        effect.m_variable = variable;
        effect.m_op = op;
        effect.m_value = std::move(value);
        effect.m_source = std::move(source);
        return effect;
    }
};

// A default-constructed Expression (no tree) reads as the condition `false`.

ValueType Expression::type() const
{
    if (!m_root)
        return ValueType::Bool;
    switch (m_root->type) {
    case Type::Int:
        return ValueType::Int;
    case Type::String:
        return ValueType::String;
    default:
        return ValueType::Bool;
    }
}

Value Expression::evaluate(EvaluationContext& context) const
{
    if (!m_root)
        return false;
    switch (m_root->type) {
    case Type::Int:
        return evalInt(*m_root, context);
    case Type::String:
        return evalString(*m_root, context);
    default:
        return evalBool(*m_root, context);
    }
}

bool Expression::test(EvaluationContext& context) const
{
    if (!m_root)
        return false;
    assert(m_root->type == Type::Bool && "test() on an expression that is not a condition");
    return m_root->type == Type::Bool && evalBool(*m_root, context);
}

Possibility Expression::possibility(const ExpressionScope& scope) const
{
    if (!m_root)
        return Possibility::Never;
    if (m_root->type != Type::Bool)
        return Possibility::Sometimes;
    const Facts facts = declaredFacts(scope);
    if (!assume(*m_root, true, facts))
        return Possibility::Never;
    if (!assume(*m_root, false, facts))
        return Possibility::Always;
    return Possibility::Sometimes;
}

std::vector<std::size_t> Expression::referencedNodes() const
{
    std::vector<std::size_t> nodes;
    if (m_root)
        collect(*m_root, Kind::Visits, Kind::Visited, nodes);
    return sortedUnique(std::move(nodes));
}

std::vector<std::size_t> Expression::countedNodes() const
{
    std::vector<std::size_t> nodes;
    if (m_root)
        collect(*m_root, Kind::Visits, Kind::Visits, nodes);
    return sortedUnique(std::move(nodes));
}

namespace {

void collectScoreReads(const Node& node, Expression::ScoreReads& out)
{
    const bool comparison = node.kind == Kind::Less || node.kind == Kind::LessEqual ||
                            node.kind == Kind::Greater || node.kind == Kind::GreaterEqual ||
                            node.kind == Kind::EqualInt || node.kind == Kind::NotEqualInt;
    if (comparison && node.lhs && node.rhs) {
        const Node* score = node.lhs->kind == Kind::Score ? node.lhs.get() : node.rhs.get();
        const Node* literal = node.lhs->kind == Kind::Score ? node.rhs.get() : node.lhs.get();
        if (score->kind == Kind::Score && literal->kind == Kind::IntLiteral) {
            out.compared.emplace_back(indexOf(*score), literal->number);
            return;
        }
    }
    if (node.kind == Kind::Score)
        out.otherwise.push_back(indexOf(node));
    if (node.lhs)
        collectScoreReads(*node.lhs, out);
    if (node.rhs)
        collectScoreReads(*node.rhs, out);
}

} // namespace

Expression::ScoreReads Expression::scoreReads() const
{
    ScoreReads out;
    if (m_root)
        collectScoreReads(*m_root, out);
    return out;
}

std::vector<std::size_t> Expression::referencedPrinciples() const
{
    std::vector<std::size_t> principles;
    if (m_root)
        collect(*m_root, Kind::Score, Kind::Score, principles);
    return sortedUnique(std::move(principles));
}

std::vector<std::size_t> Expression::referencedVariables() const
{
    std::vector<std::size_t> slots;
    if (m_root)
        collect(*m_root, Kind::Variable, Kind::Variable, slots);
    return sortedUnique(std::move(slots));
}

Value Effect::apply(EvaluationContext& context) const
{
    if (m_op == EffectOp::Assign)
        return m_value.evaluate(context);
    // Evaluating an int expression yields an int Value: no allocation on this path.
    const std::int64_t amount = intOf(m_value.evaluate(context));
    const std::int64_t current = intOf(context.variable(m_variable));
    return m_op == EffectOp::Add ? saturatingAdd(current, amount) : saturatingSubtract(current, amount);
}

Parsed<Expression> parseCondition(std::string_view source, const ExpressionScope& scope)
{
    Parsed<Expression> result;
    if (auto issue = lengthIssue(source)) {
        result.issues.push_back(std::move(*issue));
        return result;
    }
    Parser parser(source, scope);
    auto root = parser.condition();
    result.issues = parser.takeIssues();
    if (root && result.issues.empty())
        result.value = ExpressionParser::makeExpression(std::move(root), std::string(source));
    return result;
}

Parsed<Effect> parseEffect(std::string_view source, const ExpressionScope& scope)
{
    Parsed<Effect> result;
    if (auto issue = lengthIssue(source)) {
        result.issues.push_back(std::move(*issue));
        return result;
    }
    Parser parser(source, scope);
    auto parts = parser.effect();
    result.issues = parser.takeIssues();
    if (parts && result.issues.empty()) {
        const std::size_t begin = parts->value->begin;
        const std::size_t end = parts->value->end;
        Expression value = ExpressionParser::makeExpression(std::move(parts->value),
                                                            std::string(source.substr(begin, end - begin)));
        result.value =
            ExpressionParser::makeEffect(parts->variable, parts->op, std::move(value), std::string(source));
    }
    return result;
}

void ExpressionScope::index()
{
    variableIndex.clear();
    nodeIndex.clear();
    for (std::size_t i = 0; i < variables.size(); ++i)
        variableIndex.emplace(variables[i].name, i);
    for (std::size_t i = 0; i < nodeIds.size(); ++i)
        nodeIndex.emplace(nodeIds[i], i);
}

std::int64_t clampToRange(std::int64_t value, const VariableSignature& variable)
{
    return std::clamp(value, variable.min, variable.max);
}

Value storedValue(Value value, const VariableSignature& variable)
{
    if (auto* integer = std::get_if<std::int64_t>(&value))
        *integer = clampToRange(*integer, variable);
    return value;
}

} // namespace sparring::core
