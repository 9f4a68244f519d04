#pragma once
// A YAML document as a flat, read-only index built from yaml-cpp's event API (YAML::Parser with an
// event handler), in place of yaml-cpp's YAML::Node tree. That tree costs about 17 KB per scenario
// node and as much time to build and free as the parse itself (issue 17): here every YAML node is
// one 20-byte record in one array, every scalar's text sits in one shared string, and a collection's
// children are a run of indices in a third array. The parse, its events and its exceptions are
// yaml-cpp's own, so what is accepted, what is refused and every message stay exactly as they were.
//
// YamlNode offers the part of YAML::Node's interface the loaders use, with the same meaning:
// - a null node is an empty value or a plain `~`/`null` (yaml-cpp reports both as OnNull);
// - an alias is its anchor's node (same index, same mark), as yaml-cpp's tree shares them;
// - a map keeps every pair in file order, duplicates included, and `node["key"]` is the first;
// - a missing key gives an undefined node (false in a test), on which every query is safe.

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace YAML {
struct Mark;
}

namespace sparring::core {

/// Where a node starts: byte offset and 0-based line, as yaml-cpp's Mark gives them.
struct YamlMark {
    int pos = -1;
    int line = -1;
};

class YamlTree;

/// A handle on one node of a YamlTree: two words, cheap to copy. Valid while its tree lives.
class YamlNode {
public:
    enum class Kind : std::uint8_t { Undefined, Null, Scalar, Sequence, Map };

    YamlNode() = default;

    [[nodiscard]] Kind kind() const;
    [[nodiscard]] bool isDefined() const { return kind() != Kind::Undefined; }
    [[nodiscard]] bool isNull() const { return kind() == Kind::Null; }
    [[nodiscard]] bool isScalar() const { return kind() == Kind::Scalar; }
    [[nodiscard]] bool isSequence() const { return kind() == Kind::Sequence; }
    [[nodiscard]] bool isMap() const { return kind() == Kind::Map; }
    explicit operator bool() const { return isDefined(); }

    /// A scalar's value (after YAML's unquoting and folding); empty for any other node.
    [[nodiscard]] std::string_view scalar() const;
    /// True when the value had the non-specific tag "!": quoted, or tagged `!` by hand. Quoting
    /// makes `"3"` or `"true"` text, which the loaders report as such.
    [[nodiscard]] bool isQuoted() const;
    /// True for a `{...}` or `[...]` collection.
    [[nodiscard]] bool isFlow() const;
    [[nodiscard]] YamlMark mark() const;
    /// Entries of a map or items of a sequence; 0 otherwise.
    [[nodiscard]] std::size_t size() const;
    /// The same node of the same tree (an alias is its anchor's node).
    [[nodiscard]] bool is(const YamlNode& other) const
    {
        return m_tree == other.m_tree && m_index == other.m_index;
    }
    /// The value of the first entry whose key is the scalar `key`; undefined when there is none.
    [[nodiscard]] YamlNode operator[](std::string_view key) const;

    /// What iterating yields, as with yaml-cpp: the item itself in a sequence, and in a map an
    /// entry whose `first` is the key and `second` the value.
    struct Entry;
    class const_iterator;
    [[nodiscard]] const_iterator begin() const;
    [[nodiscard]] const_iterator end() const;

private:
    friend class YamlTree;
    YamlNode(const YamlTree* tree, std::uint32_t index) : m_tree(tree), m_index(index) {}
    const YamlTree* m_tree = nullptr;
    std::uint32_t m_index = 0;
};

struct YamlNode::Entry : YamlNode {
    YamlNode first;
    YamlNode second;
};

class YamlNode::const_iterator {
public:
    // The standard's names for an iterator's traits, which std::iterator_traits looks for.
    using iterator_category = std::forward_iterator_tag; // NOLINT(readability-identifier-naming)
    using value_type = Entry;                            // NOLINT(readability-identifier-naming)
    using difference_type = std::ptrdiff_t;              // NOLINT(readability-identifier-naming)
    using pointer = const Entry*;                        // NOLINT(readability-identifier-naming)
    using reference = const Entry&;                      // NOLINT(readability-identifier-naming)

    const_iterator() = default;
    const Entry& operator*() const { return m_entry; }
    const Entry* operator->() const { return &m_entry; }
    const_iterator& operator++()
    {
        ++m_position;
        load();
        return *this;
    }
    const_iterator operator++(int)
    {
        auto before = *this;
        ++*this;
        return before;
    }
    bool operator==(const const_iterator& other) const { return m_position == other.m_position; }

private:
    friend class YamlNode;
    const_iterator(const YamlTree* tree, std::uint32_t collection, std::uint32_t position);
    void load();
    const YamlTree* m_tree = nullptr;
    std::uint32_t m_collection = 0;
    std::uint32_t m_position = 0;
    Entry m_entry;
};

/// The nodes of one parsed document. Build with parseYamlTree; not copyable (nodes point at it).
class YamlTree {
public:
    YamlTree() = default;
    YamlTree(const YamlTree&) = delete;
    YamlTree& operator=(const YamlTree&) = delete;
    YamlTree(YamlTree&&) = default;
    YamlTree& operator=(YamlTree&&) = default;

    /// The document's top node; a null node with no mark when the text has no document.
    [[nodiscard]] YamlNode root() const;

private:
    friend class YamlNode;
    friend class YamlTreeBuilder;
    friend YamlTree parseYamlTree(const std::string& text);
    struct Record {
        std::uint32_t pos = 0;
        std::uint32_t line = 0;
        std::uint32_t first = 0; ///< scalar: offset in m_scalars; collection: offset in m_children
        std::uint32_t count = 0; ///< scalar: bytes; sequence: items; map: entries (pairs)
        YamlNode::Kind kind = YamlNode::Kind::Null;
        std::uint8_t flags = 0;
    };
    static constexpr std::uint8_t quotedFlag = 1;
    static constexpr std::uint8_t flowFlag = 2;
    static constexpr std::uint8_t noMarkFlag = 4;

    [[nodiscard]] const Record* record(std::uint32_t index) const
    {
        return index < m_records.size() ? &m_records[index] : nullptr;
    }

    std::vector<Record> m_records;         ///< index 0 is the root once built
    std::vector<std::uint32_t> m_children; ///< items, or key, value, key, value... per collection
    std::string m_scalars;                 ///< every scalar's text, one after another
    std::uint32_t m_root = 0;
    bool m_hasRoot = false;
};

/// Parses the first document of `text` with yaml-cpp's parser into a YamlTree. Throws what
/// yaml-cpp's parser throws (YAML::ParserException, YAML::DeepRecursion...), as YAML::Load does.
[[nodiscard]] YamlTree parseYamlTree(const std::string& text);

} // namespace sparring::core
