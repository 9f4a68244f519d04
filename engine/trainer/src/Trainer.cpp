#include "trainer/Trainer.hpp"

#include "progress/Store.hpp"

#include "core/Files.hpp"
#include "runtime/Snapshot.hpp"
#include "voice/Synthesizer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace sparring::trainer {

namespace {

constexpr double kWholeLine = std::numeric_limits<double>::infinity();

/// A panel seat has room for a few words of the role: up to the first comma.
std::string roleShort(const std::string& role)
{
    return role.substr(0, role.find(','));
}

std::string_view verdictName(scoring::Verdict verdict)
{
    switch (verdict) {
    case scoring::Verdict::Agree:
        return "agrees";
    case scoring::Verdict::Disagree:
        return "disagrees";
    case scoring::Verdict::Mixed:
        break;
    }
    return "mixed";
}

/// The face that goes with a verdict: agrees pleased, mixed neutral, disagrees frustrated.
std::string_view verdictExpression(scoring::Verdict verdict)
{
    switch (verdict) {
    case scoring::Verdict::Agree:
        return "pleased";
    case scoring::Verdict::Disagree:
        return "frustrated";
    case scoring::Verdict::Mixed:
        break;
    }
    return "neutral";
}

/// The faces of `scenario`'s cast, the chair first, at most eight; `moods` (by cast index) and
/// who speaks come from a session, and are absent on the briefing.
std::vector<Seat> castSeats(const core::Scenario& scenario, const std::vector<std::string>* moods,
                            const std::string& speakerId)
{
    std::vector<std::size_t> order;
    if (scenario.moderator)
        order.push_back(*scenario.moderator);
    for (std::size_t i = 0; i < scenario.cast.size() && order.size() < 8; ++i)
        if (scenario.moderator != i)
            order.push_back(i);
    std::vector<Seat> out;
    for (const auto i : order) {
        const auto& c = scenario.cast[i];
        Seat seat{c.name,
                  c.role,
                  c.portrait.image,
                  moods ? (*moods)[i] : std::string(),
                  c.id == speakerId,
                  scenario.moderator == i,
                  {},
                  c.id};
        if (scenario.meta.kind == core::ScenarioKind::Panel)
            seat.role = roleShort(c.role);
        out.push_back(std::move(seat));
    }
    return out;
}

} // namespace

std::size_t prefixBytes(const std::string& text, std::size_t count)
{
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == count)
            return i;
    return text.size();
}

