#pragma once
// Audio written to a file with libsndfile: Ogg Vorbis, WAV or FLAC, chosen by the
// file's extension. Written whole to a temporary file beside it, then renamed over it, so a
// failed or interrupted write never leaves half a file where a listener expects one.

#include "voice/Audio.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace sparring::voice {

/// ".ogg", ".wav" or ".flac" (any case): the formats writeAudioFile writes.
[[nodiscard]] bool isAudioFileName(const std::filesystem::path& file);

/// Writes `audio` to `file`; why not, when it cannot.
[[nodiscard]] std::optional<std::string> writeAudioFile(const std::filesystem::path& file,
                                                        const Audio& audio);

/// Reads an audio file back (tests, and checking what was written); nothing when it cannot.
[[nodiscard]] std::optional<Audio> readAudioFile(const std::filesystem::path& file);

} // namespace sparring::voice
