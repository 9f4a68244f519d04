#include "core/Labels.hpp"

#include <algorithm>

namespace sparring::core {

std::string_view toString(Act act)
{
    return kActs[static_cast<std::size_t>(act)];
}

std::optional<Act> parseAct(std::string_view name)
{
    const auto it = std::find(kActs.begin(), kActs.end(), name);
    if (it == kActs.end())
        return std::nullopt;
    return static_cast<Act>(it - kActs.begin());
}

bool isQuestion(Act act)
{
    return act == Act::OpenQuestion || act == Act::ClosedQuestion;
}

bool isReflective(Act act)
{
    return act == Act::Reflection || act == Act::Summary;
}

bool isAct(std::string_view act)
{
    return parseAct(act).has_value();
}

bool isTag(std::string_view tag)
{
    if (std::find(kTags.begin(), kTags.end(), tag) != kTags.end())
        return true;
    if (tag.substr(0, kFrameworkTermPrefix.size()) != kFrameworkTermPrefix)
        return false;
    const auto term = tag.substr(kFrameworkTermPrefix.size());
    return !term.empty() &&
           std::all_of(term.begin(), term.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

std::vector<std::string> scoringLabels(Act act, std::string_view depth, const std::vector<std::string>& tags)
{
    std::vector<std::string> labels{std::string(toString(act))};
    if (!depth.empty())
        labels.push_back("depth:" + std::string(depth));
    for (const auto& tag : tags)
        labels.push_back(tag.rfind(kFrameworkTermPrefix, 0) == 0 ? std::string("framework_term") : tag);
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    return labels;
}

} // namespace sparring::core