std::size_t characterCount(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Trainer::Trainer(std::vector<LibraryEntry> library, std::filesystem::path models, Settings settings)
    : m_library(std::move(library)), m_models(std::move(models)), m_settings(settings)
{
    // Most scenarios share the shipped framework: its scorer is ready by the first briefing.
    for (const auto& entry : m_library)
        if (entry.scenario) {
            (void)analyserFor(entry.scenario->framework);
            break;
        }
}

std::shared_future<scoring::AnalyserOrError> Trainer::analyserFor(const core::Framework& framework)
{
    for (const auto& prepared : m_analysers)
        if (prepared.framework == framework)
            return prepared.analyser;
    constexpr std::size_t kKeptAnalysers = 4; // each holds the models, about 12 MB
    if (m_analysers.size() >= kKeptAnalysers)
        m_analysers.erase(m_analysers.begin());
    auto loading = std::async(std::launch::async, [framework, models = m_models] {
                       return scoring::makeAnalyser(framework, models);
                   }).share();
    m_analysers.push_back({framework, loading});
    return loading;
}

Trainer::~Trainer()
{
    recordAttempt(); // closing mid-session: abandoned; the keeper then waits for its queue
}

void Trainer::recordPractice(std::string location, std::string trainee)
{
    m_keeper =
        std::make_unique<progress::BackgroundKeeper>(std::move(location), progress::defaultFallbackFolder());
    m_trainee = std::move(trainee);
    m_keeper->loadHistory(m_trainee);
}

void Trainer::takeHistory()
{
    if (!m_keeper)
        return;
    auto history = m_keeper->takeHistory();
    if (!history)
        return;
    m_kpisAsOf = progress::now();
    m_kpis = progress::computeKpis(*history, m_kpisAsOf);
    m_nextDrill = progress::nextDrill(*m_kpis, drillOptions(m_library, m_curriculum));
    m_done = progress::doneScenarios(*history);
    if (auto trainees = m_keeper->takeTrainees()) {
        m_knownTrainees = std::move(*trainees);
        if (std::find(m_knownTrainees.begin(), m_knownTrainees.end(), m_trainee) == m_knownTrainees.end())
            m_knownTrainees.push_back(m_trainee); // not in the store until a first session is kept
        std::sort(m_knownTrainees.begin(), m_knownTrainees.end());
    }
}

bool Trainer::switchTrainee(const std::string& name)
{
    if (!m_keeper)
        return false;
    if (const auto problem = progress::traineeNameProblem(name)) {
        m_notice = *problem;
        return false;
    }
    // A session in progress is the previous trainee's: it is recorded as theirs and ends here;
    // the new trainee starts from the scenario's briefing.
    recordAttempt();
    if (m_session) {
        m_session.reset();
        m_attempts.clear();
        m_debrief.reset();
        m_messages.clear();
        m_shownReports.clear();
        // Whichever of them shows the ended session (settings and progress may be over it).
        for (Screen* shown : {&m_screen, &m_beforeSettings, &m_beforeProgress})
            if (*shown == Screen::Conversation || *shown == Screen::Debrief)
                *shown = Screen::Briefing;
    }
    m_trainee = name;
    m_kpis.reset();
    m_kpisAsOf = 0;
    m_nextDrill.reset();
    m_done.clear();
    if (std::find(m_knownTrainees.begin(), m_knownTrainees.end(), name) == m_knownTrainees.end()) {
        m_knownTrainees.push_back(name);
        std::sort(m_knownTrainees.begin(), m_knownTrainees.end());
    }
    m_notice.clear();
    m_keeper->loadHistory(name);
    return true;
}

bool Trainer::openNextDrill()
{
    if (!m_nextDrill)
        return false;
    for (std::size_t i = 0; i < m_library.size(); ++i)
        if (m_library[i].scenario && m_library[i].scenario->meta.id == m_nextDrill->scenarioId) {
            openScenario(i);
            return true;
        }
    return false;
}

bool Trainer::openProgress()
{
    if (!m_keeper || (m_screen != Screen::Library && m_screen != Screen::Debrief))
        return false;
    m_beforeProgress = m_screen;
    m_screen = Screen::Progress;
    return true;
}

void Trainer::beginAttempt()
{
    m_attempt = progress::SessionContext{};
    m_attempt.trainee = m_trainee;
    m_attempt.mode = progress::modeName(m_mode);
    m_attempt.frontEnd = "gui";
    m_attemptRecorded = false;
}

void Trainer::recordAttempt()
{
    if (!m_keeper || !m_session || m_attemptRecorded || !progress::isPractice(*m_session))
        return;
    m_attemptRecorded = true;
    // The debrief the trainee sees (or would see) is what is recorded, built by the one rule.
    const bool shown = m_debrief && m_screen == Screen::Debrief && showingCurrentAttempt();
    const scoring::Debrief debrief = shown ? *m_debrief : scoring::buildDebrief(*m_session, m_analyser.get());
    m_keeper->keep(progress::recordOf(*m_session, debrief, m_attempt));
}

// ---- library ------------------------------------------------------------------------------------

std::vector<Shelf> Trainer::shelves() const
{
    return arrangeShelves(m_library, m_curriculum.curriculum ? &*m_curriculum.curriculum : nullptr, m_filter);
}

std::vector<std::size_t> Trainer::visibleScenarios() const
{
    std::vector<std::size_t> out;
    for (const auto& shelf : shelves())
        out.insert(out.end(), shelf.entries.begin(), shelf.entries.end());
    return out;
}

void Trainer::setLibraryFolder(std::filesystem::path folder)
{
    m_libraryFolder = std::move(folder);
    m_curriculum = readCurriculum(m_libraryFolder, m_library);
}

std::vector<std::size_t> Trainer::brokenScenarios() const
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_library.size(); ++i)
        if (!m_library[i].scenario)
            out.push_back(i);
    return out;
}

void Trainer::openScenario(std::size_t index)
{
    if (index >= m_library.size() || !m_library[index].scenario)
        return;
    m_selected = index;
    (void)analyserFor(m_library[index].scenario->framework); // ready by the time it starts
    m_screen = Screen::Briefing;
    m_notice.clear();
    m_reloadProblems = {};
    m_openWhenFixed.reset();
    watchOpenScenario();
}

