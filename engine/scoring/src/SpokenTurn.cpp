#include "SpokenTurn.hpp"
#include "WordLists.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace sparring::scoring {

namespace {

using core::Token;

/// Sounds that are only hesitation in any position.
bool isHesitation(std::string_view w)
{
    static constexpr std::array<std::string_view, 16> kWords{"um",  "umm", "uh",  "uhh", "uhm", "er",
                                                             "erm", "err", "ah",  "ahh", "hmm", "hmmm",
                                                             "mm",  "mmm", "mhm", "huh"};
    return among(kWords, w);
}

/// Words a listener says to show they follow; a sentence made only of these (and hesitations)
/// does nothing else ("Mm-hmm.", "Yeah, yeah. Okay.", "Right, I see.", "Got it.").
bool isBackchannel(std::string_view w)
{
    static constexpr std::array<std::string_view, 26> kWords{
        "yeah",    "yes", "yep", "yup",    "yea",     "right",      "okay",    "ok",    "sure",
        "alright", "oh",  "wow", "gotcha", "exactly", "absolutely", "totally", "true",  "so",
        "well",    "see", "got", "it",     "i",       "fair",       "enough",  "indeed"};
    return isHesitation(w) || among(kWords, w);
}

/// Backchannels that may open a longer sentence ("Okay so what happened", "Yeah, I think ...").
bool isOpeningBackchannel(std::string_view w)
{
    static constexpr std::array<std::string_view, 11> kWords{"yeah",  "yes",     "yep", "yup",  "okay", "ok",
                                                             "right", "alright", "oh",  "well", "sure"};
    return isHesitation(w) || among(kWords, w);
}

/// "right now", "well done", "sure enough": the opening word belongs to what follows.
bool bindsToNext(std::string_view w, std::string_view next)
{
    static constexpr std::array<std::string_view, 7> kAfterRight{"now",   "there",  "here", "away",
                                                                 "after", "before", "back"};
    static constexpr std::array<std::string_view, 4> kAfterWell{"done", "said", "worth", "enough"};
    return (w == "right" && among(kAfterRight, next)) || (w == "well" && among(kAfterWell, next)) ||
           (w == "sure" && next == "enough");
}

/// Words repeated on purpose ("really really hard", "no no no"), not stutters.
bool repeatsOnPurpose(std::string_view w)
{
    static constexpr std::array<std::string_view, 6> kWords{"very", "really", "so", "no", "ha", "bye"};
    return among(kWords, w);
}

bool isDash(const Token& t)
{
    return !t.isWord && (t.folded == "-" || t.folded == "--" || t.folded == "\u2014" || t.folded == "\u2013");
}

bool isClauseBreak(const Token& t)
{
    return !t.isWord && (t.folded == "," || t.folded == ";" || t.folded == ":" || isDash(t));
}

/// Objects that make "you know" a real verb ("you know what she said", "you know the CFO").
bool knowTakesObject(std::string_view w)
{
    static constexpr std::array<std::string_view, 16> kWords{
        "what",    "that",  "how", "why", "when", "where", "who",  "if",
        "whether", "about", "it",  "him", "her",  "them",  "this", "your"};
    return among(kWords, w);
}

class TurnReader {
public:
    explicit TurnReader(const Segmented& text) : m_text(text), m_roles(text.tokens.size(), WordRole::Kept) {}

    SpokenTurn read()
    {
        for (std::uint32_t s = 0; s < m_text.sentences.size(); ++s) {
            markHesitations(s);
            if (!markBackchannelSentence(s))
                markOpeningBackchannels(s);
            markRepeats(s);
            markAbandonedStarts(s);
        }
        markClosingCheck();
        return finish();
    }

private:
    [[nodiscard]] std::uint32_t first(std::uint32_t s) const { return m_text.sentences[s].firstToken; }
    [[nodiscard]] std::uint32_t last(std::uint32_t s) const
    {
        return m_text.sentences[s].firstToken + m_text.sentences[s].tokenCount;
    }
    [[nodiscard]] const Token& token(std::size_t i) const { return m_text.tokens[i]; }

    /// The next token of sentence `s` after `i`, or nullptr at its end.
    [[nodiscard]] const Token* after(std::uint32_t s, std::size_t i) const
    {
        return i + 1 < last(s) ? &token(i + 1) : nullptr;
    }

    /// "you know what I mean", five words in a row from token `i`: one filler.
    [[nodiscard]] bool isYouKnowWhatIMean(std::uint32_t s, std::size_t i) const
    {
        static constexpr std::array<std::string_view, 5> kWords{"you", "know", "what", "i", "mean"};
        if (i + kWords.size() > last(s))
            return false;
        for (std::size_t k = 0; k < kWords.size(); ++k)
            if (token(i + k).folded != kWords[k])
                return false;
        return true;
    }

