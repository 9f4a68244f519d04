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
/// Items in one file, counted before it is parsed: each line with content, each `[` or `{` and
/// each comma inside them. yaml-cpp keeps about a kilobyte per item in its node tree, so a file of
/// tiny items ("[1,1,1,...]") would take hundreds of times its size; a file may hold one item per
/// bytesPerItem bytes on average (shipped scenarios have one per 24-45, a generated one per 16)
/// beyond a free allowance, and never more than maxItems: memory stays in proportion to the file.
inline constexpr std::size_t maxItems = 4'000'000;
inline constexpr std::size_t bytesPerItem = 8;
inline constexpr std::size_t freeItems = 4'096;
/// The most items a file of `bytes` bytes may hold: YAML counted by core/SourceText.cpp, JSON
/// (saves, transcripts, corpus lines) by core/JsonNesting.hpp.
[[nodiscard]] constexpr std::size_t itemsAllowed(std::size_t bytes)
{
    const std::size_t allowed = freeItems + bytes / bytesPerItem;
    return allowed < maxItems ? allowed : maxItems;
}
inline constexpr std::size_t maxOptions = 9; ///< options in one choice (keys 1-9)
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
/// A scorer model (the build makes two of about 8 MB); its layout is checked before fastText
/// reads it (scoring/ModelFile.hpp).
inline constexpr std::size_t maxModelBytes = 512ul * 1024 * 1024;

} // namespace sparring::core::limits
