// The portrait cache: 1. rendering an SVG file (the worker's job), 2. the frame thread's side
// (get and its stand-ins), 3. the worker.

#include "Portraits.hpp"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <system_error>
#include <utility>

namespace sparring::ui {

namespace {

// ---- 1. rendering ------------------------------------------------------------------------------

/// Renders an SVG file into RGBA pixels, or says why it could not.
bool renderSvg(const std::filesystem::path& file, unsigned pixels, sf::Image& out, std::string& problem)
{
    GError* error = nullptr;
    RsvgHandle* handle = rsvg_handle_new_from_file(file.c_str(), &error);
    if (!handle) {
        problem = error ? error->message : "librsvg could not read it";
        if (error)
            g_error_free(error);
        return false;
    }
    cairo_surface_t* surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(pixels), static_cast<int>(pixels));
    cairo_t* cr = cairo_create(surface);
    const RsvgRectangle viewport{0, 0, static_cast<double>(pixels), static_cast<double>(pixels)};
    const bool rendered = rsvg_handle_render_document(handle, cr, &viewport, &error) != 0;
    if (!rendered) {
        problem = error ? error->message : "librsvg could not draw it";
        if (error)
            g_error_free(error);
    } else {
        cairo_surface_flush(surface);
        // Cairo keeps native-endian ARGB with premultiplied alpha; SFML wants straight RGBA bytes.
        const unsigned char* data = cairo_image_surface_get_data(surface);
        const int stride = cairo_image_surface_get_stride(surface);
        std::vector<sf::Uint8> rgba(static_cast<std::size_t>(pixels) * pixels * 4);
        for (unsigned y = 0; y < pixels; ++y)
            for (unsigned x = 0; x < pixels; ++x) {
                std::uint32_t argb = 0;
                const std::size_t offset =
                    std::size_t{y} * static_cast<std::size_t>(stride) + std::size_t{x} * 4;
                std::copy_n(data + offset, 4, reinterpret_cast<unsigned char*>(&argb));
                const unsigned a = argb >> 24;
                const auto straight = [a](unsigned c) {
                    return static_cast<sf::Uint8>(a == 0 ? 0 : std::min(255u, c * 255 / a));
                };
                sf::Uint8* p = &rgba[(static_cast<std::size_t>(y) * pixels + x) * 4];
                p[0] = straight((argb >> 16) & 0xFF);
                p[1] = straight((argb >> 8) & 0xFF);
                p[2] = straight(argb & 0xFF);
                p[3] = static_cast<sf::Uint8>(a);
            }
        out.create(pixels, pixels, rgba.data());
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    g_object_unref(handle);
    return rendered;
}

/// The portrait for `image`/`expression` at `pixels`, or the problem as reported: the file's name
/// from `assets/` and why ("no such file (looked in ...)", librsvg's message).
std::variant<std::unique_ptr<sf::Image>, std::string> render(const std::filesystem::path& assets,
                                                             const std::string& image,
                                                             const std::string& expression, unsigned pixels)
{
    const auto file = assets / image / (expression + ".svg");
    const auto shown = (std::filesystem::path("assets") / image / (expression + ".svg")).generic_string();
    std::error_code ec;
    std::string problem;
    auto out = std::make_unique<sf::Image>();
    if (!std::filesystem::is_regular_file(file, ec))
        problem = "no such file (looked in " + assets.string() + ")";
    else if (renderSvg(file, pixels, *out, problem))
        return out;
    return shown + ": " + problem;
}

/// The expressions in an image's folder (the names of its .svg files).
std::vector<std::string> expressionsOf(const std::filesystem::path& folder)
{
    std::vector<std::string> expressions;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".svg")
            expressions.push_back(it->path().stem().string());
    std::sort(expressions.begin(), expressions.end()); // the same order on every file system
    return expressions;
}

} // namespace

// ---- 2. the frame thread ------------------------------------------------------------------------

PortraitCache::PortraitCache(std::filesystem::path assets)
    : m_assets(std::move(assets)), m_worker([this](const std::stop_token& stop) { work(stop); })
{
}

PortraitCache::~PortraitCache()
{
    // Wakes the worker if it waits; join() lets a render under way finish before its state goes.
    m_worker.request_stop();
    m_worker.join();
}

const sf::Texture* PortraitCache::get(const std::string& image, const std::string& expression,
                                      unsigned pixels)
{
    if (image.empty() || pixels == 0)
        return nullptr;
    collect();
    const std::string wanted = expression.empty() ? "neutral" : expression;
    const Key exact{image, wanted, pixels};
    const Key neutral{image, "neutral", pixels};
    if (m_waitForArt) {
        await(exact);
        if (failed(exact))
            await(neutral);
    }
    if (const auto* ready = texture(exact))
        return ready;
    if (!failed(exact)) {
        request(exact);
        if (const auto* standIn = nearest(image, wanted, pixels))
            return standIn;
    } else if (wanted != "neutral") {
        request(neutral); // no such expression: neutral is the answer, not only a stand-in
    }
    if (wanted == "neutral")
        return nullptr;
    if (const auto* ready = texture(neutral))
        return ready;
    return nearest(image, "neutral", pixels);
}

