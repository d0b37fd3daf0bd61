// Uses the installed C++ API: loads a one-rule ruleset from memory, evaluates two actions and
// prints their hits, one per line.
#include <iostream>

#include "osprey_jit/engine.h"

int main() {
  osprey_jit::EngineOptions options;
  options.emit = osprey_jit::Emit::kHits;
  options.optimize_in_background = false;
  std::string error;
  std::unique_ptr<osprey_jit::Engine> engine = osprey_jit::Engine::Create(options, &error);
  if (engine == nullptr) {
    std::cerr << error << "\n";
    return 2;
  }
  osprey_jit::LoadResult loaded = engine->LoadSources({{"main.sml", R"(
Score: int = JsonData(path='$.score')
High = Rule(when_all=[Score > 10], description='high score')
WhenRules(rules_any=[High], then=[DeclareVerdict(verdict='review')])
)"}});
  if (loaded.outcome != osprey_jit::LoadResult::Outcome::kApplied) {
    std::cerr << loaded.rendered_diagnostics << loaded.error << "\n";
    return 1;
  }
  for (
      const osprey_jit::Result& result : engine->Evaluate({
          R"({"action_id": 1, "action_name": "a", "timestamp": "2025-01-01T00:00:00Z", "data": {"score": 50}})",
          R"({"action_id": 2, "action_name": "a", "timestamp": "2025-01-01T00:00:00Z", "data": {"score": 5}})",
      })) {
    std::cout << result.json << "\n";
  }
  return 0;
}
