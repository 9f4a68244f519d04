#pragma once
// The desktop trainer as plain state, with no window in it: which screen is up, the library and
// its filters, the selected scenario and practice mode, the running session and the attempts kept
// for the debrief, the conversation's messages and how much of the newest line is revealed, what
// the trainee can press, and the settings. The desktop front end (engine/ui) draws it each frame
// and turns input into the calls below; tests drive it directly.
//
// Screens: library -> briefing -> conversation -> debrief, and settings over any of them; the
// trainee's progress (their KPIs and next drill) from the library or a debrief, and back.
// What a decision shows and what the debrief holds are the engine's values (scoring/Debrief.hpp);
// the model only keeps them in the order they were shown.

#include "progress/BackgroundKeeper.hpp"
#include "progress/Kpis.hpp"
#include "progress/NextDrill.hpp"
#include "progress/Recording.hpp"
#include "scoring/Analyser.hpp"
#include "scoring/Debrief.hpp"
#include "trainer/Library.hpp"
#include "trainer/SourceWatch.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sparring::trainer {

enum class Screen { Library, Briefing, Conversation, Debrief, Settings, Progress };

/// One block of the conversation as the trainee sees it.
struct Message {
    enum class Kind { Line, Answer, Feedback, Analysis, Panel };
    Kind kind = Kind::Line;
    std::string who; ///< the speaker, "You", or an expert and their verdict; "" for notes
    std::string text;
    /// Answer: byte spans of the words the analyser pointed at, highlighted on screen.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights;
    bool operator==(const Message&) const = default;
};

/// A character at the table or in the briefing's row of faces.
struct Seat {
    std::string name;
    std::string role;
    std::string image;      ///< portrait asset, e.g. "portraits/maya"
    std::string expression; ///< neutral, pleased, defensive, frustrated ("" neutral)
    bool speaking = false;
    bool chair = false;
    std::string verdict; ///< "agrees", "mixed", "disagrees" or empty
    std::string id;      ///< the character's id
    bool operator==(const Seat&) const = default;
};

/// Text speeds offered in the settings, in characters per second; 0 shows a line at once.
struct TextSpeed {
    const char* name;
    float charsPerSecond;
};
inline constexpr std::array<TextSpeed, 4> kTextSpeeds{
    {{"Slow", 25}, {"Normal", 50}, {"Fast", 100}, {"Instant", 0}}};

struct Settings {
    float fontSize = 18;
    float textSpeed = 50; ///< characters per second; 0 shows lines at once
    bool highContrast = false;
    /// Lines spoken aloud. Off unless the trainee turns it on, so that tests, demo scripts and
    /// a trainer on a shared floor stay silent until asked.
    bool speech = false;
    int speechVolume = 80;       ///< 0..100
    float speechRate = 1;        ///< times each character's declared words per minute
    bool speakMyAnswers = false; ///< the trainee's own answers are read too (by the narrator)
    // Accessibility (the Settings screen's section of that name).
    bool dyslexiaFont = false; ///< text in OpenDyslexic (Debian's fonts-opendyslexic), not the default font
    bool reduceMotion = false; ///< nothing moves: lines appear whole at once, whatever the text speed
    /// What has keyboard focus is read aloud as it changes, and the screen when it changes (V turns
    /// it on and off): for a trainee who cannot read the screen comfortably. Lines are spoken too.
    bool selfVoicing = false;
    bool operator==(const Settings&) const = default;
};
inline constexpr float kSlowestSpeech = 0.75f;
inline constexpr float kFastestSpeech = 1.5f;

/// Something to say now: the words, the voice to say them in (the speaker's declared voice at
/// the speed the settings ask for) and a number that grows with every request, so a front end
/// can tell a newer request from one it is already playing.
struct SpeechRequest {
    std::uint64_t id = 0;
    std::string text;
    core::Voice voice;
    bool operator==(const SpeechRequest&) const = default;
};

/// `declared` at `rate` times its words per minute (the rate clamped to the settings' range).
[[nodiscard]] core::Voice spokenVoice(const core::Voice& declared, float rate);
inline constexpr float kSmallestFont = 12;
inline constexpr float kLargestFont = 36;

/// Window sizes offered in the settings.
inline constexpr std::array<std::pair<unsigned, unsigned>, 3> kWindowSizes{
    {{1024, 700}, {1280, 800}, {1600, 1000}}};

