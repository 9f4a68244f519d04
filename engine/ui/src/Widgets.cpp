#include "Widgets.hpp"

#include <algorithm>

namespace sparring::ui {

void highlightedText(const std::string& text,
                     const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans, ImVec4 normal,
                     ImVec4 highlight)
{
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    const float left = ImGui::GetCursorScreenPos().x;
    const float space = ImGui::CalcTextSize(" ").x;
    bool first = true;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\n') {
            ++i;
            continue;
        }
        std::size_t end = text.find_first_of(" \n", i);
        if (end == std::string::npos)
            end = text.size();
        const bool marked = std::any_of(spans.begin(), spans.end(),
                                        [&](const auto& s) { return i < s.second && end > s.first; });
        const char* begin = text.data() + i;
        const float width = ImGui::CalcTextSize(begin, text.data() + end).x;
        if (!first) {
            ImGui::SameLine(0, space);
            if (ImGui::GetCursorScreenPos().x + width > right) {
                ImGui::NewLine();
                ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
            }
        }
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::PushStyleColor(ImGuiCol_Text, marked ? highlight : normal);
        ImGui::TextUnformatted(begin, text.data() + end);
        ImGui::PopStyleColor();
        if (marked)
            ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, at.y + ImGui::GetFontSize()),
                                                ImVec2(at.x + width, at.y + ImGui::GetFontSize()),
                                                ImGui::GetColorU32(highlight), 1.5f);
        first = false;
        i = end;
    }
}

void styleHighContrast()
{
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.85f, 0.85f, 0.85f, 1);
    c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = c[ImGuiCol_PopupBg] = ImVec4(0, 0, 0, 1);
    c[ImGuiCol_Border] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.12f, 0.12f, 0.12f, 1);
    c[ImGuiCol_Button] = c[ImGuiCol_Header] = ImVec4(0.20f, 0.20f, 0.20f, 1);
    c[ImGuiCol_ButtonHovered] = c[ImGuiCol_HeaderHovered] = c[ImGuiCol_FrameBgHovered] =
        ImVec4(0.55f, 0.45f, 0.0f, 1);
    c[ImGuiCol_ButtonActive] = c[ImGuiCol_HeaderActive] = c[ImGuiCol_FrameBgActive] =
        ImVec4(0.85f, 0.70f, 0.0f, 1);
    c[ImGuiCol_NavHighlight] = c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrab] = c[ImGuiCol_SliderGrabActive] =
        ImVec4(1.0f, 0.85f, 0.0f, 1);
    style.FrameBorderSize = 1.0f;
}

std::string shownLabel(const std::string& label)
{
    return label.substr(0, label.find("##"));
}

std::optional<std::size_t> Controls::optionCards(const runtime::ChoiceEvent& choice)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    std::optional<std::size_t> picked;
    for (const auto& option : choice.options) {
        ImGui::PushID(static_cast<int>(option.number));
        const float width = ImGui::GetContentRegionAvail().x;
        const std::string key = std::to_string(option.number);
        const float keyWidth = ImGui::CalcTextSize("9").x + style.FramePadding.x * 4;
        const float textWidth = width - keyWidth - style.FramePadding.x * 3;
        std::string label = option.text;
        if (!option.available)
            label += "\n(unavailable: " + option.unavailableReason + ")";
        const ImVec2 textSize = ImGui::CalcTextSize(label.c_str(), nullptr, false, textWidth);
        const ImVec2 cardSize(width, textSize.y + style.FramePadding.y * 2);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        bool clicked = false;
        if (option.available) {
            clicked = ImGui::InvisibleButton("##card", cardSize);
            note("option " + key, "Option " + key + ": " + option.text);
        } else {
            ImGui::Dummy(cardSize);
        }
        const bool hovered = option.available && ImGui::IsItemHovered();
        const ImU32 fill = ImGui::GetColorU32(!option.available ? ImGuiCol_FrameBg
                                              : hovered         ? ImGuiCol_ButtonHovered
                                                                : ImGuiCol_Button);
        draw->AddRectFilled(at, ImVec2(at.x + cardSize.x, at.y + cardSize.y), fill, 6.0f);
        draw->AddRect(at, ImVec2(at.x + cardSize.x, at.y + cardSize.y), ImGui::GetColorU32(ImGuiCol_Border),
                      6.0f);
        draw->AddRectFilled(
            ImVec2(at.x + 4, at.y + 4), ImVec2(at.x + keyWidth, at.y + cardSize.y - 4),
            ImGui::GetColorU32(option.available ? ImGuiCol_CheckMark : ImGuiCol_TextDisabled, 0.35f), 4.0f);
        draw->AddText(ImVec2(at.x + 4 + (keyWidth - 4 - ImGui::CalcTextSize(key.c_str()).x) / 2,
                             at.y + style.FramePadding.y),
                      ImGui::GetColorU32(ImGuiCol_Text), key.c_str());
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                      ImVec2(at.x + keyWidth + style.FramePadding.x * 2, at.y + style.FramePadding.y),
                      ImGui::GetColorU32(option.available ? ImGuiCol_Text : ImGuiCol_TextDisabled),
                      label.c_str(), nullptr, textWidth);
        ImGui::PopID();
        if (clicked)
            picked = option.number;
        ImGui::Dummy(ImVec2(0, 2));
    }
    return picked;
}

void Controls::describe(const std::string& spoken)
{
    if (ImGui::IsItemFocused())
        m_focused = spoken;
}

void Controls::note(const std::string& label, const std::string& spoken)
{
    describe(spoken.empty() ? shownLabel(label) : spoken);
    if (!ImGui::IsItemVisible())
        return; // scrolled away: a click at its place would land on something else
    m_targets.push_back({shownLabel(label), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

bool Controls::button(const std::string& label)
{
    const bool pressed = ImGui::Button(label.c_str());
    note(label, shownLabel(label) + ", button");
    return pressed;
}

bool Controls::smallButton(const std::string& label)
{
    const bool pressed = ImGui::SmallButton(label.c_str());
    note(label, shownLabel(label) + ", button");
    return pressed;
}

bool Controls::radioButton(const std::string& label, bool active)
{
    const bool pressed = ImGui::RadioButton(label.c_str(), active);
    note(label, shownLabel(label) + (active || pressed ? ", chosen" : ", not chosen"));
    return pressed;
}

bool Controls::checkbox(const std::string& label, bool* value)
{
    const bool changed = ImGui::Checkbox(label.c_str(), value);
    note(label, shownLabel(label) + ", checkbox, " + (*value ? "on" : "off"));
    return changed;
}

bool Controls::selectable(const std::string& label, bool selected, ImGuiSelectableFlags flags)
{
    const bool pressed = ImGui::Selectable(label.c_str(), selected, flags);
    note(label);
    return pressed;
}

} // namespace sparring::ui
