// The desktop trainer.
//
// Sections:
//   1. App state and the screens: library, briefing, conversation, debrief, settings
//   2. The frame loop: events (real or from a demo script), the SFML scene under ImGui,
//      screenshots and the bench mode
// Demo scripts are read in DemoScript, shared ImGui pieces live in Widgets, the SFML scene in
// Stage and ScoreChart.

#include "ui/TrainerApp.hpp"

#include "runtime/Snapshot.hpp"
#include "scoring/Debrief.hpp"
#include "DemoScript.hpp"
#include "ImGuiBridge.hpp"
#include "Library.hpp"
#include "ScoreChart.hpp"
#include "Stage.hpp"
#include "Widgets.hpp"

#include <imgui.h>

#include <SFML/Graphics.hpp>
#include <X11/Xlib.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

namespace sparring::ui {

namespace fs = std::filesystem;

namespace {

// ---- 1. App state and screens ---------------------------------------------------------------

enum class Screen { Library, Briefing, Conversation, Debrief, Settings };

struct Message {
    enum class Kind { Line, Answer, Feedback, Analysis, Panel } kind;
    std::string who;
    std::string text;
    /// Answer: byte spans of the words the analyser pointed at, highlighted on screen.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights;
};

/// Text speeds offered in the settings, in characters per second; 0 shows a line at once.
struct TextSpeed {
    const char* name;
    float charsPerSecond;
};
constexpr TextSpeed kTextSpeeds[] = {{"Slow", 25}, {"Normal", 50}, {"Fast", 100}, {"Instant", 0}};

ImVec4 colour(Message::Kind kind)
{
    switch (kind) {
    case Message::Kind::Answer: return {0.55f, 0.80f, 1.00f, 1.0f};
    case Message::Kind::Feedback: return {0.95f, 0.85f, 0.45f, 1.0f};
    case Message::Kind::Analysis: return {0.70f, 0.90f, 0.70f, 1.0f};
    case Message::Kind::Panel: return {0.90f, 0.70f, 0.90f, 1.0f};
    default: return {0.92f, 0.92f, 0.92f, 1.0f};
    }
}

class App {
public:
    App(std::vector<LibraryEntry> library, fs::path models, float fontSize, float textSpeed)
        : m_library(std::move(library)), m_models(std::move(models)), m_fontSize(fontSize), m_textSpeed(textSpeed)
    {
    }

    /// Time passes: the current line reveals further.
    void tick(double seconds)
    {
        if (m_textSpeed <= 0) {
            m_revealed = std::numeric_limits<double>::infinity();
            return;
        }
        m_revealed += seconds * m_textSpeed;
    }

    /// What SFML draws under the controls this frame (set by draw()).
    [[nodiscard]] const StageView& stage() const { return m_stage; }
    [[nodiscard]] const ChartView& chart() const { return m_chart; }
    [[nodiscard]] bool highContrast() const { return m_highContrast; }
    void noteProblems(const std::vector<std::string>& problems) { m_assetProblems = problems; }

    /// App-level keys (the same for real and scripted input). Returns true when consumed.
    bool onKey(const sf::Event::KeyEvent& key)
    {
        if (key.control && (key.code == sf::Keyboard::Add || key.code == sf::Keyboard::Equal)) {
            m_fontSize = std::min(m_fontSize + 2.0f, 36.0f);
            m_fontChanged = true;
            return true;
        }
        if (key.control && (key.code == sf::Keyboard::Subtract || key.code == sf::Keyboard::Hyphen)) {
            m_fontSize = std::max(m_fontSize - 2.0f, 12.0f);
            m_fontChanged = true;
            return true;
        }
        if (m_screen == Screen::Conversation && m_session && !m_typing) {
            if (key.code >= sf::Keyboard::Num1 && key.code <= sf::Keyboard::Num9) {
                choose(static_cast<std::size_t>(key.code - sf::Keyboard::Num1) + 1);
                return true;
            }
            if ((key.code == sf::Keyboard::Space || key.code == sf::Keyboard::Enter) && revealing()) {
                m_revealed = std::numeric_limits<double>::infinity(); // first press: the whole line
                return true;
            }
            if ((key.code == sf::Keyboard::Space || key.code == sf::Keyboard::Enter) && advance())
                return true;
        }
        if (key.code == sf::Keyboard::F2) {
            openSettings();
            return true;
        }
        if (key.code == sf::Keyboard::Escape) {
            m_screen = m_screen == Screen::Settings     ? m_beforeSettings
                       : m_screen == Screen::Conversation ? Screen::Briefing
                                                          : Screen::Library;
            return true;
        }
        if (m_screen == Screen::Briefing && key.code == sf::Keyboard::Enter) {
            start();
            return true;
        }
        return false;
    }