/// The keys the trainer itself answers to (the front end maps its keyboard onto these).
enum class TrainerKey {
    Option1,
    Option2,
    Option3,
    Option4,
    Option5,
    Option6,
    Option7,
    Option8,
    Option9,
    Space,
    Enter,
    Escape,
    F2,
    ZoomIn,
    ZoomOut,
    Reload,
    SelfVoicing ///< V: self-voicing on or off
};

/// How often a watched scenario's files are looked at, in seconds of tick(): a save shows
/// within a second.
inline constexpr double kWatchInterval = 0.25;

/// The byte length of the first `count` characters (code points) of UTF-8 `text`.
[[nodiscard]] std::size_t prefixBytes(const std::string& text, std::size_t count);
/// Characters (code points) in UTF-8 `text`.
[[nodiscard]] std::size_t characterCount(const std::string& text);

class Trainer {
public:
    /// `models`: the scorer's trained models; without them typed answers are matched by their
    /// phrases only, and the conversation says so.
    Trainer(std::vector<LibraryEntry> library, std::filesystem::path models, Settings settings = {});
    /// A session still open is recorded as abandoned, and every recorded one is kept before the
    /// trainer is gone.
    ~Trainer();
    /// Moving hands over the keeper; the moved-from trainer records nothing.
    Trainer(Trainer&&) = default;
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;
    Trainer& operator=(Trainer&&) = delete;

    // ---- practice history ---------------------------------------------------------------------
    /// Records `trainee`'s sessions in the store at `location` (progress/Store.hpp), off the frame
    /// thread: a session when its debrief is first shown, or as abandoned when it is left (or the
    /// trainer closes) after at least one decision. Without this call nothing is recorded.
    void recordPractice(std::string location, std::string trainee);
    [[nodiscard]] const std::string& trainee() const { return m_trainee; }
    /// The trainee's KPIs from their stored sessions, once the keeper has read them (and again
    /// after each session it keeps); null before.
    [[nodiscard]] const progress::Kpis* kpis() const { return m_kpis ? &*m_kpis : nullptr; }
    /// What to practise next and why (progress/NextDrill.hpp), once the history is read.
    [[nodiscard]] const std::optional<progress::NextDrill>& nextDrill() const { return m_nextDrill; }
    /// The trainee finished `scenarioId` with a good outcome (the curriculum's done mark).
    [[nodiscard]] bool done(const std::string& scenarioId) const { return m_done.count(scenarioId) > 0; }
    /// Library or progress -> briefing of the next drill's scenario; false when there is none.
    bool openNextDrill();
    /// When the history behind kpis() was read (the KPIs are as of then); 0 before.
    [[nodiscard]] progress::Millis kpisAsOf() const { return m_kpisAsOf; }
    /// Library or debrief -> the progress screen (the KPIs and the next drill); back() returns
    /// to where it was opened. False, and nothing changes, from any other screen or when practice
    /// is not recorded (there is no history to show).
    bool openProgress();
    /// The trainees the store knows (and the current one), sorted: the Settings screen's picker.
    [[nodiscard]] const std::vector<std::string>& knownTrainees() const { return m_knownTrainees; }
    /// Practice is `name`'s from now on. A session in progress is recorded as the previous
    /// trainee's and ends (the screen it was on goes back to the briefing). A name
    /// progress::traineeNameProblem refuses becomes the notice, and nothing changes. False when it
    /// was refused or practice is not recorded.
    bool switchTrainee(const std::string& name);

    [[nodiscard]] Screen screen() const { return m_screen; }

    // ---- library ------------------------------------------------------------------------------
    [[nodiscard]] const std::vector<LibraryEntry>& library() const { return m_library; }
    [[nodiscard]] const LibraryFilter& filter() const { return m_filter; }
    void setFilter(LibraryFilter filter) { m_filter = std::move(filter); }
    /// The playable entries the filter lets through, on the curriculum's tracks (arrangeShelves).
    [[nodiscard]] std::vector<Shelf> shelves() const;
    /// Indices of the playable entries the filter lets through, in the order the shelves show them.
    [[nodiscard]] std::vector<std::size_t> visibleScenarios() const;
    /// The curriculum's problems (a broken curriculum.yaml, a track naming no scenario...).
    [[nodiscard]] const core::Diagnostics& curriculumProblems() const { return m_curriculum.diagnostics; }
    /// Entries that cannot be played until they are fixed.
    [[nodiscard]] std::vector<std::size_t> brokenScenarios() const;
    /// Library -> briefing of entry `index` (a playable one).
    void openScenario(std::size_t index);

