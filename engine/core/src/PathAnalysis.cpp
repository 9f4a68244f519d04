#include "core/PathAnalysis.hpp"

#include "core/Saturating.hpp"
#include "core/StepProgram.hpp"
#include "core/Validator.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <deque>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace sparring::core {

namespace {

// How long a play takes, estimated (documented in scenarios/README.md, "sparring analyze"):
// reading at 220 words a minute, five seconds to pick an option, thirty to type an answer.
constexpr double kWordsPerSecond = 220.0 / 60.0;
constexpr double kSecondsToPick = 5;
constexpr double kSecondsToType = 30;

std::size_t wordCount(std::string_view text)
{
    std::size_t words = 0;
    bool inWord = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        words += (!space && !inWord) ? 1 : 0;
        inWord = !space;
    }
    return words;
}

/// Where the trainee decides, and the state they decide in, packed into a fixed number of 64-bit
/// words: the search keeps every state in one flat array, so a state is hashed and compared as one
/// run of memory (one cache miss, no pointer to follow), costs no allocation of its own and is
/// freed with the array. In order:
///   - the node;
///   - each variable as one word (Explorer::encode: an int itself, a bool 0 or 1, a text the
///     index of its first appearance), as the compiled program steps on them (WordMachine);
///   - bytes, eight to a word: a visit count per tracked node (capped at kVisitCap), then, at an
///     ending, per principle score() reads, the region of values the walk there assumed (an
///     index into its ScoreDomain; -1 when it read none, and always -1 at a decision);
///   - a bit per once-only option, set once it was used.
struct StateLayout {
    std::size_t variables = 0;
    std::size_t tracked = 0;
    std::size_t scored = 0;
    std::size_t onceWords = 0;

    [[nodiscard]] std::size_t bytesAt() const { return 1 + variables; }
    [[nodiscard]] std::size_t onceAt() const { return bytesAt() + (tracked + scored + 7) / 8; }
    [[nodiscard]] std::size_t stride() const { return onceAt() + onceWords; }

    [[nodiscard]] std::uint8_t byte(const std::uint64_t* state, std::size_t i) const
    {
        return static_cast<std::uint8_t>(state[bytesAt() + i / 8] >> (8 * (i % 8)));
    }
    /// Sets byte `i` of a state whose bytes are still zero (fillState clears them first).
    void setByte(std::uint64_t* state, std::size_t i, std::uint8_t value) const
    {
        state[bytesAt() + i / 8] |= std::uint64_t{value} << (8 * (i % 8));
    }
};

using StateWords = std::vector<std::uint64_t>;

/// A hash of a state's words, for merging identical states without building a key for each.
/// Each word is mixed on its own (its place added in, so that states which only swap two values
/// differ; then a multiply, whose high bits are folded down) and the results are summed: the
/// multiplies run side by side, where a chain of them, each waiting for the last, took a third
/// of the search's time to intern a state.
std::uint64_t hashOf(const std::uint64_t* words, std::size_t count)
{
    std::uint64_t h = count;
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t x = (words[i] + i * 0x9e3779b97f4a7c15ULL) * 0xbf58476d1ce4e5b9ULL;
        h += x ^ (x >> 31);
    }
    // MurmurHash3's finaliser spreads every bit into the low ones the table indexes by.
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

struct StateWordsHash {
    std::size_t operator()(const StateWords& w) const { return hashOf(w.data(), w.size()); }
};

/// A decision kept to rebuild paths: 16 bytes, since the search keeps a million of them.
struct Edge {
    Edge(std::uint32_t source, std::uint32_t target, const PathStep& step)
        : from(source), to(target), node(static_cast<std::uint32_t>(step.node)),
          answer(static_cast<std::uint32_t>(step.answer))
    {
    }
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    std::uint32_t node = 0;
    std::uint32_t answer = 0;
    [[nodiscard]] PathStep step() const { return {node, answer}; }
};

/// The answer a decision gives: the option (or fallback) or the route (or otherwise) it took.
const Consequence& answerOf(const Scenario& scenario, const PathStep& step)
{
    const auto& node = scenario.nodes[step.node];
    if (const auto* choice = std::get_if<ChoiceNode>(&node.body))
        return step.answer < choice->options.size() ? choice->options[step.answer].then
                                                    : choice->fallback->then;
    const auto& prompt = std::get<RespondNode>(node.body);
    return step.answer < prompt.routes.size() ? prompt.routes[step.answer].then : prompt.otherwise;
}

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kStepsBeforeLoopCheck = 64;

/// Ids found by a 64-bit hash of what they stand for, the caller saying when an id with the same
/// hash stands for the same thing. Open addressing: the hash sits in the slot, so a probe reads
/// one cache line and the table grows without hashing anything again; at most half full, so
/// probes stay short.
class IdTable {
public:
    /// The id with hash `hash` for which `same(id)` holds, or kNone; then add() adds one.
    template <typename Same> [[nodiscard]] std::uint32_t find(std::uint64_t hash, Same same)
    {
        if (m_slots.empty())
            m_slots.assign(1024, Slot{});
        const std::size_t mask = m_slots.size() - 1;
        std::size_t slot = hash & mask;
        for (; m_slots[slot].id != kNone; slot = (slot + 1) & mask)
            if (m_slots[slot].hash == hash && same(m_slots[slot].id))
                return m_slots[slot].id;
        m_free = slot;
        return kNone;
    }

    /// Adds `id` for the hash the last find() did not find.
    void add(std::uint64_t hash, std::uint32_t id)
    {
        m_slots[m_free] = {hash, id};
        if (++m_count * 2 > m_slots.size())
            grow();
    }

private:
    void grow()
    {
        std::vector<Slot> grown(m_slots.size() * 2);
        const std::size_t mask = grown.size() - 1;
        for (const auto& old : m_slots) {
            if (old.id == kNone)
                continue;
            std::size_t at = old.hash & mask;
            while (grown[at].id != kNone)
                at = (at + 1) & mask;
            grown[at] = old;
        }
        m_slots = std::move(grown);
    }

    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t id = kNone; ///< kNone: an empty slot
    };
    std::vector<Slot> m_slots;
    std::size_t m_free = 0; ///< where the last find() stopped
    std::size_t m_count = 0;
};

/// Walks the state space from the start: the decision states, and the decisions between them.
class Explorer final : public StepProgram::WordContext {
public:
    Explorer(const Scenario& scenario, const PathAnalysisOptions& options)
        : m_scenario(scenario), m_options(options),
          m_program(scenario.steps ? *scenario.steps : StepProgram::compile(scenario)),
          m_visits(scenario.nodes.size(), 0), m_reached(scenario.nodes.size(), 0)
    {
        trackVisitsAndOnce();
        computeLiveness();
        m_layout = {scenario.variables.size(), m_tracked.size(), m_scored.size(), (m_onceBits + 63) / 64};
        computeKeepMasks();
        sumEvidence();
        // Reading times, once per node rather than once per walk.
        m_seconds.assign(scenario.nodes.size(), 0);
        for (std::size_t n = 0; n < scenario.nodes.size(); ++n) {
            const auto& body = scenario.nodes[n].body;
            if (const auto* line = std::get_if<LineNode>(&body)) {
                m_seconds[n] = static_cast<double>(wordCount(line->text.source)) / kWordsPerSecond;
            } else if (const auto* choice = std::get_if<ChoiceNode>(&body)) {
                double words = static_cast<double>(wordCount(choice->prompt.source));
                for (const auto& option : choice->options)
                    words += static_cast<double>(wordCount(option.text.source));
                m_seconds[n] = words / kWordsPerSecond + kSecondsToPick;
            } else if (const auto* prompt = std::get_if<RespondNode>(&body)) {
                m_seconds[n] =
                    static_cast<double>(wordCount(prompt->prompt.source)) / kWordsPerSecond + kSecondsToType;
            }
        }
    }

    void explore()
    {
        StateWords initial(m_layout.stride(), 0);
        for (std::size_t v = 0; v < scenario().variables.size(); ++v) {
            m_vars.push_back(scenario().variables[v].initial);
            m_words.push_back(0);
            m_initialWords.push_back(encode(scenario().variables[v].initial));
            m_recentTexts.emplace_back();
            m_recentTexts.back().fill(kNoText);
            initial[1 + v] = static_cast<std::uint64_t>(m_initialWords.back());
        }
        const StateWords noneUsed(m_layout.onceWords, 0);
        forEachRoll([&] {
            load(initial.data());
            const auto walked = walk(scenario().start);
            if (walked.stop == kNone)
                return;
            fillState(m_scratch, walked.stop, noneUsed.data());
            const auto id = intern(m_scratch);
            if (id != kNone && std::find(m_starts.begin(), m_starts.end(), id) == m_starts.end()) {
                m_starts.push_back(id);
                m_startSeconds.push_back(walked.seconds);
            }
        });
        for (std::uint32_t i = 0; i < stateCount(); ++i)
            expand(i);
    }

