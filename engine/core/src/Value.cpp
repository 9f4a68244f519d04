#include "core/Value.hpp"

namespace sparring::core {

ValueType typeOf(const Value& value)
{
    switch (value.index()) {
    case 0:
        return ValueType::Int;
    case 1:
        return ValueType::Bool;
    default:
        return ValueType::String;
    }
}

std::string_view typeName(ValueType type)
{
    switch (type) {
    case ValueType::Int:
        return "int";
    case ValueType::Bool:
        return "bool";
    case ValueType::String:
        return "string";
    }
    return "?";
}

std::string toDisplayString(const Value& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&value))
        return *b ? "true" : "false";
    return std::get<std::string>(value);
}

} // namespace sparring::core
