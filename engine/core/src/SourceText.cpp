#include "SourceText.hpp"

#include "core/Files.hpp"

#include "core/Limits.hpp"
#include "core/Utf8.hpp"

#include <unicode/utf8.h>

#include <fstream>
#include <sstream>

namespace sparring::core {

std::optional<std::size_t> firstInvalidUtf8(std::string_view text)
{
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0)
            return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

namespace {

/// Offset of the first byte YAML does not allow in a file: the C0 control characters other
/// than tab, line feed and carriage return (NUL among them), and DEL. yaml-cpp would read a NUL
/// as the end of the text and pass the others through into titles and lines.
std::optional<std::size_t> firstControlCharacter(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F)
            return i;
    }
    return std::nullopt;
}

/// What the scan before parsing found wrong, at the byte it showed.
struct ShapeProblem {
    std::size_t offset = 0;
    enum class Kind { Brackets, Indentation, Items } kind = Kind::Brackets;
};

/// Whether the line text[begin, lastSignificant] ends with a block scalar's header (`key: |`,
/// `- >-`, `key: |2`): an indicator after `:` or `-` and a space, with its optional chomping and
/// indentation indicators.
bool endsWithBlockScalarHeader(std::string_view text, std::size_t begin, std::size_t lastSignificant)
{
    std::size_t j = lastSignificant;
    while (j > begin && (text[j] == '+' || text[j] == '-' || (text[j] >= '0' && text[j] <= '9')))
        --j;
    if (j == begin || (text[j] != '|' && text[j] != '>'))
        return false;
    std::size_t k = j;
    while (k > begin && text[k - 1] == ' ')
        --k;
    return k < j && k > begin && (text[k - 1] == ':' || text[k - 1] == '-');
}

/// A block scalar being skipped: its lines are text to yaml-cpp (a `[` there nests nothing), so
/// they count neither towards nesting nor as items. Only lines indented at least as far as its
/// first line, and more than the line that opened it, are skipped: anything less ends it, as in
/// YAML, and is scanned like any other line.
struct BlockScalar {
    bool open = false;
    std::size_t parentIndent = 0;  ///< the opening line's indentation, `-` included
    std::size_t contentIndent = 0; ///< its first content line's; 0 until that line is seen
};

/// Moves `i` (on a line break) past the lines of an open block scalar that follow it; closes the
/// block at the first line that is not its content. False when the text ends inside it.
bool skipBlockScalarLines(std::string_view text, std::size_t& i, BlockScalar& block)
{
    while (block.open) {
        std::size_t s = i + 1;
        while (s < text.size() && text[s] == ' ')
            ++s;
        const std::size_t spaces = s - (i + 1);
        const bool blank = s == text.size() || text[s] == '\n' || text[s] == '\r';
        if (!blank) {
            if (block.contentIndent == 0 && spaces > block.parentIndent)
                block.contentIndent = spaces;
            if (block.contentIndent == 0 || spaces < block.contentIndent) {
                block.open = false;
                break;
            }
        }
        const auto end = text.find('\n', s);
        if (end == std::string_view::npos)
            return false;
        i = end;
    }
    return true;
}

/// One pass over the text before yaml-cpp sees it. yaml-cpp recurses once per nesting level, so
/// very deep input must be refused before it parses: flow collections nest by brackets, block
/// collections by indentation and by "- - -" runs. And it keeps a node per item, so a file whose
/// items are tiny is refused by their count (limits::maxItems) before the tree is built. Block
/// scalars (`|`, `>`) are text and are skipped.
std::optional<ShapeProblem> firstShapeProblem(std::string_view text)
{
    const std::size_t allowed = limits::itemsAllowed(text.size());
    std::size_t items = 0;
    std::size_t flowDepth = 0;
    bool inSingle = false;
    bool inDouble = false;
    bool lineStart = true;
    std::size_t indent = 0;
    std::size_t lineBegin = 0;
    std::size_t lastSignificant = std::string_view::npos; ///< on this line, outside comments
    BlockScalar block;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            if (flowDepth == 0 && !inSingle && !inDouble && lastSignificant != std::string_view::npos &&
                lastSignificant >= lineBegin && endsWithBlockScalarHeader(text, lineBegin, lastSignificant))
                block = {true, indent, 0};
            if (!skipBlockScalarLines(text, i, block))
                return std::nullopt;
            lineStart = true;
            indent = 0;
            lineBegin = i + 1;
            inSingle = false; // quoted scalars rarely span lines; recover rather than mis-scan
            inDouble = false;
            continue;
        }
        if (lineStart) {
            if (c == ' ' || c == '-') {
                ++indent;
                if (indent > limits::maxIndentColumns)
                    return ShapeProblem{i, ShapeProblem::Kind::Indentation};
                continue;
            }
            lineStart = false;
            if (c != '#' && ++items > allowed)
                return ShapeProblem{i, ShapeProblem::Kind::Items};
        }
        const bool startsComment =
            c == '#' && !inSingle && !inDouble && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t');
        if (c != ' ' && c != '\t' && c != '\r' && !startsComment)
            lastSignificant = i;
        if (inDouble) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inDouble = false;
            continue;
        }
        if (inSingle) {
            if (c == '\'')
                inSingle = false;
            continue;
        }
        switch (c) {
        case '"':
            inDouble = true;
            break;
        case '\'':
            inSingle = true;
            break;
        case '#':
            if (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')
                while (i + 1 < text.size() && text[i + 1] != '\n')
                    ++i;
            break;
        case '[':
        case '{':
            if (++flowDepth > limits::maxFlowNesting)
                return ShapeProblem{i, ShapeProblem::Kind::Brackets};
            if (++items > allowed)
                return ShapeProblem{i, ShapeProblem::Kind::Items};
            break;
        case ']':
        case '}':
            if (flowDepth > 0)
                --flowDepth;
            break;
        case ',':
            if (flowDepth > 0 && ++items > allowed)
                return ShapeProblem{i, ShapeProblem::Kind::Items};
            break;
        default:
            break;
        }
    }
    return std::nullopt;
}

} // namespace

