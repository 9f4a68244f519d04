#include "console/Classify.hpp"

#include "core/Utf8.hpp"
#include "scoring/Training.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <istream>
#include <map>
#include <ostream>
#include <set>

namespace sparring::console {

using namespace scoring;

namespace {

/// `line` with each ill-formed UTF-8 sequence replaced by U+FFFD, as the JSON output writes it,
/// so that evidence offsets index the text that is printed rather than the bytes that were read.
std::string withValidUtf8(const std::string& line)
{
    const auto dumped = nlohmann::json(line).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return nlohmann::json::parse(dumped).get<std::string>();
}

} // namespace

std::string analysisJson(std::string_view text, const Analysis& a)
{
    nlohmann::json evidence = nlohmann::json::array();
    for (const auto& e : a.evidence)
        evidence.push_back({{"label", e.label}, {"start", e.start}, {"end", e.end}, {"why", e.why}});
    nlohmann::json out{{"text", std::string(text)}, {"act", std::string(core::toString(a.act))}};
    if (!a.depth.empty())
        out["depth"] = a.depth;
    out["confidence"] = std::round(static_cast<double>(a.actConfidence) * 1000.0) / 1000.0;
    out["unsure"] = a.actUnsure;
    out["tags"] = a.tags;
    out["evidence"] = evidence;
    // Invalid UTF-8 in the input must not make the output invalid JSON, nor a control character in
    // it reach the terminal raw.
    return core::jsonControlsEscaped(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void printAnalysis(std::ostream& out, std::string_view text, const Analysis& a)
{
    // The utterance and what quotes it come from whoever wrote the input: through the one rule
    // for a terminal, on one line each.
    const auto safe = [](std::string_view content) { return core::terminalSafe(content, false); };
    out << safe(text) << "\n  act: " << core::toString(a.act);
    if (!a.depth.empty())
        out << " (" << safe(a.depth) << ")";
    out << "\n  confidence: " << scoring::confidencePercent(a) << "%"
        << (a.actUnsure ? " (unsure: feedback chosen by this act comes with a caution)" : "") << "\n";
    if (!a.tags.empty()) {
        out << "  tags:";
        for (const auto& t : a.tags)
            out << " " << safe(t);
        out << "\n";
    }
    for (const auto& e : a.evidence)
        out << "  - " << safe(e.why) << "\n";
}

std::size_t classifyLines(std::istream& in, std::ostream& out, std::ostream& warnings,
                          const Analyser& analyser, bool jsonl, const std::string& inputName)
{
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const std::string text = withValidUtf8(line);
        Analysis a = analyser.explain(text);
        if (text != line)
            a.warnings.insert(a.warnings.begin(), "invalid UTF-8: the bad bytes were replaced by U+FFFD");
        for (const auto& w : a.warnings)
            warnings << core::terminalSafe(inputName, false) << ":" << number
                     << ": warning: " << core::terminalSafe(w, false) << "\n";
        if (jsonl)
            out << analysisJson(text, a) << "\n";
        else
            printAnalysis(out, text, a);
    }
    return number;
}

void printEvaluation(std::ostream& out, const Evaluation& e)
{
    char buffer[256];
    out << "Acts (" << e.items << " utterances)\n";
    std::snprintf(buffer, sizeof buffer, "  %-16s %9s %9s %9s %8s\n", "act", "precision", "recall", "f1",
                  "support");
    out << buffer;
    for (const auto& s : e.acts) {
        std::snprintf(buffer, sizeof buffer, "  %-16s %9.3f %9.3f %9.3f %8d\n", s.label.c_str(),
                      s.precision(), s.recall(), s.f1(), s.support);
        out << buffer;
    }
    std::snprintf(buffer, sizeof buffer, "  accuracy %.3f   macro-F1 %.3f   Cohen's kappa %.3f\n", e.accuracy,
                  e.macroF1, e.kappa);
    out << buffer;
    if (e.depth.support > 0) {
        std::snprintf(buffer, sizeof buffer, "  reflection depth right: %d of %d (%.3f)\n", e.depth.correct,
                      e.depth.support, e.depth.recall());
        out << buffer;
    }
    out << "\nFour classes (question; reflection with summaries; input: advice and information; other with\n"
           "affirmations)\n";
    for (const auto& c : e.fourClasses) {
        std::snprintf(buffer, sizeof buffer, "  %-16s %9.3f %9.3f %9.3f %8d\n", c.label.c_str(),
                      c.precision(), c.recall(), c.f1(), c.support);
        out << buffer;
    }
    std::snprintf(buffer, sizeof buffer, "  macro-F1 %.3f\n", e.fourClassMacroF1);
    out << buffer;
    out << "\nConfidence in the act (calibrated)\n";
    std::snprintf(buffer, sizeof buffer, "  expected calibration error %.3f (ten bins)\n",
                  e.calibrationError);
    out << buffer;
    std::snprintf(buffer, sizeof buffer, "  sure: %d, accuracy %.3f   unsure: %d, accuracy %.3f\n",
                  e.items - e.unsure, e.accuracyWhenSure, e.unsure, e.accuracyWhenUnsure);
    out << buffer;
    out << "\nConfusion matrix (rows: gold, columns: predicted)\n  " << std::string(16, ' ');
    for (const auto& s : e.acts) {
        std::snprintf(buffer, sizeof buffer, " %6.6s", s.label.c_str());
        out << buffer;
    }
    out << "\n";
    for (std::size_t g = 0; g < e.acts.size(); ++g) {
        std::snprintf(buffer, sizeof buffer, "  %-16s", e.acts[g].label.c_str());
        out << buffer;
        for (std::size_t p = 0; p < e.acts.size(); ++p) {
            std::snprintf(buffer, sizeof buffer, " %6d", e.confusion[g][p]);
            out << buffer;
        }
        out << "\n";
    }
    out << "\nTags\n";
    std::snprintf(buffer, sizeof buffer, "  %-36s %9s %9s %9s %8s %9s\n", "tag", "precision", "recall", "f1",
                  "support", "predicted");
    out << buffer;
    for (const auto& s : e.tags) {
        std::snprintf(buffer, sizeof buffer, "  %-36s %9.3f %9.3f %9.3f %8d %9d\n", s.label.c_str(),
                      s.precision(), s.recall(), s.f1(), s.support, s.predicted);
        out << buffer;
    }
    std::snprintf(buffer, sizeof buffer, "  micro-F1 over all tags %.3f\n", e.tagMicroF1);
    out << buffer;
}

std::vector<Analysis> crossValidateByTopic(const std::vector<LabelledUtterance>& corpus,
                                           const std::vector<PhraseList>& phrases,
                                           const std::filesystem::path& scratch, std::ostream& progress,
                                           const ModelSettings& settings)
{
    std::set<std::string> topics;
    for (const auto& u : corpus)
        topics.insert(u.topic);
    std::vector<Analysis> predicted(corpus.size());
    for (const auto& topic : topics) {
        std::vector<LabelledUtterance> train;
        std::vector<std::size_t> held;
        for (std::size_t i = 0; i < corpus.size(); ++i)
            if (corpus[i].topic == topic)
                held.push_back(i);
            else
                train.push_back(corpus[i]);
        const auto dir = scratch / topic;
        trainModels(train, dir, settings);
        const Analyser analyser(dir, phrases);
        for (const auto i : held)
            predicted[i] = analyser.classify(corpus[i].text);
        progress << "  held out " << topic << " (" << held.size() << ")\n";
    }
    return predicted;
}

} // namespace sparring::console
