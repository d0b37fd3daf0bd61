// NativeUdfRegistry and the stdlib's native functions, gathered from the runtime/udfs/ files.
#include <memory>
#include <string>
#include <utility>

#include "runtime/udf.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime {

void NativeUdfRegistry::Register(std::string name, UdfFactory factory) {
  factories_[std::move(name)] = std::move(factory);
}

const UdfFactory* NativeUdfRegistry::Find(std::string_view name) const {
  auto it = factories_.find(std::string(name));
  return it == factories_.end() ? nullptr : &it->second;
}

namespace {

class StatelessInstance : public UdfInstance {
 public:
  explicit StatelessInstance(
      std::shared_ptr<const std::function<UdfOutcome(CallContext&, std::span<const Value>)>>
          function)
      : function_(std::move(function)) {}
  UdfOutcome Call(CallContext& context, std::span<const Value> arguments) const override {
    return (*function_)(context, arguments);
  }

 private:
  std::shared_ptr<const std::function<UdfOutcome(CallContext&, std::span<const Value>)>> function_;
};

NativeUdfRegistry BuildStdlib() {
  NativeUdfRegistry registry;
  udfs::RegisterStringUdfs(registry);
  udfs::RegisterStringCleanUdfs(registry);
  udfs::RegisterStringExtractUdfs(registry);
  udfs::RegisterRegexUdfs(registry);
  udfs::RegisterHashUdfs(registry);
  udfs::RegisterListUdfs(registry);
  udfs::RegisterTimeUdfs(registry);
  udfs::RegisterNetworkUdfs(registry);
  udfs::RegisterDomainUdfs(registry);
  udfs::RegisterExperimentUdfs(registry);
  udfs::RegisterRandomUdfs(registry);
  udfs::RegisterEffectUdfs(registry);
  udfs::RegisterEntityAndActionUdfs(registry);
  udfs::RegisterHasLabelUdf(registry);
  udfs::RegisterMxLookupUdf(registry);
  return registry;
}

}  // namespace

UdfFactory Stateless(std::function<UdfOutcome(CallContext&, std::span<const Value>)> function) {
  auto shared =
      std::make_shared<const std::function<UdfOutcome(CallContext&, std::span<const Value>)>>(
          std::move(function));
  return [shared](const UdfSite&) -> absl::StatusOr<std::unique_ptr<UdfInstance>> {
    return std::make_unique<StatelessInstance>(shared);
  };
}

const NativeUdfRegistry& NativeUdfRegistry::Stdlib() {
  // Built on first use (thread-safe static initialisation) and never destroyed, so that it
  // outlives every static user.
  static const NativeUdfRegistry* const stdlib = new NativeUdfRegistry(BuildStdlib());
  return *stdlib;
}

}  // namespace osprey::runtime