// ---- briefing -----------------------------------------------------------------------------------

const core::Scenario* Trainer::selectedScenario() const
{
    return m_selected < m_library.size() ? m_library[m_selected].scenario.get() : nullptr;
}

std::vector<Seat> Trainer::briefingSeats() const
{
    const auto* scenario = selectedScenario();
    return scenario ? castSeats(*scenario, nullptr, {}) : std::vector<Seat>{};
}

void Trainer::start()
{
    const auto* scenario = selectedScenario();
    if (!scenario)
        return;
    recordAttempt(); // the session being replaced, if it was left unrecorded
    auto [analyser, error] = analyserFor(scenario->framework).get();
    m_analyser = std::move(analyser);
    runtime::SessionOptions options;
    options.analyser = m_analyser;
    m_session.emplace(m_library[m_selected].scenario, options);
    beginAttempt();
    m_messages.clear();
    m_shownReports.clear();
    m_attempts.clear();
    m_lastLine = static_cast<std::size_t>(-1);
    m_verdicts.clear();
    // Without the scorer's models, free text is still matched by its phrases; say so.
    m_notice = m_analyser ? std::string() : "Typed answers are matched by phrases only: " + error;
    m_screen = Screen::Conversation;
    m_scrollToEnd = true;
    noteLine();
}

// ---- conversation -------------------------------------------------------------------------------

void Trainer::noteLine()
{
    const auto* line = std::get_if<runtime::LineEvent>(&m_session->current());
    if (!line || m_session->transcript().size() == m_lastLine)
        return;
    m_lastLine = m_session->transcript().size();
    m_messages.push_back({Message::Kind::Line, line->speakerName, line->text, {}});
    m_revealIndex = m_messages.size() - 1;
    m_revealed = m_settings.textSpeed > 0 && !m_settings.reduceMotion ? 0.0 : kWholeLine;
    m_scrollToEnd = true;
    // Spoken as it starts to appear, in the speaker's own voice.
    say(line->text, voice::voiceOf(m_session->scenario(), line->speakerId));
}

void Trainer::say(const std::string& text, const core::Voice& declared)
{
    // Self-voicing reads the lines as well: a trainee who cannot read the screen needs them.
    if ((!m_settings.speech && !m_settings.selfVoicing) || text.empty())
        return;
    m_speech.push_back({++m_lastSpeechId, text, spokenVoice(declared, m_settings.speechRate)});
}

void Trainer::voice(const std::string& text)
{
    if (m_settings.selfVoicing && !text.empty())
        m_speech.push_back(
            {++m_lastSpeechId, text, spokenVoice(voice::kNarratorVoice, m_settings.speechRate)});
}

std::vector<SpeechRequest> Trainer::takeSpeechRequests()
{
    return std::exchange(m_speech, {});
}

void Trainer::noteSpeechProblem(const std::string& problem)
{
    if (!m_speechProblem.empty() || problem.empty())
        return; // said once; the trainer goes on silently
    m_speechProblem = problem;
    m_notice = "Lines are not spoken in this run: " + problem;
}

std::string Trainer::shownText(std::size_t index) const
{
    const auto& text = m_messages.at(index).text;
    if (index == m_revealIndex && revealing())
        return text.substr(0, prefixBytes(text, static_cast<std::size_t>(m_revealed)));
    return text;
}

bool Trainer::revealing() const
{
    return m_revealIndex < m_messages.size() &&
           m_revealed < static_cast<double>(characterCount(m_messages[m_revealIndex].text));
}

void Trainer::revealAll()
{
    m_revealed = kWholeLine;
}

void Trainer::tick(double seconds)
{
    if (m_keeper)
        for (const auto& report : m_keeper->takeReports())
            if (!report.stored)
                m_notice = report.message; // a session not in the store: say where it is
    takeHistory();
    if (m_settings.textSpeed <= 0 || m_settings.reduceMotion)
        m_revealed = kWholeLine;
    else
        m_revealed += seconds * m_settings.textSpeed;
    if (!m_watching || m_watch.files().empty())
        return;
    m_sinceWatched += seconds;
    if (m_sinceWatched < kWatchInterval)
        return;
    m_sinceWatched = 0;
    if (m_watch.changed())
        reload();
}

