#pragma once
// The scene of a conversation, drawn with SFML under the ImGui controls: the rep's portrait in a
// role-play, or the panel seated around a table (the chair at the head), the speaker highlighted,
// each face showing its character's current expression, and each expert's verdict on the last
// answer. The layout scales with the area it is given.

#include "Portraits.hpp"
#include "trainer/Trainer.hpp"

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <string>
#include <vector>

namespace sparring::ui {

/// A character's place on the stage, as the trainer model computed it.
using Seat = trainer::Seat;

struct StageView {
    sf::FloatRect area; ///< in window pixels; empty: nothing to draw
    bool panel = false;
    bool table = true; ///< panels: draw the table (not in the briefing's row of faces)
    std::vector<Seat> seats;
    bool highContrast = false;
};

/// A verdict's badge: its colour, and the mark drawn beside its word so that it reads without
/// telling colours apart (agrees: a tick, mixed: a diamond, disagrees: a cross).
enum class VerdictMark { Tick, Diamond, Cross };
[[nodiscard]] sf::Color verdictColour(const std::string& verdict);
[[nodiscard]] VerdictMark verdictMark(const std::string& verdict);

/// Rasterises the printable ASCII glyphs of one of the stage labels' character sizes, from the
/// smallest up: the frame loop calls it once a frame until it returns true (all sizes done), so
/// the first frame that shows a panel's names does not rasterise them all at once. `nextSize`
/// starts at 0; set it to 0 again when the font changes.
bool warmLabelGlyphs(const sf::Font& font, unsigned& nextSize);

/// Where each seat's portrait goes (its square), for the view's layout. Exposed for tests.
[[nodiscard]] std::vector<sf::FloatRect> seatRects(const StageView& view);

void drawStage(sf::RenderTarget& target, const StageView& view, PortraitCache& portraits,
               const sf::Font& font);

} // namespace sparring::ui
