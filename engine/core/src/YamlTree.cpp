#include "YamlTree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <limits>
#include <streambuf>

namespace sparring::core {

// ---- YamlNode --------------------------------------------------------------------------------

YamlNode::Kind YamlNode::kind() const
{
    const auto* r = m_tree ? m_tree->record(m_index) : nullptr;
    return r ? r->kind : Kind::Undefined;
}

std::string_view YamlNode::scalar() const
{
    const auto* r = m_tree ? m_tree->record(m_index) : nullptr;
    if (!r || r->kind != Kind::Scalar)
        return {};
    return std::string_view(m_tree->m_scalars).substr(r->first, r->count);
}

bool YamlNode::isQuoted() const
{
    const auto* r = m_tree ? m_tree->record(m_index) : nullptr;
    return r && (r->flags & YamlTree::quotedFlag) != 0;
}

bool YamlNode::isFlow() const
{
    const auto* r = m_tree ? m_tree->record(m_index) : nullptr;
    return r && (r->flags & YamlTree::flowFlag) != 0;
}

YamlMark YamlNode::mark() const
{
    const auto* r = m_tree ? m_tree->record(m_index) : nullptr;
    if (!r || (r->flags & YamlTree::noMarkFlag) != 0)
        return {};
    return {static_cast<int>(r->pos), static_cast<int>(r->line)};
}

std::size_t YamlNode::size() const
{
    const auto* r = m_tree ? m_tree->record(m_index) : nullptr;
    return r && (r->kind == Kind::Sequence || r->kind == Kind::Map) ? r->count : 0;
}

YamlNode YamlNode::operator[](std::string_view key) const
{
    if (!isMap())
        return {};
    for (auto it = begin(); it != end(); ++it)
        if (it->first.isScalar() && it->first.scalar() == key)
            return it->second;
    return {};
}

YamlNode::const_iterator YamlNode::begin() const
{
    return isMap() || isSequence() ? const_iterator(m_tree, m_index, 0) : const_iterator();
}

YamlNode::const_iterator YamlNode::end() const
{
    return isMap() || isSequence() ? const_iterator(m_tree, m_index, static_cast<std::uint32_t>(size()))
                                   : const_iterator();
}

YamlNode::const_iterator::const_iterator(const YamlTree* tree, std::uint32_t collection,
                                         std::uint32_t position)
    : m_tree(tree), m_collection(collection), m_position(position)
{
    load();
}

void YamlNode::const_iterator::load()
{
    const auto* r = m_tree ? m_tree->record(m_collection) : nullptr;
    if (!r || m_position >= r->count) {
        m_entry = {};
        return;
    }
    const auto& children = m_tree->m_children;
    if (r->kind == Kind::Map) {
        const std::uint32_t at = r->first + 2 * m_position;
        m_entry.first = YamlNode(m_tree, children[at]);
        m_entry.second = YamlNode(m_tree, children[at + 1]);
        static_cast<YamlNode&>(m_entry) = {};
    } else {
        static_cast<YamlNode&>(m_entry) = YamlNode(m_tree, children[r->first + m_position]);
        m_entry.first = {};
        m_entry.second = {};
    }
}

// ---- YamlTree --------------------------------------------------------------------------------

YamlNode YamlTree::root() const
{
    if (!m_hasRoot) {
        // yaml-cpp's Load gives a null node without a mark for a text with no document.
        static const YamlTree empty = [] {
            YamlTree tree;
            tree.m_records.push_back({0, 0, 0, 0, YamlNode::Kind::Null, noMarkFlag});
            tree.m_hasRoot = true;
            return tree;
        }();
        return YamlNode(&empty, 0);
    }
    return YamlNode(this, m_root);
}

/// Receives yaml-cpp's events for one document and appends records as NodeBuilder would build
/// nodes: a node is recorded when it starts (so records are in file order and an anchor can be
/// referred to from inside itself, as yaml-cpp allows), its children when it ends.
class YamlTreeBuilder final : public YAML::EventHandler {
public:
    explicit YamlTreeBuilder(YamlTree& tree) : m_tree(tree) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        attach(add(mark, YamlNode::Kind::Null, 0, anchor));
    }

