#include "runtime/Session.hpp"

#include "Quoting.hpp"

#include "core/Labels.hpp"
#include "core/Lexicon.hpp"

#include "core/Limits.hpp"
#include "core/Saturating.hpp"

#include <algorithm>
#include <array>
#include <cassert>

namespace sparring::runtime {

using namespace core;

namespace {

std::vector<std::string> commitmentIds(const Scenario& scenario, const std::vector<std::size_t>& commits)
{
    std::vector<std::string> out;
    out.reserve(commits.size());
    for (const auto c : commits)
        out.push_back(scenario.commitments[c].id);
    return out;
}

std::vector<EvidenceItem> evidenceItems(const Scenario& scenario, const std::vector<Evidence>& evidence)
{
    std::vector<EvidenceItem> out;
    out.reserve(evidence.size());
    for (const auto& e : evidence)
        out.push_back({scenario.framework.principles[e.principle].id, e.amount});
    return out;
}

/// Whether the phrase lists of a route's match hold for the answer: one of `any`, all of `all`,
/// none of `none`, each found by core's phrase rule (stems in order, punctuation between).
bool phrasesMatch(const ResponseMatch& match, const Segmented& answer, TextSegmenter& segmenter)
{
    const auto has = [&](const std::string& phrase) {
        return containsPhrase(answer, phraseStems(segmenter, phrase));
    };
    if (!match.any.empty() && std::none_of(match.any.begin(), match.any.end(), has))
        return false;
    if (!std::all_of(match.all.begin(), match.all.end(), has))
        return false;
    return std::none_of(match.none.begin(), match.none.end(), has);
}

} // namespace

const Decision* decisionOf(const TranscriptEntry& entry)
{
    if (const auto* picked = std::get_if<PickedOption>(&entry))
        return picked;
    return std::get_if<TypedAnswer>(&entry);
}

std::size_t countDecisions(const std::vector<TranscriptEntry>& transcript)
{
    return static_cast<std::size_t>(
        std::count_if(transcript.begin(), transcript.end(),
                      [](const TranscriptEntry& e) { return decisionOf(e) != nullptr; }));
}

const std::string& nodeIdOf(const TranscriptEntry& entry)
{
    return std::visit([](const auto& e) -> const std::string& { return e.nodeId; }, entry);
}

std::string_view kindName(const TranscriptEntry& entry)
{
    static constexpr std::array<std::string_view, std::variant_size_v<TranscriptEntry>> kNames{
        "line", "choice", "response", "end"};
    return kNames[entry.index()];
}

Session::Session(std::shared_ptr<const Scenario> scenario, SessionOptions options)
    : m_scenario(std::move(scenario)), m_options(std::move(options))
{
    assert(m_scenario && !m_scenario->nodes.empty());
    m_steps = m_scenario->steps ? m_scenario->steps
                                : std::make_shared<const StepProgram>(StepProgram::compile(*m_scenario));
    reseed();
    for (const auto& v : m_scenario->variables)
        m_state.variables.push_back(v.initial);
    m_state.visits.assign(m_scenario->nodes.size(), 0);
    m_state.moods.assign(m_scenario->cast.size(), std::string());
    m_state.scores.assign(m_scenario->framework.principles.size(), 0);
    enter(m_scenario->start);
    settle();
}

Session Session::fromParts(std::shared_ptr<const Scenario> scenario, SessionOptions options,
                           SessionState state, std::vector<SessionState> history,
                           std::vector<TranscriptEntry> transcript, bool reoffer)
{
    Session session(std::move(scenario), std::move(options));
    session.m_state = std::move(state);
    session.m_transcript = std::move(transcript);
    session.m_decisions = countDecisions(session.m_transcript);
    session.m_stepsSinceDecision = 0;
    session.m_stopped.reset();
    // Scores are the evidence of the decisions recorded before each state: the transcript says it.
    const auto scoresBefore = [&](std::size_t entries) {
        std::vector<std::int64_t> scores(session.m_scenario->framework.principles.size(), 0);
        for (std::size_t i = 0; i < entries && i < session.m_transcript.size(); ++i)
            if (const auto* decision = decisionOf(session.m_transcript[i]))
                for (const auto& e : decision->evidence)
                    if (const auto p = session.m_scenario->findPrinciple(e.principle))
                        scores[*p] = saturating::saturatingAdd(scores[*p], e.amount);
        return scores;
    };
    session.m_state.scores = scoresBefore(session.m_state.transcriptSize);
    for (auto& earlier : history)
        earlier.scores = scoresBefore(earlier.transcriptSize);
    session.m_history = UndoHistory::fromStates(history);
    session.reseed();
    if (reoffer && session.m_steps->node(session.m_state.cursor).kind == StepProgram::Kind::Choice)
        session.offerChoice();
    session.m_eventStale = true;
    return session;
}

void Session::reseed()
{
    m_rng.seed(m_options.seed);
    m_rng.discard(m_state.draws);
}

std::int64_t Session::random(std::int64_t lo, std::int64_t hi)
{
    ++m_state.draws;
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    const std::uint64_t draw = m_rng();
    // span == 0 means the full 64-bit range; modulo bias is irrelevant for dialogue dice.
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + (span == 0 ? draw : draw % span));
}

