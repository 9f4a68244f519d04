// Sparring benchmarks (Google Benchmark). Not part of the test run: build the `sparring_bench`
// target and run it, e.g. build/default/tests/bench/sparring_bench --benchmark_counters_tabular=true
//
//   LoadVsYamlCpp/N   load + validate vs yaml-cpp alone parsing the same text; counter `ratio`
//   SessionSteps/N    headless automatic play; items_per_second = session steps per second
//   SessionStepsDescribed/N the same through choose(), which also returns each turn's texts
//   Validate/N        the validator's whole-graph checks alone (reachability, dead ends, cycles)
//   AnalyseShipped/S  `sparring analyze` on a shipped scenario (0 the role-play, 1 the panel): states
//   AnalyseSynthetic/N the same on a synthetic scenario, up to the default budget of states
//   Classify/routing  utterances analysed per second on one thread (act, depth, tags; no evidence text)
//   Classify/explained the same with evidence spans and explanations, as `sparring play` shows them
// N is the number of units of the synthetic scenario (`sparring generate --units N`): 2N+1 nodes.

#include "console/Classify.hpp"
#include "console/Report.hpp"
#include "console/SyntheticScenario.hpp"
#include "core/Loader.hpp"
#include "core/PathAnalysis.hpp"
#include "core/Validator.hpp"
#include "progress/BackgroundKeeper.hpp"
#include "progress/SampleRecords.hpp"
#include "progress/Store.hpp"
#include "runtime/Session.hpp"

#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

