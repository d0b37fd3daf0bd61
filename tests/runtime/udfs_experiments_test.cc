// Tests of Experiment / ExperimentWhen (runtime/udfs/experiments.cc), RandomBool / RandomInt
// (random.cc), the effect constructors (effects.cc) and HasLabel (has_label.cc). Experiment
// vectors come from the conformance cases udf_experiments/*; HasLabel's truth table follows
// spec udfs.md §J.1.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/big_int.h"
#include "runtime/labels.h"
#include "runtime/udfs/udf_support.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

std::vector<Value> Strings(std::vector<std::string> items) {
  std::vector<Value> out;
  for (std::string& s : items) out.push_back(S(std::move(s)));
  return out;
}

std::string Assign(const std::string& name, const Value& id, std::vector<std::string> buckets,
                   std::vector<Value> sizes, int64_t version = 1, int64_t revision = 0) {
  std::vector<Value> args = {Value::Entity("User", id), L(Strings(std::move(buckets))),
                             L(std::move(sizes)), I(version), I(revision)};
  std::vector<std::optional<Value>> constants = {std::nullopt, args[1], args[2], args[3], args[4]};
  UdfOutcome outcome = CallUdf("Experiment", args, constants, nullptr, name);
  if (const Value* v = std::get_if<Value>(&outcome)) return PythonStr(*v);
  return Render(outcome);
}

TEST(MurmurHash3, KnownVectors) {
  EXPECT_EQ(udfs::MurmurHash3ForTest("E1/ID1", 42), 1331448548u);
  EXPECT_EQ(udfs::MurmurHash3ForTest("", 0), 0u);
  EXPECT_EQ(udfs::MurmurHash3ForTest("hello", 0), 613153351u);  // mmh3.hash('hello', signed=False)
}

TEST(Experiment, TenBucketsKnownVector) {
  const std::vector<std::string> buckets = {"control", "b1", "b2", "b3", "b4",
                                            "b5",      "b6", "b7", "b8", "b9"};
  std::vector<Value> tens(10, I(10));
  EXPECT_EQ(Assign("E1", S("ID1"), buckets, tens), "['E1', 'ID1', 'User', 'b8', '8', '1', '0']");
  EXPECT_EQ(Assign("E1", S("ID2"), buckets, tens), "['E1', 'ID2', 'User', 'b4', '4', '1', '0']");
  EXPECT_EQ(Assign("E1", S("user_1923"), buckets, tens),
            "['E1', 'user_1923', 'User', 'b5', '5', '1', '0']");
  EXPECT_EQ(Assign("E1", S(""), buckets, tens), "['E1', '', 'User', 'b5', '5', '1', '0']");
  EXPECT_EQ(Assign("E1", S("ü日本"), buckets, tens),
            "['E1', 'ü日本', 'User', 'b3', '3', '1', '0']");
  EXPECT_EQ(Assign("E1", S("ID1 "), buckets, tens), "['E1', 'ID1 ', 'User', 'b2', '2', '1', '0']");
  // 8548 < 8000 + 549 (5.49% is 549 units, not 548.99...), but not < 8000 + 548.
  EXPECT_EQ(Assign("E1", S("ID1"), buckets, std::vector<Value>(10, F(5.49)), 0),
            "['E1', 'ID1', 'User', 'b8', '8', '0', '0']");
  EXPECT_EQ(Assign("E1", S("ID1"), buckets, std::vector<Value>(10, F(5.48)), 0),
            "['E1', 'ID1', 'User', '', '-1', '0', '0']");
}

TEST(Experiment, SingleBucketAndIntIds) {
  EXPECT_EQ(Assign("Everyone", S("x"), {"control"}, {I(100)}, 0),
            "['Everyone', 'x', 'User', 'control', '0', '0', '0']");
  EXPECT_EQ(Assign("Nobody", S("x"), {"control"}, {I(0)}, 0),
            "['Nobody', 'x', 'User', '', '-1', '0', '0']");
  EXPECT_EQ(Assign("SignupFlow", I(7), {"control", "treatment"}, {I(50), I(50)}, 2, 3),
            "['SignupFlow', 7, 'User', 'treatment', '1', '2', '3']");
  EXPECT_EQ(Assign("SignupFlow", I(1), {"control", "treatment"}, {I(50), I(50)}, 2, 3),
            "['SignupFlow', 1, 'User', 'control', '0', '2', '3']");
}

