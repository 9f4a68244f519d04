// Tests of the compiled step program (core/StepProgram.hpp): its code must mean exactly what the
// expression tree means. Most tests are differential: the same expression, the same variables and
// the same random draws, evaluated by the tree and by the code (on Values, and on words as the path
// analysis runs it), must give the same value, the same variables afterwards and the same number
// of draws.

#include "core/StepProgram.hpp"
#include "TestSupport.hpp"
#include "core/Expression.hpp"
#include "core/Scenario.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace sparring::test {
namespace {

using namespace core;

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

const ExpressionScope& scope()
{
    static const ExpressionScope s = [] {
        ExpressionScope scope;
        scope.variables = {{"trust", ValueType::Int, 0, 10},
                           {"big", ValueType::Int, kMin, kMax},
                           {"escalated", ValueType::Bool, 0, 0},
                           {"name", ValueType::String, 0, 0},
                           {"debt", ValueType::Int, -50, 50}};
        scope.nodeIds = {"opening", "middle", "closing"};
        scope.principleIds = {"ask", "own", "listen"};
        scope.index();
        return scope;
    }();
    return s;
}

/// Variables, visit counts and a reproducible stream of draws; two copies made from one seed
/// answer random() identically, so a tree run and a code run can be compared.
class Context : public EvaluationContext {
public:
    Context(std::vector<Value> values, std::vector<std::uint32_t> visits, std::uint64_t seed)
        : variables(std::move(values)), visitCounts(std::move(visits)), m_rng(seed)
    {
    }
    [[nodiscard]] const Value& variable(std::size_t slot) const override { return variables[slot]; }
    [[nodiscard]] std::int64_t visits(std::size_t node) const override { return visitCounts[node]; }
    /// A different total per principle, so a mixed-up index shows.
    [[nodiscard]] std::int64_t score(std::size_t principle) const override
    {
        return static_cast<std::int64_t>(principle) * 3 - 4;
    }
    std::int64_t random(std::int64_t lo, std::int64_t hi) override
    {
        ++draws;
        const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
        const std::uint64_t draw = m_rng();
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + (span == 0 ? draw : draw % span));
    }

    std::vector<Value> variables;
    std::vector<std::uint32_t> visitCounts;
    int draws = 0;

private:
    std::mt19937_64 m_rng;
};

/// The same state as words, for the WordMachine (a bool 0 or 1, a text numbered as it first
/// appears), over a Context that answers visits, score() and random() as a Context does.
class Words : public StepProgram::WordContext {
public:
    Words(const std::vector<Value>& values, std::vector<std::uint32_t> visits, std::uint64_t seed)
        : m_context(values, std::move(visits), seed)
    {
        for (std::size_t slot = 0; slot < values.size(); ++slot)
            words.push_back(wordOf(slot, values[slot]));
    }
    [[nodiscard]] std::int64_t wordOf(std::size_t, const Value& value) override
    {
        if (const auto* i = std::get_if<std::int64_t>(&value))
            return *i;
        if (const auto* b = std::get_if<bool>(&value))
            return *b ? 1 : 0;
        const auto& text = std::get<std::string>(value);
        const auto known = std::find(m_texts.begin(), m_texts.end(), text);
        if (known != m_texts.end())
            return known - m_texts.begin();
        m_texts.push_back(text);
        return static_cast<std::int64_t>(m_texts.size()) - 1;
    }
    /// The variables the words stand for.
    [[nodiscard]] std::vector<Value> values() const
    {
        std::vector<Value> out;
        for (std::size_t slot = 0; slot < words.size(); ++slot)
            out.push_back(valueOf(slot));
        return out;
    }
    [[nodiscard]] const Value& variable(std::size_t slot) const override
    {
        m_context.variables[slot] = valueOf(slot);
        return m_context.variables[slot];
    }
    [[nodiscard]] std::int64_t visits(std::size_t node) const override { return m_context.visits(node); }
    [[nodiscard]] std::int64_t score(std::size_t principle) const override
    {
        return m_context.score(principle);
    }
    std::int64_t random(std::int64_t lo, std::int64_t hi) override { return m_context.random(lo, hi); }
    [[nodiscard]] StepProgram::WordMachine machine() { return {words.data(), m_context.visitCounts, *this}; }
    [[nodiscard]] int draws() const { return m_context.draws; }

