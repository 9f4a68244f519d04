// libFuzzer target: `sparring import twee` on arbitrary bytes. Any input must either be refused
// with a problem or give a draft, never crash or hang; a draft must load, with no error but those
// of a story whose passages never end (no `end` node, or a loop without a way out).

#include "console/ImportTwee.hpp"
#include "core/Loader.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace sparring;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = console::parseTwee(text);
    if (!parsed.story) {
        if (!parsed.error)
            __builtin_trap(); // refused without a reason
        return 0;
    }
    const auto draft = console::importTwee(*parsed.story, {"", "fuzz.twee", "../"});
    if (draft.error)
        return 0;
    // The draft's include of ../framework/default.yaml resolves in the source tree's library.
    static const auto roleplay = std::filesystem::path(SPARRING_SOURCE_DIR) / "scenarios" / "roleplay";
    const auto loaded = core::loadScenarioText(draft.yaml, "draft.yaml", roleplay);
    for (const auto& d : loaded.diagnostics.items())
        if (d.severity == core::Severity::Error && d.code != core::DiagnosticCode::NoEndNode &&
            d.code != core::DiagnosticCode::NoEndingReachable)
            __builtin_trap();
    return 0;
}