bool Trainer::advance()
{
    if (!m_session || !std::holds_alternative<runtime::LineEvent>(m_session->current()))
        return false;
    if (m_session->stopped())
        return false;   // it went round without a decision: stopped() says so, and it goes no further
    m_verdicts.clear(); // the panel's faces follow the conversation again
    m_session->next();
    if (m_session->stopped()) {
        m_scrollToEnd = true; // to the end of the conversation, where the stop is said
        return true;
    }
    noteLine();
    return true;
}

const std::optional<std::string>& Trainer::stopped() const
{
    static const std::optional<std::string> none; // const: no mutable state is shared
    return m_session ? m_session->stopped() : none;
}

bool Trainer::stoppedDebrief() const
{
    if (!stopped())
        return false;
    const auto& transcript = m_session->transcript();
    return std::any_of(transcript.begin(), transcript.end(), [](const runtime::TranscriptEntry& e) {
        return std::holds_alternative<runtime::PickedOption>(e) ||
               std::holds_alternative<runtime::TypedAnswer>(e);
    });
}

void Trainer::leaveToLibrary()
{
    recordAttempt();
    m_screen = Screen::Library;
    back(); // from the library, back() stays there and closes the open scenario
}

void Trainer::choose(std::size_t number)
{
    if (m_session && std::holds_alternative<runtime::ChoiceEvent>(m_session->current()))
        afterAnswer(m_session->choose(number));
}

void Trainer::respond(const std::string& text)
{
    if (m_session && std::holds_alternative<runtime::PromptEvent>(m_session->current()))
        afterAnswer(m_session->respond(text));
}

bool Trainer::typing() const
{
    return m_screen == Screen::Conversation && m_session && !revealing() &&
           std::holds_alternative<runtime::PromptEvent>(m_session->current());
}

void Trainer::afterAnswer(const runtime::Answer& answer)
{
    if (!answer.accepted()) {
        m_notice = answer.refused;
        return;
    }
    m_notice.clear();
    m_verdicts.clear();
    if (const auto report = scoring::reportLatestDecision(*m_session, m_analyser.get())) {
        if (m_settings.speakMyAnswers)
            say(report->answer, voice::kNarratorVoice); // as `sparring listen` reads them
        const auto shown = scoring::shownDuringPlay(*report, m_mode);
        showTurn(shown);
        // The panel's reactions that are shown, each in its expert's voice (as `sparring listen`).
        for (const auto& reaction : shown.reactions)
            say(reaction.line, voice::voiceOf(m_session->scenario(), reaction.expertId));
    }
    noteLine();
    m_scrollToEnd = true;
}

void Trainer::showTurn(const scoring::TurnReport& report)
{
    m_shownReports.push_back(report);
    Message said{Message::Kind::Answer, "You", report.answer, {}};
    if (report.analysis)
        for (const auto& e : report.analysis->evidence)
            said.highlights.emplace_back(e.start, e.end);
    m_messages.push_back(std::move(said));
    if (report.analysis) {
        std::string text = "What your words did: " + scoring::detectedSummary(*report.analysis);
        for (const auto& e : report.analysis->evidence)
            text += "\n  - " + e.why;
        m_messages.push_back({Message::Kind::Analysis, "", text, {}});
    }
    if (!report.feedback.empty())
        m_messages.push_back({Message::Kind::Feedback, "", report.feedback, {}});
    m_verdicts.clear();
    for (const auto& r : report.reactions) {
        m_verdicts[r.expertId] = r.verdict;
        m_messages.push_back({Message::Kind::Panel,
                              r.expertName + " " + std::string(scoring::toString(r.verdict)),
                              r.line,
                              {}});
    }
}

std::vector<Seat> Trainer::stageSeats() const
{
    if (!m_session)
        return {};
    std::string speakerId;
    if (const auto* line = std::get_if<runtime::LineEvent>(&m_session->current()))
        speakerId = line->speakerId;
    else if (const auto* prompt = std::get_if<runtime::PromptEvent>(&m_session->current()))
        speakerId = prompt->speakerId;
    auto out = castSeats(m_session->scenario(), &m_session->state().moods, speakerId);
    for (auto& seat : out)
        if (const auto it = m_verdicts.find(seat.id); it != m_verdicts.end()) {
            seat.verdict = verdictName(it->second);
            seat.expression = verdictExpression(it->second);
        }
    return out;
}

