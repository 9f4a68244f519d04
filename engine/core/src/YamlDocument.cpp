#include "YamlDocument.hpp"

#include "SourceText.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <unordered_set>

namespace sparring::core {

std::string describe(const YamlNode& node)
{
    switch (node.kind()) {
    case YamlNode::Kind::Scalar:
        return quotedValue(node.scalar());
    case YamlNode::Kind::Sequence:
        return node.size() == 0 ? "an empty list" : "a list";
    case YamlNode::Kind::Map:
        return node.size() == 0 ? "an empty map" : "a map";
    default:
        return "empty";
    }
}

std::string joined(const std::vector<std::string>& words)
{
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0)
            out += i + 1 == words.size() ? " or " : ", ";
        out += words[i];
    }
    return out;
}

std::string didYouMean(const std::optional<std::string>& suggestion)
{
    return suggestion ? "; did you mean '" + *suggestion + "'?" : "";
}

bool isIdentifier(std::string_view id, bool allowDash)
{
    if (id.empty() || !(std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_'))
        return false;
    return std::all_of(id.begin(), id.end(), [&](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (allowDash && c == '-');
    });
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

/// True for digits with an optional sign: a whole number, however large.
bool isWholeNumberText(std::string_view text)
{
    if (!text.empty() && (text.front() == '+' || text.front() == '-'))
        text.remove_prefix(1);
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A decimal number; infinite for YAML's `.inf` and beyond the range of a double (1e400), so
/// that those can be reported as numbers out of range. `.nan` is not a number.
std::optional<double> parseNumber(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    for (const char* infinity : {".inf", ".Inf", ".INF"}) {
        if (text == infinity || text == std::string("+") + infinity)
            return std::numeric_limits<double>::infinity();
        if (text == std::string("-") + infinity)
            return -std::numeric_limits<double>::infinity();
    }
    std::istringstream in(text);
    double value = 0;
    in >> value;
    if (in && in.eof())
        return value;
    // Out of range: from_chars reads the whole text as a number but cannot represent it.
    const char* begin = text.data() + (text.front() == '+' || text.front() == '-' ? 1 : 0);
    double ignored = 0;
    const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), ignored);
    if (ec != std::errc::result_out_of_range || end != text.data() + text.size())
        return std::nullopt;
    const double magnitude = std::strtod(text.c_str(), nullptr); // +-HUGE_VAL, or 0 when too small
    return std::isinf(magnitude) ? magnitude : 0.0;
}

/// file:line:col of a yaml-cpp mark. yaml-cpp counts columns in bytes; diagnostics count code
/// points (as SP0004 does), so the column is recounted from the start of the line.
SourceLocation locate(std::string_view text, const YAML::Mark& mark, const std::string& file)
{
    if (mark.line < 0)
        return {file, 0, 0};
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) > text.size())
        return {file, mark.line + 1, mark.column + 1};
    const auto pos = static_cast<std::size_t>(mark.pos);
    const std::size_t lineStart = pos == 0 ? 0 : text.rfind('\n', pos - 1) + 1; // npos + 1 == 0
    int column = 1;
    for (std::size_t i = lineStart; i < pos; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++column;
    return {file, mark.line + 1, column};
}

SourceLocation locate(std::string_view text, const YamlMark& mark, const std::string& file)
{
    YAML::Mark same;
    same.pos = mark.pos;
    same.line = mark.line;
    same.column = 0; // recounted from the start of the line: a node's mark always has its offset
    return locate(text, same, file);
}

namespace {

/// YAML does not allow tabs in indentation, and yaml-cpp's message does not say so.
std::string tabHint(std::string_view text, const YAML::Mark& mark)
{
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) > text.size())
        return "";
    const auto pos = static_cast<std::size_t>(mark.pos);
    const std::size_t lineStart = pos == 0 ? 0 : text.rfind('\n', pos - 1) + 1;
    const std::size_t indentEnd = text.find_first_not_of(" \t", lineStart);
    const std::string_view indent =
        text.substr(lineStart, (indentEnd == std::string_view::npos ? text.size() : indentEnd) - lineStart);
    return indent.find('\t') != std::string_view::npos
               ? " (this line is indented with a tab; YAML needs spaces)"
               : "";
}

/// yaml-cpp does not read a lone carriage return as a line break, so a file with old Mac line
/// endings is one long line to it.
std::string lineEndingHint(std::string_view text)
{
    for (std::size_t i = text.find('\r'); i != std::string_view::npos; i = text.find('\r', i + 1))
        if (i + 1 == text.size() || text[i + 1] != '\n')
            return " (lines in this file end with a carriage return only; save it with LF line endings)";
    return "";
}

/// Where the document whose first node is at `pos` starts: its '---' line, if it has one.
/// Anything after a second document would be silently ignored.
const std::string secondDocumentMessage =
    "a second YAML document starts here, and it would be ignored; a file is one "
    "map of sections, so remove the '---' and merge or delete what follows";