    const Scenario& scenario() const { return m_scenario; }
    [[nodiscard]] std::uint32_t stateCount() const
    {
        return static_cast<std::uint32_t>(m_stateWords.size() / m_layout.stride());
    }
    [[nodiscard]] const std::uint64_t* stateAt(std::uint32_t id) const
    {
        return m_stateWords.data() + std::size_t{id} * m_layout.stride();
    }
    [[nodiscard]] std::uint32_t stateNode(std::uint32_t id) const
    {
        return static_cast<std::uint32_t>(stateAt(id)[0]);
    }
    /// At an ending, the region of score(m_scored[i]) its walk assumed; -1 when none.
    [[nodiscard]] std::int8_t assumedRegion(std::uint32_t id, std::size_t i) const
    {
        return static_cast<std::int8_t>(m_layout.byte(stateAt(id), m_layout.tracked + i));
    }
    std::unordered_map<std::string, std::int64_t> m_textIndex; ///< text variable values -> their word
    std::vector<std::string> m_texts;                          ///< by word
    std::vector<std::int64_t> m_initialWords;                  ///< each variable's starting value, encoded
    /// Decisions kept to rebuild paths: the first of each link and each that gives a link a best
    /// metric. Parallel decisions (several routes of a prompt reaching the same state) are folded
    /// into one link as they are found, so a prompt with twenty routes costs one link per state it
    /// reaches, not twenty edges.
    std::vector<Edge> m_edges;
    struct Link {
        std::uint32_t from = 0;
        std::uint32_t to = 0;
        std::uint32_t edge = 0; ///< its first decision, for the fewest-decisions path
    };
    std::vector<Link> m_links;
    /// Per link and metric (see analysePaths). Float: the weights are whole evidence points and
    /// seconds of reading, exact or near enough in 24 bits, and there are tens of millions of them.
    std::vector<float> m_linkWeight;
    std::vector<std::uint32_t> m_linkEdge; ///< per link and metric: the decision that gives it
    std::size_t m_decisions = 0;           ///< decisions found, before folding
    std::vector<std::uint32_t> m_starts;
    std::vector<double> m_startSeconds; ///< reading the lines before the first decision
    std::vector<char>& reached() { return m_reached; }
    std::vector<EndlessLoop> m_loops;
    bool m_partial = false;

private:
    // ---- EvaluationContext: what the compiled code reads ----
    /// Only expressions kept as trees (those on texts) read a variable as a Value.
    [[nodiscard]] const Value& variable(std::size_t slot) const override
    {
        decodeInto(m_vars[slot], m_words[slot]);
        return m_vars[slot];
    }
    /// The word of a value a tree effect stores. A text is first compared with the few this
    /// variable was given most recently (a scenario gives one variable a handful of texts, over
    /// and over), and looked up by its content only when it is none of them: comparing a text
    /// whose length differs costs nothing, hashing one costs its length.
    [[nodiscard]] std::int64_t wordOf(std::size_t slot, const Value& value) override
    {
        const auto* text = std::get_if<std::string>(&value);
        if (text == nullptr)
            return encode(value);
        auto& recent = m_recentTexts[slot];
        for (const auto word : recent)
            if (word != kNoText && *text == m_texts[static_cast<std::size_t>(word)])
                return word;
        std::rotate(recent.rbegin(), recent.rbegin() + 1, recent.rend()); // the oldest out
        recent.front() = encode(value);
        return recent.front();
    }
    [[nodiscard]] std::int64_t visits(std::size_t node) const override { return m_visits[node]; }
    /// score() is not part of the state (it would split every state by every total): each read is
    /// answered with every region of values its comparisons tell apart, once per step.
    [[nodiscard]] std::int64_t score(std::size_t principle) const override
    {
        auto& chosen = m_scoreChosen[m_scoredIndex[principle]];
        const auto& domain = m_domains[m_scoredIndex[principle]];
        if (chosen < 0)
            chosen = static_cast<std::int8_t>(
                const_cast<Explorer*>(this)->draw(static_cast<std::int64_t>(domain.values.size()) - 1));
        return domain.values[static_cast<std::size_t>(chosen)];
    }

public:
    /// The values of score(p) that compare differently with the constants it is compared with,
    /// and for each the range of totals it stands for.
    struct ScoreDomain {
        std::vector<std::int64_t> values;
        std::vector<std::pair<std::int64_t, std::int64_t>> regions; ///< [lo, hi], kUnbounded* at the ends
    };
    std::vector<ScoreDomain> m_domains; ///< by place in m_scored
    std::vector<std::size_t> m_scored;  ///< principles some expression reads through score()

private:
    /// A draw of the roll tape in [0, hi].
    std::int64_t draw(std::int64_t hi) { return random(0, hi); }
    std::int64_t random(std::int64_t lo, std::int64_t hi) override
    {
        const std::int64_t value =
            m_rolled.size() < m_forced.size() ? std::clamp(m_forced[m_rolled.size()], lo, hi) : lo;
        m_rolled.push_back(value);
        m_rollRanges.push_back(hi);
        return value;
    }

    /// Runs `step` once for every outcome of the random() draws it makes (an odometer over the
    /// draws, each from its lowest value to its highest), up to maxRollsPerStep outcomes.
    template <typename Step> void forEachRoll(Step step)
    {
        m_forced.clear();
        for (std::size_t outcomes = 0;;) {
            m_rolled.clear();
            m_rollRanges.clear();
            std::fill(m_scoreChosen.begin(), m_scoreChosen.end(), std::int8_t{-1});
            step();
            std::size_t i = m_rolled.size();
            while (i > 0 && m_rolled[i - 1] >= m_rollRanges[i - 1])
                --i;
            if (i == 0)
                return;
            if (++outcomes >= m_options.maxRollsPerStep) {
                m_partial = true;
                return;
            }
            m_forced.assign(m_rolled.begin(), m_rolled.begin() + static_cast<std::ptrdiff_t>(i));
            ++m_forced.back();
        }
    }

    /// The nodes whose visit counts some condition or effect reads, and a bit for each once-only
    /// option: the parts of the session's state that can change what happens next.
    void trackVisitsAndOnce()
    {
        std::vector<char> read(scenario().nodes.size(), 0);
        std::vector<char> counted(scenario().nodes.size(), 0);
        std::vector<char> scored(scenario().framework.principles.size(), 0);
        std::vector<std::vector<std::int64_t>> thresholds(scored.size());
        const auto readBy = [&](const Expression& e) {
            for (const auto n : e.referencedNodes())
                read[n] = 1;
            for (const auto n : e.countedNodes())
                counted[n] = 1;
            const auto reads = e.scoreReads();
            for (const auto& [p, c] : reads.compared) {
                scored[p] = 1;
                thresholds[p].push_back(c);
            }
            for (const auto p : reads.otherwise) {
                scored[p] = 1;
                thresholds[p].push_back(0); // read some other way: told apart around zero only
            }
        };
        const auto effects = [&](const std::vector<Effect>& list) {
            for (const auto& e : list)
                readBy(e.value());
        };
        const auto consequence = [&](const Consequence& c) { effects(c.effects); };
        for (std::size_t n = 0; n < scenario().nodes.size(); ++n) {
            const auto& node = scenario().nodes[n];
            if (const auto* line = std::get_if<LineNode>(&node.body))
                effects(line->effects);
            else if (const auto* choice = std::get_if<ChoiceNode>(&node.body)) {
                const auto& entry = m_program.node(n);
                for (std::size_t k = 0; k < choice->options.size(); ++k) {
                    if (choice->options[k].condition)
                        readBy(*choice->options[k].condition);
                    consequence(choice->options[k].then);
                    if (choice->options[k].once) {
                        if (m_onceBitOf.size() <= entry.first + k)
                            m_onceBitOf.resize(entry.first + k + 1, kNone);
                        m_onceBitOf[entry.first + k] = static_cast<std::uint32_t>(m_onceBits++);
                    }
                }
                if (choice->fallback)
                    consequence(choice->fallback->then);
            } else if (const auto* prompt = std::get_if<RespondNode>(&node.body)) {
                for (const auto& route : prompt->routes) {
                    if (route.condition)
                        readBy(*route.condition);
                    consequence(route.then);
                }
                consequence(prompt->otherwise);
            } else if (const auto* branch = std::get_if<BranchNode>(&node.body)) {
                for (const auto& c : branch->cases)
                    readBy(c.condition);
            }
        }
        m_scoredIndex.assign(scored.size(), kNone);
        for (std::size_t p = 0; p < scored.size(); ++p)
            if (scored[p]) {
                m_scoredIndex[p] = static_cast<std::uint32_t>(m_scored.size());
                m_scored.push_back(p);
                m_domains.push_back(domainOf(thresholds[p]));
            }
        m_scoreChosen.assign(m_scored.size(), -1);
        m_trackedIndex.assign(scenario().nodes.size(), kNone);
        m_visitCap.assign(scenario().nodes.size(), 0);
        for (std::size_t n = 0; n < read.size(); ++n)
            if (read[n]) {
                m_trackedIndex[n] = static_cast<std::uint32_t>(m_tracked.size());
                m_tracked.push_back(n);
                // visited() only tells 0 from more: counting past 1 would split equal states.
                m_visitCap[n] = counted[n] ? kVisitCap : 1;
            }
    }

