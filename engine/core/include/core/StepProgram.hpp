#pragma once
// The compact runtime form of a scenario: what a Session needs to move from node to node, and
// nothing else. The Scenario keeps everything (texts, feedback, locations) in rich structs that
// are spread over the heap; walking them costs a cache miss per pointer, which made stepping a
// 200,000-node scenario six times slower than a small one. Here every node is a 16-byte entry,
// options and branch cases are 16-byte entries stored in node order, and conditions and effects
// are compiled into one array of 32-bit instructions, so a step touches a few adjacent lines.
//
// Conditions and effects that only read and write ints and bools are compiled. One that touches
// a string (rare: `name == "Sam"`) keeps its tree and is run through it, so every expression has
// exactly one meaning: the instructions mirror the tree evaluator step by step, including the
// order of random() draws and the saturating arithmetic (core/Saturating.hpp).

#include "core/Expression.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace sparring::core {

struct Scenario;

class StepProgram {
public:
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

    enum class Kind : std::uint8_t { Line, Choice, Respond, Branch, End };
    enum Flags : std::uint8_t {
        HasMood = 1,     ///< line: sets its speaker's mood (read from the Scenario)
        Shuffle = 2,     ///< choice: options in a seeded random order
        HasFallback = 4, ///< choice: the entry after the options is the fallback
    };
    enum OptionFlags : std::uint8_t { Once = 1, HasReason = 2 };

    /// 16 bytes. A line uses `effects` and `next`; a choice `first` and `count`; a branch `first`,
    /// `count` and `next`; a prompt `first` and `count` (its routes, then its `otherwise` entry).
    struct NodeEntry {
        Kind kind = Kind::End;
        std::uint8_t flags = 0;
        std::uint32_t count =
            0; ///< choice: options; branch: cases (a branch may have very many); prompt: routes
        union {
            std::uint32_t first = 0; ///< choice and branch: index of the first entry in `options`
            std::uint32_t effects;   ///< line: code offset of its effects, or none
        };
        std::uint32_t next = 0; ///< line: the next node; branch: where to go otherwise
    };
    static_assert(sizeof(NodeEntry) == 16);

    /// An option of a choice, a route of a prompt (its condition, effects and target; the route's
    /// phrase and analyser tests stay with the Scenario), or a case of a branch (condition and
    /// target only).
    struct OptionEntry {
        std::uint32_t condition = none; ///< code offset; none: always available
        std::uint32_t effects = none;   ///< code offset; none: no effects
        std::uint32_t target = 0;
        std::uint8_t flags = 0;
    };

    /// Compiles a loaded scenario. Its size is linear in the scenario's.
    static StepProgram compile(const Scenario& scenario);

    [[nodiscard]] const NodeEntry& node(std::size_t index) const { return m_nodes[index]; }
    [[nodiscard]] const OptionEntry& option(std::size_t index) const { return m_options[index]; }

    /// The state the code reads and writes. Variables hold ints and bools where the code uses
    /// them; `context` answers random() and runs the expressions kept as trees.
    struct Machine {
        std::vector<Value>& variables;
        const std::vector<std::uint32_t>& visits;
        EvaluationContext& context;
    };
    [[nodiscard]] bool test(std::uint32_t condition, Machine& machine) const;
    void run(std::uint32_t effects, Machine& machine) const;

    /// What a WordMachine's owner adds to an EvaluationContext: the word a value kept as a tree
    /// (a text) is stored as. Its variable(slot) reads the word back as a Value.
    class WordContext : public EvaluationContext {
    public:
        [[nodiscard]] virtual std::int64_t wordOf(std::size_t slot, const Value& value) = 0;
    };
    /// The same state with each variable as one word (an int itself, a bool 0 or 1, a text as
    /// its context numbers it): what a search over many states steps on, reading and storing
    /// words without building a Value for each. The same code, the same meaning.
    struct WordMachine {
        std::int64_t* words; ///< by variable slot
        const std::vector<std::uint32_t>& visits;
        WordContext& context;
    };
    [[nodiscard]] bool test(std::uint32_t condition, WordMachine& machine) const;
    void run(std::uint32_t effects, WordMachine& machine) const;

    /// Compiles one condition or one list of effects into this program (used by compile(), and
    /// by tests that compare the code with the tree evaluator). Returns the code offset.
    std::uint32_t addCondition(const Expression& condition);
    std::uint32_t addEffects(const std::vector<Effect>& effects,
                             const std::vector<VariableSignature>& variables);
    /// How many conditions and effects were kept as trees (strings), for tests and statistics.
    [[nodiscard]] std::size_t treeCount() const { return m_treeConditions.size() + m_treeEffects.size(); }
    [[nodiscard]] std::size_t codeSize() const { return m_code.size(); }

private:
    struct Emitter;
    /// Runs value instructions from `pc` up to the instruction that consumes the value (a
    /// Return or a store), leaves `pc` on it and returns the value.
    template <typename AnyMachine> std::int64_t evaluate(const std::uint32_t*& pc, AnyMachine& machine) const;
    template <typename AnyMachine> bool testOn(std::uint32_t condition, AnyMachine& machine) const;
    template <typename AnyMachine> void runOn(std::uint32_t effects, AnyMachine& machine) const;
    std::vector<NodeEntry> m_nodes;
    std::vector<OptionEntry> m_options;
    std::vector<std::uint32_t> m_code;     ///< instructions: opcode in the low 8 bits, operand above
    std::vector<std::int64_t> m_constants; ///< ints that don't fit in an instruction's 24 bits
    std::vector<Expression> m_treeConditions;
    std::vector<Effect> m_treeEffects;
    std::vector<VariableSignature> m_ranges; ///< clamping of stored ints, by variable slot
};

} // namespace sparring::core