const Value& Session::value(std::string_view name) const
{
    const auto slot = m_scenario->findVariable(name);
    assert(slot && "no such variable");
    return m_state.variables[*slot];
}

void Session::enter(std::size_t node)
{
    // Lines and branches that lead round without a decision: a front end moving on through
    // lines by itself would go round for ever. Stop where the session stands, and say where.
    if (++m_stepsSinceDecision > limits::maxStepsBetweenDecisions) {
        const std::string& here = m_scenario->nodes[m_state.cursor].id;
        const std::string& there = m_scenario->nodes[node].id;
        m_stopped =
            "the scenario loops " +
            (here == there ? "through '" + here + "'" : "between '" + here + "' and '" + there + "'") +
            " without a decision: stopped after " + std::to_string(limits::maxStepsBetweenDecisions) +
            " steps";
        m_eventStale = true;
        return;
    }
    m_state.cursor = node;
    ++m_state.visits[node];
    const auto& entry = m_steps->node(node);
    if (entry.kind != StepProgram::Kind::Line)
        return;
    if (entry.effects != StepProgram::none) {
        auto state = machine();
        m_steps->run(entry.effects, state);
    }
    if (entry.flags & StepProgram::HasMood) {
        const auto& line = std::get<LineNode>(m_scenario->nodes[node].body);
        m_state.moods[line.speaker] = line.mood;
    }
}

void Session::settle()
{
    // Branches decide by themselves; stop at the first node that needs the trainee.
    for (;;) {
        if (m_stopped)
            return;
        const auto& entry = m_steps->node(m_state.cursor);
        if (entry.kind != StepProgram::Kind::Branch)
            break;
        std::size_t to = entry.next;
        auto state = machine();
        for (std::size_t k = 0; k < entry.count; ++k) {
            const auto& c = m_steps->option(entry.first + k);
            if (m_steps->test(c.condition, state)) {
                to = c.target;
                break;
            }
        }
        enter(to);
    }
    if (m_steps->node(m_state.cursor).kind == StepProgram::Kind::Choice)
        offerChoice();
    else {
        m_state.offered.clear();
        m_state.offeredAvailable.clear();
    }
    if (!m_options.recordTranscript) {
        m_eventStale = true;
        return; // headless: nothing to record
    }
    const Node& node = m_scenario->nodes[m_state.cursor];
    if (const auto* end = std::get_if<EndNode>(&node.body))
        m_transcript.emplace_back(Ending{node.id, end->outcome, end->title});
    else if (const auto* line = std::get_if<LineNode>(&node.body))
        m_transcript.emplace_back(
            SpokenLine{node.id, m_scenario->cast[line->speaker].name, render(line->text)});
    m_state.transcriptSize = m_transcript.size();
    m_eventStale = true;
}

void Session::offerChoice()
{
    const std::size_t node = m_state.cursor;
    const auto& entry = m_steps->node(node);
    assert(entry.count <= limits::maxOptions && "the loader refuses larger choices (SP0013)");
    std::array<std::uint8_t, limits::maxOptions> order{};
    for (std::size_t i = 0; i < entry.count; ++i)
        order[i] = static_cast<std::uint8_t>(i);
    if (entry.flags & StepProgram::Shuffle)
        for (std::size_t i = entry.count; i > 1; --i) // Fisher-Yates with the session's draws
            std::swap(order[i - 1],
                      order[static_cast<std::size_t>(random(0, static_cast<std::int64_t>(i - 1)))]);
    m_state.offered.clear();
    m_state.offeredAvailable.clear();
    bool anyAvailable = false;
    auto state = machine();
    for (std::size_t k = 0; k < entry.count; ++k) {
        const std::size_t index = order[k];
        const auto& option = m_steps->option(entry.first + index);
        if ((option.flags & StepProgram::Once) &&
            std::binary_search(m_state.onceUsed.begin(), m_state.onceUsed.end(), std::pair{node, index}))
            continue; // used up: once-only options disappear
        const bool available = m_steps->test(option.condition, state);
        if (!available && !(option.flags & StepProgram::HasReason))
            continue; // hidden
        m_state.offered.push_back(index);
        m_state.offeredAvailable.push_back(available ? 1 : 0);
        anyAvailable = anyAvailable || available;
    }
    if (!anyAvailable && (entry.flags & StepProgram::HasFallback)) {
        // Nothing can be picked: the fallback is offered as the way on (index past the options).
        m_state.offered.push_back(entry.count);
        m_state.offeredAvailable.push_back(1);
    }
}

