#include "scoring/Analyser.hpp"
#include "scoring/ScoringError.hpp"

#include "Features.hpp"
#include "SpokenTurn.hpp"
#include "core/Labels.hpp"
#include "scoring/Training.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace sparring::scoring {

using core::isAct;
using core::isTag;
using core::kActs;
using core::kFrameworkTermPrefix;

namespace {

constexpr float kTagThreshold = 0.5f;

std::string quoted(std::string_view text, std::uint32_t start, std::uint32_t end)
{
    return "'" + std::string(text.substr(start, end - start)) + "'";
}

/// One line a manager understands, for each label.
std::string whyFor(const std::string& label, const std::string& span, const std::string& termName)
{
    if (label == "open_question")
        return span + " invites a wide answer: an open question";
    if (label == "closed_question")
        return span + " asks for a yes/no or a fact: a closed question";
    if (label == "reflection")
        return span + " mirrors what the rep said: a reflection";
    if (label == "depth:complex")
        return span + " adds meaning or feeling the rep did not say: a complex reflection";
    if (label == "depth:simple")
        return span + " rephrases what the rep said: a simple reflection";
    if (label == "summary")
        return span + " gathers several things the rep said: a summary";
    if (label == "affirmation")
        return span + " recognises the rep's strength or effort: an affirmation";
    if (label == "advice")
        return span + " tells or suggests what to do: advice";
    if (label == "information")
        return span + " gives facts or observations without directing: information";
    if (label == "other")
        return span + " keeps the conversation going without a coaching move";
    if (label == "permission_asked")
        return span + " asks permission before advising";
    if (label == "commitment_request")
        return span + " asks the rep to commit to a next step";
    if (label == "commitment_specific")
        return span + " names a concrete next step with a when";
    if (label == "specific_feedback")
        return span + " points to a specific moment or behaviour";
    if (label == "vague_or_trait_feedback")
        return span + " is sweeping or labels the person, not a behaviour";
    if (label == "takeover")
        return span + " takes the deal or the task over from the rep";
    if (label == "confront")
        return span + " sounds like blame; reps defend instead of think";
    if (label == "leading_question")
        return span + " is advice dressed as a question";
    if (label == "emotion_acknowledged")
        return span + " acknowledges how the rep feels";
    if (label == "multiple_questions")
        return span + " stacks several questions; the rep can answer only one";
    if (label == "filler")
        return span + " is a filler word";
    if (label.rfind(kFrameworkTermPrefix, 0) == 0)
        return span + " uses the team's common language (" + termName + ")";
    return span + " suggests " + label;
}

/// The run of up to four words that pushes `label` hardest (largest sum of contributions), as a
/// byte span: a phrase reads better as evidence than scattered single words.
std::optional<std::pair<std::uint32_t, std::uint32_t>>
strongestPhrase(const Segmented& text, const FastTextModel& model, const std::string& label)
{
    std::vector<std::string> words;
    std::vector<std::size_t> tokenIndex;
    for (std::size_t i = 0; i < text.tokens.size(); ++i)
        if (text.tokens[i].isWord || text.tokens[i].folded == "?") {
            words.push_back(text.tokens[i].folded);
            tokenIndex.push_back(i);
        }
    const auto contributions = model.wordContributions(words, label);
    constexpr std::size_t kMaxWords = 4;
    float best = 0;
    std::optional<std::pair<std::size_t, std::size_t>> bestRun;
    for (std::size_t i = 0; i < words.size(); ++i) {
        float sum = 0;
        for (std::size_t j = i; j < words.size() && j < i + kMaxWords; ++j) {
            sum += contributions[j];
            // Runs must start and end on a word that helps, so no dead weight at the edges.
            if (contributions[i] > 0 && contributions[j] > 0 && sum > best) {
                best = sum;
                bestRun = std::pair{i, j};
            }
        }
    }
    if (!bestRun)
        return std::nullopt;
    return std::pair{text.tokens[tokenIndex[bestRun->first]].begin,
                     text.tokens[tokenIndex[bestRun->second]].end};
}

} // namespace

std::vector<std::string> scoringLabels(const Analysis& analysis)
{
    return core::scoringLabels(analysis.act, analysis.depth, analysis.tags);
}

