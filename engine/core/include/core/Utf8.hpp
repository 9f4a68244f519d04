#pragma once
// What counts as UTF-8: the one rule for every text file Sparring reads (scenario files, and
// Twine stories for `sparring import twee`), decided by ICU. And what a terminal must never be
// sent from content: the control characters it would act on.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sparring::core {

/// The byte offset of the first ill-formed UTF-8 sequence in `text` (an overlong form, a
/// surrogate, a stray or missing continuation byte...), or nothing when all of it is UTF-8.
[[nodiscard]] std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

/// Whether a terminal acts on code point `c` instead of showing it: the C0 controls (NUL, ESC,
/// CR, BEL...), DEL and the C1 controls (U+0080-U+009F, CSI among them). Tab and line feed are
/// layout, not commands, and are not counted.
[[nodiscard]] bool isTerminalControl(char32_t c);

/// The first code point in `text` a terminal would act on (isTerminalControl), with its byte
/// offset; nothing when there is none. `text` must be UTF-8.
struct ControlCharacter {
    std::size_t offset = 0;
    char32_t codePoint = 0;
};
[[nodiscard]] std::optional<ControlCharacter> firstTerminalControl(std::string_view text);

/// `text` made safe to write to a terminal: each control character (isTerminalControl; with
/// `keepLayout` false, tab and line feed too) is shown as a visible escape such as `\x1B` or
/// `\u009B`, and each ill-formed UTF-8 sequence as U+FFFD. The one rule every writer of content
/// to a terminal uses.
[[nodiscard]] std::string terminalSafe(std::string_view text, bool keepLayout = true);

/// JSON text as a JSON writer dumps it (valid UTF-8, the C0 controls in strings already escaped)
/// with the control characters JSON lets through raw, DEL and the C1 controls (isTerminalControl),
/// written as `\u007f` ... `\u009f`: the same JSON, which a terminal can show (`cat save.json`)
/// without acting on what a trainee typed or a file held. Every JSON writer of content uses it.
[[nodiscard]] std::string jsonControlsEscaped(std::string_view json);

} // namespace sparring::core
