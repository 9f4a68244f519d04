#pragma once
// The labels of the coaching code (../shared/DOMAIN.md, assets/corpus/LABELLING.md): eight
// primary acts, reflection depth, and the tags.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::core {

/// The primary act of an utterance: what it does in the conversation.
enum class Act : std::uint8_t {
    OpenQuestion,
    ClosedQuestion,
    Reflection,
    Summary,
    Affirmation,
    Advice,
    Information,
    Other
};

/// The acts' names as labelled in the corpus and written in scenarios, in Act order.
inline constexpr std::array<std::string_view, 8> kActs{
    "open_question", "closed_question", "reflection",  "summary",
    "affirmation",   "advice",          "information", "other"};

/// "open_question" ...
[[nodiscard]] std::string_view toString(Act act);
/// The act with that name, if it is one.
[[nodiscard]] std::optional<Act> parseAct(std::string_view name);
[[nodiscard]] bool isQuestion(Act act);
/// Reflections and summaries: the trainee gives back what they heard.
[[nodiscard]] bool isReflective(Act act);

/// Tags other than framework_term:<term>.
inline constexpr std::array<std::string_view, 11> kTags{"permission_asked",
                                                        "commitment_request",
                                                        "commitment_specific",
                                                        "specific_feedback",
                                                        "vague_or_trait_feedback",
                                                        "takeover",
                                                        "confront",
                                                        "leading_question",
                                                        "emotion_acknowledged",
                                                        "multiple_questions",
                                                        "filler"};

inline constexpr std::string_view kFrameworkTermPrefix = "framework_term:";

[[nodiscard]] bool isAct(std::string_view act);
/// A known tag, or framework_term:<term> with a non-empty term of [a-z_].
[[nodiscard]] bool isTag(std::string_view tag);

/// The labels a framework's `scoring` section keys on for a detected act, depth and tags: the
/// act, "depth:<depth>", each tag, and "framework_term" for any term; sorted, unique.
[[nodiscard]] std::vector<std::string> scoringLabels(Act act, std::string_view depth,
                                                     const std::vector<std::string>& tags);

} // namespace sparring::core