    // ---- liveness: which parts of the state can still matter at each node ----
    //
    // Facts are the variables, the tracked visit counts, the tracked scores and the once-only
    // bits, numbered in that order. A fact is live at a node when some condition or effect that
    // can still run on a path from there reads it (before an `=` overwrites it). A decision state
    // keeps only its node's live facts: two states that differ only in dead facts have the same
    // future, so they are one. Without this, a scenario that asks visited() of ten nodes splits
    // every later state ten ways for nothing.

    using Facts = std::vector<std::uint64_t>;

    void setFact(Facts& f, std::size_t i) const { f[i / 64] |= std::uint64_t{1} << (i % 64); }
    [[nodiscard]] static bool hasFact(const Facts& f, std::size_t i) { return (f[i / 64] >> (i % 64)) & 1U; }

    void reads(const Expression& e, Facts& f) const
    {
        for (const auto v : e.referencedVariables())
            setFact(f, v);
        for (const auto n : e.referencedNodes())
            if (m_trackedIndex[n] != kNone)
                setFact(f, m_varCount + m_trackedIndex[n]);
    }

    /// The facts live before `effects` run, given those live after (`after`, updated in place).
    void throughEffects(const std::vector<Effect>& effects, Facts& live) const
    {
        for (auto it = effects.rbegin(); it != effects.rend(); ++it) {
            if (!hasFact(live, it->variable()))
                continue; // its result is never read
            if (it->op() == EffectOp::Assign)
                live[it->variable() / 64] &= ~(std::uint64_t{1} << (it->variable() % 64));
            reads(it->value(), live);
        }
    }

    void computeLiveness()
    {
        const std::size_t nodes = scenario().nodes.size();
        m_varCount = scenario().variables.size();
        const std::size_t facts = m_varCount + m_tracked.size() + m_onceBits;
        const std::size_t words = (facts + 63) / 64;
        m_live.assign(nodes, Facts(words, 0));
        std::vector<std::vector<std::size_t>> predecessors(nodes);
        for (std::size_t n = 0; n < nodes; ++n)
            for (const auto m : successors(scenario(), n))
                predecessors[m].push_back(n);
        std::deque<std::size_t> work;
        std::vector<char> queued(nodes, 1);
        for (std::size_t n = nodes; n-- > 0;)
            work.push_back(n);
        const auto answer = [&](const std::optional<Expression>& condition, const Consequence& then,
                                Facts& out) {
            Facts after = m_live[then.target];
            throughEffects(then.effects, after);
            if (condition)
                reads(*condition, after);
            for (std::size_t w = 0; w < words; ++w)
                out[w] |= after[w];
        };
        while (!work.empty()) {
            const std::size_t n = work.front();
            work.pop_front();
            queued[n] = 0;
            Facts live(words, 0);
            const auto& body = scenario().nodes[n].body;
            if (const auto* line = std::get_if<LineNode>(&body)) {
                live = m_live[line->next];
                throughEffects(line->effects, live);
            } else if (const auto* choice = std::get_if<ChoiceNode>(&body)) {
                const auto& entry = m_program.node(n);
                for (std::size_t k = 0; k < choice->options.size(); ++k) {
                    answer(choice->options[k].condition, choice->options[k].then, live);
                    if (const auto bit = onceBitOf(entry.first + k); bit != kNone)
                        setFact(live, m_varCount + m_tracked.size() + bit);
                }
                if (choice->fallback)
                    answer(std::nullopt, choice->fallback->then, live);
            } else if (const auto* prompt = std::get_if<RespondNode>(&body)) {
                for (const auto& route : prompt->routes)
                    answer(route.condition, route.then, live);
                answer(std::nullopt, prompt->otherwise, live);
            } else if (const auto* branch = std::get_if<BranchNode>(&body)) {
                live = m_live[branch->otherwise];
                for (const auto& c : branch->cases) {
                    reads(c.condition, live);
                    for (std::size_t w = 0; w < words; ++w)
                        live[w] |= m_live[c.target][w];
                }
            }
            if (live == m_live[n])
                continue;
            m_live[n] = std::move(live);
            for (const auto p : predecessors[n])
                if (!queued[p]) {
                    queued[p] = 1;
                    work.push_back(p);
                }
        }
    }

    void load(const std::uint64_t* state)
    {
        std::copy_n(state + 1, m_words.size(), m_words.begin());
        for (std::size_t i = 0; i < m_tracked.size(); ++i)
            m_visits[m_tracked[i]] = m_layout.byte(state, i);
        // The scored bytes come along; fillState's masks drop them.
        std::copy_n(state + m_layout.bytesAt(), m_countWords.size(), m_countWords.begin());
        m_loaded = kNone;
    }

    /// Loads state `id` unless it is loaded and untouched: a prompt's routes test their
    /// conditions one after another in the same state.
    void loadState(std::uint32_t id)
    {
        if (m_loaded == id)
            return;
        load(stateAt(id));
        m_loaded = id;
    }

    /// The regions of totals that compare alike with every constant in `thresholds`: a
    /// comparison with c changes its answer at c and at c + 1, so those are the boundaries.
    static ScoreDomain domainOf(const std::vector<std::int64_t>& thresholds)
    {
        std::vector<std::int64_t> bounds;
        for (const auto c : thresholds) {
            bounds.push_back(c);
            if (c < kUnboundedHigh)
                bounds.push_back(c + 1);
        }
        std::sort(bounds.begin(), bounds.end());
        bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
        ScoreDomain d;
        std::int64_t lo = kUnboundedLow;
        for (const auto b : bounds) {
            if (b > lo) {
                d.values.push_back(b - 1);
                d.regions.emplace_back(lo, b - 1);
            }
            lo = b;
        }
        d.values.push_back(lo);
        d.regions.emplace_back(lo, kUnboundedHigh);
        return d;
    }

    /// The state the search stands in at `node`, written into `s` (reused, so the scratch
    /// state of the inner loop allocates nothing once warm); `once`: the once-only bits used
    /// (m_layout.onceWords of them), or null for none.
    void fillState(StateWords& s, std::uint32_t node, const std::uint64_t* once)
    {
        // Dead facts (computeLiveness) take their starting value, so states differing only in
        // them are one.
        const std::uint64_t* keep = &m_keep[node * m_layout.stride()];
        s.resize(m_layout.stride());
        s[0] = node;
        for (std::size_t v = 0; v < m_words.size(); ++v)
            s[1 + v] = keep[1 + v] != 0 ? static_cast<std::uint64_t>(m_words[v])
                                        : static_cast<std::uint64_t>(m_initialWords[v]);
        for (std::size_t w = 0; w < m_countWords.size(); ++w)
            s[m_layout.bytesAt() + w] = m_countWords[w] & keep[m_layout.bytesAt() + w];
        // What an ending's walk assumed of score() bounds the totals there (analysePaths).
        const bool end = m_program.node(node).kind == StepProgram::Kind::End;
        for (std::size_t i = 0; i < m_layout.scored; ++i)
            m_layout.setByte(s.data(), m_layout.tracked + i,
                             static_cast<std::uint8_t>(end ? m_scoreChosen[i] : std::int8_t{-1}));
        for (std::size_t w = 0; w < m_layout.onceWords; ++w)
            s[m_layout.onceAt() + w] = once == nullptr ? 0 : once[w] & keep[m_layout.onceAt() + w];
    }

