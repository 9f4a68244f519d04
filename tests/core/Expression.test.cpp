// Tests of the expression language (core/Expression.hpp).
//
// Sections:
//   1. Fixtures      a scope, a scripted evaluation context, helpers
//   2. Evaluation    every operator and function with exact values; precedence; saturation
//   3. Diagnostics   exact codes, offsets, messages and suggestions
//   4. Limits        nesting, length, hostile bytes, generated garbage
//   5. Analysis      possibility(), including an exhaustive soundness check
//   6. Effects
//   7. References and allocation

#include "core/Expression.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <limits>
#include <new>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Counts heap allocations so that a test can prove evaluation does not allocate. Replacing the
// global operator new is the only portable hook; it only counts, so other tests are unaffected.
// AddressSanitizer brings its own operator new, so under it nothing is replaced and the test skips.
#if defined(__SANITIZE_ADDRESS__)
#define SPARRING_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SPARRING_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef SPARRING_COUNT_ALLOCATIONS
#define SPARRING_COUNT_ALLOCATIONS 1
#endif

namespace {
std::atomic<std::size_t> allocationCount{0};
}

#if SPARRING_COUNT_ALLOCATIONS
// Every non-aligned form is replaced, so that whatever new hands out, delete gives back to free().
// GCC cannot see that the pair is consistent once both are inlined into one caller.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
namespace {
void* countedAllocation(std::size_t size) noexcept
{
    allocationCount.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(size == 0 ? 1 : size);
}
void* countedAllocationOrThrow(std::size_t size)
{
    if (void* memory = countedAllocation(size))
        return memory;
    throw std::bad_alloc();
}
} // namespace

