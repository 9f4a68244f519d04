#include "core/Files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sparring::core {

namespace fs = std::filesystem;

namespace {

/// The system's reason for `error` (an errno value), taken before anything else can change errno.
std::string systemReason(int error)
{
    switch (error) {
    case ENOENT:
        return "file not found";
    case EACCES:
    case EPERM:
        return "permission denied";
    case ENOTDIR:
        return "a folder on its path is a file";
    case ENAMETOOLONG:
        return "the path is too long";
    case ELOOP:
        return "too many symbolic links on its path (a loop?)";
    case ENOSPC:
        return "the disk is full";
    case EDQUOT:
        return "the disk quota is used up";
    case EROFS:
        return "the file system is read-only";
    default:
        return std::strerror(error);
    }
}

/// What a file that is not a regular one is, for messages.
std::string kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return "is a folder, not a file";
    if (S_ISFIFO(mode))
        return "is a pipe (FIFO), not a file: it could be endless or wait forever";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "is a device, not a file: it could be endless";
    if (S_ISSOCK(mode))
        return "is a socket, not a file";
    return "is not a regular file";
}

std::string sizeText(std::uintmax_t bytes)
{
    return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

/// Closes a descriptor when it goes out of scope.
struct Descriptor {
    int fd = -1;
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    explicit Descriptor(int d) : fd(d) {}
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

/// Writes all of `text` to `fd` and flushes it to disk; the errno of a failure, or 0.
int writeAll(int fd, std::string_view text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const auto n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        done += static_cast<std::size_t>(n);
    }
    return ::fsync(fd) == 0 ? 0 : errno;
}

/// Creates a new file exclusively from `pattern` (ending in XXXXXX), writes `text` to it and
/// returns its path, or the reason it could not.
std::pair<std::optional<fs::path>, std::string> writeNewFile(const std::string& pattern,
                                                             std::string_view text, mode_t mode)
{
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    Descriptor fd(::mkstemp(name.data())); // O_EXCL: never opens what is already there
    if (fd.fd < 0)
        return {std::nullopt, "cannot create a temporary file beside it: " + systemReason(errno)};
    const fs::path temporary(name.data());
    ::fchmod(fd.fd, mode);
    if (const int error = writeAll(fd.fd, text)) {
        ::unlink(name.data());
        return {std::nullopt, "writing failed: " + systemReason(error)};
    }
    return {temporary, {}};
}

} // namespace

InputFile readInputFile(const fs::path& file, std::uintmax_t maxBytes)
{
    InputFile result;
    const auto fail = [&](ReadProblem problem, std::string reason) {
        result.problem = problem;
        result.reason = std::move(reason);
        return result;
    };
    // O_NONBLOCK: opening a pipe with no writer must not wait forever (it is refused just after).
    Descriptor fd(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.fd < 0) {
        const int error = errno;
        return fail(error == ENOENT ? ReadProblem::NotFound : ReadProblem::Unreadable, systemReason(error));
    }
    struct stat info {};
    if (::fstat(fd.fd, &info) != 0)
        return fail(ReadProblem::Unreadable, systemReason(errno));
    if (!S_ISREG(info.st_mode))
        return fail(ReadProblem::NotRegular, kindOf(info.st_mode));
    const auto size = static_cast<std::uintmax_t>(info.st_size);
    if (size > maxBytes)
        return fail(ReadProblem::TooLarge,
                    "is " + sizeText(size) + ", over the limit of " + sizeText(maxBytes) + " for this file");
    std::string text(static_cast<std::size_t>(size), '\0');
    std::size_t done = 0;
    for (;;) {
        // Once the measured size is read, read on into a small buffer: a file that grew since it
        // was measured is read to its end, and one that did not costs no second, doubled string.
        char more[4096];
        const bool measured = done < text.size();
        const auto n = measured ? ::read(fd.fd, text.data() + done, text.size() - done)
                                : ::read(fd.fd, more, sizeof more);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(ReadProblem::Unreadable, "reading failed: " + systemReason(errno));
        }
        if (n == 0)
            break;
        if (!measured) {
            if (text.size() + static_cast<std::size_t>(n) > maxBytes)
                return fail(ReadProblem::TooLarge,
                            "grew past the limit of " + sizeText(maxBytes) + " while being read");
            text.append(more, static_cast<std::size_t>(n));
        }
        done += static_cast<std::size_t>(n);
    }
    text.resize(done);
    if (text.size() > maxBytes)
        return fail(ReadProblem::TooLarge,
                    "grew past the limit of " + sizeText(maxBytes) + " while being read");
    result.text = std::move(text);
    return result;
}

std::optional<std::string> folderProblem(const fs::path& folder)
{
    if (folder.empty())
        return "no folder name";
    struct stat info {};
    if (::stat(folder.c_str(), &info) != 0) {
        const int error = errno;
        return error == ENOENT ? "no such folder" : systemReason(error);
    }
    if (!S_ISDIR(info.st_mode))
        return S_ISREG(info.st_mode) ? "is a file, not a folder" : "is not a folder";
    // Listing it is the test: a folder that may be entered but not read lists nothing, which a
    // silent walk would take for an empty library.
    DIR* listing = ::opendir(folder.c_str());
    if (listing == nullptr)
        return "cannot list it: " + systemReason(errno);
    ::closedir(listing);
    return std::nullopt;
}

std::optional<std::string> outputProblem(const fs::path& file)
{
    if (file.empty())
        return "no file name";
    std::error_code ec;
    const fs::path target = fs::is_symlink(file, ec) ? fs::weakly_canonical(file, ec) : file;
    struct stat info {};
    if (::stat(target.c_str(), &info) == 0) {
        if (!S_ISREG(info.st_mode))
            return kindOf(info.st_mode);
        if (::access(target.c_str(), W_OK) != 0)
            return systemReason(errno);
    } else if (errno != ENOENT) {
        return systemReason(errno);
    }
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (::stat(folder.c_str(), &info) != 0)
        return "its folder " + folder.string() + " cannot be used: " + systemReason(errno);
    if (!S_ISDIR(info.st_mode))
        return "its folder " + folder.string() + " is not a folder";
    // The temporary file is created in the folder, so the folder itself must be writable.
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        return "its folder " + folder.string() + " is not writable: " + systemReason(errno);
    return std::nullopt;
}

std::optional<std::string> writeOutputFile(const fs::path& file, std::string_view text)
{
    if (auto problem = outputProblem(file))
        return problem;
    std::error_code ec;
    // A link is written through: the file it points to is replaced and the link stays a link.
    const fs::path target = fs::is_symlink(file, ec) ? fs::weakly_canonical(file, ec) : file;
    mode_t mode = 0644;
    if (struct stat info{}; ::stat(target.c_str(), &info) == 0)
        mode = info.st_mode & 07777; // keep the existing file's permissions
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const auto [temporary, why] =
        writeNewFile((folder / ("." + target.filename().string() + ".XXXXXX")).string(), text, mode);
    if (!temporary)
        return why;
    if (::rename(temporary->c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary->c_str());
        return "cannot replace it: " + systemReason(error);
    }
    return std::nullopt;
}

std::optional<fs::path> keepElsewhere(const fs::path& file, std::string_view text)
{
    std::error_code ec;
    const fs::path folder = fs::temp_directory_path(ec);
    if (ec)
        return std::nullopt;
    const auto [kept, why] =
        writeNewFile((folder / ("sparring-" + file.filename().string() + "-XXXXXX")).string(), text, 0600);
    return kept;
}

} // namespace sparring::core
