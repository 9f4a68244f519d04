#include "Portraits.hpp"

#include <SFML/Graphics/Image.hpp>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <system_error>

namespace sparring::ui {

namespace {

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

} // namespace

const sf::Texture* PortraitCache::get(const std::string& image, const std::string& expression,
                                      unsigned pixels)
{
    if (image.empty() || pixels == 0)
        return nullptr;
    const std::string wanted = expression.empty() ? "neutral" : expression;
    if (const auto* texture = load(image, wanted, pixels))
        return texture;
    return wanted == "neutral" ? nullptr : load(image, "neutral", pixels);
}

const sf::Texture* PortraitCache::load(const std::string& image, const std::string& expression,
                                       unsigned pixels)
{
    const auto key = std::tuple{image, expression, pixels};
    if (const auto it = m_textures.find(key); it != m_textures.end())
        return it->second.get();
    auto& slot = m_textures[key];
    const auto file = m_assets / image / (expression + ".svg");
    const auto shown = (std::filesystem::path("assets") / image / (expression + ".svg")).generic_string();
    std::error_code ec;
    std::string problem;
    sf::Image pixelsImage;
    if (!std::filesystem::is_regular_file(file, ec))
        problem = "no such file (looked in " + m_assets.string() + ")";
    else if (renderSvg(file, pixels, pixelsImage, problem)) {
        auto texture = std::make_unique<sf::Texture>();
        if (texture->loadFromImage(pixelsImage)) {
            texture->setSmooth(true);
            slot = std::move(texture);
            return slot.get();
        }
        problem = "the graphics driver refused the texture";
    }
    const std::string message = shown + ": " + problem;
    if (std::find(m_problems.begin(), m_problems.end(), message) == m_problems.end())
        m_problems.push_back(message);
    return nullptr;
}

} // namespace sparring::ui
