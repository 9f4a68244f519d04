#pragma once
// The progress screen drawn with Dear ImGui: the trainee's KPIs as the engine computed them
// (Trainer::kpis(), progress/Kpis.hpp) and the next drill with a way into it. Text and tables are
// ImGui's; the charts are left in the frame's ProgressView for the frame loop to draw with SFML.

#include "ProgressCharts.hpp"
#include "Widgets.hpp"
#include "trainer/Trainer.hpp"

namespace sparring::ui {

/// Lays out the progress screen into the current ImGui window; a press becomes a call on the model.
/// `fromTop`: the screen was just entered, so its body shows from the top.
void drawProgress(trainer::Trainer& trainer, Controls& ui, ProgressView& charts, bool fromTop);

} // namespace sparring::ui
