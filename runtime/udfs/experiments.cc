// Experiment, ExperimentsBucketAssignment and ExperimentWhen (spec udfs.md §M).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

constexpr uint32_t kHashSeed = 42;
constexpr int64_t kGranularity = 10000;  // bucket units: hundredths of a percent

// MurmurHash3 x86 32-bit (Austin Appleby's public-domain algorithm), as mmh3.hash(...,
// signed=False) computes it.
uint32_t Murmur3X86_32(std::string_view data, uint32_t seed) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  const size_t length = data.size();
  const size_t blocks = length / 4;
  constexpr uint32_t c1 = 0xcc9e2d51;
  constexpr uint32_t c2 = 0x1b873593;
  auto rotl = [](uint32_t x, int r) { return (x << r) | (x >> (32 - r)); };
  uint32_t h = seed;
  for (size_t i = 0; i < blocks; ++i) {
    uint32_t k;
    std::memcpy(&k, bytes + 4 * i, 4);  // little-endian, as on the reference's platforms
    k *= c1;
    k = rotl(k, 15);
    k *= c2;
    h ^= k;
    h = rotl(h, 13);
    h = h * 5 + 0xe6546b64;
  }
  const uint8_t* tail = bytes + 4 * blocks;
  uint32_t k = 0;
  switch (length & 3) {
    case 3:
      k ^= static_cast<uint32_t>(tail[2]) << 16;
      [[fallthrough]];
    case 2:
      k ^= static_cast<uint32_t>(tail[1]) << 8;
      [[fallthrough]];
    case 1:
      k ^= tail[0];
      k *= c1;
      k = rotl(k, 15);
      k *= c2;
      h ^= k;
  }
  h ^= static_cast<uint32_t>(length);
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

// int(Decimal(str(p)) * 100): the bucket size in units, computed on the decimal digits of
// Python's repr so that 5.49 gives 549, not 548.
int64_t PercentageToUnits(const Value& p) {
  if (p.kind() == Value::Kind::kInt) return p.as_int() * 100;
  if (p.kind() == Value::Kind::kBool) return p.as_bool() ? 100 : 0;
  const std::string repr = FormatPythonFloat(p.as_float());
  // repr is [-]digits[.digits][e[+-]digits].
  std::string_view s = repr;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  int exponent = 0;
  if (const size_t e = s.find('e'); e != std::string_view::npos) {
    exponent = std::stoi(std::string(s.substr(e + 1)));
    s = s.substr(0, e);
  }
  std::string digits;
  int point = static_cast<int>(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      point = static_cast<int>(i);
    } else if (s[i] >= '0' && s[i] <= '9') {
      digits.push_back(s[i]);
    } else {
      return 0;  // inf / nan: rejected by validation
    }
  }
  // value = 0.digits * 10^(point + exponent); times 100, truncated toward zero.
  const int integer_digits = point + exponent + 2;
  int64_t units = 0;
  for (int i = 0; i < integer_digits && i < static_cast<int>(digits.size()) + 40; ++i) {
    const int digit = i < static_cast<int>(digits.size()) ? digits[i] - '0' : 0;
    if (units > (INT64_MAX - digit) / 10) return negative ? INT64_MIN : INT64_MAX;
    units = units * 10 + digit;
  }
  return negative ? -units : units;
}

struct ExperimentSpec {
  std::string name;
  std::vector<std::string> buckets;
  std::vector<int64_t> units;
  std::string version;
  std::string revision;
};

UdfOutcome Assign(const ExperimentSpec& spec, Args args) {
  const Value& entity = args[0];
  if (entity.kind() != Value::Kind::kEntity) {
    return WrongType("Experiment", "entity", "Entity", entity);
  }
  const EntityValue& e = entity.as_entity();
  const std::string id = PythonStr(e.id);
  const uint32_t hash = Murmur3X86_32(spec.name + "/" + id, kHashSeed);
  const int64_t unit = hash % kGranularity;
  const auto n = static_cast<int64_t>(spec.buckets.size());
  const int64_t per_bucket = kGranularity / n;
  const int64_t index = unit / per_bucket;
  const bool in = index < n && unit < spec.units[static_cast<size_t>(index)] + per_bucket * index;
  return Value::Experiment({Value::String(spec.name), e.id, Value::String(e.type),
                            Value::String(in ? spec.buckets[static_cast<size_t>(index)] : ""),
                            Value::String(IntToString(in ? index : -1)),
                            Value::String(spec.version), Value::String(spec.revision)});
}