    void draw()
    {
        clickTargets().clear();
        m_stage = {};
        m_chart = {};
        const ImGuiIO& io = ImGui::GetIO();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        // No background: the window is cleared to the theme's colour and the stage drawn by SFML
        // shows through the conversation screen's stage area.
        ImGui::Begin("Sparring", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
        switch (m_screen) {
        case Screen::Library: drawLibrary(); break;
        case Screen::Briefing: drawBriefing(); break;
        case Screen::Conversation: drawConversation(); break;
        case Screen::Debrief: drawDebrief(); break;
        case Screen::Settings: drawSettings(); break;
        }
        ImGui::End();
    }

    [[nodiscard]] bool takeFontChange()
    {
        const bool changed = m_fontChanged;
        m_fontChanged = false;
        return changed;
    }
    [[nodiscard]] float fontSize() const { return m_fontSize; }
    [[nodiscard]] const runtime::Session* session() const { return m_session ? &*m_session : nullptr; }

private:
    // -- library --
    void drawLibrary()
    {
        ImGui::TextUnformatted("Sparring");
        ImGui::SameLine();
        ImGui::TextDisabled("practise coaching conversations before you have them");
        // On the title line, at the right, so the list below stays where it is.
        const float settingsWidth = ImGui::CalcTextSize("Settings (F2)").x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - settingsWidth);
        if (smallButton("Settings (F2)"))
            openSettings();
        ImGui::Separator();
        ImGui::TextDisabled("Recommended next: your practice history will suggest a scenario here.");
        ImGui::Spacing();

        static const char* kinds[] = {"All kinds", "Role-plays", "Panels"};
        ImGui::SetNextItemWidth(160);
        ImGui::Combo("##kind", &m_kindFilter, kinds, 3);
        ImGui::SameLine();
        std::vector<std::string> principles{"All principles"};
        for (const auto& e : m_library)
            if (e.scenario)
                for (const auto& p : e.scenario->framework.principles)
                    if (std::find(principles.begin(), principles.end(), p.name) == principles.end())
                        principles.push_back(p.name);
        ImGui::SetNextItemWidth(260);
        if (ImGui::BeginCombo("##principle", principles[std::min<std::size_t>(m_principleFilter, principles.size() - 1)].c_str())) {
            for (std::size_t i = 0; i < principles.size(); ++i)
                if (selectable(principles[i], m_principleFilter == i))
                    m_principleFilter = i;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##search", "Search titles and summaries", m_search, sizeof m_search);
        ImGui::Spacing();

        if (ImGui::BeginTable("scenarios", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch, 4.0f);
            ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("Minutes", ImGuiTableColumnFlags_WidthStretch, 0.8f);
            ImGui::TableSetupColumn("Difficulty", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("Focus", ImGuiTableColumnFlags_WidthStretch, 3.0f);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < m_library.size(); ++i) {
                const auto& entry = m_library[i];
                if (!entry.scenario || !visible(*entry.scenario, principles))
                    continue;
                const auto& meta = entry.scenario->meta;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(static_cast<int>(i));
                if (selectable(meta.title, m_selected == i, ImGuiSelectableFlags_SpanAllColumns)) {
                    m_selected = i;
                    m_screen = Screen::Briefing;
                }
                ImGui::PopID();
                ImGui::TextWrapped("%s", meta.summary.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(meta.kind == core::ScenarioKind::Panel ? "Panel" : "Role-play");
                ImGui::TableNextColumn();
                ImGui::Text("%d", meta.minutes);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(std::string(core::toString(meta.difficulty)).c_str());
                ImGui::TableNextColumn();
                std::string focus;
                for (const auto p : meta.focus)
                    focus += (focus.empty() ? "" : ", ") + entry.scenario->framework.principles[p].name;
                ImGui::TextWrapped("%s", focus.c_str());
            }
            ImGui::EndTable();
        }
        bool headed = false;
        for (const auto& entry : m_library) {
            if (entry.scenario)
                continue;
            if (!headed) {
                ImGui::Spacing();
                ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.45f, 1.0f), "Scenarios that cannot be played until they are fixed:");
                headed = true;
            }
            ImGui::Bullet();
            ImGui::TextWrapped("%s", entry.file.generic_string().c_str());
            for (const auto& d : entry.diagnostics.items())
                if (d.severity == core::Severity::Error)
                    ImGui::TextWrapped("    %s", core::format(d).c_str());
        }
    }

    bool visible(const core::Scenario& s, const std::vector<std::string>& principles) const
    {
        if (m_kindFilter == 1 && s.meta.kind != core::ScenarioKind::Roleplay)
            return false;
        if (m_kindFilter == 2 && s.meta.kind != core::ScenarioKind::Panel)
            return false;
        if (m_principleFilter > 0 && m_principleFilter < principles.size()) {
            const bool has = std::any_of(s.meta.focus.begin(), s.meta.focus.end(), [&](std::size_t p) {
                return s.framework.principles[p].name == principles[m_principleFilter];
            });
            if (!has)
                return false;
        }
        const std::string needle = lower(m_search);
        return needle.empty() || lower(s.meta.title).find(needle) != std::string::npos ||
               lower(s.meta.summary).find(needle) != std::string::npos;
    }

    static std::string lower(std::string text)
    {
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return text;
    }

