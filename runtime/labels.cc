#include "runtime/labels.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "runtime/action.h"
#include "runtime/json_path.h"
#include "simdjson.h"

namespace osprey::runtime {
namespace {

// The reference's tolerance for clock skew between workers, used in expiry and reason merging.
constexpr int64_t kGraceMicros = 5'000'000;

// The store's key of an entity, "<type>/<id>", in the calling thread's own buffer (valid until
// its next call): kept so that a lookup allocates nothing, and per thread because reads run on
// every worker thread at once.
const std::string& EntityKey(std::string_view entity_type, std::string_view entity_id) {
  thread_local std::string key;
  key.assign(entity_type);
  key += '/';
  key += entity_id;
  return key;
}

bool IsManual(LabelStatus status) {
  return status == LabelStatus::kManuallyAdded || status == LabelStatus::kManuallyRemoved;
}

// LabelReasons.insert_or_update, for a reason of the same name as the current one: a reason
// older than the current one (by more than the grace period) is dropped; otherwise it
// replaces it, keeping the first created_at. So only the expiry can change.
void UpdateReason(int64_t current_created_at, std::optional<int64_t>& current_expires_at,
                  int64_t created_at, std::optional<int64_t> expires_at) {
  if (current_created_at > created_at + kGraceMicros) return;
  current_expires_at = expires_at;
}

// LabelState.is_expired. The reference asserts that a state has reasons; a state without
// any is treated as expired here, as HasLabel treats it as absent.
bool IsExpired(const LabelState& state, int64_t now) {
  if (state.reasons.empty()) return true;
  int64_t latest = INT64_MIN;
  for (const LabelReason& reason : state.reasons) {
    if (!reason.expires_at_micros) return false;
    latest = std::max(latest, *reason.expires_at_micros);
  }
  return latest + kGraceMicros < now;
}

std::optional<LabelStatus> StatusFromJson(simdjson::dom::element status) {
  if (status.is_string()) {
    std::string_view name = status.get_string().value_unsafe();
    if (name == "added") return LabelStatus::kAdded;
    if (name == "removed") return LabelStatus::kRemoved;
    if (name == "manually_added") return LabelStatus::kManuallyAdded;
    if (name == "manually_removed") return LabelStatus::kManuallyRemoved;
    return std::nullopt;
  }
  if (status.is_int64()) {
    switch (status.get_int64().value_unsafe()) {  // The reference's LabelStatus numbers.
      case 0:
        return LabelStatus::kRemoved;
      case 1:
        return LabelStatus::kAdded;
      case 2:
        return LabelStatus::kManuallyRemoved;
      case 3:
        return LabelStatus::kManuallyAdded;
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

struct SeedEntry {
  std::string entity_type;
  std::string entity_id;
  std::string label;
  LabelState state;
};

absl::StatusOr<SeedEntry> ParseSeedEntry(simdjson::dom::element entry, int64_t now) {
  if (!entry.is_object()) return absl::InvalidArgumentError("not a JSON object");
  simdjson::dom::object object = entry.get_object().value_unsafe();
  SeedEntry seed;
  for (auto [key, target] :
       {std::pair{"entity_type", &seed.entity_type}, std::pair{"label", &seed.label}}) {
    std::optional<simdjson::dom::element> value = LookupField(object, key);
    if (!value || !value->is_string()) {
      return absl::InvalidArgumentError(absl::StrFormat("`%s` must be a string", key));
    }
    *target = std::string(value->get_string().value_unsafe());
  }
  std::optional<simdjson::dom::element> id = LookupField(object, "entity_id");
  if (id && id->is_string()) {
    seed.entity_id = std::string(id->get_string().value_unsafe());
  } else if (id && id->is_int64()) {
    seed.entity_id = absl::StrFormat("%d", id->get_int64().value_unsafe());
  } else {
    return absl::InvalidArgumentError("`entity_id` must be a string or an integer");
  }
  std::optional<simdjson::dom::element> status = LookupField(object, "status");
  std::optional<LabelStatus> parsed_status = status ? StatusFromJson(*status) : std::nullopt;
  if (!parsed_status) {
    return absl::InvalidArgumentError(
        "`status` must be added, removed, manually_added or manually_removed");
  }
  seed.state.status = *parsed_status;
  LabelReason reason{"labels.json", now, std::nullopt};
  if (auto name = LookupField(object, "reason")) {
    if (!name->is_string()) return absl::InvalidArgumentError("`reason` must be a string");
    reason.name = std::string(name->get_string().value_unsafe());
  }
  for (auto [key, is_expiry] : {std::pair{"created_at", false}, std::pair{"expires_at", true}}) {
    std::optional<simdjson::dom::element> value = LookupField(object, key);
    if (!value || value->is_null()) continue;
    if (!value->is_string()) {
      return absl::InvalidArgumentError(absl::StrFormat("`%s` must be a timestamp string", key));
    }
    absl::StatusOr<Timestamp> time = ParseTimestamp(value->get_string().value_unsafe());
    if (!time.ok()) return time.status();
    // The reference makes naive times UTC (_guarantee_utc_timezone_awareness); unix_micros
    // of a naive Timestamp already reads it as UTC.
    if (is_expiry) {
      reason.expires_at_micros = time->unix_micros;
    } else {
      reason.created_at_micros = time->unix_micros;
    }
  }
  seed.state.reasons.push_back(std::move(reason));
  return seed;
}

}  // namespace

InMemoryLabelStore::InMemoryLabelStore(std::function<int64_t()> now_micros)
    : now_micros_(std::move(now_micros)) {}

int64_t InMemoryLabelStore::Now() const {
  return now_micros_ ? now_micros_() : absl::ToUnixMicros(absl::Now());
}

const InMemoryLabelStore::StoredLabel* InMemoryLabelStore::Find(std::string_view entity_type,
                                                                std::string_view entity_id,
                                                                std::string_view label) const {
  auto entity = entities_.find(EntityKey(entity_type, entity_id));
  if (entity == entities_.end()) return nullptr;
  auto state = entity->second.find(absl::string_view(label.data(), label.size()));
  return state == entity->second.end() ? nullptr : &state->second;
}

std::optional<LabelState> InMemoryLabelStore::Get(std::string_view entity_type,
                                                  std::string_view entity_id,
                                                  std::string_view label) const {
  const StoredLabel* stored = Find(entity_type, entity_id, label);
  if (stored == nullptr) return std::nullopt;
  return stored->state;
}

bool InMemoryLabelStore::VisitState(std::string_view entity_type, std::string_view entity_id,
                                    std::string_view label,
                                    absl::FunctionRef<void(const LabelState&)> visit) const {
  const StoredLabel* stored = Find(entity_type, entity_id, label);
  if (stored != nullptr) visit(stored->state);
  return stored != nullptr;
}

bool InMemoryLabelStore::HasAnyLabel(std::string_view entity_type,
                                     std::string_view entity_id) const {
  auto entity = entities_.find(EntityKey(entity_type, entity_id));
  return entity != entities_.end() && !entity->second.empty();
}

void InMemoryLabelStore::Set(std::string_view entity_type, std::string_view entity_id,
                             std::string_view label, LabelState state) {
  StoredLabel& stored = entities_[EntityKey(entity_type, entity_id)][std::string(label)];
  stored.state = std::move(state);
  stored.reason_of_name.clear();
  for (size_t i = 0; i < stored.state.reasons.size(); ++i) {
    stored.reason_of_name[ReasonNameId(stored.state.reasons[i].name)] = static_cast<uint32_t>(i);
  }
}

uint32_t InMemoryLabelStore::ReasonNameId(std::string_view name) {
  auto found = reason_name_ids_.find(absl::string_view(name.data(), name.size()));
  if (found != reason_name_ids_.end()) return found->second;
  const auto id = static_cast<uint32_t>(reason_name_ids_.size());
  reason_name_ids_.emplace(std::string(name), id);
  return id;
}

// As the vector form above, through the index.
void InMemoryLabelStore::StoredLabel::InsertOrUpdate(const DesiredReason& reason) {
  auto [it, added] =
      reason_of_name.try_emplace(reason.name_id, static_cast<uint32_t>(state.reasons.size()));
  if (added) {
    state.reasons.push_back(
        LabelReason{*reason.name, reason.created_at_micros, reason.expires_at_micros});
    return;
  }
  LabelReason& current = state.reasons[it->second];
  UpdateReason(current.created_at_micros, current.expires_at_micros, reason.created_at_micros,
               reason.expires_at_micros);
}

void InMemoryLabelStore::StoredLabel::Replace(LabelStatus status,
                                              std::span<const DesiredReason> reasons) {
  state.status = status;
  state.reasons.clear();
  reason_of_name.clear();
  for (const DesiredReason& reason : reasons) InsertOrUpdate(reason);
}

bool InMemoryLabelStore::StoredLabel::TryApply(LabelStatus status,
                                               std::span<const DesiredReason> reasons,
                                               int64_t now) {
  if (IsExpired(state, now)) {
    Replace(status, reasons);
    return true;
  }
  if (IsManual(state.status) && !IsManual(status)) return false;
  if (state.status != status) {
    Replace(status, reasons);
    return true;
  }
  for (const DesiredReason& reason : reasons) InsertOrUpdate(reason);
  return true;
}

void InMemoryLabelStore::Apply(std::span<const LabelMutation> mutations) {
  const int64_t now = Now();
  // The reference applies each entity's mutations separately, entities and, per entity, labels
  // in the order they were first mentioned (Python dicts). An action has a few dozen mutations
  // at most: groups are found by linear search, in scratch storage kept across calls.
  ApplyScratch& scratch = scratch_;
  scratch.grouped.assign(mutations.size(), false);
  for (size_t first = 0; first < mutations.size(); ++first) {
    const LabelMutation& head = mutations[first];
    if (scratch.grouped[first]) continue;
    if (head.entity_id.empty()) continue;  // MutationDropReason.INVALID_ENTITY_ID
    scratch.entity.clear();
    for (size_t i = first; i < mutations.size(); ++i) {
      if (!scratch.grouped[i] && mutations[i].entity_type == head.entity_type &&
          mutations[i].entity_id == head.entity_id) {
        scratch.grouped[i] = true;
        scratch.entity.push_back(&mutations[i]);
      }
    }
    ApplyToEntity(head.entity_type, head.entity_id, now);
  }
}

void InMemoryLabelStore::ApplyToEntity(std::string_view entity_type, std::string_view entity_id,
                                       int64_t now) {
  ApplyScratch& scratch = scratch_;
  const std::vector<const LabelMutation*>& entity = scratch.entity;
  absl::flat_hash_map<std::string, StoredLabel>* labels = nullptr;  // Found on first use.
  scratch.label_done.assign(entity.size(), false);
  for (size_t first = 0; first < entity.size(); ++first) {
    const std::string& label = entity[first]->label;
    if (scratch.label_done[first]) continue;
    if (label.empty()) continue;  // MutationDropReason.INVALID_LABEL_NAME
    // Conflicts: per label, only the mutations of the highest status (add = 1 > remove = 0).
    bool add = false;
    for (size_t i = first; i < entity.size(); ++i) {
      if (entity[i]->label == label) {
        scratch.label_done[i] = true;
        add = add || entity[i]->add;
      }
    }
    const LabelStatus status = add ? LabelStatus::kAdded : LabelStatus::kRemoved;
    // LabelReasons.insert_or_update of each winner, one reason per name: every rule that
    // fires may name the same label.
    std::vector<DesiredReason>& desired = scratch.desired;
    desired.clear();
    for (size_t i = first; i < entity.size(); ++i) {
      if (entity[i]->label != label || entity[i]->add != add) continue;
      const LabelReason& reason = entity[i]->reason;
      const uint32_t name_id = ReasonNameId(reason.name);
      if (name_id >= scratch.desired_of_name.size()) {
        scratch.desired_of_name.resize(reason_name_ids_.size(), 0);
      }
      uint32_t& index = scratch.desired_of_name[name_id];
      if (index == 0) {
        desired.push_back(
            {name_id, &reason.name, reason.created_at_micros, reason.expires_at_micros});
        index = static_cast<uint32_t>(desired.size());
      } else {
        DesiredReason& current = desired[index - 1];
        UpdateReason(current.created_at_micros, current.expires_at_micros, reason.created_at_micros,
                     reason.expires_at_micros);
      }
    }
    for (const DesiredReason& reason : desired) scratch.desired_of_name[reason.name_id] = 0;
    if (labels == nullptr) {
      const std::string& key = EntityKey(entity_type, entity_id);
      auto found = entities_.find(key);
      labels = found != entities_.end() ? &found->second : &entities_[key];
    }
    auto current = labels->find(label);
    if (current == labels->end()) {
      (*labels)[label].Replace(status, desired);
    } else {
      current->second.TryApply(status, desired, now);
    }
  }
}

absl::Status InMemoryLabelStore::LoadJson(std::string_view json_text) {
  simdjson::dom::parser parser;
  simdjson::padded_string text(json_text);
  simdjson::dom::element root;
  if (simdjson::error_code error = parser.parse(text).get(root)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("labels JSON: %s", simdjson::error_message(error)));
  }
  if (!root.is_array()) return absl::InvalidArgumentError("labels JSON must be a list");
  int64_t now = Now();
  std::vector<SeedEntry> entries;
  size_t index = 0;
  simdjson::dom::array list = root.get_array().value_unsafe();  // Bound: see json_path.cc.
  for (simdjson::dom::element entry : list) {
    absl::StatusOr<SeedEntry> seed = ParseSeedEntry(entry, now);
    if (!seed.ok()) {
      return absl::InvalidArgumentError(
          absl::StrFormat("labels JSON entry %d: %s", index, seed.status().message()));
    }
    entries.push_back(*std::move(seed));
    ++index;
  }
  for (SeedEntry& entry : entries) {
    Set(entry.entity_type, entry.entity_id, entry.label, std::move(entry.state));
  }
  return absl::OkStatus();
}

}  // namespace osprey::runtime
