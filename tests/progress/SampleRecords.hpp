#pragma once
// Session records for the progress tests: every field set, odd text included, so a round trip
// through a store or JSON that drops or garbles anything shows.

#include "progress/SessionRecord.hpp"

#include <string>

namespace sparring::test {

/// A finished role-play with `decisions` decisions (typed ones scored) for `trainee`.
inline progress::SessionRecord sampleRecord(const std::string& trainee, progress::Millis started,
                                            std::size_t decisions = 3)
{
    progress::SessionRecord r;
    r.id = progress::newSessionId();
    r.trainee = trainee;
    r.scenarioId = "takeover-late-stage";
    r.scenarioTitle = "Can you just call their CFO?";
    r.scenarioVersion = 3;
    r.fingerprint = "9f2c4e";
    r.scenarioKind = "roleplay";
    r.mode = "practice";
    r.frontEnd = "terminal";
    r.started = started;
    r.ended = started + 754'000;
    r.finished = true;
    r.outcome = "good";
    r.endingTitle = "Maya owns the plan";
    for (std::size_t i = 0; i < decisions; ++i) {
        progress::DecisionRecord d;
        d.turn = i;
        d.nodeId = "node_" + std::to_string(i);
        d.typed = i % 2 == 1;
        d.text =
            d.typed ? "So Greta asked about \"payback\" — and got a price? ☕ 'quoted'" : "I've got time.";
        if (d.typed) {
            d.route = "reflected-the-gap";
            d.act = "reflection";
            d.depth = "complex";
            d.confidence = 0.73;
            d.tags = {"emotion_acknowledged", "framework_term:metrics"};
            d.detected = {{"reflection", 0, 14, "'So Greta asked' mirrors what the rep said: a reflection"}};
            d.expertTotal = 4;
            d.expertAnswer = "Which of your options puts those numbers in front of her fastest?";
        } else {
            d.expertTotal = std::nullopt;
        }
        d.authored = {{"ask_before_tell", 2}, {"respectful_curious", -1}};
        d.yourTotal = 1;
        r.decisions.push_back(d);
    }
    r.principles = {{"ask_before_tell", "Ask before you tell", 6, 4},
                    {"listen_reflect", "Listen and reflect", -1.5, 1}};
    r.speech = progress::SpeechRecord{6, 3, 1, 0.17, 0.35, 1, 0};
    return r;
}

} // namespace sparring::test
