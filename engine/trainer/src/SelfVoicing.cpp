// Self-voicing: the trainer reads itself aloud for a trainee who cannot read the screen
// comfortably, as visual-novel engines do (V turns it on and off). What is read is decided here,
// in the model, so every front end reads the same: a new screen is described, then whatever has
// keyboard focus as it moves; in a conversation a new choice or prompt is read with its options.
// The lines themselves are spoken as with speech on (Trainer::say).

#include "trainer/Trainer.hpp"

#include <string>

namespace sparring::trainer {

namespace {

/// "Maya says: ..." or the text alone for a line without a speaker.
std::string spokenLine(const std::string& speaker, const std::string& text)
{
    return speaker.empty() ? text : speaker + " says: " + text;
}

std::string describeEvent(const runtime::Event& event)
{
    if (const auto* line = std::get_if<runtime::LineEvent>(&event))
        return spokenLine(line->speakerName, line->text) + " Space goes on.";
    if (const auto* choice = std::get_if<runtime::ChoiceEvent>(&event)) {
        std::string out = choice->prompt.empty() ? "Your choice." : choice->prompt;
        for (const auto& option : choice->options) {
            out += " Option " + std::to_string(option.number) + ": " + option.text;
            out += option.available ? "." : " (not open: " + option.unavailableReason + ").";
        }
        return out + " Press an option's number to choose it.";
    }
    if (const auto* prompt = std::get_if<runtime::PromptEvent>(&event)) {
        std::string out = prompt->speakerName.empty() ? "In your own words: "
                                                      : prompt->speakerName + " waits for your answer: ";
        return out + prompt->prompt + " Type your answer and press Enter.";
    }
    if (const auto* end = std::get_if<runtime::EndEvent>(&event))
        return "The conversation has ended: " + end->title + ". Enter opens the debrief.";
    return {};
}

} // namespace

std::string Trainer::describeScreen() const
{
    std::string out;
    switch (m_screen) {
    case Screen::Library:
        out = "Library: " + std::to_string(visibleScenarios().size()) +
              " scenarios. Tab moves between them, Enter opens one, F2 opens the settings.";
        break;
    case Screen::Briefing:
        if (const auto* scenario = selectedScenario())
            out = "Briefing: " + scenario->meta.title + ". " + scenario->meta.summary + " About " +
                  std::to_string(scenario->meta.minutes) +
                  " minutes. Enter starts, Esc goes back to the library.";
        break;
    case Screen::Conversation:
        if (m_session)
            out = describeEvent(m_session->current());
        break;
    case Screen::Debrief:
        out = "Debrief";
        if (const auto* scenario = selectedScenario())
            out += " of " + scenario->meta.title;
        out += ": what each decision did and your scores. Tab moves through it, Esc goes to the library.";
        break;
    case Screen::Settings:
        out = "Settings. Tab moves between them, Space changes the one with focus, Esc goes back.";
        break;
    case Screen::Progress:
        out = "Your progress" + (m_trainee.empty() ? std::string() : ", " + m_trainee) +
              ". Tab moves through it, Esc goes back.";
        break;
    }
    if (m_screen == Screen::Conversation && m_session && m_session->stopped())
        out = "The session stopped: " + *m_session->stopped() +
              (stoppedDebrief() ? " Enter opens the debrief," : "") + " Esc goes to the library.";
    if (!m_notice.empty())
        out += " Notice: " + m_notice;
    return out;
}

void Trainer::noteFocus(const std::string& focused)
{
    // What is on screen now: the screen, and in a conversation the moment (transcript length and
    // kind of event), so a new choice or prompt is read once when it comes.
    const std::size_t moment = m_screen == Screen::Conversation && m_session
                                   ? m_session->transcript().size() * 8 + m_session->current().index() + 1
                                   : 0;
    const bool newScreen = m_voicedScreen != m_screen;
    const bool newMoment = !newScreen && moment != m_voicedMoment;
    const bool newFocus = focused != m_focused;
    m_voicedScreen = m_screen;
    m_voicedMoment = moment;
    m_focused = focused;
    if (!m_settings.selfVoicing)
        return;
    if (newScreen) {
        voice(describeScreen());
    } else if (newMoment && m_session && !std::holds_alternative<runtime::LineEvent>(m_session->current())) {
        voice(describeEvent(m_session->current())); // a line is spoken by say() as it appears
    }
    if ((newScreen || newFocus) && !focused.empty())
        voice(focused);
}

} // namespace sparring::trainer
