#include "TestSupport.hpp"

#include "core/Curriculum.hpp"
#include "core/Expression.hpp"
#include "core/Utf8.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/wait.h>

namespace sparring::test {

namespace fs = std::filesystem;

const char* const kFramework = R"(framework:
  id: test
  name: Test framework
  principles:
    - id: ask
      name: Ask before you tell
      description: Ask first.
    - id: own
      name: The rep owns the plan
      description: Let the rep decide.
)";

const std::string kLoopScenario = std::string(kFramework) + R"(scenario:
  id: spin
  title: Spin
  kind: roleplay
cast:
  - {id: sam, name: Sam}
variables:
  rounds: {type: int, min: 0, max: 100000, initial: 0}
start: a
nodes:
  a: {type: line, speaker: sam, text: Round we go, do: [rounds += 1], next: b}
  b: {type: branch, cases: [{if: rounds >= 20000, goto: done}], else: a}
  done: {type: end, outcome: good, debrief: Done.}
)";

TempLibrary::TempLibrary()
{
    std::random_device device;
    m_base = fs::temp_directory_path() / ("sparring-test-" + std::to_string(device()));
    m_root = m_base / "scenarios";
    fs::create_directories(m_root);
}

TempLibrary::~TempLibrary()
{
    std::error_code ec;
    fs::remove_all(m_base, ec);
}

fs::path TempLibrary::write(const std::string& relative, const std::string& text) const
{
    const fs::path path = m_root / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

core::LoadResult loadText(const std::string& yaml)
{
    TempLibrary library;
    return core::loadScenarioText(yaml, "test.yaml", library.root());
}

std::vector<std::string> formatted(const core::Diagnostics& diagnostics)
{
    std::vector<std::string> out;
    for (const auto& d : diagnostics.items())
        out.push_back(core::format(d));
    return out;
}

std::shared_ptr<const core::Scenario> mustLoad(const std::string& yaml)
{
    auto result = loadText(yaml);
    EXPECT_TRUE(result.scenario.has_value()) << ::testing::PrintToString(formatted(result.diagnostics));
    if (!result.scenario)
        return nullptr;
    return std::make_shared<const core::Scenario>(std::move(*result.scenario));
}

ShellResult runShell(const std::string& command)
{
    ShellResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return result;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        result.out.append(buffer, n);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

fs::path sourceDir()
{
    // An author checking a scenario in another checkout (a git worktree) runs these tests against
    // it without building that checkout: SPARRING_TEST_SOURCE_DIR=/path/to/checkout.
    if (const char* other = std::getenv("SPARRING_TEST_SOURCE_DIR"); other != nullptr && *other != '\0')
        return other;
    return SPARRING_SOURCE_DIR;
}

std::filesystem::path modelDirectory()
{
    return SPARRING_MODEL_DIR;
}

std::vector<std::string> scriptAnswers(const std::filesystem::path& script)
{
    std::ifstream in(script);
    std::vector<std::string> answers;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#')
            answers.push_back(line);
    return answers;
}

std::vector<std::string> scriptAnswers(const std::string& scenarioId, const std::string& path)
{
    return scriptAnswers(sourceDir() / "tests" / "transcripts" / (scenarioId + "." + path + ".script"));
}

std::map<std::string, std::filesystem::path> shippedScenarioFiles()
{
    // Read once per test process, and by the id each file declares, without loading it: the
    // library has a score of scenarios, and many tests look one up (loadShipped).
    static const std::map<std::string, std::filesystem::path> files = [] {
        std::map<std::string, std::filesystem::path> out;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(sourceDir() / "scenarios"))
            if (entry.path().extension() == ".yaml")
                if (const auto id = core::declaredScenarioId(entry.path()))
                    out[*id] = entry.path();
        return out;
    }();
    return files;
}

std::shared_ptr<const core::Scenario> loadShipped(const std::string& id)
{
    const auto files = shippedScenarioFiles();
    const auto found = files.find(id);
    if (found == files.end())
        return nullptr;
    auto loaded = core::loadScenario(found->second);
    return loaded.scenario ? std::make_shared<const core::Scenario>(std::move(*loaded.scenario)) : nullptr;
}

std::optional<std::string> terminalHazard(std::string_view printed)
{
    const auto shown = [&] { return " in:\n" + core::terminalSafe(printed); };
    if (const auto bad = core::firstInvalidUtf8(printed))
        return "invalid UTF-8 at byte " + std::to_string(*bad) + shown();
    if (const auto control = core::firstTerminalControl(printed)) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(control->codePoint));
        return std::string(code) + " at byte " + std::to_string(control->offset) + shown();
    }
    return std::nullopt;
}

std::string testName(std::string text)
{
    std::replace_if(
        text.begin(), text.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return text;
}

core::Scenario branchWithCases(std::size_t cases)
{
    core::Scenario scenario;
    scenario.scope.nodeIds = {"fork", "wrong", "right"};
    scenario.scope.index();
    const auto no = core::parseCondition("false", scenario.scope);
    const auto yes = core::parseCondition("true", scenario.scope);
    EXPECT_TRUE(no.value && yes.value);
    core::BranchNode branch;
    for (std::size_t i = 0; i < cases; ++i)
        branch.cases.push_back({i + 1 < cases ? *no.value : *yes.value, 2, {}});
    branch.otherwise = 1;
    scenario.nodes.push_back({"fork", {}, branch});
    scenario.nodes.push_back({"wrong", {}, core::EndNode{}});
    scenario.nodes.push_back({"right", {}, core::EndNode{}});
    return scenario;
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace sparring::test
