#include "progress/Store.hpp"

#include "PostgresStore.hpp"
#include "SqliteStore.hpp"

#include "core/Utf8.hpp"

#include <cstdlib>

namespace sparring::progress {

namespace {

bool isPostgresUrl(const std::string& location)
{
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

} // namespace

std::unique_ptr<Store> openStore(const std::string& location, Access access)
{
    if (location.empty())
        throw StoreError("no store given: pass --store PATH or set SPARRING_STORE");
    if (isPostgresUrl(location))
        return std::make_unique<PostgresStore>(location, access);
    return std::make_unique<SqliteStore>(std::filesystem::path(location), access);
}

std::string defaultTrainee()
{
    if (auto name = environment("SPARRING_TRAINEE"); !name.empty() && !traineeNameProblem(name))
        return name;
    if (auto name = environment("USER"); !name.empty() && !traineeNameProblem(name))
        return name;
    return "trainee";
}

std::optional<std::string> traineeNameProblem(std::string_view name)
{
    constexpr std::size_t kLongestName = 100;
    if (name.empty())
        return "a trainee's name cannot be empty";
    if (name.size() > kLongestName)
        return "a trainee's name is at most " + std::to_string(kLongestName) + " bytes";
    if (core::firstInvalidUtf8(name))
        return "a trainee's name must be valid UTF-8";
    if (core::firstTerminalControl(name))
        return "a trainee's name cannot hold control characters";
    return std::nullopt;
}

std::string defaultStoreLocation()
{
    if (auto store = environment("SPARRING_STORE"); !store.empty())
        return store;
    // XDG Base Directory: a relative XDG_DATA_HOME is invalid and must be ignored.
    if (const auto data = environment("XDG_DATA_HOME"); !data.empty() && data.front() == '/')
        return (std::filesystem::path(data) / "sparring" / "progress.sqlite").string();
    if (const auto home = environment("HOME"); !home.empty())
        return (std::filesystem::path(home) / ".local/share/sparring/progress.sqlite").string();
    return "";
}

} // namespace sparring::progress
