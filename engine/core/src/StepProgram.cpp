#include "core/StepProgram.hpp"

#include "ExpressionTree.hpp"
#include "core/Saturating.hpp"
#include "core/Scenario.hpp"

#include <algorithm>
#include <cassert>

namespace sparring::core {

using namespace saturating;

namespace {

// An instruction is one 32-bit word: the opcode in the low 8 bits, an operand in the high 24
// (a slot, a node index, a constant's index, a small int, or a forward jump distance).
enum class Op : std::uint8_t {
    PushSmall, // operand: a signed 24-bit int
    PushConst, // operand: index into the constants
    LoadInt,   // operand: variable slot
    LoadBool,  // operand: variable slot
    Visits,    // operand: node index
    Visited,   // operand: node index
    Score,     // operand: principle index
    Random,
    Min,
    Max,
    Negate,
    Not,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    AndJump,       // top is false: jump forward by the operand, keeping it; else pop it
    OrJump,        // top is true: jump forward by the operand, keeping it; else pop it
    TreeCondition, // operand: index into the tree conditions; pushes its value
    Return,        // a condition's end: the top is the answer
    StoreInt,
    AddTo,
    SubtractFrom,
    StoreBool,  // operand: variable slot; pops the value
    TreeEffect, // operand: index into the tree effects
    End,        // the end of a list of effects
};

constexpr std::uint32_t maxOperand = (1u << 24) - 1;
constexpr std::int64_t smallMin = -(std::int64_t{1} << 23);
constexpr std::int64_t smallMax = (std::int64_t{1} << 23) - 1;
/// Deeper expressions (the parser allows 64 levels of nesting) are kept as trees.
constexpr std::size_t maxStack = 128;

Op opOf(std::uint32_t word)
{
    return static_cast<Op>(word & 0xFFu);
}

std::uint32_t operandOf(std::uint32_t word)
{
    return word >> 8;
}

std::int64_t smallOf(std::uint32_t word)
{
    // Sign-extend the 24-bit operand.
    return static_cast<std::int64_t>(static_cast<std::int32_t>(word) >> 8);
}

// How each machine holds a variable: a Value, or a word.
std::int64_t intIn(const StepProgram::Machine& m, std::uint32_t slot)
{
    return std::get<std::int64_t>(m.variables[slot]);
}
std::int64_t intIn(const StepProgram::WordMachine& m, std::uint32_t slot)
{
    return m.words[slot];
}
bool boolIn(const StepProgram::Machine& m, std::uint32_t slot)
{
    return std::get<bool>(m.variables[slot]);
}
bool boolIn(const StepProgram::WordMachine& m, std::uint32_t slot)
{
    return m.words[slot] != 0;
}
void storeInt(StepProgram::Machine& m, std::uint32_t slot, std::int64_t value)
{
    m.variables[slot] = value;
}
void storeInt(StepProgram::WordMachine& m, std::uint32_t slot, std::int64_t value)
{
    m.words[slot] = value;
}
void storeBool(StepProgram::Machine& m, std::uint32_t slot, bool value)
{
    m.variables[slot] = value;
}
void storeBool(StepProgram::WordMachine& m, std::uint32_t slot, bool value)
{
    m.words[slot] = value ? 1 : 0;
}
void storeValue(StepProgram::Machine& m, std::size_t slot, Value value)
{
    m.variables[slot] = std::move(value);
}
void storeValue(StepProgram::WordMachine& m, std::size_t slot, const Value& value)
{
    m.words[slot] = m.context.wordOf(slot, value);
}

} // namespace

/// Turns one checked tree into instructions, or says it can't (strings, oversized operands,
/// too deep), in which case the caller keeps the tree.
struct StepProgram::Emitter {
    StepProgram& program;
    std::vector<std::uint32_t> code;
    std::vector<std::int64_t> constants; ///< appended to the program's only on success
    std::size_t depth = 0;
    std::size_t maxDepth = 0;

