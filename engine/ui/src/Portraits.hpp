#pragma once
// Characters' portraits: `assets/<image>/<expression>.svg` (see assets/portraits/README.md),
// rendered with librsvg at the size they are shown and kept as SFML textures. A missing or broken
// file is reported once and drawn as the character's initials instead, so the app never stops
// over art.

#include <SFML/Graphics/Texture.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace sparring::ui {

class PortraitCache {
public:
    explicit PortraitCache(std::filesystem::path assets) : m_assets(std::move(assets)) {}

    /// The portrait `image` (e.g. "portraits/maya") with `expression` ("neutral" when empty) at
    /// `pixels` square. Falls back to the neutral expression, then to nullptr.
    const sf::Texture* get(const std::string& image, const std::string& expression, unsigned pixels);

    /// Problems met so far ("assets/portraits/x/neutral.svg: no such file"), each once.
    [[nodiscard]] const std::vector<std::string>& problems() const { return m_problems; }

private:
    const sf::Texture* load(const std::string& image, const std::string& expression, unsigned pixels);

    std::filesystem::path m_assets;
    std::map<std::tuple<std::string, std::string, unsigned>, std::unique_ptr<sf::Texture>>
        m_textures; ///< null: failed
    std::vector<std::string> m_problems;
};

} // namespace sparring::ui
