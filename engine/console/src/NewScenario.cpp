#include "console/NewScenario.hpp"

#include <algorithm>
#include <cctype>

namespace sparring::console {

namespace fs = std::filesystem;

namespace {

// Both starters follow the guide's rules that `sparring analyze` checks: the good ending is
// earned (guarded by score() of the focus principles), every ending is reachable, and every
// free-text prompt has a model answer and a route for each thing trainees type.

const char* const kRoleplay =
    R"yaml(# yaml-language-server: $schema=@PREFIX@schema/scenario.schema.json
# A starter role-play, written by `sparring new roleplay`. Make it yours: the guide is
# scenarios/README.md (each section named below), and `sparring lint FILE` and
# `sparring analyze FILE` check it as you go. Play it with `sparring play FILE`. The first line
# lets an editor check it as you type (guide: "Editor support").

scenario:                        # guide: "A scenario file"
  id: @ID@
  title: "A rep who wants you to step in"
  kind: roleplay
  version: 1
  summary: >
    Sam's deal has stalled and Sam wants you to call the buyer. Coach instead: find out
    what Sam knows, and let Sam own the next step.
  minutes: 5
  difficulty: beginner
  focus: [ask_before_tell, rep_owns_plan]
  tags: [starter]

include:                         # guide: "Includes and frameworks"
  - @PREFIX@framework/default.yaml

cast:                            # guide: "Cast"
  - id: rep
    name: Sam Rivera
    role: Account Executive
    persona: >
      Two years in, good with champions, nervous with finance. Wants the deal closed
      this week.
    voice: { name: en-us+m3, rate: 170, pitch: 45 }

variables:                       # guide: "Variables"
  trust: { type: int, min: 0, max: 10, initial: 5, description: "How much Sam trusts you to back them" }

start: opening

nodes:                           # guide: "Nodes"
  opening:
    type: line
    speaker: rep
    text: >
      Got a minute? The buyer has gone quiet since the demo. Could you call them? They'll
      pick up for a manager.
    next: first_move

  first_move:
    type: choice
    prompt: "Sam is waiting. What do you say?"
    options:
      - text: "Before anyone calls: what happened at the demo, from your side?"
        goto: sam_explains
        do: [trust += 1]
        evidence: { ask_before_tell: +2 }
        feedback: >
          You asked before deciding anything: Sam's account of the demo is what the next
          step has to come from.
      - text: "Sure, send me their number and I'll call this afternoon."
        goto: sam_relieved
        do: [trust -= 1]
        evidence: { rep_owns_plan: -3 }
        feedback: >
          Taking the call wins one conversation and teaches nothing; next time Sam will ask
          you again.

  sam_explains:
    type: line
    speaker: rep
    text: >
      Honestly? They asked about cost of ownership and I talked features. I think I lost
      them there.
    next: next_step

  sam_relieved:
    type: line
    speaker: rep
    text: "Great, thanks. I'll forward the thread."
    next: next_step

  # A free-text answer, routed by what the scorer detects first (guide: "respond").
  next_step:
    type: respond
    speaker: rep
    prompt: "Sam looks at you. What do you say now?"
    routes:
      - label: asked
        match: { acts: [open_question] }
        goto: sam_plans
        evidence: { ask_before_tell: +1, rep_owns_plan: +2 }
        feedback: >
          An open question leaves the plan with Sam, who now has to think about what the
          buyer needs.
      - label: took-over
        match: { any: ["i'll call", "i will call", "let me call", "give me their number"] }
        goto: sam_waits
        evidence: { rep_owns_plan: -2 }
        feedback: >
          You kept the call. Sam will wait for your news instead of learning to answer a
          buyer's cost question.
      - label: asked-words
        match: { any: ["what do you", "what would you", "how would you"] }
        goto: sam_plans
        evidence: { ask_before_tell: +1, rep_owns_plan: +2 }
        feedback: >
          An open question leaves the plan with Sam, who now has to think about what the
          buyer needs.
    otherwise:
      goto: sam_waits
      feedback: >
        Ask Sam what they would do next, for example: "What would you send them about cost
        of ownership, and by when?"
    model_answer: >
      So they asked about cost and heard features. What could you send them by Thursday
      that answers the cost question?

