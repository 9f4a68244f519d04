#include "voice/AudioFile.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <system_error>

namespace sparring::voice {

namespace {

std::string lowercaseExtension(const std::filesystem::path& file)
{
    auto extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

/// libsndfile's format for the extension, 16-bit mono (Vorbis has no bit depth of its own).
int formatOf(const std::string& extension)
{
    if (extension == ".ogg")
        return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    if (extension == ".flac")
        return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    if (extension == ".wav")
        return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    return 0;
}

/// Closes a libsndfile handle on every path.
struct SoundFile {
    SNDFILE* handle;
    explicit SoundFile(SNDFILE* opened) : handle(opened) {}
    ~SoundFile() { sf_close(handle); }
    SoundFile(const SoundFile&) = delete;
    SoundFile& operator=(const SoundFile&) = delete;
};

} // namespace

bool isAudioFileName(const std::filesystem::path& file)
{
    return formatOf(lowercaseExtension(file)) != 0;
}

std::optional<std::string> writeAudioFile(const std::filesystem::path& file, const Audio& audio)
{
    const int format = formatOf(lowercaseExtension(file));
    if (format == 0)
        return "the file must end in .ogg, .wav or .flac";
    if (audio.samples.empty())
        return "there is nothing to write";
    std::random_device random;
    const auto partial =
        file.parent_path() / ("." + file.filename().string() + ".partial-" + std::to_string(random()));
    SF_INFO info{};
    info.samplerate = static_cast<int>(audio.sampleRate);
    info.channels = 1;
    info.format = format;
    std::string problem;
    {
        const SoundFile out(sf_open(partial.c_str(), SFM_WRITE, &info));
        if (out.handle == nullptr)
            return std::string("cannot write it: ") + sf_strerror(nullptr);
        // In blocks: libsndfile 1.2's Vorbis encoder crashes when handed minutes of audio at once.
        constexpr std::size_t kBlock = 4096;
        for (std::size_t at = 0; at < audio.samples.size() && problem.empty(); at += kBlock) {
            const auto count = static_cast<sf_count_t>(std::min(kBlock, audio.samples.size() - at));
            if (sf_write_short(out.handle, audio.samples.data() + at, count) != count)
                problem = std::string("writing failed: ") + sf_strerror(out.handle);
        }
        if (!problem.empty()) {
        } else if (sf_write_sync(out.handle), sf_error(out.handle) != SF_ERR_NO_ERROR)
            problem = std::string("writing failed: ") + sf_strerror(out.handle);
    }
    std::error_code ec;
    if (problem.empty())
        std::filesystem::rename(partial, file, ec);
    if (!problem.empty() || ec) {
        std::filesystem::remove(partial, ec);
        return problem.empty() ? ec.message() : problem;
    }
    return std::nullopt;
}

std::optional<Audio> readAudioFile(const std::filesystem::path& file)
{
    SF_INFO info{};
    const SoundFile in(sf_open(file.c_str(), SFM_READ, &info));
    if (in.handle == nullptr || info.channels != 1 || info.frames < 0)
        return std::nullopt;
    Audio audio;
    audio.sampleRate = static_cast<unsigned>(info.samplerate);
    audio.samples.resize(static_cast<std::size_t>(info.frames));
    const auto read = sf_read_short(in.handle, audio.samples.data(), info.frames);
    audio.samples.resize(static_cast<std::size_t>(std::max<sf_count_t>(0, read)));
    return audio;
}

} // namespace sparring::voice
