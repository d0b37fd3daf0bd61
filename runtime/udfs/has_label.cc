// HasLabel (spec udfs.md §J.1, sml-language.md §4.5.3) over the CallContext's label store.
#include <chrono>
#include <cmath>
#include <optional>
#include <string>

#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

int64_t WallClockMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// HasLabel(entity, label, manual, status, min_label_age, error_on_empty).
UdfOutcome HasLabel(const SiteData& site, CallContext& context, Args args) {
  const Value& entity = args[0];
  if (entity.kind() != Value::Kind::kEntity)
    return WrongType("HasLabel", "entity", "Entity", entity);
  const Value& label_value = ConstOr(site, args, 1);
  const Value& status_value = ConstOr(site, args, 3);
  if (label_value.kind() != Value::Kind::kString) {
    return WrongType("HasLabel", "label", "str", label_value);
  }
  if (status_value.kind() != Value::Kind::kString) {
    return WrongType("HasLabel", "status", "str", status_value);
  }
  if (context.labels == nullptr) {
    return Recorded("HasLabel: no labels provider is configured");
  }
  const std::string& label = label_value.as_string();
  const bool want_removed = status_value.as_string() == "removed";
  const std::string& type = entity.as_entity().type;
  const std::string id = PythonStr(entity.as_entity().id);

  const Value& error_on_empty = args[5];
  if (error_on_empty.kind() == Value::Kind::kBool && error_on_empty.as_bool() &&
      !context.labels->HasAnyLabel(type, id)) {
    return Recorded("EmptyEntityError: Entity '" + type + "/" + id +
                    "' has no labels (while checking label '" + label + "')");
  }
  // The reference compares expiry with the wall clock, not the action time.
  const int64_t now = context.now_unix_micros != 0 ? context.now_unix_micros : WallClockMicros();
  // What HasLabel reads of the state, taken while the store lends it: its status and the
  // oldest creation time among the reasons that have not expired.
  std::optional<LabelStatus> status;  // nullopt: no state, or every reason expired.
  std::optional<int64_t> oldest;
  context.labels->VisitState(type, id, label, [&](const LabelState& state) {
    for (const LabelReason& reason : state.reasons) {
      if (reason.expires_at_micros.has_value() && *reason.expires_at_micros <= now) continue;
      if (!oldest.has_value() || reason.created_at_micros < *oldest) {
        oldest = reason.created_at_micros;
      }
    }
    // A state without unexpired reasons (vacuously, one without reasons) counts as absent.
    if (oldest.has_value()) status = state.status;
  });
  const Value& manual = args[2];
  const bool manual_yes = manual.kind() == Value::Kind::kBool && manual.as_bool();
  const bool manual_no = manual.kind() == Value::Kind::kBool && !manual.as_bool();
  if (!status.has_value()) return Value::Bool(want_removed && !manual_yes);

  const bool is_removed =
      *status == LabelStatus::kRemoved || *status == LabelStatus::kManuallyRemoved;
  const bool is_manual =
      *status == LabelStatus::kManuallyAdded || *status == LabelStatus::kManuallyRemoved;
  bool result =
      is_removed == want_removed && !(manual_yes && !is_manual) && !(manual_no && is_manual);
  const Value& min_age = args[4];
  if (!min_age.is_none()) {
    const double min_seconds = min_age.kind() == Value::Kind::kInt
                                   ? static_cast<double>(min_age.as_int())
                                   : min_age.as_float();
    const auto min_micros = static_cast<int64_t>(std::llround(min_seconds * 1e6));
    result = result && (now - *oldest) > min_micros;
  }
  return Value::Bool(result);
}

}  // namespace

void RegisterHasLabelUdf(NativeUdfRegistry& registry) {
  registry.Register("HasLabel", WithSite(HasLabel));
}

}  // namespace osprey::runtime::udfs
