// The desktop trainer's window: the frame loop. Each frame takes input (real, or a demo script's
// commands made into the same events), lets the model (trainer/Trainer.hpp) answer its keys and
// advance its clock, draws the screens (Screens.hpp) with ImGui over the SFML scene, and takes
// screenshots and frame times when asked.

#include "ui/TrainerApp.hpp"

#include "DemoScript.hpp"
#include "ImGuiBridge.hpp"
#include "Screens.hpp"
#include "Speech.hpp"
#include "core/Files.hpp"
#include "core/Utf8.hpp"
#include "trainer/Library.hpp"
#include "trainer/SettingsFile.hpp"

#include <imgui.h>

#include <SFML/Graphics.hpp>
#include <X11/Xlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <ostream>

namespace sparring::ui {

namespace fs = std::filesystem;

namespace {

/// The trainer's own key for a key press, if it has one: 1-9, Space, Enter, Esc, F2, F5, Ctrl +/-.
std::optional<trainer::TrainerKey> trainerKey(const sf::Event::KeyEvent& key)
{
    using trainer::TrainerKey;
    if (key.control && (key.code == sf::Keyboard::Add || key.code == sf::Keyboard::Equal))
        return TrainerKey::ZoomIn;
    if (key.control && (key.code == sf::Keyboard::Subtract || key.code == sf::Keyboard::Hyphen))
        return TrainerKey::ZoomOut;
    if (key.code >= sf::Keyboard::Num1 && key.code <= sf::Keyboard::Num9)
        return static_cast<TrainerKey>(static_cast<int>(TrainerKey::Option1) +
                                       (key.code - sf::Keyboard::Num1));
    switch (key.code) {
    case sf::Keyboard::Space:
        return TrainerKey::Space;
    case sf::Keyboard::Enter:
        return TrainerKey::Enter;
    case sf::Keyboard::Escape:
        return TrainerKey::Escape;
    case sf::Keyboard::F2:
        return TrainerKey::F2;
    case sf::Keyboard::F5:
        return TrainerKey::Reload;
    case sf::Keyboard::V: // as in visual-novel engines; only outside a text box, where V types
        return key.control || key.alt || key.system ? std::nullopt : std::optional(TrainerKey::SelfVoicing);
    default:
        return std::nullopt;
    }
}

bool displayAvailable()
{
    // SFML aborts the process when it cannot open a display; ask X first and explain instead.
    Display* display = XOpenDisplay(nullptr);
    if (!display)
        return false;
    XCloseDisplay(display);
    return true;
}

const char* screenName(trainer::Screen screen)
{
    switch (screen) {
    case trainer::Screen::Library:
        return "library";
    case trainer::Screen::Briefing:
        return "briefing";
    case trainer::Screen::Conversation:
        return "conversation";
    case trainer::Screen::Debrief:
        return "debrief";
    case trainer::Screen::Settings:
        return "settings";
    case trainer::Screen::Progress:
        return "progress";
    }
    return "?";
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(std::round(p * static_cast<double>(values.size() - 1)));
    return values[std::min(index, values.size() - 1)];
}

} // namespace

int runGui(const GuiOptions& options, std::ostream& out, std::ostream& err)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    std::optional<std::vector<trainer::DemoCommand>> script;
    if (options.demoScript) {
        script = trainer::readDemoScript(*options.demoScript, err);
        if (!script)
            return 2;
    }
    // The library first: a folder that cannot be listed (missing, a loop of symbolic links, a path
    // too long, no permission) is said with its reason, display or not, and not taken for an
    // empty library.
    if (const auto problem = core::folderProblem(options.library)) {
        err << "sparring: the scenario library " << core::terminalSafe(options.library.string(), false)
            << " cannot be used: " << *problem << "\n";
        return 2;
    }
    if (!displayAvailable()) {
        err << "sparring: no display to open the trainer's window on (DISPLAY is '"
            << (std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "") << "').\n"
            << "  Run it on a desktop, or headless with: xvfb-run -a -s \"-screen 0 1280x800x24\" sparring "
               "gui\n"
            << "  The terminal player works everywhere: sparring play SCENARIO\n";
        return 1;
    }
    std::error_code ec;
    // The trainee's settings from their file, a --text-speed given on the command line over them.
    const auto loaded = trainer::readSettingsFile(options.settings, trainer::Settings{});
    for (const auto& problem : loaded.problems)
        err << "sparring: warning: " << core::terminalSafe(problem, false) << "\n";
    trainer::SettingsKeeper settingsKeeper(options.settings, loaded);
    trainer::Settings settings = loaded.settings;
    if (options.textSpeed)
        settings.textSpeed = *options.textSpeed;
    trainer::Trainer app(trainer::scanLibrary(options.library), options.models, settings);
    app.noteSettingsProblems(loaded.problems);
    ScreenState screens;
    screens.settingsFile = options.settings.string();
    PortraitCache portraits(options.assets);
    sf::Font stageFont;
    if (!stageFont.loadFromFile(options.font.string()))
        err << "sparring: warning: font " << options.font.string()
            << " not found; names on the stage are not drawn\n";
    if (options.transcript)
        app.setTranscriptPath(*options.transcript);
    app.setLibraryFolder(options.library);
    if (!options.store.empty())
        app.recordPractice(options.store, options.trainee);
    app.setWatching(options.watch);
    if (options.open && !app.openFile(*options.open) && !app.notice().empty()) {
        err << "sparring: " << app.notice() << "\n";
        return 1;
    }