    // -- briefing --
    void drawBriefing()
    {
        if (m_selected >= m_library.size() || !m_library[m_selected].scenario) {
            m_screen = Screen::Library;
            return;
        }
        const auto& s = *m_library[m_selected].scenario;
        ImGui::Text("%s", s.meta.title.c_str());
        ImGui::TextDisabled("%s, about %d minutes, %s", s.meta.kind == core::ScenarioKind::Panel ? "Expert panel" : "Role-play",
                            s.meta.minutes, std::string(core::toString(s.meta.difficulty)).c_str());
        ImGui::Separator();
        ImGui::TextWrapped("%s", s.meta.summary.c_str());
        ImGui::Spacing();
        // Their faces, drawn by SFML in the space kept here, in a row.
        const ImVec2 facesAt = ImGui::GetCursorScreenPos();
        const ImVec2 facesSize(ImGui::GetContentRegionAvail().x, std::clamp(ImGui::GetFontSize() * 8.0f, 130.0f, 200.0f));
        ImGui::Dummy(facesSize);
        m_stage.area = sf::FloatRect(facesAt.x, facesAt.y, facesSize.x, facesSize.y);
        m_stage.panel = s.meta.kind == core::ScenarioKind::Panel;
        m_stage.table = false;
        m_stage.seats = castSeats(s, nullptr, {});
        m_stage.highContrast = m_highContrast;
        // The choice and the way in come before the details, so they are never below the fold.
        if (radioButton("Practice: feedback after every answer", m_mode == 0))
            m_mode = 0;
        ImGui::SameLine();
        if (radioButton("Assessment: feedback at the end", m_mode == 1))
            m_mode = 1;
        if (button("Start (Enter)"))
            start();
        ImGui::SameLine();
        if (button("Back to the library (Esc)"))
            m_screen = Screen::Library;
        ImGui::Spacing();
        ImGui::BeginChild("briefing-details", ImVec2(0, 0), false);
        ImGui::TextUnformatted(s.meta.kind == core::ScenarioKind::Panel ? "Who is on the panel" : "Who you are talking to");
        for (std::size_t i = 0; i < s.cast.size(); ++i) {
            const auto& c = s.cast[i];
            ImGui::Bullet();
            ImGui::TextWrapped("%s, %s", c.name.c_str(), c.role.c_str());
            if (!c.viewpoint.empty())
                ImGui::TextWrapped("      %s", c.viewpoint.c_str());
            else if (!c.persona.empty())
                ImGui::TextWrapped("      %s", c.persona.c_str());
        }
        ImGui::Spacing();
        ImGui::TextUnformatted("What to practise");
        for (const auto p : s.meta.focus) {
            const auto& principle = s.framework.principles[p];
            ImGui::Bullet();
            ImGui::TextWrapped("%s: %s", principle.name.c_str(), principle.description.c_str());
        }
        ImGui::EndChild();
    }

    void start()
    {
        const auto& scenario = m_library[m_selected].scenario;
        auto [analyser, error] = scoring::makeAnalyser(scenario->framework, m_models);
        m_analyser = std::move(analyser);
        // Without the scorer's models, free text is still matched by its phrases; say so.
        const std::string scorerProblem = m_analyser || error.empty() ? std::string() : "Typed answers are matched by phrases only: " + error;
        runtime::SessionOptions options;
        options.analyser = m_analyser;
        m_session.emplace(scenario, options);
        m_messages.clear();
        m_attempts.clear();
        m_lastLine = static_cast<std::size_t>(-1);
        m_verdicts.clear();
        m_notice = scorerProblem;
        m_screen = Screen::Conversation;
        m_scrollToEnd = true;
        noteLine();
    }

    // -- conversation --
    void noteLine()
    {
        if (const auto* line = std::get_if<runtime::LineEvent>(&m_session->current());
            line && m_session->transcript().size() != m_lastLine) {
            m_lastLine = m_session->transcript().size();
            m_messages.push_back({Message::Kind::Line, line->speakerName, line->text, {}});
            m_revealIndex = m_messages.size() - 1;
            m_revealed = m_textSpeed > 0 ? 0.0 : std::numeric_limits<double>::infinity();
            m_scrollToEnd = true;
        }
    }

    bool advance()
    {
        if (!m_session || !std::holds_alternative<runtime::LineEvent>(m_session->current()))
            return false;
        m_verdicts.clear(); // the panel's faces follow the conversation again
        m_session->next();
        noteLine();
        return true;
    }

    void afterAnswer(const runtime::Answer& answer)
    {
        if (!answer.accepted()) {
            m_notice = answer.refused;
            return;
        }
        m_notice.clear();
        m_verdicts.clear();
        if (const auto report = scoring::reportLatestDecision(*m_session, m_analyser.get()))
            showTurn(scoring::shownDuringPlay(*report, mode()));
        noteLine();
        m_scrollToEnd = true;
    }

    [[nodiscard]] scoring::FeedbackMode mode() const
    {
        return m_mode == 0 ? scoring::FeedbackMode::Practice : scoring::FeedbackMode::Assessment;
    }

    /// The conversation's messages for one decision, as the engine reported it: the answer (with
    /// the words the analyser pointed at highlighted), what they did, the feedback and, on a
    /// panel, every expert's reaction, whose verdict also sets their face.
    void showTurn(const scoring::TurnReport& report)
    {
        Message said{Message::Kind::Answer, "You", report.answer, {}};
        if (report.analysis)
            for (const auto& e : report.analysis->evidence)
                said.highlights.emplace_back(e.start, e.end);
        m_messages.push_back(std::move(said));
        if (report.analysis) {
            std::string text = "What your words did: " + scoring::detectedSummary(*report.analysis);
            for (const auto& e : report.analysis->evidence)
                text += "\n  - " + e.why;
            m_messages.push_back({Message::Kind::Analysis, "", text, {}});
        }
        if (!report.feedback.empty())
            m_messages.push_back({Message::Kind::Feedback, "", report.feedback, {}});
        m_verdicts.clear();
        for (const auto& r : report.reactions) {
            m_verdicts[r.expertId] = r.verdict;
            m_messages.push_back({Message::Kind::Panel, r.expertName + " " + std::string(scoring::toString(r.verdict)), r.line, {}});
        }
    }