bool Trainer::takeScrollRequest()
{
    return std::exchange(m_scrollToEnd, false);
}

// ---- debrief ------------------------------------------------------------------------------------

void Trainer::showDebrief()
{
    if (!m_session)
        return;
    m_screen = Screen::Debrief;
    m_shownAttempt = m_attempts.size(); // this attempt
    m_debrief.reset();
    (void)debrief();
    recordAttempt();
    if (!m_transcriptPath.empty()) {
        const std::string transcript = runtime::transcriptJson(*m_session);
        if (const auto error = core::writeOutputFile(m_transcriptPath, transcript)) {
            // Not lost: kept where it can be written, and the notice says where.
            const auto kept = core::keepElsewhere(m_transcriptPath, transcript);
            m_notice = "Could not write the transcript to " + m_transcriptPath.string() + ": " + *error +
                       (kept ? "; it is kept in " + kept->string() : std::string());
        }
    }
}

const runtime::Session& Trainer::shownSession() const
{
    return m_shownAttempt < m_attempts.size() ? m_attempts[m_shownAttempt] : *m_session;
}

std::string Trainer::attemptLabel(std::size_t attempt) const
{
    const runtime::Session& s = attempt < m_attempts.size() ? m_attempts[attempt] : *m_session;
    std::string label =
        attempt < m_attempts.size() ? "Attempt " + std::to_string(attempt + 1) : "This attempt";
    if (const auto* over = std::get_if<runtime::EndEvent>(&s.current()))
        label += " (" + std::string(core::toString(over->outcome)) + ")";
    return label;
}

void Trainer::showAttempt(std::size_t attempt)
{
    if (attempt > m_attempts.size() || attempt == m_shownAttempt)
        return;
    m_shownAttempt = attempt;
    m_debrief.reset();
}

const scoring::Debrief& Trainer::debrief()
{
    if (!m_debrief)
        m_debrief = scoring::buildDebrief(shownSession(), m_analyser.get());
    return *m_debrief;
}

void Trainer::retry(std::size_t entry)
{
    if (!m_session)
        return;
    recordAttempt(); // normally recorded when its debrief was shown
    m_attempts.push_back(*m_session);
    while (m_session->canUndo() && m_session->transcript().size() > entry)
        m_session->undo();
    beginAttempt(); // the retried attempt is a session of its own, from now
    // Rebuild what the conversation screen shows from the transcript as it now stands, each
    // decision as it was shown when it was made.
    m_messages.clear();
    m_shownReports.clear();
    const auto& transcript = m_session->transcript();
    for (std::size_t i = 0; i < transcript.size(); ++i) {
        if (const auto* line = std::get_if<runtime::SpokenLine>(&transcript[i]))
            m_messages.push_back({Message::Kind::Line, line->speaker, line->text, {}});
        else if (runtime::decisionOf(transcript[i]))
            showTurn(scoring::shownDuringPlay(
                scoring::reportTurn(m_session->scenario(), transcript, i, m_analyser.get()), m_mode));
    }
    m_lastLine = transcript.size();
    m_revealIndex = static_cast<std::size_t>(-1);
    m_verdicts.clear();
    m_notice = "Retrying from this decision; your earlier attempt is kept in the debrief.";
    m_scrollToEnd = true;
    m_screen = Screen::Conversation;
}

// ---- settings -----------------------------------------------------------------------------------

core::Voice spokenVoice(const core::Voice& declared, float rate)
{
    core::Voice voice = declared;
    voice.rate = static_cast<int>(
        std::lround(static_cast<float>(declared.rate) * std::clamp(rate, kSlowestSpeech, kFastestSpeech)));
    return voice;
}

void Trainer::setSpeechVolume(int volume)
{
    m_settings.speechVolume = std::clamp(volume, 0, 100);
}

void Trainer::setSpeechRate(float rate)
{
    m_settings.speechRate = std::clamp(rate, kSlowestSpeech, kFastestSpeech);
}

void Trainer::openSettings()
{
    if (m_screen != Screen::Settings)
        m_beforeSettings = m_screen;
    m_screen = Screen::Settings;
}

void Trainer::setFontSize(float size)
{
    size = std::clamp(size, kSmallestFont, kLargestFont);
    if (size == m_settings.fontSize)
        return;
    m_settings.fontSize = size;
    m_fontChanged = true;
}

