#pragma once
// The one way Sparring reads an input file and writes an output file. Every command and option
// goes through these: scenarios and includes, saves, scripts, transcripts, classify input, the
// corpus, demo scripts; saves, transcripts, reports, generated scenarios and drafts.
//
// Reading: regular files only (a folder, a pipe, a device such as /dev/zero or a socket is refused
// at once, without blocking and without reading a byte), the size checked against the caller's
// limit before reading, and never more than the limit read even if the file grows meanwhile.
//
// Writing: the text goes to a new temporary file created exclusively (O_EXCL, a unique name) in
// the target's folder, is flushed to disk, and is renamed over the target, so a reader never sees
// half a file and an existing file is never left half-written. A symbolic link planted where the
// temporary goes is never followed (the name is unique and created exclusively); a target that is
// itself a link is written through: the file it points to is replaced, and the link stays.
//
// Failures are reasons in words, with the system's reason when there is one ("permission
// denied"), for the caller to put after the file's name.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sparring::core {

enum class ReadProblem { None, NotFound, NotRegular, TooLarge, Unreadable };

struct InputFile {
    std::optional<std::string> text; ///< the whole file; empty on a problem
    ReadProblem problem = ReadProblem::None;
    std::string reason; ///< "file not found", "is a folder", "is 80 MB, over the limit of..."
};

/// Reads the whole of `file` if it is a regular file of at most `maxBytes` bytes.
[[nodiscard]] InputFile readInputFile(const std::filesystem::path& file, std::uintmax_t maxBytes);

/// Why `folder` cannot be read as a folder of files, in words ("no such folder", "too many
/// symbolic links on its path (a loop?)", "the path is too long", "cannot list it: permission
/// denied", "is a file, not a folder"), or nothing when it can be listed. Asked of a library
/// folder or a --root before any walk, so a hostile path is refused with its reason rather than
/// taken for an empty library or thrown as a filesystem_error.
[[nodiscard]] std::optional<std::string> folderProblem(const std::filesystem::path& folder);

/// Why `file` could not be written as an output now (its folder missing or not writable, the
/// path a folder or a device, the file read-only), or nothing when it can: asked before the work
/// that produces the output, so a session is not played for a transcript that cannot be kept.
[[nodiscard]] std::optional<std::string> outputProblem(const std::filesystem::path& file);

/// Writes `text` to `file` as the header describes. Returns the reason it failed, or nothing.
[[nodiscard]] std::optional<std::string> writeOutputFile(const std::filesystem::path& file,
                                                         std::string_view text);

/// Where output that could not be written to where it was asked is kept instead: a new file in
/// the system's temporary folder named after `file` (`sparring-<name>-<unique>`), written the same
/// way. Returns its path, or nothing when even that fails.
[[nodiscard]] std::optional<std::filesystem::path> keepElsewhere(const std::filesystem::path& file,
                                                                 std::string_view text);

} // namespace sparring::core
