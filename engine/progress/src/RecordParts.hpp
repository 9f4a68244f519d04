#pragma once
// The JSON of a record's parts, shared by the whole-record form (RecordJson.cpp) and the
// store's columns that keep a list as JSON text (SqliteStore.cpp), so both read and write them
// one way.

#include "progress/SessionRecord.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sparring::progress::parts {

using nlohmann::json;

[[nodiscard]] json tagsJson(const std::vector<std::string>& tags);
[[nodiscard]] json detectedJson(const std::vector<core::LabelEvidence>& detected);
[[nodiscard]] json authoredJson(const std::vector<runtime::EvidenceItem>& authored);
[[nodiscard]] json speechJson(const SpeechRecord& speech);

/// Each throws StoreError naming `where` when the JSON has the wrong shape.
[[nodiscard]] std::vector<std::string> readTags(const json& j, const std::string& where);
[[nodiscard]] std::vector<core::LabelEvidence> readDetected(const json& j, const std::string& where);
[[nodiscard]] std::vector<runtime::EvidenceItem> readAuthored(const json& j, const std::string& where);
[[nodiscard]] SpeechRecord readSpeech(const json& j, const std::string& where);

/// Parses JSON text; invalid text (or invalid UTF-8) is a StoreError naming `where`.
[[nodiscard]] json parse(std::string_view text, const std::string& where);
/// Dumps with invalid UTF-8 replaced, so a trainee's odd bytes never stop a save.
[[nodiscard]] std::string dump(const json& j);

} // namespace sparring::progress::parts