namespace {

using namespace sparring;

const std::string& syntheticText(std::size_t units)
{
    static std::map<std::size_t, std::string> cache;
    auto& text = cache[units];
    if (text.empty())
        text = console::syntheticScenarioYaml({units, 1});
    return text;
}

std::shared_ptr<const core::Scenario> syntheticScenario(std::size_t units)
{
    static std::map<std::size_t, std::shared_ptr<const core::Scenario>> cache;
    auto& scenario = cache[units];
    if (!scenario) {
        auto loaded = core::loadScenarioText(syntheticText(units), "synthetic.yaml",
                                             std::filesystem::temp_directory_path());
        if (!loaded.scenario)
            return nullptr;
        scenario = std::make_shared<const core::Scenario>(std::move(*loaded.scenario));
    }
    return scenario;
}

void LoadVsYamlCpp(benchmark::State& state)
{
    const auto units = static_cast<std::size_t>(state.range(0));
    const std::string& text = syntheticText(units);
    using Clock = std::chrono::steady_clock;
    Clock::duration yamlTime{};
    Clock::duration loadTime{};
    for (auto _ : state) {
        const auto t0 = Clock::now();
        {
            // Parse and free the tree, as the loader does: both sides pay for yaml-cpp's teardown.
            YAML::Node root = YAML::Load(text);
            benchmark::DoNotOptimize(root);
        }
        const auto t1 = Clock::now();
        auto loaded = core::loadScenarioText(text, "synthetic.yaml", std::filesystem::temp_directory_path());
        const auto t2 = Clock::now();
        if (!loaded.scenario) {
            state.SkipWithError("the synthetic scenario did not load");
            return;
        }
        yamlTime += t1 - t0;
        loadTime += t2 - t1;
    }
    const auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    state.counters["nodes"] = static_cast<double>(2 * units + 1);
    state.counters["yaml_ms"] = 1000 * seconds(yamlTime) / static_cast<double>(state.iterations());
    state.counters["load_ms"] = 1000 * seconds(loadTime) / static_cast<double>(state.iterations());
    state.counters["ratio"] = seconds(loadTime) / seconds(yamlTime);
}
// Small sizes vary most from run to run, so they get more iterations.
BENCHMARK(LoadVsYamlCpp)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(LoadVsYamlCpp)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(LoadVsYamlCpp)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(3);

/// Automatic play: go on after lines; at choices take the first available option. `Describe`
/// picks with choose(), which also returns the turn's texts (option text, feedback, evidence);
/// without it pick() only moves the state, as a headless player does.
template <bool Describe> void runSteps(benchmark::State& state)
{
    const auto scenario = syntheticScenario(static_cast<std::size_t>(state.range(0)));
    if (!scenario) {
        state.SkipWithError("the synthetic scenario did not load");
        return;
    }
    runtime::SessionOptions options;
    options.keepHistory = false;
    options.recordTranscript = false;
    runtime::Session session(scenario, options);
    std::int64_t steps = 0;
    for (auto _ : state) {
        if (session.finished()) {
            state.PauseTiming();
            session = runtime::Session(scenario, options);
            state.ResumeTiming();
        } else if (!session.next()) {
            const auto& available = session.state().offeredAvailable;
            std::size_t pick = 0;
            while (pick < available.size() && !available[pick])
                ++pick;
            if constexpr (Describe)
                benchmark::DoNotOptimize(session.choose(pick + 1));
            else
                benchmark::DoNotOptimize(session.pick(pick + 1));
        }
        ++steps;
    }
    state.SetItemsProcessed(steps);
}

void SessionSteps(benchmark::State& state)
{
    runSteps<false>(state);
}

void SessionStepsDescribed(benchmark::State& state)
{
    runSteps<true>(state);
}
BENCHMARK(SessionSteps)->Arg(1000)->Arg(100000);
BENCHMARK(SessionStepsDescribed)->Arg(1000)->Arg(100000);

void Validate(benchmark::State& state)
{
    const auto scenario = syntheticScenario(static_cast<std::size_t>(state.range(0)));
    if (!scenario) {
        state.SkipWithError("the synthetic scenario did not load");
        return;
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(core::validate(*scenario));
    state.SetComplexityN(static_cast<std::int64_t>(scenario->nodes.size()));
    state.counters["nodes"] = static_cast<double>(scenario->nodes.size());
}
BENCHMARK(Validate)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

/// Typical one- or two-sentence manager utterances, in the styles people type.
const std::vector<std::string>& typicalUtterances()
{
    static const std::vector<std::string> lines{
        "What happened on the call with their CFO?",
        "So the champion went quiet after pricing.",
        "Let me call them for you, just forward me the thread.",
        "You did the hard work of multi-threading early. That paid off.",
        "don't you think you should loop in legal sooner?",
        "Can I share something I've seen work with CFOs?",
        "um so like what's ur next step by friday",
        "You sound worried this slip takes your quarter with it.",
        "Legal needs ten days for a redline.",
        "Thanks for coming in. How did the demo go?",
        "Why didn't you update the CRM before the forecast call?",
        "Let me check I've got it: budget's approved, timing is Q3, and Tom is your champion.",
        "ok",
        "Who's the economic buyer, and what metrics has she seen from us?",
        "On Tuesday's call, when you paused after the price, the CFO filled the silence.",
        "Send me the one-pager by Tuesday noon and we'll review it Thursday at 2.",
    };
    return lines;
}

std::unique_ptr<scoring::Analyser> makeAnalyser()
{
    auto framework = core::loadFramework(SPARRING_SOURCE_DIR "/scenarios/framework/default.yaml");
    if (!framework.framework)
        return nullptr;
    return std::make_unique<scoring::Analyser>(SPARRING_MODEL_DIR,
                                               scoring::phraseListsOf(*framework.framework));
}

/// Classify: the routing path (act, depth, tags); Explained: with evidence and explanations.
void Classify(benchmark::State& state, bool explained)
{
    const auto analyser = makeAnalyser();
    if (!analyser) {
        state.SkipWithError("the default framework did not load");
        return;
    }
    const auto& lines = typicalUtterances();
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& line = lines[i++ % lines.size()];
        benchmark::DoNotOptimize(explained ? analyser->explain(line) : analyser->classify(line));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(Classify, routing, false);
BENCHMARK_CAPTURE(Classify, explained, true);

} // namespace

void AnalyseShipped(benchmark::State& state)
{
    static const char* const files[] = {"scenarios/roleplay/takeover-late-stage.yaml",
                                        "scenarios/panel/why-managers-dont-coach.yaml"};
    auto loaded = core::loadScenario(std::filesystem::path(SPARRING_SOURCE_DIR) / files[state.range(0)]);
    if (!loaded.scenario) {
        state.SkipWithError("the shipped scenario did not load");
        return;
    }
    core::PathAnalysis analysis;
    for (auto _ : state) {
        analysis = core::analysePaths(*loaded.scenario);
        benchmark::DoNotOptimize(analysis.states);
    }
    state.counters["states"] = static_cast<double>(analysis.states);
    state.counters["decisions"] = static_cast<double>(analysis.edges);
    state.counters["partial"] = analysis.partial ? 1 : 0;
}
BENCHMARK(AnalyseShipped)->DenseRange(0, 1)->Unit(benchmark::kMillisecond)->Iterations(5);

void AnalyseSynthetic(benchmark::State& state)
{
    const auto scenario = syntheticScenario(static_cast<std::size_t>(state.range(0)));
    if (!scenario) {
        state.SkipWithError("the synthetic scenario did not load");
        return;
    }
    core::PathAnalysis analysis;
    for (auto _ : state) {
        analysis = core::analysePaths(*scenario);
        benchmark::DoNotOptimize(analysis.states);
    }
    state.counters["states"] = static_cast<double>(analysis.states);
    state.counters["partial"] = analysis.partial ? 1 : 0;
}
BENCHMARK(AnalyseSynthetic)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(2);

// ---- practice history --------------------------------------------------------------------------

/// A store of `count` sessions: ten trainees, each session with nine decisions and eight scored
/// principles, as a shipped role-play gives. Made once per size and reused.
const std::filesystem::path& storeOf(int count)
{
    static std::map<int, std::filesystem::path> made;
    auto& file = made[count];
    if (file.empty()) {
        file = std::filesystem::temp_directory_path() /
               ("sparring-bench-store-" + std::to_string(count) + ".sqlite");
        std::filesystem::remove(file);
        const auto store = sparring::progress::openStore(file.string());
        for (int i = 0; i < count; ++i) {
            auto r =
                sparring::test::sampleRecord("trainee " + std::to_string(i % 10),
                                             1'790'000'000'000 + static_cast<long long>(i) * 3'600'000, 9);
            r.principles.clear();
            for (int p = 0; p < 8; ++p)
                r.principles.push_back({"principle_" + std::to_string(p), "Principle " + std::to_string(p),
                                        static_cast<double>((i + p) % 7 - 2),
                                        static_cast<std::size_t>(1 + (i + p) % 4)});
            store->save(r);
        }
    }
    return file;
}

/// `sparring report --team --format html` on a store of N sessions, less process start: read every
/// session, compute each trainee's and the team's KPIs and next drill, write the HTML.
void ReportFromStore(benchmark::State& state)
{
    const auto& file = storeOf(static_cast<int>(state.range(0)));
    const std::vector<sparring::progress::DrillOption> library{{"a", "A", {"principle_0"}, {"Principle 0"}},
                                                               {"b", "B", {"principle_3"}, {"Principle 3"}}};
    std::size_t bytes = 0;
    for (auto _ : state) {
        const auto store = sparring::progress::openStore(file.string(), sparring::progress::Access::ReadOnly);
        sparring::progress::SessionQuery query;
        query.withDecisions = false; // as `sparring report` reads for every form but JSON
        auto report = sparring::console::buildReport(store->describe(), store->sessions(query), library, true,
                                                     sparring::progress::now());
        std::ostringstream html;
        sparring::console::writeReportHtml(html, report);
        bytes = html.str().size();
    }
    state.counters["html_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(ReportFromStore)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(3);

/// What the trainer's frame thread pays to record a finished session: handing the record to the
/// background keeper (the store's transaction and sync run on its thread), against keeping it
/// right there.
void KeepSession(benchmark::State& state, bool inBackground)
{
    const auto folder = std::filesystem::temp_directory_path() / "sparring-bench-keep";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const auto store = (folder / "p.sqlite").string();
    sparring::progress::BackgroundKeeper background(store, folder / "unsaved");
    sparring::progress::SessionKeeper here(store, folder / "unsaved");
    for (auto _ : state) {
        auto record = sparring::test::sampleRecord("Ana", sparring::progress::now(), 9);
        if (inBackground)
            background.keep(std::move(record));
        else
            (void)here.keep(record);
    }
    background.waitUntilIdle();
}
BENCHMARK_CAPTURE(KeepSession, handed_to_the_keeper_thread, true)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(200);
BENCHMARK_CAPTURE(KeepSession, kept_on_the_calling_thread, false)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(200);

BENCHMARK_MAIN();
