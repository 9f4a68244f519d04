// `sparring import twee` (console/ImportTwee.hpp).
// Sections: text helpers; reading Twee; a passage's text; the draft as data; converting the
// story; writing the draft; the report.

#include "console/ImportTwee.hpp"

#include "core/Limits.hpp"
#include "core/Utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>
#include <unordered_map>
#include <utility>

namespace sparring::console {

namespace {

// ---- text helpers ----------------------------------------------------------------------------

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAsciiAlnum(char c)
{
    return isAsciiAlpha(c) || (c >= '0' && c <= '9');
}

std::string trimmed(std::string_view text)
{
    std::size_t from = 0;
    std::size_t to = text.size();
    while (from < to && isSpace(text[from]))
        ++from;
    while (to > from && isSpace(text[to - 1]))
        --to;
    return std::string(text.substr(from, to - from));
}

/// Runs of spaces and tabs as one space, and no space at either end.
std::string collapsed(std::string_view text)
{
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string lowercase(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Code points in `text` (continuation bytes do not count).
int codePoints(std::string_view text)
{
    return static_cast<int>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// One line of at most `limit` code points, for the report: line breaks shown as spaces.
std::string oneLine(std::string_view text, std::size_t limit = 60)
{
    std::string out;
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++count > limit) {
            out += "...";
            break;
        }
        out += c == '\n' || c == '\t' ? ' ' : c;
    }
    return collapsed(out);
}

/// `text` as a scenario text: braces doubled, since the scenario reads `{name}` as a variable.
std::string literalBraces(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        out += c;
        if (c == '{' || c == '}')
            out += c;
    }
    return out;
}

/// The length of a character at `text[at]` that YAML does not allow as it is in a text, or that
/// some readers take as a line break or drop: a C1 control (NEL among them), LS, PS or a byte order
/// mark; 0 when there is none. `escape` gets its escape for a double-quoted scalar: for a C1
/// control, U+FFFD, since a scenario may not hold a character a terminal acts on (SP0019).
std::size_t unsafeInYamlAt(std::string_view text, std::size_t at, std::string* escape = nullptr)
{
    auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
    std::size_t length = 0;
    unsigned code = 0;
    if (byte(at) == 0xC2 && byte(at + 1) >= 0x80 && byte(at + 1) <= 0x9F) {
        length = 2;
        code = byte(at + 1);
    } else if (byte(at) == 0xE2 && byte(at + 1) == 0x80 && (byte(at + 2) == 0xA8 || byte(at + 2) == 0xA9)) {
        length = 3;
        code = 0x2000 + byte(at + 2);
    } else if (byte(at) == 0xEF && byte(at + 1) == 0xBB && byte(at + 2) == 0xBF) {
        length = 3;
        code = 0xFEFF;
    }
    if (length > 0 && escape != nullptr) {
        char hex[16]; // room for any code point, as the compiler cannot see it is at most 0xFFFF
        std::snprintf(hex, sizeof hex, "\\u%04X", code <= 0x9F ? 0xFFFDu : code);
        *escape = hex;
    }
    return length;
}

/// A YAML double-quoted scalar holding `text` exactly.
std::string yamlQuoted(std::string_view text)
{
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
        } else if (std::string escape; const auto length = unsafeInYamlAt(text, i, &escape)) {
            out += escape;
            i += length - 1;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

/// `text` safe inside a YAML comment: nothing that could end the line.
std::string commentSafe(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            out += ' ';
        } else if (const auto length = unsafeInYamlAt(text, i); length > 0) {
            out += ' ';
            i += length - 1;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// A paragraph as comment lines of at most `width` characters with their indentation and '# '.
std::vector<std::string> wrapped(std::string_view text, std::size_t indent, std::size_t width = 96)
{
    std::vector<std::string> lines{""};
    std::size_t from = 0;
    while (from < text.size()) {
        std::size_t to = text.find(' ', from);
        if (to == std::string_view::npos)
            to = text.size();
        const auto word = text.substr(from, to - from);
        if (!lines.back().empty() && indent + 2 + codePoints(lines.back()) + 1 + codePoints(word) > width)
            lines.emplace_back();
        lines.back() += (lines.back().empty() ? "" : " ") + std::string(word);
        from = to + 1;
    }
    return lines;
}

/// The 1-based line and column (in code points) of byte offsets into one text, asked for in
/// increasing order: each call walks on from the last, so a pass over the text stays linear.
class Locator {
public:
    explicit Locator(std::string_view text, int firstLine = 1) : m_text(text), m_line(firstLine) {}

    std::pair<int, int> at(std::size_t offset)
    {
        offset = std::min(offset, m_text.size());
        for (; m_offset < offset; ++m_offset) {
            const auto byte = static_cast<unsigned char>(m_text[m_offset]);
            if (byte == '\n') {
                ++m_line;
                m_column = 1;
            } else if ((byte & 0xC0) != 0x80) {
                ++m_column;
            }
        }
        return {m_line, m_column};
    }

private:
    std::string_view m_text;
    std::size_t m_offset = 0;
    int m_line = 1;
    int m_column = 1;
};

/// `text.find(needle, from)` for calls whose `from` never decreases: the last answer is kept, so
/// a needle that is far away or absent is searched for once, not once per call.
class Finder {
public:
    Finder(std::string_view text, std::string_view needle) : m_text(text), m_needle(needle) {}

    std::size_t next(std::size_t from)
    {
        if (m_searched && (m_found == std::string_view::npos || m_found >= from))
            return m_found;
        m_found = m_text.find(m_needle, from);
        m_searched = true;
        return m_found;
    }

private:
    std::string_view m_text;
    std::string_view m_needle;
    std::size_t m_found = std::string_view::npos;
    bool m_searched = false;
};

// ---- reading Twee ----------------------------------------------------------------------------

/// A name or tag with its escapes undone: a backslash yields the character after it.
std::string unescaped(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size())
            ++i;
        out += text[i];
    }
    return out;
}

/// The offset of the first of `stops` in `text` from `from` that no backslash escapes.
std::size_t unescapedFind(std::string_view text, std::string_view stops, std::size_t from)
{
    for (std::size_t i = from; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
            continue;
        }
        if (stops.find(text[i]) != std::string_view::npos)
            return i;
    }
    return std::string_view::npos;
}

/// Twee 1 and 2 wrote a passage's position as `<x,y>` after the name or the tags.
bool isOldPosition(std::string_view text)
{
    if (text.size() < 5 || text.front() != '<' || text.back() != '>')
        return false;
    const std::string inside = trimmed(text.substr(1, text.size() - 2));
    const auto comma = inside.find(',');
    auto number = [](const std::string& n) {
        return !n.empty() &&
               std::all_of(n.begin(), n.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    };
    return comma != std::string::npos && number(trimmed(inside.substr(0, comma))) &&
           number(trimmed(inside.substr(comma + 1)));
}

/// One header line (starting with "::"), or the problem with it.
std::optional<TweeProblem> readHeader(std::string_view line, int lineNumber, TweePassage& passage,
                                      std::vector<TweeProblem>& warnings)
{
    auto column = [&](std::size_t offset) { return codePoints(line.substr(0, offset)) + 1; };
    std::size_t at = 2;
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
        ++at;
    const std::size_t nameEnd = std::min(unescapedFind(line, "[{", at), line.size());
    std::string rawName = trimmed(line.substr(at, nameEnd - at));
    // An old position right after the name: ":: Name <10,20>".
    if (const auto open = rawName.rfind('<');
        open != std::string::npos && isOldPosition(rawName.substr(open)))
        rawName = trimmed(std::string_view(rawName).substr(0, open));
    passage.name = unescaped(rawName);
    if (passage.name.empty())
        return TweeProblem{lineNumber, column(at),
                           "this passage header has no name; a header is ':: Name', optionally followed by "
                           "[tags] and {metadata}"};
    at = nameEnd;
    if (at < line.size() && line[at] == '[') {
        const std::size_t close = unescapedFind(line, "]", at + 1);
        if (close == std::string_view::npos)
            return TweeProblem{
                lineNumber, column(at),
                "the tag block '[' of passage '" + passage.name +
                    "' is never closed; close it with ']', or write '\\[' for a bracket in the "
                    "name"};
        const auto tags = line.substr(at + 1, close - at - 1);
        for (std::size_t from = 0; from < tags.size();) {
            while (from < tags.size() && (tags[from] == ' ' || tags[from] == '\t'))
                ++from;
            std::size_t to = from;
            while (to < tags.size() && tags[to] != ' ' && tags[to] != '\t')
                to += tags[to] == '\\' && to + 1 < tags.size() ? 2 : 1;
            if (to > from)
                passage.tags.push_back(unescaped(tags.substr(from, to - from)));
            from = to;
        }
        at = close + 1;
    }
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
        ++at;
    if (at < line.size() && line[at] == '<') {
        const std::size_t close = line.find('>', at);
        if (close != std::string_view::npos && isOldPosition(line.substr(at, close - at + 1))) {
            at = close + 1;
            while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
                ++at;
        }
    }
    if (at < line.size() && line[at] == '{') {
        const std::string metadata = trimmed(line.substr(at));
        const auto json = nlohmann::json::parse(metadata, nullptr, false);
        if (json.is_discarded() || !json.is_object())
            warnings.push_back({lineNumber, column(at),
                                "the metadata of passage '" + passage.name +
                                    "' is not a JSON object; it is ignored (it only places the passage on "
                                    "Twine's map)"});
        else
            passage.metadata = metadata;
        at = line.size();
    }
    if (at < line.size())
        return TweeProblem{lineNumber, column(at),
                           "unexpected '" + oneLine(line.substr(at), 20) +
                               "' after the name and tags of passage '" + passage.name +
                               "'; a header is ':: Name [tags] {metadata}' (write '\\]' or '\\}' "
                               "for a bracket in the name)"};
    return std::nullopt;
}

/// Lines as LF only: CRLF and a lone CR (old Mac files) end a line too.
std::string withUnixLineEnds(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

TweeProblem notTwee(std::string_view text)
{
    const auto firstText = text.find_first_not_of(" \t\n");
    const std::string start = lowercase(text.substr(firstText, 200));
    if (text.find("<tw-storydata") != std::string_view::npos)
        return {0, 0,
                "this is a Twine HTML file (a published story or a library file), not Twee; in Twine, "
                "open the story and use Build > Export As Twee, then import that file"};
    if (start.starts_with("<!doctype") || start.starts_with("<html"))
        return {0, 0,
                "this is an HTML file, not Twee; export the story from Twine with Build > Export As Twee"};
    Locator locate(text);
    const auto [line, column] = locate.at(firstText);
    return {line, column,
            "no passage header: a Twee story is a list of passages, each starting with a line ':: Name' "
            "(this file has none)"};
}

// ---- a passage's text ------------------------------------------------------------------------

bool isMacroNameChar(char c)
{
    return isAsciiAlnum(c) || c == '-' || c == '_';
}

/// The end of a Harlowe macro call starting at `from` ("(set: ...)"), past its closing ')': strings
/// are skipped, parentheses counted. An unclosed call runs to the end of the text.
std::size_t harloweCallEnd(std::string_view text, std::size_t from)
{
    int depth = 0;
    for (std::size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'' || c == '`') {
            for (++i; i < text.size() && text[i] != c; ++i)
                if (text[i] == '\\')
                    ++i;
            continue;
        }
        if (c == '(')
            ++depth;
        else if (c == ')' && --depth == 0)
            return i + 1;
    }
    return text.size();
}

/// The end of a Harlowe hook starting at `from` ("[...]"), past its closing ']': brackets are
/// counted (prose inside a hook has apostrophes, so quotes are not). An unclosed hook runs to the
/// end of the text.
std::size_t hookEnd(std::string_view text, std::size_t from)
{
    int depth = 0;
    for (std::size_t i = from; i < text.size(); ++i) {
        if (text[i] == '[')
            ++depth;
        else if (text[i] == ']' && --depth == 0)
            return i + 1;
    }
    return text.size();
}

/// SugarCube's `<<name ...>>` tags of a text, each paired with its `<</name>>` when it has one:
/// a container (`<<if>>...<</if>>`) is one piece of code from its opening tag to its closing one.
struct SugarTag {
    std::size_t begin = 0;
    std::size_t end = 0; ///< past the closing tag's ">>" for a container, else past this tag's
    std::string name;
};

std::vector<SugarTag> sugarTags(std::string_view text)
{
    struct Raw {
        std::size_t begin;
        std::size_t end;
        std::string name;
        bool closing;
    };
    std::vector<Raw> raw;
    for (std::size_t from = 0;;) {
        const std::size_t open = text.find("<<", from);
        if (open == std::string_view::npos)
            break;
        const std::size_t close = text.find(">>", open + 2);
        if (close == std::string_view::npos)
            break;
        std::size_t at = open + 2;
        const bool closing = at < text.size() && text[at] == '/';
        if (closing)
            ++at;
        std::size_t nameEnd = at;
        if (nameEnd < close && (text[nameEnd] == '=' || text[nameEnd] == '-'))
            ++nameEnd; // <<= expr>> and <<- expr>> print a value
        else
            while (nameEnd < close && isMacroNameChar(text[nameEnd]))
                ++nameEnd;
        raw.push_back({open, close + 2, lowercase(text.substr(at, nameEnd - at)), closing});
        from = close + 2;
    }
    // Pair each closing tag with the nearest open tag of its name; tags between them belong to
    // the container. A count per name keeps a closing tag without an opener from searching.
    std::vector<SugarTag> tags;
    std::vector<std::size_t> open; // indices into `tags`
    std::unordered_map<std::string, int> openCount;
    for (const auto& tag : raw) {
        // `nobr` only joins lines: its content is prose, so its tags are code on their own.
        if (!tag.closing || tag.name == "nobr") {
            tags.push_back({tag.begin, tag.end, (tag.closing ? "/" : "") + tag.name});
            if (!tag.closing && tag.name != "nobr") {
                open.push_back(tags.size() - 1);
                ++openCount[tag.name];
            }
            continue;
        }
        if (openCount[tag.name] == 0) {
            tags.push_back({tag.begin, tag.end, "/" + tag.name});
            continue;
        }
        while (!open.empty()) {
            auto& opener = tags[open.back()];
            open.pop_back();
            --openCount[opener.name];
            if (opener.name == tag.name) {
                opener.end = tag.end;
                break;
            }
        }
    }
    // A container's inner tags are inside its piece of code: keep the outermost pieces only.
    std::vector<SugarTag> outer;
    for (auto& tag : tags)
        if (outer.empty() || tag.begin >= outer.back().end)
            outer.push_back(std::move(tag));
    return outer;
}

bool isExternal(std::string_view target)
{
    std::size_t i = 0;
    while (i < target.size() && (isAsciiAlnum(target[i]) || target[i] == '_'))
        ++i;
    return i > 0 && target.substr(i).starts_with("://");
}

/// The link inside `[[` and `]]`, as Twine reads it.
TweeLink linkOf(std::string_view inside)
{
    TweeLink link;
    if (const auto setter = inside.find("]["); setter != std::string_view::npos) {
        link.setter = trimmed(inside.substr(setter + 2));
        inside = inside.substr(0, setter);
    }
    if (const auto arrow = inside.rfind("->"); arrow != std::string_view::npos) {
        link.text = trimmed(inside.substr(0, arrow));
        link.target = trimmed(inside.substr(arrow + 2));
    } else if (const auto back = inside.find("<-"); back != std::string_view::npos) {
        link.target = trimmed(inside.substr(0, back));
        link.text = trimmed(inside.substr(back + 2));
    } else if (const auto bar = inside.rfind('|'); bar != std::string_view::npos) {
        link.text = trimmed(inside.substr(0, bar));
        link.target = trimmed(inside.substr(bar + 1));
    } else {
        link.text = link.target = trimmed(inside);
    }
    if (link.text.empty())
        link.text = link.target;
    return link;
}

/// Reads one passage's text in a single pass: links, code and prose, each at its line.
class PassageReader {
public:
    PassageReader(const TweePassage& passage, std::string_view format)
        : m_text(passage.body), m_locate(passage.body, passage.line + 1), m_linkOpen(m_text, "[["),
          m_linkClose(m_text, "]]"), m_lineEnd(m_text, "\n"), m_tagEnd(m_text, ">"),
          m_htmlCommentEnd(m_text, "-->"), m_blockCommentEnd(m_text, "*/"), m_templateEnd(m_text, "%>"),
          m_sugarTags(sugarTags(m_text)), m_harlowe(lowercase(format).find("sugarcube") == std::string::npos)
    {
    }

    PassageText read()
    {
        newProseLine(0);
        std::size_t next = 0;
        for (std::size_t i = 0; i < m_text.size(); i = next)
            next = step(i);
        paragraphs();
        return std::move(m_out);
    }

private:
    struct ProseLine {
        std::string text;
        int line = 0;
        bool words = false;   ///< a letter or digit that is neither a link's text nor code
        bool removed = false; ///< a link or code was taken from it
    };

    /// Reads what starts at `i`; returns where the next piece starts.
    std::size_t step(std::size_t i)
    {
        const std::string_view rest = std::string_view(m_text).substr(i);
        const char c = m_text[i];
        if (c == '\n') {
            newProseLine(i + 1);
            return i + 1;
        }
        if (rest.starts_with("[[")) {
            const std::size_t close = m_linkClose.next(i + 2);
            if (close != std::string_view::npos && close < lineEnd(i))
                return link(i, close + 2);
        }
        if (rest.starts_with("<<")) {
            while (m_nextTag < m_sugarTags.size() && m_sugarTags[m_nextTag].begin < i)
                ++m_nextTag;
            if (m_nextTag < m_sugarTags.size() && m_sugarTags[m_nextTag].begin == i) {
                const auto& tag = m_sugarTags[m_nextTag];
                return code(TweeCode::Kind::Macro, i, tag.end, tag.name);
            }
        }
        if (rest.starts_with("<!--")) {
            const std::size_t close = m_htmlCommentEnd.next(i + 4);
            return code(TweeCode::Kind::Comment, i,
                        close == std::string_view::npos ? m_text.size() : close + 3);
        }
        if (rest.starts_with("<%")) {
            if (const std::size_t close = m_templateEnd.next(i + 2); close != std::string_view::npos)
                return code(TweeCode::Kind::Macro, i, close + 2);
        }
        if (rest.starts_with("/*")) {
            if (const std::size_t close = m_blockCommentEnd.next(i + 2); close != std::string_view::npos)
                return code(TweeCode::Kind::Comment, i, close + 2);
        }
        if (c == '<' && rest.size() > 2 &&
            (isAsciiAlpha(rest[1]) || (rest[1] == '/' && isAsciiAlpha(rest[2])))) {
            const std::size_t close = m_tagEnd.next(i + 1);
            if (close != std::string_view::npos && close < lineEnd(i))
                return code(TweeCode::Kind::Html, i, close + 1);
        }
        if (m_harlowe && c == '(' && rest.size() > 2 && isAsciiAlpha(rest[1])) {
            std::size_t nameEnd = 1;
            while (nameEnd < rest.size() && isMacroNameChar(rest[nameEnd]))
                ++nameEnd;
            if (nameEnd < rest.size() && rest[nameEnd] == ':') {
                std::size_t end = harloweCallEnd(m_text, i);
                while (end < m_text.size() && m_text[end] == '[')
                    end = hookEnd(m_text, end);
                return code(TweeCode::Kind::Macro, i, end, lowercase(rest.substr(1, nameEnd - 1)));
            }
        }
        if (c == '$' && rest.size() > 1 && (isAsciiAlpha(rest[1]) || rest[1] == '_')) {
            std::size_t end = 1;
            while (end < rest.size() && (isAsciiAlnum(rest[end]) || rest[end] == '_'))
                ++end;
            record(TweeCode::Kind::Variable, i, i + end, "");
            prose(rest.substr(0, end), true);
            return i + end;
        }
        prose(rest.substr(0, 1), isAsciiAlnum(c) || (static_cast<unsigned char>(c) & 0x80) != 0);
        return i + 1;
    }

    std::size_t lineEnd(std::size_t i)
    {
        const std::size_t end = m_lineEnd.next(i);
        return end == std::string_view::npos ? m_text.size() : end;
    }

    std::size_t link(std::size_t begin, std::size_t end)
    {
        TweeLink link = linkOf(std::string_view(m_text).substr(begin + 2, end - begin - 4));
        if (link.target.empty()) {
            prose(std::string_view(m_text).substr(begin, end - begin), true);
            return end;
        }
        m_lines.back().removed = true;
        prose(link.text, false);
        if (isExternal(link.target)) {
            record(TweeCode::Kind::ExternalLink, begin, end, "");
            return end;
        }
        std::tie(link.line, link.column) = m_locate.at(begin);
        m_out.links.push_back(std::move(link));
        return end;
    }

    /// Code from `begin` to `end`: recorded, taken out of the prose, and searched for links.
    std::size_t code(TweeCode::Kind kind, std::size_t begin, std::size_t end, const std::string& name = "")
    {
        record(kind, begin, end, name);
        m_lines.back().removed = true;
        if (kind == TweeCode::Kind::Comment)
            return end;
        // Links inside a macro: found with the same finders, which only move forward.
        for (std::size_t at = m_linkOpen.next(begin); at != std::string_view::npos && at < end;
             at = m_linkOpen.next(at + 2)) {
            const std::size_t close = m_linkClose.next(at + 2);
            if (close == std::string_view::npos || close + 2 > end || close >= lineEnd(at))
                continue;
            TweeLink link = linkOf(std::string_view(m_text).substr(at + 2, close - at - 2));
            if (link.target.empty() || isExternal(link.target))
                continue;
            std::tie(link.line, link.column) = m_locate.at(at);
            link.inCode = true;
            m_out.links.push_back(std::move(link));
        }
        return end;
    }

    void record(TweeCode::Kind kind, std::size_t begin, std::size_t end, const std::string& name)
    {
        TweeCode item;
        item.kind = kind;
        item.text = std::string(std::string_view(m_text).substr(begin, end - begin));
        while (!item.text.empty() && isSpace(item.text.back()))
            item.text.pop_back();
        item.name = name;
        std::tie(item.line, item.column) = m_locate.at(begin);
        m_out.code.push_back(std::move(item));
    }

    void prose(std::string_view text, bool words)
    {
        m_lines.back().text += text;
        m_lines.back().words = m_lines.back().words || words;
    }

    void newProseLine(std::size_t offset)
    {
        m_lines.push_back({});
        m_lines.back().line = m_locate.at(offset).first;
    }

    /// Prose lines into paragraphs: a blank line ends one; a line that held only links or code
    /// is left out without ending it, and so is a line of links with words only in their texts.
    void paragraphs()
    {
        std::optional<TweeParagraph> open;
        auto close = [&] {
            if (open)
                m_out.prose.push_back(withoutQuotes(std::move(*open)));
            open.reset();
        };
        for (const auto& line : m_lines) {
            const std::string text = collapsed(trimmed(line.text));
            if (text.empty() && !line.removed) {
                close();
                continue;
            }
            if (text.empty() || !line.words)
                continue;
            if (open)
                open->text += "\n" + text;
            else
                open = TweeParagraph{text, line.line};
        }
        close();
    }

    /// A paragraph that is one quoted speech loses its quotes: a line is already speech.
    static TweeParagraph withoutQuotes(TweeParagraph paragraph)
    {
        for (const auto& [open, close] :
             {std::pair<std::string_view, std::string_view>{"\"", "\""},
              std::pair<std::string_view, std::string_view>{"\xE2\x80\x9C", "\xE2\x80\x9D"}}) {
            const std::string_view text = paragraph.text;
            if (text.size() <= open.size() + close.size() || !text.starts_with(open) ||
                !text.ends_with(close))
                continue;
            const auto inner = text.substr(open.size(), text.size() - open.size() - close.size());
            if (inner.find(open) == std::string_view::npos && inner.find(close) == std::string_view::npos)
                paragraph.text = trimmed(inner);
        }
        return paragraph;
    }

    const std::string& m_text;
    Locator m_locate;
    Finder m_linkOpen;
    Finder m_linkClose;
    Finder m_lineEnd;
    Finder m_tagEnd;
    Finder m_htmlCommentEnd;
    Finder m_blockCommentEnd;
    Finder m_templateEnd;
    std::vector<SugarTag> m_sugarTags;
    std::size_t m_nextTag = 0;
    bool m_harlowe;
    std::vector<ProseLine> m_lines;
    PassageText m_out;
};

} // namespace

TweeParse parseTwee(std::string_view input)
{
    TweeParse result;
    auto fail = [&](int line, int column, std::string message) {
        result.error = TweeProblem{line, column, std::move(message)};
        return result;
    };
    if (input.size() > kMaxTweeBytes)
        return fail(0, 0,
                    "the file is over the limit of " + std::to_string(kMaxTweeBytes) +
                        " bytes for a story to import; import the story in parts");
    if (input.starts_with("\xFF\xFE") || input.starts_with("\xFE\xFF"))
        return fail(1, 1,
                    std::string("the file is saved as ") +
                        (input.starts_with(std::string_view("\xFF\xFE\0\0", 4)) ? "UTF-32" : "UTF-16") +
                        " (it starts with a byte order mark for it); save it as UTF-8");
    if (input.starts_with("\xEF\xBB\xBF"))
        input.remove_prefix(3);
    if (const auto bad = core::firstInvalidUtf8(input)) {
        Locator locate(input);
        const auto [line, column] = locate.at(*bad);
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(input[*bad]));
        return fail(line, column, std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8");
    }
    const auto control = std::find_if(input.begin(), input.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F;
    });
    if (control != input.end()) {
        Locator locate(input);
        const auto [line, column] = locate.at(static_cast<std::size_t>(control - input.begin()));
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(*control));
        return fail(
            line, column,
            *control == '\0'
                ? std::string("NUL byte (0x00): the file is not text, or is saved as UTF-16 or UTF-32; "
                              "save it as UTF-8")
                : std::string("control character ") + hex + " is not text; remove it");
    }
    const std::string text = withUnixLineEnds(input);
    if (text.find_first_not_of(" \t\n") == std::string::npos)
        return fail(
            0, 0,
            "the file is empty; a Twee story is a list of passages, each starting with a line ':: Name'");

    TweeStory story;
    int lineNumber = 0;
    bool preambleWarned = false;
    for (std::size_t from = 0; from < text.size();) {
        std::size_t to = text.find('\n', from);
        if (to == std::string::npos)
            to = text.size();
        const std::string_view line = std::string_view(text).substr(from, to - from);
        ++lineNumber;
        from = to + 1;
        if (line.starts_with("::")) {
            TweePassage passage;
            passage.line = lineNumber;
            if (auto problem = readHeader(line, lineNumber, passage, story.warnings))
                return fail(problem->line, problem->column, std::move(problem->message));
            story.passages.push_back(std::move(passage));
        } else if (!story.passages.empty()) {
            auto& body = story.passages.back().body;
            body += line;
            body += '\n';
        } else if (!preambleWarned && line.find_first_not_of(" \t") != std::string_view::npos) {
            preambleWarned = true;
            story.warnings.push_back(
                {lineNumber, 1,
                 "text before the first passage header belongs to no passage; it is left "
                 "out"});
        }
    }
    if (story.passages.empty()) {
        result.error = notTwee(text);
        return result;
    }
    for (auto& passage : story.passages) {
        auto& body = passage.body;
        std::size_t keep = body.size();
        while (keep > 0 && isSpace(body[keep - 1]))
            --keep;
        // Trailing blank lines go; the last line keeps its own text and line end.
        const std::size_t lineEnd = body.find('\n', keep);
        body.resize(keep == 0 ? 0 : (lineEnd == std::string::npos ? body.size() : lineEnd + 1));
    }
    result.story = std::move(story);
    return result;
}

