#include "core/Diagnostic.hpp"

#include "core/Utf8.hpp"

#include <algorithm>
#include <cassert>
#include <tuple>

namespace sparring::core {

namespace {

/// A message on one line, safe for a terminal: editors and CI parse `file:line:col: severity:
/// message [code]` line by line, so a quoted multi-line value must not break it, and a value
/// quoted from a file (or a file's name) must not drive the terminal it is printed on. The one
/// rule for that is core::terminalSafe: control characters (C0, DEL, C1; line feed and tab too
/// here) written as visible escapes (\n, \t, \x1B, \u009B), ill-formed UTF-8 as U+FFFD.
std::string oneLine(std::string_view text)
{
    return terminalSafe(text, false);
}

} // namespace

std::string quotedValue(std::string_view value, std::string_view quote)
{
    constexpr std::size_t shown = 60;
    std::string out(quote);
    if (value.size() <= shown)
        return out.append(value).append(quote);
    std::size_t cut = shown;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 sequence
    return out.append(value.substr(0, cut))
        .append("…")
        .append(quote)
        .append(" (" + std::to_string(value.size()) + " bytes)");
}

std::string format(const Diagnostic& d)
{
    // Escaped again here (terminalSafe is idempotent), since a file name is never checked and
    // Diagnostics::add takes a message as it is.
    std::string out = oneLine(d.where.file);
    if (d.where.line > 0) {
        out += ':' + std::to_string(d.where.line);
        if (d.where.column > 0)
            out += ':' + std::to_string(d.where.column);
    }
    out += d.severity == Severity::Error ? ": error: " : ": warning: ";
    out += oneLine(d.message);
    out += " [";
    out += codeString(d.code);
    out += "]";
    return out;
}

void Diagnostics::error(SourceLocation where, DiagnosticCode code, std::string_view message)
{
    assert(codeInfo(code).severity == Severity::Error && "this code is documented as a warning");
    m_items.push_back({std::move(where), Severity::Error, code, oneLine(message)});
}

void Diagnostics::warning(SourceLocation where, DiagnosticCode code, std::string_view message)
{
    assert(codeInfo(code).severity == Severity::Warning && "this code is documented as an error");
    m_items.push_back({std::move(where), Severity::Warning, code, oneLine(message)});
}

void Diagnostics::append(const Diagnostics& other)
{
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::hasErrors() const
{
    return errorCount() > 0;
}

std::size_t Diagnostics::errorCount() const
{
    return static_cast<std::size_t>(std::count_if(
        m_items.begin(), m_items.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warningCount() const
{
    return m_items.size() - errorCount();
}

void Diagnostics::sortByLocation()
{
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.file, a.where.line, a.where.column) <
               std::tie(b.where.file, b.where.line, b.where.column);
    });
}

} // namespace sparring::core
