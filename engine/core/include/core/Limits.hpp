#pragma once
// Limits the loader (and the readers of saves and corpora, and the runtime) enforce so that no
// input, however large or strange, can exhaust memory or the stack or hang a session. Documented
// in scenarios/README.md (Limits) and README.md; in content, exceeding one is a coded diagnostic.

#include <cstddef>

namespace sparring::core::limits {

inline constexpr std::size_t maxFileBytes = 64ul * 1024 * 1024; ///< one file, includes too
inline constexpr std::size_t maxNodes = 250'000;                ///< nodes in one scenario
inline constexpr std::size_t maxFlowNesting = 64;               ///< [ and { inside each other
inline constexpr std::size_t maxIndentColumns = 256;            ///< block nesting, by indentation
inline constexpr std::size_t maxTextBytes = 20'000;             ///< one text field
inline constexpr std::size_t maxIncludeDepth = 16;              ///< includes of includes
inline constexpr std::size_t maxOptions = 9;                    ///< options in one choice (keys 1-9)
/// Nodes a session enters between two decisions of the trainee (or from the start to the first).
/// A front end that moves on through lines by itself (the terminal player) would otherwise go
/// round a loop of lines and branches for ever; the session stops with an error instead.
inline constexpr std::size_t maxStepsBetweenDecisions = 10'000;
/// [ and { inside each other in a JSON file Sparring reads (a session save, a transcript, a line
/// of a labelled corpus): refused before it is parsed (core/JsonNesting.hpp).
inline constexpr std::size_t maxJsonNesting = 64;
/// "Did you mean" is searched among at most this many names (node ids, variables...); beyond
/// it, a file full of unknown names would take a search through all of them per name.
inline constexpr std::size_t maxSuggestionCandidates = 2'000;

// Other input files, read through core::readInputFile (core/Files.hpp); a larger file is refused
// before a byte is read. Documented in README.md (Limits).
inline constexpr std::size_t maxSaveBytes = 64ul * 1024 * 1024;    ///< a save, or a transcript read back
inline constexpr std::size_t maxScriptBytes = 16ul * 1024 * 1024;  ///< play --script, a GUI demo script
inline constexpr std::size_t maxCorpusBytes = 256ul * 1024 * 1024; ///< a labelled corpus, classify input

} // namespace sparring::core::limits