    void markHesitations(std::uint32_t s)
    {
        for (std::size_t i = first(s); i < last(s); ++i) {
            const Token& t = token(i);
            if (!t.isWord)
                continue;
            if (isHesitation(t.folded)) {
                m_roles[i] = WordRole::Hesitation;
                continue;
            }
            // "you know" and "I mean" as fillers: set off by punctuation, not taking an object.
            const Token* next = after(s, i);
            if (next == nullptr || !next->isWord || (t.folded != "you" && t.folded != "i"))
                continue;
            const Token* following = after(s, i + 1);
            const bool endsClause = following == nullptr || !following->isWord;
            // After a comma inside a sentence; at a sentence's start "you know the CFO" is the verb.
            const bool opensClause = i > first(s) && isClauseBreak(token(i - 1));
            if (isYouKnowWhatIMean(s, i)) {
                for (std::size_t k = i; k < i + 5; ++k)
                    m_roles[k] = WordRole::Hesitation;
                i += 4;
                continue;
            }
            const bool filler = (t.folded == "you" && next->folded == "know" &&
                                 (endsClause || (opensClause && !knowTakesObject(following->folded)))) ||
                                (t.folded == "i" && next->folded == "mean" && endsClause);
            if (filler) {
                m_roles[i] = WordRole::Hesitation;
                m_roles[i + 1] = WordRole::Hesitation;
                ++i;
            }
        }
    }

    bool markBackchannelSentence(std::uint32_t s)
    {
        bool anyWord = false;
        for (std::size_t i = first(s); i < last(s); ++i) {
            if (!token(i).isWord)
                continue;
            anyWord = true;
            if (m_roles[i] == WordRole::Kept && !isBackchannel(token(i).folded))
                return false;
        }
        if (!anyWord)
            return false;
        for (std::size_t i = first(s); i < last(s); ++i)
            if (token(i).isWord && m_roles[i] == WordRole::Kept)
                m_roles[i] = WordRole::Backchannel;
        return true;
    }

    void markOpeningBackchannels(std::uint32_t s)
    {
        for (std::size_t i = first(s); i < last(s); ++i) {
            const Token& t = token(i);
            if (!t.isWord || m_roles[i] != WordRole::Kept)
                continue;
            if (!isOpeningBackchannel(t.folded))
                return;
            const Token* next = after(s, i);
            if (next == nullptr || (next->isWord && bindsToNext(t.folded, next->folded)))
                return;
            m_roles[i] = WordRole::Backchannel;
        }
    }

    /// The word tokens of sentence `s` still kept, in order (in a buffer reused by the next call).
    const std::vector<std::size_t>& keptWords(std::uint32_t s)
    {
        m_words.clear();
        for (std::size_t i = first(s); i < last(s); ++i)
            if (token(i).isWord && m_roles[i] == WordRole::Kept)
                m_words.push_back(i);
        return m_words;
    }

    [[nodiscard]] bool hasKeptWord(std::uint32_t s) const
    {
        for (std::size_t i = first(s); i < last(s); ++i)
            if (token(i).isWord && m_roles[i] == WordRole::Kept)
                return true;
        return false;
    }

    /// Only commas, dashes or nothing between two tokens: a stutter, not a sentence that repeats.
    [[nodiscard]] bool adjacent(std::size_t a, std::size_t b) const
    {
        for (std::size_t i = a + 1; i < b; ++i) {
            const Token& t = token(i);
            if (t.isWord || (t.folded != "," && !isDash(t)))
                return false;
        }
        return true;
    }

    void markRepeats(std::uint32_t s)
    {
        const auto& words = keptWords(s);
        for (std::size_t k = 0; k + 1 < words.size(); ++k) {
            const std::string& w = token(words[k]).folded;
            if (w == token(words[k + 1]).folded && !repeatsOnPurpose(w) && adjacent(words[k], words[k + 1])) {
                m_roles[words[k]] = WordRole::Repeat;
                continue;
            }
            // Two words said twice: "I think, I think", "it was- it was".
            if (k + 3 < words.size() && w == token(words[k + 2]).folded &&
                token(words[k + 1]).folded == token(words[k + 3]).folded &&
                adjacent(words[k + 1], words[k + 2])) {
                m_roles[words[k]] = WordRole::Repeat;
                m_roles[words[k + 1]] = WordRole::Repeat;
                ++k;
            }
        }
    }