  sam_plans:
    type: line
    speaker: rep
    text: "I'll send them the cost comparison from the pilot, today, and call on Thursday."
    next: closing

  sam_waits:
    type: line
    speaker: rep
    text: "Okay. Let me know how it goes."
    next: closing

  # The good ending is earned: no focus principle below zero on the way (guide: "sparring analyze").
  closing:
    type: branch
    cases:
      - if: "visited(sam_plans) and score(ask_before_tell) >= 0 and score(rep_owns_plan) >= 0"
        goto: end_sam_owns_it
      - if: visited(sam_plans)
        goto: end_late_recovery
    else: end_your_call

  end_sam_owns_it:               # guide: "end"
    type: end
    outcome: good
    title: "Sam owns the next step"
    debrief: >
      You asked before you told, and Sam left with a plan of their own and a date.

  end_late_recovery:
    type: end
    outcome: mixed
    title: "A plan, after a detour"
    debrief: >
      Sam has a plan in the end, but you took the call first; next time, ask before you
      offer to step in.

  end_your_call:
    type: end
    outcome: poor
    title: "Your call to make"
    debrief: >
      The deal now waits on you. Ask what Sam knows, and let Sam own the next step.
)yaml";

const char* const kPanel =
    R"yaml(# yaml-language-server: $schema=@PREFIX@schema/scenario.schema.json
# A starter expert panel, written by `sparring new panel`. Make it yours: the guide is
# scenarios/README.md (each section named below), and `sparring lint FILE` and
# `sparring analyze FILE` check it as you go. Play it with `sparring play FILE`. The first line
# lets an editor check it as you type (guide: "Editor support").

scenario:                        # guide: "A scenario file"
  id: @ID@
  title: "Should new managers still sell?"
  kind: panel
  version: 1
  summary: >
    You promoted your best rep. The panel argues about whether they should keep a personal
    number, and you decide.
  minutes: 5
  difficulty: intermediate
  focus: [next_steps, respectful_curious]
  tags: [starter, panel]

include:                         # guide: "Includes and frameworks"
  - @PREFIX@framework/default.yaml
  - @PREFIX@cast/experts.yaml    # the moderator and the six experts

moderator: moderator

# What an answer can commit you to, as the moderator reads it back with {recap}
# (guide: "Panels: positions and commitments").
commitments:
  keep_quota: "a personal number kept for new managers"
  drop_quota: "no personal number in the first year"
  coaching_time: "coaching time protected in the calendar"

start: opening

nodes:
  opening:
    type: line
    speaker: moderator
    text: >
      One question today: should a newly promoted manager keep a personal number? Frank,
      you carried one for fourteen years.
    next: frank_view

  frank_view:
    type: line
    speaker: veteran_manager
    text: "And it's why I coach in the car between meetings."
    next: quota_choice

  quota_choice:
    type: choice
    prompt: "Noor: \"Where do you land?\""
    # Each expert's position on this round, in their voice (guide: "Panels").
    positions:
      deal_vp:
        stance: Managers who sell stay credible with their reps.
        welcomes: { keep_quota: "Good. A manager who still sells keeps the respect of the floor." }
        resists: { drop_quota: "Take the number away and you've made a referee." }
        unmoved: "Nothing there about staying close to buyers."
      skill_coach:
        stance: New managers need the time to learn to coach.
        welcomes: { coaching_time: "Protected time is where the coaching habit starts." }
        resists: { keep_quota: "A personal number will eat every hour you meant for coaching." }
        unmoved: "Who teaches them to coach, though?"
      method_lead:
        stance: Whatever you decide, write it down so it is the same in every team.
        welcomes: { coaching_time: "A fixed coaching slot is something I can standardise." }
        unmoved: "Write the rule down, whichever it is."
      revops_lead:
        stance: Every quota change is a cost; show the trade.
        welcomes: { coaching_time: "Calendar time I can measure." }
        resists: { drop_quota: "That's a comp change. Show me it pays for itself." }
        unmoved: "What does it cost, and what does it save?"
      veteran_manager:
        stance: Take something off the plate before you add coaching to it.
        welcomes: { drop_quota: "That's the first thing anyone has taken off a new manager's plate." }
        resists: { keep_quota: "Then the coaching happens in the car, like it did for me." }
        unmoved: "And what comes off their plate?"
      mi_coach:
        stance: Ask the new manager what they need before deciding for them.
        welcomes: { coaching_time: "Time to practise is how a seller becomes a coach." }
        unmoved: "Have you asked them what they need?"
    options:
      - text: "No personal number in the first year, and coaching time protected in the calendar."
        goto: wrap
        commits: [drop_quota, coaching_time]
        evidence: { next_steps: +2, respectful_curious: +1 }
        feedback: >
          You took something off the new manager's plate and said what the hours are for.
      - text: "Keep the number. The best managers can do both."
        goto: wrap
        commits: [keep_quota]
        evidence: { next_steps: -1, respectful_curious: -1 }
        feedback: >
          "They can do both" is how coaching ends up in the car between meetings.

