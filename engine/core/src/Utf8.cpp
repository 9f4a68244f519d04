#include "core/Utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>

namespace sparring::core {

bool isTerminalControl(char32_t c)
{
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
}

std::optional<ControlCharacter> firstTerminalControl(std::string_view text)
{
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        if (bytes[i] < 0x80) { // ASCII, the common case, without ICU's decoding
            if (isTerminalControl(bytes[i]))
                return ControlCharacter{static_cast<std::size_t>(start), bytes[i]};
            ++i;
            continue;
        }
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0 && isTerminalControl(static_cast<char32_t>(c)))
            return ControlCharacter{static_cast<std::size_t>(start), static_cast<char32_t>(c)};
    }
    return std::nullopt;
}

std::string terminalSafe(std::string_view text, bool keepLayout)
{
    const auto unsafe = [&](char32_t c) {
        return isTerminalControl(c) || (!keepLayout && (c == '\t' || c == '\n'));
    };
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    std::string out;
    out.reserve(text.size());
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
        } else if (unsafe(static_cast<char32_t>(c))) {
            char escape[16];
            if (c == '\n')
                std::snprintf(escape, sizeof escape, "\\n");
            else if (c == '\t')
                std::snprintf(escape, sizeof escape, "\\t");
            else if (c < 0x80)
                std::snprintf(escape, sizeof escape, "\\x%02X", static_cast<unsigned>(c));
            else
                std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned>(c));
            out += escape;
        } else {
            out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

std::string jsonControlsEscaped(std::string_view json)
{
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        const auto byte = static_cast<unsigned char>(json[i]);
        char32_t c = byte;
        std::size_t length = 1;
        // DEL is one byte; U+0080-U+009F are the two-byte sequences C2 80 to C2 9F.
        if (byte == 0xC2 && i + 1 < json.size()) {
            c = (static_cast<unsigned char>(json[i + 1]) & 0x3Fu) | 0x80u;
            length = 2;
        }
        if ((c == 0x7F || length == 2) && isTerminalControl(c)) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
            out += escape;
            i += length - 1;
        } else {
            out += json[i];
        }
    }
    return out;
}

} // namespace sparring::core