PassageText readPassageText(const TweePassage& passage, std::string_view format)
{
    return PassageReader(passage, format).read();
}

namespace {

// ---- the draft as data -----------------------------------------------------------------------
// The converter builds these; the writer prints them. Comments are lines without their '#'.

struct DraftOption {
    std::string text; ///< a scenario text (braces doubled)
    std::string target;
    std::string note; ///< a comment after the goto
};

struct DraftNode {
    enum class Type { Line, Choice, End };
    Type type = Type::Line;
    std::string id;
    std::vector<std::string> comments; ///< above the node
    // line
    std::string text; ///< a scenario text
    std::string next;
    std::string nextNote;
    // choice
    std::vector<std::string> optionsComments;
    std::vector<DraftOption> options;
    // end
    std::vector<std::string> outcomeComments;
    std::string title;
    std::string debrief;
};

struct Draft {
    std::vector<std::string> header; ///< the file's opening comment
    std::string id;
    std::string title;
    std::vector<std::string> storyComments; ///< before `start:`: the passages kept as comments
    std::string start;
    std::vector<DraftNode> nodes;
};

// ---- converting the story --------------------------------------------------------------------

/// Passages a story format runs rather than shows: by name (SugarCube, Twine 1) or by tag.
bool isSpecialName(std::string_view name)
{
    static const std::set<std::string, std::less<>> names{
        "StoryInit",     "StoryCaption", "StoryMenu",      "StoryBanner",       "StoryAuthor",
        "StorySubtitle", "StoryShare",   "StoryInterface", "StoryDisplayTitle", "StoryIncludes",
        "StorySettings", "PassageReady", "PassageDone",    "PassageHeader",     "PassageFooter"};
    return names.contains(name);
}

bool isSpecialTag(std::string_view tag)
{
    static const std::set<std::string, std::less<>> tags{
        "script",       "stylesheet",   "startup", "header", "footer",       "debug-startup",
        "debug-header", "debug-footer", "widget",  "init",   "Twine.private"};
    return tags.contains(tag);
}

/// Node ids from passage names: lowercase letters, digits and '_', starting with a letter, each
/// given once (a second "Meeting!" becomes meeting_2).
class IdMaker {
public:
    IdMaker()
    {
        for (const char* word : {"and", "or", "not", "true", "false"})
            m_taken.insert(word); // readable in conditions: visits(not) would confuse
    }

