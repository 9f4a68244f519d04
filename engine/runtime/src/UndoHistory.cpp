#include "runtime/UndoHistory.hpp"

#include <algorithm>
#include <variant>

namespace sparring::runtime {

namespace {

/// Which of the parts kept whole follow in a delta (its flags byte).
enum WholePart : std::uint8_t {
    AllVariables = 1, ///< the vector's length changed: kept whole instead of by slot
    AllVisits = 2,    ///< likewise
    OnceUsed = 4,
    Moods = 8,
    Scores = 16,
    Offered = 32,
    OfferedAvailable = 64,
};

enum ValueTag : std::uint8_t { IntValue, BoolValue, StringValue };

/// Appends LEB128 variable-length integers (7 bits a byte, low first) and what is built of them.
class DeltaWriter {
public:
    explicit DeltaWriter(std::vector<std::uint8_t>& out) : m_out(out) {}

    void unsignedNumber(std::uint64_t n)
    {
        while (n >= 0x80) {
            m_out.push_back(static_cast<std::uint8_t>(n | 0x80));
            n >>= 7;
        }
        m_out.push_back(static_cast<std::uint8_t>(n));
    }
    /// Zigzag: small negative numbers stay short too.
    void signedNumber(std::int64_t n)
    {
        unsignedNumber((static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63));
    }
    void text(const std::string& s)
    {
        unsignedNumber(s.size());
        m_out.insert(m_out.end(), s.begin(), s.end());
    }
    void value(const core::Value& v)
    {
        if (const auto* i = std::get_if<std::int64_t>(&v)) {
            m_out.push_back(IntValue);
            signedNumber(*i);
        } else if (const auto* b = std::get_if<bool>(&v)) {
            m_out.push_back(BoolValue);
            m_out.push_back(*b ? 1 : 0);
        } else {
            m_out.push_back(StringValue);
            text(std::get<std::string>(v));
        }
    }
    void byte(std::uint8_t b) { m_out.push_back(b); }
    /// Reserves the flags byte, to be filled once the parts are known.
    std::size_t placeholder()
    {
        m_out.push_back(0);
        return m_out.size() - 1;
    }
    void fill(std::size_t at, std::uint8_t b) { m_out[at] = b; }

private:
    std::vector<std::uint8_t>& m_out;
};

/// Reads what DeltaWriter wrote. The log is only ever read by the history that wrote it.
class DeltaReader {
public:
    explicit DeltaReader(const std::uint8_t* at) : m_at(at) {}

