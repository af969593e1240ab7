// The fuzz harness's seeds (tests/fuzz/corpus/bus/NAME, one per sample) hold the current
// format: a change of the format fails here until the seeds are written again with
//   MM_WRITE_BUS_CORPUS=1 build/DIR/tests/unit/broker_bus/unit_broker_bus -tc='*seeds*'
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/unit/broker_bus/samples.h"

namespace mm::broker::test {
namespace {

namespace fs = std::filesystem;

// The seeds are made at this loop time (any will do: times travel as time left).
constexpr uint64_t kSeedNow = 1'000'000;

std::vector<uint8_t> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& file, const std::vector<uint8_t>& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

}  // namespace

TEST_CASE("the fuzz seeds of the bus are the samples' current encodings") {
  const fs::path dir = MM_BUS_CORPUS;
  const bool write = std::getenv("MM_WRITE_BUS_CORPUS") != nullptr;
  for (const Sample& sample : samples(kSeedNow)) {
    const fs::path file = dir / sample.name;
    INFO(file.string());
    if (write) write_file(file, sample.bytes);
    CHECK(read_file(file) == sample.bytes);
  }
}

}  // namespace mm::broker::test