    void choose(std::size_t number)
    {
        if (!m_session || !std::holds_alternative<runtime::ChoiceEvent>(m_session->current()))
            return;
        afterAnswer(m_session->choose(number));
    }

    [[nodiscard]] bool revealing() const
    {
        return m_revealIndex < m_messages.size() &&
               m_revealed < static_cast<double>(characterCount(m_messages[m_revealIndex].text));
    }

    /// The seats of the stage: the cast in order (the chair first on a panel), each with the
    /// expression of their mood, or of their verdict on the last answer.
    std::vector<Seat> seats() const
    {
        std::string speakerId;
        if (const auto* line = std::get_if<runtime::LineEvent>(&m_session->current()))
            speakerId = line->speakerId;
        else if (const auto* prompt = std::get_if<runtime::PromptEvent>(&m_session->current()))
            speakerId = prompt->speakerId;
        auto out = castSeats(m_session->scenario(), &m_session->state().moods, speakerId);
        for (auto& seat : out)
            if (const auto it = m_verdicts.find(seat.id); it != m_verdicts.end()) {
                seat.verdict = it->second == scoring::Verdict::Agree ? "agrees" : it->second == scoring::Verdict::Disagree ? "disagrees" : "mixed";
                seat.expression = it->second == scoring::Verdict::Agree      ? "pleased"
                                  : it->second == scoring::Verdict::Disagree ? "frustrated"
                                                                              : "neutral";
            }
        return out;
    }

    /// The cast as seats, the chair first; at most eight. `moods` (per character) when a
    /// session is running, neutral faces otherwise.
    static std::vector<Seat> castSeats(const core::Scenario& scenario, const std::vector<std::string>* moods, const std::string& speakerId)
    {
        std::vector<std::size_t> order;
        if (scenario.moderator)
            order.push_back(*scenario.moderator);
        for (std::size_t i = 0; i < scenario.cast.size() && order.size() < 8; ++i)
            if (scenario.moderator != i)
                order.push_back(i);
        std::vector<Seat> out;
        for (const auto i : order) {
            const auto& c = scenario.cast[i];
            Seat seat{c.name, c.role, c.portrait.image, moods ? (*moods)[i] : std::string(), c.id == speakerId, scenario.moderator == i, {}, c.id};
            if (scenario.meta.kind == core::ScenarioKind::Panel)
                seat.role = roleShort(c.role);
            out.push_back(std::move(seat));
        }
        return out;
    }

    /// A panel seat has room for a few words of the role: up to the first comma.
    static std::string roleShort(const std::string& role)
    {
        return role.substr(0, role.find(','));
    }