    std::string make(std::string_view name)
    {
        std::string base;
        for (std::size_t i = 0; i < name.size(); ++i) {
            const char c = name[i];
            if (c == '\'' || name.substr(i, 3) == "\xE2\x80\x99") { // "Jordan's plan" is jordans_plan
                i += c == '\'' ? 0 : 2;
                continue;
            }
            if (isAsciiAlnum(c))
                base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            else if (!base.empty() && base.back() != '_')
                base += '_';
        }
        while (!base.empty() && base.back() == '_')
            base.pop_back();
        if (base.size() > 40) {
            base.resize(40);
            while (!base.empty() && base.back() == '_')
                base.pop_back();
        }
        if (base.empty())
            base = "passage";
        else if (!isAsciiAlpha(base[0]))
            base = "p_" + base;
        return unique(base);
    }

    /// `base` if no node has it, else `base_2`, `base_3`...
    std::string unique(const std::string& base)
    {
        std::string id = base;
        for (int n = 2; m_taken.contains(id); ++n)
            id = base + "_" + std::to_string(n);
        m_taken.insert(id);
        return id;
    }

private:
    std::set<std::string> m_taken;
};

/// What a macro does, by its name, said as what to write instead.
std::string macroHint(const std::string& name)
{
    static const std::set<std::string, std::less<>> changes{"set", "put", "move", "unpack", "unset", "state"};
    static const std::set<std::string, std::less<>> conditions{"if",     "else-if", "elseif", "else",
                                                               "unless", "switch",  "case",   "default"};
    static const std::set<std::string, std::less<>> moves{
        "goto",   "go-to",   "link-goto",   "click-goto",  "link-reveal-goto",
        "link",   "button",  "link-reveal", "link-repeat", "click",
        "choice", "actions", "return",      "back",        "redirect"};
    static const std::set<std::string, std::less<>> prints{"print", "=", "-", "display", "include"};
    if (changes.contains(name))
        return "it changes a variable: declare the variable under `variables:` and write the change as `do:` "
               "on a line or an option (guide: \"Variables\", \"Expressions\")";
    if (conditions.contains(name))
        return "it is a condition: give an option an `if:`, or add a `branch` node (guide: \"branch\")";
    if (moves.contains(name))
        return "it is a link or a jump: add the option or `next` it stands for by hand";
    if (prints.contains(name))
        return "it prints a value or a passage: write `{variable}` in the text, or copy the text in";
    return "a scenario has no equivalent; rewrite what it does with the guide, or delete it";
}

std::string codeMessage(const TweeCode& code, const std::string& passage, const std::string& node)
{
    const std::string where = " in passage \"" + passage + "\" (node `" + node + "`)";
    switch (code.kind) {
    case TweeCode::Kind::Macro:
        return "macro " + oneLine(code.text) + where + " is kept as a comment; " + macroHint(code.name);
    case TweeCode::Kind::Variable:
        return "variable " + code.text + where +
               " is shown as written; declare it under `variables:` and write `{" + code.text.substr(1) +
               "}`";
    case TweeCode::Kind::ExternalLink:
        return "link out of the story " + oneLine(code.text) + where + " is kept as its text only";
    case TweeCode::Kind::Html: // one item for all of a passage's tags: see Converter::convert
    case TweeCode::Kind::Comment:
        break;
    }
    return {};
}

/// A text over the limit for one text value, cut at spaces into pieces that fit.
std::vector<std::string> piecesOf(const std::string& text)
{
    std::vector<std::string> pieces;
    std::string_view rest = text;
    while (rest.size() > core::limits::maxTextBytes) {
        std::size_t cut = rest.rfind(' ', core::limits::maxTextBytes);
        if (cut == std::string_view::npos || cut == 0) {
            cut = core::limits::maxTextBytes; // no space: cut between characters, not inside one
            while (cut > 0 && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80)
                --cut;
            // nor between the two braces of a literal one
            std::size_t braces = 0;
            while (braces < cut && (rest[cut - 1 - braces] == '{' || rest[cut - 1 - braces] == '}'))
                ++braces;
            cut -= braces % 2;
        }
        pieces.emplace_back(rest.substr(0, cut));
        rest = rest.substr(cut);
        while (!rest.empty() && rest.front() == ' ')
            rest.remove_prefix(1);
    }
    if (!rest.empty())
        pieces.emplace_back(rest);
    return pieces;
}

class Converter {
public:
    Converter(const TweeStory& story, const ImportOptions& options) : m_story(story), m_options(options) {}