    // ---- briefing -----------------------------------------------------------------------------
    [[nodiscard]] const core::Scenario* selectedScenario() const;
    [[nodiscard]] scoring::FeedbackMode mode() const { return m_mode; }
    void setMode(scoring::FeedbackMode mode) { m_mode = mode; }
    /// The cast's faces for the briefing: neutral, the chair first, at most eight.
    [[nodiscard]] std::vector<Seat> briefingSeats() const;
    /// Starts a session on the selected scenario: briefing -> conversation.
    void start();

    // ---- conversation -------------------------------------------------------------------------
    [[nodiscard]] const runtime::Session* session() const { return m_session ? &*m_session : nullptr; }
    [[nodiscard]] const std::vector<Message>& messages() const { return m_messages; }
    /// The engine's report of each decision of the current attempt, as shown when it was made
    /// (the messages are drawn from these).
    [[nodiscard]] const std::vector<scoring::TurnReport>& shownReports() const { return m_shownReports; }
    /// Why the last answer was refused, that the scorer is missing, a retry, a write that failed.
    [[nodiscard]] const std::string& notice() const { return m_notice; }
    /// Message `index` as far as it is revealed now.
    [[nodiscard]] std::string shownText(std::size_t index) const;
    /// The newest line is still appearing.
    [[nodiscard]] bool revealing() const;
    void revealAll();
    /// Time passes: the newest line reveals further at the text speed.
    void tick(double seconds);
    /// At a line, after it is revealed: on to what follows. False when there is no line to leave.
    bool advance();
    /// At a choice: option `number` (1-based). A refusal becomes the notice.
    void choose(std::size_t number);
    /// At a prompt: the trainee's own words.
    void respond(const std::string& text);
    /// A free-text box is waiting for the trainee's words (keys then type rather than act).
    [[nodiscard]] bool typing() const;
    /// The seats of the stage: the cast, each with their mood's expression, or their verdict on
    /// the last answer until the conversation goes on.
    [[nodiscard]] std::vector<Seat> stageSeats() const;
    /// Why the session stopped before an ending, when it did: the scenario went round without a
    /// decision (runtime::Session::stopped: "the scenario loops between 'a' and 'b' without a
    /// decision: stopped after 10000 steps"). The conversation screen then shows this instead of
    /// the event: the conversation so far stays, and it offers the way out (stoppedDebrief(),
    /// leaveToLibrary()); Enter opens the debrief when there is one, Esc the library.
    [[nodiscard]] const std::optional<std::string>& stopped() const;
    /// A stopped session has a debrief worth showing: the trainee made at least one decision.
    [[nodiscard]] bool stoppedDebrief() const;
    /// Any screen -> the library, the open scenario closed.
    void leaveToLibrary();
    /// The view should scroll the conversation to its end (asked once per change).
    [[nodiscard]] bool takeScrollRequest();

    // ---- debrief ------------------------------------------------------------------------------
    /// Conversation (at its end) -> debrief; the session's transcript is written when asked to.
    void showDebrief();
    /// Finished attempts the trainee retried from, then this one: attempts() + 1 to choose from.
    [[nodiscard]] std::size_t attempts() const { return m_attempts.size(); }
    [[nodiscard]] std::size_t shownAttempt() const { return m_shownAttempt; }
    /// "Attempt 1 (poor)", "This attempt (good)".
    [[nodiscard]] std::string attemptLabel(std::size_t attempt) const;
    void showAttempt(std::size_t attempt);
    /// The shown attempt is the current one (retry is offered on it).
    [[nodiscard]] bool showingCurrentAttempt() const { return m_shownAttempt >= m_attempts.size(); }
    /// The shown attempt's debrief, built once per attempt shown.
    [[nodiscard]] const scoring::Debrief& debrief();
    /// Goes back to just before the decision at transcript entry `entry`, keeping the finished
    /// attempt for the debrief.
    void retry(std::size_t entry);