    bool emit(Op op, std::uint32_t operand = 0)
    {
        if (operand > maxOperand)
            return false;
        code.push_back(static_cast<std::uint32_t>(op) | (operand << 8));
        return true;
    }

    void push() { maxDepth = std::max(maxDepth, ++depth); }

    bool operandFor(std::int64_t index, std::uint32_t& out)
    {
        if (index < 0 || index > static_cast<std::int64_t>(maxOperand))
            return false;
        out = static_cast<std::uint32_t>(index);
        return true;
    }

    bool binary(const ExpressionNode& node, Op op)
    {
        if (!tree(*node.lhs) || !tree(*node.rhs))
            return false;
        --depth; // two operands in, one result out
        return emit(op);
    }

    bool shortCircuit(const ExpressionNode& node, Op op)
    {
        if (!tree(*node.lhs))
            return false;
        const std::size_t jump = code.size();
        if (!emit(op))
            return false;
        --depth; // popped when it doesn't decide; the right side replaces it
        if (!tree(*node.rhs))
            return false;
        const std::size_t distance = code.size() - jump;
        if (distance > maxOperand)
            return false;
        code[jump] |= static_cast<std::uint32_t>(distance) << 8;
        return true;
    }

    bool tree(const ExpressionNode& node)
    {
        using Kind = ExpressionNode::Kind;
        std::uint32_t operand = 0;
        switch (node.kind) {
        case Kind::IntLiteral:
            push();
            if (node.number >= smallMin && node.number <= smallMax)
                return emit(Op::PushSmall, static_cast<std::uint32_t>(node.number) & maxOperand);
            constants.push_back(node.number);
            return operandFor(static_cast<std::int64_t>(program.m_constants.size() + constants.size() - 1),
                              operand) &&
                   emit(Op::PushConst, operand);
        case Kind::BoolLiteral:
            push();
            return emit(Op::PushSmall, node.number != 0 ? 1 : 0);
        case Kind::Variable:
            if (node.type == ExpressionNode::Type::String)
                return false;
            push();
            return operandFor(node.number, operand) &&
                   emit(node.type == ExpressionNode::Type::Bool ? Op::LoadBool : Op::LoadInt, operand);
        case Kind::Visits:
        case Kind::Visited:
            push();
            return operandFor(node.number, operand) &&
                   emit(node.kind == Kind::Visits ? Op::Visits : Op::Visited, operand);
        case Kind::Score:
            push();
            return operandFor(node.number, operand) && emit(Op::Score, operand);
        case Kind::Negate:
            return tree(*node.lhs) && emit(Op::Negate);
        case Kind::Not:
            return tree(*node.lhs) && emit(Op::Not);
        case Kind::Random:
            return binary(node, Op::Random);
        case Kind::Min:
            return binary(node, Op::Min);
        case Kind::Max:
            return binary(node, Op::Max);
        case Kind::Add:
            return binary(node, Op::Add);
        case Kind::Subtract:
            return binary(node, Op::Subtract);
        case Kind::Multiply:
            return binary(node, Op::Multiply);
        case Kind::Divide:
            return binary(node, Op::Divide);
        case Kind::Modulo:
            return binary(node, Op::Modulo);
        case Kind::EqualInt:
        case Kind::EqualBool:
            return binary(node, Op::Equal);
        case Kind::NotEqualInt:
        case Kind::NotEqualBool:
            return binary(node, Op::NotEqual);
        case Kind::Less:
            return binary(node, Op::Less);
        case Kind::LessEqual:
            return binary(node, Op::LessEqual);
        case Kind::Greater:
            return binary(node, Op::Greater);
        case Kind::GreaterEqual:
            return binary(node, Op::GreaterEqual);
        case Kind::And:
            return shortCircuit(node, Op::AndJump);
        case Kind::Or:
            return shortCircuit(node, Op::OrJump);
        case Kind::StringLiteral:
        case Kind::EqualString:
        case Kind::NotEqualString:
            return false;
        }
        return false;
    }

