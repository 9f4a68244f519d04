#include "JsonReport.hpp"

#include "core/DiagnosticCodes.hpp"
#include "core/Utf8.hpp"

#include <ostream>
#include <string>

namespace sparring::console {

nlohmann::json diagnosticsJson(const core::Diagnostics& diagnostics)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : diagnostics.items())
        list.push_back({{"file", d.where.file},
                        {"line", d.where.line},
                        {"column", d.where.column},
                        {"severity", d.severity == core::Severity::Error ? "error" : "warning"},
                        {"code", std::string(core::codeString(d.code))},
                        {"message", d.message}});
    return list;
}

void printJson(std::ostream& out, const nlohmann::json& doc)
{
    out << core::jsonControlsEscaped(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
        << "\n";
}

} // namespace sparring::console