/// Whether `line` is a document marker: `---` or `...` at the start of a line, then a space or
/// the end of the line.
bool isDocumentMarker(std::string_view line, std::string_view marker)
{
    return line.starts_with(marker) &&
           (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r' || line[3] == '\n');
}

/// Where a second document starts, found from the text's lines: a `---` after any content, or
/// content after a `...`. Directives (`%YAML`) and comments before the first `---` are not
/// content. A marker always ends what came before it in YAML, so this needs no parsing.
std::optional<std::size_t> secondDocumentMarker(std::string_view text)
{
    bool content = false; // the first document has begun
    bool ended = false;   // a `...` ended it
    std::size_t endedAt = 0;
    for (std::size_t line = 0; line < text.size();) {
        std::size_t eol = text.find('\n', line);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view row = text.substr(line, eol - line);
        const std::size_t first = row.find_first_not_of(" \t\r");
        const bool blank = first == std::string_view::npos || row[first] == '#';
        if (isDocumentMarker(row, "---")) {
            if (content || ended)
                return line;
            content = true; // what follows the first `---` is the document
        } else if (isDocumentMarker(row, "...")) {
            if (!ended)
                endedAt = line;
            ended = true;
        } else if (!blank && !(row.starts_with('%') && !content)) {
            if (ended)
                return endedAt;
            content = true;
        }
        line = eol + 1;
    }
    return std::nullopt;
}

/// After a `{...}` root: whether the stream holds a second document, and where it starts. Walks
/// yaml-cpp's events without building nodes, two documents at most, so it cannot loop the way
/// LoadAll does.
std::optional<std::size_t> secondDocumentAfterFlowRoot(const std::string& text)
{
    struct Counter : YAML::EventHandler {
        std::optional<YAML::Mark> start;
        int documents = 0;
        void OnDocumentStart(const YAML::Mark& mark) override
        {
            if (++documents == 2)
                start = mark;
        }
        void OnDocumentEnd() override {}
        void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
        void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
        void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
        void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                             YAML::EmitterStyle::value) override
        {
        }
        void OnSequenceEnd() override {}
        void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                        YAML::EmitterStyle::value) override
        {
        }
        void OnMapEnd() override {}
    } counter;
    std::istringstream stream(text);
    try {
        YAML::Parser parser(stream);
        for (int i = 0; i < 2 && parser.HandleNextDocument(counter); ++i) {
        }
    } catch (const YAML::Exception& e) {
        return e.mark.pos < 0 ? 0 : static_cast<std::size_t>(e.mark.pos); // junk after the map
    }
    if (!counter.start)
        return std::nullopt;
    return counter.start->pos < 0 ? 0 : static_cast<std::size_t>(counter.start->pos);
}

/// yaml-cpp accepts a quoted value that is never closed and runs it to the end of the file, so
/// `title: "Hi` would swallow every line after it. Such a value is the last node of the file;
/// returns where it starts.
std::optional<YamlMark> unclosedQuote(const YamlNode& root, std::string_view text)
{
    YamlNode node = root;
    // Descend to the last node in file order. An alias points back to its anchor: stop there.
    for (int lastPos = -1; node.mark().pos > lastPos;) {
        lastPos = node.mark().pos;
        if (node.isMap() && node.size() > 0) {
            YamlNode::const_iterator last = node.begin();
            for (auto it = node.begin(); it != node.end(); ++it)
                last = it;
            node = last->second.isNull() ? last->first : last->second;
        } else if (node.isSequence() && node.size() > 0) {
            YamlNode::const_iterator last = node.begin();
            for (auto it = node.begin(); it != node.end(); ++it)
                last = it;
            node = *last;
        } else {
            break;
        }
    }
    const int pos = node.mark().pos;
    if (!node.isScalar() || pos < 0 || static_cast<std::size_t>(pos) >= text.size())
        return std::nullopt;
    const char quote = text[static_cast<std::size_t>(pos)];
    if (quote != '"' && quote != '\'')
        return std::nullopt;
    for (auto i = static_cast<std::size_t>(pos) + 1; i < text.size(); ++i) {
        // Inside double quotes a backslash escapes the next byte; inside single quotes '' is one
        // quote. Either way the next byte cannot close the value.
        const bool escape = quote == '"' && text[i] == '\\';
        const bool doubledQuote =
            quote == '\'' && text[i] == quote && i + 1 < text.size() && text[i + 1] == '\'';
        if (escape || doubledQuote)
            ++i;
        else if (text[i] == quote)
            return std::nullopt;
    }
    return node.mark();
}