    TweeImport run()
    {
        readSpecialPassages();
        if (m_storyPassages.empty()) {
            m_result.error = TweeProblem{0, 0,
                                         "the story has no passage to import: only " + specialNames() +
                                             ", which Twine keeps for itself"};
            return std::move(m_result);
        }
        for (const auto& warning : m_story.warnings)
            work(warning.line, warning.column, HandWork::Kind::Notation, warning.message);
        m_result.id = m_options.id.empty() ? scenarioIdFor(m_story, m_options.sourceName) : m_options.id;
        m_result.title = m_title.empty() ? m_result.id : m_title;
        for (const auto* passage : m_storyPassages)
            m_ids.emplace(passage->name, m_idMaker.make(passage->name));
        chooseStart();
        for (const auto* passage : m_storyPassages)
            convert(*passage);
        for (const auto& name : m_missingOrder)
            placeholder(name, m_missing.at(name));
        reportUnreachable();
        if (std::none_of(m_draft.nodes.begin(), m_draft.nodes.end(),
                         [](const DraftNode& n) { return n.type == DraftNode::Type::End; }))
            work(0, 0, HandWork::Kind::NoEnding,
                 "every passage links on, so the draft has no ending and does not lint (SP0307); make a "
                 "node an `end` where the conversation should finish");
        work(0, 0, HandWork::Kind::Cast,
             "every line is said by one character, `rep`: name them and give them a persona, and give "
             "narration and other speakers characters of their own (guide: \"Cast\")");
        m_result.passages = m_storyPassages.size();
        m_result.nodes = m_draft.nodes.size();
        if (m_result.nodes > core::limits::maxNodes) {
            m_result.error = TweeProblem{
                0, 0,
                "the draft would have " + std::to_string(m_result.nodes) + " nodes, over the limit of " +
                    std::to_string(core::limits::maxNodes) + " for one scenario; import the story in parts"};
            return std::move(m_result);
        }
        std::stable_sort(m_result.handWork.begin(), m_result.handWork.end(),
                         [](const HandWork& a, const HandWork& b) {
                             return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                         });
        m_draft.id = m_result.id;
        m_draft.title = m_result.title;
        header();
        return std::move(m_result);
    }

