#pragma once
// The `sparring` command's subcommands as library functions. Each takes a plain options struct
// (what the command line fills in), the streams it reads and writes, where the data lives and,
// for play, a logger; it returns the exit code. The executable only parses and calls, so the
// tests run every command in-process and see what a user sees, byte for byte. Model: cppcheck's
// CppCheckExecutor behind a main() of a few lines.
//
// Sections: exit codes; play; lint; analyze; new; import; graph; generate; classify; train. (`gui` stays in
// the executable: it calls the ui module, which sits above this one.)

#include "console/Installation.hpp"
#include "console/SyntheticScenario.hpp"
#include "core/PathAnalysis.hpp"
#include "scoring/Training.hpp"

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace sparring::console {

/// The exit codes every command documents (README: "Exit codes").
enum class ExitCode {
    Done = 0,       ///< the command did its work
    Errors = 1,     ///< content errors, a file that cannot load, a save that cannot be restored, a
                    ///< scenario that plays round without a decision (core::limits::maxStepsBetweenDecisions)
    Usage = 2,      ///< a usage error, an input that cannot be read or an output that cannot be written
    InputEnded = 3, ///< play: the input ended before the scenario did
    Internal = 4    ///< an exception no command handles (a bug, or memory running out): main reports it
};

// ---- play ------------------------------------------------------------------------------------

struct PlayCommand {
    std::string scenario;         ///< the scenario file
    std::string script;           ///< the answers, one per line; empty: read them from `in`
    std::uint64_t seed = 1;       ///< the same seed and answers give the same session
    std::string transcript;       ///< where to write the session as JSON; empty: nowhere
    std::string resume;           ///< a file written by ':save' to continue; empty: a new session
    std::string saveTo;           ///< where ':save' writes when given no file
    bool assess = false;          ///< assessment mode: all feedback at the end
    bool inputIsTerminal = false; ///< `in` is a person at a terminal, so prompt them (not with a script)
    /// Where the finished or abandoned session is recorded (progress/Store.hpp); empty: nowhere.
    /// The command line fills in the default store unless told --no-store.
    std::string store;
    std::string trainee;        ///< whose practice it is (the command line's --trainee)
    std::string fallbackFolder; ///< where a session waits when the store cannot be written
};

/// Loads the scenario (its diagnostics on `err`), starts a session or restores the saved one
/// (notes and problems on `err`), plays it on `out` with the installation's scorer (or, with a
/// warning on `log`, phrases only when the models cannot load) and writes the transcript.
/// Done when the scenario ended or the trainee quit; InputEnded when the answers ran out first;
/// Errors when the scenario cannot load or the save cannot be restored; Usage when the script or
/// the save cannot be read or the transcript cannot be written. A null `log` logs nothing.
[[nodiscard]] ExitCode runPlay(const PlayCommand& command, std::istream& in, std::ostream& out,
                               std::ostream& err, const Installation& installation,
                               std::shared_ptr<spdlog::logger> log);

// ---- listen ----------------------------------------------------------------------------------

struct ListenCommand {
    std::string scenario;   ///< the scenario file
    std::string script;     ///< answers, one per line, as `play --script`; empty: the expert's path
    std::uint64_t seed = 1; ///< the same seed and answers give the same session
    std::string out;        ///< FILE.ogg, .wav or .flac; the captions go to FILE.vtt beside it
};

/// Plays the scenario along the script or the expert's path (console/Listen.hpp), speaks it and
/// writes the audio and its WebVTT captions, saying on `out` what was written. Errors when the
/// scenario cannot load, the script does not fit it or the speech cannot be made; Usage when
/// the script cannot be read or an output cannot be written.
[[nodiscard]] ExitCode runListen(const ListenCommand& command, std::ostream& out, std::ostream& err,
                                 const Installation& installation);

// ---- lint ------------------------------------------------------------------------------------

struct LintCommand {
    std::vector<std::string> paths; ///< files, and folders searched recursively
    std::string format = "human";   ///< "human" or "json"
    std::string root;               ///< the root includes may not leave; empty: the enclosing 'scenarios'
};

/// Every diagnostic of every file and a summary (or one JSON document) on `out`; Errors when any
/// file has an error.
[[nodiscard]] ExitCode runLint(const LintCommand& command, std::ostream& out);

// ---- list ------------------------------------------------------------------------------------

struct ListCommand {
    std::string folder;           ///< the library; main passes the installation's scenarios
    std::string format = "human"; ///< "human" or "json"
};

/// The library by its curriculum's tracks (console/List.hpp). Errors when a scenario cannot be
/// played or the curriculum has an error (both are listed); Usage when the folder does not exist.
[[nodiscard]] ExitCode runList(const ListCommand& command, std::ostream& out, std::ostream& err);

// ---- report ----------------------------------------------------------------------------------

struct ReportCommand {
    std::string store;           ///< the practice store (progress/Store.hpp)
    std::string trainee;         ///< whose practice, unless `team`
    bool team = false;           ///< every trainee in the store, and the team's KPIs
    std::string format = "text"; ///< "text", "html", "csv" or "json" (console/Report.hpp)
    std::string output;          ///< a file to write; empty: `out`
    std::string library;         ///< the scenarios the next drill is chosen from
};

/// The practice report (console/Report.hpp). Usage when the store does not exist or the output
/// cannot be written; Errors when the store cannot be read (it says why).
[[nodiscard]] ExitCode runReport(const ReportCommand& command, std::ostream& out, std::ostream& err);

// ---- export ----------------------------------------------------------------------------------

struct ExportCommand {
    std::string store;   ///< the practice store
    std::string trainee; ///< whose sessions, unless `team`
    bool team = false;
    std::string queue; ///< the offline queue file the statements are appended to (JSON Lines)
    std::string iriBase = "https://sparring.example";
    std::string accountHomePage = "https://sparring.example/trainees";
};

/// Appends the xAPI statements of the stored sessions to the queue file (console/Xapi.hpp) and
/// says how many. Usage when the store does not exist or the queue cannot be written.
[[nodiscard]] ExitCode runExport(const ExportCommand& command, std::ostream& out, std::ostream& err);

// ---- analyze ---------------------------------------------------------------------------------

struct AnalyzeCommand {
    std::vector<std::string> paths; ///< scenario files, and folders searched recursively
    std::string format = "human";   ///< "human" or "json"
    std::string root;               ///< the root includes may not leave; empty: the enclosing 'scenarios'
    std::size_t maxStates = core::PathAnalysisOptions{}.maxStates; ///< the search's budget
};

/// Every path of every scenario (console/Analyze.hpp): diagnostics, then a report per scenario and
/// ending (or one JSON document) on `out`. Errors when any scenario has an error (a load error, a
/// good ending reached while breaking a focus principle, an ending no path reaches, an endless loop).
[[nodiscard]] ExitCode runAnalyze(const AnalyzeCommand& command, std::ostream& out);

// ---- new -------------------------------------------------------------------------------------

struct NewCommand {
    std::string kind; ///< "roleplay" or "panel"
    std::string id;   ///< the scenario id, and the file's name
    std::string dir;  ///< where to write; empty: scenarios/roleplay or scenarios/panel
};

/// Writes a starter scenario (console/NewScenario.hpp) and says what to run next on `out`. Usage
/// when the id is not valid, the folder is not in a library, or the file exists (the reason on
/// `err`); nothing is overwritten.
[[nodiscard]] ExitCode runNew(const NewCommand& command, std::ostream& out, std::ostream& err);

// ---- import ----------------------------------------------------------------------------------

struct ImportCommand {
    std::string format; ///< "twee"
    std::string file;   ///< the story to import
    std::string out;    ///< the draft's .yaml or .yml file, else a folder for `<id>.yaml`; "-":
                        ///< standard output; empty: scenarios/roleplay/<id>.yaml
    std::string id;     ///< the scenario id; empty: from the story's title, else the file's name
    bool force = false; ///< replace the draft's file if it exists
};

/// Converts a Twine story (console/ImportTwee.hpp) into a role-play draft inside a library, so
/// that its include of the framework resolves, then prints the report, how the draft lints, and
/// what to run next on `out` (on `err` when the draft itself goes to `out`). Usage, with a located
/// message on `err` and nothing written, when the story cannot be read or converted, the id is
/// not valid, the place is not in a library, or the file exists and `force` is not set.
[[nodiscard]] ExitCode runImport(const ImportCommand& command, std::ostream& out, std::ostream& err);

// ---- graph -----------------------------------------------------------------------------------

struct GraphCommand {
    std::string scenario;                 ///< the scenario file
    std::string output;                   ///< the file to write; empty: `out`
    std::vector<std::string> transcripts; ///< --path: transcripts whose walks are drawn
    bool analysis = false;                ///< --analysis: colour what no path reaches
    std::size_t maxStates = 250'000;      ///< the analysis's state budget
};

/// The scenario as a Graphviz DOT graph (console/GraphExport.hpp), with the walks of the
/// transcripts and the path analysis laid over it when asked. Errors when it cannot load (its
/// diagnostics on `err`); Usage when a transcript cannot be read, is not one or is of another
/// scenario, or the output file cannot be written. A transcript that parts from an edited
/// scenario is drawn up to there, with a note on `err`.
[[nodiscard]] ExitCode runGraph(const GraphCommand& command, std::ostream& out, std::ostream& err);

// ---- generate --------------------------------------------------------------------------------

struct GenerateCommand {
    SyntheticOptions scenario;
    std::string output; ///< the file to write; empty: `out`
};

/// A synthetic scenario (console/SyntheticScenario.hpp); Usage when the output file cannot be
/// written.
[[nodiscard]] ExitCode runGenerate(const GenerateCommand& command, std::ostream& out, std::ostream& err);

// ---- classify --------------------------------------------------------------------------------

struct ClassifyCommand {
    std::vector<std::string> files; ///< read in order; none: read `in`
    std::string format = "human";   ///< "human" or "jsonl"
    std::string eval;               ///< a labelled corpus to evaluate against instead of classifying
    std::string framework;          ///< whose common language and cues to use; empty: the installation's
    std::string models;             ///< the trained models' folder; empty: the installation's
};

/// One result per input line on `out`, warnings naming the line on `err` (console/Classify.hpp),
/// or with `eval` the evaluation report. Errors when the framework, the models or the labelled
/// corpus cannot load; Usage when an input file cannot be read (after the files before it).
[[nodiscard]] ExitCode runClassify(const ClassifyCommand& command, std::istream& in, std::ostream& out,
                                   std::ostream& err, const Installation& installation);

// ---- train -----------------------------------------------------------------------------------

struct TrainCommand {
    std::vector<std::string> corpora; ///< labelled corpus files (JSON Lines), trained on together
    std::string models;               ///< the folder to write the models to; needed unless crossValidate
    bool crossValidate = false;       ///< report topic-held-out cross-validation instead of training
    std::string framework;            ///< the phrase lists for cross-validation; empty: the installation's
    scoring::ModelSettings settings;  ///< the act model's character n-grams come from charNgrams
    int charNgrams = 0;               ///< the act model's shortest character n-gram (0: none)
};

/// Trains both models into `models`, deterministically, or prints the cross-validation report on
/// `out` (progress on `err`). The act model's character n-grams are scoring::withCharNgrams of
/// `charNgrams`. Errors when the corpus, the framework or training fails; Usage without `models`.
[[nodiscard]] ExitCode runTrain(const TrainCommand& command, std::ostream& out, std::ostream& err,
                                const Installation& installation);

} // namespace sparring::console
