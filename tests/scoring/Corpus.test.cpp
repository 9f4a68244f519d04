// Corpus: the labelled JSON Lines file. Good lines are read with all their fields; every bad line
// is one SP0601 diagnostic at file:line and is skipped; blank lines are ignored; a missing file is
// SP0001. The shipped corpora read clean.

#include "scoring/Corpus.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace sparring::test {
namespace {

using scoring::readCorpus;

TEST(Corpus, GoodLinesAreReadWithAllFields)
{
    TempLibrary library;
    const auto file = library.write(
        "corpus.jsonl",
        R"({"text": "What happened?", "act": "open_question", "topic": "lost-deal"})"
        "\n"
        R"({"text": "So you’re stuck.", "act": "reflection", "depth": "complex", "tags": ["emotion_acknowledged", "framework_term:economic_buyer"], "topic": "t2"})"
        "\n"
        R"({"text": "Try it.", "act": "advice", "tags": []})"
        "\r\n");
    const auto result = readCorpus(file);
    EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(formatted(result.diagnostics));
    ASSERT_EQ(result.items.size(), 3u);

    EXPECT_EQ(result.items[0].text, "What happened?");
    EXPECT_EQ(result.items[0].act, core::Act::OpenQuestion);
    EXPECT_EQ(result.items[0].depth, "");
    EXPECT_TRUE(result.items[0].tags.empty());
    EXPECT_EQ(result.items[0].topic, "lost-deal");
    EXPECT_EQ(result.items[0].line, 1);

    EXPECT_EQ(result.items[1].text, "So you’re stuck.");
    EXPECT_EQ(result.items[1].act, core::Act::Reflection);
    EXPECT_EQ(result.items[1].depth, "complex");
    EXPECT_EQ(result.items[1].tags,
              (std::vector<std::string>{"emotion_acknowledged", "framework_term:economic_buyer"}));
    EXPECT_EQ(result.items[1].topic, "t2");
    EXPECT_EQ(result.items[1].line, 2);

    EXPECT_EQ(result.items[2].act, core::Act::Advice);
    EXPECT_EQ(result.items[2].topic, "");
    EXPECT_EQ(result.items[2].line, 3);
}

TEST(Corpus, EachBadLineIsOneDiagnosticAtItsLineAndGoodLinesAreStillRead)
{
    TempLibrary library;
    const std::vector<std::string> lines{
        R"({"text": "What happened?", "act": "open_question"})",                 // 1 good
        "",                                                                      // 2 blank
        R"({"text": "half a line", "act":)",                                     // 3 not JSON
        R"(["text", "act"])",                                                    // 4 JSON, not an object
        R"({"act": "advice"})",                                                  // 5 no text
        R"({"text": "hi"})",                                                     // 6 no act
        R"({"text": 5, "act": "other"})",                                        // 7 text not a string
        R"({"text": "hi", "act": "question"})",                                  // 8 unknown act
        R"({"text": "So you're stuck.", "act": "reflection"})",                  // 9 reflection, no depth
        R"({"text": "So you're stuck.", "act": "reflection", "depth": "deep"})", // 10 unknown depth
        R"({"text": "Try this.", "act": "advice", "depth": "simple"})",          // 11 depth, not a reflection
        R"({"text": "hi", "act": "other", "tags": ["nope"]})",                   // 12 unknown tag
        R"({"text": "hi", "act": "other", "tags": "filler"})",                   // 13 tags not a list
        R"({"text": "hi", "act": "other", "tags": ["filler", 3]})",              // 14 a tag not a string
        "   \t",                                                                 // 15 blank
        R"({"text": "Well done.", "act": "affirmation", "tags": ["filler"]})",   // 16 good
    };
    std::string text;
    for (const auto& line : lines)
        text += line + "\n";
    const auto file = library.write("corpus.jsonl", text);
    const auto result = readCorpus(file);

    const std::string name = file.generic_string();
    const std::string jsonFields = "needs string fields 'text' and 'act' [SP0601]";
    const std::string depth =
        "a reflection needs depth 'simple' or 'complex', and only a reflection has a depth [SP0601]";
    const std::string tags = "'tags' must be a list of known tags [SP0601]";
    EXPECT_EQ(formatted(result.diagnostics), (std::vector<std::string>{
                                                 name + ":3:1: error: not a JSON object [SP0601]",
                                                 name + ":4:1: error: not a JSON object [SP0601]",
                                                 name + ":5:1: error: " + jsonFields,
                                                 name + ":6:1: error: " + jsonFields,
                                                 name + ":7:1: error: " + jsonFields,
                                                 name + ":8:1: error: unknown act 'question' [SP0601]",
                                                 name + ":9:1: error: " + depth,
                                                 name + ":10:1: error: " + depth,
                                                 name + ":11:1: error: " + depth,
                                                 name + ":12:1: error: " + tags,
                                                 name + ":13:1: error: " + tags,
                                                 name + ":14:1: error: " + tags,
                                             }));
    ASSERT_EQ(result.items.size(), 2u);
    EXPECT_EQ(result.items[0].line, 1);
    EXPECT_EQ(result.items[0].text, "What happened?");
    EXPECT_EQ(result.items[1].line, 16);
    EXPECT_EQ(result.items[1].act, core::Act::Affirmation);
    EXPECT_EQ(result.items[1].tags, (std::vector<std::string>{"filler"}));
}

TEST(Corpus, MissingFileIsSP0001)
{
    TempLibrary library;
    const auto missing = library.root() / "missing.jsonl";
    const auto result = readCorpus(missing);
    EXPECT_TRUE(result.items.empty());
    EXPECT_EQ(formatted(result.diagnostics),
              (std::vector<std::string>{missing.generic_string() +
                                        ": error: cannot read the corpus file: file not found [SP0001]"}));
}

TEST(Corpus, EmptyFileHasNoItemsAndNoDiagnostics)
{
    TempLibrary library;
    const auto result = readCorpus(library.write("empty.jsonl", "\n\n"));
    EXPECT_TRUE(result.items.empty());
    EXPECT_TRUE(result.diagnostics.empty());
}

TEST(Corpus, ShippedCorporaReadClean)
{
    for (const char* name : {"assets/corpus/train.jsonl", "assets/corpus/test.jsonl"}) {
        const auto file = sourceDir() / name;
        std::size_t nonBlank = 0;
        std::ifstream in(file);
        for (std::string line; std::getline(in, line);)
            nonBlank += line.find_first_not_of(" \t\r") != std::string::npos ? 1 : 0;
        ASSERT_GT(nonBlank, 0u) << name;
        const auto result = readCorpus(file);
        EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(formatted(result.diagnostics));
        EXPECT_EQ(result.items.size(), nonBlank) << name;
    }
}

} // namespace
} // namespace sparring::test