    /// Compiles `root`; on success appends the code and constants to the program.
    bool value(const ExpressionNode* root)
    {
        if (!root || !tree(*root) || maxDepth > maxStack)
            return false;
        return true;
    }

    void commit()
    {
        program.m_code.insert(program.m_code.end(), code.begin(), code.end());
        program.m_constants.insert(program.m_constants.end(), constants.begin(), constants.end());
    }
};

std::uint32_t StepProgram::addCondition(const Expression& condition)
{
    const auto at = static_cast<std::uint32_t>(m_code.size());
    Emitter emitter{*this, {}, {}, 0, 0};
    if (emitter.value(condition.identity()) && emitter.emit(Op::Return)) {
        emitter.commit();
        return at;
    }
    // Kept as a tree: one instruction that runs it, then the answer.
    Emitter fallback{*this, {}, {}, 0, 0};
    if (!fallback.emit(Op::TreeCondition, static_cast<std::uint32_t>(m_treeConditions.size())) ||
        !fallback.emit(Op::Return))
        assert(false && "more tree conditions than an operand can count");
    m_treeConditions.push_back(condition);
    fallback.commit();
    return at;
}

std::uint32_t StepProgram::addEffects(const std::vector<Effect>& effects,
                                      const std::vector<VariableSignature>& variables)
{
    if (effects.empty())
        return none;
    if (m_ranges.size() < variables.size())
        m_ranges = variables;
    const auto at = static_cast<std::uint32_t>(m_code.size());
    for (const auto& effect : effects) {
        const auto slot = static_cast<std::uint32_t>(effect.variable());
        const bool isBool = variables[slot].type == ValueType::Bool;
        const bool isInt = variables[slot].type == ValueType::Int;
        Emitter emitter{*this, {}, {}, 0, 0};
        const Op store = isBool                              ? Op::StoreBool
                         : effect.op() == EffectOp::Add      ? Op::AddTo
                         : effect.op() == EffectOp::Subtract ? Op::SubtractFrom
                                                             : Op::StoreInt;
        if ((isBool || isInt) && emitter.value(effect.value().identity()) && emitter.emit(store, slot)) {
            emitter.commit();
            continue;
        }
        Emitter fallback{*this, {}, {}, 0, 0};
        if (!fallback.emit(Op::TreeEffect, static_cast<std::uint32_t>(m_treeEffects.size())))
            assert(false && "more tree effects than an operand can count");
        m_treeEffects.push_back(effect);
        fallback.commit();
    }
    m_code.push_back(static_cast<std::uint32_t>(Op::End));
    return at;
}

StepProgram StepProgram::compile(const Scenario& scenario)
{
    StepProgram program;
    program.m_ranges = scenario.scope.variables;
    program.m_nodes.reserve(scenario.nodes.size());
    for (const auto& node : scenario.nodes) {
        NodeEntry entry;
        entry.kind = static_cast<Kind>(node.kind());
        if (const auto* line = std::get_if<LineNode>(&node.body)) {
            entry.next = static_cast<std::uint32_t>(line->next);
            entry.effects = program.addEffects(line->effects, scenario.scope.variables);
            if (!line->mood.empty())
                entry.flags |= HasMood;
        } else if (const auto* choice = std::get_if<ChoiceNode>(&node.body)) {
            entry.first = static_cast<std::uint32_t>(program.m_options.size());
            entry.count = static_cast<std::uint32_t>(choice->options.size());
            if (choice->shuffle)
                entry.flags |= Shuffle;
            auto addOption = [&](const Option& option) {
                OptionEntry o;
                if (option.condition)
                    o.condition = program.addCondition(*option.condition);
                o.effects = program.addEffects(option.then.effects, scenario.scope.variables);
                o.target = static_cast<std::uint32_t>(option.then.target);
                o.flags = static_cast<std::uint8_t>((option.once ? Once : 0) |
                                                    (option.unavailableReason ? HasReason : 0));
                program.m_options.push_back(o);
            };
            for (const auto& option : choice->options)
                addOption(option);
            if (choice->fallback) {
                entry.flags |= HasFallback;
                addOption(*choice->fallback);
            }
        } else if (const auto* respond = std::get_if<RespondNode>(&node.body)) {
            entry.first = static_cast<std::uint32_t>(program.m_options.size());
            entry.count = static_cast<std::uint32_t>(respond->routes.size());
            auto addConsequence = [&](const std::optional<Expression>& condition, const Consequence& then) {
                OptionEntry o;
                if (condition)
                    o.condition = program.addCondition(*condition);
                o.effects = program.addEffects(then.effects, scenario.scope.variables);
                o.target = static_cast<std::uint32_t>(then.target);
                program.m_options.push_back(o);
            };
            for (const auto& route : respond->routes)
                addConsequence(route.condition, route.then);
            addConsequence(std::nullopt, respond->otherwise);
        } else if (const auto* branch = std::get_if<BranchNode>(&node.body)) {
            entry.first = static_cast<std::uint32_t>(program.m_options.size());
            entry.count = static_cast<std::uint32_t>(branch->cases.size());
            entry.next = static_cast<std::uint32_t>(branch->otherwise);
            for (const auto& c : branch->cases) {
                OptionEntry o;
                o.condition = program.addCondition(c.condition);
                o.target = static_cast<std::uint32_t>(c.target);
                program.m_options.push_back(o);
            }
        }
        program.m_nodes.push_back(entry);
    }
    return program;
}

template <typename AnyMachine>
std::int64_t StepProgram::evaluate(const std::uint32_t*& pc, AnyMachine& machine) const
{
    std::int64_t stack[maxStack];
    std::size_t top = 0; // number of values on the stack
    // The Emitter commits only code in which every instruction finds its operands on the stack
    // and no value is pushed beyond maxStack; the asserts state that to debug builds and to the
    // static analyser, which cannot see the compiler's side.
    const auto push = [&](std::int64_t value) {
        assert(top < maxStack);
        stack[top++] = value;
    };
    const auto last = [&]() -> std::int64_t& {
        assert(top > 0);
        return stack[top - 1];
    };
    const auto pop = [&] {
        assert(top > 0);
        return stack[--top];
    };
    for (;;) {
        const std::uint32_t word = *pc;
        switch (opOf(word)) {
        case Op::PushSmall:
            push(smallOf(word));
            break;
        case Op::PushConst:
            push(m_constants[operandOf(word)]);
            break;
        case Op::LoadInt:
            push(intIn(machine, operandOf(word)));
            break;
        case Op::LoadBool:
            push(boolIn(machine, operandOf(word)) ? 1 : 0);
            break;
        case Op::Visits:
            push(machine.visits[operandOf(word)]);
            break;
        case Op::Visited:
            push(machine.visits[operandOf(word)] > 0 ? 1 : 0);
            break;
        case Op::Score:
            push(machine.context.score(operandOf(word)));
            break;
        case Op::Negate:
            last() = saturatingNegate(last());
            break;
        case Op::Not:
            last() = last() == 0 ? 1 : 0;
            break;
        case Op::TreeCondition:
            push(m_treeConditions[operandOf(word)].test(machine.context) ? 1 : 0);
            break;
        case Op::AndJump:
            if (last() == 0)
                pc += operandOf(word) - 1; // keep the false; the loop's step lands past the right side
            else
                pop();
            break;
        case Op::OrJump:
            if (last() != 0)
                pc += operandOf(word) - 1;
            else
                pop();
            break;
        case Op::Random:
        case Op::Min:
        case Op::Max:
        case Op::Add:
        case Op::Subtract:
        case Op::Multiply:
        case Op::Divide:
        case Op::Modulo:
        case Op::Equal:
        case Op::NotEqual:
        case Op::Less:
        case Op::LessEqual:
        case Op::Greater:
        case Op::GreaterEqual: {
            // The left operand was pushed first, as the tree evaluator evaluates it first.
            const std::int64_t b = pop();
            std::int64_t& out = last();
            const std::int64_t a = out;
            switch (opOf(word)) {
            // A reversed range is read as the same range, as in the tree evaluator.
            case Op::Random:
                out = a <= b ? machine.context.random(a, b) : machine.context.random(b, a);
                break;
            case Op::Min:
                out = std::min(a, b);
                break;
            case Op::Max:
                out = std::max(a, b);
                break;
            case Op::Add:
                out = saturatingAdd(a, b);
                break;
            case Op::Subtract:
                out = saturatingSubtract(a, b);
                break;
            case Op::Multiply:
                out = saturatingMultiply(a, b);
                break;
            case Op::Divide:
                out = saturatingDivide(a, b);
                break;
            case Op::Modulo:
                out = saturatingModulo(a, b);
                break;
            case Op::Equal:
                out = a == b;
                break;
            case Op::NotEqual:
                out = a != b;
                break;
            case Op::Less:
                out = a < b;
                break;
            case Op::LessEqual:
                out = a <= b;
                break;
            case Op::Greater:
                out = a > b;
                break;
            default:
                out = a >= b;
                break;
            }
            break;
        }
        default:
            // Return or a store: the value is complete.
            assert(top == 1);
            return stack[0];
        }
        ++pc;
    }
}

bool StepProgram::test(std::uint32_t condition, Machine& machine) const
{
    return testOn(condition, machine);
}

bool StepProgram::test(std::uint32_t condition, WordMachine& machine) const
{
    return testOn(condition, machine);
}

void StepProgram::run(std::uint32_t effects, Machine& machine) const
{
    runOn(effects, machine);
}

void StepProgram::run(std::uint32_t effects, WordMachine& machine) const
{
    runOn(effects, machine);
}

template <typename AnyMachine> bool StepProgram::testOn(std::uint32_t condition, AnyMachine& machine) const
{
    if (condition == none)
        return true;
    const std::uint32_t* pc = m_code.data() + condition;
    return evaluate(pc, machine) != 0;
}

template <typename AnyMachine> void StepProgram::runOn(std::uint32_t effects, AnyMachine& machine) const
{
    if (effects == none)
        return;
    const std::uint32_t* pc = m_code.data() + effects;
    for (;;) {
        std::uint32_t word = *pc;
        if (opOf(word) == Op::End)
            return;
        if (opOf(word) == Op::TreeEffect) {
            // Exactly what the tree path does: evaluate, clamp ints to the declared range, store.
            const Effect& effect = m_treeEffects[operandOf(word)];
            storeValue(machine, effect.variable(),
                       storedValue(effect.apply(machine.context), m_ranges[effect.variable()]));
            ++pc;
            continue;
        }
        const std::int64_t value = evaluate(pc, machine);
        word = *pc++;
        const std::uint32_t slot = operandOf(word);
        switch (opOf(word)) {
        case Op::StoreBool:
            storeBool(machine, slot, value != 0);
            break;
        case Op::StoreInt:
            storeInt(machine, slot, clampToRange(value, m_ranges[slot]));
            break;
        // The amount first, then the current value: the order the tree evaluator reads them in.
        case Op::AddTo:
            storeInt(machine, slot, clampToRange(saturatingAdd(intIn(machine, slot), value), m_ranges[slot]));
            break;
        case Op::SubtractFrom:
            storeInt(machine, slot,
                     clampToRange(saturatingSubtract(intIn(machine, slot), value), m_ranges[slot]));
            break;
        default:
            assert(false && "a value not followed by a store");
            return;
        }
    }
}

} // namespace sparring::core
