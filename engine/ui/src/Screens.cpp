// The trainer's screens.
//
// Sections: 1. library, 2. briefing, 3. conversation, 4. debrief, 5. settings, 6. the window.
// Each screen only lays out what the model holds; a press becomes a call on the model. The
// progress screen has a file of its own (ProgressScreen.cpp).

#include "Screens.hpp"

#include "ProgressScreen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace sparring::ui {

namespace {

using trainer::Message;
using trainer::Screen;
using trainer::Trainer;

ImVec4 colour(Message::Kind kind)
{
    switch (kind) {
    case Message::Kind::Answer:
        return {0.55f, 0.80f, 1.00f, 1.0f};
    case Message::Kind::Feedback:
        return {0.95f, 0.85f, 0.45f, 1.0f};
    case Message::Kind::Analysis:
        return {0.70f, 0.90f, 0.70f, 1.0f};
    case Message::Kind::Panel:
        return {0.90f, 0.70f, 0.90f, 1.0f};
    default:
        return {0.92f, 0.92f, 0.92f, 1.0f};
    }
}

const ImVec4 kHighlight{1.0f, 0.85f, 0.35f, 1.0f};
const ImVec4 kProblem{1.0f, 0.6f, 0.5f, 1.0f};

// ---- 1. library ---------------------------------------------------------------------------------

/// One scenario of the library's table: its title (with its place in its track), summary, kind,
/// minutes, difficulty and focus. Sets `opened` when it is clicked.
void drawLibraryRow(Trainer& trainer, Controls& ui, std::size_t index, int position,
                    std::optional<std::size_t>& opened)
{
    const auto& entry = trainer.library()[index];
    const auto& meta = entry.scenario->meta;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(index));
    if (position > 0) { // beside the title, so the control's label stays the title (demo scripts press it)
        ImGui::TextDisabled("%d.", position);
        ImGui::SameLine();
    }
    if (trainer.done(meta.id)) { // by word as well as mark, for every reader
        ImGui::TextUnformatted("[done]");
        ImGui::SameLine();
    }
    if (ui.selectable(meta.title, trainer.selectedScenario() == entry.scenario.get(),
                      ImGuiSelectableFlags_SpanAllColumns))
        opened = index;
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

void drawLibrary(Trainer& trainer, ScreenState& state)
{
    Controls& ui = state.controls;
    ImGui::TextUnformatted("Sparring");
    ImGui::SameLine();
    ImGui::TextDisabled("practise coaching conversations before you have them");
    // On the title line, at the right, so the list below stays where it is.
    const float settingsWidth = ImGui::CalcTextSize("Settings (F2)").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - settingsWidth);
    if (ui.smallButton("Settings (F2)"))
        trainer.openSettings();
    ImGui::Separator();
    // One line here, so the filters below keep their place; the reason follows the filters.
    const auto& next = trainer.nextDrill();
    if (next) {
        ImGui::Text("Recommended next: %s", next->title.c_str());
        ImGui::SameLine();
        if (ui.smallButton("Open the recommended scenario"))
            trainer.openNextDrill();
    } else if (trainer.trainee().empty()) {
        ImGui::TextDisabled("Practice is not being recorded (--no-store), so there is no recommendation.");
    } else {
        ImGui::TextDisabled("Recommended next: reading %s's practice history...", trainer.trainee().c_str());
    }
    if (!trainer.trainee().empty()) { // the history behind the recommendation
        ImGui::SameLine();
        if (ui.smallButton("Your progress"))
            trainer.openProgress();
    }
    ImGui::Spacing();