    [[nodiscard]] const Draft& draft() const { return m_draft; }

private:
    struct Missing {
        std::string id;
        int line = 0; ///< of the first link to it
        std::string from;
    };

    void work(int line, int column, HandWork::Kind kind, std::string message)
    {
        m_result.handWork.push_back({line, column, kind, std::move(message)});
    }

    /// A line of the Twee file, as the draft's comments name it.
    [[nodiscard]] std::string at(int line) const
    {
        return m_options.sourceName.empty() ? "line " + std::to_string(line)
                                            : m_options.sourceName + ":" + std::to_string(line);
    }

    std::string specialNames() const
    {
        std::string names;
        for (const auto& passage : m_story.passages)
            names += (names.empty() ? "'" : ", '") + passage.name + "'";
        return names;
    }

    /// StoryTitle and StoryData are read; the passages a format runs are kept as comments;
    /// the rest are the story. A second passage of one name is left out, as Twine does.
    void readSpecialPassages()
    {
        std::map<std::string, int, std::less<>> seen;
        for (const auto& passage : m_story.passages) {
            if (const auto first = seen.find(passage.name); first != seen.end()) {
                work(passage.line, 1, HandWork::Kind::Notation,
                     "a second passage named \"" + passage.name + "\" (the first is on line " +
                         std::to_string(first->second) + ") is left out");
                continue;
            }
            seen.emplace(passage.name, passage.line);
            if (passage.name == "StoryTitle") {
                m_title = collapsed(trimmed(passage.body));
                if (const auto newline = m_title.find('\n'); newline != std::string::npos)
                    m_title = trimmed(m_title.substr(0, newline));
            } else if (passage.name == "StoryData") {
                storyData(passage);
            } else if (isSpecialName(passage.name) ||
                       std::any_of(passage.tags.begin(), passage.tags.end(),
                                   [](const std::string& tag) { return isSpecialTag(tag); })) {
                special(passage);
            } else {
                m_storyPassages.push_back(&passage);
            }
        }
    }

