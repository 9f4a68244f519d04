#include "scoring/Corpus.hpp"

#include "core/Files.hpp"
#include "core/JsonNesting.hpp"
#include "core/Labels.hpp"
#include "core/Limits.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

namespace sparring::scoring {

using core::isAct;
using core::isTag;
using core::kActs;
using core::kFrameworkTermPrefix;

CorpusReadResult readCorpus(const std::filesystem::path& file)
{
    CorpusReadResult result;
    const std::string name = file.generic_string();
    auto read = core::readInputFile(file, core::limits::maxCorpusBytes);
    if (!read.text) {
        result.diagnostics.error({name, 0, 0}, core::DiagnosticCode::FileUnreadable,
                                 "cannot read the corpus file: " + read.reason);
        return result;
    }
    std::istringstream in(std::move(*read.text));
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        auto bad = [&](const std::string& message) {
            result.diagnostics.error({name, number, 1}, core::DiagnosticCode::BadCorpusLine, message);
        };
        if (const auto problem = core::jsonShapeProblem(line)) {
            bad("the line is " + *problem);
            continue;
        }
        const auto json = nlohmann::json::parse(line, nullptr, false);
        if (json.is_discarded() || !json.is_object()) {
            bad("not a JSON object");
            continue;
        }
        LabelledUtterance u;
        u.line = number;
        if (!json.contains("text") || !json["text"].is_string() || !json.contains("act") ||
            !json["act"].is_string()) {
            bad("needs string fields 'text' and 'act'");
            continue;
        }
        u.text = json["text"].get<std::string>();
        const auto actName = json["act"].get<std::string>();
        const auto act = core::parseAct(actName);
        if (!act) {
            bad("unknown act '" + actName + "'");
            continue;
        }
        if (json.contains("depth") && json["depth"].is_string())
            u.depth = json["depth"].get<std::string>();
        u.act = *act;
        if ((u.act == core::Act::Reflection) != (u.depth == "simple" || u.depth == "complex")) {
            bad("a reflection needs depth 'simple' or 'complex', and only a reflection has a depth");
            continue;
        }
        bool tagsOk = true;
        if (json.contains("tags")) {
            if (!json["tags"].is_array())
                tagsOk = false;
            else
                for (const auto& tag : json["tags"]) {
                    if (!tag.is_string() || !isTag(tag.get<std::string>())) {
                        tagsOk = false;
                        break;
                    }
                    u.tags.push_back(tag.get<std::string>());
                }
        }
        if (!tagsOk) {
            bad("'tags' must be a list of known tags");
            continue;
        }
        if (json.contains("topic") && json["topic"].is_string())
            u.topic = json["topic"].get<std::string>();
        result.items.push_back(std::move(u));
    }
    return result;
}

} // namespace sparring::scoring