    void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override
    {
        // The parser has already refused an alias to an unknown anchor.
        attach(anchor < m_anchors.size() ? m_anchors[anchor] : 0);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override
    {
        const std::uint32_t index =
            add(mark, YamlNode::Kind::Scalar, tag == "!" ? YamlTree::quotedFlag : 0, anchor);
        auto& r = m_tree.m_records[index];
        r.first = checkedSize(m_tree.m_scalars.size());
        r.count = checkedSize(value.size());
        m_tree.m_scalars += value;
        attach(index);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override
    {
        open(add(mark, YamlNode::Kind::Sequence, style == YAML::EmitterStyle::Flow ? YamlTree::flowFlag : 0,
                 anchor));
    }
    void OnSequenceEnd() override { close(1); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override
    {
        open(add(mark, YamlNode::Kind::Map, style == YAML::EmitterStyle::Flow ? YamlTree::flowFlag : 0,
                 anchor));
    }
    void OnMapEnd() override { close(2); }

private:
    /// The file is limited far below 4 GiB (Limits.hpp); the check keeps a wrap impossible.
    static std::uint32_t checkedSize(std::size_t n)
    {
        if (n > std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("YAML document too large for its index");
        return static_cast<std::uint32_t>(n);
    }

    std::uint32_t add(const YAML::Mark& mark, YamlNode::Kind kind, std::uint8_t flags, YAML::anchor_t anchor)
    {
        const std::uint32_t index = checkedSize(m_tree.m_records.size());
        YamlTree::Record r;
        r.pos = static_cast<std::uint32_t>(mark.pos < 0 ? 0 : mark.pos);
        r.line = static_cast<std::uint32_t>(mark.line < 0 ? 0 : mark.line);
        r.kind = kind;
        r.flags = static_cast<std::uint8_t>(flags | (mark.pos < 0 ? YamlTree::noMarkFlag : 0));
        m_tree.m_records.push_back(r);
        if (anchor != YAML::NullAnchor) {
            if (m_anchors.size() <= anchor)
                m_anchors.resize(anchor + 1, 0);
            m_anchors[anchor] = index;
        }
        return index;
    }

    void attach(std::uint32_t index)
    {
        if (m_depth == 0) {
            if (!m_tree.m_hasRoot) {
                m_tree.m_root = index;
                m_tree.m_hasRoot = true;
            }
            return;
        }
        m_open[m_depth - 1].second.push_back(index);
    }

    void open(std::uint32_t index)
    {
        if (m_open.size() == m_depth)
            m_open.emplace_back();
        m_open[m_depth].first = index;
        m_open[m_depth].second.clear();
        ++m_depth;
    }

    /// Ends the innermost collection: its children become one run of m_children.
    void close(std::uint32_t perEntry)
    {
        auto& [index, children] = m_open[m_depth - 1];
        auto& r = m_tree.m_records[index];
        r.first = checkedSize(m_tree.m_children.size());
        r.count = checkedSize(children.size() / perEntry);
        m_tree.m_children.insert(m_tree.m_children.end(), children.begin(), children.end());
        --m_depth;
        attach(index);
    }

    YamlTree& m_tree;
    std::vector<std::uint32_t> m_anchors; ///< record index by yaml-cpp's anchor number
    /// The collections being read, innermost last, with the children read so far. Kept between
    /// uses so that each depth's buffer is allocated once.
    std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> m_open;
    std::size_t m_depth = 0;
};

namespace {

/// An input stream over a string the caller keeps, so the parser reads it without a copy.
class StringViewBuffer : public std::streambuf {
public:
    explicit StringViewBuffer(const std::string& text)
    {
        char* begin = const_cast<char*>(text.data()); // read only: the get area is never written
        setg(begin, begin, begin + text.size());
    }
};

} // namespace

YamlTree parseYamlTree(const std::string& text)
{
    StringViewBuffer buffer(text);
    std::istream stream(&buffer);
    YamlTree tree;
    // Reserved from the text's size, more than a document of short scalars needs (one node per 9
    // bytes in generated scenarios): growing by doubling would copy each array and, while it
    // copies, hold both. Pages never written are never made resident, so over-reserving is cheap.
    tree.m_records.reserve(text.size() / 6 + 16);
    tree.m_children.reserve(text.size() / 6 + 16);
    tree.m_scalars.reserve(text.size());
    YamlTreeBuilder builder(tree);
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
    return tree;
}

} // namespace sparring::core