void* operator new(std::size_t size)
{
    return countedAllocationOrThrow(size);
}
void* operator new[](std::size_t size)
{
    return countedAllocationOrThrow(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    return countedAllocation(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept
{
    return countedAllocation(size);
}
void operator delete(void* memory) noexcept
{
    std::free(memory);
}
void operator delete[](void* memory) noexcept
{
    std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept
{
    std::free(memory);
}
void operator delete[](void* memory, std::size_t) noexcept
{
    std::free(memory);
}
void operator delete(void* memory, const std::nothrow_t&) noexcept
{
    std::free(memory);
}
void operator delete[](void* memory, const std::nothrow_t&) noexcept
{
    std::free(memory);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

namespace sparring::core {

// Readable failure output for issues.
// NOLINTNEXTLINE(readability-identifier-naming): gtest finds it by this name
void PrintTo(const ExpressionIssue& issue, std::ostream* out)
{
    *out << "{" << issue.offset << ", " << codeString(issue.code) << ", \"" << issue.message << "\", "
         << (issue.suggestion ? "\"" + *issue.suggestion + "\"" : std::string("nullopt")) << "}";
}

namespace {

// ---------------------------------------------------------------------------------------------
// 1. Fixtures
// ---------------------------------------------------------------------------------------------

constexpr std::int64_t minInt = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t maxInt = std::numeric_limits<std::int64_t>::max();

enum Slot : std::size_t { Trust, Escalated, Name, Mood, Big, Reversed };
enum NodeIndex : std::size_t { Opening, Closing, Pricing };

ExpressionScope testScope()
{
    ExpressionScope scope;
    scope.variables = {
        {"trust", ValueType::Int, 0, 10},
        {"escalated", ValueType::Bool, 0, 0},
        {"name", ValueType::String, 0, 0},
        {"mood", ValueType::Int, -5, 5},
        {"big", ValueType::Int, minInt, maxInt},
        {"reversed", ValueType::Int, 10, 0}, // a malformed range: the analysis must not trust it
    };
    scope.nodeIds = {"opening", "closing", "pricing"};
    scope.principleIds = {"ask", "own"};
    return scope;
}

/// Variables and visit counts set by the test; random() hands out scripted draws (or lo) and
/// records every call.
class TestContext final : public EvaluationContext {
public:
    std::vector<Value> variables{std::int64_t{7},  false,           std::string("Sam"),
                                 std::int64_t{-3}, std::int64_t{0}, std::int64_t{0}};
    std::vector<std::int64_t> visitCounts{2, 0, 1};
    std::deque<std::int64_t> draws;
    std::vector<std::pair<std::int64_t, std::int64_t>> randomCalls;

    [[nodiscard]] const Value& variable(std::size_t slot) const override { return variables.at(slot); }
    [[nodiscard]] std::int64_t visits(std::size_t nodeIndex) const override
    {
        return visitCounts.at(nodeIndex);
    }
    [[nodiscard]] std::int64_t score(std::size_t principle) const override { return scores.at(principle); }
    std::vector<std::int64_t> scores{3, -2};
    std::int64_t random(std::int64_t lo, std::int64_t hi) override
    {
        randomCalls.emplace_back(lo, hi);
        if (draws.empty())
            return lo;
        const std::int64_t draw = draws.front();
        draws.pop_front();
        return draw;
    }
};

/// Expected issues name their code as printed ("SP0201"), the form the docs and authors use.
ExpressionIssue issue(std::size_t offset, std::string_view code, std::string message,
                      std::optional<std::string> suggestion = std::nullopt)
{
    const auto known = findDiagnosticCode(code);
    if (!known)
        throw std::invalid_argument("no diagnostic code " + std::string(code));
    return {offset, *known, std::move(message), std::move(suggestion)};
}

std::vector<ExpressionIssue> conditionIssues(std::string_view source)
{
    return parseCondition(source, testScope()).issues;
}

std::vector<ExpressionIssue> effectIssues(std::string_view source)
{
    return parseEffect(source, testScope()).issues;
}

Expression condition(std::string_view source)
{
    auto parsed = parseCondition(source, testScope());
    EXPECT_TRUE(parsed.issues.empty()) << source << ": " << testing::PrintToString(parsed.issues);
    return parsed.value.value_or(Expression{});
}

Effect effect(std::string_view source)
{
    auto parsed = parseEffect(source, testScope());
    EXPECT_TRUE(parsed.issues.empty()) << source << ": " << testing::PrintToString(parsed.issues);
    if (!parsed.value)
        throw std::runtime_error("effect did not parse: " + std::string(source));
    return *parsed.value;
}

/// Evaluates an expression of any type; conditions must be bool, so it goes through an effect.
Value evaluate(const std::string& source, TestContext& context)
{
    return effect(std::string("trust = ") + source).value().evaluate(context);
}

std::int64_t evalInt(const std::string& source, TestContext context = {})
{
    const Value value = evaluate(source, context);
    EXPECT_TRUE(std::holds_alternative<std::int64_t>(value)) << source;
    return std::holds_alternative<std::int64_t>(value) ? std::get<std::int64_t>(value) : -999;
}

bool holds(std::string_view source, TestContext context = {})
{
    return condition(source).test(context);
}

Possibility possibility(std::string_view source)
{
    return condition(source).possibility(testScope());
}

// ---------------------------------------------------------------------------------------------
// 2. Evaluation
// ---------------------------------------------------------------------------------------------

TEST(ExpressionEvaluation, IntegerLiterals)
{
    EXPECT_EQ(evalInt("0"), 0);
    EXPECT_EQ(evalInt("42"), 42);
    EXPECT_EQ(evalInt("9223372036854775807"), maxInt);
    EXPECT_EQ(evalInt("-5"), -5);
    EXPECT_EQ(evalInt("007"), 7);
}

TEST(ExpressionEvaluation, ArithmeticOperators)
{
    EXPECT_EQ(evalInt("2 + 3"), 5);
    EXPECT_EQ(evalInt("2 - 3"), -1);
    EXPECT_EQ(evalInt("4 * 5"), 20);
    EXPECT_EQ(evalInt("7 / 2"), 3);
    EXPECT_EQ(evalInt("-7 / 2"), -3); // truncates toward zero
    EXPECT_EQ(evalInt("7 / -2"), -3);
    EXPECT_EQ(evalInt("7 % 3"), 1);
    EXPECT_EQ(evalInt("-7 % 3"), -1); // the remainder takes the sign of the dividend
    EXPECT_EQ(evalInt("7 % -3"), 1);
    EXPECT_EQ(evalInt("trust + mood"), 4);
    EXPECT_EQ(evalInt("trust * mood"), -21);
    EXPECT_EQ(evalInt("-trust"), -7);
    EXPECT_EQ(evalInt("- -trust"), 7);
}

TEST(ExpressionEvaluation, DivisionAndModuloByZeroYieldZero)
{
    EXPECT_EQ(evalInt("7 / 0"), 0);
    EXPECT_EQ(evalInt("7 % 0"), 0);
    EXPECT_EQ(evalInt("trust / (mood + 3)"), 0);
    EXPECT_EQ(evalInt("trust % (mood + 3)"), 0);
}

TEST(ExpressionEvaluation, ArithmeticSaturatesAtTheIntBounds)
{
    TestContext atMax;
    atMax.variables[Big] = maxInt;
    TestContext atMin;
    atMin.variables[Big] = minInt;

    EXPECT_EQ(evalInt("9223372036854775807 + 1"), maxInt);
    EXPECT_EQ(evalInt("-9223372036854775807 - 2"), minInt);
    EXPECT_EQ(evalInt("9223372036854775807 * 2"), maxInt);
    EXPECT_EQ(evalInt("9223372036854775807 * -2"), minInt);
    EXPECT_EQ(evalInt("big + big", atMax), maxInt);
    EXPECT_EQ(evalInt("big - 1", atMin), minInt);
    EXPECT_EQ(evalInt("big * big", atMin), maxInt);
    EXPECT_EQ(evalInt("-big", atMin), maxInt);
    EXPECT_EQ(evalInt("big / -1", atMin), maxInt);
    EXPECT_EQ(evalInt("big % -1", atMin), 0);
    EXPECT_EQ(evalInt("big / 2", atMin), minInt / 2);
    EXPECT_EQ(evalInt("9223372036854775807 % big", atMin), maxInt); // |minInt| exceeds every int64
}

TEST(ExpressionEvaluation, ArithmeticPrecedenceAndAssociativity)
{
    EXPECT_EQ(evalInt("1 + 2 * 3"), 7);
    EXPECT_EQ(evalInt("(1 + 2) * 3"), 9);
    EXPECT_EQ(evalInt("10 - 3 - 2"), 5);
    EXPECT_EQ(evalInt("100 / 10 / 5"), 2);
    EXPECT_EQ(evalInt("2 * 3 % 4"), 2);
    EXPECT_EQ(evalInt("2 + 3 * 4 - 6 / 2"), 11);
    EXPECT_EQ(evalInt("-2 * 3"), -6);
    EXPECT_EQ(evalInt("-(2 + 3)"), -5);
    EXPECT_EQ(evalInt("10 - -2"), 12);
    EXPECT_EQ(evalInt("((((4))))"), 4);
}

TEST(ExpressionEvaluation, ComparisonOperators)
{
    EXPECT_TRUE(holds("trust == 7"));
    EXPECT_FALSE(holds("trust == 6"));
    EXPECT_TRUE(holds("trust != 6"));
    EXPECT_FALSE(holds("trust != 7"));
    EXPECT_TRUE(holds("trust < 8"));
    EXPECT_FALSE(holds("trust < 7"));
    EXPECT_TRUE(holds("trust <= 7"));
    EXPECT_FALSE(holds("trust <= 6"));
    EXPECT_TRUE(holds("trust > 6"));
    EXPECT_FALSE(holds("trust > 7"));
    EXPECT_TRUE(holds("trust >= 7"));
    EXPECT_FALSE(holds("trust >= 8"));
    EXPECT_TRUE(holds("mood < 0"));
}

TEST(ExpressionEvaluation, EqualityOnBoolsAndStrings)
{
    EXPECT_TRUE(holds("escalated == false"));
    EXPECT_TRUE(holds("escalated != true"));
    EXPECT_FALSE(holds("escalated == true"));
    EXPECT_TRUE(holds("(trust > 3) == true"));
    EXPECT_TRUE(holds("name == \"Sam\""));
    EXPECT_FALSE(holds("name == \"sam\""));
    EXPECT_TRUE(holds("name != \"Ann\""));
    EXPECT_FALSE(holds("name != \"Sam\""));
    EXPECT_TRUE(holds("\"\" == \"\""));
}

TEST(ExpressionEvaluation, StringEscapesAndUnicode)
{
    TestContext context;
    EXPECT_EQ(effect(R"(name = "say \"hi\" \\ bye")").apply(context),
              Value(std::string("say \"hi\" \\ bye")));
    EXPECT_EQ(effect("name = \"Grüße, 山田\"").apply(context), Value(std::string("Grüße, 山田")));
    context.variables[Name] = std::string("a\"b");
    EXPECT_TRUE(holds(R"(name == "a\"b")", context));
}

TEST(ExpressionEvaluation, LogicalOperatorsAndTheirPrecedence)
{
    EXPECT_TRUE(holds("true and true"));
    EXPECT_FALSE(holds("true and false"));
    EXPECT_TRUE(holds("false or true"));
    EXPECT_FALSE(holds("false or false"));
    EXPECT_TRUE(holds("not false"));
    EXPECT_TRUE(holds("not not true"));
    // not binds tighter than and; and tighter than or; comparisons tighter than not.
    EXPECT_FALSE(holds("not true and false"));
    EXPECT_TRUE(holds("not (true and false)"));
    EXPECT_TRUE(holds("true or true and false"));
    EXPECT_FALSE(holds("(true or true) and false"));
    EXPECT_TRUE(holds("false and true or true"));
    EXPECT_FALSE(holds("not 1 < 2"));
    EXPECT_TRUE(holds("1 + 1 == 2"));
    EXPECT_TRUE(holds("trust >= 3 and not escalated"));
}

TEST(ExpressionEvaluation, VisitsAndVisited)
{
    EXPECT_EQ(evalInt("visits(opening)"), 2);
    EXPECT_EQ(evalInt("visits(closing)"), 0);
    EXPECT_EQ(evalInt("visits(opening) * 10 + visits(pricing)"), 21);
    EXPECT_TRUE(holds("visited(opening)"));
    EXPECT_FALSE(holds("visited(closing)"));
    EXPECT_TRUE(holds("visits(opening) > 0"));
}

TEST(ExpressionEvaluation, ScoreReadsTheTraineesTotalForAPrinciple)
{
    EXPECT_EQ(evalInt("score(ask)"), 3);
    EXPECT_EQ(evalInt("score(own) * 10 + score(ask)"), -17);
    EXPECT_TRUE(holds("score(ask) >= 0 and score(own) < 0"));
    // Unknown to the static analysis: either outcome is possible.
    EXPECT_EQ(possibility("score(ask) >= 0"), Possibility::Sometimes);
    EXPECT_EQ(condition("score(own) > score(ask)").referencedPrinciples(), (std::vector<std::size_t>{0, 1}));
}

TEST(ExpressionEvaluation, MinAndMax)
{
    EXPECT_EQ(evalInt("min(3, -2)"), -2);
    EXPECT_EQ(evalInt("max(3, -2)"), 3);
    EXPECT_EQ(evalInt("min(trust, 5)"), 5);
    EXPECT_EQ(evalInt("max(min(trust, 5), mood)"), 5);
}

TEST(ExpressionEvaluation, RandomDrawsFromTheContextWithinBounds)
{
    TestContext context;
    context.draws = {4};
    EXPECT_EQ(evaluate("random(1, 6)", context), Value(std::int64_t{4}));
    EXPECT_EQ(evaluate("random(trust, 10)", context), Value(std::int64_t{7}));
    EXPECT_EQ(evaluate("random(6, 1)", context),
              Value(std::int64_t{1})); // a reversed range is the same range
    const std::vector<std::pair<std::int64_t, std::int64_t>> expected{{1, 6}, {7, 10}, {1, 6}};
    EXPECT_EQ(context.randomCalls, expected);
}

TEST(ExpressionEvaluation, RandomDrawsHappenLeftToRight)
{
    TestContext context;
    context.draws = {2, 15};
    EXPECT_EQ(evaluate("random(1, 6) - random(10, 20)", context), Value(std::int64_t{-13}));
    const std::vector<std::pair<std::int64_t, std::int64_t>> expected{{1, 6}, {10, 20}};
    EXPECT_EQ(context.randomCalls, expected);
}

TEST(ExpressionEvaluation, AndOrShortCircuit)
{
    TestContext context;
    EXPECT_FALSE(condition("false and random(1, 6) == 1").test(context));
    EXPECT_TRUE(condition("true or random(1, 6) == 1").test(context));
    EXPECT_TRUE(context.randomCalls.empty());
    EXPECT_TRUE(condition("true and random(1, 6) == 1").test(context));
    EXPECT_EQ(context.randomCalls.size(), 1U);
}

TEST(ExpressionEvaluation, TypesAndValues)
{
    TestContext context;
    EXPECT_EQ(effect("trust = trust + 1").value().type(), ValueType::Int);
    EXPECT_EQ(effect("name = name").value().type(), ValueType::String);
    EXPECT_EQ(condition("trust > 1").type(), ValueType::Bool);
    EXPECT_EQ(effect("name = name").value().evaluate(context), Value(std::string("Sam")));
    EXPECT_EQ(condition("trust > 1").evaluate(context), Value(true));
}

TEST(ExpressionEvaluation, WhitespaceOfAnyKindSeparatesTokens)
{
    EXPECT_TRUE(holds("\ttrust\n>\r\n3  and\tnot escalated "));
}

TEST(ExpressionEvaluation, SourceIsKeptAndCopiesShareBehaviour)
{
    const Expression original = condition("trust >= 3");
    const Expression copy = original; // NOLINT(performance-unnecessary-copy-initialization): the point
    EXPECT_EQ(copy.source(), "trust >= 3");
    EXPECT_EQ(copy, original);
    TestContext context;
    EXPECT_TRUE(copy.test(context));
    context.variables[Trust] = std::int64_t{2};
    EXPECT_FALSE(copy.test(context));
}

// ---------------------------------------------------------------------------------------------
// 3. Diagnostics
// ---------------------------------------------------------------------------------------------

using Issues = std::vector<ExpressionIssue>;

TEST(ExpressionSyntaxErrors, UnclosedParenthesis)
{
    EXPECT_EQ(conditionIssues("(trust > 3"),
              Issues{issue(10, "SP0201", "expected ')' to close '(' but found end of expression")});
}

TEST(ExpressionSyntaxErrors, MissingOperand)
{
    EXPECT_EQ(conditionIssues("trust > 3 and"),
              Issues{issue(13, "SP0201", "expected a value after 'and' but found end of expression")});
    EXPECT_EQ(conditionIssues("trust >"),
              Issues{issue(7, "SP0201", "expected a value after '>' but found end of expression")});
    EXPECT_EQ(conditionIssues("min(1,) > 0"),
              Issues{issue(6, "SP0201", "expected a value after ',' but found ')'")});
    EXPECT_EQ(conditionIssues(") > 1"), Issues{issue(0, "SP0201", "expected a value but found ')'")});
}

TEST(ExpressionSyntaxErrors, EmptySource)
{
    EXPECT_EQ(conditionIssues(""),
              Issues{issue(0, "SP0201", "expected a condition but the expression is empty")});
    EXPECT_EQ(conditionIssues(" \t "),
              Issues{issue(0, "SP0201", "expected a condition but the expression is empty")});
}

TEST(ExpressionSyntaxErrors, TrailingTokens)
{
    EXPECT_EQ(conditionIssues("trust 3"),
              Issues{issue(6, "SP0201", "expected an operator or end of expression but found '3'")});
    EXPECT_EQ(
        conditionIssues("trust > 3)"),
        Issues{issue(9, "SP0201",
                     "expected an operator or end of expression but found ')', which has no matching '('")});
    EXPECT_EQ(conditionIssues("trust += 1"),
              Issues{issue(6, "SP0201", "expected an operator or end of expression but found '+='")});
}

TEST(ExpressionSyntaxErrors, AssignmentInACondition)
{
    EXPECT_EQ(conditionIssues("trust = 3"),
              Issues{issue(6, "SP0201", "'=' assigns a value; to compare, use '=='")});
    EXPECT_EQ(conditionIssues("trust > 3 and mood = 1"),
              Issues{issue(19, "SP0201", "'=' assigns a value; to compare, use '=='")});
}

TEST(ExpressionSyntaxErrors, ChainedComparison)
{
    EXPECT_EQ(
        conditionIssues("1 < trust < 3"),
        Issues{issue(10, "SP0201",
                     "comparisons cannot be chained: found a second comparison '<'; join them with 'and', "
                     "as in 'a < b and b < c'")});
}

TEST(ExpressionSyntaxErrors, BadArgumentList)
{
    EXPECT_EQ(conditionIssues("min(1 2) > 0"),
              Issues{issue(6, "SP0201", "expected ',' or ')' in the call to min() but found '2'")});
}

TEST(ExpressionSyntaxErrors, ScoreNeedsAPrincipleId)
{
    EXPECT_EQ(conditionIssues("score(asks) > 0"),
              Issues{issue(6, "SP0103", "unknown principle 'asks' in score()", "ask")});
    EXPECT_EQ(
        conditionIssues("score(1 + 1) > 0"),
        Issues{issue(6, "SP0103",
                     "score() needs a principle id, such as score(ask_before_tell), but found '1 + 1'")});
}

TEST(ExpressionSyntaxErrors, OperatorsFromOtherLanguages)
{
    EXPECT_EQ(conditionIssues("trust > 3 && escalated"),
              Issues{issue(10, "SP0201", "unexpected character '&'; use 'and' to require both conditions")});
    EXPECT_EQ(conditionIssues("trust > 3 || escalated"),
              Issues{issue(10, "SP0201", "unexpected character '|'; use 'or' to accept either condition")});
    EXPECT_EQ(
        conditionIssues("!escalated"),
        Issues{issue(0, "SP0201", "unexpected character '!'; use 'not' to negate, or '!=' for 'not equal'")});
    EXPECT_EQ(conditionIssues("name == 'Sam'"),
              Issues{issue(8, "SP0201", "unexpected single quote; strings are written in double quotes")});
    EXPECT_EQ(conditionIssues("trust # 3"), Issues{issue(6, "SP0201", "unexpected character '#'")});
}

TEST(ExpressionSyntaxErrors, Strings)
{
    EXPECT_EQ(conditionIssues("name == \"Sam"),
              Issues{issue(12, "SP0201", "expected '\"' to close the string but found end of expression")});
    EXPECT_EQ(conditionIssues("name == \"Sam\\"),
              Issues{issue(13, "SP0201", "expected '\"' to close the string but found end of expression")});
    EXPECT_EQ(conditionIssues(R"(name == "a\nb")"),
              Issues{issue(10, "SP0201", R"(unknown escape '\n' in string; only \" and \\ are allowed)")});
    EXPECT_EQ(conditionIssues("name == \"a\xC3\""),
              Issues{issue(10, "SP0201", "invalid UTF-8 in string (byte 0xC3)")});
}

TEST(ExpressionSyntaxErrors, BadBytes)
{
    EXPECT_EQ(conditionIssues("trust > \xFF"), Issues{issue(8, "SP0201", "invalid UTF-8 (byte 0xFF)")});
    EXPECT_EQ(conditionIssues("trust > \xED\xA0\x80"),
              Issues{issue(8, "SP0201", "invalid UTF-8 (byte 0xED)")});
    EXPECT_EQ(conditionIssues(std::string_view("trust >\0 3", 10)),
              Issues{issue(7, "SP0201", "unexpected control character 0x00")});
    EXPECT_EQ(conditionIssues("na\xC3\xAFve > 1"),
              Issues{issue(2, "SP0201",
                           "unexpected character '\xC3\xAF'; names use only ASCII letters, digits and '_'")});
}

TEST(ExpressionSyntaxErrors, NumberTooLarge)
{
    EXPECT_EQ(
        conditionIssues("trust < 9223372036854775808"),
        Issues{issue(8, "SP0201",
                     "number '9223372036854775808' is too large (the largest int is 9223372036854775807)")});
}

TEST(ExpressionTypeErrors, LogicalOperatorsNeedBools)
{
    EXPECT_EQ(conditionIssues("trust and true"),
              Issues{issue(0, "SP0202", "'trust' is int but 'and' needs bool on both sides")});
    EXPECT_EQ(conditionIssues("trust > 3 or 5"),
              Issues{issue(13, "SP0202", "'5' is int but 'or' needs bool on both sides")});
    EXPECT_EQ(conditionIssues("1 and 2"),
              Issues{issue(2, "SP0202", "'1' and '2' are int but 'and' needs bool on both sides")});
    EXPECT_EQ(
        conditionIssues("1 and \"x\""),
        Issues{issue(2, "SP0202", "'1' is int and \"x\" is string, but 'and' needs bool on both sides")});
    EXPECT_EQ(conditionIssues("not trust"),
              Issues{issue(4, "SP0202", "'trust' is int but 'not' needs bool")});
}

TEST(ExpressionTypeErrors, ArithmeticNeedsInts)
{
    EXPECT_EQ(conditionIssues("trust + escalated > 1"),
              Issues{issue(8, "SP0202", "'escalated' is bool but '+' needs int on both sides")});
    EXPECT_EQ(conditionIssues("name * 2 > 1"),
              Issues{issue(0, "SP0202", "'name' is string but '*' needs int on both sides")});
    // The negation's value is an int whatever its operand, so the condition is wrong as well.
    EXPECT_EQ(conditionIssues("-escalated"),
              (Issues{issue(0, "SP0202", "condition must be bool, but this expression is int"),
                      issue(1, "SP0202", "'escalated' is bool but '-' needs int")}));
}

TEST(ExpressionTypeErrors, Comparisons)
{
    EXPECT_EQ(conditionIssues("name < \"x\""),
              Issues{issue(5, "SP0202",
                           "'name' and \"x\" are string but '<' needs int on both sides; strings can only be "
                           "compared with '==' or '!='")});
    EXPECT_EQ(conditionIssues("escalated >= 1"),
              Issues{issue(0, "SP0202", "'escalated' is bool but '>=' needs int on both sides")});
    EXPECT_EQ(conditionIssues("name == 3"),
              Issues{issue(5, "SP0202",
                           "'name' is string but '3' is int; '==' needs both sides to have the same type")});
    EXPECT_EQ(
        conditionIssues("escalated != trust"),
        Issues{issue(10, "SP0202",
                     "'escalated' is bool but 'trust' is int; '!=' needs both sides to have the same type")});
}

TEST(ExpressionTypeErrors, ConditionMustBeBool)
{
    EXPECT_EQ(conditionIssues("trust"),
              Issues{issue(0, "SP0202", "condition must be bool, but this expression is int")});
    EXPECT_EQ(conditionIssues("  name"),
              Issues{issue(2, "SP0202", "condition must be bool, but this expression is string")});
}

TEST(ExpressionTypeErrors, LongOperandsAreDescribedNotQuoted)
{
    EXPECT_EQ(conditionIssues("(trust + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9) and true"),
              Issues{issue(0, "SP0202", "the left side is int but 'and' needs bool on both sides")});
}

TEST(ExpressionTypeErrors, FunctionArguments)
{
    EXPECT_EQ(conditionIssues("min(true, 3) > 1"),
              Issues{issue(4, "SP0202", "'true' is bool but min() needs int arguments")});
    EXPECT_EQ(conditionIssues("random(1, name) > 1"),
              Issues{issue(10, "SP0202", "'name' is string but random() needs int arguments")});
    EXPECT_EQ(conditionIssues("visited(opening) > 1"),
              Issues{issue(0, "SP0202", "'visited(opening)' is bool but '>' needs int on both sides")});
}

TEST(ExpressionNameErrors, UnknownVariableWithSuggestion)
{
    EXPECT_EQ(conditionIssues("trsut > 3"), Issues{issue(0, "SP0203", "unknown variable 'trsut'", "trust")});
}

TEST(ExpressionNameErrors, UnknownVariableWithoutSuggestion)
{
    EXPECT_EQ(conditionIssues("zzz > 3"), Issues{issue(0, "SP0203", "unknown variable 'zzz'")});
}

TEST(ExpressionNameErrors, SeveralUnknownVariablesAreAllReported)
{
    EXPECT_EQ(conditionIssues("trsut > 3 and escalatd"),
              (Issues{issue(0, "SP0203", "unknown variable 'trsut'", "trust"),
                      issue(14, "SP0203", "unknown variable 'escalatd'", "escalated")}));
}

TEST(ExpressionNameErrors, IssuesComeInSourceOrder)
{
    // Found in the order 8, 22, 0 (the 'and' is checked after its right side is parsed).
    EXPECT_EQ(conditionIssues("trust + escalated and zzz"),
              (Issues{issue(0, "SP0202", "'trust + escalated' is int but 'and' needs bool on both sides"),
                      issue(8, "SP0202", "'escalated' is bool but '+' needs int on both sides"),
                      issue(22, "SP0203", "unknown variable 'zzz'")}));
}

TEST(ExpressionNameErrors, NodeIdUsedAsVariable)
{
    EXPECT_EQ(
        conditionIssues("opening > 0"),
        Issues{issue(
            0, "SP0203",
            "unknown variable 'opening'; 'opening' is a node id: use visits(opening) or visited(opening)")});
}

TEST(ExpressionNameErrors, UnknownFunction)
{
    EXPECT_EQ(conditionIssues("mx(trust, 3) > 1"),
              Issues{issue(0, "SP0204", "unknown function 'mx'", "max")});
    EXPECT_EQ(conditionIssues("foo(1) > 1"),
              Issues{issue(
                  0, "SP0204",
                  "unknown function 'foo'; the functions are visits, visited, score, random, min and max")});
    // The arguments of a misspelt visits() are node ids; they are not reported as unknown variables.
    EXPECT_EQ(conditionIssues("visit(opening) > 0"),
              Issues{issue(0, "SP0204", "unknown function 'visit'", "visits")});
}

TEST(ExpressionNameErrors, FunctionWithoutArguments)
{
    EXPECT_EQ(
        conditionIssues("visits > 0"),
        Issues{issue(0, "SP0204", "'visits' is a function: call it with arguments, as in visits(opening)")});
}

TEST(ExpressionNameErrors, WrongArgumentCount)
{
    EXPECT_EQ(conditionIssues("visits() > 0"),
              Issues{issue(0, "SP0204", "visits() takes 1 argument but was given 0")});
    EXPECT_EQ(conditionIssues("random(1) > 0"),
              Issues{issue(0, "SP0204", "random() takes 2 arguments but was given 1")});
    EXPECT_EQ(conditionIssues("trust > min(1, 2, 3)"),
              Issues{issue(8, "SP0204", "min() takes 2 arguments but was given 3")});
    EXPECT_EQ(conditionIssues("visited(opening, closing)"),
              Issues{issue(0, "SP0204", "visited() takes 1 argument but was given 2")});
}

TEST(ExpressionNameErrors, UnknownNodeId)
{
    EXPECT_EQ(conditionIssues("visits(openin) > 0"),
              Issues{issue(7, "SP0205", "unknown node id 'openin' in visits()", "opening")});
    EXPECT_EQ(conditionIssues("visited(zzz)"),
              Issues{issue(8, "SP0205", "unknown node id 'zzz' in visited()")});
    EXPECT_EQ(
        conditionIssues("visits(trust) > 0"),
        Issues{issue(7, "SP0205", "unknown node id 'trust' in visits(); 'trust' is a variable, not a node")});
}

TEST(ExpressionNameErrors, NodeArgumentMustBeABareName)
{
    EXPECT_EQ(
        conditionIssues("visits(1 + 2) > 0"),
        Issues{issue(7, "SP0205", "visits() needs a node id, such as visits(opening), but found '1 + 2'")});
    EXPECT_EQ(conditionIssues("visited(\"opening\")"),
              Issues{issue(8, "SP0205",
                           "visited() needs a node id, such as visited(opening), but found \"opening\"")});
}

TEST(ExpressionNameErrors, NoValueWhenThereAreIssues)
{
    const auto parsed = parseCondition("trsut > 3", testScope());
    EXPECT_FALSE(parsed.value.has_value());
    EXPECT_EQ(parsed.issues.size(), 1U);
}

// ---------------------------------------------------------------------------------------------
// 4. Limits
// ---------------------------------------------------------------------------------------------

std::string repeat(std::string_view text, std::size_t times)
{
    std::string out;
    for (std::size_t i = 0; i < times; ++i)
        out += text;
    return out;
}

TEST(ExpressionLimits, SixtyFourLevelsOfParenthesesAreAllowed)
{
    EXPECT_TRUE(holds(repeat("(", 64) + "true" + repeat(")", 64)));
}

TEST(ExpressionLimits, SixtyFiveLevelsAreTooDeep)
{
    EXPECT_EQ(conditionIssues(repeat("(", 65) + "true" + repeat(")", 65)),
              Issues{issue(64, "SP0201", "expression nested too deeply (more than 64 levels)")});
    EXPECT_EQ(conditionIssues(repeat("not ", 65) + "true"),
              Issues{issue(256, "SP0201", "expression nested too deeply (more than 64 levels)")});
    EXPECT_EQ(conditionIssues(std::string("1 < ") + repeat("-", 65) + "1"),
              Issues{issue(68, "SP0201", "expression nested too deeply (more than 64 levels)")});
    EXPECT_EQ(conditionIssues(repeat("min(", 65) + "1"),
              Issues{issue(256, "SP0201", "expression nested too deeply (more than 64 levels)")});
}

TEST(ExpressionLimits, ThousandsOfOpenParenthesesFailCleanly)
{
    EXPECT_EQ(conditionIssues(repeat("(", 4000)),
              Issues{issue(64, "SP0201", "expression nested too deeply (more than 64 levels)")});
}

TEST(ExpressionLimits, SourceLength)
{
    const std::string atLimit = std::string("true") + std::string(4092, ' ');
    EXPECT_TRUE(holds(atLimit));
    EXPECT_EQ(conditionIssues(atLimit + " "),
              Issues{issue(0, "SP0201", "expression too long (4097 bytes; the limit is 4096)")});
    EXPECT_EQ(effectIssues(std::string(1 << 20, '(')),
              Issues{issue(0, "SP0201", "expression too long (1048576 bytes; the limit is 4096)")});
}

TEST(ExpressionLimits, LongFlatChainsEvaluate)
{
    // A left-deep tree about 2000 nodes deep: nesting is limited, length is not (up to 4096).
    EXPECT_EQ(evalInt(std::string("1") + repeat(" + 1", 1000)), 1001);
    EXPECT_TRUE(holds(std::string("true") + repeat(" and true", 450)));
}

/// A small deterministic generator (xorshift): the same inputs on every run.
class Garbage {
public:
    std::uint64_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }
    std::string source()
    {
        static const std::vector<std::string> pieces{"trust",   "escalated", "name",
                                                     "mood",    "big",       "opening",
                                                     "visits",  "visited",   "random",
                                                     "min",     "max",       "and",
                                                     "or",      "not",       "true",
                                                     "false",   "(",         ")",
                                                     ",",       "+",         "-",
                                                     "*",       "/",         "%",
                                                     "==",      "!=",        "<",
                                                     "<=",      ">",         ">=",
                                                     "=",       "+=",        "-=",
                                                     "0",       "3",         "9223372036854775807",
                                                     "\"Sam\"", "\"",        "\\",
                                                     " ",       "\n",        "\xFF",
                                                     "\xC3",    "\xC3\xA9",  std::string(1, '\0'),
                                                     "zzz",     "!",         "&",
                                                     "#"};
        std::string out;
        const std::size_t count = next() % 24;
        for (std::size_t i = 0; i < count; ++i) {
            out += pieces[next() % pieces.size()];
            if (next() % 2 == 0)
                out += ' ';
        }
        return out;
    }
    /// A well-formed condition, then with one chance in four a piece inserted or removed, so that
    /// many inputs get through the parser and the analysis and evaluation run on them too.
    std::string condition()
    {
        std::string out = boolExpression(0);
        if (next() % 4 == 0 && !out.empty()) {
            const std::size_t at = next() % out.size();
            if (next() % 2 == 0)
                out.insert(at, source().substr(0, 3));
            else
                out.erase(at, 1 + next() % 3);
        }
        return out;
    }

private:
    std::string intExpression(int depth)
    {
        static const std::vector<std::string> leaves{
            "trust",           "mood",           "big", "0", "3", "-2", "9223372036854775807",
            "visits(opening)", "visits(pricing)"};
        if (depth > 4 || next() % 3 == 0)
            return leaves[next() % leaves.size()];
        static const std::vector<std::string> operators{" + ", " - ", " * ", " / ", " % "};
        switch (next() % 5) {
        case 0:
            return std::string("-") + intExpression(depth + 1);
        case 1:
            return std::string("(") + intExpression(depth + 1) + ")";
        case 2:
            return std::string(next() % 2 ? "min(" : "max(") + intExpression(depth + 1) + ", " +
                   intExpression(depth + 1) + ")";
        case 3:
            return std::string("random(") + intExpression(depth + 1) + ", " + intExpression(depth + 1) + ")";
        default:
            return intExpression(depth + 1) + operators[next() % operators.size()] + intExpression(depth + 1);
        }
    }
    std::string boolExpression(int depth)
    {
        static const std::vector<std::string> leaves{
            "true", "false", "escalated", "visited(closing)", "name == \"Sam\"", "name != \"Ann\""};
        static const std::vector<std::string> comparisons{" == ", " != ", " < ", " <= ", " > ", " >= "};
        if (depth > 3 || next() % 4 == 0)
            return leaves[next() % leaves.size()];
        switch (next() % 5) {
        case 0:
            return std::string("not ") + boolExpression(depth + 1);
        case 1:
            return std::string("(") + boolExpression(depth + 1) + (next() % 2 ? " and " : " or ") +
                   boolExpression(depth + 1) + ")";
        case 2:
            return boolExpression(depth + 1) + (next() % 2 ? " and " : " or ") + boolExpression(depth + 1);
        default:
            return intExpression(depth + 1) + comparisons[next() % comparisons.size()] +
                   intExpression(depth + 1);
        }
    }

    std::uint64_t m_state = 0x9E3779B97F4A7C15ULL;
};

bool hasKnownCode(const ExpressionIssue& found)
{
    for (const char* code : {"SP0201", "SP0202", "SP0203", "SP0204", "SP0205", "SP0206"})
        if (codeString(found.code) == code)
            return true;
    return false;
}

TEST(ExpressionLimits, GeneratedGarbageNeverCrashesAndValidResultsBehave)
{
    Garbage garbage;
    const ExpressionScope scope = testScope();
    std::size_t parsedConditions = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string source = i % 2 == 0 ? garbage.source() : garbage.condition();
        const auto asCondition = parseCondition(source, scope);
        const auto asEffect = parseEffect(source, scope);
        for (const auto* issues : {&asCondition.issues, &asEffect.issues})
            for (const auto& found : *issues) {
                ASSERT_TRUE(hasKnownCode(found)) << source;
                ASSERT_LE(found.offset, source.size()) << source;
                ASSERT_FALSE(found.message.empty()) << source;
            }
        ASSERT_EQ(asCondition.value.has_value(), asCondition.issues.empty()) << source;
        ASSERT_EQ(asEffect.value.has_value(), asEffect.issues.empty()) << source;
        if (asCondition.value) {
            ++parsedConditions;
            // A state within the declared ranges, with the bounds of `big` likely, to hit saturation.
            TestContext context;
            context.variables[Trust] = static_cast<std::int64_t>(garbage.next() % 11);
            context.variables[Mood] = static_cast<std::int64_t>(garbage.next() % 11) - 5;
            context.variables[Escalated] = garbage.next() % 2 == 0;
            const std::int64_t bigValues[] = {minInt, -1, 0, 1, maxInt};
            context.variables[Big] = bigValues[garbage.next() % 5];
            context.visitCounts = {static_cast<std::int64_t>(garbage.next() % 3), 0, maxInt};
            const bool result = asCondition.value->test(context);
            const Possibility possible = asCondition.value->possibility(scope);
            if (possible == Possibility::Never) {
                ASSERT_FALSE(result) << source;
            }
            if (possible == Possibility::Always) {
                ASSERT_TRUE(result) << source;
            }
        }
        if (asEffect.value) {
            TestContext context;
            ASSERT_EQ(typeOf(asEffect.value->apply(context)),
                      scope.variables[asEffect.value->variable()].type)
                << source;
        }
    }
    // Make sure the generator is not so noisy that nothing valid ever comes out of it.
    EXPECT_GT(parsedConditions, 5000U);
}

// ---------------------------------------------------------------------------------------------
// 5. Analysis
// ---------------------------------------------------------------------------------------------

TEST(ExpressionPossibility, ComparisonsAgainstDeclaredRanges)
{
    EXPECT_EQ(possibility("trust > 10"), Possibility::Never);
    EXPECT_EQ(possibility("trust >= 0"), Possibility::Always);
    EXPECT_EQ(possibility("trust > 5"), Possibility::Sometimes);
    EXPECT_EQ(possibility("trust == 11"), Possibility::Never);
    EXPECT_EQ(possibility("trust != 11"), Possibility::Always);
    EXPECT_EQ(possibility("trust == 5"), Possibility::Sometimes);
    EXPECT_EQ(possibility("11 <= trust"), Possibility::Never);
    EXPECT_EQ(possibility("trust < mood"), Possibility::Sometimes);
    EXPECT_EQ(possibility("trust < mood - 5"), Possibility::Never);
}

TEST(ExpressionPossibility, ThreeValuedLogicWithNarrowing)
{
    EXPECT_EQ(possibility("trust > 3 and trust < 2"), Possibility::Never);
    EXPECT_EQ(possibility("not (trust > 10)"), Possibility::Always);
    EXPECT_EQ(possibility("trust < 5 or trust >= 5"), Possibility::Always);
    EXPECT_EQ(possibility("trust >= 0 and trust <= 10"), Possibility::Always);
    EXPECT_EQ(possibility("not (trust > 3 and trust < 2)"), Possibility::Always);
    EXPECT_EQ(possibility("trust > 3 and trust < 5"), Possibility::Sometimes);
    EXPECT_EQ(possibility("trust == 4 and trust != 4"), Possibility::Never);
    EXPECT_EQ(possibility("trust > 20 or mood > 5"), Possibility::Never);
    EXPECT_EQ(possibility("trust > 20 or mood > 4"), Possibility::Sometimes);
}

TEST(ExpressionPossibility, Arithmetic)
{
    EXPECT_EQ(possibility("trust * 2 > 20"), Possibility::Never);
    EXPECT_EQ(possibility("trust + mood >= -5"), Possibility::Always);
    EXPECT_EQ(possibility("trust - mood > 15"), Possibility::Never);
    EXPECT_EQ(possibility("trust - mood >= 15"), Possibility::Sometimes);
    EXPECT_EQ(possibility("-trust <= 0"), Possibility::Always);
    EXPECT_EQ(possibility("trust / 2 <= 5"), Possibility::Always);
    EXPECT_EQ(possibility("trust / 0 == 0"), Possibility::Always);
    EXPECT_EQ(possibility("trust % 3 < 3"), Possibility::Always);
    EXPECT_EQ(possibility("mood % 3 > -3"), Possibility::Always);
    EXPECT_EQ(possibility("min(trust, 3) > 3"), Possibility::Never);
    EXPECT_EQ(possibility("max(trust, 3) >= 3"), Possibility::Always);
    EXPECT_EQ(possibility("big * 0 == 0"), Possibility::Always);
    // True when big is minInt: a remainder bound derived from a saturated |minInt| would say Never.
    EXPECT_EQ(possibility("9223372036854775807 % big == 9223372036854775807"), Possibility::Sometimes);
    EXPECT_EQ(possibility("big + 1 > big"), Possibility::Sometimes); // false at the bound: saturation
}

TEST(ExpressionPossibility, VisitsAndRandom)
{
    EXPECT_EQ(possibility("visits(opening) >= 0"), Possibility::Always);
    EXPECT_EQ(possibility("visits(opening) < 0"), Possibility::Never);
    EXPECT_EQ(possibility("visits(opening) > 1000000"), Possibility::Sometimes);
    EXPECT_EQ(possibility("visited(opening)"), Possibility::Sometimes);
    EXPECT_EQ(possibility("random(1, 6) > 6"), Possibility::Never);
    EXPECT_EQ(possibility("random(1, 6) >= 1"), Possibility::Always);
    EXPECT_EQ(possibility("random(6, 1) <= 6"), Possibility::Always);
    EXPECT_EQ(possibility("random(1, 6) == 3"), Possibility::Sometimes);
    EXPECT_EQ(possibility("random(0, trust) <= 10"), Possibility::Always);
}

TEST(ExpressionPossibility, BoolsAndStrings)
{
    EXPECT_EQ(possibility("true"), Possibility::Always);
    EXPECT_EQ(possibility("false"), Possibility::Never);
    EXPECT_EQ(possibility("escalated"), Possibility::Sometimes);
    EXPECT_EQ(possibility("escalated and not escalated"), Possibility::Never);
    EXPECT_EQ(possibility("escalated or not escalated"), Possibility::Always);
    EXPECT_EQ(possibility("escalated == true and not escalated"), Possibility::Never);
    EXPECT_EQ(possibility("escalated != false and escalated"), Possibility::Sometimes);
    EXPECT_EQ(possibility("name == \"Sam\""), Possibility::Sometimes);
    EXPECT_EQ(possibility("\"a\" == \"a\""), Possibility::Always);
    EXPECT_EQ(possibility("\"a\" != \"a\""), Possibility::Never);
}

TEST(ExpressionPossibility, MalformedRangeMeansUnknown)
{
    EXPECT_EQ(possibility("reversed > 100"), Possibility::Sometimes);
    EXPECT_EQ(possibility("reversed < -100"), Possibility::Sometimes);
}

TEST(ExpressionPossibility, NeverWrongOverEveryState)
{
    // Soundness: Never must mean false in every state, Always true in every state.
    const std::vector<std::string> sources{
        "trust > 3 and trust < 2",
        "trust < 5 or trust >= 5",
        "not (trust > 10)",
        "trust * mood > 20",
        "trust * mood >= -50",
        "trust - mood == 15",
        "trust % (mood + 6) < 10",
        "trust / (mood + 1) >= -10",
        "min(trust, mood) <= 5",
        "max(trust, mood) >= -5",
        "trust == mood and trust > 5",
        "(trust > 5 or mood > 0) and trust < 3",
        "escalated and trust > 9 or not escalated and trust < 1",
        "not escalated == (trust > 5)",
        "trust != 0 and trust != 10 and trust > 8",
        "visits(opening) + trust > 9",
        "visited(opening) or visits(opening) == 0",
        "-mood > 4 and mood > -5",
        "trust >= mood * mood",
    };
    const ExpressionScope scope = testScope();
    for (const auto& source : sources) {
        const Expression expression = condition(source);
        const Possibility claimed = expression.possibility(scope);
        bool sawTrue = false;
        bool sawFalse = false;
        for (std::int64_t trust = 0; trust <= 10; ++trust)
            for (std::int64_t mood = -5; mood <= 5; ++mood)
                for (const bool escalated : {false, true})
                    for (const std::int64_t visits : {0, 1, 7}) {
                        TestContext context;
                        context.variables[Trust] = trust;
                        context.variables[Mood] = mood;
                        context.variables[Escalated] = escalated;
                        context.visitCounts[Opening] = visits;
                        (expression.test(context) ? sawTrue : sawFalse) = true;
                    }
        if (claimed == Possibility::Never) {
            EXPECT_FALSE(sawTrue) << source;
        }
        if (claimed == Possibility::Always) {
            EXPECT_FALSE(sawFalse) << source;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Effects
// ---------------------------------------------------------------------------------------------

TEST(ExpressionEffects, ApplyReturnsTheNewValue)
{
    TestContext context;
    EXPECT_EQ(effect("trust += 2").apply(context), Value(std::int64_t{9}));
    EXPECT_EQ(effect("trust -= 10").apply(context), Value(std::int64_t{-3})); // clamping is the caller's
    EXPECT_EQ(effect("trust = 3 * 2").apply(context), Value(std::int64_t{6}));
    EXPECT_EQ(effect("mood += trust").apply(context), Value(std::int64_t{4}));
    EXPECT_EQ(effect("escalated = trust > 5").apply(context), Value(true));
    EXPECT_EQ(effect("name = \"Ann\"").apply(context), Value(std::string("Ann")));
    // apply() computes; it does not write.
    EXPECT_EQ(context.variables[Trust], Value(std::int64_t{7}));
}

TEST(ExpressionEffects, AddReadsTheCurrentValue)
{
    const Effect addTwo = effect("trust += 2");
    TestContext context;
    context.variables[Trust] = std::int64_t{1};
    EXPECT_EQ(addTwo.apply(context), Value(std::int64_t{3}));
    context.variables[Trust] = std::int64_t{5};
    EXPECT_EQ(addTwo.apply(context), Value(std::int64_t{7}));
}

TEST(ExpressionEffects, AddAndSubtractSaturate)
{
    TestContext context;
    context.variables[Big] = maxInt;
    EXPECT_EQ(effect("big += 1").apply(context), Value(maxInt));
    context.variables[Big] = minInt;
    EXPECT_EQ(effect("big -= 1").apply(context), Value(minInt));
}

TEST(ExpressionEffects, RandomAmount)
{
    TestContext context;
    context.draws = {3};
    EXPECT_EQ(effect("trust += random(1, 3)").apply(context), Value(std::int64_t{10}));
}

TEST(ExpressionEffects, Accessors)
{
    const Effect parsed = effect("  mood -= trust + 1 ");
    EXPECT_EQ(parsed.variable(), Mood);
    EXPECT_EQ(parsed.op(), EffectOp::Subtract);
    EXPECT_EQ(parsed.source(), "  mood -= trust + 1 ");
    EXPECT_EQ(parsed.value().source(), "trust + 1");
    EXPECT_EQ(parsed.value().type(), ValueType::Int);
    EXPECT_EQ(effect("escalated = true").op(), EffectOp::Assign);
    EXPECT_EQ(effect("trust += 1").op(), EffectOp::Add);
}

TEST(ExpressionEffects, WrongTypes)
{
    EXPECT_EQ(effectIssues("trust = true"),
              Issues{issue(8, "SP0206", "cannot assign a bool to 'trust', which is an int variable")});
    EXPECT_EQ(effectIssues("name = 3"),
              Issues{issue(7, "SP0206", "cannot assign an int to 'name', which is a string variable")});
    EXPECT_EQ(effectIssues("escalated += 1"),
              Issues{issue(0, "SP0206", "'+=' needs an int variable, but 'escalated' is a bool variable")});
    EXPECT_EQ(effectIssues("name -= 1"),
              Issues{issue(0, "SP0206", "'-=' needs an int variable, but 'name' is a string variable")});
    EXPECT_EQ(effectIssues("trust += true"),
              Issues{issue(9, "SP0206", "'+=' needs an int value, but 'true' is bool")});
}

TEST(ExpressionEffects, TargetMustBeAVariable)
{
    EXPECT_EQ(
        effectIssues("opening = 1"),
        Issues{issue(0, "SP0206", "the target of an effect must be a variable, but 'opening' is a node id")});
    EXPECT_EQ(effectIssues("3 = 4"),
              Issues{issue(0, "SP0206", "the target of an effect must be a variable, but found '3'")});
    EXPECT_EQ(effectIssues("visits(opening) = 3"),
              Issues{issue(0, "SP0206",
                           "the target of an effect must be a variable, but found a call to 'visits'")});
    EXPECT_EQ(effectIssues("trsut += 1"), Issues{issue(0, "SP0203", "unknown variable 'trsut'", "trust")});
}

TEST(ExpressionEffects, SyntaxErrors)
{
    EXPECT_EQ(
        effectIssues(""),
        Issues{issue(0, "SP0201", "expected an effect such as 'trust += 1' but the expression is empty")});
    EXPECT_EQ(effectIssues("trust == 3"),
              Issues{issue(6, "SP0201", "expected '=', '+=' or '-=' after 'trust' but found '=='")});
    EXPECT_EQ(
        effectIssues("trust"),
        Issues{issue(5, "SP0201", "expected '=', '+=' or '-=' after 'trust' but found end of expression")});
    EXPECT_EQ(effectIssues("trust +="),
              Issues{issue(8, "SP0201", "expected a value after '+=' but found end of expression")});
    EXPECT_EQ(effectIssues("trust = 1 2"),
              Issues{issue(10, "SP0201", "expected an operator or end of expression but found '2'")});
    EXPECT_EQ(effectIssues("\xFF = 1"), Issues{issue(0, "SP0201", "invalid UTF-8 (byte 0xFF)")});
}

TEST(ExpressionEffects, SeveralProblemsAreReported)
{
    EXPECT_EQ(effectIssues("trsut += zzz"), (Issues{issue(0, "SP0203", "unknown variable 'trsut'", "trust"),
                                                    issue(9, "SP0203", "unknown variable 'zzz'")}));
}

// ---------------------------------------------------------------------------------------------
// 7. References and allocation
// ---------------------------------------------------------------------------------------------

TEST(ExpressionReferences, NodesAndVariablesAreSortedAndUnique)
{
    const Expression expression =
        condition("visits(pricing) > 0 and visited(opening) or visits(pricing) < trust and mood > trust");
    EXPECT_EQ(expression.referencedNodes(), (std::vector<std::size_t>{Opening, Pricing}));
    EXPECT_EQ(expression.referencedVariables(), (std::vector<std::size_t>{Trust, Mood}));
    EXPECT_TRUE(condition("true").referencedNodes().empty());
    EXPECT_TRUE(condition("true").referencedVariables().empty());
}

TEST(ExpressionPerformance, EvaluatingIntsAndBoolsDoesNotAllocate)
{
    if (!SPARRING_COUNT_ALLOCATIONS)
        GTEST_SKIP() << "allocations are not counted under AddressSanitizer";
    const Expression complex =
        condition("trust >= 3 and not escalated and visits(opening) * 2 - min(trust, 4) % 3 > "
                  "max(mood, -1) / 2 or random(1, 6) == 3 and name == \"Sam\"");
    const Effect add = effect("trust += random(1, 3) * 2");
    const Effect assign = effect("escalated = visited(pricing) and trust != mood");
    TestContext context;
    context.randomCalls.reserve(2000); // the recording vector must not allocate inside the loop
    int trueCount = 0;
    std::int64_t total = 0;
    const std::size_t before = allocationCount.load();
    for (int i = 0; i < 1000; ++i) {
        trueCount += complex.test(context) ? 1 : 0;
        total += std::get<std::int64_t>(add.apply(context));
        trueCount += std::get<bool>(assign.apply(context)) ? 1 : 0;
    }
    const std::size_t allocations = allocationCount.load() - before;
    EXPECT_EQ(allocations, 0U);
    // 7 + 1 * 2 each time (random() returns lo); complex is true and assign is true each time.
    EXPECT_EQ(total, 9000);
    EXPECT_EQ(trueCount, 2000);
    EXPECT_EQ(context.randomCalls.size(), 1000U); // `complex` short-circuits before its random()
}

} // namespace
} // namespace sparring::core
