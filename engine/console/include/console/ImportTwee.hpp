#pragma once
// `sparring import twee FILE`: a Twine story, written in Twee 3 notation, made into a role-play
// draft that an author finishes by hand. Three steps, each a function of its own:
//   parseTwee        the notation into passages (name, tags, metadata, body, line)
//   readPassageText  one passage's text into prose, links and the story format's code
//   importTwee       the story into the draft's YAML and the list of what needs hand work
// Each story passage becomes a node: its prose the lines of one character (the rep), its links
// the options of a choice (two or more), the `next` of its last line (one), or nothing, which
// makes it an ending. What a scenario cannot say is never guessed: a macro's meaning, an ending's
// outcome, an option's evidence and feedback. Each is kept as a comment, marked
// `# TODO(import):` in the draft, and listed in the report with its line in the Twee file.

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparring::console {

// ---- reading Twee ----------------------------------------------------------------------------

/// Twee text over this size is refused: a story that long is not a draft to finish by hand, and
/// its draft would outgrow the limits of a scenario file.
inline constexpr std::size_t kMaxTweeBytes = 16ul * 1024 * 1024;

struct TweePassage {
    std::string name;              ///< escapes undone (`\[` is `[`)
    std::vector<std::string> tags; ///< escapes undone, in the order written
    std::string metadata;          ///< the header's JSON object as written; empty when none or not JSON
    std::string body;              ///< the content: lines end in '\n', trailing blank lines removed
    int line = 0;                  ///< the header's line; the body starts on the next

    bool operator==(const TweePassage&) const = default;
};

/// A place in the Twee file (1-based; line 0 is the whole file) and what is wrong there.
struct TweeProblem {
    int line = 0;
    int column = 0;
    std::string message;

    bool operator==(const TweeProblem&) const = default;
};

struct TweeStory {
    std::vector<TweePassage> passages; ///< in file order, special passages included
    std::vector<TweeProblem> warnings; ///< read past: text before the first passage, metadata not JSON
};

struct TweeParse {
    std::optional<TweeStory> story; ///< set unless `error` is
    std::optional<TweeProblem> error;
};

/// Reads Twee 3 notation, and the headers of older Twee (a `<x,y>` position is ignored). A UTF-8
/// byte order mark is skipped; CRLF and CR line ends read as LF. An error, located where the file
/// shows it, for text over kMaxTweeBytes, not UTF-8, with control characters, without any
/// passage header (a Twine HTML file is named as such), or with a header that has no name or an
/// unclosed tag block.
[[nodiscard]] TweeParse parseTwee(std::string_view text);

// ---- a passage's text ------------------------------------------------------------------------

/// A link: `[[Text]]`, `[[Text|Target]]`, `[[Text->Target]]` or `[[Target<-Text]]`, read as Twine
/// reads them (the rightmost `->`, else the leftmost `<-`, else the rightmost `|`), with a
/// SugarCube setter (`[[Text|Target][$x to 1]]`) kept apart.
struct TweeLink {
    std::string text;
    std::string target;
    std::string setter; ///< empty when none
    int line = 0;
    int column = 0;
    bool inCode = false; ///< inside a macro, whose condition or event decides whether it shows

    bool operator==(const TweeLink&) const = default;
};

/// Story-format code: what a scenario cannot say as written.
struct TweeCode {
    enum class Kind {
        Macro,        ///< Harlowe `(name: ...)` with its hooks, SugarCube `<<name>>` with its body, `<% %>`
        Variable,     ///< `$name` in the prose, where the story prints its value
        Html,         ///< a tag such as `<span class="aside">`; the text between tags stays prose
        ExternalLink, ///< `[[https://...]]`: a link out of the story; its text stays prose
        Comment,      ///< `/* ... */` or `<!-- ... -->`
    };
    Kind kind = Kind::Macro;
    std::string text; ///< as written; a macro's may span lines
    std::string name; ///< a macro's name ("set", "if"); empty for the other kinds
    int line = 0;
    int column = 0;

    bool operator==(const TweeCode&) const = default;
};

struct TweeParagraph {
    std::string text; ///< its lines joined by '\n', spaces collapsed; quotes around all of it removed
    int line = 0;

    bool operator==(const TweeParagraph&) const = default;
};

struct PassageText {
    std::vector<TweeParagraph> prose; ///< split at blank lines; links read as their text, code taken out
    std::vector<TweeLink> links;      ///< in the order written
    std::vector<TweeCode> code;       ///< in the order written
};

/// The parts of one passage's text, at their lines in the file. A line that holds only links or
/// only code adds nothing to the prose. Harlowe's `(name: ...)` is code unless `format` is
/// SugarCube, whose stories write "(note: ...)" as prose.
[[nodiscard]] PassageText readPassageText(const TweePassage& passage, std::string_view format = {});

// ---- the draft -------------------------------------------------------------------------------

/// One thing an author finishes by hand, at its place in the Twee file (line 0: the whole story).
struct HandWork {
    enum class Kind {
        Code,           ///< a macro, a printed variable, HTML or a link out of the story
        Setter,         ///< a link's setter
        LinkInCode,     ///< a link inside a macro, offered always in the draft
        MissingPassage, ///< a link to a passage the story does not have
        Ending,         ///< an ending's outcome and debrief
        Evidence,       ///< a choice's options: evidence and feedback
        NoText,         ///< a passage whose line had no prose to say
        ManyOptions,    ///< more links than a choice has keys, continued in a second choice
        Special,        ///< a passage a story format runs (StoryInit, scripts, stylesheets...)
        Start,          ///< the start passage is not the one StoryData names
        Unreachable,    ///< a passage no link from the start reaches
        NoEnding,       ///< the story has no passage without links, so the draft has no ending
        Cast,           ///< one character says every line
        Notation,       ///< something the notation reader skipped (see TweeStory::warnings)
    };
    int line = 0;
    int column = 0;
    Kind kind = Kind::Code;
    std::string message; ///< what, where in the draft, and what to do

    bool operator==(const HandWork&) const = default;
};

struct ImportOptions {
    std::string id;                    ///< the scenario id; empty: scenarioIdFor(story, sourceName)
    std::string sourceName;            ///< the Twee file as the author named it, for the draft's comments
    std::string includePrefix = "../"; ///< from the draft's folder to the library root
};

struct TweeImport {
    std::string yaml;                 ///< the draft; empty when `error` is set
    std::string id;                   ///< the scenario id
    std::string title;                ///< from StoryTitle, else the id
    std::string format;               ///< "Harlowe 3.3.8", from StoryData; empty when not given
    std::size_t passages = 0;         ///< story passages made into nodes
    std::size_t nodes = 0;            ///< nodes of the draft, placeholders included
    std::size_t links = 0;            ///< links made into options and nexts
    std::size_t missingPassages = 0;  ///< placeholder endings for passages links name but none defines
    std::size_t specialPassages = 0;  ///< passages kept as comments (StoryInit, scripts, stylesheets...)
    std::vector<HandWork> handWork;   ///< by place in the Twee file
    std::optional<TweeProblem> error; ///< no draft: no story passage, or more nodes than a scenario holds
};

/// The scenario id a story gets when none is given: its StoryTitle, else `sourceName`'s stem,
/// in lowercase letters, digits and '-' (starting with a letter).
[[nodiscard]] std::string scenarioIdFor(const TweeStory& story, std::string_view sourceName);

/// The draft: a role-play that includes the shipped framework and lints clean as far as the
/// story allows (a passage no link reaches stays unreachable), and its hand work.
[[nodiscard]] TweeImport importTwee(const TweeStory& story, const ImportOptions& options);

/// What was converted, then each hand-work item as `sourceName:line:column: message`.
void printImportReport(std::ostream& out, const TweeImport& draft, const std::string& sourceName);

} // namespace sparring::console