const Event& Session::current() const
{
    if (m_eventStale) {
        buildEvent();
        m_eventStale = false;
    }
    return m_event;
}

bool Session::finished() const
{
    return m_stopped || m_steps->node(m_state.cursor).kind == StepProgram::Kind::End;
}

void Session::buildEvent() const
{
    const Node& node = m_scenario->nodes[m_state.cursor];
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, LineNode>) {
                const Character& speaker = m_scenario->cast[body.speaker];
                m_event = LineEvent{node.id, speaker.id, speaker.name, render(body.text),
                                    m_state.moods[body.speaker]};
            } else if constexpr (std::is_same_v<T, ChoiceNode>) {
                ChoiceEvent event{node.id, render(body.prompt), {}};
                for (std::size_t k = 0; k < m_state.offered.size(); ++k) {
                    const std::size_t index = m_state.offered[k];
                    const Option& option = index < body.options.size() ? body.options[index] : *body.fallback;
                    const bool available = m_state.offeredAvailable[k] != 0;
                    event.options.push_back(
                        {k + 1, render(option.text), available,
                         available ? std::string() : option.unavailableReason.value_or("")});
                }
                m_event = std::move(event);
            } else if constexpr (std::is_same_v<T, RespondNode>) {
                PromptEvent event{node.id, {}, {}, render(body.prompt)};
                if (body.speaker) {
                    event.speakerId = m_scenario->cast[*body.speaker].id;
                    event.speakerName = m_scenario->cast[*body.speaker].name;
                }
                m_event = std::move(event);
            } else if constexpr (std::is_same_v<T, EndNode>) {
                m_event = EndEvent{node.id, body.outcome, body.title, render(body.debrief)};
            }
        },
        node.body);
}

std::string Session::render(const TextTemplate& text) const
{
    if (text.parts.size() == 1 && !text.parts[0].variable && !text.parts[0].builtin)
        return text.parts[0].literal;
    std::string out;
    for (const auto& part : text.parts) {
        if (part.variable)
            out += toDisplayString(m_state.variables[*part.variable]);
        else if (part.builtin == BuiltinText::Said)
            out += latestSaid();
        else if (part.builtin == BuiltinText::Recap)
            out += recapOf(*m_scenario, m_transcript);
        else
            out += part.literal;
    }
    return out;
}

bool Session::next()
{
    const auto& entry = m_steps->node(m_state.cursor);
    if (entry.kind != StepProgram::Kind::Line || m_stopped)
        return false;
    enter(entry.next);
    settle();
    return true;
}

void Session::pushHistory()
{
    if (m_options.keepHistory)
        m_history.push(m_state);
}

Answer Session::choose(std::size_t number)
{
    const Node& node = m_scenario->nodes[m_state.cursor];
    const auto* choice = std::get_if<ChoiceNode>(&node.body);
    if (!choice)
        return {std::nullopt, "there is no choice to make now"};
    if (number < 1 || number > m_state.offered.size())
        return {std::nullopt, "choose a number from 1 to " + std::to_string(m_state.offered.size())};
    const Option* picked = &offeredOption(*choice, number);
    if (!m_state.offeredAvailable[number - 1])
        return {std::nullopt, "option " + std::to_string(number) +
                                  " is not available: " + picked->unavailableReason.value_or("")};
    pushHistory();
    // Described before it takes effect: the option's text renders with the values it was offered with.
    TurnResult result;
    result.nodeId = node.id;
    result.answer = render(picked->text);
    result.feedback = picked->then.feedback;
    result.evidence = evidenceItems(*m_scenario, picked->then.evidence);
    if (m_options.recordTranscript)
        recordChoice(number, result.answer, *picked);
    advance(number);
    return {std::move(result), {}};
}

