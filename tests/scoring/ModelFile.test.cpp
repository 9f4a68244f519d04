// Model files: the layout check that stands between a damaged file and fastText, which trusts the
// sizes a file declares. Before the check, a model cut at 3,000 bytes made `classify` loop and grow
// past 2.5 GB (stopped by a timeout after 20 s); one whose header claims a huge matrix allocates it.

#include "scoring/ModelFile.hpp"
#include "TestSupport.hpp"
#include "scoring/FastTextModel.hpp"
#include "scoring/ScoringError.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace sparring::test {
namespace {

std::string shippedModel(const char* name)
{
    auto bytes = readFile(modelDirectory() / name);
    EXPECT_GT(bytes.size(), 1000U) << "the build's model " << name;
    return bytes;
}

template <typename T> T fieldAt(const std::string& bytes, std::size_t offset)
{
    T value{};
    std::memcpy(&value, bytes.data() + offset, sizeof value);
    return value;
}

template <typename T> void setFieldAt(std::string& bytes, std::size_t offset, T value)
{
    std::memcpy(bytes.data() + offset, &value, sizeof value);
}

// Offsets fixed by fastText 0.9's layout: signature (8 bytes), settings (56, the dimension first),
// then the dictionary's counts (entries, words, labels as 32-bit numbers).
constexpr std::size_t kDimensionAt = 8;
constexpr std::size_t kLabelsAt = 8 + 56 + 8;

/// Where the output matrix's row count sits: it is the last part of the file, labels x dimension.
std::size_t outputRowsAt(const std::string& model)
{
    const auto dimension = fieldAt<std::int32_t>(model, kDimensionAt);
    const auto labels = fieldAt<std::int32_t>(model, kLabelsAt);
    return model.size() - static_cast<std::size_t>(labels) * static_cast<std::size_t>(dimension) * 4 - 16;
}

TEST(ModelFile, TheBuildsModelsHoldTheirLayoutToTheLastByte)
{
    for (const auto* name : {"acts.bin", "tags.bin"}) {
        const auto model = shippedModel(name);
        EXPECT_EQ(scoring::modelFileProblem(model), std::nullopt) << name;
        // The check reads the layout it claims to: the output matrix header is where it says.
        EXPECT_EQ(fieldAt<std::int64_t>(model, outputRowsAt(model)), fieldAt<std::int32_t>(model, kLabelsAt));
    }
}

TEST(ModelFile, AModelCutAnywhereIsRefusedWithWhereItEnds)
{
    const auto model = shippedModel("acts.bin");
    // The signature, the settings, the dictionary, the input matrix, the output matrix, the last byte.
    for (const std::size_t length :
         {std::size_t{3}, std::size_t{6}, std::size_t{40}, std::size_t{90}, std::size_t{3000},
          model.size() / 2, outputRowsAt(model) + 4, model.size() - 1}) {
        const auto problem = scoring::modelFileProblem(std::string_view(model).substr(0, length));
        ASSERT_TRUE(problem.has_value()) << "cut at " << length;
        EXPECT_TRUE(problem->find("truncated") != std::string::npos ||
                    problem->find("not a fastText model") != std::string::npos)
            << "cut at " << length << ": " << *problem;
    }
}

TEST(ModelFile, SizesTheFileCannotHoldAreRefusedBeforeAnythingTrustsThem)
{
    auto model = shippedModel("acts.bin");
    setFieldAt<std::int64_t>(model, outputRowsAt(model), std::int64_t{1} << 40);
    auto problem = scoring::modelFileProblem(model);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("output matrix declares 1099511627776 x 24 values"), std::string::npos)
        << *problem;

    // rows x columns x 4 overflowing 64 bits must not wrap round to a size that fits.
    setFieldAt<std::int64_t>(model, outputRowsAt(model), std::int64_t{1} << 62);
    problem = scoring::modelFileProblem(model);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("declares"), std::string::npos) << *problem;

    auto counts = shippedModel("acts.bin");
    setFieldAt<std::int32_t>(counts, kLabelsAt, 1'000'000'000);
    problem = scoring::modelFileProblem(counts);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("counts do not add up"), std::string::npos) << *problem;
}

TEST(ModelFile, OtherFilesAndOtherVersionsAreNamedForWhatTheyAre)
{
    EXPECT_NE(scoring::modelFileProblem("__label__ask what do you think\n")->find("not a fastText model"),
              std::string::npos);
    EXPECT_NE(scoring::modelFileProblem("")->find("not a fastText model"), std::string::npos);
    auto model = shippedModel("acts.bin");
    setFieldAt<std::int32_t>(model, 4, 11);
    EXPECT_NE(scoring::modelFileProblem(model)->find("another version of fastText (format 11, expected 12)"),
              std::string::npos);
    auto longer = shippedModel("acts.bin") + "x";
    EXPECT_NE(scoring::modelFileProblem(longer)->find("1 bytes follow the model's end"), std::string::npos);
}

TEST(ModelFile, LoadingADamagedModelThrowsAMessageNamingTheFile)
{
    TempLibrary scratch;
    const auto file = scratch.root() / "acts.bin";
    const auto model = shippedModel("acts.bin");
    std::ofstream(file, std::ios::binary) << model.substr(0, 3000);
    try {
        const scoring::FastTextModel loaded(file);
        FAIL() << "a model cut at 3,000 bytes loaded";
    } catch (const scoring::ScoringError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(file.string()), std::string::npos) << message;
        EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    }
    // A folder where the model should be is said so, not read.
    std::filesystem::remove(file);
    std::filesystem::create_directory(file);
    EXPECT_THROW(scoring::FastTextModel{file}, scoring::ScoringError);
}

TEST(ModelFile, ClassifyWithADamagedModelSaysWhichAndStops)
{
    TempLibrary scratch;
    const auto models = scratch.root() / "models";
    std::filesystem::create_directories(models);
    std::filesystem::copy_file(modelDirectory() / "tags.bin", models / "tags.bin");
    std::ofstream(models / "acts.bin", std::ios::binary) << shippedModel("acts.bin").substr(0, 3000);
    std::ofstream(scratch.root() / "lines.txt") << "What happened on the call?\n";
    const auto result = runSparring("classify --models '" + models.string() + "' '" +
                                    (scratch.root() / "lines.txt").string() + "'");
    EXPECT_EQ(result.exitCode, 1) << result.out;
    // Byte 3,000 falls in the dictionary, inside an entry or between two, whatever the corpus.
    EXPECT_NE(result.out.find("acts.bin: "), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("its dictionary"), std::string::npos) << result.out;
}

} // namespace
} // namespace sparring::test
