#pragma once
// One YAML source file as the loaders read it: the parsed document with its text (for exact
// locations), and a Reader that walks its nodes and reports every problem as a located, coded
// diagnostic (unknown, duplicate and missing keys against FormatKeys.hpp, wrong kinds of value,
// texts too long). Shared by the scenario loader (Loader.cpp) and the curriculum loader
// (Curriculum.cpp); internal to sparring_core, so yaml-cpp types stay inside the library. The
// nodes are YamlTree.hpp's flat index built from yaml-cpp's events, not yaml-cpp's node tree.

#include "Suggest.hpp"
#include "YamlTree.hpp"
#include "core/Diagnostic.hpp"
#include "core/FormatKeys.hpp"
#include "core/Limits.hpp"
#include "core/Utf8.hpp"

#include <yaml-cpp/mark.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sparring::core {

namespace fs = std::filesystem;

/// One parsed file: its display name, its text (for precise locations) and its YAML tree.
struct Document {
    std::string name;
    std::string text;
    std::unique_ptr<const YamlTree> tree; ///< on the heap: nodes point at it while documents move
    YamlNode root;
    fs::path path; ///< absolute, for resolving includes
    /// Empty values and their keys, by the value's offset. yaml-cpp places an empty value at
    /// the next token (often the next line), so problems with one are reported at its key
    /// instead. Indexed: a file may hold hundreds of thousands of them.
    mutable std::unordered_multimap<int, std::pair<YamlNode, YamlNode>> emptyValueKeys;
};

/// How a YAML value reads in a message: "empty", a quoted scalar, "a list", "a map".
[[nodiscard]] std::string describe(const YamlNode& node);
/// "a, b or c".
[[nodiscard]] std::string joined(const std::vector<std::string>& words);
/// "; did you mean 'x'?" or nothing.
[[nodiscard]] std::string didYouMean(const std::optional<std::string>& suggestion);
/// Letters, digits and '_' (and '-' when `allowDash`), not starting with a digit.
[[nodiscard]] bool isIdentifier(std::string_view id, bool allowDash);
[[nodiscard]] std::optional<std::int64_t> parseInteger(std::string_view text);
/// True for digits with an optional sign: a whole number, however large.
[[nodiscard]] bool isWholeNumberText(std::string_view text);
/// A decimal number; infinite for YAML's `.inf` and beyond the range of a double (1e400), so
/// that those can be reported as numbers out of range. `.nan` is not a number.
[[nodiscard]] std::optional<double> parseNumber(const std::string& text);
/// file:line:col of a yaml-cpp mark, the column counted in code points.
[[nodiscard]] SourceLocation locate(std::string_view text, const YAML::Mark& mark, const std::string& file);
/// The same for a node's mark.
[[nodiscard]] SourceLocation locate(std::string_view text, const YamlMark& mark, const std::string& file);

/// Reads YAML nodes of one document, reporting every problem into the shared Diagnostics.
class Reader {
public:
    Reader(const Document& document, Diagnostics& diagnostics) : m_doc(document), m_diag(diagnostics) {}

    [[nodiscard]] SourceLocation at(const YamlNode& node) const
    {
        if (node.isNull()) {
            const auto [first, last] = m_doc.emptyValueKeys.equal_range(node.mark().pos);
            for (auto it = first; it != last; ++it)
                if (it->second.first.is(node))
                    return locate(m_doc.text, it->second.second.mark(), m_doc.name);
        }
        return locate(m_doc.text, node.mark(), m_doc.name);
    }

    /// Location of a byte offset inside a scalar's value (expression issues, placeholders):
    /// exact when the value is written as-is on one line (plain, or quoted without escapes
    /// before the offset), the scalar's start otherwise.
    [[nodiscard]] SourceLocation atOffset(const YamlNode& scalar, std::size_t offset) const
    {
        const auto mark = scalar.mark();
        if (!scalar.isScalar() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= m_doc.text.size())
            return at(scalar);
        auto start = static_cast<std::size_t>(mark.pos);
        const char first = m_doc.text[start];
        if (first == '"' || first == '\'')
            ++start;
        const std::string_view written = std::string_view(m_doc.text).substr(start, offset);
        const std::string_view value = std::string_view(scalar.scalar()).substr(0, offset);
        if (written.size() != offset || written != value || written.find('\n') != std::string_view::npos)
            return at(scalar); // folded, escaped or block scalar: the source differs from the value
        YamlMark inside = mark;
        inside.pos = static_cast<int>(start + offset);
        return locate(m_doc.text, inside, m_doc.name);
    }

    void error(const YamlNode& node, DiagnosticCode code, const std::string& message)
    {
        m_diag.error(at(node), code, message);
    }
    void warning(const YamlNode& node, DiagnosticCode code, const std::string& message)
    {
        m_diag.warning(at(node), code, message);
    }
    Diagnostics& diagnostics() { return m_diag; }
    const Document& document() const { return m_doc; }