    auto filter = trainer.filter();
    const char* kinds[] = {"All kinds", "Role-plays", "Panels"};
    int kind = static_cast<int>(filter.kind);
    ImGui::SetNextItemWidth(160);
    if (ImGui::Combo("##kind", &kind, kinds, 3))
        filter.kind = static_cast<trainer::LibraryFilter::Kind>(kind);
    ImGui::SameLine();
    const auto principles = principleNames(trainer.library());
    ImGui::SetNextItemWidth(260);
    if (ImGui::BeginCombo("##principle",
                          filter.principle.empty() ? "All principles" : filter.principle.c_str())) {
        if (ui.selectable("All principles", filter.principle.empty()))
            filter.principle.clear();
        for (const auto& name : principles)
            if (ui.selectable(name, filter.principle == name))
                filter.principle = name;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##search", "Search titles and summaries", state.search,
                                 sizeof state.search))
        filter.search = state.search;
    ui.describe(std::string("Search titles and summaries, text box") +
                (state.search[0] != '\0' ? std::string(", ") + state.search : std::string()));
    if (!(filter == trainer.filter()))
        trainer.setFilter(filter);
    if (next)
        ImGui::TextWrapped("Why: %s", next->reason.c_str());
    ImGui::Spacing();

    if (ImGui::BeginTable("scenarios", 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                              ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch, 4.0f);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Minutes", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Difficulty", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Focus", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableHeadersRow();
        std::optional<std::size_t> opened;
        for (const auto& shelf : trainer.shelves())
            for (std::size_t k = 0; k < shelf.entries.size(); ++k) {
                if (k == 0 && !shelf.title.empty()) {
                    // The track's heading, on a row of its own across the columns.
                    ImGui::TableNextRow(ImGuiTableRowFlags_None,
                                        ImGui::GetTextLineHeightWithSpacing() * 1.6f);
                    ImGui::TableNextColumn();
                    ImGui::Spacing();
                    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram));
                    ImGui::TextUnformatted(shelf.title.c_str());
                    ImGui::PopStyleColor();
                    if (!shelf.description.empty()) {
                        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
                        ImGui::TextWrapped("%s", shelf.description.c_str());
                        ImGui::PopStyleColor();
                    }
                }
                drawLibraryRow(trainer, ui, shelf.entries[k], shelf.positions[k], opened);
            }
        ImGui::EndTable();
        if (opened)
            trainer.openScenario(*opened);
    }
    const auto broken = trainer.brokenScenarios();
    if (!broken.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.45f, 1.0f),
                           "Scenarios that cannot be played until they are fixed:");
    }
    for (const auto i : broken) {
        const auto& entry = trainer.library()[i];
        ImGui::Bullet();
        ImGui::TextWrapped("%s", entry.file.generic_string().c_str());
        for (const auto& d : entry.diagnostics.items())
            if (d.severity == core::Severity::Error)
                ImGui::TextWrapped("    %s", core::format(d).c_str());
    }
    if (!trainer.curriculumProblems().empty()) {
        ImGui::Spacing();
        ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.45f, 1.0f), "The curriculum (the order of the tracks):");
        for (const auto& d : trainer.curriculumProblems().items())
            ImGui::TextWrapped("    %s", core::format(d).c_str());
    }
}

