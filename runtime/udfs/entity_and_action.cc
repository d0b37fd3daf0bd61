// Entity, GetActionName, GetActionId (spec udfs.md §A.2, §A.3, §B.1) and ResolveOptional (§G.1).
// JsonData and EntityJson are evaluated by the engine itself, not here.
#include <string>

#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

UdfOutcome MakeEntity(const SiteData& site, Args args) {
  const Value& type = ConstOr(site, args, 0);
  if (type.kind() != Value::Kind::kString) return WrongType("Entity", "type", "str", type);
  const Value& id = args[1];
  // The id's run-time type is checked exactly: a bool is not an int here.
  if (id.kind() != Value::Kind::kString && !id.is_integer()) {
    return Recorded("TypeError: Can only have `str` or `int` entities, got `" + PythonTypeName(id) +
                    "`");
  }
  return Value::Entity(type.as_string(), id);
}

UdfOutcome ResolveOptional(const SiteData& site, Args args) {
  if (!args[0].is_none()) return args[0];
  if (!args[1].is_none()) return args[1];
  const Value& report = ConstOr(site, args, 2);
  if (report.kind() == Value::Kind::kBool && report.as_bool()) {
    return Recorded("ValueError: optional_value kwarg is None");
  }
  return Silent();
}

}  // namespace

void RegisterEntityAndActionUdfs(NativeUdfRegistry& registry) {
  registry.Register("Entity", WithSite([](const SiteData& site, CallContext&, Args args) {
                      return MakeEntity(site, args);
                    }));
  registry.Register("GetActionName", Stateless([](CallContext& context, Args) -> UdfOutcome {
                      if (context.action == nullptr) return Recorded("GetActionName: no action");
                      const std::string& name = context.action->name;
                      return StringResult(context, [&name](std::string& out) { out = name; });
                    }));
  registry.Register("GetActionId", Stateless([](CallContext& context, Args) -> UdfOutcome {
                      if (context.action == nullptr) return Recorded("GetActionId: no action");
                      return Value::Int(context.action->id);
                    }));
  registry.Register("ResolveOptional", WithSite([](const SiteData& site, CallContext&, Args args) {
                      return ResolveOptional(site, args);
                    }));
}

}  // namespace osprey::runtime::udfs
