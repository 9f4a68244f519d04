// Replays inputs through a fuzz target without libFuzzer, so that every build with tests (the
// asan preset's above all, with AddressSanitizer and UBSan) runs each seed and each kept finding
// through the same LLVMFuzzerTestOneInput that tools/fuzz explores with. Arguments: files, or
// folders whose regular files are all replayed (in name order). A crash, a sanitizer report or an
// assertion ends the process as it would end libFuzzer's; an empty replay is a failure, so a
// moved corpus cannot pass by replaying nothing.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path given(argv[i]);
        if (fs::is_directory(given)) {
            std::vector<fs::path> inFolder;
            for (const auto& entry : fs::directory_iterator(given))
                if (entry.is_regular_file())
                    inFolder.push_back(entry.path());
            std::sort(inFolder.begin(), inFolder.end());
            inputs.insert(inputs.end(), inFolder.begin(), inFolder.end());
        } else {
            inputs.push_back(given);
        }
    }
    for (const auto& file : inputs) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::cerr << file.string() << ": cannot be read\n";
            return 1;
        }
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::cout << "replaying " << file.string() << " (" << bytes.size() << " bytes)\n" << std::flush;
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::cout << "replayed " << inputs.size() << " inputs\n";
    return inputs.empty() ? 1 : 0;
}