    void storyData(const TweePassage& passage)
    {
        m_storyDataLine = passage.line;
        const auto json = nlohmann::json::parse(passage.body, nullptr, false);
        if (json.is_discarded() || !json.is_object()) {
            work(passage.line, 1, HandWork::Kind::Notation,
                 "StoryData is not a JSON object, so the story's format and start passage are not known; it "
                 "is "
                 "ignored");
            return;
        }
        auto text = [&](const char* key) {
            const auto value = json.find(key);
            return value != json.end() && value->is_string() ? value->get<std::string>() : std::string();
        };
        m_startName = text("start");
        m_format = text("format");
        m_formatVersion = text("format-version");
        m_ifid = text("ifid");
        m_result.format = trimmed(m_format + " " + m_formatVersion);
    }

    void special(const TweePassage& passage)
    {
        ++m_result.specialPassages;
        std::string tags;
        for (const auto& tag : passage.tags)
            tags += (tags.empty() ? "" : " ") + tag;
        const bool code = std::any_of(passage.tags.begin(), passage.tags.end(), [](const std::string& tag) {
            return tag == "script" || tag == "stylesheet";
        });
        const std::string what = "passage \"" + passage.name + "\"" + (tags.empty() ? "" : " [" + tags + "]");
        if (code) {
            const auto lines = std::count(passage.body.begin(), passage.body.end(), '\n');
            m_draft.storyComments.push_back("  " + at(passage.line) + ": " + what + ", " +
                                            std::to_string(lines) + (lines == 1 ? " line" : " lines") +
                                            ", not copied");
            work(passage.line, 1, HandWork::Kind::Special,
                 what + " is left out: a scenario has no scripts or styles; if the story needs what it does, "
                        "rebuild that with the guide");
            return;
        }
        m_draft.storyComments.push_back("  " + at(passage.line) + ": " + what + ":");
        for (std::size_t from = 0; from < passage.body.size();) {
            const std::size_t to = passage.body.find('\n', from);
            m_draft.storyComments.push_back(
                "    " + commentSafe(std::string_view(passage.body).substr(from, to - from)));
            from = to == std::string::npos ? passage.body.size() : to + 1;
        }
        work(passage.line, 1, HandWork::Kind::Special,
             what + " is run by the story format, not shown; it is kept as a comment above `start:`: " +
                 "declare the variables it sets under `variables:` (guide: \"Variables\")");
    }

    void chooseStart()
    {
        auto story = [&](const std::string& name) { return m_ids.find(name) != m_ids.end(); };
        if (!m_startName.empty() && story(m_startName)) {
            m_draft.start = m_ids.at(m_startName);
            return;
        }
        std::string chosen = story("Start") ? "Start" : m_storyPassages.front()->name;
        if (!m_startName.empty())
            work(m_storyDataLine, 1, HandWork::Kind::Start,
                 "StoryData names the start passage \"" + m_startName +
                     "\", which the story does not have; " + "the draft starts at \"" + chosen +
                     "\" (node `" + m_ids.at(chosen) + "`)");
        else if (chosen != "Start")
            work(
                m_storyPassages.front()->line, 1, HandWork::Kind::Start,
                "no start passage is named (StoryData's \"start\", or a passage \"Start\"); the draft starts "
                "at the first passage, \"" +
                    chosen + "\": check `start:`");
        m_draft.start = m_ids.at(chosen);
    }

    /// The node a link goes to: its passage's, or a placeholder ending for a passage that is not there.
    std::string target(const TweeLink& link, const std::string& passage)
    {
        if (const auto found = m_ids.find(link.target); found != m_ids.end())
            return found->second;
        auto missing = m_missing.find(link.target);
        if (missing == m_missing.end()) {
            missing = m_missing.emplace(link.target, Missing{m_idMaker.make(link.target), link.line, passage})
                          .first;
            m_missingOrder.push_back(link.target);
        }
        work(link.line, link.column, HandWork::Kind::MissingPassage,
             "passage \"" + passage + "\" links to \"" + link.target +
                 "\", which the story does not have; the link goes to the placeholder ending `" +
                 missing->second.id + "`: write that passage there, or point the link elsewhere");
        return missing->second.id;
    }

    void convert(const TweePassage& passage)
    {
        const std::string& id = m_ids.at(passage.name);
        const PassageText text = readPassageText(passage, m_format);
        std::vector<std::string> lines;
        for (const auto& paragraph : text.prose)
            for (auto& piece : piecesOf(literalBraces(paragraph.text)))
                lines.push_back(std::move(piece));
        const std::size_t firstNode = m_draft.nodes.size();

        std::vector<std::string> targets;
        for (const auto& link : text.links) {
            targets.push_back(target(link, passage.name));
            m_linkTargets[passage.name].push_back(link.target);
        }
        m_result.links += text.links.size();

        if (lines.empty() && text.links.size() == 1) {
            lines.emplace_back("(The Twine passage has no text to say here.)");
            work(passage.line, 1, HandWork::Kind::NoText,
                 "passage \"" + passage.name + "\" has no prose, only its link; its line (node `" + id +
                     "`) says a placeholder: write what is said, or point the links to it at \"" +
                     text.links.front().target + "\" instead");
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
            DraftNode line;
            line.id = i == 0 ? id : m_idMaker.unique(id + "_" + std::to_string(i + 1));
            line.text = lines[i];
            if (i > 0)
                m_draft.nodes.back().next = line.id;
            m_draft.nodes.push_back(std::move(line));
        }

        // The last line leads on: to the ending or the choice this passage makes, or along its link.
        // (A passage with one link has a line: its prose, or the placeholder above.)
        const std::size_t lastLine = m_draft.nodes.size() - 1;
        if (text.links.size() == 1) {
            m_draft.nodes[lastLine].next = targets.front();
            m_draft.nodes[lastLine].nextNote = linkNote(text.links.front(), true);
        } else {
            const std::string next =
                lines.empty() ? id : m_idMaker.unique(id + (text.links.empty() ? "_end" : "_choice"));
            if (!lines.empty())
                m_draft.nodes[lastLine].next = next;
            if (text.links.empty())
                ending(passage, next);
            else
                choice(passage, text.links, targets, next);
        }
        for (const auto& link : text.links) {
            if (!link.setter.empty())
                work(link.line, link.column, HandWork::Kind::Setter,
                     "the link \"" + link.text + "\" sets " + oneLine(link.setter) +
                         " when taken; write that as a `do:` on its option, or on the line whose `next` it "
                         "became " +
                         "(guide: \"Expressions\")");
            if (link.inCode)
                work(link.line, link.column, HandWork::Kind::LinkInCode,
                     "the link \"" + link.text +
                         "\" is inside a macro, which decides when it shows; the draft " +
                         "always offers it: give its option an `if:` if it depends on something");
        }

        auto& first = m_draft.nodes[firstNode];
        std::vector<std::string> comments{"Twine passage \"" + commentSafe(passage.name) + "\" (" +
                                          at(passage.line) + tagsNote(passage) + ")"};
        std::vector<std::string> notes;
        const TweeCode* firstHtml = nullptr; // a passage's tags are one item of the report
        std::vector<std::string> htmlTags;
        for (const auto& code : text.code) {
            std::vector<std::string>& into = code.kind == TweeCode::Kind::Comment ? notes : comments;
            if (&into == &comments && into.size() == 1)
                into.emplace_back(
                    "TODO(import): story-format code the draft does not translate (see the report):");
            if (&into == &notes && into.empty())
                into.emplace_back("Comments in the passage:");
            bool firstLine = true;
            for (std::size_t from = 0; from <= code.text.size();) {
                std::size_t to = code.text.find('\n', from);
                if (to == std::string::npos)
                    to = code.text.size();
                const auto piece = commentSafe(std::string_view(code.text).substr(from, to - from));
                into.push_back(firstLine ? "  " + at(code.line) + ": " + piece : "    " + piece);
                firstLine = false;
                from = to + 1;
            }
            if (code.kind == TweeCode::Kind::Html) {
                firstHtml = firstHtml != nullptr ? firstHtml : &code;
                if (htmlTags.size() <= 6 &&
                    std::find(htmlTags.begin(), htmlTags.end(), code.text) == htmlTags.end())
                    htmlTags.push_back(code.text);
            } else if (code.kind != TweeCode::Kind::Comment) {
                work(code.line, code.column, HandWork::Kind::Code, codeMessage(code, passage.name, id));
            }
        }
        if (firstHtml != nullptr) {
            std::string tags;
            for (std::size_t i = 0; i < htmlTags.size() && i < 6; ++i)
                tags += (i == 0 ? "" : " ") + oneLine(htmlTags[i], 30);
            work(firstHtml->line, firstHtml->column, HandWork::Kind::Code,
                 "HTML " + tags + (htmlTags.size() > 6 ? " ..." : "") + " in passage \"" + passage.name +
                     "\" (node `" + id + "`) is left out of the text (the words between tags stay)");
        }
        comments.insert(comments.end(), notes.begin(), notes.end());
        first.comments = std::move(comments);
    }

