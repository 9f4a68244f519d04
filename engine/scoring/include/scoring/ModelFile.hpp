#pragma once
// Checks a fastText model file's structure before fastText reads it. fastText trusts the sizes in
// a model's header: a truncated or damaged file makes it allocate what the header claims (a
// matrix of gigabytes) before it notices the file has ended, or loop reading a word that never
// ends. Walking the file's layout first, with every size checked against the bytes that remain,
// turns any such file into one clear message and no allocation beyond the file itself.

#include <optional>
#include <string>
#include <string_view>

namespace sparring::scoring {

/// What is wrong with a fastText model file's bytes (the layout fastText 0.9 saves: signature,
/// settings, dictionary, then two dense matrices), in words with the byte offset where it
/// showed; nothing when the layout holds from the first byte to the last.
[[nodiscard]] std::optional<std::string> modelFileProblem(std::string_view bytes);

} // namespace sparring::scoring
