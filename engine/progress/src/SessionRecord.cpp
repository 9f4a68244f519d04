#include "progress/SessionRecord.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

namespace sparring::progress {

std::string newSessionId()
{
    // std::random_device reads the system's random source (getrandom on Linux): two machines
    // writing one team store never pick the same id.
    std::random_device source;
    std::array<char, 33> hex{};
    for (std::size_t i = 0; i < 32; i += 8)
        std::snprintf(hex.data() + i, 9, "%08x", static_cast<unsigned>(source()));
    return std::string(hex.data(), 32);
}

Millis now()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string isoTime(Millis when)
{
    const auto seconds = static_cast<std::time_t>(when / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 32> text{};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    std::array<char, 48> out{};
    std::snprintf(out.data(), out.size(), "%s.%03dZ", text.data(),
                  static_cast<int>(((when % 1000) + 1000) % 1000));
    return out.data();
}

} // namespace sparring::progress
