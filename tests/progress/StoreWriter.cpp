// A test helper process: saves sample sessions to the store named on the command line, one after
// another, and prints each session's id once its save has returned (and so committed). The
// durability tests kill it at random moments and check that every printed session is whole.
//
//   sparring_store_writer STORE COUNT TRAINEE

#include "SampleRecords.hpp"
#include "progress/Store.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: sparring_store_writer STORE COUNT TRAINEE\n");
        return 2;
    }
    try {
        const auto store = sparring::progress::openStore(argv[1]);
        const long count = std::strtol(argv[2], nullptr, 10);
        for (long i = 0; i < count; ++i) {
            const auto record = sparring::test::sampleRecord(argv[3], i, 8);
            store->save(record);
            std::printf("%s\n", record.id.c_str());
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sparring_store_writer: %s\n", e.what());
        return 1;
    }
    return 0;
}
