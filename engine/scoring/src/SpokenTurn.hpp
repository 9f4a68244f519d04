#pragma once
// How a transcribed turn is spoken: which of its words carry no act (hesitations, backchannels,
// the repeated word of a stutter, the abandoned start of a repair) and which sentences are left
// once they are set aside. Nothing is deleted: the words stay in the segmented text with their
// byte spans, so evidence still points into what the trainee typed; the classifier's features
// read only the kept words (assets/corpus/LABELLING.md, "Transcribed speech", rules 1 and 3).

#include "core/TextSegmenter.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sparring::scoring {

using core::Segmented;

/// Why a word is set aside (or not).
enum class WordRole : std::uint8_t {
    Kept,        ///< carries the turn's meaning
    Hesitation,  ///< "um", "uh", "mm", "hmm", and "you know" / "I mean" used as fillers
    Backchannel, ///< "yeah", "okay", "right" ... opening a sentence or making all of it
    Repeat,      ///< the first copy of a stutter or repetition ("I, I think", "we-we")
    Abandoned,   ///< the start of a sentence the speaker broke off and restarted ("what did-- how")
    Check,       ///< a closing check on what the turn just said ("What do you make of that?",
                 ///< "Is that right?"): the turn is coded by what it checks (LABELLING rule 3)
};

struct SpokenTurn {
    std::vector<WordRole> roles;        ///< one per token of the segmented text
    std::vector<std::uint32_t> content; ///< indices of sentences with at least one kept word
    std::size_t setAside = 0;           ///< words not kept
    bool opensWithBackchannel = false;  ///< the turn starts with a backchannel or hesitation
    bool cutOff = false;                ///< the turn ends in a dash: the other person cut in
    bool closingCheck = false;          ///< its last sentence is a check, set aside
    [[nodiscard]] bool kept(std::size_t token) const { return roles[token] == WordRole::Kept; }
};

/// Reads `text` as speech. Cheap: one pass over the tokens with small fixed word sets.
[[nodiscard]] SpokenTurn readSpokenTurn(const Segmented& text);

} // namespace sparring::scoring
