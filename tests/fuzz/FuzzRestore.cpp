// libFuzzer target: restoring a saved session from arbitrary bytes, against the shipped role-play.
// A damaged save must be refused with a reason, never crash or half-restore.

#include "core/Loader.hpp"
#include "runtime/Snapshot.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace sparring;
    static const std::shared_ptr<const core::Scenario> scenario = [] {
        auto loaded = core::loadScenario(SPARRING_SOURCE_DIR "/scenarios/roleplay/takeover-late-stage.yaml");
        if (!loaded.scenario)
            __builtin_trap();
        return std::make_shared<const core::Scenario>(std::move(*loaded.scenario));
    }();
    auto restored =
        runtime::restoreSession(scenario, std::string_view(reinterpret_cast<const char*>(data), size));
    if (restored.session) {
        if (!restored.problems.empty())
            __builtin_trap();
        // A restored session must be playable and saveable.
        (void)runtime::saveSession(*restored.session);
        for (int step = 0; step < 50 && !restored.session->finished(); ++step)
            if (!restored.session->next() && !restored.session->choose(1).accepted())
                (void)restored.session->respond("what happened?");
        (void)restored.session->undo();
    } else if (restored.problems.empty()) {
        __builtin_trap();
    }
    return 0;
}