    void drawConversation()
    {
        if (!m_session) {
            m_screen = Screen::Library;
            return;
        }
        const auto& scenario = m_session->scenario();
        const bool panel = scenario.meta.kind == core::ScenarioKind::Panel;
        const ImVec2 room = ImGui::GetContentRegionAvail();

        // The stage: an empty, see-through region that SFML fills with the portraits (and the
        // table) after ImGui has laid the screen out. A panel gets a band across the top; a
        // role-play a column on the left.
        const ImVec2 stageSize = panel ? ImVec2(room.x, std::max(220.0f, room.y * 0.42f))
                                       : ImVec2(std::clamp(room.x * 0.30f, 240.0f, 440.0f), room.y);
        ImGui::BeginChild("stage", stageSize, false, ImGuiWindowFlags_NoBackground);
        const ImVec2 stageAt = ImGui::GetWindowPos();
        ImGui::EndChild();
        m_stage.area = sf::FloatRect(stageAt.x, stageAt.y, stageSize.x, stageSize.y);
        m_stage.panel = panel;
        m_stage.seats = seats();
        m_stage.highContrast = m_highContrast;
        if (!panel)
            ImGui::SameLine();

        ImGui::BeginGroup();
        const float inputHeight = std::min(ImGui::GetFontSize() * 13.0f, ImGui::GetContentRegionAvail().y * 0.55f);
        ImGui::BeginChild("transcript", ImVec2(0, -inputHeight), true);
        for (std::size_t k = 0; k < m_messages.size(); ++k) {
            const auto& m = m_messages[k];
            std::string text = m.text;
            if (k == m_revealIndex && revealing())
                text.resize(prefixBytes(text, static_cast<std::size_t>(m_revealed)));
            if (m.kind == Message::Kind::Answer && !m.highlights.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, colour(m.kind));
                ImGui::TextUnformatted("You:");
                ImGui::PopStyleColor();
                ImGui::SameLine();
                highlightedText(text, m.highlights, colour(m.kind), ImVec4(1.0f, 0.85f, 0.35f, 1.0f));
            } else {
                ImGui::PushStyleColor(ImGuiCol_Text, colour(m.kind));
                if (m.who.empty())
                    ImGui::TextWrapped("%s", text.c_str());
                else
                    ImGui::TextWrapped("%s: %s", m.who.c_str(), text.c_str());
                ImGui::PopStyleColor();
            }
            ImGui::Spacing();
        }
        if (revealing() || m_scrollToEnd)
            ImGui::SetScrollHereY(1.0f);
        m_scrollToEnd = false;
        // A click on the conversation shows the rest of a line being revealed.
        if (revealing() && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
            m_revealed = std::numeric_limits<double>::infinity();
        ImGui::EndChild();

        ImGui::BeginChild("answer", ImVec2(0, 0), true);
        m_typing = false;
        const auto& event = m_session->current();
        for (const auto& problem : m_assetProblems)
            ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.5f, 1.0f), "Portrait missing, showing initials: %s", problem.c_str());
        if (!m_notice.empty())
            ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.5f, 1.0f), "%s", m_notice.c_str());
        if (revealing()) {
            if (button("Show the whole line (Space)"))
                m_revealed = std::numeric_limits<double>::infinity();
        } else if (std::holds_alternative<runtime::LineEvent>(event)) {
            if (button("Continue (Space)"))
                advance();
        } else if (const auto* choice = std::get_if<runtime::ChoiceEvent>(&event)) {
            ImGui::TextWrapped("%s", choice->prompt.empty() ? "What do you say?" : choice->prompt.c_str());
            if (const auto picked = optionCards(*choice))
                choose(*picked); // after drawing: choosing ends `choice`'s life
        } else if (const auto* prompt = std::get_if<runtime::PromptEvent>(&event)) {
            ImGui::TextWrapped("%s", prompt->prompt.c_str());
            m_typing = true;
            ImGui::SetKeyboardFocusHere();
            const bool send = ImGui::InputTextMultiline("##answer", m_answer, sizeof m_answer,
                                                        ImVec2(-1, ImGui::GetFontSize() * 3.2f),
                                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
            if ((send || button("Send (Enter; Shift+Enter for a new line)")) && m_answer[0] != '\0') {
                const std::string text = m_answer;
                m_answer[0] = '\0';
                afterAnswer(m_session->respond(text));
            }
        } else if (std::holds_alternative<runtime::EndEvent>(event)) {
            ImGui::TextUnformatted("The conversation is over.");
            if (button("See the debrief (Enter)") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))
                showDebrief();
        }
        ImGui::EndChild();
        ImGui::EndGroup();
    }

    // -- debrief --
    /// One of the trainee's answers in the debrief: a free-text answer with the words the
    /// analyser pointed at highlighted and explained, then the scenario's feedback and, on a
    /// panel, the experts' reactions.
    void drawDebriefAnswer(const scoring::TurnReport& turn)
    {
        if (turn.typed && turn.analysis) {
            const auto& analysis = *turn.analysis;
            std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
            for (const auto& e : analysis.evidence)
                spans.emplace_back(e.start, e.end);
            highlightedText(turn.answer, spans, colour(Message::Kind::Answer), ImVec4(1.0f, 0.85f, 0.35f, 1.0f));
            ImGui::PushStyleColor(ImGuiCol_Text, colour(Message::Kind::Analysis));
            ImGui::TextWrapped("Detected: %s", scoring::detectedSummary(analysis).c_str());
            for (const auto& e : analysis.evidence)
                ImGui::TextWrapped("  - %s", e.why.c_str());
            ImGui::PopStyleColor();
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, colour(Message::Kind::Answer));
            ImGui::TextWrapped("%s", turn.answer.c_str());
            ImGui::PopStyleColor();
        }
        if (!turn.feedback.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour(Message::Kind::Feedback));
            ImGui::TextWrapped("%s", turn.feedback.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::PushStyleColor(ImGuiCol_Text, colour(Message::Kind::Panel));
        for (const auto& r : turn.reactions)
            ImGui::TextWrapped("%s %s: %s", r.expertName.c_str(), std::string(scoring::toString(r.verdict)).c_str(), r.line.c_str());
        ImGui::PopStyleColor();
    }

    void drawDebrief()
    {
        if (!m_session) {
            m_screen = Screen::Library;
            return;
        }
        // Which attempt to show: this one, or one the trainee retried from.
        if (!m_attempts.empty()) {
            ImGui::TextUnformatted("Show:");
            for (std::size_t a = 0; a <= m_attempts.size(); ++a) {
                const runtime::Session& attempt = a < m_attempts.size() ? m_attempts[a] : *m_session;
                std::string label = a < m_attempts.size() ? "Attempt " + std::to_string(a + 1) : "This attempt";
                if (const auto* over = std::get_if<runtime::EndEvent>(&attempt.current()))
                    label += " (" + std::string(core::toString(over->outcome)) + ")";
                ImGui::SameLine();
                if (radioButton(label, m_shownAttempt == a) && m_shownAttempt != a) {
                    m_shownAttempt = a;
                    m_debrief.reset();
                }
            }
        }
        const runtime::Session& shown = m_shownAttempt < m_attempts.size() ? m_attempts[m_shownAttempt] : *m_session;
        const bool current = &shown == &*m_session;
        if (!m_debrief)
            m_debrief = scoring::buildDebrief(shown, m_analyser.get());
        const scoring::Debrief& data = *m_debrief;
        if (const auto& end = data.ending) {
            ImGui::Text("Outcome: %s%s%s", std::string(core::toString(end->outcome)).c_str(), end->title.empty() ? "" : " - ",
                        end->title.c_str());
            ImGui::Separator();
            ImGui::TextWrapped("%s", end->debrief.c_str());
        }
        ImGui::Spacing();
        ImGui::TextUnformatted("Score per principle");
        if (data.scored) {
            // The chart itself is drawn by SFML into the space reserved here.
            m_chart.bars.clear();
            for (const auto& p : data.principles)
                m_chart.bars.push_back({p.name, p.score});
            const float rows = static_cast<float>(m_chart.bars.size());
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 42), rows * ImGui::GetFontSize() * 1.5f);
            ImGui::Dummy(size);
            m_chart.area = sf::FloatRect(at.x, at.y, size.x, size.y);
            m_chart.textSize = static_cast<unsigned>(ImGui::GetFontSize() * 0.9f);
            m_chart.highContrast = m_highContrast;
            // In one line: what went best and what to do differently next time.
            if (data.strongest) {
                const auto& best = data.principles[*data.strongest];
                ImGui::Text("Strongest: %s (%+g).", best.name.c_str(), best.score);
                if (data.toWorkOn) {
                    const auto& worst = data.principles[*data.toWorkOn];
                    ImGui::SameLine();
                    ImGui::Text("To work on next time: %s (%+g).", worst.name.c_str(), worst.score);
                }
            }
            if (const auto& speech = data.speech)
                ImGui::Text("Questions: %g   Statements: %g   Reflections per question: %.2f   Your share of the words: %.0f%%",
                            speech->questions.value, speech->statements.value, speech->reflectionsPerQuestion.value,
                            100 * speech->traineeShareOfWords.value);
        }
        ImGui::Spacing();
        const auto& path = data.path;
        const auto missed = std::count_if(path.begin(), path.end(), [](const auto& step) { return step.missed; });
        ImGui::Text("Your path beside the expert's: %zu decisions, %zu where the expert's answer was stronger", path.size(),
                    static_cast<std::size_t>(missed));
        ImGui::TextDisabled(current ? "Retry from any decision; this attempt is kept." : "An earlier attempt, kept for comparison.");
        ImGui::BeginChild("debrief-transcript", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 1.5f), true);
        std::optional<std::size_t> retryFrom;
        if (ImGui::BeginTable("paths", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
            ImGui::TableSetupColumn("What you did");
            ImGui::TableSetupColumn("What an expert would do");
            ImGui::TableHeadersRow();
            for (const auto& step : path) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (current) {
                    ImGui::PushID(static_cast<int>(step.entry));
                    if (smallButton("Retry from here"))
                        retryFrom = step.entry;
                    ImGui::PopID();
                }
                if (!step.prompt.empty()) {
                    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
                    ImGui::TextWrapped("%s", step.prompt.c_str());
                    ImGui::PopStyleColor();
                }
                for (const auto& turn : data.turns)
                    if (turn.entry == step.entry)
                        drawDebriefAnswer(turn);
                ImGui::TableNextColumn();
                const bool same = step.expert == step.yours;
                if (step.missed)
                    ImGui::TextColored(ImVec4(1.0f, 0.65f, 0.30f, 1.0f), "Missed: the expert's answer was stronger");
                else if (same)
                    ImGui::TextColored(ImVec4(0.45f, 0.85f, 0.50f, 1.0f), "The expert's choice too");
                else
                    ImGui::TextColored(ImVec4(0.45f, 0.85f, 0.50f, 1.0f), "As strong as the expert's; an expert might say:");
                if (!step.expert.empty() && !same) {
                    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.85f, 1.0f, 1.0f));
                    ImGui::TextWrapped("%s", step.expert.c_str());
                    ImGui::PopStyleColor();
                }
                if (step.missed && !step.expertWhy.empty()) {
                    ImGui::PushStyleColor(ImGuiCol_Text, colour(Message::Kind::Feedback));
                    ImGui::TextWrapped("Why: %s", step.expertWhy.c_str());
                    ImGui::PopStyleColor();
                }
            }
            ImGui::EndTable();
        }
        ImGui::EndChild();
        if (button("Back to the library (Esc)"))
            m_screen = Screen::Library;
        if (retryFrom)
            retry(*retryFrom);
    }

    /// Goes back to just before the decision recorded at transcript entry `entry`, keeping the
    /// finished attempt for comparison in the debrief.
    void retry(std::size_t entry)
    {
        m_attempts.push_back(*m_session);
        while (m_session->canUndo() && m_session->transcript().size() > entry)
            m_session->undo();
        // Rebuild what the conversation screen shows from the transcript as it now stands, each
        // decision as it was shown when it was made.
        m_messages.clear();
        const auto& transcript = m_session->transcript();
        for (std::size_t i = 0; i < transcript.size(); ++i) {
            if (const auto* line = std::get_if<runtime::SpokenLine>(&transcript[i]))
                m_messages.push_back({Message::Kind::Line, line->speaker, line->text, {}});
            else if (runtime::decisionOf(transcript[i]))
                showTurn(scoring::shownDuringPlay(scoring::reportTurn(m_session->scenario(), transcript, i, m_analyser.get()), mode()));
        }
        m_lastLine = m_session->transcript().size();
        m_revealIndex = static_cast<std::size_t>(-1);
        m_verdicts.clear();
        m_notice = "Retrying from this decision; your earlier attempt is kept in the debrief.";
        m_scrollToEnd = true;
        m_screen = Screen::Conversation;
    }

    /// On to the debrief; the finished session's transcript is written out when asked to.
    void showDebrief()
    {
        m_screen = Screen::Debrief;
        m_shownAttempt = m_attempts.size(); // this attempt
        m_debrief.reset();
        if (!m_transcriptPath.empty() && m_session)
            if (const auto error = runtime::writeFileAtomically(m_transcriptPath, runtime::transcriptJson(*m_session)))
                m_notice = *error;
    }

