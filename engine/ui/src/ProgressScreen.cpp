// The progress screen.
//
// Sections: 1. words and numbers, 2. headline and next drill, 3. skill per principle, 4. minutes
// per week, 5. conversation ratios, 6. first and latest attempt, 7. the screen.
// Every number shown is a field of the engine's KPIs; this file only lays them out.

#include "ProgressScreen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace sparring::ui {

namespace {

const ImVec4 kMastered{0.45f, 0.85f, 0.50f, 1.0f};

// ---- 1. words and numbers -----------------------------------------------------------------------

/// "1 answer", "3 answers".
std::string counted(std::size_t n, const char* noun)
{
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string percent(double share)
{
    return fixed(share * 100, 0) + "%";
}

std::string minutesText(double minutes)
{
    if (minutes > 0 && minutes < 1)
        return "under a minute";
    return fixed(minutes, 0) + (fixed(minutes, 0) == "1" ? " minute" : " minutes");
}

std::string outcomeText(const std::string& outcome, int total)
{
    return (outcome.empty() ? std::string("abandoned") : outcome) + " (" + (total > 0 ? "+" : "") +
           std::to_string(total) + ")";
}

/// Keeps `size` pixels at the cursor for a chart SFML draws there; returns them in window pixels.
sf::FloatRect reserve(ImVec2 size)
{
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    return {at.x, at.y, size.x, size.y};
}

unsigned chartTextSize()
{
    return static_cast<unsigned>(ImGui::GetFontSize() * 0.8f);
}

void heading(const char* text)
{
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

// ---- 2. headline and next drill -----------------------------------------------------------------

void drawHeadline(const progress::Kpis& kpis)
{
    if (!ImGui::BeginTable("headline", 4, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame))
        return;
    const auto cell = [](const char* name, const std::string& value) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", name);
        ImGui::TextUnformatted(value.c_str());
    };
    cell("Sessions", std::to_string(kpis.sessions));
    cell("Finished", std::to_string(kpis.finished));
    cell("Completion rate", percent(kpis.completionRate));
    cell("Practice in all", minutesText(kpis.minutes));
    ImGui::EndTable();
}

void drawNextDrill(trainer::Trainer& trainer, Controls& ui)
{
    const auto& next = trainer.nextDrill();
    if (!next) {
        ImGui::TextDisabled("No scenario to recommend: the library has none to play.");
        return;
    }
    heading("Next drill");
    ImGui::TextUnformatted(next->title.c_str());
    ImGui::TextWrapped("Why: %s", next->reason.c_str());
    if (ui.button("Open the next drill"))
        trainer.openNextDrill();
}

// ---- 3. skill per principle ---------------------------------------------------------------------

void drawSkills(const progress::Kpis& kpis, ProgressView& charts)
{
    heading("Skill per principle");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Skill is your evidence per answer, recent sessions weighing most. Mastered: %s or "
                       "more over at least %zu answers from two sessions or more (the dashed line in each "
                       "trend); the grey line is zero.",
                       fixed(progress::kMasteredSkill, 1).c_str(), progress::kMasteredAnswers);
    ImGui::PopStyleColor();
    if (kpis.skills.empty()) {
        ImGui::TextUnformatted("No principle has been scored yet: the scores come from your answers.");
        return;
    }
    // One time and value axis for every principle, so their trends line up and compare.
    std::vector<LineChart> trends(kpis.skills.size());
    for (std::size_t i = 0; i < kpis.skills.size(); ++i) {
        for (const auto& [when, value] : kpis.skills[i].trend)
            trends[i].points.push_back({when, value});
        trends[i].references = {{progress::kMasteredSkill, "mastered", true}, {0, "0", false}};
        trends[i].textSize = chartTextSize();
    }
    fitAxes(trends);
    const std::string first = shortDate(trends.front().firstTime);
    const std::string last = shortDate(trends.front().lastTime);
    const std::string span = "Trend, " + (first == last ? last : first + " to " + last);
    if (!ImGui::BeginTable("skills", 5,
                           ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                               ImGuiTableFlags_PadOuterX))
        return;
    ImGui::TableSetupColumn("Principle", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("Skill", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("Rests on", ImGuiTableColumnFlags_WidthStretch, 1.7f);
    ImGui::TableSetupColumn("Mastered", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(span.c_str(), ImGuiTableColumnFlags_WidthStretch, 3.6f);
    ImGui::TableHeadersRow();
    const float rowHeight = std::max(ImGui::GetFontSize() * 3.6f, 56.0f);
    for (std::size_t i = 0; i < kpis.skills.size(); ++i) {
        const auto& s = kpis.skills[i];
        ImGui::TableNextRow(ImGuiTableRowFlags_None, rowHeight);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", s.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fixed(s.skill, 2).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s in %s", counted(s.answers, "answer").c_str(),
                           counted(s.sessions, "session").c_str());
        ImGui::TableNextColumn();
        if (s.mastered) // by word as well as colour, for every reader
            ImGui::TextColored(kMastered, "mastered");
        else
            ImGui::TextDisabled("not yet");
        ImGui::TableNextColumn();
        trends[i].area = reserve(
            ImVec2(ImGui::GetContentRegionAvail().x, rowHeight - ImGui::GetStyle().CellPadding.y * 2));
        charts.lines.push_back(std::move(trends[i]));
    }
    ImGui::EndTable();
}

// ---- 4. minutes per week ------------------------------------------------------------------------

constexpr std::size_t kWeeksShown = 12;

void drawWeeks(const trainer::Trainer& trainer, const progress::Kpis& kpis, ProgressView& charts)
{
    heading("Practice minutes per week");
    ImGui::TextDisabled("Up to the last %zu weeks, each from Monday (UTC).", kWeeksShown);
    charts.weeks.bars = weekBars(kpis.weeks, trainer.kpisAsOf(), kWeeksShown);
    charts.weeks.textSize = chartTextSize();
    charts.weeks.area = reserve(ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 9.0f));
}

// ---- 5. conversation ratios ---------------------------------------------------------------------

struct Ratio {
    const char* name;
    const char* meaning;
    double progress::RatioPoint::*field;
    bool percent;
};

// In plain words: what each of the engine's ratios (scoring/Scorecard.hpp) says about the talk.
constexpr Ratio kRatios[] = {
    {"Questions per statement", "how much you ask rather than tell",
     &progress::RatioPoint::questionsPerStatement, false},
    {"Reflections per question", "how often you play back what you heard",
     &progress::RatioPoint::reflectionsPerQuestion, false},
    {"Your share of the words", "how much of the talking was yours", &progress::RatioPoint::shareOfWords,
     true},
    {"Advice after asking first", "of your advice, the part that came after a question",
     &progress::RatioPoint::adviceAfterAsking, true},
};

void drawRatios(const progress::Kpis& kpis, ProgressView& charts)
{
    heading("Conversation ratios, per role-play");
    if (kpis.ratios.empty()) {
        ImGui::TextWrapped("None yet: the ratios come from scored role-plays (a panel has none).");
        return;
    }
    if (!ImGui::BeginTable("ratios", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn("Ratio", ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn("Latest", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("First", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    const std::string first = shortDate(kpis.ratios.front().when);
    const std::string last = shortDate(kpis.ratios.back().when);
    const std::string span = first == last ? "Over time" : first + " to " + last;
    ImGui::TableSetupColumn(span.c_str(), ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableHeadersRow();
    const auto shown = [](const Ratio& r, const progress::RatioPoint& p) {
        return r.percent ? percent(p.*r.field) : fixed(p.*r.field, 2);
    };
    for (const auto& ratio : kRatios) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", ratio.name);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", ratio.meaning);
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(shown(ratio, kpis.ratios.back()).c_str());
        ImGui::TableNextColumn();
        if (kpis.ratios.size() > 1)
            ImGui::TextUnformatted(shown(ratio, kpis.ratios.front()).c_str());
        else
            ImGui::TextDisabled("the same");
        ImGui::TableNextColumn();
        // Each ratio on its own scale (a share and a count per statement do not share one).
        LineChart chart;
        for (const auto& p : kpis.ratios)
            chart.points.push_back({p.when, p.*ratio.field});
        chart.references = {{0, "0", false}};
        chart.textSize = chartTextSize();
        fitAxes(std::span(&chart, 1));
        chart.area = reserve(ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 2.6f));
        charts.lines.push_back(std::move(chart));
    }
    ImGui::EndTable();
}

// ---- 6. first and latest attempt ----------------------------------------------------------------

void drawScenarios(const progress::Kpis& kpis)
{
    heading("First and latest attempt per scenario");
    ImGui::TextDisabled("The outcome, and in brackets the evidence of every principle summed.");
    if (!ImGui::BeginTable("attempts", 4,
                           ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                               ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Attempts", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("First", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Latest", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (const auto& a : kpis.scenarios) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", a.title.empty() ? a.scenarioId.c_str() : a.title.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%zu", a.attempts);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(outcomeText(a.firstOutcome, a.firstTotal).c_str());
        ImGui::TableNextColumn();
        if (a.attempts > 1)
            ImGui::TextUnformatted(outcomeText(a.latestOutcome, a.latestTotal).c_str());
        else
            ImGui::TextDisabled("the same");
    }
    ImGui::EndTable();
}

} // namespace

// ---- 7. the screen ------------------------------------------------------------------------------

void drawProgress(trainer::Trainer& trainer, Controls& ui, ProgressView& charts, bool fromTop)
{
    ImGui::Text("Your progress, %s", trainer.trainee().c_str());
    // On the title line, at the right, where it stays whatever the body scrolls to.
    const char* back = "Back (Esc)";
    const float backWidth = ImGui::CalcTextSize(back).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - backWidth);
    if (ui.smallButton(back)) {
        trainer.back();
        return;
    }
    ImGui::Separator();
    const progress::Kpis* kpis = trainer.kpis();
    if (trainer.trainee().empty()) {
        ImGui::TextWrapped("Practice is not being recorded (--no-store), so there is no history to show.");
        return;
    }
    if (!kpis) { // the keeper reads the history off the frame thread; it shows once read
        ImGui::TextDisabled("Reading %s's practice history...", trainer.trainee().c_str());
        return;
    }
    if (kpis->sessions == 0) {
        ImGui::TextWrapped("No practice recorded yet. Play a scenario to start your history: every session "
                           "you finish, or leave after your first answer, is kept and counted here.");
        drawNextDrill(trainer, ui);
        return;
    }
    // The body scrolls under the title line. No background: the charts SFML draws first would be
    // painted over (the high-contrast theme's child windows are opaque).
    ImGui::BeginChild("progress-body", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
    if (fromTop)
        ImGui::SetScrollY(0);
    const ImVec2 clipMin = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clipMax = ImGui::GetWindowDrawList()->GetClipRectMax();
    charts.clip = sf::FloatRect(clipMin.x, clipMin.y, clipMax.x - clipMin.x, clipMax.y - clipMin.y);
    charts.highContrast = trainer.settings().highContrast;
    drawHeadline(*kpis);
    drawNextDrill(trainer, ui);
    if (trainer.screen() != trainer::Screen::Progress) { // the drill was opened: its briefing is next
        ImGui::EndChild();
        return;
    }
    drawSkills(*kpis, charts);
    // Minutes and ratios side by side when there is room for both, else one under the other.
    const bool wide = ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 55;
    if (wide && ImGui::BeginTable("minutes-and-ratios", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        drawWeeks(trainer, *kpis, charts);
        ImGui::TableNextColumn();
        drawRatios(*kpis, charts);
        ImGui::EndTable();
    } else {
        drawWeeks(trainer, *kpis, charts);
        drawRatios(*kpis, charts);
    }
    drawScenarios(*kpis);
    ImGui::EndChild();
}

} // namespace sparring::ui
