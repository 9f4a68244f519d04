#include "ImGuiBridge.hpp"

#include <backends/imgui_impl_opengl2.h>
#include <imgui.h>

#include <SFML/OpenGL.hpp>
#include <SFML/Window/Clipboard.hpp>

#include <cstring>
#include <filesystem>
#include <type_traits>

namespace sparring::ui {

namespace {

int imguiMouseButton(sf::Mouse::Button button)
{
    switch (button) {
    case sf::Mouse::Left:
        return 0;
    case sf::Mouse::Right:
        return 1;
    case sf::Mouse::Middle:
        return 2;
    default:
        return -1;
    }
}

} // namespace

ImGuiBridge::ImGuiBridge(sf::RenderWindow& window, const std::string& fontPath, float fontSize)
    : m_window(window), m_fontPath(fontPath)
{
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // layout comes from the app, not from a file in the working directory
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.BackendPlatformName = "sparring-sfml";
    // ImGui 1.86 reads keys through KeyMap into KeysDown, indexed by SFML key codes.
    io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
    io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
    io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
    io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
    io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
    io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
    io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
    io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
    io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
    io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
    io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
    io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
    io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Enter;
    io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Enter;
    io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
    io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
    io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
    io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
    io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
    io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
    io.SetClipboardTextFn = [](void*, const char* text) {
        sf::Clipboard::setString(sf::String::fromUtf8(text, text + std::strlen(text)));
    };
    // ImGui keeps the returned pointer until the next call: the text lives in the bridge.
    io.ClipboardUserData = this;
    io.GetClipboardTextFn = [](void* bridge) -> const char* {
        auto& utf8 = static_cast<ImGuiBridge*>(bridge)->m_clipboard;
        utf8 = sf::Clipboard::getString().toUtf8();
        return reinterpret_cast<const char*>(utf8.c_str());
    };
    ImGui_ImplOpenGL2_Init();
    setFontSize(fontSize);
}

ImGuiBridge::~ImGuiBridge()
{
    ImGui_ImplOpenGL2_Shutdown();
    ImGui::DestroyContext();
}

void ImGuiBridge::setFontSize(float size)
{
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    std::error_code ec;
    m_fontLoaded = std::filesystem::is_regular_file(m_fontPath, ec) &&
                   io.Fonts->AddFontFromFileTTF(m_fontPath.c_str(), size, nullptr,
                                                io.Fonts->GetGlyphRangesDefault()) != nullptr;
    if (!m_fontLoaded)
        io.Fonts->AddFontDefault();
    // The OpenGL2 backend rebuilds its texture when the atlas changes.
    ImGui_ImplOpenGL2_DestroyFontsTexture();
}

bool ImGuiBridge::setFont(const std::string& path, float size)
{
    m_fontPath = path;
    setFontSize(size);
    return m_fontLoaded;
}

float ImGuiBridge::xHeight()
{
    ImGuiIO& io = ImGui::GetIO();
    if (!io.Fonts->IsBuilt())
        io.Fonts->Build();
    const ImFont* font = io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
    const ImFontGlyph* x = font ? font->FindGlyphNoFallback('x') : nullptr;
    return x ? x->Y1 - x->Y0 : 0.0f;
}

void ImGuiBridge::processEvent(const sf::Event& event)
{
    ImGuiIO& io = ImGui::GetIO();
    switch (event.type) {
    case sf::Event::MouseMoved:
        io.MousePos = ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
        break;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased:
        io.MousePos =
            ImVec2(static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y));
        if (const int b = imguiMouseButton(event.mouseButton.button); b >= 0)
            io.MouseDown[b] = event.type == sf::Event::MouseButtonPressed;
        break;
    case sf::Event::MouseWheelScrolled:
        if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel)
            io.MouseWheel += event.mouseWheelScroll.delta;
        break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased:
        // SFML's codes run from Unknown (-1) to KeyCount, and ImGui has a slot for each.
        static_assert(sf::Keyboard::KeyCount <= std::extent_v<decltype(ImGuiIO::KeysDown)>);
        if (event.key.code >= 0 && event.key.code < sf::Keyboard::KeyCount)
            io.KeysDown[event.key.code] = event.type == sf::Event::KeyPressed;
        io.KeyCtrl = event.key.control;
        io.KeyShift = event.key.shift;
        io.KeyAlt = event.key.alt;
        io.KeySuper = event.key.system;
        break;
    case sf::Event::TextEntered:
        // Control characters arrive as key presses; ImGui wants only printable text here.
        if (event.text.unicode >= ' ' && event.text.unicode != 127)
            io.AddInputCharacter(event.text.unicode);
        break;
    default:
        break;
    }
}

void ImGuiBridge::newFrame(sf::Time elapsed)
{
    ImGuiIO& io = ImGui::GetIO();
    const auto size = m_window.getSize();
    io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
    io.DeltaTime = elapsed.asSeconds() > 0 ? elapsed.asSeconds() : 1.0f / 60.0f;
    ImGui_ImplOpenGL2_NewFrame();
    ImGui::NewFrame();
}

void ImGuiBridge::render()
{
    ImGui::Render();
    m_window.pushGLStates();
    ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
    m_window.popGLStates();
}

} // namespace sparring::ui
