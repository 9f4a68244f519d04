// The `sparring` command: parses options and calls the engine. No logic lives here: each
// subcommand is a function of the console module (console/Commands.hpp), tested in-process.
//   sparring play SCENARIO    play in the terminal (scripted or interactive)
//   sparring lint PATH...     check scenario files and folders
//   sparring list [FOLDER]    the library by its curriculum's tracks
//   sparring analyze PATH...  explore every path of scenarios
//   sparring new KIND ID      a starter scenario to edit
//   sparring import twee FILE a draft scenario from a Twine story
//   sparring graph SCENARIO   Graphviz DOT of a scenario; --path, --analysis overlays
//   sparring generate         a synthetic scenario for benchmarks
//   sparring classify         what manager utterances do: act, tags, evidence; --eval for figures
//   sparring train            train the scorer's models from a labelled corpus
//   sparring gui              the desktop trainer (also `sparring` alone); it calls the ui module,
//                             which sits above console, so it is called from here

#include "console/Commands.hpp"
#include "console/Installation.hpp"
#include "progress/Store.hpp"
#include "trainer/SettingsFile.hpp"
#include "ui/TrainerApp.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <sstream>
#include <type_traits>
#include <unistd.h>

namespace {

using namespace sparring;

/// The edge: the one logger with a sink, handed to whatever logs.
std::shared_ptr<spdlog::logger> makeLogger(const std::string& level)
{
    auto logger =
        std::make_shared<spdlog::logger>("sparring", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    logger->set_pattern("sparring: %l: %v");
    logger->set_level(spdlog::level::from_str(level));
    return logger;
}

/// --store, --no-store and --trainee, shared by the commands that record practice. `store` and
/// `trainee` hold their defaults (progress/Store.hpp) when the command line says nothing.
void addProgressOptions(CLI::App& command, std::string& store, std::string& trainee)
{
    command.add_option(
        "--store", store,
        "Where practice is recorded: an SQLite file or a postgresql:// URL (env SPARRING_STORE; "
        "default $XDG_DATA_HOME/sparring/progress.sqlite)");
    // A flag's callback runs after every option is parsed, so --no-store wins over --store.
    command.add_flag_callback(
        "--no-store", [&store] { store.clear(); }, "Record nothing of this session (wins over --store)");
    command
        .add_option("--trainee", trainee,
                    "Whose practice it is (env SPARRING_TRAINEE; default: the login name)")
        ->check(CLI::Validator(
            [](std::string& name) { return progress::traineeNameProblem(name).value_or(""); }, "NAME"));
}

/// A numeric option's check: the whole text is a number of type T from `lo` to `hi`. CLI11 alone
/// takes "-1" for an unsigned option as its largest value and clamps a number beyond 64 bits, and a
/// float range lets "nan" through; CLI11 names the option in the message ("--seed: ...").
template <typename T> CLI::Validator numberFrom(T lo, T hi)
{
    const auto written = [](T v) {
        std::ostringstream out;
        out << v;
        return out.str();
    };
    const std::string range = written(lo) + " to " + written(hi);
    return CLI::Validator(
        [lo, hi, range](std::string& text) -> std::string {
            T value{};
            const char* end = text.data() + text.size();
            std::from_chars_result parsed{};
            if constexpr (std::is_floating_point_v<T>)
                parsed = std::from_chars(text.data(), end, value, std::chars_format::general);
            else
                parsed = std::from_chars(text.data(), end, value);
            const bool whole = parsed.ec == std::errc() && parsed.ptr == end;
            const bool negative = std::is_unsigned_v<T> && text.size() > 1 && text[0] == '-' &&
                                  std::isdigit(static_cast<unsigned char>(text[1]));
            if (negative || parsed.ec == std::errc::result_out_of_range ||
                (whole && (value < lo || value > hi)))
                return "'" + text + "' is outside " + range;
            if (!whole || (std::is_floating_point_v<T> && !std::isfinite(static_cast<double>(value))))
                return "'" + text + "' is not a number from " + range;
            return {};
        },
        "NUMBER in " + range);
}

int exitStatus(console::ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace

// Every failure a command expects comes back as its exit code. What still escapes (a bug, memory
// running out) is reported here, on standard error like every other error, with its own exit code,
// so that the process ends through main (streams flushed, files closed) and not in std::terminate.
int main(int argc, char** argv)
try {
    const auto installation =
        console::installationOf(console::runningExecutable(argc > 0 ? argv[0] : nullptr));
    CLI::App app{"Sparring: practise coaching conversations with simulated reps and expert panels."};
    app.require_subcommand(0, 1);
    std::string logLevel = "warn";
    if (const char* env = std::getenv("SPARRING_LOG_LEVEL"))
        logLevel = env;
    app.add_option("--log-level", logLevel,
                   "trace, debug, info, warn, error, critical or off (env SPARRING_LOG_LEVEL)")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

    console::PlayCommand play;
    auto* playCmd = app.add_subcommand("play", "Play a scenario in the terminal");
    playCmd->add_option("scenario", play.scenario, "Scenario file (.yaml)")->required();
    playCmd->add_option("--script", play.script,
                        "Read answers from FILE (one per line) instead of the keyboard");
    playCmd->add_option("--seed", play.seed, "Random seed; the same seed and answers give the same session")
        ->capture_default_str()
        ->check(numberFrom<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max()));
    playCmd->add_option("--transcript", play.transcript, "Write the session's transcript as JSON to FILE");
    playCmd->add_option("--resume", play.resume, "Resume a session saved with ':save'");
    playCmd->add_option("--save-to", play.saveTo, "Where ':save' writes when given no file");
    playCmd->add_flag("--assess", play.assess,
                      "Assessment mode: all feedback at the end instead of after every turn");
    play.store = progress::defaultStoreLocation();
    play.trainee = progress::defaultTrainee();
    addProgressOptions(*playCmd, play.store, play.trainee);

    console::ListenCommand listen;
    auto* listenCmd = app.add_subcommand(
        "listen", "Speak a whole session into an audio file with captions (a panel, like a podcast)");
    listenCmd->add_option("scenario", listen.scenario, "Scenario file (.yaml)")->required();
    listenCmd->add_option("--out", listen.out, "The audio file: FILE.ogg, .wav or .flac (captions: FILE.vtt)")
        ->required();
    listenCmd->add_option("--script", listen.script,
                          "Answers from FILE (one per line, as play --script); default: the expert's path");
    listenCmd
        ->add_option("--seed", listen.seed, "Random seed; the same seed and answers give the same session")
        ->capture_default_str()
        ->check(numberFrom<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max()));

    console::ReportCommand report;
    auto* reportCmd = app.add_subcommand(
        "report", "Practice report: KPIs, their trend and the next drill, for a trainee or the team");
    report.store = progress::defaultStoreLocation();
    report.trainee = progress::defaultTrainee();
    report.library = installation.scenarios().string();
    reportCmd->add_option(
        "--store", report.store,
        "The practice store: an SQLite file or a postgresql:// URL (env SPARRING_STORE; default "
        "$XDG_DATA_HOME/sparring/progress.sqlite)");
    reportCmd->add_flag("--team", report.team,
                        "Every trainee in the store, and the team's KPIs (not --trainee)");
    reportCmd->add_option("--trainee", report.trainee,
                          "Whose practice (env SPARRING_TRAINEE; default: the login name)");
    reportCmd->add_option("--format", report.format, "text, html (one self-contained file), csv or json")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "html", "csv", "json"}));
    reportCmd->add_option("-o,--output", report.output, "Write to FILE instead of standard output");
    reportCmd->add_option("--library", report.library, "The scenarios the next drill is chosen from")
        ->capture_default_str();

    console::ExportCommand exportXapi;
    auto* exportCmd = app.add_subcommand(
        "export", "Append the practice as xAPI 1.0.3 statements to an offline queue file, for an LMS or LRS");
    exportXapi.store = progress::defaultStoreLocation();
    exportXapi.trainee = progress::defaultTrainee();
    bool xapi = false;
    exportCmd->add_flag("--xapi", xapi, "Statements in xAPI 1.0.3 (the one form there is)")->required();
    exportCmd->add_option("--out", exportXapi.queue, "The queue file (JSON Lines), appended to")->required();
    exportCmd->add_option(
        "--store", exportXapi.store,
        "The practice store: an SQLite file or a postgresql:// URL (env SPARRING_STORE; default "
        "$XDG_DATA_HOME/sparring/progress.sqlite)");
    exportCmd->add_flag("--team", exportXapi.team, "Every trainee in the store (not --trainee)");
    exportCmd->add_option("--trainee", exportXapi.trainee,
                          "Whose practice (env SPARRING_TRAINEE; default: the login name)");
    exportCmd->add_option("--iri-base", exportXapi.iriBase, "Where the activity and extension IRIs live")
        ->capture_default_str();
    exportCmd->add_option("--account-home", exportXapi.accountHomePage, "The trainees' account home page")
        ->capture_default_str();

    console::LintCommand lint;
    auto* lintCmd = app.add_subcommand("lint", "Check scenario files and folders; exit 1 on errors");
    lintCmd->add_option("paths", lint.paths, "Files or folders")->required();
    lintCmd->add_option("--format", lint.format, "human or json")
        ->check(CLI::IsMember({"human", "json"}))
        ->capture_default_str();
    lintCmd->add_option(
        "--root", lint.root,
        "Library root that includes may not leave (default: the enclosing 'scenarios' folder)");

    console::ListCommand list;
    list.folder = installation.scenarios().string();
    auto* listCmd = app.add_subcommand(
        "list", "List the library by its curriculum's tracks: id, title, kind, minutes, difficulty, focus");
    listCmd->add_option("folder", list.folder, "The library's folder")->capture_default_str();
    listCmd->add_option("--format", list.format, "human or json")
        ->check(CLI::IsMember({"human", "json"}))
        ->capture_default_str();

    console::AnalyzeCommand analyze;
    auto* analyzeCmd = app.add_subcommand(
        "analyze", "Explore every path of scenarios: endings, totals, shortest paths; exit 1 on errors");
    analyzeCmd->add_option("paths", analyze.paths, "Scenario files or folders")->required();
    analyzeCmd->add_option("--format", analyze.format, "human or json")
        ->check(CLI::IsMember({"human", "json"}))
        ->capture_default_str();
    analyzeCmd->add_option(
        "--root", analyze.root,
        "Library root that includes may not leave (default: the enclosing 'scenarios' folder)");
    analyzeCmd
        ->add_option("--max-states", analyze.maxStates,
                     "Stop after this many decision states and report a partial result")
        ->capture_default_str()
        ->check(numberFrom<std::size_t>(1, 50'000'000));

    console::NewCommand starter;
    auto* newCmd = app.add_subcommand("new", "Write a starter scenario that lints, analyses and plays clean");
    newCmd->add_option("kind", starter.kind, "roleplay or panel")
        ->required()
        ->check(CLI::IsMember({"roleplay", "panel"}));
    newCmd->add_option("id", starter.id, "The scenario's id, also its file name")->required();
    newCmd->add_option("--dir", starter.dir,
                       "Where to write it (default: scenarios/roleplay or scenarios/panel)");

    console::ImportCommand import;
    auto* importCmd =
        app.add_subcommand("import", "Make a scenario draft from a Twine story, with a report of "
                                     "what needs hand work");
    importCmd->add_option("format", import.format, "twee (Twine's Twee 3 notation: Build > Export As Twee)")
        ->required()
        ->check(CLI::IsMember({"twee"}));
    importCmd->add_option("file", import.file, "The story (.twee or .tw)")->required();
    importCmd->add_option("--out", import.out,
                          "The draft's .yaml file, or a folder, inside a library; '-' prints it (default: "
                          "scenarios/roleplay/ID.yaml)");
    importCmd->add_option("--id", import.id, "The scenario's id (default: from the story's title)");
    importCmd->add_flag("--force", import.force, "Replace the draft's file if it exists");

    console::GraphCommand graph;
    auto* graphCmd = app.add_subcommand("graph", "Print a scenario as a Graphviz DOT graph");
    graphCmd->add_option("scenario", graph.scenario, "Scenario file (.yaml)")->required();
    graphCmd->add_option("-o,--output", graph.output, "Write to FILE instead of standard output");
    graphCmd
        ->add_option("--path", graph.transcripts,
                     "Draw the path of a transcript written by 'play --transcript' (repeat it to see where "
                     "players go: heavier lines were walked more)")
        ->allow_extra_args(false);
    graphCmd->add_flag("--analysis", graph.analysis, "Colour the nodes no path reaches (the path analysis)");
    graphCmd
        ->add_option("--max-states", graph.maxStates, "The path analysis's state budget (with --analysis)")
        ->capture_default_str()
        ->check(numberFrom<std::size_t>(1, 50'000'000));

    console::GenerateCommand generate;
    auto* generateCmd =
        app.add_subcommand("generate", "Write a synthetic scenario for benchmarks (2N+1 nodes)");
    generateCmd->add_option("--units", generate.scenario.units, "N: line + choice steps")
        ->capture_default_str()
        ->check(numberFrom<std::size_t>(1, 120'000));
    generateCmd->add_option("--seed", generate.scenario.seed, "Seed for the pseudo-random gotos")
        ->capture_default_str()
        ->check(numberFrom<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max()));
    generateCmd->add_option("-o,--output", generate.output, "Write to FILE instead of standard output");

    console::ClassifyCommand classify;
    classify.framework = installation.framework().string(); // shown in the help as the default
    auto* classifyCmd =
        app.add_subcommand("classify", "Analyse manager utterances (one per line): act, tags, evidence");
    classifyCmd->add_option("files", classify.files, "Files to read (default: standard input)");
    classifyCmd->add_option("--format", classify.format, "human or jsonl")
        ->check(CLI::IsMember({"human", "jsonl"}))
        ->capture_default_str();
    classifyCmd->add_option("--eval", classify.eval, "Evaluate against a labelled corpus file (JSON Lines)");
    classifyCmd
        ->add_option("--framework", classify.framework, "Framework whose common language and cues to use")
        ->capture_default_str();
    classifyCmd->add_option(
        "--models", classify.models,
        "Directory of the trained models (default: the installation's share/sparring/models)");

    console::TrainCommand train;
    train.framework = installation.framework().string(); // shown in the help as the default
    auto* trainCmd =
        app.add_subcommand("train", "Train the scorer's models from a labelled corpus (deterministic)");
    trainCmd->add_option("--corpus", train.corpora, "Labelled corpus files (JSON Lines), trained on together")
        ->required();
    trainCmd->add_option("--out", train.models, "Directory to write the models to");
    trainCmd->add_flag("--cross-validate", train.crossValidate,
                       "Report topic-held-out cross-validation on the corpus instead");
    trainCmd->add_option("--framework", train.framework, "Framework for the phrase lists (cross-validation)")
        ->capture_default_str();
    trainCmd->add_option("--epochs", train.settings.acts.epochs, "Act model: training epochs")
        ->capture_default_str()
        ->check(numberFrom(1, 10'000));
    trainCmd->add_option("--lr", train.settings.acts.learningRate, "Act model: learning rate")
        ->capture_default_str()
        ->check(numberFrom(0.0001, 10.0));
    trainCmd->add_option("--dim", train.settings.acts.dimension, "Act model: vector dimension")
        ->capture_default_str()
        ->check(numberFrom(1, 1'000));
    trainCmd->add_option("--word-ngrams", train.settings.acts.wordNgrams, "Act model: word n-gram length")
        ->capture_default_str()
        ->check(numberFrom(1, 10));
    trainCmd
        ->add_option("--char-ngrams", train.charNgrams,
                     "Act model: shortest character n-gram (0: none; longest is this + 2)")
        ->capture_default_str()
        ->check(numberFrom(0, 10));

    ui::GuiOptions gui;
    std::string guiLibrary = installation.scenarios().string();
    std::string guiScript;
    std::string guiShots = "gui-screenshots";
    auto* guiCmd = app.add_subcommand("gui", "Open the desktop trainer (also what `sparring` alone does)");
    gui.store = progress::defaultStoreLocation();
    gui.trainee = progress::defaultTrainee();
    addProgressOptions(*guiCmd, gui.store, gui.trainee);
    guiCmd->add_option("--library", guiLibrary, "Scenario folder")->capture_default_str();
    std::string guiOpen;
    guiCmd->add_option("scenario", guiOpen, "A scenario file to open at its briefing");
    guiCmd->add_flag("--watch", gui.watch,
                     "Reload the open scenario within a second of a save to it or its includes (F5 reloads "
                     "by hand)");
    guiCmd->add_option("--demo-script", guiScript,
                       "Drive the app from a script of input events (tests, screenshots)");
    guiCmd->add_option("--screenshots", guiShots, "Folder for the demo script's screenshots")
        ->capture_default_str();
    guiCmd->add_flag("--bench", gui.bench, "Print the time to the first interactive frame and frame times");
    guiCmd->add_option("--width", gui.width, "Window width")
        ->capture_default_str()
        ->check(numberFrom(320u, 16'384u));
    std::string guiTranscript;
    guiCmd->add_option("--transcript", guiTranscript,
                       "Write each finished session's transcript as JSON to FILE");
    guiCmd->add_option("--height", gui.height, "Window height")
        ->capture_default_str()
        ->check(numberFrom(240u, 16'384u));
    std::string guiAssets = installation.assets().string();
    guiCmd->add_option("--assets", guiAssets, "Folder of portraits and other art")->capture_default_str();
    float guiTextSpeed = trainer::Settings{}.textSpeed;
    auto* textSpeedOption =
        guiCmd
            ->add_option(
                "--text-speed", guiTextSpeed,
                "Characters per second a line appears at; 0 shows it at once (default: the settings')")
            ->check(numberFrom(0.0f, 100'000.0f));
    std::string guiSettings;
    auto* settingsOption = guiCmd->add_option(
        "--settings", guiSettings,
        "The settings file to read and keep (default: $XDG_CONFIG_HOME/sparring/settings.yaml; a demo script "
        "uses none unless given one)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e); // prints help, or the error and a hint
        return exitStatus(code == 0 ? console::ExitCode::Done : console::ExitCode::Usage);
    }
    const auto log = makeLogger(logLevel);

    if (playCmd->parsed()) {
        play.inputIsTerminal = isatty(STDIN_FILENO) != 0;
        return exitStatus(console::runPlay(play, std::cin, std::cout, std::cerr, installation, log));
    }
    if (listenCmd->parsed())
        return exitStatus(console::runListen(listen, std::cout, std::cerr, installation));
    if (lintCmd->parsed())
        return exitStatus(console::runLint(lint, std::cout));
    if (exportCmd->parsed())
        return exitStatus(console::runExport(exportXapi, std::cout, std::cerr));
    if (reportCmd->parsed())
        return exitStatus(console::runReport(report, std::cout, std::cerr));
    if (listCmd->parsed())
        return exitStatus(console::runList(list, std::cout, std::cerr));
    if (analyzeCmd->parsed())
        return exitStatus(console::runAnalyze(analyze, std::cout));
    if (newCmd->parsed())
        return exitStatus(console::runNew(starter, std::cout, std::cerr));
    if (importCmd->parsed())
        return exitStatus(console::runImport(import, std::cout, std::cerr));
    if (graphCmd->parsed())
        return exitStatus(console::runGraph(graph, std::cout, std::cerr));
    if (generateCmd->parsed())
        return exitStatus(console::runGenerate(generate, std::cout, std::cerr));
    if (classifyCmd->parsed())
        return exitStatus(console::runClassify(classify, std::cin, std::cout, std::cerr, installation));
    if (trainCmd->parsed())
        return exitStatus(console::runTrain(train, std::cout, std::cerr, installation));

    // `sparring` alone opens the desktop trainer, like `sparring gui`.
    gui.library = guiLibrary;
    gui.assets = guiAssets;
    gui.models = installation.models();
    gui.screenshots = guiShots;
    if (!guiScript.empty())
        gui.demoScript = guiScript;
    if (textSpeedOption->count() > 0)
        gui.textSpeed = guiTextSpeed;
    if (settingsOption->count() > 0)
        gui.settings = guiSettings;
    else if (guiScript.empty())
        gui.settings = trainer::defaultSettingsPath();
    if (!guiTranscript.empty())
        gui.transcript = guiTranscript;
    if (!guiOpen.empty())
        gui.open = guiOpen;
    return ui::runGui(gui, std::cout, std::cerr);
} catch (const std::exception& e) {
    std::cerr << "sparring: internal error: " << e.what() << "\n";
    return exitStatus(console::ExitCode::Internal);
}
