#include "Stage.hpp"

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/ConvexShape.hpp>
#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <SFML/Graphics/Text.hpp>

#include <algorithm>
#include <cmath>

namespace sparring::ui {

namespace {

/// The character sizes the stage's labels are drawn at: names, roles, moods and badges, shrunk to
/// fit their seat down to the smallest.
constexpr unsigned kSmallestLabel = 9;
constexpr float kLargestName = 22;

/// Textures are rendered at multiples of 16 pixels, so resizing the window reuses them.
unsigned texturePixels(float size)
{
    return std::max(32u, static_cast<unsigned>(std::lround(size / 16.0f)) * 16u);
}

/// The mark drawn at `centre`, `size` pixels across, in `colour`: a tick, a diamond or a cross.
void drawVerdictMark(sf::RenderTarget& target, VerdictMark mark, sf::Vector2f centre, float size,
                     sf::Color colour)
{
    const float h = size / 2;
    const float stroke = std::max(2.0f, size * 0.2f);
    const auto bar = [&](sf::Vector2f from, sf::Vector2f to) {
        const sf::Vector2f d = to - from;
        const float length = std::sqrt(d.x * d.x + d.y * d.y);
        sf::RectangleShape line({length, stroke});
        line.setOrigin(0, stroke / 2);
        line.setPosition(from);
        line.setRotation(std::atan2(d.y, d.x) * 180.0f / 3.14159265f);
        line.setFillColor(colour);
        target.draw(line);
    };
    switch (mark) {
    case VerdictMark::Tick:
        bar({centre.x - h, centre.y}, {centre.x - h * 0.25f, centre.y + h * 0.7f});
        bar({centre.x - h * 0.35f, centre.y + h * 0.7f}, {centre.x + h, centre.y - h * 0.8f});
        break;
    case VerdictMark::Cross:
        bar({centre.x - h * 0.8f, centre.y - h * 0.8f}, {centre.x + h * 0.8f, centre.y + h * 0.8f});
        bar({centre.x - h * 0.8f, centre.y + h * 0.8f}, {centre.x + h * 0.8f, centre.y - h * 0.8f});
        break;
    case VerdictMark::Diamond: {
        sf::ConvexShape diamond(4);
        diamond.setPoint(0, {centre.x, centre.y - h});
        diamond.setPoint(1, {centre.x + h, centre.y});
        diamond.setPoint(2, {centre.x, centre.y + h});
        diamond.setPoint(3, {centre.x - h, centre.y});
        diamond.setFillColor(sf::Color::Transparent);
        diamond.setOutlineThickness(-stroke * 0.8f);
        diamond.setOutlineColor(colour);
        target.draw(diamond);
        break;
    }
    }
}

void centredText(sf::RenderTarget& target, const sf::Font& font, const std::string& text, unsigned size,
                 sf::Vector2f centreTop, sf::Color colour, float maxWidth)
{
    sf::Text label(sf::String::fromUtf8(text.begin(), text.end()), font, size);
    // Shrink a long name or role to its seat rather than overlap the neighbours. Width grows about
    // in proportion to the size, so one estimate and a step or two of correction do it (a
    // one-point-at-a-time search re-laid the text a dozen times per label per frame).
    if (const float width = label.getLocalBounds().width; width > maxWidth) {
        const auto estimate =
            static_cast<unsigned>(static_cast<float>(label.getCharacterSize()) * maxWidth / width);
        label.setCharacterSize(std::max(kSmallestLabel, estimate));
        while (label.getLocalBounds().width > maxWidth && label.getCharacterSize() > kSmallestLabel)
            label.setCharacterSize(label.getCharacterSize() - 1);
    }
    label.setFillColor(colour);
    const auto bounds = label.getLocalBounds();
    label.setPosition(std::round(centreTop.x - bounds.width / 2 - bounds.left), std::round(centreTop.y));
    target.draw(label);
}

void drawSeat(sf::RenderTarget& target, const Seat& seat, sf::FloatRect square, PortraitCache& portraits,
              const sf::Font& font, bool highContrast, bool showExpression)
{
    const float size = square.width;
    const sf::Vector2f centre(square.left + size / 2, square.top + size / 2);
    // The speaker: a bright ring that the others don't have.
    if (seat.speaking) {
        sf::RectangleShape ring({size + 6, size + 6});
        ring.setPosition(square.left - 3, square.top - 3);
        ring.setFillColor(sf::Color::Transparent);
        ring.setOutlineThickness(4);
        ring.setOutlineColor(highContrast ? sf::Color(255, 217, 0) : sf::Color(255, 214, 102));
        target.draw(ring);
    }
    if (const sf::Texture* texture = portraits.get(seat.image, seat.expression, texturePixels(size))) {
        sf::Sprite sprite(*texture);
        const float scale = size / static_cast<float>(texture->getSize().x);
        sprite.setScale(scale, scale);
        sprite.setPosition(square.left, square.top);
        if (!seat.speaking && !highContrast)
            sprite.setColor(sf::Color(225, 225, 225)); // listeners slightly dimmed
        target.draw(sprite);
    } else {
        // No art: the initials on a plain tile, still distinct per character by name. Art still
        // being rendered (a frame or two) gets the tile alone.
        sf::RectangleShape tile({size, size});
        tile.setPosition(square.left, square.top);
        tile.setFillColor(sf::Color(90, 100, 120));
        target.draw(tile);
        if (portraits.missing(seat.image, texturePixels(size)))
            centredText(target, font, seat.name.substr(0, 1), static_cast<unsigned>(size * 0.45f),
                        {centre.x, centre.y - size * 0.3f}, sf::Color::White, size);
    }
    const unsigned nameSize = static_cast<unsigned>(std::clamp(size * 0.13f, 12.0f, kLargestName));
    float y = square.top + size + 6;
    const sf::Color nameColour = seat.speaking ? sf::Color(255, 214, 102) : sf::Color(235, 235, 235);
    const float labelWidth = std::max(size * 1.25f, 80.0f);
    centredText(target, font, seat.name + (seat.chair ? " (chair)" : ""), nameSize, {centre.x, y}, nameColour,
                labelWidth);
    y += static_cast<float>(nameSize) * 1.3f;
    if (!seat.role.empty()) {
        centredText(target, font, seat.role, std::max(10u, nameSize - 3), {centre.x, y},
                    sf::Color(175, 180, 190), labelWidth);
        y += static_cast<float>(nameSize) * 1.2f;
    }
    if (showExpression) {
        // The face says it; the words say it too, for anyone who can't read the face.
        const std::string mood = seat.expression.empty() ? "neutral" : seat.expression;
        centredText(target, font, "looks " + mood, std::max(10u, nameSize - 3), {centre.x, y},
                    sf::Color(175, 180, 190), labelWidth);
        y += static_cast<float>(nameSize) * 1.2f;
    }
    if (!seat.verdict.empty()) {
        // Word, mark and colour: the verdict reads without telling colours apart.
        const unsigned badgeSize = std::max(10u, nameSize - 2);
        const float markSize = static_cast<float>(badgeSize) * 0.8f;
        sf::Text badge(seat.verdict, font, badgeSize);
        const auto bounds = badge.getLocalBounds();
        sf::RectangleShape pill({bounds.width + markSize + 20, static_cast<float>(badgeSize) * 1.5f});
        pill.setPosition(std::round(centre.x - pill.getSize().x / 2), std::round(y + 2));
        pill.setFillColor(verdictColour(seat.verdict));
        target.draw(pill);
        const sf::Color ink(20, 20, 20);
        drawVerdictMark(
            target, verdictMark(seat.verdict),
            {pill.getPosition().x + 6 + markSize / 2, pill.getPosition().y + pill.getSize().y / 2}, markSize,
            ink);
        badge.setFillColor(ink);
        badge.setPosition(std::round(pill.getPosition().x + markSize + 12 - bounds.left),
                          std::round(y + 2 + static_cast<float>(badgeSize) * 0.15f));
        target.draw(badge);
    }
}

} // namespace

bool warmLabelGlyphs(const sf::Font& font, unsigned& nextSize)
{
    const auto largest = static_cast<unsigned>(kLargestName);
    if (nextSize < kSmallestLabel)
        nextSize = kSmallestLabel;
    if (nextSize > largest)
        return true;
    for (char32_t c = U' '; c <= U'~'; ++c)
        (void)font.getGlyph(c, nextSize, false);
    return ++nextSize > largest;
}

sf::Color verdictColour(const std::string& verdict)
{
    if (verdict == "agrees")
        return {89, 178, 102};
    if (verdict == "disagrees")
        return {205, 90, 80};
    return {200, 170, 80};
}

VerdictMark verdictMark(const std::string& verdict)
{
    if (verdict == "agrees")
        return VerdictMark::Tick;
    if (verdict == "disagrees")
        return VerdictMark::Cross;
    return VerdictMark::Diamond;
}

std::vector<sf::FloatRect> seatRects(const StageView& view)
{
    std::vector<sf::FloatRect> rects;
    const auto n = view.seats.size();
    if (n == 0 || view.area.width <= 0 || view.area.height <= 0)
        return rects;
    const sf::FloatRect& a = view.area;
    if (!view.panel) {
        // Role-play: the rep large, side by side if there are several; labels need a fifth below.
        const float size = std::min(a.width * 0.8f / static_cast<float>(n), a.height * 0.62f);
        const float gap = (a.width - size * static_cast<float>(n)) / static_cast<float>(n + 1);
        for (std::size_t i = 0; i < n; ++i)
            rects.emplace_back(a.left + gap + static_cast<float>(i) * (size + gap), a.top + a.height * 0.06f,
                               size, size);
        return rects;
    }
    if (!view.table) {
        // A row of faces (the briefing): evenly spaced, labels below.
        const float size = std::min({a.height * 0.55f, a.width / (static_cast<float>(n) * 1.6f), 120.0f});
        const float step = a.width / static_cast<float>(n);
        for (std::size_t i = 0; i < n; ++i)
            rects.emplace_back(std::round(a.left + step * (static_cast<float>(i) + 0.5f) - size / 2),
                               a.top + 4, size, size);
        return rects;
    }
    // Panel: the panel faces the trainee across a table, seated on an arc over its far side,
    // the chair (seat 0) at the head in the middle and the others to either side in cast order.
    const float size = std::min({a.height * 0.28f, a.width / (static_cast<float>(n) * 1.25f), 150.0f});
    std::vector<std::size_t> place(n); // seat index -> position on the arc, left to right
    const std::size_t middle = (n - 1) / 2;
    place[0] = middle;
    for (std::size_t i = 1, left = 0, right = middle + 1; i < n; ++i)
        place[i] = (i % 2 == 1 && left < middle) || right >= n ? left++ : right++;
    // Evenly spaced across the width, raised along an ellipse: the middle seat highest.
    const float cx = a.left + a.width / 2;
    const float cy = a.top + a.height * 0.62f;
    const float rise = a.height * 0.62f - size * 0.6f - 10.0f;
    const float step = n == 1 ? 0.0f : (a.width - size * 1.2f) / static_cast<float>(n - 1);
    for (std::size_t i = 0; i < n; ++i) {
        const float x = n == 1 ? cx : a.left + size * 0.6f + step * static_cast<float>(place[i]);
        const float u = (x - cx) / (a.width / 2);
        const float y = cy - rise * std::sqrt(std::max(0.0f, 1.0f - u * u * 0.85f));
        rects.emplace_back(std::round(x - size / 2), std::round(y - size / 2), size, size);
    }
    return rects;
}

void drawStage(sf::RenderTarget& target, const StageView& view, PortraitCache& portraits,
               const sf::Font& font)
{
    const auto rects = seatRects(view);
    if (rects.empty())
        return;
    if (view.panel && view.table) {
        const sf::FloatRect& a = view.area;
        const float size = rects.front().width;
        sf::CircleShape table(1.0f, 96);
        const float rx = std::max(10.0f, a.width / 2 - size * 1.4f);
        const float ry = std::max(10.0f, a.height * 0.25f);
        table.setScale(rx, ry);
        table.setOrigin(1.0f, 1.0f);
        table.setPosition(a.left + a.width / 2, a.top + a.height * 0.70f);
        table.setFillColor(view.highContrast ? sf::Color(40, 40, 40) : sf::Color(92, 68, 52));
        table.setOutlineColor(view.highContrast ? sf::Color::White : sf::Color(130, 98, 74));
        table.setOutlineThickness(2.0f / std::max(rx, ry));
        target.draw(table);
    }
    for (std::size_t i = 0; i < rects.size(); ++i)
        drawSeat(target, view.seats[i], rects[i], portraits, font, view.highContrast, !view.panel);
}

} // namespace sparring::ui
