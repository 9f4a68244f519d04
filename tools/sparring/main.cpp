// The `sparring` command: parses options and calls the engine. No logic lives here.
//   sparring play SCENARIO    play in the terminal (scripted or interactive)
//   sparring lint PATH...     check scenario files and folders
//   sparring graph SCENARIO   Graphviz DOT of a scenario
//   sparring generate         a synthetic scenario for benchmarks
//   sparring classify         what manager utterances do: act, tags, evidence; --eval for figures
//   sparring train            train the scorer's models from a labelled corpus

#include "console/Classify.hpp"
#include "console/GraphExport.hpp"
#include "console/Installation.hpp"
#include "console/Lint.hpp"
#include "console/SyntheticScenario.hpp"
#include "console/TerminalPlayer.hpp"
#include "core/Loader.hpp"
#include "runtime/Snapshot.hpp"
#include "scoring/ScoringError.hpp"
#include "scoring/Training.hpp"
#include "ui/TrainerApp.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace {

using namespace sparring;

constexpr int kExitOk = 0;
constexpr int kExitErrors = 1;    // content errors (lint) or a scenario that cannot load
constexpr int kExitUsage = 2;     // bad command line, unreadable input files
constexpr int kExitUnfinished = 3; // play: the input ended before the scenario did

std::shared_ptr<spdlog::logger> makeLogger(const std::string& level)
{
    auto logger = std::make_shared<spdlog::logger>("sparring", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    logger->set_pattern("sparring: %l: %v");
    logger->set_level(spdlog::level::from_str(level));
    return logger;
}

void printDiagnostics(const core::Diagnostics& diagnostics)
{
    for (const auto& d : diagnostics.items())
        std::cerr << core::format(d) << "\n";
}

struct PlayArgs {
    std::string scenario;
    std::string script;
    std::uint64_t seed = 1;
    std::string transcript;
    std::string resume;
    std::string saveTo;
    bool assess = false;
};

int runPlay(const PlayArgs& args, const std::filesystem::path& models, const std::shared_ptr<spdlog::logger>& log)
{
    auto loaded = core::loadScenario(args.scenario);
    printDiagnostics(loaded.diagnostics);
    if (!loaded.scenario)
        return kExitErrors;
    auto scenario = std::make_shared<const core::Scenario>(std::move(*loaded.scenario));
    log->info("loaded '{}' ({} nodes)", scenario->meta.id, scenario->nodes.size());

    const auto [analyser, scorerError] = scoring::makeAnalyser(scenario->framework, models);
    if (!analyser)
        log->warn("free-text answers are routed by phrases only: {}", scorerError);
    runtime::SessionOptions options;
    options.seed = args.seed;
    options.analyser = analyser;
    std::optional<runtime::Session> session;
    if (!args.resume.empty()) {
        std::ifstream in(args.resume, std::ios::binary);
        if (!in) {
            std::cerr << "sparring: cannot read save file " << args.resume << "\n";
            return kExitUsage;
        }
        std::ostringstream text;
        text << in.rdbuf();
        auto restored = runtime::restoreSession(scenario, text.str(), options);
        for (const auto& note : restored.notes)
            std::cerr << args.resume << ": note: " << note << "\n";
        for (const auto& problem : restored.problems)
            std::cerr << args.resume << ": error: " << problem << "\n";
        if (!restored.session)
            return kExitErrors;
        session = std::move(restored.session);
    } else {
        session.emplace(scenario, options);
    }

    std::ifstream scriptFile;
    if (!args.script.empty()) {
        scriptFile.open(args.script);
        if (!scriptFile) {
            std::cerr << "sparring: cannot read script " << args.script << "\n";
            return kExitUsage;
        }
    }
    std::istream& in = args.script.empty() ? std::cin : scriptFile;
    console::PlayOptions playOptions;
    playOptions.interactive = args.script.empty() && isatty(STDIN_FILENO);
    playOptions.feedbackEachTurn = !args.assess;
    if (!args.saveTo.empty())
        playOptions.savePath = args.saveTo;
    playOptions.analyser = analyser;
    console::TerminalPlayer player(in, std::cout, playOptions, log);
    const auto result = player.play(*session);

    if (!args.transcript.empty())
        if (const auto error = runtime::writeFileAtomically(args.transcript, runtime::transcriptJson(*session))) {
            std::cerr << "sparring: " << *error << "\n";
            return kExitUsage;
        }
    return result == console::PlayResult::InputEnded ? kExitUnfinished : kExitOk;
}

std::optional<std::vector<scoring::PhraseList>> loadPhrases(const std::string& frameworkFile)
{
    auto loaded = core::loadFramework(frameworkFile);
    printDiagnostics(loaded.diagnostics);
    if (!loaded.framework)
        return std::nullopt;
    return scoring::phraseListsOf(*loaded.framework);
}

std::optional<std::vector<scoring::LabelledUtterance>> loadCorpus(const std::string& file)
{
    auto corpus = scoring::readCorpus(file);
    printDiagnostics(corpus.diagnostics);
    if (corpus.diagnostics.hasErrors() && corpus.items.empty())
        return std::nullopt;
    return std::move(corpus.items);
}

int runScorer(bool classify, const std::vector<std::string>& files, bool jsonl, const std::string& evalFile,
              const std::string& frameworkFile, const std::filesystem::path& modelDir, const std::string& trainCorpus,
              const std::string& trainOut, bool crossValidate, scoring::ModelSettings settings)
{
    settings.acts = scoring::withCharNgrams(settings.acts, settings.acts.minCharNgram);
    if (!classify) {
        const auto corpus = loadCorpus(trainCorpus);
        if (!corpus)
            return kExitErrors;
        if (crossValidate) {
            const auto phrases = loadPhrases(frameworkFile);
            if (!phrases)
                return kExitErrors;
            const auto scratch = std::filesystem::temp_directory_path() / "sparring-cross-validation";
            console::printEvaluation(std::cout, console::crossValidateByTopic(*corpus, *phrases, scratch, std::cerr, settings));
            std::filesystem::remove_all(scratch);
            return kExitOk;
        }
        if (trainOut.empty()) {
            std::cerr << "sparring: train needs --out DIR (or --cross-validate)\n";
            return kExitUsage;
        }
        scoring::trainModels(*corpus, trainOut, settings);
        return kExitOk;
    }
    const auto phrases = loadPhrases(frameworkFile);
    if (!phrases)
        return kExitErrors;
    const scoring::Analyser analyser(modelDir, *phrases);
    if (!evalFile.empty()) {
        const auto corpus = loadCorpus(evalFile);
        if (!corpus)
            return kExitErrors;
        std::vector<scoring::Analysis> predicted;
        for (const auto& u : *corpus)
            predicted.push_back(analyser.classify(u.text));
        console::printEvaluation(std::cout, scoring::evaluate(*corpus, predicted));
        return kExitOk;
    }
    if (files.empty()) {
        console::classifyLines(std::cin, std::cout, std::cerr, analyser, jsonl, "<stdin>");
        return kExitOk;
    }
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::cerr << "sparring: cannot read " << file << "\n";
            return kExitUsage;
        }
        console::classifyLines(in, std::cout, std::cerr, analyser, jsonl, file);
    }
    return kExitOk;
}

} // namespace

