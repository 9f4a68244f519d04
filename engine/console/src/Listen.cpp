#include "console/Listen.hpp"

#include "runtime/Session.hpp"
#include "scoring/Debrief.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace sparring::console {

namespace {

using runtime::ChoiceEvent;
using runtime::EndEvent;
using runtime::LineEvent;
using runtime::PromptEvent;

int total(const core::Consequence& then)
{
    return std::accumulate(then.evidence.begin(), then.evidence.end(), 0,
                           [](int sum, const auto& e) { return sum + e.amount; });
}

/// Text as one caption line: runs of white space (newlines included) become one space.
std::string oneLine(std::string_view text)
{
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

/// The presented number of the expert's option: the available one whose authored evidence adds
/// up highest (the first such, as presented).
std::size_t expertChoice(const runtime::Session& session, const ChoiceEvent& event)
{
    const auto& scenario = session.scenario();
    const auto node = scenario.findNode(event.nodeId);
    const auto* choice = node ? std::get_if<core::ChoiceNode>(&scenario.nodes[*node].body) : nullptr;
    std::size_t best = 0;
    int bestTotal = 0;
    for (const auto& view : event.options) {
        if (!view.available)
            continue;
        int amount = 0;
        if (choice != nullptr)
            for (const auto& option : choice->options)
                if (session.render(option.text) == view.text)
                    amount = total(option.then);
        if (best == 0 || amount > bestTotal) {
            best = view.number;
            bestTotal = amount;
        }
    }
    return best;
}

/// The expert's route at a prompt (the one whose evidence adds up highest) and the model answer.
std::pair<std::string, std::string> expertResponse(const runtime::Session& session, const PromptEvent& event)
{
    const auto& scenario = session.scenario();
    const auto node = scenario.findNode(event.nodeId);
    const auto* respond = node ? std::get_if<core::RespondNode>(&scenario.nodes[*node].body) : nullptr;
    if (respond == nullptr || respond->routes.empty())
        return {"", respond != nullptr ? respond->modelAnswer : ""};
    const core::Route* best = &respond->routes.front();
    for (const auto& route : respond->routes)
        if (total(route.then) > total(best->then))
            best = &route;
    return {best->label, respond->modelAnswer.empty() ? best->label : respond->modelAnswer};
}

std::string timestamp(double seconds)
{
    const auto millis = static_cast<long long>(std::llround(seconds * 1000));
    char text[32];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld.%03lld", millis / 3'600'000, millis / 60'000 % 60,
                  millis / 1000 % 60, millis % 1000);
    return text;
}

/// WebVTT cue text: '&', '<' and '>' are markup there.
std::string escaped(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else
            out += c;
    }
    return out;
}

} // namespace

CueList sessionCues(const std::shared_ptr<const core::Scenario>& scenario, std::uint64_t seed,
                    const std::optional<std::vector<std::string>>& answers,
                    const std::shared_ptr<const scoring::Analyser>& analyser)
{
    runtime::SessionOptions options;
    options.seed = seed;
    options.keepHistory = false;
    options.analyser = analyser;
    runtime::Session session(scenario, options);
    CueList out;
    std::size_t nextAnswer = 0;
    const auto say = [&](std::string speaker, std::string_view text, core::Voice voice) {
        if (auto line = oneLine(text); !line.empty())
            out.cues.push_back({std::move(speaker), std::move(line), std::move(voice)});
    };
    while (!session.finished()) {
        const auto& event = session.current();
        if (const auto* line = std::get_if<LineEvent>(&event)) {
            say(line->speakerName.empty() ? kNarratorSpeaker : line->speakerName, line->text,
                voice::voiceOf(*scenario, line->speakerId));
            session.next();
            continue;
        }
        runtime::Answer answer;
        std::string said;
        if (answers && nextAnswer >= answers->size()) {
            out.problem =
                "the answers ran out after " + std::to_string(nextAnswer) + ", before the scenario ended";
            return out;
        }
        if (const auto* choice = std::get_if<ChoiceEvent>(&event)) {
            std::size_t number = 0;
            if (answers) {
                const auto& given = (*answers)[nextAnswer];
                const auto [end, problem] =
                    std::from_chars(given.data(), given.data() + given.size(), number);
                if (problem != std::errc() || end != given.data() + given.size())
                    number = 0;
            } else {
                number = expertChoice(session, *choice);
            }
            for (const auto& view : choice->options)
                if (view.number == number)
                    said = view.text;
            answer = session.choose(number);
        } else if (const auto* prompt = std::get_if<PromptEvent>(&event)) {
            if (answers) {
                said = (*answers)[nextAnswer];
                answer = session.respond(said);
            } else {
                const auto [route, modelAnswer] = expertResponse(session, *prompt);
                said = modelAnswer;
                answer = route.empty() ? session.respond(said) : session.respondByRoute(route);
            }
        }
        if (!answer.accepted()) {
            out.problem = "answer " + std::to_string(nextAnswer + 1) + " was refused: " + answer.refused;
            return out;
        }
        ++nextAnswer;
        say(kManagerSpeaker, said, voice::kNarratorVoice);
        if (const auto report = scoring::reportLatestDecision(session, analyser.get()))
            for (const auto& reaction : report->reactions)
                say(reaction.expertName, reaction.line, voice::voiceOf(*scenario, reaction.expertId));
    }
    if (const auto* end = std::get_if<EndEvent>(&session.current()); end != nullptr && !end->title.empty())
        say(kNarratorSpeaker, end->title, voice::kNarratorVoice);
    if (const auto& stopped = session.stopped())
        out.problem = *stopped;
    return out;
}

Episode renderEpisode(const std::vector<Cue>& cues, const voice::Synthesizer& synthesizer)
{
    Episode episode;
    episode.audio.sampleRate = synthesizer.sampleRate();
    for (const auto& cue : cues) {
        voice::Audio spoken;
        try {
            spoken = synthesizer.speak(cue.text, cue.voice);
        } catch (const voice::VoiceError& e) {
            throw voice::VoiceError(cue.speaker + ": " + e.what());
        }
        const double start = episode.audio.seconds();
        episode.audio.append(spoken);
        episode.cues.push_back({cue, start, episode.audio.seconds()});
        episode.audio.appendSilence(kPauseSeconds);
    }
    return episode;
}

std::string webVtt(const std::vector<CueTiming>& cues)
{
    std::string out = "WEBVTT\n";
    for (std::size_t i = 0; i < cues.size(); ++i) {
        const auto& c = cues[i];
        out += "\n" + std::to_string(i + 1) + "\n" + timestamp(c.start) + " --> " + timestamp(c.end) +
               "\n<v " + escaped(c.cue.speaker) + ">" + escaped(c.cue.text) + "\n";
    }
    return out;
}

} // namespace sparring::console
