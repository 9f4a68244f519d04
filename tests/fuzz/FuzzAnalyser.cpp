// libFuzzer target: the utterance analyser (ICU segmentation, phrase lists, both models, the
// evidence) on arbitrary bytes. Every input gives an act, and evidence spans inside the text.

#include "console/Classify.hpp"
#include "core/Loader.hpp"
#include "scoring/Analyser.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace sparring;
    static const std::unique_ptr<scoring::Analyser> analyser = [] {
        auto framework = core::loadFramework(SPARRING_SOURCE_DIR "/scenarios/framework/default.yaml");
        if (!framework.framework)
            __builtin_trap();
        return std::make_unique<scoring::Analyser>(SPARRING_MODEL_DIR,
                                                   scoring::phraseListsOf(*framework.framework));
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto analysis = analyser->explain(text);
    if (static_cast<std::size_t>(analysis.act) >= core::kActs.size())
        __builtin_trap();
    for (const auto& e : analysis.evidence)
        if (e.start > e.end || e.end > size)
            __builtin_trap();
    (void)console::analysisJson(text, analysis);
    return 0;
}
