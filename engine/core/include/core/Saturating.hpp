#pragma once
// Integer arithmetic of the expression language. It saturates at the int64 bounds instead of
// wrapping: a counter pushed past the limit stays at the limit rather than turning negative, and
// saturation is monotone, which keeps the interval analysis sound. The tree evaluator and the
// step program's interpreter both use these, so the two can never disagree. Sums of evidence
// (a session's scores and totals, a debrief's, the path analysis's) saturate by the same rule.

#include <cstdint>
#include <limits>

namespace sparring::core::saturating {

inline constexpr std::int64_t minInt = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t maxInt = std::numeric_limits<std::int64_t>::max();

inline std::int64_t saturatingAdd(std::int64_t a, std::int64_t b)
{
    std::int64_t result = 0;
    if (__builtin_add_overflow(a, b, &result))
        return b > 0 ? maxInt : minInt;
    return result;
}

inline std::int64_t saturatingSubtract(std::int64_t a, std::int64_t b)
{
    std::int64_t result = 0;
    if (__builtin_sub_overflow(a, b, &result))
        return b < 0 ? maxInt : minInt;
    return result;
}

inline std::int64_t saturatingMultiply(std::int64_t a, std::int64_t b)
{
    std::int64_t result = 0;
    if (__builtin_mul_overflow(a, b, &result))
        return (a < 0) == (b < 0) ? maxInt : minInt;
    return result;
}

inline std::int64_t saturatingNegate(std::int64_t a)
{
    return a == minInt ? maxInt : -a;
}

/// Truncates toward zero like C++; by zero gives 0 (the language's rule), minInt / -1 saturates.
inline std::int64_t saturatingDivide(std::int64_t a, std::int64_t b)
{
    if (b == 0)
        return 0;
    if (b == -1)
        return saturatingNegate(a);
    return a / b;
}

/// The remainder has the sign of `a` like C++; modulo zero gives 0. x % -1 is always 0, and
/// computing minInt % -1 directly would trap.
inline std::int64_t saturatingModulo(std::int64_t a, std::int64_t b)
{
    if (b == 0 || b == -1)
        return 0;
    return a % b;
}

/// `a` narrowed to int, at its bounds when it does not fit (evidence totals shown as int).
inline int saturatingToInt(std::int64_t a)
{
    if (a > std::numeric_limits<int>::max())
        return std::numeric_limits<int>::max();
    if (a < std::numeric_limits<int>::min())
        return std::numeric_limits<int>::min();
    return static_cast<int>(a);
}

} // namespace sparring::core::saturating