    /// Per node, m_layout.stride() words: the bits of a state at that node that its live facts
    /// own (all of a live variable's word, a live visit count's byte, a live once-only bit), so
    /// that fillState keeps them with a mask instead of asking fact by fact.
    void computeKeepMasks()
    {
        const std::size_t stride = m_layout.stride();
        const std::size_t onceFacts = m_varCount + m_tracked.size();
        m_keep.assign(m_live.size() * stride, 0);
        for (std::size_t n = 0; n < m_live.size(); ++n) {
            std::uint64_t* keep = &m_keep[n * stride];
            for (std::size_t v = 0; v < m_varCount; ++v)
                if (hasFact(m_live[n], v))
                    keep[1 + v] = ~std::uint64_t{0};
            for (std::size_t i = 0; i < m_tracked.size(); ++i)
                if (hasFact(m_live[n], m_varCount + i))
                    m_layout.setByte(keep, i, 0xFF);
            for (std::size_t bit = 0; bit < m_onceBits; ++bit)
                if (hasFact(m_live[n], onceFacts + bit))
                    keep[m_layout.onceAt() + bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
        m_countWords.assign(m_layout.onceAt() - m_layout.bytesAt(), 0);
    }

    /// A variable's value as a state's word; a text gets the index of its first appearance.
    std::int64_t encode(const Value& value)
    {
        if (const auto* i = std::get_if<std::int64_t>(&value))
            return *i;
        if (const auto* b = std::get_if<bool>(&value))
            return *b ? 1 : 0;
        const auto& text = std::get<std::string>(value);
        const auto [it, added] = m_textIndex.try_emplace(text, static_cast<std::int64_t>(m_texts.size()));
        if (added)
            m_texts.push_back(text);
        return it->second;
    }

    /// Makes `value` (of its variable's type, as every value of it is) the value `word` stands
    /// for, in place: a text is copied into the string that is there, which reuses its memory.
    void decodeInto(Value& value, std::int64_t word) const
    {
        if (auto* i = std::get_if<std::int64_t>(&value))
            *i = word;
        else if (auto* b = std::get_if<bool>(&value))
            *b = word != 0;
        else
            std::get<std::string>(value) = m_texts[static_cast<std::size_t>(word)];
    }

    /// The id of state `s`, added if new; kNone when the budget is spent. The search interns a
    /// state per decision, so this is its innermost loop: a state is compared whole only when its
    /// hash agrees.
    std::uint32_t intern(const StateWords& s)
    {
        const std::uint64_t hash = hashOf(s.data(), s.size());
        const auto known = m_stateIds.find(
            hash, [&](std::uint32_t id) { return std::equal(s.begin(), s.end(), stateAt(id)); });
        if (known != kNone)
            return known;
        if (stateCount() >= m_options.maxStates) {
            m_partial = true;
            return kNone;
        }
        const auto id = stateCount();
        m_stateWords.insert(m_stateWords.end(), s.begin(), s.end());
        m_stateIds.add(hash, id);
        return id;
    }

    void enter(std::size_t node)
    {
        m_reached[node] = 1;
        const auto tracked = m_trackedIndex[node];
        if (tracked != kNone && m_visits[node] < m_visitCap[node]) {
            ++m_visits[node];
            m_countWords[tracked / 8] += std::uint64_t{1} << (8 * (tracked % 8)); // a byte under kVisitCap
        }
    }

    struct Walked {
        std::uint32_t stop = kNone; ///< the decision or end node it stopped at; kNone: a loop
        double seconds = 0;
    };

    /// From `node` on, as a session settles: lines (their effects, their reading time) and
    /// branches, to the next choice, prompt or ending. Coming back to a state it was in means the
    /// walk would never stop: recorded as an endless loop.
    Walked walk(std::size_t node)
    {
        Walked out;
        std::optional<std::unordered_set<StateWords, StateWordsHash>> seen; // made only for a long walk
        std::size_t steps = 0;
        auto machine = StepProgram::WordMachine{m_words.data(), m_visits, *this};
        for (;;) {
            enter(node);
            const auto& entry = m_program.node(node);
            if (entry.kind == StepProgram::Kind::Line) {
                if (entry.effects != StepProgram::none)
                    m_program.run(entry.effects, machine);
                out.seconds += m_seconds[node];
                node = entry.next;
            } else if (entry.kind == StepProgram::Kind::Branch) {
                std::size_t to = entry.next;
                for (std::size_t k = 0; k < entry.count; ++k) {
                    const auto& c = m_program.option(entry.first + k);
                    if (m_program.test(c.condition, machine)) {
                        to = c.target;
                        break;
                    }
                }
                node = to;
            } else {
                out.stop = static_cast<std::uint32_t>(node);
                return out;
            }
            // Walks between decisions are short; only a long one is checked for coming back to a
            // state it was in (cheap to leave unchecked for the first steps, and a loop still
            // shows within its length after them).
            if (++steps > kStepsBeforeLoopCheck &&
                (fillState(m_walkKey, static_cast<std::uint32_t>(node), nullptr),
                 !(seen ? *seen : seen.emplace()).insert(m_walkKey).second)) {
                if (std::none_of(m_loops.begin(), m_loops.end(),
                                 [&](const EndlessLoop& l) { return l.node == node; }))
                    m_loops.push_back({node});
                return out;
            }
        }
    }

    /// The bit of a once-only option (by option entry); kNone for any other.
    [[nodiscard]] std::uint32_t onceBitOf(std::size_t optionEntry) const
    {
        return optionEntry < m_onceBitOf.size() ? m_onceBitOf[optionEntry] : kNone;
    }

    bool onceUsed(std::uint32_t state, std::size_t optionEntry) const
    {
        const auto bit = onceBitOf(optionEntry);
        return bit != kNone && (stateAt(state)[m_layout.onceAt() + bit / 64] >> (bit % 64)) & 1U;
    }

    /// Follows answer `answer` (an option entry) from state `from`, for every roll.
    void follow(std::uint32_t from, std::size_t optionEntry, std::size_t answer, double seconds)
    {
        const auto& entry = m_program.option(optionEntry);
        // Answers with the same effects and target lead to the same states (only their evidence
        // differs, and that is on the edge): walk once per state, not once per answer. Once-only
        // options also change which options remain, so they always walk.
        const auto onceBit = onceBitOf(optionEntry);
        const bool once = onceBit != kNone;
        if (!once)
            for (const auto& followed : m_followed)
                if (followed.effects == entry.effects && followed.target == entry.target) {
                    for (std::size_t k = followed.firstOutcome; k < followed.endOutcome; ++k)
                        addDecision(from, m_outcomes[k].to, {stateNode(from), answer}, optionEntry,
                                    seconds + m_outcomes[k].seconds);
                    return;
                }
        const auto firstOutcome = static_cast<std::uint32_t>(m_outcomes.size());
        // Copied out: interning a new state may move the array the state lives in.
        const auto fromNode = stateNode(from);
        const auto* onceWords = stateAt(from) + m_layout.onceAt();
        m_used.assign(onceWords, onceWords + m_layout.onceWords);
        if (once)
            m_used[onceBit / 64] |= std::uint64_t{1} << (onceBit % 64);
        forEachRoll([&] {
            loadState(from);
            m_loaded = kNone; // the effects and the walk change what is loaded
            auto machine = StepProgram::WordMachine{m_words.data(), m_visits, *this};
            if (entry.effects != StepProgram::none)
                m_program.run(entry.effects, machine);
            const auto walked = walk(entry.target);
            if (walked.stop == kNone)
                return;
            fillState(m_scratch, walked.stop, m_used.data());
            const auto to = intern(m_scratch);
            if (to == kNone)
                return;
            addDecision(from, to, {fromNode, answer}, optionEntry, seconds + walked.seconds);
            m_outcomes.push_back({to, walked.seconds});
        });
        if (!once)
            m_followed.push_back(
                {entry.effects, entry.target, firstOutcome, static_cast<std::uint32_t>(m_outcomes.size())});
    }

    /// Whether a condition can hold in state `state` for some roll.
    bool possible(std::uint32_t state, std::uint32_t condition)
    {
        if (condition == StepProgram::none)
            return true;
        bool any = false;
        forEachRoll([&] {
            loadState(state); // a test only reads: the state stays loaded for the next
            auto machine = StepProgram::WordMachine{m_words.data(), m_visits, *this};
            any = any || m_program.test(condition, machine);
        });
        return any;
    }

    /// Calls `visit(node, answer, optionEntry, consequence)` for every answer of every choice
    /// (its options, then its fallback) and prompt (its routes, then `otherwise`).
    template <typename Visit> void forEachAnswer(Visit visit) const
    {
        for (std::size_t n = 0; n < scenario().nodes.size(); ++n) {
            const auto& entry = m_program.node(n);
            if (entry.kind != StepProgram::Kind::Choice && entry.kind != StepProgram::Kind::Respond)
                continue;
            const bool last =
                entry.kind == StepProgram::Kind::Respond || (entry.flags & StepProgram::HasFallback);
            for (std::size_t k = 0; k < entry.count + (last ? 1 : 0); ++k)
                visit(n, k, entry.first + k, answerOf(scenario(), {n, k}));
        }
    }

    /// Per answer, what its evidence adds to the metrics (weigh()) and to the totals score()
    /// reads (m_scored order), summed once rather than at each of its decisions.
    void sumEvidence()
    {
        const std::size_t principles = scenario().framework.principles.size();
        m_metrics = 2 * principles + 4;
        forEachAnswer([&](std::size_t, std::size_t, std::size_t optionEntry, const Consequence& then) {
            if (m_answerWeights.size() < (optionEntry + 1) * m_metrics) {
                m_answerWeights.resize((optionEntry + 1) * m_metrics, 0);
                m_answerScored.resize((optionEntry + 1) * m_scored.size(), 0);
            }
            float* w = &m_answerWeights[optionEntry * m_metrics];
            for (const auto& e : then.evidence) {
                w[2 * e.principle] += static_cast<float>(e.amount);
                w[2 * e.principle + 1] -= static_cast<float>(e.amount);
            }
            w[2 * principles] = 1;
            w[2 * principles + 1] = -1;
            std::int64_t* scored = m_answerScored.data() + optionEntry * m_scored.size();
            for (const auto& e : then.evidence)
                if (const auto i = m_scoredIndex[e.principle]; i != kNone)
                    scored[i] = saturating::saturatingAdd(scored[i], e.amount);
        });
    }

    /// The metrics a decision by answer `optionEntry` adds, all to be minimised: per principle
    /// its evidence and the evidence negated, then one decision and minus one, then its seconds
    /// and minus them.
    void weigh(std::size_t optionEntry, double seconds, std::vector<float>& w) const
    {
        const auto* evidence = m_answerWeights.data() + optionEntry * m_metrics;
        w.assign(evidence, evidence + m_metrics);
        w[m_metrics - 2] = static_cast<float>(seconds);
        w[m_metrics - 1] = -static_cast<float>(seconds);
    }

    /// The evidence answer `optionEntry` adds to the principles score() reads, in m_scored order.
    [[nodiscard]] const std::int64_t* scoredEvidence(std::size_t optionEntry) const
    {
        return m_answerScored.data() + optionEntry * m_scored.size();
    }

    void addDecision(std::uint32_t from, std::uint32_t to, PathStep step, std::size_t optionEntry,
                     double seconds)
    {
        ++m_decisions;
        weigh(optionEntry, seconds, m_weights);
        const std::size_t metrics = m_metrics;
        std::uint32_t link = kNone;
        for (const auto& [target, l] : m_linkOf)
            if (target == to)
                link = l;
        if (link == kNone) {
            link = static_cast<std::uint32_t>(m_links.size());
            m_linkOf.emplace_back(to, link);
            const auto edge = static_cast<std::uint32_t>(m_edges.size());
            m_edges.emplace_back(from, to, step);
            m_links.push_back({from, to, edge});
            m_linkWeight.insert(m_linkWeight.end(), m_weights.begin(), m_weights.end());
            m_linkEdge.insert(m_linkEdge.end(), metrics, edge);
            if (!m_scored.empty())
                rememberTotals(link, scoredEvidence(optionEntry));
            return;
        }
        keepIfItsTotalsDiffer(link, from, to, step, scoredEvidence(optionEntry));
        // Most parallel decisions are best at nothing: a test without branches tells them first.
        const float* kept = &m_linkWeight[link * metrics];
        bool better = false;
        for (std::size_t m = 0; m < metrics; ++m)
            better |= m_weights[m] < kept[m];
        if (!better)
            return;
        std::uint32_t edge = kNone; // this decision, kept only if it is best at something
        for (std::size_t m = 0; m < metrics; ++m)
            if (m_weights[m] < m_linkWeight[link * metrics + m]) {
                if (edge == kNone) {
                    edge = static_cast<std::uint32_t>(m_edges.size());
                    m_edges.emplace_back(from, to, step);
                }
                m_linkWeight[link * metrics + m] = m_weights[m];
                m_linkEdge[link * metrics + m] = edge;
            }
    }

    /// Notes that a decision with scored evidence `evidence` is kept for `link`.
    void rememberTotals(std::uint32_t link, const std::int64_t* evidence)
    {
        m_totalsLink.push_back(link);
        m_totalsKept.insert(m_totalsKept.end(), evidence, evidence + m_scored.size());
    }

    /// A parallel decision (another option or route between the same two states) is folded into
    /// its link, which keeps only the decisions best at some metric. A path an ending's score()
    /// conditions accept may need one of the others, for the mix of totals it gives: each
    /// decision whose scored evidence differs from every one kept for the link is kept too
    /// (m_extraEdges), for analysePaths' search of paths with their totals.
    void keepIfItsTotalsDiffer(std::uint32_t link, std::uint32_t from, std::uint32_t to, const PathStep& step,
                               const std::int64_t* evidence)
    {
        if (m_scored.empty())
            return;
        const std::size_t width = m_scored.size();
        for (std::size_t k = 0; k < m_totalsLink.size(); ++k)
            if (m_totalsLink[k] == link &&
                std::equal(evidence, evidence + width,
                           m_totalsKept.begin() + static_cast<std::ptrdiff_t>(k * width)))
                return;
        const auto edge = static_cast<std::uint32_t>(m_edges.size());
        m_edges.emplace_back(from, to, step);
        m_extraEdges.emplace_back(link, edge);
        rememberTotals(link, evidence);
    }

    void expand(std::uint32_t id)
    {
        m_followed.clear();
        m_outcomes.clear();
        m_linkOf.clear();
        m_totalsLink.clear();
        m_totalsKept.clear();
        const std::size_t node = stateNode(id);
        const auto& entry = m_program.node(node);
        const double seconds = m_seconds[node];
        if (entry.kind == StepProgram::Kind::Choice) {
            bool any = false;
            for (std::size_t k = 0; k < entry.count; ++k) {
                const auto optionEntry = entry.first + k;
                if (onceUsed(id, optionEntry) || !possible(id, m_program.option(optionEntry).condition))
                    continue;
                any = true;
                follow(id, optionEntry, k, seconds);
            }
            if (!any && (entry.flags & StepProgram::HasFallback))
                follow(id, entry.first + entry.count, entry.count, seconds);
        } else if (entry.kind == StepProgram::Kind::Respond) {
            for (std::size_t k = 0; k < entry.count; ++k)
                if (possible(id, m_program.option(entry.first + k).condition))
                    follow(id, entry.first + k, k, seconds);
            follow(id, entry.first + entry.count, entry.count, seconds); // otherwise
        }
    }

    const Scenario& m_scenario;
    const PathAnalysisOptions& m_options;
    StepProgram m_program;
    /// The variables as the code steps on them: as a state holds them, a word each.
    std::vector<std::int64_t> m_words;
    mutable std::vector<Value> m_vars; ///< the variables a tree read last, decoded (variable())
    static constexpr std::int64_t kNoText = -1;
    /// By variable: the words of the texts it was given most recently, the latest first (wordOf).
    std::vector<std::array<std::int64_t, 4>> m_recentTexts;
    std::vector<std::uint32_t> m_visits;     ///< by node; only tracked nodes are ever counted
    std::vector<std::uint64_t> m_countWords; ///< the tracked counts of m_visits packed as in a state
    std::vector<std::uint64_t> m_keep;       ///< computeKeepMasks()
    std::vector<char> m_reached;
    std::vector<std::size_t> m_tracked;
    std::vector<std::uint32_t> m_visitCap; ///< by node: 1 when only visited() reads it
    std::vector<double> m_seconds;         ///< by node: reading a line, or deciding at a choice or prompt
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_linkOf; ///< expand()'s links so far: to -> link
    /// (expand()'s links so far, scored evidence of each decision kept for them), as two parallel arrays:
    /// the link of each, and its evidence, m_scored.size() numbers each.
    std::vector<std::uint32_t> m_totalsLink;
    std::vector<std::int64_t> m_totalsKept;
    std::size_t m_metrics = 0;                ///< per decision (weigh())
    std::vector<float> m_answerWeights;       ///< by option entry, m_metrics each: sumEvidence()
    std::vector<std::int64_t> m_answerScored; ///< by option entry, m_scored.size() each: sumEvidence()

public:
    /// (link, decision): parallel decisions kept for the scored totals they give (keepIfItsTotalsDiffer).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_extraEdges;

private:
    std::vector<float> m_weights; ///< addDecision()'s scratch
    /// expand()'s walks so far from the state it expands, by the effects and target of the answer
    /// that took them: the states they stopped in, m_outcomes[firstOutcome, endOutcome).
    struct Followed {
        std::uint32_t effects = 0;
        std::uint32_t target = 0;
        std::uint32_t firstOutcome = 0;
        std::uint32_t endOutcome = 0;
    };
    std::vector<Followed> m_followed;
    struct Outcome {
        std::uint32_t to = 0; ///< the state
        double seconds = 0;   ///< reading on the way there
    };
    std::vector<Outcome> m_outcomes;
    std::vector<std::uint32_t> m_scoredIndex; ///< by principle: its place in m_scored, or kNone
    std::size_t m_varCount = 0;
    std::vector<Facts> m_live;                      ///< by node: the facts that can still matter there
    mutable std::vector<std::int8_t> m_scoreChosen; ///< this step's region per scored principle, -1: unread
    std::vector<std::uint32_t> m_trackedIndex;
    std::vector<std::uint32_t> m_onceBitOf; ///< by option entry: its bit if it is once-only, else kNone
    std::size_t m_onceBits = 0;
    StateLayout m_layout;
    std::vector<std::uint64_t> m_stateWords; ///< every state found, m_layout.stride() words each, by id
    StateWords m_scratch;                    ///< follow()'s state before it is interned
    StateWords m_walkKey;                    ///< walk()'s state, to notice it coming back
    StateWords m_used;                       ///< follow()'s once-only bits after its answer
    std::uint32_t m_loaded = kNone;          ///< the state m_words and m_visits hold untouched, if any
    IdTable m_stateIds;                      ///< every state's id, by hashOf its words
    std::vector<std::int64_t> m_forced;
    std::vector<std::int64_t> m_rolled;
    std::vector<std::int64_t> m_rollRanges; ///< the highest value of each draw
};

/// The links leaving each state. The explorer makes links while it expands states in id order,
/// so those of state s are one run of its links, [first[s], first[s + 1]): no list per state.
class OutLinks {
public:
    OutLinks(std::size_t states, const std::vector<Explorer::Link>& links)
        : m_first(states + 1, 0), m_links(links)
    {
        assert(std::is_sorted(links.begin(), links.end(),
                              [](const auto& a, const auto& b) { return a.from < b.from; }));
        for (const auto& link : links)
            ++m_first[link.from + 1];
        for (std::size_t s = 0; s < states; ++s)
            m_first[s + 1] += m_first[s];
    }

    /// Link indices [first, last), to be walked with a range for.
    struct Run {
        struct Iterator {
            std::uint32_t at = 0;
            std::uint32_t operator*() const { return at; }
            Iterator& operator++()
            {
                ++at;
                return *this;
            }
            bool operator==(const Iterator&) const = default;
        };
        std::uint32_t first = 0;
        std::uint32_t last = 0;
        [[nodiscard]] Iterator begin() const { return {first}; }
        [[nodiscard]] Iterator end() const { return {last}; }
    };

    /// The links leaving state `s`, by index. (Not std::views::iota: clang-tidy's clang 14
    /// cannot read libstdc++ 12's.)
    [[nodiscard]] Run of(std::uint32_t s) const { return {m_first[s], m_first[s + 1]}; }
    [[nodiscard]] std::uint32_t degree(std::uint32_t s) const { return m_first[s + 1] - m_first[s]; }
    /// The state the `k`th link leaving `s` goes to.
    [[nodiscard]] std::uint32_t successor(std::uint32_t s, std::uint32_t k) const
    {
        return m_links[m_first[s] + k].to;
    }

private:
    std::vector<std::uint32_t> m_first;
    const std::vector<Explorer::Link>& m_links;
};

/// Strongly connected components: component c is states[start[c], start[c + 1]).
struct Components {
    std::vector<std::uint32_t> states;
    std::vector<std::uint32_t> start{0};
    [[nodiscard]] std::size_t size() const { return start.size() - 1; }
    [[nodiscard]] std::span<const std::uint32_t> operator[](std::size_t c) const
    {
        return {states.data() + start[c], states.data() + start[c + 1]};
    }
};

/// The strongly connected components of the state graph, in reverse topological order (Tarjan,
/// iterative: a long scenario must not overflow the stack).
Components components(std::size_t count, const OutLinks& out)
{
    std::vector<std::uint32_t> index(count, kNone);
    std::vector<std::uint32_t> low(count, 0);
    std::vector<char> onStack(count, 0);
    std::vector<std::uint32_t> stack;
    Components result;
    result.states.reserve(count);
    std::uint32_t next = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> frames;
    for (std::uint32_t root = 0; root < count; ++root) {
        if (index[root] != kNone)
            continue;
        frames.emplace_back(root, 0);
        while (!frames.empty()) {
            auto& [v, k] = frames.back();
            if (k == 0) {
                index[v] = low[v] = next++;
                stack.push_back(v);
                onStack[v] = 1;
            }
            if (k < out.degree(v)) {
                const auto w = out.successor(v, k++);
                if (index[w] == kNone)
                    frames.emplace_back(w, 0);
                else if (onStack[w])
                    low[v] = std::min(low[v], index[w]);
                continue;
            }
            if (low[v] == index[v]) {
                std::uint32_t w = 0;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[w] = 0;
                    result.states.push_back(w);
                } while (w != v);
                result.start.push_back(static_cast<std::uint32_t>(result.states.size()));
            }
            const auto done = v;
            frames.pop_back();
            if (!frames.empty())
                low[frames.back().first] = std::min(low[frames.back().first], low[done]);
        }
    }
    return result;
}

} // namespace

