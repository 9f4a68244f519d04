#include "Features.hpp"

namespace sparring::scoring {

namespace {

const char* lengthBucket(std::size_t words)
{
    if (words <= 2)
        return "__len_tiny";
    if (words <= 6)
        return "__len_short";
    if (words <= 20)
        return "__len_mid";
    return "__len_long";
}

} // namespace

std::string featureLine(const Segmented& text)
{
    std::string out;
    out.reserve(text.tokens.size() * 8 + 64);
    std::size_t questions = 0;
    for (const auto& s : text.sentences)
        questions += s.question ? 1 : 0;
    out += lengthBucket(text.wordCount());
    out += questions == 0 ? " __q0" : questions == 1 ? " __q1" : " __q2";
    if (!text.sentences.empty() && text.sentences.back().question)
        out += " __qend";
    out += text.sentences.size() <= 1 ? " __s1" : text.sentences.size() == 2 ? " __s2" : " __s3";
    // How the first and the last sentence open carries most of the act ("what", "so you", "can i").
    for (const std::size_t which : {std::size_t{0}, text.sentences.size() - 1}) {
        if (text.sentences.empty())
            break;
        const auto& s = text.sentences[which];
        std::size_t taken = 0;
        for (std::size_t k = s.firstToken; k < s.firstToken + s.tokenCount && taken < 2; ++k) {
            if (!text.tokens[k].isWord)
                continue;
            out += which == 0 ? " __f_" : " __l_";
            out += text.tokens[k].folded;
            ++taken;
        }
        if (text.sentences.size() == 1)
            break;
    }
    for (const auto& token : text.tokens) {
        if (!token.isWord && token.folded != "?" && token.folded != "!")
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
