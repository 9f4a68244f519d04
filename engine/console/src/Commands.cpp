// The `sparring` subcommands (console/Commands.hpp).
// Sections: shared helpers; play; lint; analyze; new; import; graph; generate; classify and train.

#include "console/Commands.hpp"

#include "console/Analyze.hpp"

#include "console/Classify.hpp"
#include "console/GraphExport.hpp"
#include "console/ImportTwee.hpp"
#include "console/Lint.hpp"
#include "console/List.hpp"
#include "console/Listen.hpp"
#include "console/NewScenario.hpp"
#include "console/Report.hpp"
#include "console/TerminalPlayer.hpp"
#include "console/Xapi.hpp"
#include "core/Files.hpp"
#include "core/Limits.hpp"
#include "core/Loader.hpp"
#include "core/Utf8.hpp"
#include "progress/Recording.hpp"
#include "progress/SessionKeeper.hpp"
#include "progress/Store.hpp"
#include "runtime/Snapshot.hpp"
#include "scoring/ScoringError.hpp"
#include "trainer/Library.hpp"
#include "voice/AudioFile.hpp"
#include "voice/Synthesizer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
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

/// A whole input file (core::readInputFile), or nothing after saying on `err` which file, as
/// what, and why ("sparring: cannot read save file x.json: is a folder, not a file").
std::optional<std::string> readInput(const std::string& file, const char* what, std::uintmax_t limit,
                                     std::ostream& err)
{
    auto read = core::readInputFile(file, limit);
    if (!read.text)
        err << "sparring: cannot read " << what << " " << core::terminalSafe(file, false) << ": "
            << read.reason << "\n";
    return std::move(read.text);
}

