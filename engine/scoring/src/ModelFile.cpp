#include "scoring/ModelFile.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

namespace sparring::scoring {

namespace {

// The layout fastText 0.9 writes (FastText::saveModel): the signature, Args::save, Dictionary::save,
// a quantisation flag and the input matrix (DenseMatrix::save), the same flag and the output matrix.
constexpr std::int32_t kMagic = 793712314;     // FASTTEXT_FILEFORMAT_MAGIC_INT32
constexpr std::int32_t kVersion = 12;          // FASTTEXT_VERSION of fastText 0.9
constexpr std::size_t kArgsBytes = 12 * 4 + 8; // twelve 32-bit settings, then `t` as a double
/// A dictionary entry's word: fastText reads it byte by byte to a NUL. Longer than any token a
/// corpus line gives, short enough that a file with no NUL is caught quickly.
constexpr std::size_t kMaxWordBytes = 4096;

/// Reads the file's fields in order, never past its end; the first problem stops it.
class Cursor {
public:
    explicit Cursor(std::string_view bytes) : m_bytes(bytes) {}

    [[nodiscard]] std::size_t offset() const { return m_at; }
    [[nodiscard]] std::size_t remaining() const { return m_bytes.size() - m_at; }

    template <typename T> std::optional<T> read()
    {
        if (remaining() < sizeof(T))
            return std::nullopt;
        T value{};
        std::memcpy(&value, m_bytes.data() + m_at, sizeof(T));
        m_at += sizeof(T);
        return value;
    }

    bool skip(std::size_t count)
    {
        if (remaining() < count)
            return false;
        m_at += count;
        return true;
    }

    /// Skips a NUL-terminated word; false when no NUL comes within kMaxWordBytes or the file.
    bool skipWord()
    {
        const auto rest = m_bytes.substr(m_at, kMaxWordBytes + 1);
        const auto end = rest.find('\0');
        if (end == std::string_view::npos)
            return false;
        m_at += end + 1;
        return true;
    }

private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
};

std::string at(std::size_t offset)
{
    return " (at byte " + std::to_string(offset) + ")";
}

std::string endsIn(const Cursor& cursor, const std::string& part)
{
    return "the file ends in its " + part + at(cursor.offset()) + ": it is truncated";
}

/// A dense matrix: rows and columns as 64-bit counts, then rows x columns floats. The product is
/// checked against the bytes left before anything trusts it.
std::optional<std::string> checkMatrix(Cursor& cursor, const std::string& name, std::int64_t expectedColumns)
{
    const auto quantised = cursor.read<std::uint8_t>();
    if (!quantised)
        return endsIn(cursor, name + " matrix's header");
    if (*quantised != 0)
        return "its " + name + " matrix is quantised" + at(cursor.offset() - 1) +
               "; Sparring's build makes dense models: rebuild them";
    const auto rows = cursor.read<std::int64_t>();
    const auto columns = cursor.read<std::int64_t>();
    if (!rows || !columns)
        return endsIn(cursor, name + " matrix's header");
    if (*rows < 0 || *columns != expectedColumns)
        return "its " + name + " matrix is declared " + std::to_string(*rows) + " x " +
               std::to_string(*columns) + at(cursor.offset() - 16) +
               ", which does not fit the model's dimension of " + std::to_string(expectedColumns);
    const auto values = static_cast<std::uint64_t>(*rows) * static_cast<std::uint64_t>(*columns);
    const bool fits =
        *columns == 0 || static_cast<std::uint64_t>(*rows) <= std::numeric_limits<std::uint64_t>::max() / 4 /
                                                                  static_cast<std::uint64_t>(*columns);
    if (!fits || values * 4 > cursor.remaining())
        return "its " + name + " matrix declares " + std::to_string(*rows) + " x " +
               std::to_string(*columns) + " values" + at(cursor.offset() - 16) + " but only " +
               std::to_string(cursor.remaining()) + " bytes follow: the file is truncated or damaged";
    cursor.skip(static_cast<std::size_t>(values * 4));
    return std::nullopt;
}

} // namespace

std::optional<std::string> modelFileProblem(std::string_view bytes)
{
    Cursor cursor(bytes);
    const auto magic = cursor.read<std::int32_t>();
    const auto version = cursor.read<std::int32_t>();
    if (!magic || *magic != kMagic)
        return std::string("it is not a fastText model (its first bytes are not fastText's signature)");
    if (!version)
        return endsIn(cursor, "signature");
    if (*version != kVersion)
        return "it was saved by another version of fastText (format " + std::to_string(*version) +
               ", expected " + std::to_string(kVersion) + "): rebuild the models";
    const auto dimension = cursor.read<std::int32_t>();
    if (!dimension || !cursor.skip(kArgsBytes - 4))
        return endsIn(cursor, "settings");
    if (*dimension <= 0)
        return "its dimension is " + std::to_string(*dimension) + at(8) + "; a model's is positive";

    const auto size = cursor.read<std::int32_t>();
    const auto words = cursor.read<std::int32_t>();
    const auto labels = cursor.read<std::int32_t>();
    const auto tokens = cursor.read<std::int64_t>();
    const auto pruned = cursor.read<std::int64_t>();
    if (!size || !words || !labels || !tokens || !pruned)
        return endsIn(cursor, "dictionary's header");
    if (*size < 0 || *words < 0 || *labels < 0 || std::int64_t{*words} + *labels != *size)
        return "its dictionary's counts do not add up" + at(cursor.offset() - 28) + ": " +
               std::to_string(*words) + " words and " + std::to_string(*labels) + " labels, " +
               std::to_string(*size) + " entries";
    for (std::int32_t i = 0; i < *size; ++i) {
        if (!cursor.skipWord())
            return "its dictionary entry " + std::to_string(i + 1) + " of " + std::to_string(*size) +
                   " has no end" + at(cursor.offset()) + ": the file is truncated or damaged";
        const auto count = cursor.read<std::int64_t>();
        const auto type = cursor.read<std::int8_t>();
        if (!count || !type)
            return endsIn(cursor, "dictionary");
        if (*type != 0 && *type != 1)
            return "its dictionary entry " + std::to_string(i + 1) + " has an unknown type" +
                   at(cursor.offset() - 1);
    }
    // Pairs of 32-bit ids, present only in a pruned model (-1: none).
    if (*pruned > 0 && (static_cast<std::uint64_t>(*pruned) > cursor.remaining() / 8 ||
                        !cursor.skip(static_cast<std::size_t>(*pruned) * 8)))
        return endsIn(cursor, "dictionary's pruning table");

    if (auto problem = checkMatrix(cursor, "input", *dimension))
        return problem;
    if (auto problem = checkMatrix(cursor, "output", *dimension))
        return problem;
    if (cursor.remaining() != 0)
        return std::to_string(cursor.remaining()) + " bytes follow the model's end" + at(cursor.offset()) +
               ": the file is damaged";
    return std::nullopt;
}

} // namespace sparring::scoring
