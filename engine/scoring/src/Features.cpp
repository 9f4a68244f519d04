#include "Features.hpp"

#include "SpokenTurn.hpp"
#include "WordLists.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>

namespace sparring::scoring {

namespace {

using core::Token;

const char* lengthBucket(std::size_t words)
{
    if (words <= 2)
        return "__len_tiny";
    if (words <= 6)
        return "__len_short";
    if (words <= 20)
        return "__len_mid";
    if (words <= 40)
        return "__len_long";
    return "__len_vlong";
}

/// A run of kept words (a sentence's, or the turn's).
using Words = std::span<const Token* const>;

/// The turn's kept words in order, and where its first content sentence ends and its last begins.
struct KeptWords {
    std::vector<const Token*> all;
    std::size_t firstEnd = 0;
    std::size_t lastBegin = 0;
    [[nodiscard]] Words first() const { return Words(all).first(firstEnd); }
    [[nodiscard]] Words last() const { return Words(all).subspan(lastBegin); }
};

KeptWords keptWordsOf(const Segmented& text, const SpokenTurn& turn)
{
    KeptWords out;
    out.all.reserve(text.tokens.size());
    for (std::size_t c = 0; c < turn.content.size(); ++c) {
        if (c + 1 == turn.content.size())
            out.lastBegin = out.all.size();
        const auto& s = text.sentences[turn.content[c]];
        for (std::size_t k = s.firstToken; k < s.firstToken + s.tokenCount; ++k)
            if (text.tokens[k].isWord && turn.kept(k))
                out.all.push_back(&text.tokens[k]);
        if (c == 0)
            out.firstEnd = out.all.size();
    }
    return out;
}

bool isQuestionWord(std::string_view w)
{
    // With and without the apostrophe: typed chat drops it ("whats your read").
    static constexpr std::array<std::string_view, 15> kWords{"what",  "what's",  "whats", "how",   "how's",
                                                             "hows",  "why",     "whys",  "when",  "when's",
                                                             "where", "where's", "who",   "who's", "which"};
    return among(kWords, w);
}

bool isAuxiliary(std::string_view w)
{
    static constexpr std::array<std::string_view, 22> kWords{
        "do",   "does", "did", "is",     "are",   "was", "were",  "can", "could", "would",  "will",
        "have", "has",  "had", "should", "shall", "may", "might", "am",  "don't", "didn't", "isn't"};
    return among(kWords, w);
}

/// The word that shows a sentence's form, past the joining words speech opens with ("so what
/// brings you in" is asked with "what"; "and you felt" states with "you").
std::string_view formOpener(Words words)
{
    static constexpr std::array<std::string_view, 6> kJoining{"so", "and", "but", "then", "now", "okay"};
    for (const auto* w : words)
        if (!among(kJoining, w->folded))
            return w->folded;
    return words.front()->folded;
}

/// Who a sentence is about, by its first kept word: the listener ("you're worried") or the
/// speaker ("I'd start with"). Restatements are about the listener; input is often the speaker's.
const char* personOf(std::string_view w)
{
    static constexpr std::array<std::string_view, 7> kSecond{"you",    "you're", "you've", "you'd",
                                                             "you'll", "your",   "yours"};
    static constexpr std::array<std::string_view, 10> kFirst{"i",  "i'm", "i'd", "i've",  "i'll",
                                                             "my", "me",  "we",  "we're", "we'll"};
    if (among(kSecond, w))
        return "2";
    if (among(kFirst, w))
        return "1";
    return nullptr;
}

/// "you", "you're", "your" ...: the sentence is about the listener.
bool isListener(std::string_view w)
{
    const char* person = personOf(w);
    return person != nullptr && person[0] == '2';
}

/// "..., isn't it?", "..., right?", "... didn't you?": a question tag after a statement.
bool endsWithTag(Words words)
{
    if (words.size() < 3)
        return false;
    const std::string_view lastWord = words.back()->folded;
    static constexpr std::array<std::string_view, 6> kSingle{"right", "yeah", "no", "eh", "okay", "yes"};
    if (among(kSingle, lastWord))
        return true;
    const std::string_view auxiliary = words[words.size() - 2]->folded;
    static constexpr std::array<std::string_view, 9> kPronoun{"it", "you", "they", "he",   "she",
                                                              "we", "i",   "that", "there"};
    return auxiliary.size() > 3 && auxiliary.substr(auxiliary.size() - 3) == "n't" &&
           among(kPronoun, lastWord);
}

/// Word-level markers of input and of restatement, anywhere in the kept words.
void addContentMarks(std::string& out, Words words)
{
    static constexpr std::array<std::string_view, 10> kNumberWords{
        "percent", "half", "twice", "thousand", "hundred", "million", "dozen", "quarter", "per", "average"};
    static constexpr std::array<std::string_view, 8> kFactStems{"research", "studi",   "evid",  "guidelin",
                                                                "data",     "statist", "typic", "usual"};
    static constexpr std::array<std::string_view, 9> kGuideStems{
        "should", "recommend", "suggest", "tri", "worth", "need", "must", "advis", "option"};
    bool number = false;
    bool fact = false;
    bool guide = false;
    bool restate = false;
    for (std::size_t k = 0; k < words.size(); ++k) {
        const Token& t = *words[k];
        number = number ||
                 std::any_of(t.folded.begin(), t.folded.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                 among(kNumberWords, t.folded);
        fact = fact || among(kFactStems, t.stem);
        guide = guide || among(kGuideStems, t.stem);
        if (k + 1 < words.size()) {
            const std::string_view next = words[k + 1]->folded;
            restate = restate || ((t.stem == "sound" || t.stem == "seem") && next == "like") ||
                      (t.folded == "so" && isListener(next)) || (t.folded == "you're" && next == "saying");
        }
    }
    if (number)
        out += " __num";
    if (fact)
        out += " __fact";
    if (guide)
        out += " __guide";
    if (restate)
        out += " __restate";
}

void addOpening(std::string& out, Words words, const char* prefix)
{
    for (std::size_t k = 0; k < words.size() && k < 2; ++k) {
        out += prefix;
        out += words[k]->folded;
    }
}

} // namespace

std::string featureLine(const Segmented& text)
{
    const SpokenTurn turn = readSpokenTurn(text);
    std::string out;
    out.reserve(text.tokens.size() * 8 + 96);

    const KeptWords kept = keptWordsOf(text, turn);
    std::size_t questions = 0;
    for (const auto sentence : turn.content)
        questions += text.sentences[sentence].question ? 1 : 0;
    out += lengthBucket(kept.all.size());
    out += questions == 0 ? " __q0" : questions == 1 ? " __q1" : " __q2";
    const std::size_t sentences = turn.content.size();
    out += sentences <= 1 ? " __s1" : sentences == 2 ? " __s2" : " __s3";
    if (sentences == 0)
        out += " __bc_only";
    if (turn.opensWithBackchannel)
        out += " __bc_open";
    if (turn.setAside > 0)
        out += " __spoken";
    if (turn.cutOff)
        out += " __cut";
    if (turn.closingCheck)
        out += " __check";

    if (sentences > 0) {
        // How the first and the last sentence open carries most of the act ("what", "so you", "can i").
        const Words firstWords = kept.first();
        addOpening(out, firstWords, " __f_");
        const Words lastWords = kept.last();
        if (sentences > 1)
            addOpening(out, lastWords, " __l_");
        if (!firstWords.empty())
            if (const char* person = personOf(firstWords.front()->folded)) {
                out += " __pf";
                out += person;
            }
        if (!lastWords.empty()) {
            if (const char* person = personOf(lastWords.front()->folded)) {
                out += " __pl";
                out += person;
            }
            // The form of the closing sentence, whatever its punctuation: speech is transcribed with
            // questions that lack a "?" and restatements that carry one.
            const bool asked = text.sentences[turn.content.back()].question;
            const std::string_view opener = formOpener(lastWords);
            if (isQuestionWord(opener))
                out += " __lform_wh";
            else if (isAuxiliary(opener))
                out += " __lform_aux";
            else if (asked)
                out += " __lform_stated_q";
            if (asked)
                out += " __qend";
            if (endsWithTag(lastWords))
                out += " __tagq";
        }
    }
    addContentMarks(out, kept.all);

    for (std::size_t k = 0; k < text.tokens.size(); ++k) {
        const Token& token = text.tokens[k];
        const bool mark = !token.isWord && (token.folded == "?" || token.folded == "!");
        if (!mark && !(token.isWord && turn.kept(k)))
            continue;
        out += ' ';
        out += token.folded;
        if (token.isWord && token.stem != token.folded) {
            out += " __s_";
            out += token.stem;
        }
    }
    return out;
}

} // namespace sparring::scoring