int main(int argc, char** argv)
{
    const auto installation = console::installationOf(console::runningExecutable(argc > 0 ? argv[0] : nullptr));
    CLI::App app{"Sparring: practise coaching conversations with simulated reps and expert panels."};
    app.require_subcommand(0, 1);
    std::string logLevel = "warn";
    if (const char* env = std::getenv("SPARRING_LOG_LEVEL"))
        logLevel = env;
    app.add_option("--log-level", logLevel, "trace, debug, info, warn, error, critical or off (env SPARRING_LOG_LEVEL)")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

    PlayArgs play;
    auto* playCmd = app.add_subcommand("play", "Play a scenario in the terminal");
    playCmd->add_option("scenario", play.scenario, "Scenario file (.yaml)")->required();
    playCmd->add_option("--script", play.script, "Read answers from FILE (one per line) instead of the keyboard");
    playCmd->add_option("--seed", play.seed, "Random seed; the same seed and answers give the same session")
        ->capture_default_str();
    playCmd->add_option("--transcript", play.transcript, "Write the session's transcript as JSON to FILE");
    playCmd->add_option("--resume", play.resume, "Resume a session saved with ':save'");
    playCmd->add_option("--save-to", play.saveTo, "Where ':save' writes when given no file");
    playCmd->add_flag("--assess", play.assess, "Assessment mode: all feedback at the end instead of after every turn");

    std::vector<std::string> lintPaths;
    std::string lintFormat = "human";
    std::string lintRoot;
    auto* lintCmd = app.add_subcommand("lint", "Check scenario files and folders; exit 1 on errors");
    lintCmd->add_option("paths", lintPaths, "Files or folders")->required();
    lintCmd->add_option("--format", lintFormat, "human or json")->check(CLI::IsMember({"human", "json"}))->capture_default_str();
    lintCmd->add_option("--root", lintRoot, "Library root that includes may not leave (default: the enclosing 'scenarios' folder)");

    std::string graphScenario;
    std::string graphOut;
    auto* graphCmd = app.add_subcommand("graph", "Print a scenario as a Graphviz DOT graph");
    graphCmd->add_option("scenario", graphScenario, "Scenario file (.yaml)")->required();
    graphCmd->add_option("-o,--output", graphOut, "Write to FILE instead of standard output");

    console::SyntheticOptions synthetic;
    std::string generateOut;
    auto* generateCmd = app.add_subcommand("generate", "Write a synthetic scenario for benchmarks (2N+1 nodes)");
    generateCmd->add_option("--units", synthetic.units, "N: line + choice steps")->capture_default_str()->check(CLI::Range(1, 120000));
    generateCmd->add_option("--seed", synthetic.seed, "Seed for the pseudo-random gotos")->capture_default_str();
    generateCmd->add_option("-o,--output", generateOut, "Write to FILE instead of standard output");

    std::vector<std::string> classifyFiles;
    std::string classifyFormat = "human";
    std::string classifyEval;
    std::string frameworkFile = installation.framework().string();
    std::string modelDir;
    auto* classifyCmd = app.add_subcommand("classify", "Analyse manager utterances (one per line): act, tags, evidence");
    classifyCmd->add_option("files", classifyFiles, "Files to read (default: standard input)");
    classifyCmd->add_option("--format", classifyFormat, "human or jsonl")->check(CLI::IsMember({"human", "jsonl"}))->capture_default_str();
    classifyCmd->add_option("--eval", classifyEval, "Evaluate against a labelled corpus file (JSON Lines)");
    classifyCmd->add_option("--framework", frameworkFile, "Framework whose common language and cues to use")->capture_default_str();
    classifyCmd->add_option("--models", modelDir, "Directory of the trained models (default: the build's)");

    std::string trainCorpus;
    std::string trainOut;
    bool crossValidate = false;
    auto* trainCmd = app.add_subcommand("train", "Train the scorer's models from a labelled corpus (deterministic)");
    trainCmd->add_option("--corpus", trainCorpus, "Labelled corpus (JSON Lines)")->required();
    trainCmd->add_option("--out", trainOut, "Directory to write the models to");
    trainCmd->add_flag("--cross-validate", crossValidate, "Report topic-held-out cross-validation on the corpus instead");
    trainCmd->add_option("--framework", frameworkFile, "Framework for the phrase lists (cross-validation)")->capture_default_str();
    scoring::ModelSettings modelSettings;
    trainCmd->add_option("--epochs", modelSettings.acts.epochs, "Act model: training epochs")->capture_default_str();
    trainCmd->add_option("--lr", modelSettings.acts.learningRate, "Act model: learning rate")->capture_default_str();
    trainCmd->add_option("--dim", modelSettings.acts.dimension, "Act model: vector dimension")->capture_default_str();
    trainCmd->add_option("--word-ngrams", modelSettings.acts.wordNgrams, "Act model: word n-gram length")->capture_default_str();
    trainCmd->add_option("--char-ngrams", modelSettings.acts.minCharNgram,
                         "Act model: shortest character n-gram (0: none; longest is this + 2)")->capture_default_str();

    ui::GuiOptions gui;
    std::string guiLibrary = installation.scenarios().string();
    std::string guiScript;
    std::string guiShots = "gui-screenshots";
    auto* guiCmd = app.add_subcommand("gui", "Open the desktop trainer (also what `sparring` alone does)");
    guiCmd->add_option("--library", guiLibrary, "Scenario folder")->capture_default_str();
    guiCmd->add_option("--demo-script", guiScript, "Drive the app from a script of input events (tests, screenshots)");
    guiCmd->add_option("--screenshots", guiShots, "Folder for the demo script's screenshots")->capture_default_str();
    guiCmd->add_flag("--bench", gui.bench, "Print the time to the first interactive frame and frame times");
    guiCmd->add_option("--width", gui.width, "Window width")->capture_default_str();
    std::string guiTranscript;
    guiCmd->add_option("--transcript", guiTranscript, "Write each finished session's transcript as JSON to FILE");
    guiCmd->add_option("--height", gui.height, "Window height")->capture_default_str();
    std::string guiAssets = installation.assets().string();
    guiCmd->add_option("--assets", guiAssets, "Folder of portraits and other art")->capture_default_str();
    guiCmd->add_option("--text-speed", gui.textSpeed, "Characters per second a line appears at; 0 shows it at once")
        ->capture_default_str()
        ->check(CLI::Range(0.0f, 100000.0f));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e); // prints help, or the error and a hint
        return code == 0 ? kExitOk : kExitUsage;
    }
    const auto log = makeLogger(logLevel);

    if (playCmd->parsed())
        return runPlay(play, installation.models(), log);

    if (lintCmd->parsed()) {
        core::LoadOptions options;
        if (!lintRoot.empty())
            options.libraryRoot = lintRoot;
        std::vector<std::filesystem::path> paths(lintPaths.begin(), lintPaths.end());
        const auto summary = console::lintPaths(paths, options);
        if (lintFormat == "json")
            console::printLintJson(std::cout, summary);
        else
            console::printLintHuman(std::cout, summary);
        return summary.diagnostics.hasErrors() ? kExitErrors : kExitOk;
    }

    if (graphCmd->parsed()) {
        auto loaded = core::loadScenario(graphScenario);
        printDiagnostics(loaded.diagnostics);
        if (!loaded.scenario)
            return kExitErrors;
        const std::string dot = console::toDot(*loaded.scenario);
        if (graphOut.empty()) {
            std::cout << dot;
        } else if (const auto error = runtime::writeFileAtomically(graphOut, dot)) {
            std::cerr << "sparring: " << *error << "\n";
            return kExitUsage;
        }
        return kExitOk;
    }

    if (generateCmd->parsed()) {
        const std::string yaml = console::syntheticScenarioYaml(synthetic);
        if (generateOut.empty()) {
            std::cout << yaml;
        } else if (const auto error = runtime::writeFileAtomically(generateOut, yaml)) {
            std::cerr << "sparring: " << *error << "\n";
            return kExitUsage;
        }
        return kExitOk;
    }

    if (classifyCmd->parsed() || trainCmd->parsed()) {
        try {
            return runScorer(classifyCmd->parsed(), classifyFiles, classifyFormat == "jsonl", classifyEval, frameworkFile,
                             modelDir.empty() ? installation.models() : std::filesystem::path(modelDir), trainCorpus,
                             trainOut, crossValidate, modelSettings);
        } catch (const scoring::ScoringError& e) {
            std::cerr << "sparring: " << e.what() << "\n";
            return kExitErrors;
        }
    }

    // `sparring` alone opens the desktop trainer, like `sparring gui`.
    gui.library = guiLibrary;
    gui.assets = guiAssets;
    gui.models = installation.models();
    gui.screenshots = guiShots;
    if (!guiScript.empty())
        gui.demoScript = guiScript;
    if (!guiTranscript.empty())
        gui.transcript = guiTranscript;
    return ui::runGui(gui, std::cout, std::cerr);
}