/// `text` on `out`, or written to `file` when one is named.
ExitCode emit(const std::string& text, const std::string& file, std::ostream& out, std::ostream& err)
{
    if (file.empty()) {
        out << text;
    } else if (const auto error = core::writeOutputFile(file, text)) {
        err << "sparring: cannot write " << core::terminalSafe(file, false) << ": " << *error << "\n";
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

// ---- listen ----------------------------------------------------------------------------------

ExitCode runListen(const ListenCommand& command, std::ostream& out, std::ostream& err,
                   const Installation& installation)
{
    const fs::path audioFile = command.out;
    const auto captionsFile = fs::path(audioFile).replace_extension(".vtt");
    if (!voice::isAudioFileName(audioFile)) {
        err << "sparring: --out must name an .ogg, .wav or .flac file\n";
        return ExitCode::Usage;
    }
    for (const auto& file : {audioFile, captionsFile})
        if (const auto problem = core::outputProblem(file.string())) {
            err << "sparring: cannot write " << core::terminalSafe(file.string(), false) << ": " << *problem
                << "\n";
            return ExitCode::Usage;
        }
    auto loaded = core::loadScenario(command.scenario);
    printDiagnostics(err, loaded.diagnostics);
    if (!loaded.scenario)
        return ExitCode::Errors;
    const auto scenario = std::make_shared<const core::Scenario>(std::move(*loaded.scenario));
    std::optional<std::vector<std::string>> answers;
    if (!command.script.empty()) {
        const auto script = readInput(command.script, "script", core::limits::maxScriptBytes, err);
        if (!script)
            return ExitCode::Usage;
        answers.emplace();
        std::istringstream lines(*script);
        for (std::string line; std::getline(lines, line);)
            if (auto answer = scriptAnswer(line))
                answers->push_back(std::move(*answer));
    }
    const auto [analyser, scorerError] = scoring::makeAnalyser(scenario->framework, installation.models());
    if (!analyser && answers)
        err << "sparring: note: free-text answers are routed by phrases only: " << scorerError << "\n";
    const auto cues = sessionCues(scenario, command.seed, answers, analyser);
    if (cues.problem) {
        err << "sparring: "
            << core::terminalSafe(command.script.empty() ? command.scenario : command.script, false) << ": "
            << core::terminalSafe(*cues.problem, false) << "\n";
        return ExitCode::Errors;
    }
    Episode episode;
    try {
        const voice::Synthesizer synthesizer;
        episode = renderEpisode(cues.cues, synthesizer);
    } catch (const voice::VoiceError& e) {
        err << "sparring: cannot speak " << core::terminalSafe(command.scenario, false) << ": "
            << core::terminalSafe(e.what(), false) << "\n";
        return ExitCode::Errors;
    }
    if (const auto problem = voice::writeAudioFile(audioFile, episode.audio)) {
        err << "sparring: cannot write " << core::terminalSafe(audioFile.string(), false) << ": " << *problem
            << "\n";
        return ExitCode::Usage;
    }
    if (const auto problem = core::writeOutputFile(captionsFile.string(), webVtt(episode.cues))) {
        err << "sparring: cannot write " << core::terminalSafe(captionsFile.string(), false) << ": "
            << *problem << "\n";
        return ExitCode::Usage;
    }
    const auto seconds = static_cast<long long>(std::llround(episode.audio.seconds()));
    out << "Wrote " << core::terminalSafe(audioFile.string(), false) << " (" << seconds / 60 << " min "
        << seconds % 60 << " s, " << episode.cues.size() << " speaker turns) and its captions "
        << core::terminalSafe(captionsFile.string(), false) << "\n";
    return ExitCode::Done;
}

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
    // Where the session's record goes is checked before it is played, not after.
    if (!command.transcript.empty())
        if (const auto problem = core::outputProblem(command.transcript)) {
            err << "sparring: cannot write the transcript to "
                << core::terminalSafe(command.transcript, false) << ": " << *problem << "\n";
            return ExitCode::Usage;
        }
    if (!command.resume.empty()) {
        const auto saved = readInput(command.resume, "save file", core::limits::maxSaveBytes, err);
        if (!saved)
            return ExitCode::Usage;
        auto restored = runtime::restoreSession(scenario, *saved, options);
        // The messages quote values from the save, which anyone may have written.
        for (const auto& note : restored.notes)
            err << command.resume << ": note: " << core::terminalSafe(note, false) << "\n";
        for (const auto& problem : restored.problems)
            err << command.resume << ": error: " << core::terminalSafe(problem, false) << "\n";
        if (!restored.session)
            return ExitCode::Errors;
        session = std::move(restored.session);
    } else {
        session.emplace(scenario, options);
    }

    std::istringstream scriptFile;
    if (!command.script.empty()) {
        const auto script = readInput(command.script, "script", core::limits::maxScriptBytes, err);
        if (!script)
            return ExitCode::Usage;
        scriptFile.str(*script);
    }
    PlayOptions playOptions;
    playOptions.interactive = command.script.empty() && command.inputIsTerminal;
    playOptions.feedbackEachTurn = !command.assess;
    if (!command.saveTo.empty())
        playOptions.savePath = command.saveTo;
    playOptions.analyser = analyser;
    TerminalPlayer player(command.script.empty() ? in : scriptFile, out, playOptions, log);
    progress::SessionContext context;
    context.trainee = command.trainee;
    context.mode = progress::modeName(command.assess ? scoring::FeedbackMode::Assessment
                                                     : scoring::FeedbackMode::Practice);
    context.frontEnd = "terminal";
    const auto result = player.play(*session);
    if (!command.store.empty() && progress::isPractice(*session)) {
        // Finished or not, the practice counts: an abandoned session is recorded as such.
        progress::SessionKeeper keeper(command.store, command.fallbackFolder.empty()
                                                          ? progress::defaultFallbackFolder()
                                                          : fs::path(command.fallbackFolder));
        const auto kept = keeper.keep(
            progress::recordOf(*session, scoring::buildDebrief(*session, analyser.get()), context));
        if (!kept.stored)
            err << "sparring: " << core::terminalSafe(kept.message, false) << "\n";
        else
            log->info("{}", kept.message);
    }

    if (!command.transcript.empty()) {
        const std::string transcript = runtime::transcriptJson(*session);
        if (const auto error = core::writeOutputFile(command.transcript, transcript)) {
            // The session's record is not lost: it is kept where it can be written.
            err << "sparring: cannot write the transcript to "
                << core::terminalSafe(command.transcript, false) << ": " << *error << "\n";
            if (const auto kept = core::keepElsewhere(command.transcript, transcript))
                err << "sparring: the transcript is kept in " << kept->string() << "\n";
            return ExitCode::Usage;
        }
    }
    if (const auto& stopped = player.stopped()) {
        err << "sparring: " << *stopped << "\n";
        return ExitCode::Errors;
    }
    if (player.unsavedSave())
        return ExitCode::Usage; // a :save the trainee asked for was not written (said when it failed)
    return result == PlayResult::InputEnded ? ExitCode::InputEnded : ExitCode::Done;
}

// ---- report ----------------------------------------------------------------------------------

ExitCode runReport(const ReportCommand& command, std::ostream& out, std::ostream& err)
{
    const bool isFile = command.store.rfind("postgres", 0) != 0;
    std::error_code ec;
    if (isFile && !fs::exists(command.store, ec)) {
        err << "sparring report: no practice is recorded in " << core::terminalSafe(command.store, false)
            << ": the file does not exist (play a scenario first, or give --store)\n";
        return ExitCode::Usage;
    }
    std::vector<progress::SessionRecord> sessions;
    std::string storeName;
    try {
        const auto store = progress::openStore(command.store, progress::Access::ReadOnly);
        progress::SessionQuery query;
        if (!command.team)
            query.trainee = command.trainee;
        query.withDecisions = command.format == "json"; // only the JSON form lists every decision
        sessions = store->sessions(query);
        storeName = store->describe();
    } catch (const progress::StoreError& e) {
        err << "sparring report: " << core::terminalSafe(e.what(), false) << "\n";
        return ExitCode::Errors;
    }
    std::vector<progress::DrillOption> library;
    if (!command.library.empty() && !core::folderProblem(command.library)) {
        const auto entries = trainer::scanLibrary(command.library);
        library = trainer::drillOptions(entries, trainer::readCurriculum(command.library, entries));
    }
    const auto report = buildReport(storeName, std::move(sessions), library, command.team, progress::now());
    std::ostringstream text;
    if (command.format == "html")
        writeReportHtml(text, report);
    else if (command.format == "csv")
        writeReportCsv(text, report);
    else if (command.format == "json")
        writeReportJson(text, report);
    else
        writeReportText(text, report);
    if (command.output.empty()) {
        out << text.str();
        return ExitCode::Done;
    }
    if (const auto error = core::writeOutputFile(command.output, text.str())) {
        err << "sparring report: cannot write " << core::terminalSafe(command.output, false) << ": " << *error
            << "\n";
        return ExitCode::Usage;
    }
    return ExitCode::Done;
}

// ---- export ----------------------------------------------------------------------------------

ExitCode runExport(const ExportCommand& command, std::ostream& out, std::ostream& err)
{
    std::error_code ec;
    if (command.store.rfind("postgres", 0) != 0 && !fs::exists(command.store, ec)) {
        err << "sparring export: no practice is recorded in " << core::terminalSafe(command.store, false)
            << ": the file does not exist\n";
        return ExitCode::Usage;
    }
    std::vector<progress::SessionRecord> sessions;
    try {
        const auto store = progress::openStore(command.store, progress::Access::ReadOnly);
        progress::SessionQuery query;
        if (!command.team)
            query.trainee = command.trainee;
        sessions = store->sessions(query);
    } catch (const progress::StoreError& e) {
        err << "sparring export: " << core::terminalSafe(e.what(), false) << "\n";
        return ExitCode::Errors;
    }
    const XapiOptions options{command.iriBase, command.accountHomePage};
    std::vector<std::string> statements;
    for (const auto& s : sessions)
        for (auto& line : xapiStatements(s, options))
            statements.push_back(std::move(line));
    if (const auto error = appendToQueue(command.queue, statements)) {
        err << "sparring export: cannot append to " << core::terminalSafe(command.queue, false) << ": "
            << *error << "\n";
        return ExitCode::Usage;
    }
    out << "appended " << statements.size() << " xAPI statements (" << sessions.size() << " sessions) to "
        << core::terminalSafe(command.queue, false) << "\n";
    return ExitCode::Done;
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

// ---- list ------------------------------------------------------------------------------------

ExitCode runList(const ListCommand& command, std::ostream& out, std::ostream& err)
{
    const fs::path folder = command.folder;
    if (const auto problem = core::folderProblem(folder)) {
        err << "sparring list: " << core::terminalSafe(folder.generic_string(), false) << ": " << *problem
            << " (give the library's folder, e.g. scenarios)\n";
        return ExitCode::Usage;
    }
    const auto library = trainer::scanLibrary(folder);
    const auto curriculum = trainer::readCurriculum(folder, library);
    if (command.format == "json")
        printListJson(out, library, curriculum);
    else
        printListHuman(out, library, curriculum);
    const bool broken = std::any_of(library.begin(), library.end(),
                                    [](const trainer::LibraryEntry& e) { return !e.scenario; });
    return broken || curriculum.diagnostics.hasErrors() ? ExitCode::Errors : ExitCode::Done;
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
    if (const auto problem =
            core::writeOutputFile(place->file, starterScenario(kind, command.id, place->includePrefix))) {
        err << "sparring new: cannot write " << place->file.string() << ": " << *problem << "\n";
        return ExitCode::Usage;
    }
    const auto file = place->file.string();
    out << "wrote " << file << "\nnext: sparring lint " << file << "\n      sparring analyze " << file
        << "\n      sparring play " << file << "\n";
    return ExitCode::Done;
}

// ---- import ----------------------------------------------------------------------------------

namespace {

/// `file:line:column: error: message`, or `file: error: message` for the whole file.
std::string located(const std::string& file, const TweeProblem& problem)
{
    std::string where = file;
    if (problem.line > 0)
        where += ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column);
    return where + ": error: " + problem.message;
}

} // namespace

ExitCode runImport(const ImportCommand& command, std::ostream& out, std::ostream& err)
{
    auto fail = [&](const std::string& message) {
        err << message << "\n";
        return ExitCode::Usage;
    };
    std::error_code ec;
    // A byte over the limit is read, so that parseTwee says the file is too large in its words.
    const auto read = core::readInputFile(command.file, kMaxTweeBytes + 1);
    if (!read.text)
        return fail(command.file + ": error: " + read.reason);
    const auto& text = read.text;
    const auto parsed = parseTwee(*text);
    if (parsed.error)
        return fail(located(command.file, *parsed.error));

    ImportOptions options;
    options.id = command.id.empty() ? scenarioIdFor(*parsed.story, command.file) : command.id;
    options.sourceName = fs::path(command.file).filename().string();
    if (!isScenarioId(options.id))
        return fail("sparring import: the id '" + options.id +
                    "' must start with a letter and use only letters, digits, '-' and '_'");
    const bool toStandardOutput = command.out == "-";
    fs::path file;
    if (!toStandardOutput) {
        if (command.out.empty() && !fs::is_directory("scenarios", ec))
            return fail("sparring import: there is no scenario library here (a folder 'scenarios'); run it "
                        "where the library is, or give --out FILE inside one, or --out - to print the draft");
        file = command.out.empty() ? fs::path("scenarios") / "roleplay" : fs::path(command.out);
        // A .yaml or .yml file, else a folder (lint reads only those files from a folder).
        if (const auto ext = file.extension(); ext != ".yaml" && ext != ".yml")
            file /= options.id + ".yaml";
        std::string why;
        const auto library = libraryFolderOf(file.has_parent_path() ? file.parent_path() : fs::path("."),
                                             {"framework/default.yaml"},
                                             "--out with a file inside one, e.g. scenarios/roleplay/" +
                                                 options.id + ".yaml, or --out - to print the draft",
                                             why);
        if (!library)
            return fail("sparring import: " + why);
        if (fs::exists(file, ec) && !command.force)
            return fail("sparring import: '" + file.string() +
                        "' exists already; use --force to replace it, or --out to write elsewhere");
        options.includePrefix = library->includePrefix;
    }
    const auto draft = importTwee(*parsed.story, options);
    if (draft.error)
        return fail(located(command.file, *draft.error));
    if (toStandardOutput) {
        out << draft.yaml;
        printImportReport(err, draft, command.file);
        err << "The draft includes ../framework/default.yaml: save it in scenarios/roleplay/.\n";
        return ExitCode::Done;
    }
    fs::create_directories(file.parent_path(), ec); // scenarios/roleplay may not exist yet
    if (const auto problem = core::writeOutputFile(file, draft.yaml))
        return fail("sparring import: cannot write " + file.string() + ": " + *problem);
    printImportReport(out, draft, command.file);
    const auto lint = lintPaths({file}, {});
    out << "Wrote " << file.string() << "; lint finds " << lint.diagnostics.errorCount() << " errors and "
        << lint.diagnostics.warningCount() << " warnings" << (lint.diagnostics.empty() ? ".\n" : ":\n");
    for (const auto& d : lint.diagnostics.items())
        out << "  " << core::format(d) << "\n";
    const auto name = file.string();
    out << "next: sparring lint " << name << "\n      sparring analyze " << name << "\n      sparring play "
        << name << "\n";
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
        const auto text = readInput(file, "transcript", core::limits::maxSaveBytes, err);
        if (!text)
            return ExitCode::Usage;
        if (const auto refused = addTranscript(scenario, *text, file, played)) {
            err << "sparring: " << core::terminalSafe(*refused, false) << "\n";
            return ExitCode::Usage;
        }
    }
    for (const auto& problem : played.problems)
        err << "sparring: note: " << core::terminalSafe(problem, false) << "\n";
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
            const auto text = readInput(file, "utterances from", core::limits::maxCorpusBytes, err);
            if (!text)
                return ExitCode::Usage;
            std::istringstream lines(*text);
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
        std::optional<std::vector<scoring::LabelledUtterance>> corpus;
        std::vector<std::size_t> partEnds; // where each file's utterances end in `corpus`
        for (const auto& file : command.corpora) {
            auto part = loadCorpus(file, err);
            if (!part)
                return ExitCode::Errors;
            if (!corpus)
                corpus = std::move(part);
            else
                corpus->insert(corpus->end(), part->begin(), part->end());
            partEnds.push_back(corpus->size());
        }
        if (!corpus) {
            err << "sparring: train needs at least one --corpus FILE\n";
            return ExitCode::Usage;
        }
        if (command.crossValidate) {
            const auto phrases = loadPhrases(orDefault(command.framework, installation.framework()), err);
            if (!phrases)
                return ExitCode::Errors;
            const auto scratch = fs::temp_directory_path() / "sparring-cross-validation";
            const auto predicted = crossValidateByTopic(*corpus, *phrases, scratch, err, settings);
            fs::remove_all(scratch);
            printEvaluation(out, scoring::evaluate(*corpus, predicted));
            // Several files (written and transcribed speech): each one's held-out figures too.
            for (std::size_t part = 0; partEnds.size() > 1 && part < partEnds.size(); ++part) {
                const auto begin = static_cast<std::ptrdiff_t>(part == 0 ? 0 : partEnds[part - 1]);
                const auto end = static_cast<std::ptrdiff_t>(partEnds[part]);
                out << "\n" << core::terminalSafe(command.corpora[part], false) << " alone\n";
                printEvaluation(out, scoring::evaluate({corpus->begin() + begin, corpus->begin() + end},
                                                       {predicted.begin() + begin, predicted.begin() + end}));
            }
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