/// A notice in the problem colour, wrapped at the edge of its box.
void problemText(const std::string& text)
{
    ImGui::PushStyleColor(ImGuiCol_Text, kProblem);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// ---- reload problems (any screen with a scenario open) ------------------------------------------

/// Why the author's last save of the open scenario does not load, located like lint's lines, in a
/// box of its own that scrolls when long; the last version that loaded plays on under it.
void drawReloadProblems(const Trainer& trainer)
{
    const auto& problems = trainer.reloadProblems();
    if (problems.empty())
        return;
    const float lineHeight = ImGui::GetTextLineHeightWithSpacing();
    const auto lines = static_cast<float>(std::min<std::size_t>(problems.items().size(), 4) + 1);
    ImGui::BeginChild("reload-problems",
                      ImVec2(0, lineHeight * lines + ImGui::GetStyle().WindowPadding.y * 2), true);
    ImGui::TextColored(kProblem, "This edit does not load; the last version that loaded plays on:");
    for (const auto& d : problems.items())
        ImGui::TextWrapped("%s", core::format(d).c_str());
    ImGui::EndChild();
}

// ---- 2. briefing --------------------------------------------------------------------------------

void drawBriefing(Trainer& trainer, ScreenState& state)
{
    const core::Scenario* scenario = trainer.selectedScenario();
    if (!scenario)
        return;
    Controls& ui = state.controls;
    const auto& s = *scenario;
    ImGui::Text("%s", s.meta.title.c_str());
    ImGui::TextDisabled("%s, about %d minutes, %s",
                        s.meta.kind == core::ScenarioKind::Panel ? "Expert panel" : "Role-play",
                        s.meta.minutes, std::string(core::toString(s.meta.difficulty)).c_str());
    ImGui::Separator();
    drawReloadProblems(trainer);
    if (!trainer.notice().empty() && trainer.reloadProblems().empty())
        problemText(trainer.notice());
    ImGui::TextWrapped("%s", s.meta.summary.c_str());
    ImGui::Spacing();
    // Their faces, drawn by SFML in the space kept here, in a row.
    const ImVec2 facesAt = ImGui::GetCursorScreenPos();
    const ImVec2 facesSize(ImGui::GetContentRegionAvail().x,
                           std::clamp(ImGui::GetFontSize() * 8.0f, 130.0f, 200.0f));
    ImGui::Dummy(facesSize);
    state.stage.area = sf::FloatRect(facesAt.x, facesAt.y, facesSize.x, facesSize.y);
    state.stage.panel = s.meta.kind == core::ScenarioKind::Panel;
    state.stage.table = false;
    state.stage.seats = trainer.briefingSeats();
    state.stage.highContrast = trainer.settings().highContrast;
    // The choice and the way in come before the details, so they are never below the fold.
    const bool practice = trainer.mode() == scoring::FeedbackMode::Practice;
    if (ui.radioButton("Practice: feedback after every answer", practice))
        trainer.setMode(scoring::FeedbackMode::Practice);
    ImGui::SameLine();
    if (ui.radioButton("Assessment: feedback at the end", !practice))
        trainer.setMode(scoring::FeedbackMode::Assessment);
    const bool start = ui.button("Start (Enter)");
    ImGui::SameLine();
    const bool back = ui.button("Back to the library (Esc)");
    ImGui::Spacing();
    ImGui::BeginChild("briefing-details", ImVec2(0, 0), false);
    ImGui::TextUnformatted(s.meta.kind == core::ScenarioKind::Panel ? "Who is on the panel"
                                                                    : "Who you are talking to");
    for (const auto& c : s.cast) {
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
    if (start)
        trainer.start();
    else if (back)
        trainer.back();
}

// ---- 3. conversation ----------------------------------------------------------------------------

/// A session that stopped before an ending (Trainer::stopped): in place of the event, what went
/// wrong in plain words, where (the file, and the nodes that loop, as the engine said it), whose
/// fault it is, and the ways on: the debrief of what was played, when there is one, and the
/// library. The conversation so far stays above, as it was.
void drawStopped(Trainer& trainer, Controls& ui, const std::string& why)
{
    problemText("This scenario stopped: it goes round without ever coming to a decision, so it cannot "
                "go on.");
    ImGui::TextWrapped("%s: %s.", trainer.session()->scenario().path.c_str(), why.c_str());
    ImGui::TextWrapped("This is a fault in the scenario, not in your answers: tell its author (sparring "
                       "play stops the same way).");
    ImGui::Spacing();
    if (trainer.stoppedDebrief() && ui.button("See the debrief of what was played (Enter)")) {
        trainer.showDebrief();
        return;
    }
    if (trainer.stoppedDebrief())
        ImGui::SameLine();
    if (ui.button("Back to the library (Esc)"))
        trainer.leaveToLibrary();
}

void drawConversation(Trainer& trainer, ScreenState& state)
{
    const runtime::Session* session = trainer.session();
    if (!session)
        return;
    Controls& ui = state.controls;
    const bool panel = session->scenario().meta.kind == core::ScenarioKind::Panel;
    const ImVec2 room = ImGui::GetContentRegionAvail();

    // The stage: an empty, see-through region that SFML fills with the portraits (and the
    // table) after ImGui has laid the screen out. A panel gets a band across the top; a
    // role-play a column on the left.
    const ImVec2 stageSize = panel ? ImVec2(room.x, std::max(220.0f, room.y * 0.42f))
                                   : ImVec2(std::clamp(room.x * 0.30f, 240.0f, 440.0f), room.y);
    ImGui::BeginChild("stage", stageSize, false, ImGuiWindowFlags_NoBackground);
    const ImVec2 stageAt = ImGui::GetWindowPos();
    ImGui::EndChild();
    state.stage.area = sf::FloatRect(stageAt.x, stageAt.y, stageSize.x, stageSize.y);
    state.stage.panel = panel;
    state.stage.seats = trainer.stageSeats();
    state.stage.highContrast = trainer.settings().highContrast;
    if (!panel)
        ImGui::SameLine();

    ImGui::BeginGroup();
    const float inputHeight =
        std::min(ImGui::GetFontSize() * 13.0f, ImGui::GetContentRegionAvail().y * 0.55f);
    ImGui::BeginChild("transcript", ImVec2(0, -inputHeight), true);
    const auto& messages = trainer.messages();
    for (std::size_t k = 0; k < messages.size(); ++k) {
        const auto& m = messages[k];
        const std::string text = trainer.shownText(k);
        if (m.kind == Message::Kind::Answer && !m.highlights.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour(m.kind));
            ImGui::TextUnformatted("You:");
            ImGui::PopStyleColor();
            ImGui::SameLine();
            highlightedText(text, m.highlights, colour(m.kind), kHighlight);
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
    if (trainer.takeScrollRequest() || trainer.revealing())
        ImGui::SetScrollHereY(1.0f);
    // A click on the conversation shows the rest of a line being revealed.
    if (trainer.revealing() && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        trainer.revealAll();
    ImGui::EndChild();

    ImGui::BeginChild("answer", ImVec2(0, 0), true);
    const auto& event = session->current();
    for (const auto& problem : trainer.assetProblems())
        ImGui::TextColored(kProblem, "Portrait missing, showing initials: %s", problem.c_str());
    drawReloadProblems(trainer);
    if (!trainer.notice().empty())
        problemText(trainer.notice());
    if (const auto& stopped = trainer.stopped()) {
        drawStopped(trainer, ui, *stopped);
    } else if (trainer.revealing()) {
        if (ui.button("Show the whole line (Space)"))
            trainer.revealAll();
    } else if (std::holds_alternative<runtime::LineEvent>(event)) {
        if (ui.button("Continue (Space)"))
            trainer.advance();
    } else if (const auto* choice = std::get_if<runtime::ChoiceEvent>(&event)) {
        ImGui::TextWrapped("%s", choice->prompt.empty() ? "What do you say?" : choice->prompt.c_str());
        if (const auto picked = ui.optionCards(*choice))
            trainer.choose(*picked); // after drawing: choosing ends `choice`'s life
    } else if (const auto* prompt = std::get_if<runtime::PromptEvent>(&event)) {
        ImGui::TextWrapped("%s", prompt->prompt.c_str());
        ImGui::SetKeyboardFocusHere();
        const bool send = ImGui::InputTextMultiline(
            "##answer", state.answer, sizeof state.answer, ImVec2(-1, ImGui::GetFontSize() * 3.2f),
            ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
        ui.describe("Your answer, text box. Enter sends it.");
        if ((send || ui.button("Send (Enter; Shift+Enter for a new line)")) && state.answer[0] != '\0') {
            const std::string text = state.answer;
            state.answer[0] = '\0';
            trainer.respond(text);
        }
    } else if (std::holds_alternative<runtime::EndEvent>(event)) {
        ImGui::TextUnformatted("The conversation is over.");
        if (ui.button("See the debrief (Enter)"))
            trainer.showDebrief();
    }
    ImGui::EndChild();
    ImGui::EndGroup();
}

// ---- 4. debrief ---------------------------------------------------------------------------------

/// One of the trainee's answers in the debrief: a free-text answer with the words the analyser
/// pointed at highlighted and explained, then the scenario's feedback and, on a panel, the
/// experts' reactions.
void drawDebriefAnswer(const scoring::TurnReport& turn)
{
    if (turn.typed && turn.analysis) {
        const auto& analysis = *turn.analysis;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
        for (const auto& e : analysis.evidence)
            spans.emplace_back(e.start, e.end);
        highlightedText(turn.answer, spans, colour(Message::Kind::Answer), kHighlight);
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
        ImGui::TextWrapped("%s %s%s%s", r.expertName.c_str(),
                           std::string(scoring::toString(r.verdict)).c_str(), r.line.empty() ? "." : ": ",
                           r.line.c_str());
    ImGui::PopStyleColor();
}

void drawDebrief(Trainer& trainer, ScreenState& state)
{
    if (!trainer.session())
        return;
    Controls& ui = state.controls;
    // Which attempt to show: this one, or one the trainee retried from.
    if (trainer.attempts() > 0) {
        ImGui::TextUnformatted("Show:");
        for (std::size_t a = 0; a <= trainer.attempts(); ++a) {
            ImGui::SameLine();
            if (ui.radioButton(trainer.attemptLabel(a), trainer.shownAttempt() == a))
                trainer.showAttempt(a);
        }
    }
    const bool current = trainer.showingCurrentAttempt();
    const scoring::Debrief& data = trainer.debrief();
    if (const auto& end = data.ending) {
        ImGui::Text("Outcome: %s%s%s", std::string(core::toString(end->outcome)).c_str(),
                    end->title.empty() ? "" : " - ", end->title.c_str());
        ImGui::Separator();
        ImGui::TextWrapped("%s", end->debrief.c_str());
    } else if (const auto& stopped = trainer.stopped(); current && stopped) {
        problemText("No ending: the scenario stopped before one (" + *stopped +
                    "). This is the debrief of what was played.");
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("Score per principle");
    if (data.scored) {
        // The chart itself is drawn by SFML into the space reserved here.
        state.chart.bars.clear();
        for (const auto& p : data.principles)
            state.chart.bars.push_back({p.name, p.score});
        const float rows = static_cast<float>(state.chart.bars.size());
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 42),
                          rows * ImGui::GetFontSize() * 1.5f);
        ImGui::Dummy(size);
        state.chart.area = sf::FloatRect(at.x, at.y, size.x, size.y);
        state.chart.textSize = static_cast<unsigned>(ImGui::GetFontSize() * 0.9f);
        state.chart.highContrast = trainer.settings().highContrast;
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
            ImGui::Text("Questions: %g   Statements: %g   Reflections per question: %.2f   Your share of the "
                        "words: %.0f%%",
                        speech->questions.value, speech->statements.value,
                        speech->reflectionsPerQuestion.value, 100 * speech->traineeShareOfWords.value);
    }
    ImGui::Spacing();
    const auto& path = data.path;
    const auto missed = std::count_if(path.begin(), path.end(), [](const auto& step) { return step.missed; });
    ImGui::Text("Your path beside the expert's: %zu decisions, %zu where the expert's answer was stronger",
                path.size(), static_cast<std::size_t>(missed));
    ImGui::TextDisabled(current ? "Retry from any decision; this attempt is kept."
                                : "An earlier attempt, kept for comparison.");
    ImGui::BeginChild("debrief-transcript", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 1.5f), true);
    std::optional<std::size_t> retryFrom;
    if (ImGui::BeginTable("paths", 2,
                          ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersInnerV |
                              ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableSetupColumn("What you did");
        ImGui::TableSetupColumn("What an expert would do");
        ImGui::TableHeadersRow();
        for (const auto& step : path) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (current) {
                ImGui::PushID(static_cast<int>(step.entry));
                if (ui.smallButton("Retry from here"))
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
                ImGui::TextColored(ImVec4(1.0f, 0.65f, 0.30f, 1.0f),
                                   "Missed: the expert's answer was stronger");
            else if (same)
                ImGui::TextColored(ImVec4(0.45f, 0.85f, 0.50f, 1.0f), "The expert's choice too");
            else
                ImGui::TextColored(ImVec4(0.45f, 0.85f, 0.50f, 1.0f),
                                   "As strong as the expert's; an expert might say:");
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
    const bool back = ui.button("Back to the library (Esc)");
    // How this session moved the trainee's practice, once the keeper has kept it and read again.
    bool progress = false;
    if (!trainer.trainee().empty()) {
        ImGui::SameLine();
        progress = ui.button("Your progress");
    }
    if (back)
        trainer.back();
    else if (progress)
        trainer.openProgress();
    else if (retryFrom)
        trainer.retry(*retryFrom);
}

// ---- 5. settings --------------------------------------------------------------------------------

/// A section's heading on the settings screen.
void heading(const char* title)
{
    ImGui::Spacing();
    ImGui::TextUnformatted(title);
    ImGui::Separator();
}

void drawSettings(Trainer& trainer, ScreenState& state)
{
    Controls& ui = state.controls;
    ImGui::TextUnformatted("Settings");
    heading("Accessibility");
    float size = trainer.settings().fontSize;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::SliderFloat("Text size (also Ctrl +/-)", &size, trainer::kSmallestFont, trainer::kLargestFont,
                           "%.0f"))
        trainer.setFontSize(size);
    ui.describe("Text size, " + std::to_string(static_cast<int>(trainer.settings().fontSize)));
    bool dyslexia = trainer.settings().dyslexiaFont;
    if (ui.checkbox("Dyslexia-friendly font (OpenDyslexic)", &dyslexia))
        trainer.setDyslexiaFont(dyslexia);
    if (!state.fontProblem.empty()) {
        ImGui::SameLine();
        problemText(state.fontProblem);
    }
    bool highContrast = trainer.settings().highContrast;
    if (ui.checkbox("High-contrast theme", &highContrast))
        trainer.setHighContrast(highContrast);
    bool reduceMotion = trainer.settings().reduceMotion;
    if (ui.checkbox("Reduce motion: lines appear whole, nothing moves", &reduceMotion))
        trainer.setReduceMotion(reduceMotion);
    bool selfVoicing = trainer.settings().selfVoicing;
    if (ui.checkbox("Self-voicing: read aloud what has focus (V)", &selfVoicing))
        trainer.setSelfVoicing(selfVoicing);
    ImGui::TextDisabled("The panel's verdicts show as a word and a shape as well as a colour. Every spoken");
    ImGui::TextDisabled("line is on screen as it is said: the conversation is its own caption.");

    heading("Reading");
    ImGui::TextUnformatted("Text speed");
    for (const auto& speed : trainer::kTextSpeeds) {
        ImGui::SameLine();
        if (ui.radioButton(speed.name, trainer.settings().textSpeed == speed.charsPerSecond))
            trainer.setTextSpeed(speed.charsPerSecond);
    }

    heading("Speech");
    // Speech: off by default (trainer::Settings says why); the sliders apply to the next line.
    bool speech = trainer.settings().speech;
    if (ui.checkbox("Speak the lines", &speech))
        trainer.setSpeech(speech);
    ImGui::SameLine();
    bool speakMine = trainer.settings().speakMyAnswers;
    if (ui.checkbox("Speak my answers", &speakMine))
        trainer.setSpeakMyAnswers(speakMine);
    int volume = trainer.settings().speechVolume;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::SliderInt("Speech volume", &volume, 0, 100, "%d%%"))
        trainer.setSpeechVolume(volume);
    ui.describe("Speech volume, " + std::to_string(trainer.settings().speechVolume) + " percent");
    float rate = trainer.settings().speechRate;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::SliderFloat("Speech speed", &rate, trainer::kSlowestSpeech, trainer::kFastestSpeech, "%.2fx"))
        trainer.setSpeechRate(rate);
    ui.describe("Speech speed, " + std::to_string(std::lround(trainer.settings().speechRate * 100)) +
                " percent of each voice's pace");
    if (!trainer.speechProblem().empty())
        problemText("Speech: " + trainer.speechProblem());
    heading("Window");
    ImGui::TextUnformatted("Size");
    for (const auto& [w, h] : trainer::kWindowSizes) {
        ImGui::SameLine();
        if (ui.button(std::to_string(w) + " x " + std::to_string(h)))
            trainer.requestWindowSize(w, h);
    }
    if (!trainer.trainee().empty()) {
        heading("Practice");
        // Whose practice is recorded: several trainees can share one machine and one store.
        ImGui::Text("Trainee: %s", trainer.trainee().c_str());
        for (const auto& name : trainer.knownTrainees()) {
            ImGui::SameLine();
            if (ui.radioButton(name, name == trainer.trainee()) && name != trainer.trainee())
                trainer.switchTrainee(name);
        }
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        ImGui::InputTextWithHint("##trainee", "A new trainee's name", state.trainee, sizeof state.trainee);
        ui.describe("A new trainee's name, text box");
        ImGui::SameLine();
        if (ui.button("Add and switch") && trainer.switchTrainee(state.trainee))
            state.trainee[0] = '\0';
        if (!trainer.notice().empty())
            problemText(trainer.notice());
    }
    ImGui::Spacing();
    if (!state.settingsFile.empty())
        ImGui::TextDisabled("Settings are kept in %s", state.settingsFile.c_str());
    for (const auto& problem : trainer.settingsProblems())
        problemText(problem);
    ImGui::TextDisabled(
        "Keys: 1-9 pick an option, Space or Enter goes on, the arrows move between controls (Tab");
    ImGui::TextDisabled(
        "between text boxes and sliders) and Space presses the one with focus; Enter sends a free-text");
    ImGui::TextDisabled(
        "answer (Shift+Enter for a new line), Esc goes back, F2 opens settings, V turns self-voicing");
    ImGui::TextDisabled("on and off (outside a text box).");
    ImGui::Spacing();
    if (ui.button("Done (Esc)"))
        trainer.back();
}

} // namespace

// ---- 6. the window ------------------------------------------------------------------------------

void drawScreens(Trainer& trainer, ScreenState& state)
{
    state.controls.newFrame();
    state.stage = {};
    state.chart = {};
    state.progress = {};
    // The theme follows the setting, whichever way it changed.
    if (state.highContrastApplied != trainer.settings().highContrast) {
        state.highContrastApplied = trainer.settings().highContrast;
        state.highContrastApplied ? styleHighContrast() : ImGui::StyleColorsDark();
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // No background: the window is cleared to the theme's colour and the stage drawn by SFML
    // shows through the conversation screen's stage area.
    ImGui::Begin("Sparring", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
    const Screen drawn = trainer.screen(); // a press below may change it
    switch (drawn) {
    case Screen::Library:
        drawLibrary(trainer, state);
        break;
    case Screen::Briefing:
        drawBriefing(trainer, state);
        break;
    case Screen::Conversation:
        drawConversation(trainer, state);
        break;
    case Screen::Debrief:
        drawDebrief(trainer, state);
        break;
    case Screen::Settings:
        drawSettings(trainer, state);
        break;
    case Screen::Progress:
        // Opened afresh at its top; back from the settings, where it was left.
        drawProgress(trainer, state.controls, state.progress,
                     state.lastScreen != Screen::Progress && state.lastScreen != Screen::Settings);
        break;
    }
    state.lastScreen = drawn;
    ImGui::End();
}

} // namespace sparring::ui
