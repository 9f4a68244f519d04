#include "core/Labels.hpp"

#include <algorithm>

namespace sparring::core {

bool isAct(std::string_view act)
{
    return std::find(kActs.begin(), kActs.end(), act) != kActs.end();
}

bool isTag(std::string_view tag)
{
    if (std::find(kTags.begin(), kTags.end(), tag) != kTags.end())
        return true;
    if (tag.substr(0, kFrameworkTermPrefix.size()) != kFrameworkTermPrefix)
        return false;
    const auto term = tag.substr(kFrameworkTermPrefix.size());
    return !term.empty() && std::all_of(term.begin(), term.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

} // namespace sparring::core
