#include "core/JsonNesting.hpp"

#include "core/Limits.hpp"

namespace sparring::core {

std::optional<std::size_t> firstExcessiveJsonNesting(std::string_view text)
{
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i; // the escaped character cannot end the string
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '[' || c == '{') {
            if (++depth > limits::maxJsonNesting)
                return i;
        } else if ((c == ']' || c == '}') && depth > 0)
            --depth;
    }
    return std::nullopt;
}

std::string jsonNestingMessage(std::size_t offset)
{
    return "nested deeper than " + std::to_string(limits::maxJsonNesting) +
           " levels of [ ] and { } (at byte " + std::to_string(offset) +
           "); no Sparring file is, so it is damaged or not one";
}

} // namespace sparring::core