const Option& Session::offeredOption(const ChoiceNode& choice, std::size_t number) const
{
    // The fallback is offered with the index past the options.
    const std::size_t optionIndex = m_state.offered[number - 1];
    return optionIndex == choice.options.size() ? *choice.fallback : choice.options[optionIndex];
}

bool Session::pick(std::size_t number)
{
    if (m_steps->node(m_state.cursor).kind != StepProgram::Kind::Choice || number < 1 ||
        number > m_state.offered.size() || !m_state.offeredAvailable[number - 1])
        return false;
    pushHistory();
    if (m_options.recordTranscript) {
        // The same record as choose()'s: a transcript never depends on which was called.
        const Option& picked =
            offeredOption(std::get<ChoiceNode>(m_scenario->nodes[m_state.cursor].body), number);
        recordChoice(number, render(picked.text), picked);
    }
    advance(number);
    return true;
}

std::string Session::latestSaid() const
{
    for (auto it = m_transcript.rbegin(); it != m_transcript.rend(); ++it)
        if (const auto* decision = decisionOf(*it))
            return decision->said;
    return {};
}

void Session::recordChoice(std::size_t number, std::string text, const Option& picked)
{
    PickedOption entry;
    entry.nodeId = m_scenario->nodes[m_state.cursor].id;
    entry.said = clauseAround(text, 0, 0);
    entry.commits = commitmentIds(*m_scenario, picked.then.commits);
    entry.text = std::move(text);
    entry.option = number;
    entry.optionIndex = m_state.offered[number - 1];
    entry.feedback = picked.then.feedback;
    entry.evidence = evidenceItems(*m_scenario, picked.then.evidence);
    m_transcript.emplace_back(std::move(entry));
    ++m_decisions;
}

void Session::addEvidence(const Consequence& then)
{
    for (const auto& e : then.evidence)
        m_state.scores[e.principle] = saturating::saturatingAdd(m_state.scores[e.principle], e.amount);
}

void Session::advance(std::size_t number)
{
    addEvidence(offeredOption(std::get<ChoiceNode>(m_scenario->nodes[m_state.cursor].body), number).then);
    const std::size_t optionIndex = m_state.offered[number - 1];
    const auto& entry = m_steps->node(m_state.cursor);
    const auto& option = m_steps->option(entry.first + optionIndex);
    if (option.flags & StepProgram::Once) {
        const auto key = std::pair{m_state.cursor, optionIndex};
        m_state.onceUsed.insert(std::lower_bound(m_state.onceUsed.begin(), m_state.onceUsed.end(), key), key);
    }
    take(option);
}

void Session::take(const StepProgram::OptionEntry& consequence)
{
    auto state = machine();
    m_steps->run(consequence.effects, state);
    m_stepsSinceDecision = 0; // a decision: the count between two starts again
    enter(consequence.target);
    settle();
}

bool Session::analysisMatches(const ResponseMatch& match, const UtteranceAnalysis& analysis) const
{
    const auto& acts = match.acts;
    if (!acts.empty() && std::find(acts.begin(), acts.end(), analysis.act) == acts.end())
        return false;
    for (const auto& tag : match.tags)
        if (std::find(analysis.tags.begin(), analysis.tags.end(), tag) == analysis.tags.end())
            return false;
    if (match.atLeast.empty() && match.atMost.empty())
        return true;
    // The answer's score per principle: the framework's weights for what was detected.
    const auto score =
        m_scenario->framework.scoreLabels(scoringLabels(analysis.act, analysis.depth, analysis.tags));
    for (const auto& [principle, bound] : match.atLeast)
        if (score[principle] < bound)
            return false;
    for (const auto& [principle, bound] : match.atMost)
        if (score[principle] > bound)
            return false;
    return true;
}