AnalyserOrError makeAnalyser(const core::Framework& framework, const std::filesystem::path& modelDirectory)
{
    try {
        return {std::make_shared<const Analyser>(modelDirectory, phraseListsOf(framework)), {}};
    } catch (const ScoringError& e) {
        return {nullptr, e.what()};
    } catch (const core::TextError& e) {
        return {nullptr, e.what()};
    }
}

Analyser::Analyser(const std::filesystem::path& modelDirectory, std::vector<PhraseList> phrases)
    : m_segmenter(std::make_unique<TextSegmenter>()), m_acts(modelDirectory / kActModelFile),
      m_tags(modelDirectory / kTagModelFile),
      m_calibration(Calibration::load(modelDirectory / kCalibrationFile)),
      m_lexicon(std::move(phrases), *m_segmenter)
{
    for (const auto& label : m_acts.labels())
        m_actOfLabel.push_back(label.rfind(kReflectionLabelPrefix, 0) == 0
                                   ? core::Act::Reflection
                                   : core::parseAct(label).value_or(core::Act::Other));
}

Analyser::~Analyser() = default;

Analysis Analyser::explain(std::string_view text) const
{
    return run(text, true);
}

Analysis Analyser::classify(std::string_view text) const
{
    return run(text, false);
}

core::UtteranceAnalysis Analyser::analyse(std::string_view text) const
{
    return run(text, true);
}

Analysis Analyser::run(std::string_view text, bool withEvidence) const
{
    Analysis out;
    const Segmented seg = m_segmenter->segment(text);
    if (!seg.validUtf8)
        out.warnings.push_back("invalid UTF-8: the bad bytes were read as U+FFFD");
    if (seg.wordCount() == 0) {
        out.warnings.push_back("no words to analyse");
        out.act = core::Act::Other;
        return out;
    }
    const std::string features = featureLine(seg);

    // Primary act (with reflection depth folded into the act model's labels), and how sure of it
    // the calibrated model is.
    const ActReading reading = readAct(features);
    const std::string& actLabel = reading.label;
    out.act = reading.act;
    out.depth = reading.depth;
    out.actConfidence = reading.confidence;
    // Judged on the percentage the trainee is shown, so "50%" never comes with "not sure".
    out.actUnsure = confidencePercent(out) < std::lround(kSureFrom * 100.0f);
    if (out.actUnsure && withEvidence) // it explains, so the fast path leaves it out
        out.sentenceActs = readSentences(text, seg);

    // Tags: phrase lists, structure, and the tag model.
    auto addTag = [&](const std::string& tag) {
        if (std::find(out.tags.begin(), out.tags.end(), tag) == out.tags.end())
            out.tags.push_back(tag);
    };
    const auto matches = m_lexicon.find(seg);
    std::uint32_t coveredUntil = 0;
    std::size_t lastList = static_cast<std::size_t>(-1);
    for (const auto& m : matches) {
        const auto& list = m_lexicon.lists()[m.list];
        // A cue in a negated clause is not done ("I won't call her" takes nothing over); a term
        // of the common language is used whether or not the clause negates it.
        if (m.negated && list.tag.rfind(core::kFrameworkTermPrefix, 0) != 0)
            continue;
        addTag(list.tag);
        if (!withEvidence)
            continue;
        const auto start = seg.tokens[m.firstToken].begin;
        const auto end = seg.tokens[m.firstToken + m.tokenCount - 1].end;
        if (m.list == lastList && start < coveredUntil)
            continue; // a shorter phrase of the same list inside one already shown
        lastList = m.list;
        coveredUntil = end;
        out.evidence.push_back({list.tag, start, end, whyFor(list.tag, quoted(text, start, end), list.name)});
    }
    std::vector<const Sentence*> questions;
    for (const auto& s : seg.sentences)
        if (s.question)
            questions.push_back(&s);
    if (questions.size() >= 2) {
        addTag("multiple_questions");
        if (withEvidence)
            for (const auto* q : questions)
                out.evidence.push_back({"multiple_questions", q->begin, q->end,
                                        whyFor("multiple_questions", quoted(text, q->begin, q->end), "")});
    }
    for (const auto& p : m_tags.predict(features, -1, kTagThreshold)) {
        if (p.label == "none" || std::find(out.tags.begin(), out.tags.end(), p.label) != out.tags.end())
            continue;
        addTag(p.label);
        if (withEvidence)
            if (const auto span = strongestPhrase(seg, m_tags, p.label))
                out.evidence.push_back({p.label, span->first, span->second,
                                        whyFor(p.label, quoted(text, span->first, span->second), "")});
    }
    std::sort(out.tags.begin(), out.tags.end());

    if (withEvidence) {
        std::vector<core::LabelEvidence> first;
        const std::string act(toString(out.act));
        if (const auto span = strongestPhrase(seg, m_acts, actLabel))
            first.push_back({act, span->first, span->second,
                             out.actUnsure ? quoted(text, span->first, span->second) + " reads most like " +
                                                 act + ", but not clearly enough to judge the answer by it"
                                           : whyFor(act, quoted(text, span->first, span->second), "")});
        if (!out.depth.empty() && !out.actUnsure)
            first.push_back({"depth:" + out.depth, 0, static_cast<std::uint32_t>(text.size()),
                             whyFor("depth:" + out.depth, "This", "")});
        for (const auto& sentence : out.sentenceActs) {
            const std::string alone(toString(sentence.act));
            first.push_back({alone, sentence.start, sentence.end,
                             quoted(text, sentence.start, sentence.end) + " on its own reads as " + alone +
                                 " (" + std::to_string(std::lround(sentence.confidence * 100.0f)) +
                                 "% sure)"});
        }
        out.evidence.insert(out.evidence.begin(), first.begin(), first.end());
    }
    return out;
}

