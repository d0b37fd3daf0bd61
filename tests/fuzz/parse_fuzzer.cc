// libFuzzer target: any bytes as one rules file `main.sml`, through the parser and, when it
// parses, every validator. Build with the `fuzz` preset; run e.g.
//   build/fuzz/tests/fuzz/parse_fuzzer -max_total_time=600 fuzz-corpus/ tests/fuzz/seeds/
#include <cstddef>
#include <cstdint>
#include <string>

#include "frontend/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  osprey::frontend::SourceSet sources;
  sources.Add("main.sml", std::string(reinterpret_cast<const char*>(data), size));
  osprey::frontend::DiagnosticSink sink;
  osprey::frontend::ValidatedRuleset ruleset = osprey::frontend::ParseAndValidate(
      std::move(sources), osprey::frontend::ValidateOptions{}, sink);
  (void)ruleset;
  return 0;
}
