// libFuzzer target: the scenario loader and validator on arbitrary bytes. Any input must give
// either a scenario or diagnostics, never a crash, hang or sanitizer report; a scenario that
// loads must survive a short automatic playthrough.

#include "core/Loader.hpp"
#include "runtime/Session.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace sparring;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Includes resolve inside an empty scratch folder: the fuzzer exercises the include errors.
    static const auto base = std::filesystem::temp_directory_path() / "sparring-fuzz-empty";
    static const bool made = std::filesystem::create_directories(base) || true;
    (void)made;
    auto loaded = core::loadScenarioText(text, "fuzz.yaml", base);
    if (loaded.scenario) {
        if (loaded.diagnostics.hasErrors())
            __builtin_trap(); // a scenario must never come with errors
        auto scenario = std::make_shared<const core::Scenario>(std::move(*loaded.scenario));
        runtime::Session session(scenario);
        for (int step = 0; step < 200 && !session.finished(); ++step) {
            if (session.next())
                continue;
            if (!session.choose(1).accepted())
                (void)session.respond("what happened? let me call them");
        }
    }
    return 0;
}