    std::uint64_t unsignedNumber()
    {
        std::uint64_t n = 0;
        for (int shift = 0;; shift += 7) {
            const std::uint8_t b = *m_at++;
            n |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return n;
        }
    }
    std::int64_t signedNumber()
    {
        const std::uint64_t n = unsignedNumber();
        return static_cast<std::int64_t>(n >> 1) ^ -static_cast<std::int64_t>(n & 1);
    }
    std::size_t size() { return static_cast<std::size_t>(unsignedNumber()); }
    std::string text()
    {
        const std::size_t n = size();
        std::string s(reinterpret_cast<const char*>(m_at), n);
        m_at += n;
        return s;
    }
    core::Value value()
    {
        switch (byte()) {
        case IntValue:
            return signedNumber();
        case BoolValue:
            return byte() != 0;
        default:
            return text();
        }
    }
    std::uint8_t byte() { return *m_at++; }

private:
    const std::uint8_t* m_at;
};

template <typename T, typename WriteOne>
void writeWhole(DeltaWriter& out, const std::vector<T>& items, WriteOne writeOne)
{
    out.unsignedNumber(items.size());
    for (const auto& item : items)
        writeOne(item);
}

template <typename T, typename ReadOne> std::vector<T> readWhole(DeltaReader& in, ReadOne readOne)
{
    std::vector<T> items(in.size());
    for (auto& item : items)
        item = readOne();
    return items;
}

/// Writes how to turn `from` into `to`.
void writeDelta(DeltaWriter& out, const SessionState& from, const SessionState& to)
{
    out.unsignedNumber(to.cursor);
    out.unsignedNumber(to.draws);
    out.unsignedNumber(to.transcriptSize);
    const std::size_t flagsAt = out.placeholder();
    std::uint8_t flags = 0;

    if (from.variables.size() == to.variables.size()) {
        std::size_t changed = 0;
        for (std::size_t i = 0; i < to.variables.size(); ++i)
            changed += from.variables[i] == to.variables[i] ? 0 : 1;
        out.unsignedNumber(changed);
        for (std::size_t i = 0; i < to.variables.size(); ++i)
            if (!(from.variables[i] == to.variables[i])) {
                out.unsignedNumber(i);
                out.value(to.variables[i]);
            }
    } else {
        flags |= AllVariables;
        out.unsignedNumber(0);
        writeWhole(out, to.variables, [&](const core::Value& v) { out.value(v); });
    }
    if (from.visits.size() == to.visits.size()) {
        std::size_t changed = 0;
        for (std::size_t i = 0; i < to.visits.size(); ++i)
            changed += from.visits[i] == to.visits[i] ? 0 : 1;
        out.unsignedNumber(changed);
        for (std::size_t i = 0; i < to.visits.size(); ++i)
            if (from.visits[i] != to.visits[i]) {
                out.unsignedNumber(i);
                out.unsignedNumber(to.visits[i]);
            }
    } else {
        flags |= AllVisits;
        out.unsignedNumber(0);
        writeWhole(out, to.visits, [&](std::uint32_t n) { out.unsignedNumber(n); });
    }
    // Small, and most of them change at every decision: kept whole when they differ.
    if (from.onceUsed != to.onceUsed) {
        flags |= OnceUsed;
        writeWhole(out, to.onceUsed, [&](const std::pair<std::size_t, std::size_t>& used) {
            out.unsignedNumber(used.first);
            out.unsignedNumber(used.second);
        });
    }
    if (from.moods != to.moods) {
        flags |= Moods;
        writeWhole(out, to.moods, [&](const std::string& mood) { out.text(mood); });
    }
    if (from.scores != to.scores) {
        flags |= Scores;
        writeWhole(out, to.scores, [&](std::int64_t score) { out.signedNumber(score); });
    }
    if (from.offered != to.offered) {
        flags |= Offered;
        writeWhole(out, to.offered, [&](std::size_t option) { out.unsignedNumber(option); });
    }
    if (from.offeredAvailable != to.offeredAvailable) {
        flags |= OfferedAvailable;
        writeWhole(out, to.offeredAvailable,
                   [&](char available) { out.byte(static_cast<std::uint8_t>(available)); });
    }
    out.fill(flagsAt, flags);
}

/// Applies a delta that writeDelta wrote to `state`.
void applyDelta(DeltaReader in, SessionState& state)
{
    state.cursor = in.size();
    state.draws = in.unsignedNumber();
    state.transcriptSize = in.size();
    const std::uint8_t flags = in.byte();
    for (std::size_t n = in.size(); n > 0; --n) {
        const std::size_t slot = in.size();
        state.variables[slot] = in.value();
    }
    if ((flags & AllVariables) != 0)
        state.variables = readWhole<core::Value>(in, [&] { return in.value(); });
    for (std::size_t n = in.size(); n > 0; --n) {
        const std::size_t node = in.size();
        state.visits[node] = static_cast<std::uint32_t>(in.unsignedNumber());
    }
    if ((flags & AllVisits) != 0)
        state.visits =
            readWhole<std::uint32_t>(in, [&] { return static_cast<std::uint32_t>(in.unsignedNumber()); });
    if ((flags & OnceUsed) != 0)
        state.onceUsed = readWhole<std::pair<std::size_t, std::size_t>>(in, [&] {
            const std::size_t node = in.size();
            return std::make_pair(node, in.size());
        });
    if ((flags & Moods) != 0)
        state.moods = readWhole<std::string>(in, [&] { return in.text(); });
    if ((flags & Scores) != 0)
        state.scores = readWhole<std::int64_t>(in, [&] { return in.signedNumber(); });
    if ((flags & Offered) != 0)
        state.offered = readWhole<std::size_t>(in, [&] { return in.size(); });
    if ((flags & OfferedAvailable) != 0)
        state.offeredAvailable = readWhole<char>(in, [&] { return static_cast<char>(in.byte()); });
}

} // namespace

void UndoHistory::push(const SessionState& atDecision)
{
    if (m_latest) {
        m_starts.push_back(m_log.size());
        DeltaWriter out(m_log);
        writeDelta(out, atDecision, *m_latest);
        *m_latest = atDecision; // assigns into the vectors already there: no allocation
    } else {
        m_latest = atDecision;
    }
}

std::optional<SessionState> UndoHistory::pop()
{
    if (!m_latest)
        return std::nullopt;
    std::optional<SessionState> out = m_latest;
    if (m_starts.empty()) {
        m_latest.reset();
    } else {
        applyDelta(DeltaReader(m_log.data() + m_starts.back()), *m_latest);
        m_log.resize(m_starts.back());
        m_starts.pop_back();
    }
    return out;
}

std::size_t UndoHistory::size() const
{
    return m_latest ? m_starts.size() + 1 : 0;
}

void UndoHistory::clear()
{
    m_latest.reset();
    m_log.clear();
    m_starts.clear();
}

std::vector<SessionState> UndoHistory::states() const
{
    std::vector<SessionState> out;
    if (!m_latest)
        return out;
    out.reserve(size());
    SessionState state = *m_latest;
    out.push_back(state);
    for (auto it = m_starts.rbegin(); it != m_starts.rend(); ++it) {
        applyDelta(DeltaReader(m_log.data() + *it), state);
        out.push_back(state);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

UndoHistory UndoHistory::fromStates(const std::vector<SessionState>& states)
{
    UndoHistory history;
    for (const auto& state : states)
        history.push(state);
    return history;
}

} // namespace sparring::runtime