    /// The comment after a link's goto or next: the text of a link made a `next`, and what the
    /// link did that the draft does not.
    static std::string linkNote(const TweeLink& link, bool withText)
    {
        std::vector<std::string> parts;
        if (withText)
            parts.push_back("link \"" + commentSafe(link.text) + "\"");
        if (!link.setter.empty())
            parts.push_back("TODO(import): sets " + oneLine(link.setter) + " when taken");
        if (link.inCode)
            parts.push_back("TODO(import): inside a macro, which decides when it shows");
        std::string note;
        for (const auto& part : parts)
            note += (note.empty() ? "" : "; ") + part;
        return note;
    }

    static std::string tagsNote(const TweePassage& passage)
    {
        std::string tags;
        for (const auto& tag : passage.tags)
            tags += (tags.empty() ? "; tags: " : " ") + commentSafe(tag);
        return tags;
    }

    void ending(const TweePassage& passage, const std::string& id)
    {
        DraftNode end;
        end.type = DraftNode::Type::End;
        end.id = id;
        end.title = passage.name;
        end.outcomeComments = {
            "TODO(import): choose the outcome (good, mixed or poor) and write the debrief."};
        end.debrief = "(To write: what the trainee did on the way here, and what to try next time.)";
        m_draft.nodes.push_back(std::move(end));
        work(passage.line, 1, HandWork::Kind::Ending,
             "ending \"" + passage.name + "\" (node `" + id +
                 "`): choose its outcome (the draft says mixed) and write its debrief");
    }

    /// A choice of the links; past nine (the keys 1-9), the last option leads on to a second
    /// choice with the rest.
    void choice(const TweePassage& passage, const std::vector<TweeLink>& links,
                const std::vector<std::string>& targets, const std::string& id)
    {
        std::string nodeId = id;
        for (std::size_t from = 0; from < links.size();) {
            DraftNode node;
            node.type = DraftNode::Type::Choice;
            node.id = nodeId;
            const bool more = links.size() - from > core::limits::maxOptions;
            const std::size_t count = more ? core::limits::maxOptions - 1 : links.size() - from;
            for (std::size_t i = from; i < from + count; ++i)
                node.options.push_back({literalBraces(links[i].text), targets[i], linkNote(links[i], false)});
            if (from == 0)
                node.optionsComments = {
                    "TODO(import): give each option its evidence (the principles it shows or breaks, as in",
                    "`evidence: { ask_before_tell: +2 }`) and its feedback (guide: \"choice\")."};
            if (more) {
                nodeId = m_idMaker.unique(id + "_more");
                node.options.push_back({"(More options)", nodeId, ""});
                if (from == 0)
                    work(passage.line, 1, HandWork::Kind::ManyOptions,
                         "passage \"" + passage.name + "\" has " + std::to_string(links.size()) +
                             " links, more than a choice's 9 keys; the last option of `" + id +
                             "` leads to a choice with the rest: regroup them");
            }
            from += count;
            m_draft.nodes.push_back(std::move(node));
        }
        work(links.front().line, links.front().column, HandWork::Kind::Evidence,
             "choice of passage \"" + passage.name + "\" (node `" + id +
                 "`): " + std::to_string(links.size()) +
                 " options without evidence or feedback; say which principles each shows or breaks");
    }

    void placeholder(const std::string& name, const Missing& missing)
    {
        DraftNode end;
        end.type = DraftNode::Type::End;
        end.id = missing.id;
        end.comments =
            wrapped("TODO(import): a placeholder for \"" + commentSafe(name) +
                        "\", a passage that links name but the story does not have (first from \"" +
                        commentSafe(missing.from) + "\", " + at(missing.line) +
                        "). Write that passage's nodes here, or point the links elsewhere.",
                    2);
        end.outcomeComments = {
            "TODO(import): choose the outcome (good, mixed or poor) and write the debrief."};
        end.title = name;
        end.debrief = "(To write: the story has no passage \"" + literalBraces(name) + "\" yet.)";
        m_draft.nodes.push_back(std::move(end));
        ++m_result.missingPassages;
    }

    void reportUnreachable()
    {
        std::map<std::string, const TweePassage*, std::less<>> byName;
        for (const auto* passage : m_storyPassages)
            byName.emplace(passage->name, passage);
        std::set<std::string, std::less<>> reached;
        std::vector<const TweePassage*> queue;
        for (const auto* passage : m_storyPassages)
            if (m_ids.at(passage->name) == m_draft.start) {
                reached.insert(passage->name);
                queue.push_back(passage);
            }
        while (!queue.empty()) {
            const auto* passage = queue.back();
            queue.pop_back();
            for (const auto& target : m_linkTargets[passage->name])
                if (const auto found = byName.find(target);
                    found != byName.end() && reached.insert(target).second)
                    queue.push_back(found->second);
        }
        for (const auto* passage : m_storyPassages)
            if (!reached.contains(passage->name))
                work(passage->line, 1, HandWork::Kind::Unreachable,
                     "no link from the start reaches passage \"" + passage->name + "\" (node `" +
                         m_ids.at(passage->name) +
                         "`), so lint warns that it is unreachable (SP0301); link to "
                         "it, or delete it");
    }

    void header()
    {
        const std::string from = m_options.sourceName.empty() ? std::string("a Twine story")
                                                              : "the Twine story " + m_options.sourceName;
        std::string details;
        if (!m_result.format.empty())
            details += m_result.format;
        if (!m_ifid.empty())
            details += (details.empty() ? "IFID " : ", IFID ") + m_ifid;
        m_draft.header = wrapped(
            "A draft made from " + commentSafe(from) +
                (details.empty() ? "" : " (" + commentSafe(details) + ")") +
                " by `sparring import twee`. Each passage became a node, with its name in a comment above "
                "it; "
                "story-format code a scenario cannot say is kept in comments. Search for TODO(import) to "
                "find "
                "what needs hand work; the guide is scenarios/README.md (\"Starting from Twine\"). Check the "
                "draft with `sparring lint FILE` and `sparring analyze FILE`; play it with `sparring play "
                "FILE`.",
            0);
    }

