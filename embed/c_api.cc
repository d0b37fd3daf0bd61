// The C ABI (osprey_jit.h) over the C++ Engine (engine.h).
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "osprey_jit/engine.h"
#include "osprey_jit/osprey_jit.h"

struct osprey_engine {
  std::unique_ptr<osprey_jit::Engine> engine;
};

struct osprey_results {
  std::vector<osprey_jit::Result> results;
};

namespace {

char* Copy(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out != nullptr) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

osprey_status StatusOf(const osprey_jit::LoadResult& result, char** diagnostics) {
  if (diagnostics != nullptr) {
    *diagnostics = Copy(result.error.empty() ? result.rendered_diagnostics : result.error);
  }
  switch (result.outcome) {
    case osprey_jit::LoadResult::Outcome::kApplied:
      return OSPREY_OK;
    case osprey_jit::LoadResult::Outcome::kUnchanged:
      return OSPREY_UNCHANGED;
    case osprey_jit::LoadResult::Outcome::kRejected:
      break;
  }
  return result.error.empty() ? OSPREY_ERROR_RULES_INVALID : OSPREY_ERROR_IO;
}

}  // namespace

extern "C" {

void osprey_engine_options_init(osprey_engine_options* options) {
  if (options == nullptr) return;
  *options = osprey_engine_options{};
  options->threads = 1;
  options->optimize_in_background = 1;
}

osprey_engine* osprey_engine_create(const osprey_engine_options* options, char** error) {
  osprey_engine_options defaults;
  osprey_engine_options_init(&defaults);
  if (options == nullptr) options = &defaults;
  if (options->threads < 1) {
    if (error != nullptr) *error = Copy("threads must be at least 1");
    return nullptr;
  }
  osprey_jit::EngineOptions engine_options;
  engine_options.threads = options->threads;
  engine_options.tier =
      options->optimized_tier ? osprey_jit::Tier::kOptimized : osprey_jit::Tier::kFast;
  engine_options.optimize_in_background = options->optimize_in_background != 0;
  engine_options.emit = options->emit_hits ? osprey_jit::Emit::kHits : osprey_jit::Emit::kFull;
  engine_options.include_ruleset_key = options->include_ruleset_key != 0;
  engine_options.random_seed = options->random_seed;
  std::string message;
  std::unique_ptr<osprey_jit::Engine> engine = osprey_jit::Engine::Create(engine_options, &message);
  if (engine == nullptr) {
    if (error != nullptr) *error = Copy(message);
    return nullptr;
  }
  return new osprey_engine{std::move(engine)};
}

void osprey_engine_free(osprey_engine* engine) { delete engine; }

osprey_status osprey_engine_load_directory(osprey_engine* engine, const char* directory,
                                           char** diagnostics) {
  if (engine == nullptr || directory == nullptr) return OSPREY_ERROR_INVALID_ARGUMENT;
  return StatusOf(engine->engine->LoadDirectory(directory), diagnostics);
}

osprey_status osprey_engine_load_sources(osprey_engine* engine, const char* const* paths,
                                         const char* const* sources, size_t count,
                                         char** diagnostics) {
  if (engine == nullptr || (count > 0 && (paths == nullptr || sources == nullptr))) {
    return OSPREY_ERROR_INVALID_ARGUMENT;
  }
  std::map<std::string, std::string> files;
  for (size_t i = 0; i < count; ++i) {
    if (paths[i] == nullptr || sources[i] == nullptr) return OSPREY_ERROR_INVALID_ARGUMENT;
    files[paths[i]] = sources[i];
  }
  return StatusOf(engine->engine->LoadSources(files), diagnostics);
}

char* osprey_engine_applied_ruleset(osprey_engine* engine) {
  return Copy(engine != nullptr ? engine->engine->applied_ruleset_id() : "");
}

osprey_status osprey_engine_evaluate(osprey_engine* engine, const char* const* actions,
                                     const size_t* lengths, size_t count,
                                     osprey_results** results) {
  if (engine == nullptr || results == nullptr ||
      (count > 0 && (actions == nullptr || lengths == nullptr))) {
    return OSPREY_ERROR_INVALID_ARGUMENT;
  }
  std::vector<std::string> lines;
  lines.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    lines.emplace_back(actions[i] != nullptr ? std::string(actions[i], lengths[i]) : "");
  }
  *results = new osprey_results{engine->engine->Evaluate(lines)};
  return OSPREY_OK;
}

size_t osprey_results_count(const osprey_results* results) {
  return results != nullptr ? results->results.size() : 0;
}

const char* osprey_results_json(const osprey_results* results, size_t i) {
  if (results == nullptr || i >= results->results.size()) return nullptr;
  return results->results[i].json.c_str();
}

const char* osprey_results_ruleset(const osprey_results* results, size_t i) {
  if (results == nullptr || i >= results->results.size()) return nullptr;
  return results->results[i].ruleset_id.c_str();
}

int osprey_results_is_error(const osprey_results* results, size_t i) {
  if (results == nullptr || i >= results->results.size()) return 0;
  return results->results[i].is_error ? 1 : 0;
}

void osprey_results_free(osprey_results* results) { delete results; }

void osprey_string_free(char* text) { std::free(text); }

}  // extern "C"