    // ---- settings -----------------------------------------------------------------------------
    [[nodiscard]] const Settings& settings() const { return m_settings; }
    void openSettings();
    void setFontSize(float size);
    void setTextSpeed(float charsPerSecond) { m_settings.textSpeed = charsPerSecond; }
    void setHighContrast(bool on) { m_settings.highContrast = on; }
    void requestWindowSize(unsigned width, unsigned height) { m_windowSize = std::pair{width, height}; }
    /// A window size the trainee asked for, once.
    [[nodiscard]] std::optional<std::pair<unsigned, unsigned>> takeWindowSizeRequest();
    /// The font size changed since last asked.
    [[nodiscard]] bool takeFontChange();
    void setSpeech(bool on) { m_settings.speech = on; }
    void setSpeechVolume(int volume);
    void setSpeechRate(float rate);
    void setSpeakMyAnswers(bool on) { m_settings.speakMyAnswers = on; }
    /// The font changes (takeFontChange() says so to the front end).
    void setDyslexiaFont(bool on);
    /// On: the line being revealed shows whole at once, and later lines appear whole.
    void setReduceMotion(bool on);
    /// Says "Self-voicing on" (then what is on screen) or "Self-voicing off", in the narrator's voice.
    void setSelfVoicing(bool on);
    /// Why the settings file could not be read or written, for the Settings screen; empty when fine.
    void noteSettingsProblems(std::vector<std::string> problems) { m_settingsProblems = std::move(problems); }
    [[nodiscard]] const std::vector<std::string>& settingsProblems() const { return m_settingsProblems; }

    // ---- speech -------------------------------------------------------------------------------
    /// What is to be said since the last call, in order: a line as it starts to appear, spoken by
    /// its speaker's declared voice (a line without a speaker by voice::kNarratorVoice), and,
    /// with speakMyAnswers, the trainee's answer (by the narrator) before the line that follows
    /// it. Empty while speech is off. A front end that plays them stops what it was saying when a
    /// new batch comes: the conversation has moved on.
    [[nodiscard]] std::vector<SpeechRequest> takeSpeechRequests();
    /// Speech could not be played (no audio device, no voice data): said once, as the notice,
    /// and kept for the settings screen; the session goes on silently. Later problems are not
    /// said again.
    void noteSpeechProblem(const std::string& problem);
    [[nodiscard]] const std::string& speechProblem() const { return m_speechProblem; }

    // ---- self-voicing -------------------------------------------------------------------------
    /// The front end says, every frame, what has keyboard focus in words ("Start (Enter), button",
    /// "Option 2: Ask what she heard", "Speak the lines, checkbox, off"), or "" when nothing has.
    /// With self-voicing on, a change of screen reads describeScreen() and a change of focus
    /// reads the focused control, in the narrator's voice.
    void noteFocus(const std::string& focused);
    /// The current screen in words, for a trainee who cannot see it: where they are, what is
    /// said or asked now (the line and its speaker, the options) and the keys that act.
    [[nodiscard]] std::string describeScreen() const;

    // ---- live reload (for authors) -------------------------------------------------------------
    /// Watch the open scenario's file and its includes, and reload it when one is saved.
    void setWatching(bool on) { m_watching = on; }
    [[nodiscard]] bool watching() const { return m_watching; }
    /// Where the library came from, so a reload on the library screen finds new files too.
    /// Reads the folder's curriculum (curriculum.yaml) too.
    void setLibraryFolder(std::filesystem::path folder);
    /// Reads the open scenario and its includes again (Reload, F5; or a watched save). When it
    /// loads, the conversation goes on from where it was if the nodes it stands on still exist
    /// (restored by ids, as a save is), and the line on screen shows its new words; when it does
    /// not load, its diagnostics are kept for the screen and the last good version plays on. On
    /// the library screen: the whole library is read again.
    void reload();
    /// Why the last reload of the open scenario did not load (file:line:col diagnostics); empty
    /// once it loads again.
    [[nodiscard]] const core::Diagnostics& reloadProblems() const { return m_reloadProblems; }
    /// Opens the briefing of the scenario in `file`: its library entry, or the file loaded and
    /// added to the library. False, with the reason as the notice, when it is not a scenario;
    /// a scenario with errors stays on the library screen's list of broken files, and is opened
    /// by the reload that finds it fixed (a watched save, or F5).
    bool openFile(const std::filesystem::path& file);

    // ---- everywhere ---------------------------------------------------------------------------
    /// A key the trainer answers to. Returns true when it did something with it.
    bool press(TrainerKey key);
    /// Esc: settings and progress -> where they were opened; conversation -> briefing; otherwise
    /// -> library.
    void back();
    /// Where each finished session's transcript is written (JSON), if anywhere.
    void setTranscriptPath(std::filesystem::path path) { m_transcriptPath = std::move(path); }
    /// Portraits that could not be drawn, to say so on the conversation screen.
    void noteAssetProblems(std::vector<std::string> problems) { m_assetProblems = std::move(problems); }
    [[nodiscard]] const std::vector<std::string>& assetProblems() const { return m_assetProblems; }

private:
    void noteLine();
    /// Queues `text` for speech in `declared` (at the settings' speed) when speech is on.
    void say(const std::string& text, const core::Voice& declared);
    void afterAnswer(const runtime::Answer& answer);
    void showTurn(const scoring::TurnReport& report);
    [[nodiscard]] const runtime::Session& shownSession() const;
    /// Hands the current attempt to the keeper, once, if it is practice.
    void recordAttempt();
    /// A new attempt begins now (start, retry).
    void beginAttempt();