    const TweeStory& m_story;
    const ImportOptions& m_options;
    TweeImport m_result;
    Draft m_draft;
    IdMaker m_idMaker;
    std::vector<const TweePassage*> m_storyPassages;
    std::map<std::string, std::string, std::less<>> m_ids; ///< story passage name -> node id
    std::map<std::string, Missing, std::less<>> m_missing; ///< passage name -> its placeholder
    std::vector<std::string> m_missingOrder;               ///< the names of m_missing, as first linked
    std::map<std::string, std::vector<std::string>, std::less<>>
        m_linkTargets; ///< passage -> its links' targets
    std::string m_title;
    std::string m_startName;
    std::string m_format;
    std::string m_formatVersion;
    std::string m_ifid;
    int m_storyDataLine = 0;
};

// ---- writing the draft -----------------------------------------------------------------------

void comment(std::string& out, const std::string& indent, const std::vector<std::string>& lines)
{
    for (const auto& line : lines)
        out += indent + (line.empty() ? "#" : "# " + line) + "\n";
}

/// `key: text` for a scenario text: a long one-line text folded over lines as the shipped
/// scenarios write it, anything else double-quoted.
void textValue(std::string& out, const std::string& indent, const std::string& key, const std::string& text)
{
    constexpr std::size_t width = 96;
    const std::string inner = indent + "  ";
    const bool foldable =
        inner.size() + text.size() > width && text.find_first_of("\n\t[]{}") == std::string::npos &&
        text.find("  ") == std::string::npos && text.front() != ' ' && text.back() != ' ' && [&] {
            for (std::size_t i = 0; i < text.size(); ++i)
                if (unsafeInYamlAt(text, i) > 0)
                    return false;
            return true;
        }();
    if (!foldable) {
        out += indent + key + ": " + yamlQuoted(text) + "\n";
        return;
    }
    out += indent + key + ": >\n";
    std::string line;
    std::size_t from = 0;
    while (from < text.size()) {
        std::size_t to = text.find(' ', from);
        if (to == std::string::npos)
            to = text.size();
        const auto word = std::string_view(text).substr(from, to - from);
        if (!line.empty() && inner.size() + line.size() + 1 + word.size() > width) {
            out += inner + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + std::string(word);
        from = to + 1;
    }
    out += inner + line + "\n";
}

std::string written(const Draft& draft, const std::string& includePrefix)
{
    // The editor's schema line, as `sparring new` writes it (scenarios/README.md, "Editor support").
    std::string out = "# yaml-language-server: $schema=" + includePrefix + "schema/scenario.schema.json\n";
    comment(out, "", draft.header);
    out += "\nscenario:                        # guide: \"A scenario file\"\n";
    out += "  id: " + draft.id + "\n";
    out += "  title: " + yamlQuoted(draft.title) + "\n";
    out += "  kind: roleplay\n  version: 1\n";
    comment(out, "  ",
            {"TODO(import): add a summary, minutes and difficulty, and the focus: the principles of the",
             "framework this scenario teaches (guide: \"A scenario file\")."});
    out += "\ninclude:                         # guide: \"Includes and frameworks\"\n";
    out += "  - " + includePrefix + "framework/default.yaml\n";
    out += "\ncast:                            # guide: \"Cast\"\n";
    comment(out, "  ",
            {"TODO(import): every line of the story is said by this one character. Name them, give them",
             "a role and a persona, and give narration or other speakers characters of their own."});
    out += "  - id: rep\n    name: \"The rep\"\n    role: \"Account Executive\"\n\n";
    if (!draft.storyComments.empty()) {
        comment(out, "",
                {"Story-format passages, not imported (TODO(import): declare what they set under",
                 "`variables:`; guide: \"Variables\"):"});
        comment(out, "", draft.storyComments);
        out += "\n";
    }
    out += "start: " + draft.start + "\n\nnodes:                           # guide: \"Nodes\"\n";
    for (const auto& node : draft.nodes) {
        out += "\n";
        comment(out, "  ", node.comments);
        out += "  " + node.id + ":\n";
        switch (node.type) {
        case DraftNode::Type::Line:
            out += "    type: line\n    speaker: rep\n";
            textValue(out, "    ", "text", node.text);
            out += "    next: " + node.next + (node.nextNote.empty() ? "" : "  # " + node.nextNote) + "\n";
            break;
        case DraftNode::Type::Choice:
            out += "    type: choice\n    options:\n";
            comment(out, "      ", node.optionsComments);
            for (const auto& option : node.options) {
                out += "      - text: " + yamlQuoted(option.text) + "\n";
                out += "        goto: " + option.target + (option.note.empty() ? "" : "  # " + option.note) +
                       "\n";
            }
            break;
        case DraftNode::Type::End:
            out += "    type: end\n";
            comment(out, "    ", node.outcomeComments);
            out += "    outcome: mixed\n";
            out += "    title: " + yamlQuoted(node.title) + "\n";
            textValue(out, "    ", "debrief", node.debrief);
            break;
        }
    }
    return out;
}

} // namespace

std::string scenarioIdFor(const TweeStory& story, std::string_view sourceName)
{
    auto idOf = [](std::string_view name) {
        std::string id;
        for (const char c : name) {
            if (isAsciiAlnum(c))
                id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            else if (!id.empty() && id.back() != '-')
                id += '-';
            if (id.size() >= 48)
                break;
        }
        while (!id.empty() && id.back() == '-')
            id.pop_back();
        if (!id.empty() && !isAsciiAlpha(id[0]))
            id = "story-" + id;
        return id;
    };
    for (const auto& passage : story.passages)
        if (passage.name == "StoryTitle")
            if (auto id = idOf(trimmed(passage.body)); !id.empty())
                return id;
    std::string_view stem = sourceName.substr(
        sourceName.find_last_of("/\\") == std::string_view::npos ? 0 : sourceName.find_last_of("/\\") + 1);
    stem = stem.substr(0, stem.rfind('.'));
    if (auto id = idOf(stem); !id.empty())
        return id;
    return "imported-story";
}

TweeImport importTwee(const TweeStory& story, const ImportOptions& options)
{
    Converter converter(story, options);
    TweeImport result = converter.run();
    if (result.error)
        return result;
    result.yaml = written(converter.draft(), options.includePrefix);
    if (result.yaml.size() > core::limits::maxFileBytes) {
        result.error =
            TweeProblem{0, 0,
                        "the draft would be " + std::to_string(result.yaml.size()) +
                            " bytes, over the limit of a scenario file; import the story in parts"};
        result.yaml.clear();
    }
    return result;
}

// ---- the report ------------------------------------------------------------------------------

void printImportReport(std::ostream& out, const TweeImport& draft, const std::string& sourceName)
{
    auto plural = [](std::size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    out << "Imported " << sourceName << (draft.format.empty() ? "" : " (" + draft.format + ")") << ": "
        << plural(draft.passages, "passage", "passages") << " into " << plural(draft.nodes, "node", "nodes")
        << ", " << plural(draft.links, "link", "links") << " into options and nexts";
    if (draft.missingPassages > 0)
        out << (draft.missingPassages == 1
                    ? " (links to 1 passage the story does not have go to a placeholder ending)"
                    : " (links to " + std::to_string(draft.missingPassages) +
                          " passages the story does not have go to placeholder endings)");
    out << ".\n";
    if (draft.specialPassages > 0)
        out << plural(draft.specialPassages, "story-format passage", "story-format passages")
            << " kept as comments, not nodes.\n";
    out << "Needs hand work (" << draft.handWork.size() << "; TODO(import) marks the places in the draft):\n";
    for (const auto& item : draft.handWork) {
        out << "  " << sourceName;
        if (item.line > 0)
            out << ":" << item.line << ":" << item.column;
        out << ": " << item.message << "\n";
    }
}

} // namespace sparring::console