SourceLocation locationOf(std::string_view text, std::size_t offset, const std::string& file)
{
    SourceLocation where{file, 1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++where.line;
            where.column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++where.column; // count code points, not continuation bytes
        }
    }
    return where;
}

bool checkSourceText(std::string_view text, const std::string& displayName, Diagnostics& diagnostics)
{
    if (text.size() > limits::maxFileBytes) {
        diagnostics.error({displayName, 0, 0}, DiagnosticCode::FileTooLarge,
                          "file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                              std::to_string(limits::maxFileBytes) + " bytes; split it into includes");
        return false;
    }
    // A UTF-16 or UTF-32 byte order mark: the whole file is in another encoding, which is more
    // use to the author than the first byte that is not UTF-8.
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        const bool utf32 = text.starts_with(std::string_view("\xFF\xFE\0\0", 4));
        diagnostics.error({displayName, 1, 1}, DiagnosticCode::InvalidUtf8,
                          std::string("the file is saved as ") + (utf32 ? "UTF-32" : "UTF-16") +
                              " (it starts with a byte order mark for it); save it as UTF-8");
        return false;
    }
    if (const auto bad = firstInvalidUtf8(text)) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[*bad]));
        diagnostics.error(locationOf(text, *bad, displayName), DiagnosticCode::InvalidUtf8,
                          std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8");
        return false;
    }
    if (const auto bad = firstControlCharacter(text)) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[*bad]));
        diagnostics.error(locationOf(text, *bad, displayName), DiagnosticCode::InvalidUtf8,
                          text[*bad] == '\0'
                              ? std::string("NUL byte (0x00): the file is not text, or is saved as UTF-16 or "
                                            "UTF-32; save it as UTF-8")
                              : std::string("control character ") + hex +
                                    " is not allowed in a YAML file; remove it");
        return false;
    }
    if (const auto shape = firstShapeProblem(text)) {
        const auto where = locationOf(text, shape->offset, displayName);
        switch (shape->kind) {
        case ShapeProblem::Kind::Brackets:
            diagnostics.error(where, DiagnosticCode::NestingTooDeep,
                              "nesting too deep: more than " + std::to_string(limits::maxFlowNesting) +
                                  " levels of [ ] or { } inside each other");
            break;
        case ShapeProblem::Kind::Indentation:
            diagnostics.error(where, DiagnosticCode::NestingTooDeep,
                              "nesting too deep: indentation deeper than " +
                                  std::to_string(limits::maxIndentColumns) + " columns");
            break;
        case ShapeProblem::Kind::Items:
            diagnostics.error(where, DiagnosticCode::FileTooLarge,
                              "too many items for the file's size: a file of " + std::to_string(text.size()) +
                                  " bytes may hold " + std::to_string(limits::itemsAllowed(text.size())) +
                                  " items (lines, and entries of [ ] and { }), and this is one more; split "
                                  "it into includes");
            break;
        }
        return false;
    }
    return true;
}

std::optional<std::string> readSourceFile(const std::filesystem::path& path, const std::string& displayName,
                                          Diagnostics& diagnostics)
{
    auto file = readInputFile(path, limits::maxFileBytes);
    if (file.problem == ReadProblem::TooLarge) {
        std::error_code ec;
        diagnostics.error({displayName, 0, 0}, DiagnosticCode::FileTooLarge,
                          "file is " + std::to_string(std::filesystem::file_size(path, ec)) +
                              " bytes, over the limit of " + std::to_string(limits::maxFileBytes) +
                              " bytes; split it into includes");
        return std::nullopt;
    }
    if (!file.text) {
        diagnostics.error({displayName, 0, 0}, DiagnosticCode::FileUnreadable, file.reason);
        return std::nullopt;
    }
    std::string text = std::move(*file.text);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text.erase(0, 3);
    if (!checkSourceText(text, displayName, diagnostics))
        return std::nullopt;
    return text;
}

} // namespace sparring::core
