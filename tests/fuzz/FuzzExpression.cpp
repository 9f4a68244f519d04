// libFuzzer target: the expression parser and checker, and evaluation of whatever parses, by the
// tree and by the compiled step code (core/StepProgram.hpp), which must agree.

#include "core/Expression.hpp"
#include "core/StepProgram.hpp"

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

using namespace sparring::core;

class Context : public EvaluationContext {
public:
    [[nodiscard]] const Value& variable(std::size_t slot) const override { return values[slot]; }
    [[nodiscard]] std::int64_t visits(std::size_t node) const override { return visitCounts[node]; }
    [[nodiscard]] std::int64_t score(std::size_t principle) const override
    {
        return static_cast<std::int64_t>(principle) * 3 - 4;
    }
    std::int64_t random(std::int64_t lo, std::int64_t hi) override
    {
        ++draws;
        return draws % 2 ? lo : hi; // alternating, so the order of draws shows
    }

    std::vector<Value> values{std::int64_t{4}, false, std::string("Sam"), std::int64_t{-9}};
    std::vector<std::uint32_t> visitCounts{0, 1, 2};
    int draws = 0;
};

const ExpressionScope& scope()
{
    static const ExpressionScope s = [] {
        ExpressionScope scope;
        scope.variables = {{"trust", ValueType::Int, 0, 10},
                           {"escalated", ValueType::Bool, 0, 0},
                           {"name", ValueType::String, 0, 0},
                           {"big", ValueType::Int, INT64_MIN, INT64_MAX}};
        scope.nodeIds = {"opening", "closing", "middle"};
        scope.principleIds = {"ask", "own"};
        scope.index();
        return scope;
    }();
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Context context;
    const auto condition = parseCondition(text, scope());
    if (condition.value) {
        const bool byTree = condition.value->test(context);
        (void)condition.value->possibility(scope());
        StepProgram program;
        const auto at = program.addCondition(*condition.value);
        Context fresh;
        StepProgram::Machine machine{fresh.values, fresh.visitCounts, fresh};
        if (program.test(at, machine) != byTree || fresh.draws != context.draws)
            __builtin_trap(); // the compiled code means something else
    } else if (condition.issues.empty()) {
        __builtin_trap(); // failure must say why
    }
    const auto effect = parseEffect(text, scope());
    if (effect.value) {
        Context byTree;
        byTree.values[effect.value->variable()] =
            storedValue(effect.value->apply(byTree), scope().variables[effect.value->variable()]);
        StepProgram program;
        const auto at = program.addEffects({*effect.value}, scope().variables);
        Context byCode;
        StepProgram::Machine machine{byCode.values, byCode.visitCounts, byCode};
        program.run(at, machine);
        if (byCode.values != byTree.values || byCode.draws != byTree.draws)
            __builtin_trap();
    } else if (effect.issues.empty()) {
        __builtin_trap();
    }
    return 0;
}
