#pragma once
// The seam through which the runtime asks what a free-text answer does (its act and tags),
// to route respond nodes by `acts` and `tags`. The scorer implements it; the runtime only
// depends on this interface.

#include <string>
#include <string_view>
#include <vector>

namespace sparring::core {

struct UtteranceAnalysis {
    std::string act;               ///< open_question, closed_question, reflection, ...
    std::string depth;             ///< reflections: simple or complex
    std::vector<std::string> tags; ///< permission_asked, takeover, ...
};

class UtteranceAnalyser {
public:
    virtual ~UtteranceAnalyser() = default;
    [[nodiscard]] virtual UtteranceAnalysis analyse(std::string_view utterance) const = 0;
};

} // namespace sparring::core