public:
    void setTranscriptPath(fs::path path) { m_transcriptPath = std::move(path); }

private:
    void openSettings()
    {
        if (m_screen != Screen::Settings)
            m_beforeSettings = m_screen;
        m_screen = Screen::Settings;
    }

    void drawSettings()
    {
        ImGui::TextUnformatted("Settings");
        ImGui::Separator();
        float size = m_fontSize;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        if (ImGui::SliderFloat("Text size (also Ctrl +/-)", &size, 12.0f, 36.0f, "%.0f") && size != m_fontSize) {
            m_fontSize = size;
            m_fontChanged = true;
        }
        ImGui::TextUnformatted("Text speed");
        for (const auto& speed : kTextSpeeds) {
            ImGui::SameLine();
            if (radioButton(speed.name, m_textSpeed == speed.charsPerSecond))
                m_textSpeed = speed.charsPerSecond;
        }
        if (checkbox("High-contrast theme", &m_highContrast))
            m_highContrast ? styleHighContrast() : ImGui::StyleColorsDark();
        ImGui::TextUnformatted("Window size");
        for (const auto& [w, h] : {std::pair{1024u, 700u}, std::pair{1280u, 800u}, std::pair{1600u, 1000u}}) {
            ImGui::SameLine();
            const std::string label = std::to_string(w) + " x " + std::to_string(h);
            if (button(label))
                m_requestedSize = sf::Vector2u(w, h);
        }
        ImGui::Spacing();
        ImGui::TextDisabled("Keys: 1-9 pick an option, Space or Enter goes on, Tab and the arrows move between controls,");
        ImGui::TextDisabled("Enter sends a free-text answer (Shift+Enter for a new line), Esc goes back, F2 opens settings.");
        ImGui::Spacing();
        if (button("Done (Esc)"))
            m_screen = m_beforeSettings;
    }

