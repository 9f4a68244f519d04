// The `sparring` subcommands (console/Commands.hpp).
// Sections: shared helpers; play; lint; graph; generate; classify and train.

#include "console/Commands.hpp"

#include "console/Analyze.hpp"

#include "console/Classify.hpp"
#include "console/GraphExport.hpp"
#include "console/Lint.hpp"
#include "console/NewScenario.hpp"
#include "console/TerminalPlayer.hpp"
#include "core/Loader.hpp"
#include "runtime/Snapshot.hpp"
#include "scoring/ScoringError.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace sparring::console {

namespace fs = std::filesystem;

// ---- shared helpers --------------------------------------------------------------------------

namespace {

void printDiagnostics(std::ostream& err, const core::Diagnostics& diagnostics)
{
    for (const auto& d : diagnostics.items())
        err << core::format(d) << "\n";
}

std::optional<std::string> readWholeFile(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// `text` on `out`, or written to `file` when one is named.
ExitCode emit(const std::string& text, const std::string& file, std::ostream& out, std::ostream& err)
{
    if (file.empty()) {
        out << text;
    } else if (const auto error = runtime::writeFileAtomically(file, text)) {
        err << "sparring: " << *error << "\n";
        return ExitCode::Usage;
    }
    return ExitCode::Done;
}

std::optional<std::vector<scoring::PhraseList>> loadPhrases(const std::string& frameworkFile,
                                                            std::ostream& err)
{
    auto loaded = core::loadFramework(frameworkFile);
    printDiagnostics(err, loaded.diagnostics);
    if (!loaded.framework)
        return std::nullopt;
    return scoring::phraseListsOf(*loaded.framework);
}

std::optional<std::vector<scoring::LabelledUtterance>> loadCorpus(const std::string& file, std::ostream& err)
{
    auto corpus = scoring::readCorpus(file);
    printDiagnostics(err, corpus.diagnostics);
    if (corpus.diagnostics.hasErrors() && corpus.items.empty())
        return std::nullopt;
    return std::move(corpus.items);
}

std::string orDefault(const std::string& given, const fs::path& fallback)
{
    return given.empty() ? fallback.string() : given;
}

} // namespace

// ---- play ------------------------------------------------------------------------------------

ExitCode runPlay(const PlayCommand& command, std::istream& in, std::ostream& out, std::ostream& err,
                 const Installation& installation, std::shared_ptr<spdlog::logger> log)
{
    if (!log)
        log = std::make_shared<spdlog::logger>("sparring"); // no sinks: silent
    auto loaded = core::loadScenario(command.scenario);
    printDiagnostics(err, loaded.diagnostics);
    if (!loaded.scenario)
        return ExitCode::Errors;
    auto scenario = std::make_shared<const core::Scenario>(std::move(*loaded.scenario));
    log->info("loaded '{}' ({} nodes)", scenario->meta.id, scenario->nodes.size());

    const auto [analyser, scorerError] = scoring::makeAnalyser(scenario->framework, installation.models());
    if (!analyser)
        log->warn("free-text answers are routed by phrases only: {}", scorerError);
    runtime::SessionOptions options;
    options.seed = command.seed;
    options.analyser = analyser;
    std::optional<runtime::Session> session;
    if (!command.resume.empty()) {
        const auto saved = readWholeFile(command.resume);
        if (!saved) {
            err << "sparring: cannot read save file " << command.resume << "\n";
            return ExitCode::Usage;
        }
        auto restored = runtime::restoreSession(scenario, *saved, options);
        for (const auto& note : restored.notes)
            err << command.resume << ": note: " << note << "\n";
        for (const auto& problem : restored.problems)
            err << command.resume << ": error: " << problem << "\n";
        if (!restored.session)
            return ExitCode::Errors;
        session = std::move(restored.session);
    } else {
        session.emplace(scenario, options);
    }

    std::ifstream scriptFile;
    if (!command.script.empty()) {
        scriptFile.open(command.script);
        if (!scriptFile) {
            err << "sparring: cannot read script " << command.script << "\n";
            return ExitCode::Usage;
        }
    }
    PlayOptions playOptions;
    playOptions.interactive = command.script.empty() && command.inputIsTerminal;
    playOptions.feedbackEachTurn = !command.assess;
    if (!command.saveTo.empty())
        playOptions.savePath = command.saveTo;
    playOptions.analyser = analyser;
    TerminalPlayer player(command.script.empty() ? in : scriptFile, out, playOptions, log);
    const auto result = player.play(*session);

    if (!command.transcript.empty())
        if (const auto error =
                runtime::writeFileAtomically(command.transcript, runtime::transcriptJson(*session))) {
            err << "sparring: " << *error << "\n";
            return ExitCode::Usage;
        }
    return result == PlayResult::InputEnded ? ExitCode::InputEnded : ExitCode::Done;
}

// ---- lint ------------------------------------------------------------------------------------

ExitCode runLint(const LintCommand& command, std::ostream& out)
{
    core::LoadOptions options;
    if (!command.root.empty())
        options.libraryRoot = command.root;
    const std::vector<fs::path> paths(command.paths.begin(), command.paths.end());
    const auto summary = lintPaths(paths, options);
    if (command.format == "json")
        printLintJson(out, summary);
    else
        printLintHuman(out, summary);
    return summary.diagnostics.hasErrors() ? ExitCode::Errors : ExitCode::Done;
}

// ---- analyze ---------------------------------------------------------------------------------

ExitCode runAnalyze(const AnalyzeCommand& command, std::ostream& out)
{
    core::LoadOptions loadOptions;
    if (!command.root.empty())
        loadOptions.libraryRoot = command.root;
    core::PathAnalysisOptions options;
    options.maxStates = command.maxStates;
    const std::vector<fs::path> paths(command.paths.begin(), command.paths.end());
    const auto summary = analyzePaths(paths, loadOptions, options);
    if (command.format == "json")
        printAnalyzeJson(out, summary);
    else
        printAnalyzeHuman(out, summary);
    return summary.hasErrors() ? ExitCode::Errors : ExitCode::Done;
}

// ---- new -------------------------------------------------------------------------------------

ExitCode runNew(const NewCommand& command, std::ostream& out, std::ostream& err)
{
    const auto kind = command.kind == "panel" ? StarterKind::Panel : StarterKind::Roleplay;
    const fs::path dir = command.dir.empty() ? fs::path("scenarios") / command.kind : fs::path(command.dir);
    std::string why;
    const auto place = starterPlace(kind, command.id, dir, why);
    if (!place) {
        err << "sparring new: " << why << "\n";
        return ExitCode::Usage;
    }
    std::error_code ec;
    fs::create_directories(place->file.parent_path(), ec); // scenarios/panel may not exist yet
    if (const auto problem = runtime::writeFileAtomically(
            place->file, starterScenario(kind, command.id, place->includePrefix))) {
        err << "sparring new: " << *problem << "\n";
        return ExitCode::Usage;
    }
    const auto file = place->file.string();
    out << "wrote " << file << "\nnext: sparring lint " << file << "\n      sparring analyze " << file
        << "\n      sparring play " << file << "\n";
    return ExitCode::Done;
}

// ---- graph -----------------------------------------------------------------------------------

ExitCode runGraph(const GraphCommand& command, std::ostream& out, std::ostream& err)
{
    auto loaded = core::loadScenario(command.scenario);
    printDiagnostics(err, loaded.diagnostics);
    if (!loaded.scenario)
        return ExitCode::Errors;
    const core::Scenario& scenario = *loaded.scenario;
    GraphOverlay overlay;
    PlayedPaths played;
    for (const auto& file : command.transcripts) {
        const auto text = readWholeFile(file);
        if (!text) {
            err << "sparring: cannot read transcript " << file << "\n";
            return ExitCode::Usage;
        }
        if (const auto refused = addTranscript(scenario, *text, file, played)) {
            err << "sparring: " << *refused << "\n";
            return ExitCode::Usage;
        }
    }
    for (const auto& problem : played.problems)
        err << "sparring: note: " << problem << "\n";
    if (!command.transcripts.empty())
        overlay.played = &played;
    std::optional<core::PathAnalysis> analysis;
    if (command.analysis) {
        analysis = core::analysePaths(scenario, {.maxStates = command.maxStates});
        overlay.analysis = &*analysis;
    }
    return emit(toDot(scenario, overlay), command.output, out, err);
}

// ---- generate --------------------------------------------------------------------------------

ExitCode runGenerate(const GenerateCommand& command, std::ostream& out, std::ostream& err)
{
    return emit(syntheticScenarioYaml(command.scenario), command.output, out, err);
}

// ---- classify and train ----------------------------------------------------------------------
// A model that cannot be loaded or trained is a ScoringError (an object that cannot exist); the
// command reports it like any other failure to load.

ExitCode runClassify(const ClassifyCommand& command, std::istream& in, std::ostream& out, std::ostream& err,
                     const Installation& installation)
{
    try {
        const auto phrases = loadPhrases(orDefault(command.framework, installation.framework()), err);
        if (!phrases)
            return ExitCode::Errors;
        const scoring::Analyser analyser(orDefault(command.models, installation.models()), *phrases);
        const bool jsonl = command.format == "jsonl";
        if (!command.eval.empty()) {
            const auto corpus = loadCorpus(command.eval, err);
            if (!corpus)
                return ExitCode::Errors;
            std::vector<scoring::Analysis> predicted;
            for (const auto& u : *corpus)
                predicted.push_back(analyser.classify(u.text));
            printEvaluation(out, scoring::evaluate(*corpus, predicted));
            return ExitCode::Done;
        }
        if (command.files.empty()) {
            classifyLines(in, out, err, analyser, jsonl, "<stdin>");
            return ExitCode::Done;
        }
        for (const auto& file : command.files) {
            std::ifstream lines(file, std::ios::binary);
            if (!lines) {
                err << "sparring: cannot read " << file << "\n";
                return ExitCode::Usage;
            }
            classifyLines(lines, out, err, analyser, jsonl, file);
        }
        return ExitCode::Done;
    } catch (const scoring::ScoringError& e) {
        err << "sparring: " << e.what() << "\n";
        return ExitCode::Errors;
    }
}

ExitCode runTrain(const TrainCommand& command, std::ostream& out, std::ostream& err,
                  const Installation& installation)
{
    auto settings = command.settings;
    settings.acts = scoring::withCharNgrams(settings.acts, command.charNgrams);
    try {
        const auto corpus = loadCorpus(command.corpus, err);
        if (!corpus)
            return ExitCode::Errors;
        if (command.crossValidate) {
            const auto phrases = loadPhrases(orDefault(command.framework, installation.framework()), err);
            if (!phrases)
                return ExitCode::Errors;
            const auto scratch = fs::temp_directory_path() / "sparring-cross-validation";
            printEvaluation(out, crossValidateByTopic(*corpus, *phrases, scratch, err, settings));
            fs::remove_all(scratch);
            return ExitCode::Done;
        }
        if (command.models.empty()) {
            err << "sparring: train needs --out DIR (or --cross-validate)\n";
            return ExitCode::Usage;
        }
        scoring::trainModels(*corpus, command.models, settings);
        return ExitCode::Done;
    } catch (const scoring::ScoringError& e) {
        err << "sparring: " << e.what() << "\n";
        return ExitCode::Errors;
    }
}

} // namespace sparring::console
