#pragma once
// Dear ImGui pieces the trainer's screens share: wrapped text with highlighted spans (the words
// the scorer pointed at), options drawn as cards, the high-contrast theme, and the controls a demo
// script can press by their label.

#include "runtime/Events.hpp"

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sparring::ui {

/// Wrapped text with the words that overlap `spans` (byte ranges) drawn in `highlight` and
/// underlined, word by word: ImGui's own wrapped text has one colour.
void highlightedText(const std::string& text,
                     const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans, ImVec4 normal,
                     ImVec4 highlight);

/// A high-contrast theme: black background, white text, yellow focus and selection.
void styleHighContrast();

// ---- controls a demo script can press by their label ----------------------------------------
// The screens draw their buttons through Controls; each records where its control was drawn this
// frame (when visible), so `press LABEL` in a demo script clicks it wherever the layout put it.

struct ClickTarget {
    std::string label; ///< as shown (anything from "##" on is left out)
    ImVec2 min;
    ImVec2 max;
};

/// A control's label as shown: anything from "##" on (ImGui's id suffix) left out.
[[nodiscard]] std::string shownLabel(const std::string& label);

class Controls {
public:
    /// Forgets the last frame's controls; the frame loop calls it before drawing.
    void newFrame()
    {
        m_targets.clear();
        m_focused.clear();
    }
    /// The controls drawn in the current frame, in drawing order.
    [[nodiscard]] const std::vector<ClickTarget>& targets() const { return m_targets; }
    /// The control with keyboard focus this frame in words, for self-voicing ("Start (Enter),
    /// button", "Speak the lines, checkbox, off", "Option 2: ..."); "" when none has.
    [[nodiscard]] const std::string& focused() const { return m_focused; }
    /// Says what the last ImGui item (one drawn directly, a slider or a text box) is, in words,
    /// should it have focus.
    void describe(const std::string& spoken);

    bool button(const std::string& label);
    bool smallButton(const std::string& label);
    bool radioButton(const std::string& label, bool active);
    bool checkbox(const std::string& label, bool* value);
    bool selectable(const std::string& label, bool selected, ImGuiSelectableFlags flags = 0);
    /// A choice's options as cards: a framed, clickable block per option with its key and wrapped
    /// text; an unavailable one drawn disabled with its reason. Returns the number clicked, if any.
    [[nodiscard]] std::optional<std::size_t> optionCards(const runtime::ChoiceEvent& choice);

private:
    /// Records the last ImGui item under `label`; `spoken` is what self-voicing reads when it
    /// has focus (its shown label when empty).
    void note(const std::string& label, const std::string& spoken = {});

    std::vector<ClickTarget> m_targets;
    std::string m_focused;
};

} // namespace sparring::ui
