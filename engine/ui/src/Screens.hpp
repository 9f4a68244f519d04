#pragma once
// The trainer's screens drawn with Dear ImGui from the model (trainer/Trainer.hpp): each frame
// lays out what the model holds, and input on a screen becomes a call on the model. The SFML
// scene under the controls (portraits, the table, the score chart, the progress charts) is left in
// the frame's StageView, ChartView and ProgressView for the frame loop to draw.

#include "ProgressCharts.hpp"
#include "ScoreChart.hpp"
#include "Stage.hpp"
#include "Widgets.hpp"
#include "trainer/Trainer.hpp"

namespace sparring::ui {

/// What the screens keep between frames that only the widgets need, and what a frame leaves for
/// SFML to draw.
struct ScreenState {
    Controls controls;      ///< this frame's pressable controls, by label (demo scripts)
    StageView stage;        ///< portraits (and the table) to draw under the controls
    ChartView chart;        ///< the debrief's score chart
    ProgressView progress;  ///< the progress screen's charts
    char search[128] = "";  ///< the library's search box
    char trainee[128] = ""; ///< the settings' new-trainee box
    char answer[4096] = ""; ///< the free-text box
    /// Lets the view set the ImGui theme when the trainee switches high contrast.
    bool highContrastApplied = false;
    /// Why the dyslexia-friendly font could not be used (not installed), for the settings screen.
    std::string fontProblem;
    /// Where the settings are kept, shown on the settings screen; empty when they are not kept.
    std::string settingsFile;
    /// The screen the last frame drew: a screen entered anew starts at its top.
    trainer::Screen lastScreen = trainer::Screen::Library;
};

/// Draws the model's current screen into the whole window.
void drawScreens(trainer::Trainer& trainer, ScreenState& state);

} // namespace sparring::ui
