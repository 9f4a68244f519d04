#include "Suggest.hpp"

#include "core/Limits.hpp"

#include <algorithm>
#include <vector>

namespace sparring::core {

namespace {

/// editDistance(a, b) when it is at most `bound`, otherwise bound + 1. Only the diagonal band
/// |i - j| <= bound can stay within the bound, so this is O(length * bound) instead of
/// O(length^2), and it stops as soon as a whole row exceeds the bound (a transposition skips a
/// row, but the substitution path through that row is never more than one step dearer).
std::size_t editDistanceAtMost(std::string_view a, std::string_view b, std::size_t bound,
                               std::vector<std::size_t> (&rows)[3])
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    const std::size_t over = bound + 1;
    if ((n > m ? n - m : m - n) > bound)
        return over;
    for (auto& r : rows)
        r.assign(m + 2, over);
    std::vector<std::size_t>* prev2 = &rows[0];
    std::vector<std::size_t>* prev = &rows[1];
    std::vector<std::size_t>* row = &rows[2];
    for (std::size_t j = 0; j <= m; ++j)
        (*prev)[j] = std::min(j, over);
    for (std::size_t i = 1; i <= n; ++i) {
        const std::size_t lo = i > bound ? i - bound : 1;
        const std::size_t hi = std::min(m, i + bound);
        (*row)[lo - 1] = lo == 1 ? std::min(i, over) : over; // left of the band
        (*row)[hi + 1] = over;                               // right of it, read by the next row
        std::size_t rowMin = (*row)[lo - 1];
        for (std::size_t j = lo; j <= hi; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t d = std::min({(*prev)[j] + 1, (*row)[j - 1] + 1, (*prev)[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d = std::min(d, (*prev2)[j - 2] + 1);
            (*row)[j] = std::min(d, over);
            rowMin = std::min(rowMin, (*row)[j]);
        }
        if (rowMin > bound)
            return over;
        std::swap(prev2, prev);
        std::swap(prev, row);
    }
    return std::min((*prev)[m], over);
}

} // namespace

std::size_t editDistance(std::string_view a, std::string_view b)
{
    // Optimal string alignment distance: three rolling rows are enough.
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), row(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], prev2[j - 2] + 1);
        }
        prev2.swap(prev);
        prev.swap(row);
    }
    return prev[m];
}

std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string>& candidates)
{
    // One search per unknown name: among very many names (generated scenarios, not typed ones)
    // that would make a file full of unknown names quadratic to load.
    if (candidates.size() > limits::maxSuggestionCandidates)
        return std::nullopt;
    const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    std::optional<std::string> best;
    std::size_t bestDistance = allowed + 1;
    std::vector<std::size_t> rows[3];
    for (const auto& candidate : candidates) {
        const std::size_t d = editDistanceAtMost(word, candidate, bestDistance - 1, rows);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
            if (d == 0)
                break;
        }
    }
    return best;
}

} // namespace sparring::core
