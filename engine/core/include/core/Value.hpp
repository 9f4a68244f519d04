#pragma once
// Typed values of scenario variables and expressions: int, bool, string.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace sparring::core {

enum class ValueType { Int, Bool, String };

/// A variable's or an expression's value. Ints are 64-bit; strings are UTF-8.
using Value = std::variant<std::int64_t, bool, std::string>;

[[nodiscard]] ValueType typeOf(const Value& value);
/// "int", "bool" or "string": the names authors write in scenario files.
[[nodiscard]] std::string_view typeName(ValueType type);
/// How the value reads in text interpolation: 7, true, Sam.
[[nodiscard]] std::string toDisplayString(const Value& value);

} // namespace sparring::core