    /// The entries of a map, in file order, after checking keys: unknown keys (SP0010, with a
    /// suggestion), duplicates (SP0014) and missing required keys (SP0012).
    class MapView {
    public:
        std::vector<std::pair<std::string, YamlNode>> entries;
        std::vector<YamlNode> keys; ///< the key node of each entry, for locations (may be empty)
        YamlNode self;

        [[nodiscard]] std::optional<YamlNode> get(std::string_view key) const
        {
            for (const auto& [k, v] : entries)
                if (k == key)
                    return v;
            return std::nullopt;
        }
        [[nodiscard]] bool has(std::string_view key) const { return get(key).has_value(); }
        /// Where entry `i` is written: its key, so a message about a name points at the name.
        [[nodiscard]] YamlNode keyOf(std::size_t i) const
        {
            return i < keys.size() ? keys[i] : entries[i].second;
        }
        [[nodiscard]] YamlNode keyOf(std::string_view key) const
        {
            for (std::size_t i = 0; i < entries.size(); ++i)
                if (entries[i].first == key)
                    return keyOf(i);
            return self;
        }
    };

    /// The keys are those of `object`'s entry in the format's table (FormatKeys.hpp). Its retired
    /// keys and `ignored` are reported elsewhere: neither unknown nor part of the view.
    std::optional<MapView> map(const YamlNode& node, const std::string& what, FormatObject object,
                               const std::vector<std::string>& ignored = {})
    {
        const ObjectKeys& format = formatKeys(object);
        assert(format.rule != KeyRule::ByType && "a node is read by the entry of its type");
        const std::vector<std::string>& allowed = format.allowed;
        const std::vector<std::string>& required = format.required;
        if (!node.isMap()) {
            error(node, DiagnosticCode::WrongKindOfValue,
                  what + " must be a map of keys to values, but it is " + describe(node));
            return std::nullopt;
        }
        MapView view;
        view.self = node;
        std::unordered_map<std::string, int> firstLine;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YamlNode key = it->first;
            if (!key.isScalar()) {
                error(key, DiagnosticCode::WrongKindOfValue,
                      "a key in " + what + " must be a plain word, but it is " + describe(key));
                continue;
            }
            const std::string name(key.scalar());
            if (const auto seen = firstLine.find(name); seen != firstLine.end()) {
                error(key, DiagnosticCode::DuplicateKey,
                      "'" + name + "' appears twice in " + what + " (first on line " +
                          std::to_string(seen->second) + "); keep one");
                continue;
            }
            firstLine.emplace(name, at(key).line);
            if (it->second.isNull())
                m_doc.emptyValueKeys.emplace(it->second.mark().pos, std::make_pair(it->second, key));
            if (std::find(ignored.begin(), ignored.end(), name) != ignored.end() ||
                std::find(format.retired.begin(), format.retired.end(), name) != format.retired.end())
                continue;
            if (format.rule == KeyRule::Closed &&
                std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                error(key, DiagnosticCode::UnknownKey,
                      "unknown key '" + name + "' in " + what + didYouMean(closestMatch(name, allowed)) +
                          (closestMatch(name, allowed) ? "" : " (expected " + joined(allowed) + ")"));
                continue;
            }
            view.entries.emplace_back(name, it->second);
            view.keys.push_back(key);
        }
        for (const auto& key : required)
            if (!view.has(key) && !firstLine.contains(key))
                error(node, DiagnosticCode::MissingRequiredKey,
                      what + " is missing the required key '" + key + "'");
        return view;
    }

    /// A text value (any scalar); SP0011 for lists, maps and empty values; SP0015 when too long.
    std::optional<std::string> text(const YamlNode& node, const std::string& what)
    {
        if (!node.isScalar()) {
            error(node, DiagnosticCode::WrongKindOfValue,
                  what + " must be text, but it is " + describe(node));
            return std::nullopt;
        }
        if (node.scalar().size() > limits::maxTextBytes) {
            error(node, DiagnosticCode::TextTooLong,
                  what + " is " + std::to_string(node.scalar().size()) + " bytes long, over the limit of " +
                      std::to_string(limits::maxTextBytes) + " bytes");
            return std::nullopt;
        }
        // Folded and literal blocks end in a newline; trailing whitespace is never meant.
        const std::string_view value = node.scalar();
        return std::string(value.substr(0, value.find_last_not_of(" \t\r\n") + 1));
    }

    [[nodiscard]] static bool isQuoted(const YamlNode& node) { return node.isQuoted(); }

    /// What a value that should be a number or true/false is. A quoted "3" or "true" looks
    /// right to the author, so say that the quotes are the problem.
    [[nodiscard]] static std::string describeValue(const YamlNode& node, bool validWithoutQuotes)
    {
        if (validWithoutQuotes && node.isScalar() && isQuoted(node))
            return "'" + std::string(node.scalar()) + "' in quotes, which makes it text; remove the quotes";
        return describe(node);
    }

    std::optional<std::int64_t> integer(const YamlNode& node, const std::string& what)
    {
        const auto value = node.isScalar() ? parseInteger(node.scalar()) : std::nullopt;
        if (value && !isQuoted(node))
            return value;
        if (!value && node.isScalar() && !isQuoted(node) && isWholeNumberText(node.scalar())) {
            const bool negative = node.scalar().front() == '-';
            error(node, DiagnosticCode::ValueNotAllowed,
                  what + " is " + std::string(node.scalar()) + ", which is too " +
                      (negative ? "small" : "large") + " for a whole number (the " +
                      (negative ? "smallest is " : "largest is ") +
                      std::to_string(negative ? std::numeric_limits<std::int64_t>::min()
                                              : std::numeric_limits<std::int64_t>::max()) +
                      ")");
            return std::nullopt;
        }
        error(node, DiagnosticCode::WrongKindOfValue,
              what + " must be a whole number, but it is " + describeValue(node, value.has_value()));
        return std::nullopt;
    }

    std::optional<double> number(const YamlNode& node, const std::string& what)
    {
        const auto value = node.isScalar() ? parseNumber(std::string(node.scalar())) : std::nullopt;
        if (value && !isQuoted(node) && !std::isfinite(*value)) {
            error(node, DiagnosticCode::ValueNotAllowed,
                  what + " must be a finite number, but it is " + std::string(node.scalar()));
            return std::nullopt;
        }
        if (value && !isQuoted(node))
            return value;
        error(node, DiagnosticCode::WrongKindOfValue,
              what + " must be a number, but it is " + describeValue(node, value.has_value()));
        return std::nullopt;
    }

    std::optional<bool> boolean(const YamlNode& node, const std::string& what)
    {
        const bool isWord = node.isScalar() && (node.scalar() == "true" || node.scalar() == "false");
        if (isWord && !isQuoted(node))
            return node.scalar() == "true";
        error(node, DiagnosticCode::WrongKindOfValue,
              what + " must be true or false, but it is " + describeValue(node, isWord));
        return std::nullopt;
    }

    /// One of a fixed set of words (SP0013 with a suggestion otherwise).
    std::optional<std::size_t> oneOf(const YamlNode& node, const std::string& what,
                                     const std::vector<std::string>& choices)
    {
        const auto value = text(node, what);
        if (!value)
            return std::nullopt;
        for (std::size_t i = 0; i < choices.size(); ++i)
            if (choices[i] == *value)
                return i;
        error(node, DiagnosticCode::ValueNotAllowed,
              what + " is " + quotedValue(*value) + ", which is not one of " + joined(choices) +
                  didYouMean(closestMatch(*value, choices)));
        return std::nullopt;
    }

    /// An id: letters, digits and '_' (and '-' where allowed), not starting with a digit.
    std::optional<std::string> identifier(const YamlNode& node, const std::string& what,
                                          bool allowDash = false)
    {
        auto value = text(node, what);
        if (!value)
            return std::nullopt;
        if (!isIdentifier(*value, allowDash)) {
            error(node, DiagnosticCode::ValueNotAllowed,
                  what + " '" + *value + "' must start with a letter and use only letters, digits" +
                      (allowDash ? ", '_' and '-'" : " and '_'"));
            return std::nullopt;
        }
        return value;
    }

    /// A list of scalars; a single scalar is accepted as a list of one.
    std::vector<YamlNode> list(const YamlNode& node, const std::string& what)
    {
        std::vector<YamlNode> items;
        if (node.isSequence()) {
            for (const auto& item : node)
                items.push_back(item);
        } else if (node.isScalar()) {
            items.push_back(node);
        } else {
            error(node, DiagnosticCode::WrongKindOfValue,
                  what + " must be a list, but it is " + describe(node));
        }
        return items;
    }

    std::vector<std::string> textList(const YamlNode& node, const std::string& what)
    {
        std::vector<std::string> out;
        for (const auto& item : list(node, what))
            if (const auto value = text(item, what + " entry"))
                out.push_back(*value);
        return out;
    }

private:
    const Document& m_doc;
    Diagnostics& m_diag;
};

using MapView = Reader::MapView;

/// Parses `text` as YAML, reporting SP0002 (syntax), SP0005 (nesting) or SP0006 (not one map).
[[nodiscard]] std::optional<Document> parseDocument(std::string text, const std::string& name, fs::path path,
                                                    Diagnostics& diagnostics);

/// Reads (SourceText.hpp's checks) and parses a file named as the user gave it.
[[nodiscard]] std::optional<Document> readDocument(const std::filesystem::path& file,
                                                   Diagnostics& diagnostics);

} // namespace sparring::core