    std::vector<std::int64_t> words;

private:
    [[nodiscard]] Value valueOf(std::size_t slot) const
    {
        switch (scope().variables[slot].type) {
        case ValueType::Bool:
            return words[slot] != 0;
        case ValueType::String:
            return m_texts[static_cast<std::size_t>(words[slot])];
        case ValueType::Int:
            break;
        }
        return words[slot];
    }
    mutable Context m_context;
    std::vector<std::string> m_texts;
};

/// Random well-typed expressions of the whole language (strings included, so the tree path is
/// exercised too), with literals at and near the int bounds.
class Generator {
public:
    explicit Generator(std::uint64_t seed) : m_rng(seed) {}

    std::string condition(int depth = 0)
    {
        const int pick = depth > 4 ? static_cast<int>(m_rng() % 4) : static_cast<int>(m_rng() % 10);
        switch (pick) {
        case 0:
            return "escalated";
        case 1:
            return m_rng() % 2 ? "true" : "false";
        case 2:
            return "visited(" + node() + ")";
        case 3:
            return "(" + integer(depth + 1) + comparison() + integer(depth + 1) + ")";
        case 4:
            return "(not " + condition(depth + 1) + ")";
        case 5:
            return "(" + condition(depth + 1) + " and " + condition(depth + 1) + ")";
        case 6:
            return "(" + condition(depth + 1) + " or " + condition(depth + 1) + ")";
        case 7:
            return "(" + condition(depth + 1) + (m_rng() % 2 ? " == " : " != ") + condition(depth + 1) + ")";
        case 8:
            return std::string("(name ") + (m_rng() % 2 ? "==" : "!=") +
                   (m_rng() % 2 ? " \"Sam\")" : " name)");
        default:
            return "(" + integer(depth + 1) + comparison() + integer(depth + 1) + ")";
        }
    }

    std::string integer(int depth = 0)
    {
        static const char* const literals[] = {"0",
                                               "1",
                                               "-1",
                                               "7",
                                               "8388607",
                                               "8388608",
                                               "-8388608",
                                               "-8388609",
                                               "9223372036854775807",
                                               "1000000000000"};
        static const char* const operators[] = {" + ", " - ", " * ", " / ", " % "};
        const int pick = depth > 4 ? static_cast<int>(m_rng() % 3) : static_cast<int>(m_rng() % 9);
        switch (pick) {
        case 0:
            return literals[m_rng() % std::size(literals)];
        case 1: {
            static const char* const names[] = {"trust", "big", "debt"};
            return names[m_rng() % std::size(names)];
        }
        case 2:
            if (m_rng() % 3 == 0) {
                static const char* const principles[] = {"ask", "own", "listen"};
                return std::string("score(") + principles[m_rng() % std::size(principles)] + ")";
            }
            return "visits(" + node() + ")";
        case 3:
            return "-" + integer(depth + 1);
        case 4:
            return "random(" + integer(depth + 1) + ", " + integer(depth + 1) + ")";
        case 5:
            return std::string(m_rng() % 2 ? "min(" : "max(") + integer(depth + 1) + ", " +
                   integer(depth + 1) + ")";
        default:
            return "(" + integer(depth + 1) + operators[m_rng() % std::size(operators)] + integer(depth + 1) +
                   ")";
        }
    }