    /// A dash run that is not the hyphen of a compound ("follow-up", "mm-hmm").
    [[nodiscard]] bool breaksOff(std::size_t dashStart, std::size_t dashEnd) const
    {
        const bool single = dashEnd == dashStart + 1 && token(dashStart).folded == "-";
        if (!single)
            return true;
        const bool touchesLeft = dashStart > 0 && token(dashStart - 1).end == token(dashStart).begin;
        const bool touchesRight =
            dashEnd < m_text.tokens.size() && token(dashEnd).begin == token(dashStart).end;
        return !(touchesLeft && touchesRight);
    }

    /// "what did-- how did that feel": up to four words before a break-off dash, from the start of
    /// their clause, are a start the speaker abandoned when more follows the dash.
    void markAbandonedStarts(std::uint32_t s)
    {
        constexpr std::size_t kLongestAbandonedStart = 4;
        std::size_t clauseStart = first(s);
        for (std::size_t i = first(s); i < last(s); ++i) {
            if (!isDash(token(i))) {
                if (isClauseBreak(token(i)))
                    clauseStart = i + 1;
                continue;
            }
            std::size_t end = i;
            while (end < last(s) && isDash(token(end)))
                ++end;
            const bool wordsFollow =
                std::any_of(m_text.tokens.begin() + static_cast<std::ptrdiff_t>(end),
                            m_text.tokens.begin() + last(s), [](const Token& t) { return t.isWord; });
            if (breaksOff(i, end) && wordsFollow) {
                std::size_t words = 0;
                for (std::size_t k = clauseStart; k < i; ++k)
                    words += token(k).isWord && m_roles[k] == WordRole::Kept ? 1 : 0;
                if (words <= kLongestAbandonedStart)
                    for (std::size_t k = clauseStart; k < i; ++k)
                        if (token(k).isWord && m_roles[k] == WordRole::Kept)
                            m_roles[k] = WordRole::Abandoned;
            }
            clauseStart = end;
            i = end - 1;
        }
    }

    /// The sentences with at least one kept word.
    [[nodiscard]] std::vector<std::uint32_t> contentSentences() const
    {
        std::vector<std::uint32_t> content;
        for (std::uint32_t s = 0; s < m_text.sentences.size(); ++s)
            if (hasKeptWord(s))
                content.push_back(s);
        return content;
    }

    /// A short last sentence that only asks for a reaction to what came before ("What do you make
    /// of that?", "Does that make sense?", "Did I get that right?") is the close of giving input
    /// or of a restatement, not a new question: the turn is coded by what it closes.
    void markClosingCheck()
    {
        constexpr std::size_t kLongestCheck = 9;
        const auto content = contentSentences();
        if (content.size() < 2)
            return;
        const auto& words = keptWords(content.back());
        if (words.size() > kLongestCheck)
            return;
        std::string joined;
        for (const auto i : words) {
            joined += token(i).folded;
            joined += ' ';
        }
        static constexpr std::array<std::string_view, 24> kChecks{"what do you make of ",
                                                                  "what do you think about that ",
                                                                  "what do you think of that ",
                                                                  "how does that sound ",
                                                                  "does that make sense ",
                                                                  "does that sound ",
                                                                  "how do you feel about that ",
                                                                  "what are your thoughts ",
                                                                  "thoughts ",
                                                                  "make sense ",
                                                                  "how does that land ",
                                                                  "does that fit ",
                                                                  "is that fair ",
                                                                  "is that right ",
                                                                  "did i get that ",
                                                                  "have i got that ",
                                                                  "am i right ",
                                                                  "is that okay ",
                                                                  "does that seem ",
                                                                  "what's your take ",
                                                                  "sound fair ",
                                                                  "sound okay ",
                                                                  "sound right ",
                                                                  "how does that fit "};
        if (std::none_of(kChecks.begin(), kChecks.end(),
                         [&](std::string_view check) { return joined.rfind(check, 0) == 0; }))
            return;
        for (const auto i : words)
            m_roles[i] = WordRole::Check;
        m_closingCheck = true;
    }

    SpokenTurn finish()
    {
        SpokenTurn turn;
        turn.content = contentSentences();
        bool seenWord = false;
        for (std::size_t i = 0; i < m_text.tokens.size(); ++i) {
            if (!token(i).isWord)
                continue;
            if (!seenWord)
                turn.opensWithBackchannel = m_roles[i] != WordRole::Kept;
            seenWord = true;
            turn.setAside += m_roles[i] != WordRole::Kept ? 1 : 0;
        }
        turn.cutOff = !m_text.tokens.empty() && isDash(m_text.tokens.back());
        turn.closingCheck = m_closingCheck;
        turn.roles = std::move(m_roles);
        return turn;
    }

    const Segmented& m_text;
    std::vector<WordRole> m_roles;
    std::vector<std::size_t> m_words;
    bool m_closingCheck = false;
};

} // namespace

SpokenTurn readSpokenTurn(const Segmented& text)
{
    return TurnReader(text).read();
}

} // namespace sparring::scoring
