#pragma once
// Characters' portraits: `assets/<image>/<expression>.svg` (see assets/portraits/README.md),
// rendered with librsvg at the size they are shown and kept as SFML textures. A missing or broken
// file is reported once and drawn as the character's initials instead, so the app never stops
// over art.
//
// The model: a worker thread renders SVG to pixels (CPU only) ahead of need; the frame thread
// turns finished pixels into textures (OpenGL must stay on the thread that owns the context) the
// first time they are asked for. Rendering seven portraits takes tens of milliseconds, several
// frames' worth, so a frame never renders: it draws what is ready and the rest comes a few frames
// later.

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/Texture.hpp>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <tuple>
#include <variant>
#include <vector>

namespace sparring::ui {

class PortraitCache {
public:
    explicit PortraitCache(std::filesystem::path assets);
    /// Waits for the worker to finish the portrait it is on (a few milliseconds at most).
    ~PortraitCache();
    PortraitCache(const PortraitCache&) = delete;
    PortraitCache& operator=(const PortraitCache&) = delete;
    PortraitCache(PortraitCache&&) = delete;
    PortraitCache& operator=(PortraitCache&&) = delete;

    /// The portrait `image` (e.g. "portraits/maya") with `expression` ("neutral" when empty) at
    /// `pixels` square, when it is ready. Until then, without waiting (see setWaitForArt): the
    /// same portrait at another size (the caller scales by its width), else the neutral expression
    /// at any size, else nullptr. An expression without a file falls back to neutral. Asking for
    /// one expression also has the others in the image's folder rendered at that size.
    /// Frame thread only.
    const sf::Texture* get(const std::string& image, const std::string& expression, unsigned pixels);

    /// While set, get() waits for the worker to finish what it asks for, so what is drawn does not
    /// depend on timing: tests, and a demo script's screenshot frame. Set by default; the frame
    /// loop clears it for every other frame, so that a frame never waits for art.
    void setWaitForArt(bool wait) { m_waitForArt = wait; }

    /// Nothing is queued or being rendered.
    [[nodiscard]] bool settled() const;
    /// The portrait `image` cannot be drawn at `pixels`: its neutral face failed (a missing or
    /// broken file). False while it is still being rendered: the stage then draws an empty tile,
    /// not the initials that stand for missing art.
    [[nodiscard]] bool missing(const std::string& image, unsigned pixels) const;
    /// Returns once settled(): everything asked for so far, and its other expressions, is ready or
    /// known to be missing.
    void waitUntilSettled();

    /// Problems met so far ("assets/portraits/x/neutral.svg: no such file"), each once.
    [[nodiscard]] const std::vector<std::string>& problems() const { return m_problems; }

private:
    using Key = std::tuple<std::string, std::string, unsigned>; ///< image, expression, pixels
    /// A render's outcome: the pixels (behind a pointer, as SFML 2's sf::Image does not move), or
    /// the problem as it is reported.
    using Rendered = std::variant<std::unique_ptr<sf::Image>, std::string>;
    /// A portrait as the frame thread knows it; a key not in m_slots is not back from the worker.
    struct Slot {
        std::unique_ptr<sf::Texture> texture;
        std::unique_ptr<sf::Image> image; ///< rendered, not uploaded yet
        bool failed = false;
    };

    void work(const std::stop_token& stop);
    void collect();
    void request(const Key& key);
    void await(const Key& key);
    [[nodiscard]] bool failed(const Key& key) const;
    const sf::Texture* texture(const Key& key);
    const sf::Texture* nearest(const std::string& image, const std::string& expression, unsigned pixels);

    const std::filesystem::path m_assets;

    // What the worker and the frame thread share, behind m_mutex.
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;     ///< the worker: work was queued
    std::condition_variable_any m_finished; ///< the frame thread: a render finished
    std::set<Key> m_known;                  ///< ever queued, so nothing renders twice
    std::deque<Key> m_urgent;               ///< asked for by get()
    std::deque<Key> m_ahead;                ///< other expressions, rendered when nothing is urgent
    std::vector<std::pair<Key, Rendered>> m_done;
    bool m_rendering = false;

    // The frame thread's own state.
    std::map<Key, Slot> m_slots;
    std::vector<std::string> m_problems;
    bool m_waitForArt = true;
    std::jthread m_worker; ///< last: stopped and joined before the state it uses goes
};

} // namespace sparring::ui
