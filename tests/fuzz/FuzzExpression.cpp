// libFuzzer target: the expression parser and checker, and evaluation of whatever parses.

#include "core/Expression.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

using namespace sparring::core;

class Context : public EvaluationContext {
public:
    [[nodiscard]] const Value& variable(std::size_t slot) const override { return m_values[slot]; }
    [[nodiscard]] std::int64_t visits(std::size_t node) const override { return static_cast<std::int64_t>(node); }
    std::int64_t random(std::int64_t lo, std::int64_t) override { return lo; }

private:
    std::vector<Value> m_values{std::int64_t{4}, false, std::string("Sam"), std::int64_t{-9}};
};

const ExpressionScope& scope()
{
    static const ExpressionScope s{{{"trust", ValueType::Int, 0, 10},
                                    {"escalated", ValueType::Bool, 0, 0},
                                    {"name", ValueType::String, 0, 0},
                                    {"big", ValueType::Int, INT64_MIN, INT64_MAX}},
                                   {"opening", "closing", "middle"}};
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Context context;
    const auto condition = parseCondition(text, scope());
    if (condition.value) {
        (void)condition.value->test(context);
        (void)condition.value->possibility(scope());
    } else if (condition.issues.empty()) {
        __builtin_trap(); // failure must say why
    }
    const auto effect = parseEffect(text, scope());
    if (effect.value)
        (void)effect.value->apply(context);
    else if (effect.issues.empty())
        __builtin_trap();
    return 0;
}
