// osprey-jit's embedding API for C++: an engine that evaluates batches of JSON actions against
// an Osprey SML ruleset, JIT-compiled, and swaps in new rules while batches keep flowing.
//
// This header and osprey_jit.h (the C ABI) are the whole public interface of libosprey_jit;
// they use only the standard library. Thread-safety: Evaluate may run on one thread while
// Load* run on another; each of the two kinds of call is serialised with itself.
#ifndef OSPREY_JIT_ENGINE_H_
#define OSPREY_JIT_ENGINE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#if defined(OSPREY_JIT_BUILDING_LIBRARY)
#define OSPREY_JIT_API __attribute__((visibility("default")))
#else
#define OSPREY_JIT_API
#endif

namespace osprey_jit {

enum class Tier { kFast, kOptimized };
enum class Emit {
  kFull,  // Osprey's result map: every exported feature.
  kHits,  // Action id, ruleset, error count, true rules, verdicts, label mutations, effects.
};

// Label state, for an engine that keeps labels in the embedder's own store (a database shared
// by many processes, say). The types mirror Osprey's labels service.
enum class LabelStatus { kAdded, kRemoved, kManuallyAdded, kManuallyRemoved };

struct LabelReason {
  std::string name;  // The rule that caused it.
  int64_t created_at_micros = 0;
  std::optional<int64_t> expires_at_micros;
};

struct LabelState {
  LabelStatus status = LabelStatus::kAdded;
  std::vector<LabelReason> reasons;
};

// One change a label effect asks for.
struct LabelMutation {
  std::string entity_type;
  std::string entity_id;
  std::string label;
  bool add = true;
  LabelReason reason;
};

class LabelStore {
 public:
  virtual ~LabelStore() = default;
  // The state of `label` on the entity, or nullopt when it never had it (HasLabel).
  virtual std::optional<LabelState> Get(const std::string& entity_type,
                                        const std::string& entity_id,
                                        const std::string& label) const = 0;
  // True when the entity has any label at all (HasLabel's error_on_empty).
  virtual bool HasAnyLabel(const std::string& entity_type, const std::string& entity_id) const = 0;
  // Applies one action's mutations in order. Osprey's semantics: manual statuses are not
  // overridden by automatic mutations; per label, an add beats a remove of the same action.
  // Get/HasAnyLabel may be called from several worker threads at once, never concurrently
  // with Apply.
  virtual void Apply(const std::vector<LabelMutation>& mutations) = 0;
};

struct EngineOptions {
  int threads = 1;  // Worker threads per batch, the calling thread included.
  // The tier a new ruleset goes live with. With kFast and optimize_in_background, the
  // optimised tier replaces it (same ruleset, same results) once compiled, off the caller's
  // thread.
  Tier tier = Tier::kFast;
  bool optimize_in_background = true;
  bool interpreter = false;  // Evaluate with the reference interpreter instead of the JIT.
  Emit emit = Emit::kFull;
  bool include_ruleset_key = false;  // kFull: add "__ruleset" (kHits always has it).
  std::string labels_json;           // Initial label state (labels.json format); "" = empty.
  // Labels kept by the embedder; null: an in-process store (seeded with labels_json).
  std::shared_ptr<LabelStore> label_store;
  std::vector<std::string> udf_declaration_files;  // Plugin function declarations (YAML).
  uint64_t random_seed = 0;                        // RandomBool/RandomInt.
};

struct Diagnostic {
  std::string path;
  int line = 0;  // 1-based; 0 when the diagnostic is about a whole file.
  int column = 0;
  std::string severity;  // "error" or "warning"
  std::string message;
};

struct LoadResult {
  enum class Outcome {
    kApplied,    // The new ruleset is live.
    kUnchanged,  // Its identity equals the applied one: nothing was compiled.
    kRejected,   // It has errors (see diagnostics) or failed to compile: the old one stays.
  };
  Outcome outcome = Outcome::kRejected;
  std::string ruleset_id;  // The identity (content hash) of the ruleset loaded.
  std::vector<Diagnostic> diagnostics;
  std::string rendered_diagnostics;  // For people: file:line:col, source line and caret.
  std::string error;                 // When it could not be read or compiled at all.
};

// One action's result.
struct Result {
  std::string json;        // The result line (no newline), as `osprey-jit run` writes it.
  std::string ruleset_id;  // The ruleset that produced it.
  bool is_error = false;   // The line was not a valid action (json is an error record).
  int64_t action_id = 0;
  int64_t error_count = 0;
  std::vector<std::string> true_rules;  // Names of the Rule features that are true.
  std::vector<std::string> verdicts;
  std::vector<std::string> label_mutations;  // "EntityType/label/1" (add) or ".../0" (remove)
};

class OSPREY_JIT_API Engine {
 public:
  // Null (and `*error` set) when the JIT cannot run on this machine or a declaration file or
  // the labels cannot be read.
  static std::unique_ptr<Engine> Create(const EngineOptions& options, std::string* error);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Loads a rules directory (main.sml at its root) or an in-memory ruleset (path -> source).
  LoadResult LoadDirectory(const std::string& directory);
  LoadResult LoadSources(const std::map<std::string, std::string>& files);

  // Evaluates a batch: one Result per action, in order. Before any ruleset was applied, every
  // result is an error record.
  std::vector<Result> Evaluate(const std::vector<std::string>& actions);

  // The identity of the applied ruleset ("" before the first), and the diagnostics of the last
  // load.
  std::string applied_ruleset_id() const;
  std::vector<Diagnostic> last_diagnostics() const;
  // Waits until the background optimisation of the applied ruleset (if any) is live.
  void WaitForOptimizedTier();

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace osprey_jit

#endif  // OSPREY_JIT_ENGINE_H_