void Trainer::setDyslexiaFont(bool on)
{
    if (on == m_settings.dyslexiaFont)
        return;
    m_settings.dyslexiaFont = on;
    m_fontChanged = true;
}

void Trainer::setReduceMotion(bool on)
{
    m_settings.reduceMotion = on;
    if (on)
        revealAll();
}

void Trainer::setSelfVoicing(bool on)
{
    if (on == m_settings.selfVoicing)
        return;
    if (!on)
        voice("Self-voicing off.");
    m_settings.selfVoicing = on;
    if (on) {
        voice("Self-voicing on.");
        m_voicedScreen.reset(); // the screen is read next, then what has focus
        m_focused.clear();
    }
}

std::optional<std::pair<unsigned, unsigned>> Trainer::takeWindowSizeRequest()
{
    return std::exchange(m_windowSize, std::nullopt);
}

bool Trainer::takeFontChange()
{
    return std::exchange(m_fontChanged, false);
}

// ---- live reload --------------------------------------------------------------------------------

void Trainer::watchOpenScenario(const LibraryEntry* also)
{
    const auto& entry = m_library[m_selected];
    // The file itself even when it could not be read; an include that broke stays watched
    // through the last version that read it (`also`), so fixing it is seen too.
    std::vector<std::filesystem::path> files{std::filesystem::absolute(entry.file)};
    files.insert(files.end(), entry.sources.begin(), entry.sources.end());
    if (also)
        files.insert(files.end(), also->sources.begin(), also->sources.end());
    for (auto& file : files) {
        std::error_code ec; // a path the system cannot resolve is watched as written
        if (auto canonical = std::filesystem::weakly_canonical(file, ec); !ec)
            file = std::move(canonical);
    }
    m_watch.watch(std::move(files));
}

void Trainer::reload()
{
    if (underlyingScreen() == Screen::Library) {
        if (m_openWhenFixed && *m_openWhenFixed < m_library.size()) {
            // A file asked for at start that did not load: open it once it does.
            auto& entry = m_library[*m_openWhenFixed];
            if (auto fresh = loadEntry(entry.file))
                entry = std::move(*fresh);
            if (entry.scenario) {
                openScenario(*std::exchange(m_openWhenFixed, std::nullopt));
                m_notice = "Reloaded " + entry.file.filename().string() + ".";
            } else {
                watchOpenScenario();
            }
            return;
        }
        if (!m_libraryFolder.empty()) {
            m_library = scanLibrary(m_libraryFolder);
            m_curriculum = readCurriculum(m_libraryFolder, m_library);
        }
        return;
    }
    if (m_selected >= m_library.size())
        return;
    auto& entry = m_library[m_selected];
    const std::string name = entry.file.filename().string();
    auto fresh = loadEntry(entry.file);
    if (!fresh) {
        core::Diagnostics problem;
        problem.error({entry.file.generic_string(), 1, 1}, core::DiagnosticCode::MissingRequiredKey,
                      "the file has no 'scenario' section any more, so it is not a scenario");
        fresh = LibraryEntry{entry.file, nullptr, std::move(problem), {}};
    }
    if (!fresh->scenario) {
        const LibraryEntry broken = std::move(*fresh);
        watchOpenScenario(&broken);
        m_reloadProblems = broken.diagnostics;
        m_notice = "Your edit to " + name + " does not load (" +
                   std::to_string(broken.diagnostics.errorCount()) +
                   (broken.diagnostics.errorCount() == 1 ? " error" : " errors") +
                   "); the last version that loaded plays on. Fix it and save again.";
        return;
    }
    entry = std::move(*fresh);
    m_reloadProblems = {};
    watchOpenScenario();
    m_notice = "Reloaded " + name + ".";
    if (m_session)
        continueOnReloaded();
}

void Trainer::continueOnReloaded()
{
    const auto& scenario = m_library[m_selected].scenario;
    auto [analyser, error] = analyserFor(scenario->framework).get();
    runtime::SessionOptions options = m_session->options();
    options.analyser = analyser;
    auto restored = runtime::restoreSession(scenario, runtime::saveSession(*m_session), options);
    if (!restored.session) {
        m_notice +=
            " This conversation cannot go on in it (" +
            (restored.problems.empty() ? std::string("it no longer fits") : restored.problems.front()) +
            "), so it goes on in the version it started with; Esc, then Enter, starts the edit.";
        return;
    }
    m_analyser = std::move(analyser);
    m_session = std::move(*restored.session);
    m_debrief.reset();
    m_notice += " You are where you were.";
    // The line on screen shows the words as they are now written.
    const auto* line = std::get_if<runtime::LineEvent>(&m_session->current());
    if (line && m_lastLine == m_session->transcript().size() && m_revealIndex < m_messages.size() &&
        m_messages[m_revealIndex].kind == Message::Kind::Line) {
        m_messages[m_revealIndex].who = line->speakerName;
        m_messages[m_revealIndex].text = line->text;
    }
}

