// Replays a harness's seed corpus as an ordinary doctest, so that CI catches a regression on
// any input that once crashed without running a fuzzer. Built once per harness, with
// MM_FUZZ_NAME and MM_FUZZ_CORPUS (the corpus directory) defined by tests/fuzz/CMakeLists.txt.

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

// Regular files, sorted so that a failure names the same file on every run; dotfiles skipped.
std::vector<fs::path> corpus_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A heap block of exactly the file's size, as libFuzzer gives it, so that AddressSanitizer
// reports a read one past the end of the input.
struct Input {
  std::unique_ptr<uint8_t[]> bytes;
  size_t size = 0;
};

Input read_input(const fs::path& file) {
  Input input;
  input.size = fs::file_size(file);
  input.bytes = std::make_unique<uint8_t[]>(input.size);
  std::ifstream in(file, std::ios::binary);
  in.read(reinterpret_cast<char*>(input.bytes.get()), static_cast<std::streamsize>(input.size));
  REQUIRE(static_cast<size_t>(in.gcount()) == input.size);
  return input;
}

}  // namespace

TEST_CASE("fuzz corpus replays cleanly: " MM_FUZZ_NAME) {
  const fs::path dir = MM_FUZZ_CORPUS;
  REQUIRE_MESSAGE(fs::is_directory(dir), "no seed corpus at ", dir.string());
  const std::vector<fs::path> files = corpus_files(dir);
  REQUIRE_MESSAGE(!files.empty(), "the seed corpus is empty: ", dir.string());
  for (const fs::path& file : files) {
    // On stderr, unbuffered, before the input runs: an abort or a sanitizer report ends the
    // process without doctest's contexts, and this line then names the input.
    std::fprintf(stderr, "replaying %s\n", file.c_str());
    INFO("corpus file: ", file.string());
    const Input input = read_input(file);
    CHECK(LLVMFuzzerTestOneInput(input.bytes.get(), input.size) == 0);
  }
  MESSAGE(files.size(), " files replayed");
}
