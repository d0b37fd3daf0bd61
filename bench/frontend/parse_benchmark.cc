// Parse throughput (MB/s of SML on one core) over every .sml file of the real rule sets in
// ../shared/corpus (falling back to examples/ when the corpus is absent).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "frontend/parse.h"

namespace osprey::bench {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<std::string, std::string>> LoadSmlFiles() {
  std::vector<std::pair<std::string, std::string>> files;
  fs::path roots[] = {fs::path(OSPREY_SOURCE_DIR) / ".." / "shared" / "corpus",
                      fs::path(OSPREY_SOURCE_DIR) / "examples"};
  for (const fs::path& root : roots) {
    if (!fs::is_directory(root)) continue;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".sml") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      files.emplace_back(entry.path().string(), text.str());
    }
    if (!files.empty()) break;
  }
  return files;
}

void BM_ParseCorpus(benchmark::State& state) {
  static const auto* files = new std::vector(LoadSmlFiles());
  frontend::SourceSet sources;
  std::vector<frontend::FileId> ids;
  size_t bytes = 0;
  for (const auto& [path, text] : *files) {
    ids.push_back(sources.Add(path, text));
    bytes += text.size();
  }
  for (auto _ : state) {
    frontend::DiagnosticSink sink;
    for (frontend::FileId id : ids) {
      frontend::ast::Module module = frontend::Parse(sources, id, sink);
      benchmark::DoNotOptimize(module);
    }
    if (sink.has_errors()) state.SkipWithError("a corpus file failed to parse");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["files"] = static_cast<double>(ids.size());
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace osprey::bench