PathAnalysis analysePaths(const Scenario& scenario, const PathAnalysisOptions& options)
{
    Explorer explorer(scenario, options);
    explorer.explore();
    const auto& edges = explorer.m_edges;
    const std::size_t n = explorer.stateCount();
    const std::size_t principles = scenario.framework.principles.size();

    PathAnalysis result;
    result.states = n;
    result.edges = explorer.m_decisions;
    result.partial = explorer.m_partial;
    result.nodeReached = explorer.reached();
    result.loops = explorer.m_loops;

    // Every metric is a shortest path: a principle's lowest total (its evidence), its highest
    // (the evidence negated), the fewest and most decisions, the shortest and longest time.
    // +inf: not reached; -inf: a loop lowers it without limit. The explorer weighed each link.
    const std::size_t metrics = 2 * principles + 4;
    const auto& links = explorer.m_links;
    const auto& linkWeight = explorer.m_linkWeight;
    const auto& linkEdge = explorer.m_linkEdge;
    const OutLinks outEdges(n, links);

    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<double> dist(n * metrics, inf);
    std::vector<std::uint32_t> via(n * principles, kNone); // the edge of each lowest total
    for (std::size_t i = 0; i < explorer.m_starts.size(); ++i) {
        const auto s = explorer.m_starts[i];
        for (std::size_t m = 0; m < metrics; ++m)
            dist[s * metrics + m] = 0;
        dist[s * metrics + 2 * principles + 2] = explorer.m_startSeconds[i];
        dist[s * metrics + 2 * principles + 3] = -explorer.m_startSeconds[i];
    }
    const auto relax = [&](std::uint32_t l, std::size_t m) {
        const double from = dist[links[l].from * metrics + m];
        if (from == inf)
            return false;
        const double candidate = from == -inf ? -inf : from + linkWeight[l * metrics + m];
        double& to = dist[links[l].to * metrics + m];
        if (candidate >= to)
            return false;
        to = candidate;
        if (m < 2 * principles && m % 2 == 0)
            via[links[l].to * principles + m / 2] = linkEdge[l * metrics + m];
        return true;
    };
    const auto sccs = components(n, outEdges);
    std::vector<std::uint32_t> componentOf(n, 0);
    for (std::uint32_t c = 0; c < sccs.size(); ++c)
        for (const auto s : sccs[c])
            componentOf[s] = c;
    std::vector<char> inQueue(n, 0);
    for (std::size_t c = sccs.size(); c-- > 0;) { // topological order
        const auto component = sccs[c];
        bool toItself = false;
        for (const auto l : outEdges.of(component[0]))
            toItself = toItself || links[l].to == component[0];
        const bool cyclic = component.size() > 1 || toItself;
        if (cyclic) {
            // Inside a loop, relax until nothing improves (a queue-based Bellman-Ford). A loop that
            // keeps improving a metric makes it unbounded; so does one too big to settle within
            // the budget below (reported as without limit, which is then an over-statement).
            std::size_t innerLinks = 0;
            for (const auto s : component)
                for (const auto l : outEdges.of(s))
                    innerLinks += componentOf[links[l].to] == c ? 1 : 0;
            const std::size_t budget = 8 * (innerLinks + component.size());
            for (std::size_t m = 0; m < metrics; ++m) {
                std::deque<std::uint32_t> work;
                for (const auto s : component)
                    if (dist[s * metrics + m] != inf) {
                        work.push_back(s);
                        inQueue[s] = 1;
                    }
                std::size_t relaxed = 0;
                bool unbounded = false;
                while (!work.empty() && !unbounded) {
                    const auto s = work.front();
                    work.pop_front();
                    inQueue[s] = 0;
                    for (const auto l : outEdges.of(s)) {
                        if (componentOf[links[l].to] != c || !relax(l, m))
                            continue;
                        if (++relaxed > budget) {
                            unbounded = true;
                            break;
                        }
                        if (!inQueue[links[l].to]) {
                            inQueue[links[l].to] = 1;
                            work.push_back(links[l].to);
                        }
                    }
                }
                for (const auto s : work)
                    inQueue[s] = 0;
                if (unbounded)
                    for (const auto s : component)
                        if (dist[s * metrics + m] != inf)
                            dist[s * metrics + m] = -inf;
            }
        }
        for (const auto s : component)
            for (const auto l : outEdges.of(s))
                if (componentOf[links[l].to] != c)
                    for (std::size_t m = 0; m < metrics; ++m)
                        relax(l, m);
    }

    // Fewest decisions to each state, for the shortest path to each ending.
    std::vector<std::uint32_t> parent(n, kNone);
    std::vector<std::uint32_t> depth(n, kNone);
    std::deque<std::uint32_t> queue;
    for (const auto s : explorer.m_starts) {
        depth[s] = 0;
        queue.push_back(s);
    }
    while (!queue.empty()) {
        const auto s = queue.front();
        queue.pop_front();
        for (const auto l : outEdges.of(s))
            if (depth[links[l].to] == kNone) {
                depth[links[l].to] = depth[s] + 1;
                parent[links[l].to] = links[l].edge;
                queue.push_back(links[l].to);
            }
    }
    const auto pathTo = [&](std::uint32_t s, const std::vector<std::uint32_t>& by, std::size_t stride,
                            std::size_t offset) {
        std::vector<PathStep> path;
        std::vector<char> on(n, 0);
        while (!on[s]) {
            on[s] = 1;
            const auto e = by[s * stride + offset];
            if (e == kNone)
                break;
            path.push_back(edges[e].step());
            s = edges[e].from;
        }
        std::reverse(path.begin(), path.end());
        return path;
    };

    const auto toTotal = [](double v, bool high) -> std::int64_t {
        if (v == -inf)
            return high ? kUnboundedHigh : kUnboundedLow;
        return high ? static_cast<std::int64_t>(-v) : static_cast<std::int64_t>(v);
    };
    const auto scoredAt = [&](std::size_t p) -> std::uint32_t {
        const auto& scored = explorer.m_scored;
        const auto it = std::find(scored.begin(), scored.end(), p);
        return it == scored.end() ? kNone : static_cast<std::uint32_t>(it - scored.begin());
    };
    // Whether the fewest-decisions path to end state `s` really gives the totals the walk to it
    // assumed of score(): only then does replaying it reach this ending.
    const auto consistent = [&](std::uint32_t s) {
        const auto assumedAny = [&] {
            for (std::size_t i = 0; i < explorer.m_scored.size(); ++i)
                if (explorer.assumedRegion(s, i) >= 0)
                    return true;
            return false;
        };
        if (!assumedAny())
            return true;
        std::vector<std::int64_t> totals(principles, 0);
        for (std::uint32_t at = s; parent[at] != kNone; at = edges[parent[at]].from)
            for (const auto& ev : answerOf(scenario, edges[parent[at]].step()).evidence)
                totals[ev.principle] = saturating::saturatingAdd(totals[ev.principle], ev.amount);
        for (std::size_t i = 0; i < explorer.m_scored.size(); ++i) {
            const auto region = explorer.assumedRegion(s, i);
            if (region < 0)
                continue;
            const auto [lo, hi] = explorer.m_domains[i].regions[static_cast<std::size_t>(region)];
            const auto total = totals[explorer.m_scored[i]];
            if (total < lo || total > hi)
                return false;
        }
        return true;
    };
    // When the fewest-decisions path to every state at an ending gives totals its walk did not
    // assume of score(), search paths with their totals (states paired with the totals of the
    // principles score() reads), over each link's decisions that differ in those totals, fewest
    // first. The states do not carry the totals (it would split them by every sum), so an ending
    // can look reached when each of its score() conditions holds on some path but no path meets
    // them all: a search that tries every path and finds none shows the ending is not reached.
    // Bounded: when the budget runs out first, the ending stays reached, without a script.
    auto extras = explorer.m_extraEdges; // sorted by link, for the search below
    bool searchExhausted = false;        // the last search tried every path, within its budget
    std::sort(extras.begin(), extras.end());
    const auto pathGivingAssumption = [&](std::uint32_t endNode) -> std::optional<std::vector<PathStep>> {
        struct Visit {
            std::uint32_t state;
            std::vector<std::int64_t> totals;
            std::uint32_t previous; ///< index into `visits`
            std::uint32_t edge;
        };
        std::vector<Visit> visits;
        std::set<std::pair<std::uint32_t, std::vector<std::int64_t>>> seenPairs;
        std::deque<std::uint32_t> pending;
        const std::size_t scored = explorer.m_scored.size();
        for (const auto s : explorer.m_starts) {
            visits.push_back({s, std::vector<std::int64_t>(scored, 0), kNone, kNone});
            seenPairs.insert({s, visits.back().totals});
            pending.push_back(static_cast<std::uint32_t>(visits.size() - 1));
        }
        constexpr std::size_t kBudget = 200'000;
        while (!pending.empty() && visits.size() < kBudget) {
            const auto v = pending.front();
            pending.pop_front();
            const auto s = visits[v].state;
            if (explorer.stateNode(s) == endNode) {
                bool fits = true;
                for (std::size_t i = 0; i < scored; ++i)
                    if (const auto region = explorer.assumedRegion(s, i); region >= 0) {
                        const auto [lo, hi] = explorer.m_domains[i].regions[static_cast<std::size_t>(region)];
                        fits = fits && visits[v].totals[i] >= lo && visits[v].totals[i] <= hi;
                    }
                if (fits) {
                    std::vector<PathStep> path;
                    for (auto at = v; visits[at].edge != kNone; at = visits[at].previous)
                        path.push_back(edges[visits[at].edge].step());
                    std::reverse(path.begin(), path.end());
                    return path;
                }
            }
            for (const auto l : outEdges.of(s)) {
                std::vector<std::uint32_t> choices{links[l].edge};
                for (std::size_t m = 0; m < 2 * principles; ++m)
                    if (std::find(choices.begin(), choices.end(), linkEdge[l * metrics + m]) == choices.end())
                        choices.push_back(linkEdge[l * metrics + m]);
                const auto [first, last] = std::equal_range(
                    extras.begin(), extras.end(), std::pair<std::uint32_t, std::uint32_t>{l, 0},
                    [](const auto& a, const auto& b) { return a.first < b.first; });
                for (auto it = first; it != last; ++it)
                    if (std::find(choices.begin(), choices.end(), it->second) == choices.end())
                        choices.push_back(it->second);
                for (const auto e : choices) {
                    auto totals = visits[v].totals;
                    for (const auto& ev : answerOf(scenario, edges[e].step()).evidence)
                        for (std::size_t i = 0; i < scored; ++i)
                            if (explorer.m_scored[i] == ev.principle)
                                totals[i] = saturating::saturatingAdd(totals[i], ev.amount);
                    if (!seenPairs.insert({links[l].to, totals}).second)
                        continue;
                    visits.push_back({links[l].to, std::move(totals), v, e});
                    pending.push_back(static_cast<std::uint32_t>(visits.size() - 1));
                }
            }
        }
        searchExhausted = pending.empty();
        return std::nullopt;
    };
    bool anyEnd = false;
    double fewest = inf;
    double most = inf; // negated
    double quickest = inf;
    double longest = inf; // negated
    // The states at each ending, found in one pass rather than one per ending.
    std::vector<std::vector<std::uint32_t>> statesAtEnd(scenario.nodes.size());
    for (std::uint32_t s = 0; s < n; ++s)
        if (scenario.nodes[explorer.stateNode(s)].kind() == NodeKind::End)
            statesAtEnd[explorer.stateNode(s)].push_back(s);
    for (std::size_t node = 0; node < scenario.nodes.size(); ++node) {
        if (scenario.nodes[node].kind() != NodeKind::End)
            continue;
        EndingPaths ending;
        ending.node = node;
        ending.worst.assign(principles, 0);
        ending.best.assign(principles, 0);
        std::uint32_t nearest = kNone;
        std::vector<std::uint32_t> lowest(principles, kNone); // the state of each lowest total
        for (const auto s : statesAtEnd[node]) {
            if (dist[s * metrics] == inf)
                continue;
            const double* d = &dist[s * metrics];
            // A total the walk to this ending took score() to be outside of is on no real path:
            // the ending's totals are cut to the region it assumed.
            // The region of totals of principle p the walk here assumed, if it assumed one.
            const auto assumedHere =
                [&](std::size_t p) -> std::optional<std::pair<std::int64_t, std::int64_t>> {
                const auto at = scoredAt(p);
                if (at == kNone || explorer.assumedRegion(s, at) < 0)
                    return std::nullopt;
                return explorer.m_domains[at]
                    .regions[static_cast<std::size_t>(explorer.assumedRegion(s, at))];
            };
            const auto worstHere = [&](std::size_t p) {
                auto total = toTotal(d[2 * p], false);
                if (const auto region = assumedHere(p))
                    total = std::max(total, region->first);
                return total;
            };
            const auto bestHere = [&](std::size_t p) {
                auto total = toTotal(d[2 * p + 1], true);
                if (const auto region = assumedHere(p))
                    total = std::min(total, region->second);
                return total;
            };
            for (std::size_t p = 0; p < principles; ++p) {
                if (!ending.reached || worstHere(p) < ending.worst[p]) {
                    ending.worst[p] = worstHere(p);
                    lowest[p] = s;
                }
                ending.best[p] = ending.reached ? std::max(ending.best[p], bestHere(p)) : bestHere(p);
            }
            ending.reached = true;
            anyEnd = true;
            fewest = std::min(fewest, d[2 * principles]);
            most = std::min(most, d[2 * principles + 1]);
            quickest = std::min(quickest, d[2 * principles + 2]);
            longest = std::min(longest, d[2 * principles + 3]);
            if (depth[s] != kNone && (nearest == kNone || depth[s] < depth[nearest]) && consistent(s))
                nearest = s;
        }
        if (nearest != kNone) {
            ending.shortest = pathTo(nearest, parent, 1, 0);
        } else if (ending.reached) {
            auto found = pathGivingAssumption(static_cast<std::uint32_t>(node));
            ending.shortestFound = found.has_value();
            if (found)
                ending.shortest = std::move(*found);
            if (!ending.shortestFound && searchExhausted) { // no path meets its conditions together
                ending = EndingPaths{};
                ending.node = node;
                ending.worst.assign(principles, 0);
                ending.best.assign(principles, 0);
            }
        }
        const auto* end = std::get_if<EndNode>(&scenario.nodes[node].body);
        if (ending.reached && end && end->outcome == Outcome::Good)
            for (const auto p : scenario.meta.focus)
                if (ending.worst[p] < 0)
                    result.breaches.push_back(
                        {node, p, ending.worst[p], pathTo(lowest[p], via, principles, p)});
        result.endings.push_back(std::move(ending));
    }
    if (anyEnd) {
        result.minDecisions = static_cast<std::size_t>(fewest);
        if (most != -inf)
            result.maxDecisions = static_cast<std::size_t>(-most);
        result.minMinutes = quickest / 60;
        if (longest != -inf)
            result.maxMinutes = -longest / 60;
    }
    return result;
}

