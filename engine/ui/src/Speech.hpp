#pragma once
// Lines spoken aloud in the trainer's window. The model's speech requests (trainer/Trainer.hpp)
// are synthesised by espeak-ng (voice/Synthesizer.hpp) on a worker thread, kept per text and
// voice so that a line heard again is not synthesised again, and played with SFML's audio
// module. The frame thread only hands requests over and polls: synthesis never holds up a frame.
//
// Without an audio device (a server, CI) or without espeak-ng's data, the player says so once
// (takeProblem) and stays silent; a line that fails to synthesise is skipped. Nothing here stops
// a session.

#include "trainer/Trainer.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace sf {
class Sound;
class SoundBuffer;
} // namespace sf

namespace sparring::voice {
struct Audio;
}

namespace sparring::ui {

/// How many synthesised lines are kept in memory (a panel of 20 minutes has about 150).
inline constexpr std::size_t kSpokenLinesKept = 200;

class SpeechPlayer {
public:
    SpeechPlayer();
    /// Stops playing and waits for the worker to finish the line it is on.
    ~SpeechPlayer();
    SpeechPlayer(const SpeechPlayer&) = delete;
    SpeechPlayer& operator=(const SpeechPlayer&) = delete;
    SpeechPlayer(SpeechPlayer&&) = delete;
    SpeechPlayer& operator=(SpeechPlayer&&) = delete;

    /// A new batch: what was playing or waiting stops (the conversation has moved on), and
    /// these play in order as each is ready.
    void say(std::vector<trainer::SpeechRequest> requests);
    /// Silence now; nothing waiting plays.
    void stop();
    /// Once a frame: starts the next piece when it is ready and the last one has ended, at
    /// `volume` (0..100). Never waits for the worker.
    void update(int volume);
    /// Why speech cannot be heard (no audio device, no voice data), once; the player is silent
    /// from then on.
    [[nodiscard]] std::optional<std::string> takeProblem();

private:
    /// What the worker and the frame thread share, behind m_lock.
    struct Ready {
        std::uint64_t generation = 0;
        std::uint64_t id = 0;
        std::shared_ptr<const voice::Audio> audio; ///< null: synthesis failed, skip it
    };
    void work(const std::stop_token& stop);
    [[nodiscard]] std::shared_ptr<const voice::Audio> cached(const std::string& key);
    void keep(const std::string& key, std::shared_ptr<const voice::Audio> audio);

    std::mutex m_lock;
    std::condition_variable_any m_wake;
    std::uint64_t m_generation = 0; ///< grows with every batch; older work is dropped
    std::deque<std::pair<std::uint64_t, trainer::SpeechRequest>> m_jobs;
    std::vector<Ready> m_ready;
    std::optional<std::string> m_workerProblem; ///< espeak-ng could not start
    /// The cache: most recently used first, and each key's place in that list.
    std::list<std::pair<std::string, std::shared_ptr<const voice::Audio>>> m_recent;
    std::unordered_map<std::string, decltype(m_recent)::iterator> m_cache;

    // The frame thread's own state.
    std::deque<std::uint64_t> m_order;                                   ///< this batch's ids, to play
    std::map<std::uint64_t, std::shared_ptr<const voice::Audio>> m_have; ///< synthesised, waiting
    /// Made on the first line played, so that a trainer with speech off never opens the audio
    /// device. The sound is declared after its buffer and so let go of first.
    std::unique_ptr<sf::SoundBuffer> m_buffer;
    std::unique_ptr<sf::Sound> m_sound;
    bool m_silent = false; ///< a problem was found: nothing more is played
    std::optional<std::string> m_problem;
    std::jthread m_worker; ///< last: stopped and joined before the state it uses goes
};

} // namespace sparring::ui