public:
    [[nodiscard]] std::optional<sf::Vector2u> takeSizeRequest()
    {
        auto size = m_requestedSize;
        m_requestedSize.reset();
        return size;
    }

private:
    std::vector<LibraryEntry> m_library;
    fs::path m_models; ///< the scorer's trained models
    fs::path m_transcriptPath;
    float m_fontSize;
    float m_textSpeed; ///< characters per second; 0 shows lines at once
    double m_revealed = 0;  ///< characters of the current line shown so far
    std::size_t m_revealIndex = static_cast<std::size_t>(-1); ///< the message being revealed
    std::map<std::string, scoring::Verdict> m_verdicts; ///< the panel's verdicts on the last answer, by expert id
    StageView m_stage;
    ChartView m_chart;
    std::vector<std::string> m_assetProblems;
    bool m_highContrast = false;
    Screen m_beforeSettings = Screen::Library;
    std::optional<sf::Vector2u> m_requestedSize;
    bool m_fontChanged = false;
    Screen m_screen = Screen::Library;
    int m_kindFilter = 0;
    std::size_t m_principleFilter = 0;
    char m_search[128] = "";
    std::size_t m_selected = 0;
    int m_mode = 0; ///< 0 practice, 1 assessment
    std::shared_ptr<const scoring::Analyser> m_analyser;
    std::optional<runtime::Session> m_session;
    std::vector<runtime::Session> m_attempts; ///< finished attempts the trainee retried from
    std::size_t m_shownAttempt = 0;           ///< the debrief's attempt: an index into m_attempts, or its size for this one
    std::optional<scoring::Debrief> m_debrief; ///< what the debrief shows of that attempt, built once
    std::vector<Message> m_messages;
    std::size_t m_lastLine = static_cast<std::size_t>(-1);
    std::string m_notice;
    char m_answer[4096] = "";
    bool m_typing = false;
    bool m_scrollToEnd = false;
};

// ---- 2. The frame loop ----------------------------------------------------------------------

bool displayAvailable()
{
    // SFML aborts the process when it cannot open a display; ask X first and explain instead.
    Display* display = XOpenDisplay(nullptr);
    if (!display)
        return false;
    XCloseDisplay(display);
    return true;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

} // namespace

