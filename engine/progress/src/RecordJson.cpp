#include "progress/RecordJson.hpp"

#include "RecordParts.hpp"
#include "progress/Store.hpp"

namespace sparring::progress {

namespace parts {

namespace {

/// The member `key` of `j` as T, or a StoreError naming it.
template <typename T> T field(const json& j, const char* key, const std::string& where)
{
    if (!j.is_object() || !j.contains(key))
        throw StoreError(where + ": missing \"" + key + "\"");
    const json& v = j.at(key);
    const bool fits = [&] {
        if constexpr (std::is_same_v<T, bool>)
            return v.is_boolean();
        else if constexpr (std::is_same_v<T, std::string>)
            return v.is_string();
        else if constexpr (std::is_floating_point_v<T>)
            return v.is_number();
        else
            return v.is_number_integer();
    }();
    if (!fits)
        throw StoreError(where + ": \"" + key + "\" has the wrong type");
    return v.get<T>();
}

const json& array(const json& j, const std::string& where)
{
    if (!j.is_array())
        throw StoreError(where + ": expected a list");
    return j;
}

} // namespace

json tagsJson(const std::vector<std::string>& tags)
{
    return json(tags);
}

json detectedJson(const std::vector<core::LabelEvidence>& detected)
{
    json out = json::array();
    for (const auto& e : detected)
        out.push_back({{"label", e.label}, {"start", e.start}, {"end", e.end}, {"why", e.why}});
    return out;
}

json authoredJson(const std::vector<runtime::EvidenceItem>& authored)
{
    json out = json::array();
    for (const auto& e : authored)
        out.push_back({{"principle", e.principle}, {"amount", e.amount}});
    return out;
}

json speechJson(const SpeechRecord& s)
{
    return {{"questions", s.questions},
            {"statements", s.statements},
            {"reflections", s.reflections},
            {"reflections_per_question", s.reflectionsPerQuestion},
            {"trainee_share_of_words", s.traineeShareOfWords},
            {"advice_given", s.adviceGiven},
            {"advice_after_asking_first", s.adviceAfterAskingFirst}};
}

std::vector<std::string> readTags(const json& j, const std::string& where)
{
    std::vector<std::string> out;
    for (const auto& tag : array(j, where)) {
        if (!tag.is_string())
            throw StoreError(where + ": a tag is not a string");
        out.push_back(tag.get<std::string>());
    }
    return out;
}

std::vector<core::LabelEvidence> readDetected(const json& j, const std::string& where)
{
    std::vector<core::LabelEvidence> out;
    for (const auto& e : array(j, where))
        out.push_back({field<std::string>(e, "label", where), field<std::uint32_t>(e, "start", where),
                       field<std::uint32_t>(e, "end", where), field<std::string>(e, "why", where)});
    return out;
}

std::vector<runtime::EvidenceItem> readAuthored(const json& j, const std::string& where)
{
    std::vector<runtime::EvidenceItem> out;
    for (const auto& e : array(j, where))
        out.push_back({field<std::string>(e, "principle", where), field<int>(e, "amount", where)});
    return out;
}

SpeechRecord readSpeech(const json& j, const std::string& where)
{
    return {field<double>(j, "questions", where),
            field<double>(j, "statements", where),
            field<double>(j, "reflections", where),
            field<double>(j, "reflections_per_question", where),
            field<double>(j, "trainee_share_of_words", where),
            field<double>(j, "advice_given", where),
            field<double>(j, "advice_after_asking_first", where)};
}

json parse(std::string_view text, const std::string& where)
{
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        throw StoreError(where + ": not valid JSON (" + e.what() + ")");
    }
}

std::string dump(const json& j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace parts

using parts::json;

std::string toJsonText(const SessionRecord& s)
{
    json decisions = json::array();
    for (const auto& d : s.decisions)
        decisions.push_back({{"turn", d.turn},
                             {"node", d.nodeId},
                             {"typed", d.typed},
                             {"text", d.text},
                             {"route", d.route},
                             {"act", d.act},
                             {"depth", d.depth},
                             {"confidence", d.confidence},
                             {"tags", parts::tagsJson(d.tags)},
                             {"detected", parts::detectedJson(d.detected)},
                             {"authored", parts::authoredJson(d.authored)},
                             {"your_total", d.yourTotal},
                             {"expert_total", d.expertTotal ? json(*d.expertTotal) : json(nullptr)},
                             {"expert_answer", d.expertAnswer}});
    json principles = json::array();
    for (const auto& p : s.principles)
        principles.push_back(
            {{"principle", p.principle}, {"name", p.name}, {"score", p.score}, {"answers", p.answers}});
    const json out{{"id", s.id},
                   {"trainee", s.trainee},
                   {"scenario", s.scenarioId},
                   {"scenario_title", s.scenarioTitle},
                   {"scenario_version", s.scenarioVersion},
                   {"fingerprint", s.fingerprint},
                   {"scenario_kind", s.scenarioKind},
                   {"mode", s.mode},
                   {"front_end", s.frontEnd},
                   {"started_ms", s.started},
                   {"ended_ms", s.ended},
                   {"finished", s.finished},
                   {"outcome", s.outcome},
                   {"ending_title", s.endingTitle},
                   {"decisions", decisions},
                   {"principles", principles},
                   {"speech", s.speech ? parts::speechJson(*s.speech) : json(nullptr)}};
    return parts::dump(out);
}

SessionRecord recordFromJsonText(std::string_view text, const std::string& where)
{
    using parts::field;
    const json j = parts::parse(text, where);
    SessionRecord s;
    s.id = field<std::string>(j, "id", where);
    s.trainee = field<std::string>(j, "trainee", where);
    s.scenarioId = field<std::string>(j, "scenario", where);
    s.scenarioTitle = field<std::string>(j, "scenario_title", where);
    s.scenarioVersion = field<int>(j, "scenario_version", where);
    s.fingerprint = field<std::string>(j, "fingerprint", where);
    s.scenarioKind = field<std::string>(j, "scenario_kind", where);
    s.mode = field<std::string>(j, "mode", where);
    s.frontEnd = field<std::string>(j, "front_end", where);
    s.started = field<Millis>(j, "started_ms", where);
    s.ended = field<Millis>(j, "ended_ms", where);
    s.finished = field<bool>(j, "finished", where);
    s.outcome = field<std::string>(j, "outcome", where);
    s.endingTitle = field<std::string>(j, "ending_title", where);
    if (!j.contains("decisions") || !j.contains("principles") || !j.contains("speech"))
        throw StoreError(where + ": missing \"decisions\", \"principles\" or \"speech\"");
    for (const auto& d : parts::array(j.at("decisions"), where + ", decisions")) {
        DecisionRecord r;
        r.turn = field<std::size_t>(d, "turn", where);
        r.nodeId = field<std::string>(d, "node", where);
        r.typed = field<bool>(d, "typed", where);
        r.text = field<std::string>(d, "text", where);
        r.route = field<std::string>(d, "route", where);
        r.act = field<std::string>(d, "act", where);
        r.depth = field<std::string>(d, "depth", where);
        r.confidence = field<double>(d, "confidence", where);
        r.tags = parts::readTags(d.value("tags", json()), where + ", tags");
        r.detected = parts::readDetected(d.value("detected", json()), where + ", detected");
        r.authored = parts::readAuthored(d.value("authored", json()), where + ", authored");
        r.yourTotal = field<int>(d, "your_total", where);
        if (d.contains("expert_total") && !d.at("expert_total").is_null())
            r.expertTotal = field<int>(d, "expert_total", where);
        r.expertAnswer = field<std::string>(d, "expert_answer", where);
        s.decisions.push_back(std::move(r));
    }
    for (const auto& p : parts::array(j.at("principles"), where + ", principles"))
        s.principles.push_back({field<std::string>(p, "principle", where),
                                field<std::string>(p, "name", where), field<double>(p, "score", where),
                                field<std::size_t>(p, "answers", where)});
    if (!j.at("speech").is_null())
        s.speech = parts::readSpeech(j.at("speech"), where + ", speech");
    return s;
}

} // namespace sparring::progress
