#include "core/Diagnostic.hpp"

#include <algorithm>
#include <cassert>
#include <tuple>

namespace sparring::core {

std::string format(const Diagnostic& d)
{
    std::string out = d.where.file;
    if (d.where.line > 0) {
        out += ':' + std::to_string(d.where.line);
        if (d.where.column > 0)
            out += ':' + std::to_string(d.where.column);
    }
    out += d.severity == Severity::Error ? ": error: " : ": warning: ";
    out += d.message;
    out += " [";
    out += codeString(d.code);
    out += "]";
    return out;
}

void Diagnostics::error(SourceLocation where, DiagnosticCode code, std::string message)
{
    assert(codeInfo(code).severity == Severity::Error && "this code is documented as a warning");
    m_items.push_back({std::move(where), Severity::Error, code, std::move(message)});
}

void Diagnostics::warning(SourceLocation where, DiagnosticCode code, std::string message)
{
    assert(codeInfo(code).severity == Severity::Warning && "this code is documented as an error");
    m_items.push_back({std::move(where), Severity::Warning, code, std::move(message)});
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
