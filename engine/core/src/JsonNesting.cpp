#include "core/JsonNesting.hpp"

#include "core/Limits.hpp"

namespace sparring::core {

std::optional<std::string> jsonShapeProblem(std::string_view text)
{
    const std::size_t allowed = limits::itemsAllowed(text.size());
    std::size_t items = 0;
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
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limits::maxJsonNesting)
                return "nested deeper than " + std::to_string(limits::maxJsonNesting) +
                       " levels of [ ] and { } (at byte " + std::to_string(i) +
                       "); no Sparring file is, so it is damaged or not one";
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        // An item: a collection, or a comma between entries.
        if ((c == '[' || c == '{' || c == ',') && ++items > allowed)
            return "holding more items than a file of " + std::to_string(text.size()) + " bytes may (" +
                   std::to_string(allowed) + ", at byte " + std::to_string(i) +
                   "); no Sparring file is so dense, so it is damaged or not one";
    }
    return std::nullopt;
}

} // namespace sparring::core