bool Trainer::openFile(const std::filesystem::path& file)
{
    std::error_code ec;
    const auto wanted = std::filesystem::weakly_canonical(file, ec);
    std::optional<std::size_t> index;
    for (std::size_t i = 0; i < m_library.size() && !index; ++i)
        if (std::filesystem::weakly_canonical(m_library[i].file, ec) == wanted)
            index = i;
    if (!index) {
        auto entry = loadEntry(file);
        if (!entry) {
            m_notice = file.string() + " is not a scenario: it has no 'scenario' section";
            return false;
        }
        m_library.push_back(std::move(*entry));
        index = m_library.size() - 1;
    }
    if (!m_library[*index].scenario) {
        // Listed with its errors on the library screen; watched, it opens once fixed.
        m_selected = *index;
        m_openWhenFixed = *index;
        watchOpenScenario();
        return false;
    }
    openScenario(*index);
    return true;
}

// ---- everywhere ---------------------------------------------------------------------------------

bool Trainer::press(TrainerKey key)
{
    if (key == TrainerKey::ZoomIn || key == TrainerKey::ZoomOut) {
        setFontSize(m_settings.fontSize + (key == TrainerKey::ZoomIn ? 2.0f : -2.0f));
        return true;
    }
    const bool confirm = key == TrainerKey::Space || key == TrainerKey::Enter;
    if (m_screen == Screen::Conversation && stopped()) {
        // Nothing more to play: Enter to the debrief of what was played (when there is one),
        // Esc to the library, as the screen's buttons say.
        if (key == TrainerKey::Enter) {
            if (!stoppedDebrief())
                return false; // no decision was made: nothing to debrief
            showDebrief();
            return true;
        }
        if (key == TrainerKey::Escape) {
            leaveToLibrary();
            return true;
        }
    }
    if (m_screen == Screen::Conversation && m_session && !typing()) {
        if (key >= TrainerKey::Option1 && key <= TrainerKey::Option9) {
            choose(static_cast<std::size_t>(key) - static_cast<std::size_t>(TrainerKey::Option1) + 1);
            return true;
        }
        if (confirm && revealing()) {
            revealAll(); // first press: the whole line
            return true;
        }
        if (confirm && advance())
            return true;
        if (key == TrainerKey::Enter && m_session->finished()) {
            showDebrief();
            return true;
        }
    }
    if (key == TrainerKey::F2) {
        openSettings();
        return true;
    }
    if (key == TrainerKey::SelfVoicing) {
        setSelfVoicing(!m_settings.selfVoicing);
        return true;
    }
    if (key == TrainerKey::Reload) {
        reload();
        return true;
    }
    if (key == TrainerKey::Escape) {
        back();
        return true;
    }
    if (m_screen == Screen::Briefing && key == TrainerKey::Enter) {
        start();
        return true;
    }
    return false;
}

Screen Trainer::underlyingScreen() const
{
    const Screen shown = m_screen == Screen::Settings ? m_beforeSettings : m_screen;
    return shown == Screen::Progress ? m_beforeProgress : shown;
}

void Trainer::back()
{
    if (m_screen == Screen::Conversation)
        recordAttempt(); // leaving the conversation ends it (start() begins a new one)
    m_screen = m_screen == Screen::Settings       ? m_beforeSettings
               : m_screen == Screen::Progress     ? m_beforeProgress
               : m_screen == Screen::Conversation ? Screen::Briefing
                                                  : Screen::Library;
    if (m_screen != Screen::Conversation)
        m_notice.clear(); // a notice belongs to the screen it was given on
    if (m_screen == Screen::Library) {
        m_watch.watch({}); // no scenario is open
        m_reloadProblems = {};
        m_openWhenFixed.reset();
    }
}

} // namespace sparring::trainer
