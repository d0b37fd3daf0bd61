// Label state of entities, read by HasLabel and written by the label effects of earlier actions.
#ifndef OSPREY_RUNTIME_LABELS_H_
#define OSPREY_RUNTIME_LABELS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"

namespace osprey::runtime {

enum class LabelStatus : uint8_t { kAdded, kRemoved, kManuallyAdded, kManuallyRemoved };

struct LabelReason {
  std::string name;  // The rule that caused it.
  int64_t created_at_micros = 0;
  std::optional<int64_t> expires_at_micros;
};

struct LabelState {
  LabelStatus status = LabelStatus::kAdded;
  std::vector<LabelReason> reasons;
};

// One change an action's label effect asks for (spec §4.5.3, "Which label mutations are applied").
struct LabelMutation {
  std::string entity_type;
  std::string entity_id;  // Labels are keyed by "<type>/<id>" with the id as a string.
  std::string label;
  bool add = true;
  LabelReason reason;
};

// The label store behind an interface: in-process by default; a shared store for many workers
// plugs in here. Reads (the const functions) may run on several threads at once — a batch's
// workers evaluate concurrently — but never at the same time as Apply, which the batch runtime
// calls between batches (runtime/batch_evaluator.h).
class LabelStore {
 public:
  virtual ~LabelStore() = default;
  // The state of `label` on the entity, or nullopt when it never had it.
  virtual std::optional<LabelState> Get(std::string_view entity_type, std::string_view entity_id,
                                        std::string_view label) const = 0;
  // Calls `visit` with the state of `label` on the entity, when it has one, and says whether
  // it did: for readers that only look at the state. The default copies it through Get; a
  // store that holds the state can lend it instead.
  virtual bool VisitState(std::string_view entity_type, std::string_view entity_id,
                          std::string_view label,
                          absl::FunctionRef<void(const LabelState&)> visit) const {
    std::optional<LabelState> state = Get(entity_type, entity_id, label);
    if (state.has_value()) visit(*state);
    return state.has_value();
  }
  // True when the entity has any label at all (HasLabel's error_on_empty).
  virtual bool HasAnyLabel(std::string_view entity_type, std::string_view entity_id) const = 0;
  // Applies one action's mutations, in order. Manual statuses are not overridden by automatic
  // mutations, as in Osprey's labels service.
  virtual void Apply(std::span<const LabelMutation> mutations) = 0;
};

// The reference labels provider's semantics (osprey_shared/labels.py, storage/labels.py), per
// entity and action:
//  - mutations with an empty entity id or label are dropped;
//  - per label, the highest status wins (an add beats a remove in the same action); mutations
//    with the winning status merge their reasons by name (a later one replaces an earlier one of
//    the same name but keeps its created_at, unless it is more than 5 s older);
//  - a label not yet present takes the desired state; an expired state (every reason has an
//    expiry, and the latest + 5 s is before now; also a state without reasons) is replaced;
//    a manual status is never overridden by an automatic mutation; a different status replaces
//    the status and reasons; the same status merges the reasons.
// "now" is the wall clock, as in the reference, unless a clock is given.
class InMemoryLabelStore : public LabelStore {
 public:
  // `now_micros` returns the current time in Unix microseconds; null means the wall clock.
  explicit InMemoryLabelStore(std::function<int64_t()> now_micros = nullptr);

  std::optional<LabelState> Get(std::string_view entity_type, std::string_view entity_id,
                                std::string_view label) const override;
  bool VisitState(std::string_view entity_type, std::string_view entity_id, std::string_view label,
                  absl::FunctionRef<void(const LabelState&)> visit) const override;
  bool HasAnyLabel(std::string_view entity_type, std::string_view entity_id) const override;
  void Apply(std::span<const LabelMutation> mutations) override;

  void Set(std::string_view entity_type, std::string_view entity_id, std::string_view label,
           LabelState state);

  // Seeds the store from a labels.json file: a JSON list of
  // {"entity_type", "entity_id", "label", "status": added|removed|manually_added|manually_removed}
  // (`entity_id` a string or an integer; `status` may also be the reference's number 0-3).
  // Each entry gets one reason, named "labels.json", created now and never expiring, unless
  // the entry gives "reason", "created_at" or "expires_at" (ISO timestamps). Later entries for
  // the same label replace earlier ones. InvalidArgument (naming the entry) on malformed input;
  // the store is unchanged then.
  absl::Status LoadJson(std::string_view json_text);

 private:
  int64_t Now() const;

  // One reason of the state an action's mutations ask for (one per reason name): the
  // mutation's reason, with the created_at merging kept.
  struct DesiredReason {
    uint32_t name_id;
    const std::string* name;  // The mutation's.
    int64_t created_at_micros;
    std::optional<int64_t> expires_at_micros;
  };

  // A label's state with its reasons indexed by name: a state keeps one reason per rule that
  // ever set the label, and merging a mutation's reasons must not compare with every one.
  // Indexed by interned name (reason_name_ids_), so that the index of a state with hundreds
  // of reasons is small and compares integers rather than strings.
  struct StoredLabel {
    LabelState state;
    absl::flat_hash_map<uint32_t, uint32_t> reason_of_name;  // Name id -> index into reasons.
    // LabelReasons.insert_or_update (see labels.cc).
    void InsertOrUpdate(const DesiredReason& reason);
    // The state becomes `status` with `reasons`, in order.
    void Replace(LabelStatus status, std::span<const DesiredReason> reasons);
    // LabelState.try_apply_desired_state; false when the mutation is dropped.
    bool TryApply(LabelStatus status, std::span<const DesiredReason> reasons, int64_t now);
  };

  // The stored state of `label` on the entity, or null.
  const StoredLabel* Find(std::string_view entity_type, std::string_view entity_id,
                          std::string_view label) const;

  // The id of a reason name, interned on first use. Only writers (Apply, Set) call it.
  uint32_t ReasonNameId(std::string_view name);

  // Applies the mutations of one entity (scratch_.entity, in order).
  void ApplyToEntity(std::string_view entity_type, std::string_view entity_id, int64_t now);

  // Apply's working storage, kept so that applying an action's mutations allocates nothing
  // in steady state (Apply is never called concurrently).
  struct ApplyScratch {
    std::vector<bool> grouped;                 // By mutation: its entity was handled.
    std::vector<const LabelMutation*> entity;  // One entity's mutations.
    std::vector<bool> label_done;              // By mutation of `entity`.
    std::vector<DesiredReason> desired;        // One label's merged reasons.
    // By reason name id: 1 + the index of its reason in `desired`, 0 for none (all zero
    // between labels).
    std::vector<uint32_t> desired_of_name;
  };

  std::function<int64_t()> now_micros_;
  ApplyScratch scratch_;
  // Reason name -> its id (ReasonNameId). Never shrinks: the names are those of the rules that
  // ever labelled an entity, and of the seed file's reasons, which a store keeps anyway.
  absl::flat_hash_map<std::string, uint32_t> reason_name_ids_;
  // "<type>/<id>" -> label -> state
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, StoredLabel>> entities_;
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_LABELS_H_
