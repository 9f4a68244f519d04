#pragma once
// Shared test helpers: a scratch scenario library on disk, a minimal framework, loading from text.

#include "core/Loader.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::test {

/// A fresh folder `<tmp>/sparring-test-XXXX/scenarios`, removed again by the destructor.
class TempLibrary {
public:
    TempLibrary();
    ~TempLibrary();
    TempLibrary(const TempLibrary&) = delete;
    TempLibrary& operator=(const TempLibrary&) = delete;

    /// Writes `text` to `relative` (folders created) and returns the full path.
    std::filesystem::path write(const std::string& relative, const std::string& text) const;
    [[nodiscard]] const std::filesystem::path& root() const { return m_root; }

private:
    std::filesystem::path m_base;
    std::filesystem::path m_root;
};

/// A two-principle framework section (ids `ask` and `own`), to paste into test scenarios.
extern const char* const kFramework;

/// A whole scenario (kFramework included) whose line `a` and branch `b` go round 20,000 times
/// before the way out: lint passes it (the way out exists), but a session moving on through
/// lines by itself would go round for ages. For the limit on steps between decisions.
extern const std::string kLoopScenario;

/// Loads `yaml` as if it were the file "test.yaml" in a scratch folder.
[[nodiscard]] core::LoadResult loadText(const std::string& yaml);

/// A scenario of three nodes, "fork", "wrong" and "right", built without a file: "fork" branches
/// on `cases` conditions, all false but the last, which goes to "right" (otherwise "wrong").
/// Counts past 65,535 exercise the step program's 32-bit case count.
[[nodiscard]] core::Scenario branchWithCases(std::size_t cases);

/// Every diagnostic formatted as `file:line:col: severity: message [code]`.
[[nodiscard]] std::vector<std::string> formatted(const core::Diagnostics& diagnostics);

/// Loads the text and expects success; fails the current test otherwise.
[[nodiscard]] std::shared_ptr<const core::Scenario> mustLoad(const std::string& yaml);

struct ShellResult {
    int exitCode = -1; ///< the command's exit status, -1 if it did not exit normally
    std::string out;   ///< its standard output
};

/// Runs `command` through the shell (add `2>&1` to collect standard error too).
[[nodiscard]] ShellResult runShell(const std::string& command);

#ifdef SPARRING_BINARY
/// Runs the built `sparring` with `arguments` (shell words): standard error collected with its
/// output, standard input empty (so no command waits for a terminal).
[[nodiscard]] inline ShellResult runSparring(const std::string& arguments)
{
    return runShell(std::string(SPARRING_BINARY) + " " + arguments + " 2>&1 </dev/null");
}
#endif

/// The source tree, for shipped scenarios (SPARRING_TEST_SOURCE_DIR points it at another checkout).
[[nodiscard]] std::filesystem::path sourceDir();

/// The answers of a reviewed transcript script (tests/transcripts/*.script), one per line, comments
/// and blank lines left out.
[[nodiscard]] std::vector<std::string> scriptAnswers(const std::filesystem::path& script);
/// The same for a shipped scenario's reviewed path: `<scenario-id>.<path>.script`.
[[nodiscard]] std::vector<std::string> scriptAnswers(const std::string& scenarioId, const std::string& path);

/// The shipped scenario files (under scenarios/), by the scenario id each declares (read once).
[[nodiscard]] std::map<std::string, std::filesystem::path> shippedScenarioFiles();
/// The shipped scenario with that id, loaded; null when there is none.
[[nodiscard]] std::shared_ptr<const core::Scenario> loadShipped(const std::string& id);

/// What in `printed` a terminal would act on or cannot show, as words for a failed expectation
/// ("U+001B at byte 12 in: ..."), or nothing when all of it is UTF-8 without a control character
/// (core::firstTerminalControl; line feed and tab are layout). For output that reaches a terminal.
[[nodiscard]] std::optional<std::string> terminalHazard(std::string_view printed);

/// Bytes that would drive a terminal, for names and texts in tests: ESC with a CSI sequence (clear
/// the screen), BEL, the C1 control CSI (U+009B) as UTF-8, and a byte that is not UTF-8.
inline const std::string kHostileBytes = std::string("\x1B[2J\x07\xC2\x9B") + "31m" + "\xFF";
/// kHostileBytes as core::terminalSafe shows them.
inline const std::string kHostileShown = std::string("\\x1B[2J\\x07\\u009B31m") + "\xEF\xBF\xBD";

/// A name gtest accepts for a parameterised case: every character but a letter or digit becomes '_'.
[[nodiscard]] std::string testName(std::string text);

/// A file's whole contents, as bytes ("" when it cannot be read).
[[nodiscard]] std::string readFile(const std::filesystem::path& path);

/// The folder the build trains the scorer's models into.
[[nodiscard]] std::filesystem::path modelDirectory();

} // namespace sparring::test