class ExperimentInstance : public UdfInstance {
 public:
  explicit ExperimentInstance(ExperimentSpec spec) : spec_(std::move(spec)) {}
  UdfOutcome Call(CallContext&, Args args) const override { return Assign(spec_, args); }

 private:
  ExperimentSpec spec_;
};

absl::StatusOr<std::unique_ptr<UdfInstance>> MakeExperiment(const UdfSite& site) {
  auto constant = [&](size_t i) -> const Value* {
    return i < site.constants.size() && site.constants[i].has_value() ? &*site.constants[i]
                                                                      : nullptr;
  };
  const Value* buckets = constant(1);
  const Value* sizes = constant(2);
  const Value* version = constant(3);
  const Value* revision = constant(4);
  if (buckets == nullptr || sizes == nullptr || version == nullptr || revision == nullptr ||
      buckets->kind() != Value::Kind::kList || sizes->kind() != Value::Kind::kList) {
    return absl::InvalidArgumentError(
        "Experiment needs constant buckets, sizes, version, revision");
  }
  ExperimentSpec spec;
  spec.name = std::string(site.assigned_name);
  for (const Value& b : buckets->as_list()) {
    if (b.kind() != Value::Kind::kString) {
      return absl::InvalidArgumentError("Experiment buckets must be strings");
    }
    spec.buckets.push_back(b.as_string());
  }
  for (const Value& s : sizes->as_list()) {
    if (!s.is_number() && s.kind() != Value::Kind::kBool) {
      return absl::InvalidArgumentError("Experiment bucket sizes must be numbers");
    }
    spec.units.push_back(PercentageToUnits(s));
  }
  if (spec.buckets.empty() || spec.buckets.size() != spec.units.size()) {
    return absl::InvalidArgumentError("Experiment buckets and bucket_sizes do not match");
  }
  spec.version = PythonStr(*version);
  spec.revision = PythonStr(*revision);
  return std::make_unique<ExperimentInstance>(std::move(spec));
}

// ExperimentWhen(experiment, **buckets): the extra keyword arguments arrive as one trailing
// list of [name, value] pairs.
UdfOutcome When(Args args) {
  const Value& experiment = args[0];
  if (experiment.kind() != Value::Kind::kExperiment && experiment.kind() != Value::Kind::kList) {
    return WrongType("ExperimentWhen", "experiment", "Experiment", experiment);
  }
  const std::vector<Value>& fields = experiment.as_list();
  if (fields.size() != 7 || fields[3].kind() != Value::Kind::kString) {
    return Recorded("ExperimentWhen: malformed experiment value");
  }
  const std::string bucket = fields[3].as_string().empty() ? "control" : fields[3].as_string();
  if (args.size() < 2 || args.back().kind() != Value::Kind::kList) {
    return Recorded("KeyError: '" + bucket + "'");
  }
  for (const Value& pair : args.back().as_list()) {
    if (pair.kind() != Value::Kind::kList || pair.as_list().size() != 2) continue;
    const Value& name = pair.as_list()[0];
    if (name.kind() == Value::Kind::kString && name.as_string() == bucket) {
      return pair.as_list()[1];
    }
  }
  return Recorded("KeyError: '" + bucket + "'");
}

}  // namespace

void RegisterExperimentUdfs(NativeUdfRegistry& registry) {
  registry.Register("Experiment", MakeExperiment);
  registry.Register("ExperimentsBucketAssignment", MakeExperiment);
  registry.Register("ExperimentWhen",
                    Stateless([](CallContext&, Args args) { return When(args); }));
}

// Exposed for tests.
uint32_t MurmurHash3ForTest(std::string_view data, uint32_t seed) {
  return Murmur3X86_32(data, seed);
}

}  // namespace osprey::runtime::udfs