TEST(ExperimentWhen, PicksTheResolvedBucketOrControl) {
  auto experiment = [](std::string bucket) {
    return Value::Experiment(
        {S("Exp"), S("a"), S("User"), S(std::move(bucket)), S("0"), S("1"), S("1")});
  };
  const Value pairs = L({L({S("control"), L({B(false)})}), L({S("treatment"), L({B(true)})})});
  EXPECT_EQ(Render(CallUdf("ExperimentWhen", {experiment("treatment"), pairs})), "[True]");
  EXPECT_EQ(Render(CallUdf("ExperimentWhen", {experiment("control"), pairs})), "[False]");
  EXPECT_EQ(Render(CallUdf("ExperimentWhen", {experiment(""), pairs})), "[False]");
}

TEST(Random, IsAFunctionOfTheSeedAndInRange) {
  CallContext context;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    context.random_seed = seed;
    UdfOutcome a = CallUdf("RandomInt", {I(-2), I(3)}, {I(-2), I(3)}, &context);
    UdfOutcome b = CallUdf("RandomInt", {I(-2), I(3)}, {I(-2), I(3)}, &context);
    ASSERT_EQ(Render(a), Render(b));
    const int64_t v = std::get<Value>(a).as_int();
    EXPECT_GE(v, -2);
    EXPECT_LE(v, 3);
  }
  // Bounds beyond int64: GMP's generator, seeded the same way.
  const Value low = ParseIntLiteral("-18446744073709551616");
  const Value high = ParseIntLiteral("18446744073709551616");
  bool saw_big = false;
  for (uint64_t seed = 0; seed < 50; ++seed) {
    context.random_seed = seed;
    UdfOutcome a = CallUdf("RandomInt", {low, high}, {low, high}, &context);
    UdfOutcome b = CallUdf("RandomInt", {low, high}, {low, high}, &context);
    ASSERT_EQ(Render(a), Render(b));
    const Value& v = std::get<Value>(a);
    std::string error;
    EXPECT_FALSE(Compare(OrderOperator::kLess, v, low, &error).value());
    EXPECT_FALSE(Compare(OrderOperator::kGreater, v, high, &error).value());
    saw_big = saw_big || v.kind() == Value::Kind::kBigInt;
  }
  EXPECT_TRUE(saw_big);
  int trues = 0;
  for (uint64_t seed = 0; seed < 1000; ++seed) {
    context.random_seed = seed * 7919;
    UdfOutcome r = CallUdf("RandomBool", {F(0.25)}, {F(0.25)}, &context);
    trues += std::get<Value>(r).as_bool() ? 1 : 0;
  }
  EXPECT_GT(trues, 150);
  EXPECT_LT(trues, 350);
}

TEST(Effects, VerdictLabelAndBanUser) {
  UdfOutcome verdict = CallUdf("DeclareVerdict", {S("reject")});
  ASSERT_TRUE(std::holds_alternative<Value>(verdict));
  EXPECT_EQ(std::get<Value>(verdict).as_effect().kind, Effect::Kind::kVerdict);
  EXPECT_EQ(std::get<Value>(verdict).as_effect().verdict, "reject");

  UdfOutcome ban =
      CallUdf("BanUser", {Value::Entity("User", S("user_1923")), S("User said \"hello\"")});
  ASSERT_TRUE(std::holds_alternative<Value>(ban));
  const Effect& ban_effect = std::get<Value>(ban).as_effect();
  EXPECT_EQ(ban_effect.kind, Effect::Kind::kCustom);
  EXPECT_EQ(ban_effect.output_key, "__ban_user");
  EXPECT_EQ(ban_effect.output_value, "user_1923|User said \"hello\"");

  const Value entity = Value::Entity("User", S("u1"));
  const std::vector<Value> args = {entity, S("spammer"), N(), N(), Value::TimeDelta(60)};
  const std::vector<std::optional<Value>> constants = {std::nullopt, S("spammer")};
  for (bool failed_apply_if : {false, true}) {
    bool failed[5] = {false, false, false, failed_apply_if, false};
    CallContext context;
    context.argument_failed = failed;
    UdfOutcome add = CallUdf("LabelAdd", args, constants, &context);
    ASSERT_TRUE(std::holds_alternative<Value>(add));
    const Effect& e = std::get<Value>(add).as_effect();
    EXPECT_EQ(e.kind, Effect::Kind::kLabel);
    EXPECT_TRUE(e.add);
    EXPECT_EQ(e.entity_type, "User");
    EXPECT_EQ(e.label, "spammer");
    EXPECT_EQ(e.expires_after_seconds, 60.0);
    EXPECT_FALSE(e.delay_action_by_seconds.has_value());
    EXPECT_EQ(e.suppressed, failed_apply_if);
  }
  UdfOutcome remove = CallUdf("LabelRemove", args, constants);
  EXPECT_FALSE(std::get<Value>(remove).as_effect().add);
}

