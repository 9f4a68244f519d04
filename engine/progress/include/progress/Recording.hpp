#pragma once
// A session record made from what the debrief already computed: the store keeps the numbers the
// trainee was shown, never a second computation of them (one rule, one place).

#include "progress/SessionRecord.hpp"
#include "runtime/Session.hpp"
#include "scoring/Debrief.hpp"

#include <string>

namespace sparring::progress {

/// Who played, how, and when it began: what the session itself does not know.
struct SessionContext {
    std::string id = newSessionId();
    std::string trainee;
    std::string mode;     ///< "practice" or "assessment"
    std::string frontEnd; ///< "gui" or "terminal"
    Millis started = now();
};

/// The record of `session` as it stands, with `debrief` built from it (buildDebrief). Ended now;
/// finished when the session reached an ending, else abandoned.
[[nodiscard]] SessionRecord recordOf(const runtime::Session& session, const scoring::Debrief& debrief,
                                     const SessionContext& context);

/// A session counts as practice, and is recorded, once the trainee has made a decision in it: a
/// scenario opened and left before the first answer is not practice.
[[nodiscard]] bool isPractice(const runtime::Session& session);

/// "practice" or "assessment".
[[nodiscard]] std::string modeName(scoring::FeedbackMode mode);

} // namespace sparring::progress