namespace {

/// "first_move 3, explore_respond 'took-over'": a path as an author reads it (options 1-based,
/// as authored; routes by label).
std::string describePath(const Scenario& scenario, const std::vector<PathStep>& path)
{
    std::string out;
    for (const auto& step : path) {
        if (!out.empty())
            out += ", ";
        const auto& node = scenario.nodes[step.node];
        out += node.id + " ";
        if (const auto* choice = std::get_if<ChoiceNode>(&node.body))
            out += step.answer < choice->options.size() ? std::to_string(step.answer + 1) : "fallback";
        else if (const auto* prompt = std::get_if<RespondNode>(&node.body))
            out += "'" +
                   (step.answer < prompt->routes.size() ? prompt->routes[step.answer].label : "otherwise") +
                   "'";
    }
    return out.empty() ? "no decisions" : out;
}

} // namespace

Diagnostics analysisDiagnostics(const Scenario& scenario, const PathAnalysis& analysis)
{
    Diagnostics diag;
    for (const auto& b : analysis.breaches) {
        const auto& ending = scenario.nodes[b.ending];
        const auto& principle = scenario.framework.principles[b.principle];
        diag.error(ending.where, DiagnosticCode::GoodEndingBreaksFocus,
                   "good ending '" + ending.id + "' can be reached with '" + principle.id +
                       "', a focus of this scenario, at " +
                       (b.total == kUnboundedLow ? std::string("no lower limit (a loop lowers it)")
                                                 : std::to_string(b.total)) +
                       ": " + describePath(scenario, b.path) +
                       "; make that path end elsewhere, or make it cost the trainee the ending");
    }
    for (const auto& loop : analysis.loops)
        diag.error(
            scenario.nodes[loop.node].where, DiagnosticCode::LoopWithoutDecision,
            "the conversation can go round through node '" + scenario.nodes[loop.node].id +
                "' forever without the trainee deciding anything; give the loop a choice or a way out");
    if (analysis.partial) {
        diag.warning({scenario.path, 1, 1}, DiagnosticCode::AnalysisPartial,
                     "the analysis stopped after " + std::to_string(analysis.states) +
                         " decision states (the budget; see --max-states): its results are partial, and "
                         "endings and nodes it did not reach are not reported");
        return diag;
    }
    // Nodes the graph reaches (lint has reported the others, SP0301 and SP0305).
    std::vector<char> linked(scenario.nodes.size(), 0);
    std::deque<std::size_t> queue{scenario.start};
    linked[scenario.start] = 1;
    while (!queue.empty()) {
        const auto node = queue.front();
        queue.pop_front();
        for (const auto next : successors(scenario, node))
            if (!linked[next]) {
                linked[next] = 1;
                queue.push_back(next);
            }
    }
    for (const auto& ending : analysis.endings)
        if (!ending.reached)
            diag.error(scenario.nodes[ending.node].where, DiagnosticCode::EndingNoPathReaches,
                       "no path reaches ending '" + scenario.nodes[ending.node].id +
                           "': the conditions on the way are never met together");
    for (std::size_t node = 0; node < scenario.nodes.size(); ++node)
        if (linked[node] && !analysis.nodeReached[node] && scenario.nodes[node].kind() != NodeKind::End)
            diag.warning(scenario.nodes[node].where, DiagnosticCode::NodeNoPathReaches,
                         "no path reaches node '" + scenario.nodes[node].id +
                             "': the conditions on the way to it are never met together");
    return diag;
}

} // namespace sparring::core