/// Escapes in double quotes ("\e[2J", "\0", "\x9B") put control characters into values after
/// checkSourceText has refused them written raw: the same rule on every key and value as YAML
/// reads it (SP0019), so that no scenario can drive the terminal it is played in. False when one
/// was reported. Aliases share their anchor's nodes, so each collection is walked once.
bool checkControlCharacters(const Document& doc, Diagnostics& diagnostics)
{
    bool clean = true;
    std::unordered_set<int> walked; // collections by position: an alias is its anchor's node
    std::vector<YamlNode> pending{doc.root};
    while (!pending.empty()) {
        const YamlNode node = pending.back();
        pending.pop_back();
        if (node.isScalar()) {
            const auto control = firstTerminalControl(node.scalar());
            if (!control)
                continue;
            char hex[12];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(control->codePoint));
            diagnostics.error(locate(doc.text, node.mark(), doc.name),
                              DiagnosticCode::ControlCharacterInValue,
                              std::string("control character ") + hex +
                                  " in this value (an escape such as \\e, \\0 or \\x1B); a terminal would "
                                  "act on it rather than show it, so remove it (tab and line breaks are "
                                  "allowed)");
            clean = false;
        } else if ((node.isMap() || node.isSequence()) && walked.insert(node.mark().pos).second) {
            for (const auto& entry : node) {
                if (node.isMap()) {
                    pending.push_back(entry.first);
                    pending.push_back(entry.second);
                } else {
                    pending.push_back(entry);
                }
            }
        }
    }
    return clean;
}

} // namespace

std::optional<Document> parseDocument(std::string text, const std::string& name, fs::path path,
                                      Diagnostics& diagnostics)
{
    if (!checkSourceText(text, name, diagnostics))
        return std::nullopt;
    Document doc{name, std::move(text), nullptr, {}, std::move(path), {}};
    // yaml-cpp 0.7 never returns (allocating without bound) when the first thing in a stream is
    // a ',' (found by FuzzLoader). No YAML document can start with one, so say so first.
    for (std::size_t i = 0; i < doc.text.size(); ++i) {
        const char c = doc.text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (c == '#') {
            i = doc.text.find('\n', i);
            if (i == std::string::npos)
                break;
            continue;
        }
        if (c == ',') {
            diagnostics.error(locationOf(doc.text, i, name), DiagnosticCode::YamlSyntax,
                              "YAML syntax: a document cannot start with ','; remove it or quote the text");
            return std::nullopt;
        }
        break;
    }
    // One document only. yaml-cpp's LoadAll loops forever, allocating an empty document per turn,
    // when a ',' follows a finished top-level node (`"a",`, `- a\n,`, `---\n,`; found by FuzzLoader;
    // yaml-cpp issue #1040, fixed upstream by PR #1319, after Debian 12's 0.7). Load() reads the
    // first document and stops; a second one is found by secondDocument() without LoadAll.
    if (const auto second = secondDocumentMarker(doc.text)) {
        diagnostics.error(locationOf(doc.text, *second, name), DiagnosticCode::NotAMapOfSections,
                          secondDocumentMessage);
        return std::nullopt;
    }
    try {
        doc.tree = std::make_unique<const YamlTree>(parseYamlTree(doc.text));
        doc.root = doc.tree->root();
    } catch (const YAML::DeepRecursion& e) {
        // Nesting the pre-scan in checkSourceText does not count, such as runs of '? ' keys.
        diagnostics.error(
            locate(doc.text, e.mark, name), DiagnosticCode::NestingTooDeep,
            "nesting too deep: more keys and collections inside each other than the YAML reader "
            "allows; flatten the structure");
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        std::string message = e.msg;
        if (!message.empty())
            message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        const std::string hint = tabHint(doc.text, e.mark);
        diagnostics.error(locate(doc.text, e.mark, name), DiagnosticCode::YamlSyntax,
                          "YAML syntax: " + message + (hint.empty() ? lineEndingHint(doc.text) : hint));
        return std::nullopt;
    }
    if (doc.root.isMap() && doc.root.isFlow()) {
        // A block map runs to the end of the text or to a marker (checked above); a `{...}` map
        // ends at its brace, and what follows would be a second document without any marker.
        if (const auto pos = secondDocumentAfterFlowRoot(doc.text)) {
            diagnostics.error(locationOf(doc.text, *pos, name), DiagnosticCode::NotAMapOfSections,
                              secondDocumentMessage);
            return std::nullopt;
        }
    }
    if (const auto open = unclosedQuote(doc.root, doc.text)) {
        diagnostics.error(
            locate(doc.text, *open, name), DiagnosticCode::YamlSyntax,
            std::string("YAML syntax: this quoted value is never closed, so it runs to the end of the "
                        "file; add the closing ") +
                doc.text[static_cast<std::size_t>(open->pos)]);
        return std::nullopt;
    }
    if (!doc.root.isMap()) {
        diagnostics.error({name, 1, 1}, DiagnosticCode::NotAMapOfSections,
                          doc.root.isNull()
                              ? "the file is empty; a scenario starts with a 'scenario:' section"
                              : "the top level must be a map of sections (scenario, nodes, ...), but it is " +
                                    describe(doc.root));
        return std::nullopt;
    }
    if (!checkControlCharacters(doc, diagnostics))
        return std::nullopt;
    return doc;
}

/// Reads and parses a file named as the user gave it; problems go to `diagnostics`.
std::optional<Document> readDocument(const std::filesystem::path& file, Diagnostics& diagnostics)
{
    const std::string name = file.generic_string();
    auto text = readSourceFile(file, name, diagnostics);
    if (!text)
        return std::nullopt;
    return parseDocument(std::move(*text), name, fs::absolute(file), diagnostics);
}

} // namespace sparring::core
