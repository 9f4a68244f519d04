#include "Quoting.hpp"

#include "core/Labels.hpp"
#include "core/Lexicon.hpp"

#include <algorithm>

namespace sparring::runtime {

using namespace core;

namespace {

bool endsSentence(char c)
{
    return c == '.' || c == '!' || c == '?' || c == '\n';
}
bool endsClause(char c)
{
    return endsSentence(c) || c == ';' || c == ':' || c == ',';
}

/// Whether a clause ends at byte `i`: clause punctuation, an em or en dash (UTF-8), or "--".
std::size_t clauseMarkAt(std::string_view text, std::size_t i, bool sentenceOnly)
{
    const char c = text[i];
    if (sentenceOnly ? endsSentence(c) : endsClause(c))
        return 1;
    if (sentenceOnly)
        return 0;
    if (text.substr(i, 2) == "--")
        return 2;
    if (text.substr(i, 3) == "\xE2\x80\x94" || text.substr(i, 3) == "\xE2\x80\x93")
        return 3;
    return 0;
}

std::pair<std::size_t, std::size_t> boundsAround(std::string_view text, std::size_t begin, std::size_t end,
                                                 bool sentenceOnly)
{
    std::size_t left = 0;
    for (std::size_t i = 0; i < begin; ++i)
        if (const auto n = clauseMarkAt(text, i, sentenceOnly))
            left = i + n;
    std::size_t right = text.size();
    for (std::size_t i = std::max(end, left); i < text.size(); ++i)
        if (clauseMarkAt(text, i, sentenceOnly)) {
            right = i;
            break;
        }
    return {left, right};
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// The words of text[from, to) as byte spans.
std::vector<std::pair<std::size_t, std::size_t>> wordsIn(std::string_view text, std::size_t from,
                                                         std::size_t to)
{
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = from;
    while (i < to) {
        while (i < to && isSpace(text[i]))
            ++i;
        const std::size_t start = i;
        while (i < to && !isSpace(text[i]))
            ++i;
        if (i > start)
            out.emplace_back(start, i);
    }
    return out;
}

} // namespace

std::string clauseAround(std::string_view text, std::size_t begin, std::size_t end)
{
    begin = std::min(begin, text.size());
    end = std::clamp(end, begin, text.size());
    auto [left, right] = boundsAround(text, begin, end, false);
    if (wordsIn(text, left, right).size() < 3)
        std::tie(left, right) = boundsAround(text, begin, end, true);
    const auto words = wordsIn(text, left, right);
    if (words.empty())
        return {};
    std::size_t first = 0;
    std::size_t last = words.size();
    if (words.size() > kQuotedWords) {
        // Keep the span in view: start a few words before it.
        std::size_t spanWord = 0;
        while (spanWord + 1 < words.size() && words[spanWord].second <= begin)
            ++spanWord;
        first = spanWord > 3 ? spanWord - 3 : 0;
        first = std::min(first, words.size() - kQuotedWords);
        last = first + kQuotedWords;
    }
    std::string out = first > 0 ? "…" : "";
    out += text.substr(words[first].first, words[last - 1].second - words[first].first);
    while (!out.empty() && (endsClause(out.back()) || out.back() == '-'))
        out.pop_back();
    if (last < words.size())
        out += "…";
    return out;
}

std::string decidingWords(std::string_view text, const Segmented& words, const Route* route,
                          const UtteranceAnalysis* analysis, TextSegmenter& segmenter)
{
    if (!route)
        return clauseAround(text, 0, 0);
    const auto spanOf = [&](std::string_view label) -> const LabelEvidence* {
        if (analysis)
            for (const auto& e : analysis->evidence)
                if (e.label == label)
                    return &e;
        return nullptr;
    };
    for (const auto& tag : route->match.tags)
        if (const auto* e = spanOf(tag))
            return clauseAround(text, e->start, e->end);
    // A route's phrases say what it is about more precisely than the act it also asks for.
    for (const auto& phrase : route->match.any) {
        const auto stems = phraseStems(segmenter, phrase);
        for (std::size_t at = 0; !stems.empty() && at < words.tokens.size(); ++at)
            if (const auto n = phraseAt(words.tokens, at, stems); n > 0 && !negatedAt(words.tokens, at))
                return clauseAround(text, words.tokens[at].begin, words.tokens[at + n - 1].end);
    }
    if (!route->match.acts.empty() && analysis)
        if (const auto* e = spanOf(toString(analysis->act)))
            return clauseAround(text, e->start, e->end);
    return clauseAround(text, 0, 0);
}

std::string recapOf(const Scenario& scenario, const std::vector<TranscriptEntry>& transcript)
{
    std::vector<std::string> said;
    for (const auto& entry : transcript)
        if (const auto* decision = decisionOf(entry); decision && !decision->commits.empty())
            // An answer's first commitment is its headline; the rest are for the experts.
            if (const auto c = scenario.findCommitment(decision->commits.front());
                c && std::find(said.begin(), said.end(), scenario.commitments[*c].says) == said.end())
                said.push_back(scenario.commitments[*c].says);
    if (said.empty())
        return "nothing specific yet";
    std::string out = said.front();
    for (std::size_t i = 1; i < said.size(); ++i)
        out += (i + 1 == said.size() ? " and " : ", ") + said[i];
    return out;
}

} // namespace sparring::runtime