    std::vector<Value> variables()
    {
        static const std::int64_t bigs[] = {0, 3, -3, kMin, kMax, 1'000'000'007};
        return {std::int64_t(m_rng() % 11), bigs[m_rng() % std::size(bigs)], m_rng() % 2 == 0,
                std::string(m_rng() % 2 ? "Sam" : "Alex"), std::int64_t(m_rng() % 101) - 50};
    }

    std::vector<std::uint32_t> visits()
    {
        return {std::uint32_t(m_rng() % 3), 0, std::uint32_t(m_rng() % 5)};
    }
    std::uint64_t seed() { return m_rng(); }

private:
    std::string node() { return std::vector<std::string>{"opening", "middle", "closing"}[m_rng() % 3]; }
    std::string comparison()
    {
        static const char* const ops[] = {" < ", " <= ", " > ", " >= ", " == ", " != "};
        return ops[m_rng() % std::size(ops)];
    }
    std::mt19937_64 m_rng;
};

Expression condition(const std::string& source)
{
    auto parsed = parseCondition(source, scope());
    EXPECT_TRUE(parsed.value) << source;
    return parsed.value ? *parsed.value : Expression{};
}

/// Tests `source` both ways from the same state; returns whether the code kept a tree.
void expectSameCondition(const std::string& source, const std::vector<Value>& variables,
                         const std::vector<std::uint32_t>& visits, std::uint64_t seed)
{
    const Expression expression = condition(source);
    StepProgram program;
    const auto at = program.addCondition(expression);

    Context byTree(variables, visits, seed);
    const bool expected = expression.test(byTree);

    Context byCode(variables, visits, seed);
    StepProgram::Machine machine{byCode.variables, byCode.visitCounts, byCode};
    EXPECT_EQ(program.test(at, machine), expected) << source;
    EXPECT_EQ(byCode.draws, byTree.draws) << source;

    Words byWords(variables, visits, seed);
    auto words = byWords.machine();
    EXPECT_EQ(program.test(at, words), expected) << source;
    EXPECT_EQ(byWords.draws(), byTree.draws) << source;
}

TEST(StepProgram, GeneratedConditionsMeanWhatTheTreeMeans)
{
    Generator generate(20261126);
    int compiled = 0;
    for (int i = 0; i < 3000; ++i) {
        const std::string source = generate.condition();
        StepProgram program;
        program.addCondition(condition(source));
        compiled += program.treeCount() == 0 ? 1 : 0;
        for (int state = 0; state < 4; ++state)
            expectSameCondition(source, generate.variables(), generate.visits(), generate.seed());
    }
    // Most generated conditions have no string in them and must really run as code.
    EXPECT_GT(compiled, 2000);
}

TEST(StepProgram, EffectsStoreClampedValuesLikeTheTreePath)
{
    Generator generate(7);
    const std::vector<std::string> targets{
        "trust = ", "trust += ", "trust -= ", "big = ", "big += ", "big -= ", "debt += ", "debt -= "};
    for (int i = 0; i < 2000; ++i) {
        std::vector<Effect> effects;
        std::vector<std::string> sources;
        for (int k = 0; k < 3; ++k) {
            const std::string source = targets[generate.seed() % targets.size()] + generate.integer();
            auto parsed = parseEffect(source, scope());
            ASSERT_TRUE(parsed.value) << source;
            effects.push_back(*parsed.value);
            sources.push_back(source);
        }
        auto flag = parseEffect("escalated = " + generate.condition(), scope());
        ASSERT_TRUE(flag.value);
        effects.push_back(*flag.value);
        auto name = parseEffect(generate.seed() % 2 ? "name = \"Jo\"" : "name = name", scope());
        ASSERT_TRUE(name.value);
        effects.push_back(*name.value);

        const auto variables = generate.variables();
        const auto visits = generate.visits();
        const auto seed = generate.seed();

        // The tree path, as the session applied effects before: evaluate, clamp ints, store.
        Context byTree(variables, visits, seed);
        for (const auto& effect : effects)
            byTree.variables[effect.variable()] =
                storedValue(effect.apply(byTree), scope().variables[effect.variable()]);

        StepProgram program;
        const auto at = program.addEffects(effects, scope().variables);
        Context byCode(variables, visits, seed);
        StepProgram::Machine machine{byCode.variables, byCode.visitCounts, byCode};
        program.run(at, machine);
        EXPECT_EQ(byCode.variables, byTree.variables)
            << sources[0] << "; " << sources[1] << "; " << sources[2];
        EXPECT_EQ(byCode.draws, byTree.draws);

        // The same code on words, a text stored by its tree included.
        Words byWords(variables, visits, seed);
        auto words = byWords.machine();
        program.run(at, words);
        EXPECT_EQ(byWords.values(), byTree.variables)
            << sources[0] << "; " << sources[1] << "; " << sources[2];
        EXPECT_EQ(byWords.draws(), byTree.draws);
    }
}

TEST(StepProgram, ConditionsOnStringsKeepTheirTree)
{
    StepProgram program;
    const auto at = program.addCondition(condition("name == \"Sam\" and trust > 2"));
    EXPECT_EQ(program.treeCount(), 1u);
    Context context({std::int64_t{3}, std::int64_t{0}, false, std::string("Sam"), std::int64_t{0}}, {0, 0, 0},
                    1);
    StepProgram::Machine machine{context.variables, context.visitCounts, context};
    EXPECT_TRUE(program.test(at, machine));
    context.variables[3] = std::string("Alex");
    EXPECT_FALSE(program.test(at, machine));
}

TEST(StepProgram, ShortCircuitSkipsTheDrawsOfTheSideNotTaken)
{
    // `false and random(..)` must not draw; `true or random(..)` neither.
    for (const std::string source : {"escalated and random(1, 6) > 3", "not escalated or random(1, 6) > 3"}) {
        StepProgram program;
        const auto at = program.addCondition(condition(source));
        Context context({std::int64_t{0}, std::int64_t{0}, false, std::string(), std::int64_t{0}}, {0, 0, 0},
                        1);
        StepProgram::Machine machine{context.variables, context.visitCounts, context};
        (void)program.test(at, machine);
        EXPECT_EQ(context.draws, 0) << source;
    }
}

TEST(StepProgram, DeepAndLongExpressionsEvaluateAlike)
{
    std::string deep = "trust";
    for (int i = 0; i < 62; ++i)
        deep = "(" + deep + " + 1)";
    std::string chain = "trust";
    for (int i = 0; i < 500; ++i)
        chain += i % 2 ? " + 3" : " - 2";
    for (const auto& source : {deep + " > 0", chain + " > 100", "trust > 1 and " + chain + " < 1000"})
        expectSameCondition(source, {std::int64_t{4}, std::int64_t{0}, true, std::string(), std::int64_t{1}},
                            {0, 0, 0}, 3);
}

TEST(StepProgram, NoConditionMeansAvailableAndNoEffectsMeansNothing)
{
    StepProgram program;
    Context context({std::int64_t{4}, std::int64_t{0}, true, std::string(), std::int64_t{1}}, {0, 0, 0}, 3);
    StepProgram::Machine machine{context.variables, context.visitCounts, context};
    EXPECT_TRUE(program.test(StepProgram::none, machine));
    EXPECT_EQ(program.addEffects({}, scope().variables), StepProgram::none);
    program.run(StepProgram::none, machine);
    EXPECT_EQ(context.variables[0], Value(std::int64_t{4}));
}

} // namespace
} // namespace sparring::test

namespace sparring::test {
namespace {

TEST(StepProgram, ABranchWithMoreCasesThanSixteenBitsCountIsCompiledWhole)
{
    // 70,000 cases fit in a file under the size limit; the last one is the first true one.
    const core::Scenario scenario = branchWithCases(70'000);
    const auto program = StepProgram::compile(scenario);
    EXPECT_EQ(program.node(0).count, 70'000u);
    EXPECT_EQ(program.option(program.node(0).first + 69'999).target, 2u);
    // A session walking all of them to the last case: tests/runtime/Session.test.cpp.
}

} // namespace
} // namespace sparring::test