Answer Session::respond(std::string_view text)
{
    const Node& node = m_scenario->nodes[m_state.cursor];
    const auto* prompt = std::get_if<RespondNode>(&node.body);
    if (!prompt)
        return {std::nullopt, "nobody is waiting for a free-text answer now"};
    if (!m_segmenter)
        m_segmenter = std::make_shared<TextSegmenter>();
    const Segmented words = m_segmenter->segment(text);
    // The one analysis of this answer: routes ask it, the transcript keeps it.
    std::optional<core::UtteranceAnalysis> analysis;
    if (m_options.analyser)
        analysis = m_options.analyser->analyse(text);
    // The routes' conditions, effects and targets are in the step program: routes first, then
    // `otherwise` at index routes.size().
    const auto& entry = m_steps->node(m_state.cursor);
    std::size_t taken = prompt->routes.size();
    auto state = machine();
    for (const auto r : prompt->tryOrder()) {
        const auto& route = prompt->routes[r];
        if (!phrasesMatch(route.match, words, *m_segmenter))
            continue;
        if (route.match.needsAnalyser() && (!analysis || !analysisMatches(route.match, *analysis)))
            continue;
        if (!m_steps->test(m_steps->option(entry.first + r).condition, state))
            continue;
        taken = r;
        break;
    }
    std::string said =
        decidingWords(text, words, taken < prompt->routes.size() ? &prompt->routes[taken] : nullptr,
                      analysis ? &*analysis : nullptr, *m_segmenter);
    return takeRoute(taken, text, std::move(said), std::move(analysis));
}

Answer Session::respondByRoute(std::string_view label)
{
    const Node& node = m_scenario->nodes[m_state.cursor];
    const auto* prompt = std::get_if<RespondNode>(&node.body);
    if (!prompt)
        return {std::nullopt, "nobody is waiting for a free-text answer now"};
    std::size_t taken = prompt->routes.size();
    if (label != "otherwise") {
        const auto it = std::find_if(prompt->routes.begin(), prompt->routes.end(),
                                     [&](const Route& r) { return r.label == label; });
        if (it == prompt->routes.end())
            return {std::nullopt, "node '" + node.id + "' has no route '" + std::string(label) + "'"};
        taken = static_cast<std::size_t>(it - prompt->routes.begin());
        auto state = machine();
        if (!m_steps->test(m_steps->option(m_steps->node(m_state.cursor).first + taken).condition, state))
            return {std::nullopt,
                    "route '" + std::string(label) + "' is not open now (its condition is false)"};
    }
    return takeRoute(taken, "@route " + std::string(label), {}, std::nullopt);
}

Answer Session::takeRoute(std::size_t taken, std::string_view text, std::string said,
                          std::optional<core::UtteranceAnalysis> analysis)
{
    const Node& node = m_scenario->nodes[m_state.cursor];
    const auto& prompt = std::get<RespondNode>(node.body);
    const auto& entry = m_steps->node(m_state.cursor);
    const bool routed = taken < prompt.routes.size();
    const Consequence& then = routed ? prompt.routes[taken].then : prompt.otherwise;
    const std::string label = routed ? prompt.routes[taken].label : "otherwise";
    pushHistory();
    TurnResult result;
    result.nodeId = node.id;
    result.answer = std::string(text);
    result.route = label;
    result.feedback = then.feedback;
    result.evidence = evidenceItems(*m_scenario, then.evidence);
    if (m_options.recordTranscript) {
        TypedAnswer record;
        record.nodeId = node.id;
        record.text = result.answer;
        record.route = label;
        record.feedback = result.feedback;
        record.evidence = result.evidence;
        record.said = std::move(said);
        record.commits = commitmentIds(*m_scenario, then.commits);
        record.analysis = std::move(analysis);
        m_transcript.emplace_back(std::move(record));
        ++m_decisions;
    }
    addEvidence(then);
    take(m_steps->option(entry.first + taken));
    return {std::move(result), {}};
}

bool Session::undo()
{
    auto previous = m_history.pop();
    if (!previous)
        return false;
    m_state = std::move(*previous);
    m_transcript.resize(m_state.transcriptSize);
    m_decisions = countDecisions(m_transcript);
    m_stepsSinceDecision = 0;
    m_stopped.reset();
    reseed();
    m_eventStale = true;
    return true;
}

std::vector<EvidenceItem> Session::totals() const
{
    // Summed like the expression language adds: a restored save's amounts are anyone's numbers.
    std::vector<std::int64_t> sums(m_scenario->framework.principles.size(), 0);
    for (const auto& entry : m_transcript)
        if (const auto* decision = decisionOf(entry))
            for (const auto& e : decision->evidence)
                for (std::size_t p = 0; p < sums.size(); ++p)
                    if (m_scenario->framework.principles[p].id == e.principle)
                        sums[p] = saturating::saturatingAdd(sums[p], e.amount);
    std::vector<EvidenceItem> out;
    for (std::size_t p = 0; p < sums.size(); ++p)
        out.push_back({m_scenario->framework.principles[p].id, saturating::saturatingToInt(sums[p])});
    return out;
}

} // namespace sparring::runtime
