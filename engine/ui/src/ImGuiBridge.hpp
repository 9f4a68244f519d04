#pragma once
// Dear ImGui inside an SFML window: our small event bridge (SFML events -> ImGui 1.86 input)
// and Debian's OpenGL2 renderer backend, wrapped in SFML's GL state save/restore.

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/System/Time.hpp>
#include <SFML/Window/Event.hpp>

#include <string>

namespace sparring::ui {

class ImGuiBridge {
public:
    /// Creates the ImGui context for `window` with the given UI font (a TTF path) and size.
    ImGuiBridge(sf::RenderWindow& window, const std::string& fontPath, float fontSize);
    ~ImGuiBridge();
    ImGuiBridge(const ImGuiBridge&) = delete;
    ImGuiBridge& operator=(const ImGuiBridge&) = delete;

    /// Feeds one window event to ImGui (real or synthesised by the demo script: same path).
    void processEvent(const sf::Event& event);
    void newFrame(sf::Time elapsed);
    void render();
    /// Rebuilds the font atlas at a new size (Ctrl +/-).
    void setFontSize(float size);
    /// Text in the font at `path` from now on (ImGui's built-in font when it cannot be read);
    /// whether it could.
    bool setFont(const std::string& path, float size);
    /// The height of a lowercase x in the current font, in pixels: how big its text looks. Fonts
    /// given the same size can differ a lot (OpenDyslexic's tall line makes its letters small).
    [[nodiscard]] float xHeight();
    [[nodiscard]] bool fontLoaded() const { return m_fontLoaded; }

private:
    sf::RenderWindow& m_window;
    std::string m_fontPath;
    bool m_fontLoaded = false;
    std::basic_string<sf::Uint8> m_clipboard; ///< the clipboard's text as ImGui last asked for it
};

} // namespace sparring::ui