    std::vector<LibraryEntry> m_library;
    std::filesystem::path m_models;
    Settings m_settings;
    Screen m_screen = Screen::Library;
    Screen m_beforeSettings = Screen::Library;
    Screen m_beforeProgress = Screen::Library;
    LibraryFilter m_filter;
    std::size_t m_selected = 0;
    scoring::FeedbackMode m_mode = scoring::FeedbackMode::Practice;
    std::shared_ptr<const scoring::Analyser> m_analyser;
    std::optional<runtime::Session> m_session;
    std::vector<runtime::Session> m_attempts; ///< finished attempts the trainee retried from
    std::size_t m_shownAttempt =
        0; ///< the debrief's attempt: an index into m_attempts, or its size for this one
    std::optional<scoring::Debrief> m_debrief;
    std::vector<Message> m_messages;
    std::vector<scoring::TurnReport> m_shownReports;
    std::size_t m_lastLine = static_cast<std::size_t>(-1); ///< transcript size when the newest line was noted
    std::size_t m_revealIndex = static_cast<std::size_t>(-1); ///< the message being revealed
    double m_revealed = 0;                                    ///< its characters shown so far
    std::map<std::string, scoring::Verdict>
        m_verdicts; ///< the panel's verdicts on the last answer, by expert id
    std::string m_notice;
    bool m_scrollToEnd = false;
    bool m_fontChanged = false;
    std::optional<std::pair<unsigned, unsigned>> m_windowSize;
    std::filesystem::path m_transcriptPath;
    std::vector<std::string> m_assetProblems;
    bool m_watching = false;
    SourceWatch m_watch;       ///< the open scenario's files; empty on the library screen
    double m_sinceWatched = 0; ///< seconds of tick() since the files were last looked at
    core::Diagnostics m_reloadProblems;
    std::filesystem::path m_libraryFolder;
    LibraryCurriculum m_curriculum;             ///< the library folder's tracks; none without a folder
    std::optional<std::size_t> m_openWhenFixed; ///< openFile's entry, broken: opened once it loads
    std::unique_ptr<progress::BackgroundKeeper> m_keeper; ///< null: practice is not recorded
    std::string m_trainee;
    progress::SessionContext m_attempt; ///< the current attempt's id and start
    bool m_attemptRecorded = false;
    std::optional<progress::Kpis> m_kpis;
    progress::Millis m_kpisAsOf = 0;
    std::optional<progress::NextDrill> m_nextDrill;
    std::set<std::string> m_done;
    std::vector<std::string> m_knownTrainees;
    std::vector<SpeechRequest> m_speech; ///< requests not yet taken by the front end
    std::uint64_t m_lastSpeechId = 0;
    std::string m_speechProblem;
    std::vector<std::string> m_settingsProblems;
    std::string m_focused;                ///< what had focus at the last noteFocus()
    std::optional<Screen> m_voicedScreen; ///< the screen at the last noteFocus()
    std::size_t m_voicedMoment = 0;       ///< the conversation's moment then (SelfVoicing.cpp)
    /// Queues `text` in the narrator's voice while self-voicing is on (speech setting or not).
    void voice(const std::string& text);
    /// The scorer for `framework`: loading its models takes tens of milliseconds, so it is made on
    /// another thread ahead of need (for the library's first scenario when the trainer opens, for
    /// a scenario when its briefing opens) and kept for the next scenario with an equal framework.
    [[nodiscard]] std::shared_future<scoring::AnalyserOrError> analyserFor(const core::Framework& framework);
    struct PreparedAnalyser {
        core::Framework framework;
        std::shared_future<scoring::AnalyserOrError> analyser;
    };
    std::vector<PreparedAnalyser> m_analysers; ///< newest last; a few at most
    /// Takes a history the keeper has read: the KPIs, the next drill and the done marks.
    void takeHistory();
    /// The screen under settings and progress: the one Esc finally returns to.
    [[nodiscard]] Screen underlyingScreen() const;
    void watchOpenScenario(const LibraryEntry* also = nullptr);
    void continueOnReloaded();
};

} // namespace sparring::trainer