    sf::RenderWindow window(sf::VideoMode(options.width, options.height), "Sparring", sf::Style::Default);
    window.setVerticalSyncEnabled(false);
    window.setFramerateLimit(options.bench || script ? 0 : 60);
    ImGuiBridge imgui(window, options.font.string(), app.settings().fontSize);
    if (!imgui.fontLoaded())
        err << "sparring: warning: font " << options.font.string()
            << " not found; using ImGui's built-in font\n";
    // The text's font, for the controls and the stage: the dyslexia-friendly one when the
    // settings ask for it and it is installed, else the default (and the settings say why).
    // A text size means the same letter size in either font: the default font's x-height per
    // pixel of size, which the dyslexia-friendly font is scaled to match.
    const float defaultXHeight = imgui.xHeight() / app.settings().fontSize;
    unsigned warmLabelSize = 0;
    bool labelGlyphsWarm = false;
    const auto applyFont = [&] {
        const float size = app.settings().fontSize;
        warmLabelSize = 0; // the stage's font may change: its glyphs are warmed again
        labelGlyphsWarm = false;
        screens.fontProblem.clear();
        if (app.settings().dyslexiaFont) {
            sf::Font dyslexic;
            if (imgui.setFont(options.dyslexiaFont.string(), size) &&
                dyslexic.loadFromFile(options.dyslexiaFont.string())) {
                if (const float own = imgui.xHeight() / size; own > 0 && defaultXHeight > 0)
                    imgui.setFont(options.dyslexiaFont.string(), size * defaultXHeight / own);
                stageFont = dyslexic;
                return;
            }
            screens.fontProblem = "not installed here (" + options.dyslexiaFont.string() +
                                  ", Debian's fonts-opendyslexic); the default font is used";
        }
        imgui.setFont(options.font.string(), size);
        (void)stageFont.loadFromFile(options.font.string());
    };
    if (app.settings().dyslexiaFont)
        applyFont();
    ImGui::StyleColorsDark();

    // The GL driver builds its program for each kind of draw the first time it is used (6-50 ms
    // with Mesa's software driver): pay that before the first frame, not in a session's middle.
    {
        const sf::RectangleShape tile({4, 4});
        window.draw(tile);
        window.draw(sf::CircleShape(2, 8));
        sf::Texture blank;
        if (blank.create(4, 4))
            window.draw(sf::Sprite(blank));
        window.draw(sf::Text("Sparring", stageFont, 12));
        window.clear();
    }

