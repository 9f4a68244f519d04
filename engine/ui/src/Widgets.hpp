#pragma once
// Dear ImGui pieces the trainer's screens share: wrapped text with highlighted spans (the words
// the scorer pointed at), options drawn as cards, the high-contrast theme, and the UTF-8 counting
// that the progressive reveal of a line needs (it must never cut a character in half).

#include "runtime/Events.hpp"

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sparring::ui {

/// The byte length of the first `count` characters (code points) of UTF-8 `text`.
[[nodiscard]] std::size_t prefixBytes(const std::string& text, std::size_t count);
/// Characters (code points) in UTF-8 `text`.
[[nodiscard]] std::size_t characterCount(const std::string& text);

/// Wrapped text with the words that overlap `spans` (byte ranges) drawn in `highlight` and
/// underlined, word by word: ImGui's own wrapped text has one colour.
void highlightedText(const std::string& text, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans,
                     ImVec4 normal, ImVec4 highlight);

/// A choice's options as cards: a framed, clickable block per option with its key and wrapped
/// text; an unavailable one drawn disabled with its reason. Returns the number clicked, if any.
[[nodiscard]] std::optional<std::size_t> optionCards(const runtime::ChoiceEvent& choice);

/// A high-contrast theme: black background, white text, yellow focus and selection.
void styleHighContrast();

// ---- controls a demo script can press by their label ----------------------------------------
// The screens draw their buttons through these; each records where its control was drawn this
// frame (when visible), so `press LABEL` in a demo script clicks it wherever the layout put it.

struct ClickTarget {
    std::string label; ///< as shown (anything from "##" on is left out)
    ImVec2 min;
    ImVec2 max;
};
/// The controls drawn in the current frame, in drawing order. The app clears it each frame.
[[nodiscard]] std::vector<ClickTarget>& clickTargets();
/// Records the last ImGui item under `label`.
void noteClickTarget(const std::string& label);

bool button(const std::string& label);
bool smallButton(const std::string& label);
bool radioButton(const std::string& label, bool active);
bool checkbox(const std::string& label, bool* value);
bool selectable(const std::string& label, bool selected, ImGuiSelectableFlags flags = 0);

} // namespace sparring::ui
