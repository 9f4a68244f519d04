#pragma once
// Problems in content are data, not exceptions: each one is located, has a severity and a stable
// code (SP0001..., one table in core/DiagnosticCodes.hpp) documented in scenarios/README.md, and a
// message written for the author.

#include "core/DiagnosticCodes.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sparring::core {

/// A position in a source file; line and column are 1-based (0 means "whole file").
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    bool operator==(const SourceLocation&) const = default;
};

struct Diagnostic {
    SourceLocation where;
    Severity severity = Severity::Error;
    DiagnosticCode code = DiagnosticCode::FileUnreadable; ///< printed as its string, "SP0101"
    std::string message; ///< "unknown node 'close' in goto; did you mean 'closing'?"

    bool operator==(const Diagnostic&) const = default;
};

/// `file:line:col: error: message [SPnnnn]`, the format compilers use so editors can jump to it.
/// One line, safe to print on a terminal: control characters in the file's name or the message
/// are shown as escapes and invalid UTF-8 as U+FFFD (core::terminalSafe).
[[nodiscard]] std::string format(const Diagnostic& diagnostic);

/// A value as a message quotes it, between `quote`s: whole when short; a long one cut after 60
/// bytes (at a UTF-8 boundary), with its size, so that one message stays one readable line
/// however large the value in the file. (No quotes for a JSON value, which has its own.)
[[nodiscard]] std::string quotedValue(std::string_view value, std::string_view quote = "'");

/// Collects the diagnostics of one run, in the order they were found.
class Diagnostics {
public:
    void add(Diagnostic diagnostic) { m_items.push_back(std::move(diagnostic)); }
    /// `code` must be one of the table's errors (asserted: the severity is part of its meaning).
    void error(SourceLocation where, DiagnosticCode code, std::string_view message);
    /// `code` must be one of the table's warnings (asserted).
    void warning(SourceLocation where, DiagnosticCode code, std::string_view message);
    void append(const Diagnostics& other);

    [[nodiscard]] const std::vector<Diagnostic>& items() const { return m_items; }
    [[nodiscard]] bool hasErrors() const;
    [[nodiscard]] std::size_t errorCount() const;
    [[nodiscard]] std::size_t warningCount() const;
    [[nodiscard]] bool empty() const { return m_items.empty(); }
    /// Sorts by file, line, column (stable), the order an author reads a file in.
    void sortByLocation();
    /// Removes the diagnostics `drop` selects and returns how many (for cascades: see the loader).
    template <typename Drop> std::size_t removeIf(Drop drop)
    {
        const auto before = m_items.size();
        std::erase_if(m_items, drop);
        return before - m_items.size();
    }
    /// The first diagnostic with `code`, to amend its message; null when there is none.
    [[nodiscard]] Diagnostic* first(DiagnosticCode code)
    {
        for (auto& d : m_items)
            if (d.code == code)
                return &d;
        return nullptr;
    }

private:
    std::vector<Diagnostic> m_items;
};

} // namespace sparring::core
