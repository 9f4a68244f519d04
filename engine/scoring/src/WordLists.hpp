#pragma once
// Membership in the small fixed word lists the speech reading and the features use. Each turn
// asks it for every word, so it compares the length and the first letter before any bytes.

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace sparring::scoring {

template <std::size_t N> bool among(const std::array<std::string_view, N>& words, std::string_view word)
{
    if (word.empty())
        return std::find(words.begin(), words.end(), word) != words.end();
    return std::any_of(words.begin(), words.end(), [word](std::string_view listed) {
        return listed.size() == word.size() && listed.front() == word.front() && listed == word;
    });
}

} // namespace sparring::scoring
