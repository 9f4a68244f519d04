// The speech player: 1. the frame thread's side (say, stop, update), 2. the worker that
// synthesises, 3. the cache of synthesised lines.

#include "Speech.hpp"

#include "voice/Synthesizer.hpp"

#include <SFML/Audio.hpp>

#include <utility>

namespace sparring::ui {

namespace {

/// The cache key: the same words in the same voice are the same audio.
std::string cacheKey(const trainer::SpeechRequest& request)
{
    return request.voice.name + '\x1f' + std::to_string(request.voice.rate) + '\x1f' +
           std::to_string(request.voice.pitch) + '\x1f' + request.text;
}

} // namespace

// ---- 1. the frame thread ------------------------------------------------------------------------

SpeechPlayer::SpeechPlayer() : m_worker([this](const std::stop_token& stop) { work(stop); })
{
}

SpeechPlayer::~SpeechPlayer()
{
    if (m_sound)
        m_sound->stop();
    m_worker.request_stop();
}

void SpeechPlayer::say(std::vector<trainer::SpeechRequest> requests)
{
    stop();
    if (m_silent || requests.empty())
        return;
    {
        const std::scoped_lock lock(m_lock);
        for (auto& request : requests) {
            m_order.push_back(request.id);
            m_jobs.emplace_back(m_generation, std::move(request));
        }
    }
    m_wake.notify_one();
}

void SpeechPlayer::stop()
{
    {
        const std::scoped_lock lock(m_lock);
        ++m_generation; // the worker drops what it finishes for an older batch
        m_jobs.clear();
        m_ready.clear();
    }
    m_order.clear();
    m_have.clear();
    if (m_sound)
        m_sound->stop();
}

void SpeechPlayer::update(int volume)
{
    {
        const std::scoped_lock lock(m_lock);
        if (m_workerProblem && !m_silent) {
            m_problem = std::exchange(m_workerProblem, std::nullopt);
            m_silent = true;
        }
        for (auto& ready : m_ready)
            if (ready.generation == m_generation)
                m_have[ready.id] = std::move(ready.audio);
        m_ready.clear();
    }
    if (m_silent)
        return;
    if (m_sound) {
        m_sound->setVolume(static_cast<float>(volume));
        if (m_sound->getStatus() == sf::Sound::Playing)
            return;
    }
    // The next piece in order, once it is ready; one that failed to synthesise is skipped.
    while (!m_order.empty()) {
        const auto found = m_have.find(m_order.front());
        if (found == m_have.end())
            return; // still being synthesised: look again next frame
        const auto audio = found->second;
        m_have.erase(found);
        m_order.pop_front();
        if (!audio || audio->samples.empty())
            continue;
        if (!m_buffer) {
            m_buffer = std::make_unique<sf::SoundBuffer>();
            m_sound = std::make_unique<sf::Sound>();
        }
        m_sound->stop(); // the buffer is about to change under it
        if (!m_buffer->loadFromSamples(audio->samples.data(), audio->samples.size(), 1, audio->sampleRate)) {
            m_problem = "the audio could not be handed to the sound system";
            m_silent = true;
            return;
        }
        m_sound->setBuffer(*m_buffer);
        m_sound->setVolume(static_cast<float>(volume));
        m_sound->play();
        // Without an audio device OpenAL has no context: SFML says so on stderr, and a sound
        // it was just told to play is not playing. That is how the trainer finds out.
        if (m_sound->getStatus() != sf::Sound::Playing) {
            m_problem = "no audio device could be opened";
            m_silent = true;
            m_order.clear();
            m_have.clear();
        }
        return;
    }
}

std::optional<std::string> SpeechPlayer::takeProblem()
{
    return std::exchange(m_problem, std::nullopt);
}

// ---- 2. the worker ------------------------------------------------------------------------------

void SpeechPlayer::work(const std::stop_token& stop)
{
    std::optional<voice::Synthesizer> synthesizer; // espeak-ng starts with the first line asked for
    std::unique_lock lock(m_lock);
    while (m_wake.wait(lock, stop, [&] { return !m_jobs.empty(); })) {
        auto [generation, request] = std::move(m_jobs.front());
        m_jobs.pop_front();
        const std::string key = cacheKey(request);
        auto audio = cached(key);
        if (!audio) {
            lock.unlock(); // synthesis takes a while; the frame thread must not wait on it
            try {
                if (!synthesizer)
                    synthesizer.emplace();
                audio = std::make_shared<const voice::Audio>(synthesizer->speak(request.text, request.voice));
            } catch (const voice::VoiceError& e) {
                if (!synthesizer) {
                    lock.lock();
                    m_workerProblem = std::string("speech is not available: ") + e.what();
                    m_jobs.clear();
                    return;
                }
                // One line that cannot be said (an unknown voice name) is skipped; the rest are.
            }
            lock.lock();
            if (audio)
                keep(key, audio);
        }
        if (generation == m_generation)
            m_ready.push_back({generation, request.id, std::move(audio)});
    }
}

// ---- 3. the cache -------------------------------------------------------------------------------

std::shared_ptr<const voice::Audio> SpeechPlayer::cached(const std::string& key)
{
    const auto found = m_cache.find(key);
    if (found == m_cache.end())
        return nullptr;
    m_recent.splice(m_recent.begin(), m_recent, found->second); // most recently used first
    return found->second->second;
}

void SpeechPlayer::keep(const std::string& key, std::shared_ptr<const voice::Audio> audio)
{
    if (m_cache.count(key) > 0)
        return;
    m_recent.emplace_front(key, std::move(audio));
    m_cache[key] = m_recent.begin();
    if (m_recent.size() > kSpokenLinesKept) {
        m_cache.erase(m_recent.back().first);
        m_recent.pop_back();
    }
}

} // namespace sparring::ui
