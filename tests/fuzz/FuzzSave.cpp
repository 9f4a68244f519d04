// libFuzzer target: a session played with arbitrary bytes as typed answers and picked numbers
// (tests/fuzz/PlayBytes.hpp), then its save written with runtime::saveSession. The save must be valid
// UTF-8 JSON without a control character a terminal acts on, restore without problems to the same
// state, and save again to the same text; nothing may crash.
// Findings are kept in tests/fuzz/regressions/save-*, replayed by the runtime tests too.

#include "PlayBytes.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto problem = sparring::fuzz::saveProblem(bytes, SPARRING_SOURCE_DIR)) {
        std::fprintf(stderr, "FuzzSave: %s\n", problem->c_str());
        __builtin_trap();
    }
    return 0;
}
