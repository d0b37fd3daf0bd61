// Label state of entities, read by HasLabel and written by the label effects of earlier actions.
#ifndef OSPREY_RUNTIME_LABELS_H_
#define OSPREY_RUNTIME_LABELS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/container/flat_hash_map.h"

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
// plugs in here. Implementations must be safe to call from one thread at a time per instance.
class LabelStore {
 public:
  virtual ~LabelStore() = default;
  // The state of `label` on the entity, or nullopt when it never had it.
  virtual std::optional<LabelState> Get(std::string_view entity_type, std::string_view entity_id,
                                        std::string_view label) const = 0;
  // True when the entity has any label at all (HasLabel's error_on_empty).
  virtual bool HasAnyLabel(std::string_view entity_type, std::string_view entity_id) const = 0;
  // Applies one action's mutations, in order. Manual statuses are not overridden by automatic
  // mutations, as in Osprey's labels service.
  virtual void Apply(const std::vector<LabelMutation>& mutations) = 0;
};

class InMemoryLabelStore : public LabelStore {
 public:
  std::optional<LabelState> Get(std::string_view entity_type, std::string_view entity_id,
                                std::string_view label) const override;
  bool HasAnyLabel(std::string_view entity_type, std::string_view entity_id) const override;
  void Apply(const std::vector<LabelMutation>& mutations) override;

  void Set(std::string_view entity_type, std::string_view entity_id, std::string_view label,
           LabelState state);

  // Seeds the store from a labels.json file: a JSON list of
  // {"entity_type", "entity_id", "label", "status": added|removed|manually_added|manually_removed}.
  absl::Status LoadJson(std::string_view json_text);

 private:
  // "<type>/<id>" -> label -> state
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, LabelState>> entities_;
};

}  // namespace osprey::runtime

#endif  // OSPREY_RUNTIME_LABELS_H_