Analyser::ActReading Analyser::readAct(const std::string& features) const
{
    // A reflection's confidence counts both depths: they are one act.
    const auto probabilities = m_calibration.probabilities(m_acts.logProbabilities(features));
    ActReading out;
    if (probabilities.empty())
        return out;
    const auto best = static_cast<std::size_t>(std::max_element(probabilities.begin(), probabilities.end()) -
                                               probabilities.begin());
    out.label = m_acts.labels()[best];
    out.act = m_actOfLabel[best];
    for (std::size_t i = 0; i < probabilities.size(); ++i)
        if (m_actOfLabel[i] == out.act)
            out.confidence += probabilities[i];
    if (out.act == core::Act::Reflection)
        out.depth = out.label.substr(kReflectionLabelPrefix.size());
    return out;
}

std::vector<core::SentenceAct> Analyser::readSentences(std::string_view text, const Segmented& seg) const
{
    // Only the sentences that carry the turn: backchannels, fillers and a closing check are set
    // aside as the turn's own reading sets them aside (SpokenTurn.hpp).
    const SpokenTurn turn = readSpokenTurn(seg);
    std::vector<core::SentenceAct> out;
    if (turn.content.size() < 2)
        return out;
    for (const auto index : turn.content) {
        const auto& sentence = seg.sentences[index];
        const Segmented alone =
            m_segmenter->segment(text.substr(sentence.begin, sentence.end - sentence.begin));
        const ActReading reading = readAct(featureLine(alone));
        out.push_back({reading.act, reading.confidence, sentence.begin, sentence.end});
    }
    return out;
}

int confidencePercent(const Analysis& analysis)
{
    return static_cast<int>(std::lround(analysis.actConfidence * 100.0f));
}

std::string detectedSummary(const Analysis& analysis)
{
    const auto percent = std::to_string(confidencePercent(analysis)) + "%";
    std::string act(toString(analysis.act));
    if (!analysis.depth.empty())
        act += " (" + analysis.depth + ")";
    std::string line = analysis.actUnsure ? "not sure what this does (" + percent + "): most like " + act
                                          : act + " (" + percent + " sure)";
    if (analysis.actUnsure && !analysis.tags.empty())
        line += "; it did hear";
    for (std::size_t i = 0; i < analysis.tags.size(); ++i)
        line += (analysis.actUnsure && i == 0 ? " " : ", ") + analysis.tags[i];
    return line;
}

std::vector<PhraseList> phraseListsOf(const core::Framework& framework)
{
    std::vector<PhraseList> out;
    for (const auto& set : framework.phrases)
        out.push_back({set.tag, set.name, set.phrases});
    return out;
}

} // namespace sparring::scoring