  wrap:
    type: line
    speaker: moderator
    text: "For the record, you committed to {recap}."
    next: closing

  closing:
    type: branch
    cases:
      - if: "score(next_steps) >= 0 and score(respectful_curious) >= 0"
        goto: end_backed
    else: end_doubted

  end_backed:
    type: end
    outcome: good
    title: "A start the panel can back"
    debrief: >
      You made room for coaching before asking for it.

  end_doubted:
    type: end
    outcome: poor
    title: "The same week, with a new title"
    debrief: >
      Nothing came off the new manager's plate, so coaching will lose to selling.
)yaml";

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

} // namespace

std::string starterScenario(StarterKind kind, const std::string& id, const std::string& includePrefix)
{
    return replaced(replaced(kind == StarterKind::Roleplay ? kRoleplay : kPanel, "@ID@", id), "@PREFIX@",
                    includePrefix);
}

bool isScenarioId(std::string_view id)
{
    return !id.empty() && std::isalpha(static_cast<unsigned char>(id[0])) &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
           });
}

std::optional<LibraryFolder> libraryFolderOf(const fs::path& dir, const std::vector<std::string>& needed,
                                             const std::string& elsewhere, std::string& why)
{
    std::error_code ec;
    const fs::path folder = fs::absolute(dir, ec).lexically_normal();
    fs::path root;
    for (fs::path at = folder; !at.empty(); at = at.parent_path()) {
        if (at.filename() == "scenarios") {
            root = at;
            break;
        }
        if (at == at.root_path())
            break;
    }
    if (root.empty()) {
        why = "'" + dir.string() + "' is not inside a scenario library (a folder named 'scenarios'); use " +
              elsewhere;
        return std::nullopt;
    }
    for (const auto& file : needed) {
        if (!fs::is_regular_file(root / file, ec)) {
            why = "the library '" + root.string() + "' has no " + file + ", which the new scenario includes";
            return std::nullopt;
        }
    }
    const auto up = fs::relative(root, folder, ec).generic_string();
    return LibraryFolder{folder, root, up == "." ? "" : up + "/"};
}

std::optional<StarterPlace> starterPlace(StarterKind kind, const std::string& id, const fs::path& dir,
                                         std::string& why)
{
    if (!isScenarioId(id)) {
        why = "the id '" + id + "' must start with a letter and use only letters, digits, '-' and '_'";
        return std::nullopt;
    }
    std::vector<std::string> needed{"framework/default.yaml"};
    if (kind == StarterKind::Panel)
        needed.emplace_back("cast/experts.yaml");
    const auto library = libraryFolderOf(dir, needed, "--dir, e.g. scenarios/roleplay", why);
    if (!library)
        return std::nullopt;
    StarterPlace place;
    place.file = library->folder / (id + ".yaml");
    std::error_code ec;
    if (fs::exists(place.file, ec)) {
        why = "'" + place.file.string() + "' exists already; choose another id, or remove it";
        return std::nullopt;
    }
    place.includePrefix = library->includePrefix;
    return place;
}

} // namespace sparring::console