    SpeechPlayer speech;
    if (script)
        fs::create_directories(options.screenshots, ec);
    std::deque<trainer::DemoCommand> pending;
    if (script)
        pending.assign(script->begin(), script->end());
    int waitFrames = 0;
    std::vector<sf::Event> releaseNextFrame;
    std::vector<double> frameMs;
    std::optional<double> firstFrameMs;
    struct SlowestFrame {
        double ms = 0;
        std::size_t number = 0;
        trainer::Screen screen = trainer::Screen::Library;
    } slowest; ///< where the bench's slowest frame was, to know what to look at
    sf::Clock frameClock;
    int exitCode = 0;

    const auto handle = [&](const sf::Event& event) {
        if (event.type == sf::Event::Closed)
            window.close();
        if (event.type == sf::Event::Resized)
            window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                                  static_cast<float>(event.size.height))));
        // Shift+Enter in a text box starts a new line (Enter alone sends the answer).
        if (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::Enter && event.key.shift &&
            ImGui::GetIO().WantTextInput) {
            ImGui::GetIO().AddInputCharacter('\n');
            return;
        }
        const auto key = event.type == sf::Event::KeyPressed ? trainerKey(event.key) : std::nullopt;
        if (key && !ImGui::GetIO().WantTextInput && app.press(*key))
            return; // the trainer used it (option keys, Space, Esc...)
        if (key && event.key.control && app.press(*key))
            return;
        // Esc (back), F2 (settings) and F5 (reload) work from a text box too: typing must not
        // trap anyone.
        if (key &&
            (*key == trainer::TrainerKey::Escape || *key == trainer::TrainerKey::F2 ||
             *key == trainer::TrainerKey::Reload) &&
            app.press(*key))
            return;
        imgui.processEvent(event);
    };

    while (window.isOpen()) {
        const auto frameStart = Clock::now();
        for (const auto& e : releaseNextFrame)
            handle(e);
        releaseNextFrame.clear();
        sf::Event event;
        while (window.pollEvent(event))
            handle(event);

        std::string screenshot;
        if (script) {
            if (waitFrames > 0) {
                --waitFrames;
            } else if (pending.empty()) {
                window.close();
                break;
            } else {
                const trainer::DemoCommand c = pending.front();
                pending.pop_front();
                if (const auto* wait = std::get_if<trainer::WaitFrames>(&c.action)) {
                    waitFrames = wait->frames;
                } else if (std::holds_alternative<trainer::Quit>(c.action)) {
                    window.close();
                    break;
                } else if (const auto* shot = std::get_if<trainer::TakeScreenshot>(&c.action)) {
                    screenshot = shot->name;
                } else if (const auto* wanted = std::get_if<trainer::PressControl>(&c.action)) {
                    // The control with that label, where the last frame drew it.
                    int seen = 0;
                    std::optional<ClickTarget> found;
                    for (const auto& target : screens.controls.targets())
                        if (target.label == wanted->label && ++seen == wanted->occurrence) {
                            found = target;
                            break;
                        }
                    if (!found) {
                        err << options.demoScript->string() << ":" << c.line
                            << ": error: no control labelled '" << wanted->label << "'"
                            << (wanted->occurrence > 1 ? " #" + std::to_string(wanted->occurrence)
                                                       : std::string())
                            << " on the screen (" << seen << " with that label)\n";
                        exitCode = 2;
                        window.close();
                        break;
                    }
                    const auto input = clickAt(static_cast<int>((found->min.x + found->max.x) / 2),
                                               static_cast<int>((found->min.y + found->max.y) / 2));
                    for (const auto& e : input.now)
                        handle(e);
                    releaseNextFrame.insert(releaseNextFrame.end(), input.nextFrame.begin(),
                                            input.nextFrame.end());
                } else {
                    // key, text, click: the events a person's input would make
                    const auto input = demoInput(c.action);
                    for (const auto& e : input.now)
                        handle(e);
                    releaseNextFrame.insert(releaseNextFrame.end(), input.nextFrame.begin(),
                                            input.nextFrame.end());
                }
            }
        }
        if (!window.isOpen())
            break;
        if (app.takeFontChange())
            applyFont();
        if (const auto size = app.takeWindowSizeRequest()) {
            window.setSize({size->first, size->second});
            window.setView(sf::View(
                sf::FloatRect(0, 0, static_cast<float>(size->first), static_cast<float>(size->second))));
        }

        const sf::Time elapsed = frameClock.restart();
        // A demo script's time moves one 60th of a second a frame, so its screenshots don't
        // depend on how fast the machine draws.
        app.tick(script ? 1.0 / 60.0 : static_cast<double>(elapsed.asSeconds()));
        // Speech: what the model asks to say is handed to the player's worker; a line stops
        // when speech is turned off or the session is left.
        const bool speaking = app.settings().speech || app.settings().selfVoicing;
        if (!speaking || (!app.settings().selfVoicing && (app.screen() == trainer::Screen::Library ||
                                                          app.screen() == trainer::Screen::Briefing)))
            speech.stop();
        if (auto requests = app.takeSpeechRequests(); !requests.empty())
            speech.say(std::move(requests));
        speech.update(app.settings().speechVolume);
        if (const auto problem = speech.takeProblem())
            app.noteSpeechProblem(*problem);
        imgui.newFrame(elapsed);
        drawScreens(app, screens);
        app.noteFocus(screens.controls.focused()); // self-voicing reads what has focus
        // Settings are kept once the trainee leaves the settings screen (not at every step of a
        // slider), and when the trainer closes.
        if (app.screen() != trainer::Screen::Settings)
            if (const auto problem = settingsKeeper.save(app.settings()))
                app.noteSettingsProblems({*problem});
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        window.clear(sf::Color(static_cast<sf::Uint8>(bg.x * 255), static_cast<sf::Uint8>(bg.y * 255),
                               static_cast<sf::Uint8>(bg.z * 255)));
        // ImGui's backend drew with raw OpenGL last frame: SFML must not trust its cached states.
        window.resetGLStates();
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(window.getSize().x),
                                              static_cast<float>(window.getSize().y))));
        if (!labelGlyphsWarm) // ahead of need, a size a frame
            labelGlyphsWarm = warmLabelGlyphs(stageFont, warmLabelSize);
        // A frame never waits for art; a screenshot's frame does, so it shows the real portraits.
        portraits.setWaitForArt(!screenshot.empty());
        drawStage(window, screens.stage, portraits, stageFont);
        drawScoreChart(window, screens.chart, stageFont);
        drawProgressCharts(window, screens.progress, stageFont);
        app.noteAssetProblems(portraits.problems());
        imgui.render();
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - frameStart).count();
        if (!screenshot.empty()) {
            sf::Texture texture;
            texture.create(window.getSize().x, window.getSize().y);
            texture.update(window);
            const auto file = options.screenshots / (screenshot + ".png");
            if (!texture.copyToImage().saveToFile(file.string())) {
                err << "sparring: cannot write screenshot " << file.string() << "\n";
                exitCode = 1;
            }
        }
        window.display();
        if (!firstFrameMs)
            firstFrameMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        else {
            frameMs.push_back(ms);
            if (ms >= slowest.ms)
                slowest = {ms, frameMs.size(), app.screen()};
        }
        if (options.bench && !script && frameMs.size() >= 300)
            window.close();
    }
    if (const auto problem = settingsKeeper.save(app.settings()))
        err << "sparring: warning: " << *problem << "\n";
    if (options.bench) {
        char line[300];
        std::snprintf(line, sizeof line,
                      "first interactive frame: %.1f ms\nframe CPU time over %zu frames: median %.2f ms, "
                      "95th percentile %.2f ms, "
                      "slowest %.2f ms (frame %zu, on the %s screen)\n",
                      firstFrameMs.value_or(0), frameMs.size(), percentile(frameMs, 0.5),
                      percentile(frameMs, 0.95), percentile(frameMs, 1.0), slowest.number,
                      screenName(slowest.screen));
        out << line;
    }
    return exitCode;
}

} // namespace sparring::ui
