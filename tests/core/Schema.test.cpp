// The format's JSON Schema (scenarios/schema/scenario.schema.json, what editors check scenario files
// with) against the loader's table of keys (core/FormatKeys.hpp), so that neither drifts:
//   1. each entry of the table: the schema definition it names has the entry's keys as
//      `properties` and its required keys as `required`, and is closed when the entry is
//      (`additionalProperties: false`), open when it is (a schema for any key and its value);
//   2. every object the schema defines is an entry of the table, and objects are defined only
//      under `definitions`, where (1) sees them; every key has a description for editors to show;
//   3. the fixed words (node types, outcomes, acts...) are the loader's, and a node's `type`
//      selects the definition of its kind; a file is a scenario when it has `scenario`, as for
//      the loader;
//   4. the comparison itself reports a disagreement, naming the keys found on one side only.

#include "TestSupport.hpp"
#include "core/FormatKeys.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace sparring::core {
/// How gtest names an entry of the table in test listings: by its schema definition.
void PrintTo(const ObjectKeys& entry, std::ostream* out)
{
    *out << entry.schemaDefinition;
}
} // namespace sparring::core

namespace sparring::test {
namespace {

using core::FormatObject;
using core::KeyRule;
using core::ObjectKeys;
using nlohmann::json;

const json& schema()
{
    static const json parsed =
        json::parse(readFile(sourceDir() / "scenarios" / "schema" / "scenario.schema.json"));
    return parsed;
}

/// Whether `schema` declares an object (`"type": "object"`).
bool declaresObject(const json& schema)
{
    return schema.is_object() && schema.contains("type") && schema.at("type") == "object";
}

std::string listed(const std::set<std::string>& keys)
{
    std::string out;
    for (const auto& key : keys)
        out += (out.empty() ? "" : ", ") + key;
    return out;
}

/// "keys only in the loader: a; keys only in the schema: b", or "" when both hold the same.
std::string oneSideOnly(const std::string& what, const std::vector<std::string>& loader,
                        const json& schemaList)
{
    const std::set<std::string> inLoader(loader.begin(), loader.end());
    std::set<std::string> inSchema;
    if (schemaList.is_object())
        for (const auto& item : schemaList.items())
            inSchema.insert(item.key());
    else if (schemaList.is_array())
        for (const auto& item : schemaList)
            inSchema.insert(item.get<std::string>());
    std::set<std::string> loaderOnly;
    std::set<std::string> schemaOnly;
    std::set_difference(inLoader.begin(), inLoader.end(), inSchema.begin(), inSchema.end(),
                        std::inserter(loaderOnly, loaderOnly.end()));
    std::set_difference(inSchema.begin(), inSchema.end(), inLoader.begin(), inLoader.end(),
                        std::inserter(schemaOnly, schemaOnly.end()));
    std::string out;
    if (!loaderOnly.empty())
        out += what + " only in the loader: " + listed(loaderOnly);
    if (!schemaOnly.empty())
        out += (out.empty() ? "" : "; ") + what + " only in the schema: " + listed(schemaOnly);
    return out;
}

/// What is wrong with the schema's definitions against one entry of the table; "" when they agree.
std::string disagreement(const ObjectKeys& entry, const json& definitions)
{
    const std::string name(entry.schemaDefinition);
    if (!definitions.contains(name))
        return "the schema has no definition '" + name + "'";
    const json& def = definitions.at(name);
    std::vector<std::string> problems;
    const auto add = [&](const std::string& problem) {
        if (!problem.empty())
            problems.push_back(problem);
    };
    if (!declaresObject(def))
        add("its 'type' must be \"object\"");
    const json none = json::array();
    const json& properties = def.contains("properties") ? def.at("properties") : none;
    const json& required = def.contains("required") ? def.at("required") : none;
    switch (entry.rule) {
    case KeyRule::Closed:
    case KeyRule::ByType:
        add(oneSideOnly("keys", entry.allowed, properties));
        add(oneSideOnly("required keys", entry.required, required));
        for (const auto& retired : entry.retired)
            if (properties.contains(retired))
                add("'" + retired +
                    "' is retired (the loader warns that it is no longer read), so the schema "
                    "must not offer it");
        if (entry.rule == KeyRule::Closed && def.value("additionalProperties", json(true)) != json(false))
            add("'additionalProperties' must be false: the loader refuses any other key");
        if (entry.rule == KeyRule::ByType && (def.contains("additionalProperties") || !def.contains("allOf")))
            add("a map whose keys depend on its 'type' is closed by the definition each type selects "
                "('allOf' of if/then), not by 'additionalProperties'");
        break;
    case KeyRule::Open:
        if (!properties.empty() || !required.empty())
            add("the loader takes any key here, so 'properties' and 'required' must be absent");
        if (!def.contains("propertyNames"))
            add("'propertyNames' must say what a key may be");
        if (!def.contains("additionalProperties") || !def.at("additionalProperties").is_object())
            add("'additionalProperties' must be the schema of every value");
        break;
    }
    std::string out;
    for (const auto& problem : problems)
        out += (out.empty() ? name + ": " : "; ") + problem;
    return out;
}

// ---- 1. each entry of the table -------------------------------------------------------------

class SchemaEntry : public ::testing::TestWithParam<ObjectKeys> {};

TEST_P(SchemaEntry, HasTheLoadersKeys)
{
    const std::string problem = disagreement(GetParam(), schema().at("definitions"));
    EXPECT_TRUE(problem.empty()) << problem;
}

std::string definitionName(const ::testing::TestParamInfo<ObjectKeys>& entry)
{
    return testName(std::string(entry.param.schemaDefinition));
}

INSTANTIATE_TEST_SUITE_P(FormatKeys, SchemaEntry,
                         ::testing::ValuesIn(core::formatObjects().begin(), core::formatObjects().end()),
                         definitionName);

// ---- 2. every object is an entry ------------------------------------------------------------

TEST(Schema, DefinesEveryObjectAsAnEntryOfTheTable)
{
    for (const auto& [name, def] : schema().at("definitions").items()) {
        if (!declaresObject(def))
            continue;
        const auto objects = core::formatObjects();
        EXPECT_TRUE(std::any_of(objects.begin(), objects.end(),
                                [&](const ObjectKeys& e) { return e.schemaDefinition == name; }))
            << "the schema defines the object '" << name
            << "', but no entry of the loader's table (core/FormatKeys.cpp) names it";
    }
}

/// Every place below `node` where an object is declared, as JSON pointers.
void objectsInside(const json& node, const std::string& at, std::vector<std::string>& out)
{
    if (node.is_object()) {
        if (declaresObject(node))
            out.push_back(at);
        for (const auto& item : node.items())
            objectsInside(item.value(), at + "/" + item.key(), out);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            objectsInside(node[i], at + "/" + std::to_string(i), out);
    }
}

TEST(Schema, DeclaresObjectsOnlyAsDefinitions)
{
    std::vector<std::string> nested;
    for (const auto& [name, def] : schema().at("definitions").items())
        for (const auto& item : def.items())
            objectsInside(item.value(), "/definitions/" + name + "/" + item.key(), nested);
    EXPECT_EQ(nested, std::vector<std::string>{})
        << "an object declared inside another definition escapes the comparison with the loader's "
           "table; make it a definition of its own and an entry of the table";
}

/// Whether `property` has a description, itself or through the definitions it refers to.
bool described(const json& property)
{
    if (property.contains("description"))
        return true;
    if (!property.contains("$ref"))
        return false;
    const std::string ref = property.at("$ref");
    return described(schema().at(json::json_pointer(ref.substr(1))));
}

TEST(Schema, DescribesEveryKeyForEditors)
{
    for (const auto& entry : core::formatObjects()) {
        const json& def = schema().at("definitions").at(std::string(entry.schemaDefinition));
        EXPECT_TRUE(def.contains("description")) << entry.schemaDefinition << " has no description";
        const json properties = def.value("properties", json::object());
        for (const auto& [key, property] : properties.items())
            EXPECT_TRUE(described(property)) << "'" << key << "' in " << entry.schemaDefinition
                                             << " has no description, so an editor shows no help for it";
    }
}

// ---- 3. fixed words, node types, the two kinds of file --------------------------------------

TEST(Schema, ListsTheLoadersFixedWords)
{
    for (const auto& list : core::wordLists()) {
        const json::json_pointer where{std::string(list.schemaEnum)};
        ASSERT_TRUE(schema().contains(where)) << "the schema has no " << list.schemaEnum;
        EXPECT_EQ(schema().at(where).get<std::vector<std::string>>(), list.words) << "at " << list.schemaEnum;
    }
}

TEST(Schema, SelectsEachNodeKindByItsType)
{
    // NodeType words in NodeKind order, and the entry of each kind.
    constexpr std::array kinds{FormatObject::LineNode, FormatObject::ChoiceNode, FormatObject::RespondNode,
                               FormatObject::BranchNode, FormatObject::EndNode};
    const auto& types = core::fixedWords(core::FixedWords::NodeType).words;
    ASSERT_EQ(types.size(), kinds.size());
    const json& node =
        schema().at("definitions").at(std::string(core::formatKeys(FormatObject::Node).schemaDefinition));
    const json& selections = node.at("allOf");
    ASSERT_EQ(selections.size(), types.size());
    for (std::size_t i = 0; i < types.size(); ++i) {
        const json& selection = selections[i];
        const std::string definition(core::formatKeys(kinds[i]).schemaDefinition);
        EXPECT_EQ(selection.at("if").at("properties").at("type").at("const"), types[i]);
        EXPECT_EQ(selection.at("if").at("required"), json::array({"type"}));
        EXPECT_EQ(selection.at("then").at("$ref"), "#/definitions/" + definition) << "type " << types[i];
        EXPECT_EQ(schema().at("definitions").at(definition).at("properties").at("type").at("const"), types[i])
            << definition;
    }
}

TEST(Schema, TellsAScenarioFromTheCurriculumAndAnIncludeAsTheLoaderDoes)
{
    // lintFile: a file with a top-level 'scenario' is a scenario, else one with a top-level
    // 'curriculum' is the curriculum; any other file is an include.
    EXPECT_EQ(schema().at("if"), json::parse(R"({"required": ["scenario"]})"));
    EXPECT_EQ(schema().at("then").at("$ref"),
              "#/definitions/" + std::string(core::formatKeys(FormatObject::ScenarioFile).schemaDefinition));
    const json& otherwise = schema().at("else");
    EXPECT_EQ(otherwise.at("if"), json::parse(R"({"required": ["curriculum"]})"));
    EXPECT_EQ(otherwise.at("then").at("$ref"),
              "#/definitions/" +
                  std::string(core::formatKeys(FormatObject::CurriculumFile).schemaDefinition));
    EXPECT_EQ(otherwise.at("else").at("$ref"),
              "#/definitions/" + std::string(core::formatKeys(FormatObject::IncludedFile).schemaDefinition));
}

// ---- 4. the comparison can fail -------------------------------------------------------------

TEST(Schema, ComparisonNamesTheKeysOnOneSideOnly)
{
    const json definitions = json::parse(R"({
        "case": {"type": "object", "required": ["if"], "properties": {"if": {}, "when": {}}},
        "evidence": {"type": "object", "properties": {"ask": {}}},
        "character": {"type": "object", "additionalProperties": false, "required": ["id", "name"],
                      "properties": {"id": {}, "name": {}, "role": {}, "persona": {}, "portrait": {},
                                     "voice": {}, "viewpoint": {}, "weights": {}}}
    })");
    EXPECT_EQ(disagreement(core::formatKeys(FormatObject::Case), definitions),
              "case: keys only in the loader: goto; keys only in the schema: when; required keys only in the "
              "loader: goto; "
              "'additionalProperties' must be false: the loader refuses any other key");
    EXPECT_EQ(disagreement(core::formatKeys(FormatObject::Evidence), definitions),
              "evidence: the loader takes any key here, so 'properties' and 'required' must be absent; "
              "'propertyNames' must say what a key may be; 'additionalProperties' must be the schema of "
              "every value");
    EXPECT_EQ(disagreement(core::formatKeys(FormatObject::Character), definitions),
              "character: keys only in the schema: weights; 'weights' is retired (the loader warns that it "
              "is no longer read), so the schema must not offer it");
    EXPECT_EQ(disagreement(core::formatKeys(FormatObject::Variable), definitions),
              "the schema has no definition 'variable'");
}

} // namespace
} // namespace sparring::test
