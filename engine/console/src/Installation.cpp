#include "console/Installation.hpp"

namespace sparring::console {

namespace fs = std::filesystem;

Installation installationOf(const fs::path& executable)
{
    return {(executable.parent_path() / ".." / "share" / "sparring").lexically_normal()};
}

fs::path runningExecutable(const char* argv0)
{
    std::error_code ec;
    auto self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !self.empty())
        return self;
    auto fallback = fs::absolute(argv0 ? fs::path(argv0) : fs::path(), ec);
    return ec ? fs::path(argv0 ? argv0 : "") : fallback;
}

} // namespace sparring::console