int runGui(const GuiOptions& options, std::ostream& out, std::ostream& err)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    std::optional<std::vector<DemoCommand>> script;
    if (options.demoScript) {
        script = readDemoScript(*options.demoScript, err);
        if (!script)
            return 2;
    }
    if (!displayAvailable()) {
        err << "sparring: no display to open the trainer's window on (DISPLAY is '"
            << (std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "") << "').\n"
            << "  Run it on a desktop, or headless with: xvfb-run -a -s \"-screen 0 1280x800x24\" sparring gui\n"
            << "  The terminal player works everywhere: sparring play SCENARIO\n";
        return 1;
    }
    std::error_code ec;
    if (!fs::is_directory(options.library, ec)) {
        err << "sparring: the scenario library '" << options.library.string() << "' is not a folder\n";
        return 1;
    }
    App app(scanLibrary(options.library), options.models, 18.0f, options.textSpeed);
    PortraitCache portraits(options.assets);
    sf::Font stageFont;
    if (!stageFont.loadFromFile(options.font.string()))
        err << "sparring: warning: font " << options.font.string() << " not found; names on the stage are not drawn\n";
    if (options.transcript)
        app.setTranscriptPath(*options.transcript);

    sf::RenderWindow window(sf::VideoMode(options.width, options.height), "Sparring", sf::Style::Default);
    window.setVerticalSyncEnabled(false);
    window.setFramerateLimit(options.bench || script ? 0 : 60);
    ImGuiBridge imgui(window, options.font.string(), app.fontSize());
    if (!imgui.fontLoaded())
        err << "sparring: warning: font " << options.font.string() << " not found; using ImGui's built-in font\n";
    ImGui::StyleColorsDark();

    if (script)
        fs::create_directories(options.screenshots, ec);
    std::deque<DemoCommand> pending;
    if (script)
        pending.assign(script->begin(), script->end());
    int waitFrames = 0;
    std::vector<sf::Event> releaseNextFrame;
    std::vector<double> frameMs;
    std::optional<double> firstFrameMs;
    sf::Clock frameClock;
    int exitCode = 0;

    const auto handle = [&](const sf::Event& event) {
        if (event.type == sf::Event::Closed)
            window.close();
        if (event.type == sf::Event::Resized)
            window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width), static_cast<float>(event.size.height))));
        // Shift+Enter in a text box starts a new line (Enter alone sends the answer).
        if (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::Enter && event.key.shift &&
            ImGui::GetIO().WantTextInput) {
            ImGui::GetIO().AddInputCharacter('\n');
            return;
        }
        if (event.type == sf::Event::KeyPressed && !ImGui::GetIO().WantTextInput && app.onKey(event.key))
            return; // the app used it (option keys, Space, Esc...)
        if (event.type == sf::Event::KeyPressed && event.key.control && app.onKey(event.key))
            return;
        // Esc (back) and F2 (settings) work from a text box too: typing must not trap anyone.
        if (event.type == sf::Event::KeyPressed && (event.key.code == sf::Keyboard::Escape || event.key.code == sf::Keyboard::F2) &&
            app.onKey(event.key))
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
                const DemoCommand c = pending.front();
                pending.pop_front();
                if (c.verb == "wait") {
                    waitFrames = std::max(0, std::atoi(c.argument.c_str()));
                } else if (c.verb == "quit") {
                    window.close();
                    break;
                } else if (c.verb == "screenshot") {
                    screenshot = c.argument;
                } else if (c.verb == "press") {
                    // The control with that label, where the last frame drew it.
                    const auto wanted = pressTarget(c);
                    int seen = 0;
                    std::optional<ClickTarget> found;
                    for (const auto& target : clickTargets())
                        if (target.label == wanted.label && ++seen == wanted.occurrence) {
                            found = target;
                            break;
                        }
                    if (!found) {
                        err << options.demoScript->string() << ":" << c.line << ": error: no control labelled '" << wanted.label
                            << "'" << (wanted.occurrence > 1 ? " #" + std::to_string(wanted.occurrence) : std::string())
                            << " on the screen (" << seen << " with that label)\n";
                        exitCode = 2;
                        window.close();
                        break;
                    }
                    const auto input = clickAt(static_cast<int>((found->min.x + found->max.x) / 2), static_cast<int>((found->min.y + found->max.y) / 2));
                    for (const auto& e : input.now)
                        handle(e);
                    releaseNextFrame.insert(releaseNextFrame.end(), input.nextFrame.begin(), input.nextFrame.end());
                } else {
                    // key, text, click: the events a person's input would make
                    auto input = demoInput(c);
                    for (const auto& e : input.now)
                        handle(e);
                    releaseNextFrame.insert(releaseNextFrame.end(), input.nextFrame.begin(), input.nextFrame.end());
                }
            }
        }
        if (!window.isOpen())
            break;
        if (app.takeFontChange())
            imgui.setFontSize(app.fontSize());
        if (const auto size = app.takeSizeRequest()) {
            window.setSize(*size);
            window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size->x), static_cast<float>(size->y))));
        }

        const sf::Time elapsed = frameClock.restart();
        // A demo script's time moves one 60th of a second a frame, so its screenshots don't
        // depend on how fast the machine draws.
        app.tick(script ? 1.0 / 60.0 : static_cast<double>(elapsed.asSeconds()));
        imgui.newFrame(elapsed);
        app.draw();
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        window.clear(sf::Color(static_cast<sf::Uint8>(bg.x * 255), static_cast<sf::Uint8>(bg.y * 255), static_cast<sf::Uint8>(bg.z * 255)));
        // ImGui's backend drew with raw OpenGL last frame: SFML must not trust its cached states.
        window.resetGLStates();
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(window.getSize().x), static_cast<float>(window.getSize().y))));
        drawStage(window, app.stage(), portraits, stageFont);
        drawScoreChart(window, app.chart(), stageFont);
        app.noteProblems(portraits.problems());
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
        else
            frameMs.push_back(ms);
        if (options.bench && !script && frameMs.size() >= 300)
            window.close();
    }
    if (options.bench) {
        char line[200];
        std::snprintf(line, sizeof line,
                      "first interactive frame: %.1f ms\nframe CPU time over %zu frames: median %.2f ms, 95th percentile %.2f ms, "
                      "slowest %.2f ms\n",
                      firstFrameMs.value_or(0), frameMs.size(), percentile(frameMs, 0.5), percentile(frameMs, 0.95),
                      percentile(frameMs, 1.0));
        out << line;
    }
    return exitCode;
}

} // namespace sparring::ui