bool PortraitCache::settled() const
{
    const std::scoped_lock lock(m_mutex);
    return m_urgent.empty() && m_ahead.empty() && !m_rendering;
}

void PortraitCache::waitUntilSettled()
{
    std::unique_lock lock(m_mutex);
    m_finished.wait(lock, [this] { return m_urgent.empty() && m_ahead.empty() && !m_rendering; });
}

/// Takes the worker's finished renders into the frame thread's slots, and their problems into the
/// report. The lock is held only for the hand-over.
void PortraitCache::collect()
{
    std::vector<std::pair<Key, Rendered>> done;
    {
        const std::scoped_lock lock(m_mutex);
        done.swap(m_done);
    }
    for (auto& [key, rendered] : done) {
        Slot& slot = m_slots[key];
        if (auto* image = std::get_if<std::unique_ptr<sf::Image>>(&rendered)) {
            slot.image = std::move(*image);
            continue;
        }
        slot.failed = true;
        const auto& message = std::get<std::string>(rendered);
        if (std::find(m_problems.begin(), m_problems.end(), message) == m_problems.end())
            m_problems.push_back(message);
    }
}

/// Queues `key` for the worker ahead of the other expressions, unless it is known already: a
/// render once asked for is never asked again, so a broken file is not retried every frame.
void PortraitCache::request(const Key& key)
{
    const std::scoped_lock lock(m_mutex);
    if (m_known.insert(key).second) {
        m_urgent.push_back(key);
        m_wake.notify_one();
    } else if (const auto queued = std::find(m_ahead.begin(), m_ahead.end(), key); queued != m_ahead.end()) {
        m_ahead.erase(queued); // wanted now: no longer only ahead of need
        m_urgent.push_back(key);
    }
}

/// Requests `key` and waits until the worker's answer is in m_slots.
void PortraitCache::await(const Key& key)
{
    while (!m_slots.contains(key)) {
        request(key);
        {
            std::unique_lock lock(m_mutex);
            m_finished.wait(lock, [this] { return !m_done.empty(); });
        }
        collect();
    }
}

bool PortraitCache::missing(const std::string& image, unsigned pixels) const
{
    return image.empty() || failed(Key{image, "neutral", pixels});
}

bool PortraitCache::failed(const Key& key) const
{
    const auto found = m_slots.find(key);
    return found != m_slots.end() && found->second.failed;
}

/// The texture for `key` if it is rendered, uploading it the first time: only what is drawn goes
/// to the graphics card, one or two textures a frame as the worker finishes them.
const sf::Texture* PortraitCache::texture(const Key& key)
{
    const auto found = m_slots.find(key);
    if (found == m_slots.end() || found->second.failed)
        return nullptr;
    Slot& slot = found->second;
    if (!slot.texture) {
        auto uploaded = std::make_unique<sf::Texture>();
        if (!uploaded->loadFromImage(*slot.image)) {
            slot.failed = true;
            const auto& [image, expression, pixels] = key;
            m_problems.push_back(
                (std::filesystem::path("assets") / image / (expression + ".svg")).generic_string() +
                ": the graphics driver refused the texture");
            return nullptr;
        }
        uploaded->setSmooth(true);
        slot.texture = std::move(uploaded);
        slot.image.reset(); // the pixels live on the graphics card now
    }
    return slot.texture.get();
}

/// The same portrait at the rendered size closest to `pixels`, if any.
const sf::Texture* PortraitCache::nearest(const std::string& image, const std::string& expression,
                                          unsigned pixels)
{
    const Key* best = nullptr;
    unsigned bestDistance = 0;
    for (auto it = m_slots.lower_bound(Key{image, expression, 0});
         it != m_slots.end() && std::get<0>(it->first) == image && std::get<1>(it->first) == expression;
         ++it) {
        const unsigned size = std::get<2>(it->first);
        const unsigned distance = size > pixels ? size - pixels : pixels - size;
        // Sizes come in ascending order: on a tie the larger wins, as shrinking looks better.
        if (!it->second.failed && (!best || distance <= bestDistance)) {
            best = &it->first;
            bestDistance = distance;
        }
    }
    return best ? texture(*best) : nullptr;
}

// ---- 3. the worker ------------------------------------------------------------------------------

void PortraitCache::work(const std::stop_token& stop)
{
    std::unique_lock lock(m_mutex);
    while (m_wake.wait(lock, stop, [this] { return !m_urgent.empty() || !m_ahead.empty(); })) {
        const bool urgent = !m_urgent.empty();
        auto& queue = urgent ? m_urgent : m_ahead;
        const Key key = std::move(queue.front());
        queue.pop_front();
        m_rendering = true;
        lock.unlock(); // rendering takes milliseconds; the frame thread must not wait on it
        const auto& [image, expression, pixels] = key;
        Rendered rendered = render(m_assets, image, expression, pixels);
        // Asked for now, the other faces are likely next (a reaction changes the expression).
        const auto others = urgent ? expressionsOf(m_assets / image) : std::vector<std::string>{};
        lock.lock();
        for (const auto& other : others)
            if (Key ahead{image, other, pixels}; m_known.insert(ahead).second)
                m_ahead.push_back(std::move(ahead));
        m_done.emplace_back(key, std::move(rendered));
        m_rendering = false;
        m_finished.notify_all();
    }
}

} // namespace sparring::ui