// HasLabel(entity, label, manual, status, min_label_age, error_on_empty).
struct LabelCase {
  std::string name;
  std::optional<LabelStatus> stored;  // nullopt: the entity never had the label
  bool expired = false;               // its only reason expired
  Value manual;
  std::string status;
  std::string expected;
};
std::ostream& operator<<(std::ostream& os, const LabelCase& c) { return os << c.name; }

class HasLabelTest : public ::testing::TestWithParam<LabelCase> {};

constexpr int64_t kNow = 1'700'000'000'000'000;

TEST_P(HasLabelTest, TruthTable) {
  const LabelCase& c = GetParam();
  InMemoryLabelStore store;
  store.Set("User", "other", "x", LabelState{LabelStatus::kAdded, {{"r", kNow - 10, {}}}});
  if (c.stored.has_value()) {
    LabelReason reason{"rule", kNow - 1'000'000, {}};
    if (c.expired) reason.expires_at_micros = kNow - 1;
    store.Set("User", "u1", "spammer", LabelState{*c.stored, {reason}});
  }
  CallContext context;
  context.labels = &store;
  context.now_unix_micros = kNow;
  std::vector<Value> args = {
      Value::Entity("User", S("u1")), S("spammer"), c.manual, S(c.status), N(), B(false)};
  std::vector<std::optional<Value>> constants = {std::nullopt, args[1], std::nullopt, args[3]};
  EXPECT_EQ(Render(CallUdf("HasLabel", args, constants, &context)), c.expected);
}

const LabelCase kLabelCases[] = {
    {"absent_added", std::nullopt, false, N(), "added", "False"},
    {"absent_removed", std::nullopt, false, N(), "removed", "True"},
    {"absent_removed_manual", std::nullopt, false, B(true), "removed", "False"},
    {"absent_removed_not_manual", std::nullopt, false, B(false), "removed", "True"},
    {"added", LabelStatus::kAdded, false, N(), "added", "True"},
    {"added_manual_wanted", LabelStatus::kAdded, false, B(true), "added", "False"},
    {"added_not_manual", LabelStatus::kAdded, false, B(false), "added", "True"},
    {"added_status_removed", LabelStatus::kAdded, false, N(), "removed", "False"},
    {"manually_added", LabelStatus::kManuallyAdded, false, N(), "added", "True"},
    {"manually_added_manual", LabelStatus::kManuallyAdded, false, B(true), "added", "True"},
    {"manually_added_not_manual", LabelStatus::kManuallyAdded, false, B(false), "added", "False"},
    {"removed", LabelStatus::kRemoved, false, N(), "removed", "True"},
    {"manually_removed", LabelStatus::kManuallyRemoved, false, B(true), "removed", "True"},
    {"expired_is_absent", LabelStatus::kAdded, true, N(), "added", "False"},
    {"expired_removed", LabelStatus::kAdded, true, N(), "removed", "True"},
};

INSTANTIATE_TEST_SUITE_P(HasLabel, HasLabelTest, ::testing::ValuesIn(kLabelCases),
                         [](const ::testing::TestParamInfo<LabelCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(HasLabel, ErrorsAndAge) {
  InMemoryLabelStore store;
  store.Set("User", "u1", "spammer",
            LabelState{LabelStatus::kAdded, {{"rule", kNow - 3'600'000'000, {}}}});
  CallContext context;
  context.labels = &store;
  context.now_unix_micros = kNow;
  auto call = [&](const Value& id, const Value& min_age, bool error_on_empty, CallContext* ctx) {
    std::vector<Value> args = {Value::Entity("User", id), S("spammer"), N(), S("added"), min_age,
                               B(error_on_empty)};
    return Render(CallUdf("HasLabel", args, {std::nullopt, args[1], std::nullopt, args[3]}, ctx));
  };
  EXPECT_EQ(call(S("u1"), Value::TimeDelta(3599), false, &context), "True");
  EXPECT_EQ(call(S("u1"), Value::TimeDelta(3600), false, &context), "False");  // strict >
  EXPECT_EQ(call(S("nobody"), N(), true, &context), "<error>");
  EXPECT_EQ(call(S("nobody"), N(), false, &context), "False");
  CallContext no_store;
  EXPECT_EQ(call(S("u1"), N(), false, &no_store), "<error>");
}

}  // namespace
}  // namespace osprey::runtime::testing
