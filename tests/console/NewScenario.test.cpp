// `sparring new`: each starter lints clean, analyses clean, and plays to every one of its endings
// by the paths analyze prints, and matches the JSON Schema its first line names for editors; bad
// ids, folders outside a library and existing files are refused.

#include "TestSupport.hpp"
#include "console/Analyze.hpp"
#include "console/Commands.hpp"
#include "console/Lint.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace sparring::test {
namespace {

namespace fs = std::filesystem;

/// A library with the shipped framework, cast and schema, as an author's would have.
void stockLibrary(const TempLibrary& library)
{
    for (const char* file : {"framework/default.yaml", "cast/experts.yaml", "schema/scenario.schema.json"})
        library.write(std::string("scenarios/") + file, readFile(sourceDir() / "scenarios" / file));
}

TEST(NewScenario, EachStarterLintsAnalysesAndPlaysToEveryEnding)
{
    TempLibrary library;
    stockLibrary(library);
    for (const std::string kind : {"roleplay", "panel"}) {
        console::NewCommand command{kind, "my-" + kind, (library.root() / "scenarios" / kind).string()};
        std::ostringstream out;
        std::ostringstream err;
        ASSERT_EQ(console::runNew(command, out, err), console::ExitCode::Done) << err.str();
        const auto file = library.root() / "scenarios" / kind / ("my-" + kind + ".yaml");
        EXPECT_NE(out.str().find("sparring analyze " + file.string()), std::string::npos) << out.str();

        const auto lint = console::lintPaths({file}, {});
        EXPECT_TRUE(lint.diagnostics.empty())
            << kind << ": " << core::format(lint.diagnostics.items().front());
        const auto analysis = console::analyzePaths({file}, {}, {});
        ASSERT_EQ(analysis.scenarios.size(), 1u);
        EXPECT_TRUE(analysis.scenarios[0].diagnostics.empty()) << kind;
        ASSERT_GE(analysis.scenarios[0].endings.size(), 2u) << kind;
        for (const auto& ending : analysis.scenarios[0].endings) {
            ASSERT_TRUE(ending.reached) << kind << " " << ending.id;
            ASSERT_FALSE(ending.script.empty()) << kind << " " << ending.id;
            std::string script;
            for (const auto& line : ending.script)
                script += line + "\n";
            const auto scriptFile = library.write("path.script", script);
            const auto transcript = library.root() / "t.json";
            const auto run =
                runShell(std::string(SPARRING_BINARY) + " play '" + file.string() + "' --script '" +
                         scriptFile.string() + "' --transcript '" + transcript.string() + "' 2>&1");
            EXPECT_EQ(run.exitCode, 0) << run.out;
            EXPECT_NE(readFile(transcript).find("\"node\": \"" + ending.id + "\""), std::string::npos)
                << kind << " " << ending.id;
        }
    }
}

TEST(NewScenario, EachStarterMatchesTheSchemaItsFirstLineNames)
{
    // The editor's check (scenarios/README.md, Editor support): the starter names the library's
    // schema on its yaml-language-server line, and matches it.
    TempLibrary library;
    stockLibrary(library);
    const auto schema = library.root() / "scenarios" / "schema" / "scenario.schema.json";
    for (const std::string kind : {"roleplay", "panel"}) {
        const auto dir = library.root() / "scenarios" / kind / "deeper";
        std::ostringstream out;
        std::ostringstream err;
        ASSERT_EQ(console::runNew({kind, "my-" + kind, dir.string()}, out, err), console::ExitCode::Done)
            << err.str();
        const auto file = dir / ("my-" + kind + ".yaml");
        EXPECT_EQ(
            readFile(file).rfind("# yaml-language-server: $schema=../../schema/scenario.schema.json\n", 0),
            0u)
            << kind;
        const auto run =
            runShell((sourceDir() / "tools" / "validate-schema").string() + " --require-modeline --schema '" +
                     schema.string() + "' '" + file.string() + "' 2>&1");
        EXPECT_EQ(run.exitCode, 0) << run.out;
    }
}

TEST(NewScenario, RefusesBadIdsFoldersOutsideALibraryAndExistingFiles)
{
    TempLibrary library;
    stockLibrary(library);
    const auto dir = (library.root() / "scenarios" / "roleplay").string();
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(console::runNew({"roleplay", "9lives", dir}, out, err), console::ExitCode::Usage);
    EXPECT_NE(err.str().find("must start with a letter"), std::string::npos) << err.str();
    const auto elsewhere = (fs::temp_directory_path() / "not-a-library").string();
    EXPECT_EQ(console::runNew({"roleplay", "fine", elsewhere}, out, err), console::ExitCode::Usage);
    EXPECT_NE(err.str().find("not inside a scenario library"), std::string::npos) << err.str();
    ASSERT_EQ(console::runNew({"roleplay", "fine", dir}, out, err), console::ExitCode::Done);
    const auto written = readFile(fs::path(dir) / "fine.yaml");
    EXPECT_EQ(console::runNew({"roleplay", "fine", dir}, out, err), console::ExitCode::Usage);
    EXPECT_NE(err.str().find("exists already"), std::string::npos) << err.str();
    EXPECT_EQ(readFile(fs::path(dir) / "fine.yaml"), written); // untouched
}

} // namespace
} // namespace sparring::test
