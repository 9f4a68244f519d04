// libFuzzer target: a session played with arbitrary bytes as typed answers and picked numbers
// (tests/fuzz/PlayBytes.hpp), then its transcript written with runtime::transcriptJson. The transcript must
// be valid UTF-8 JSON without a control character a terminal acts on, one entry per recorded one; nothing may
// crash. Findings are kept in tests/fuzz/regressions/transcript-*, replayed by the runtime tests too.

#include "PlayBytes.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto problem = sparring::fuzz::transcriptProblem(bytes, SPARRING_SOURCE_DIR)) {
        std::fprintf(stderr, "FuzzTranscript: %s\n", problem->c_str());
        __builtin_trap();
    }
    return 0;
}
