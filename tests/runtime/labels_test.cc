// Tests of the in-memory label store against the reference labels provider's semantics
// (osprey_shared/labels.py, storage/labels.py) and the conformance cases exec/labels_state.
#include "runtime/labels.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace osprey::runtime {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

constexpr int64_t kSecond = 1000000;
constexpr int64_t kNow = 1756132245LL * kSecond;  // 2025-08-25T14:30:45Z

LabelMutation M(std::string type, std::string id, std::string label, bool add,
                std::string reason = "R", int64_t created = kNow,
                std::optional<int64_t> expires = std::nullopt) {
  return LabelMutation{std::move(type), std::move(id), std::move(label), add,
                       LabelReason{std::move(reason), created, expires}};
}

struct Expect {
  std::string type;
  std::string id;
  std::string label;
  std::optional<LabelStatus> status;  // nullopt: the entity never had the label.
  std::vector<std::string> reasons = {};
  std::vector<int64_t> created_at = {};                 // Checked when given.
  std::vector<std::optional<int64_t>> expires_at = {};  // Checked when given.
};

struct Case {
  std::string name;
  std::string seed;                                 // labels.json; "" for none.
  std::vector<std::vector<LabelMutation>> actions;  // Applied in order, one Apply each.
  std::vector<Expect> expect;
};

class LabelStoreTest : public ::testing::TestWithParam<Case> {};

TEST_P(LabelStoreTest, AppliesMutationsLikeTheLabelsService) {
  const Case& c = GetParam();
  InMemoryLabelStore store([] { return kNow; });
  if (!c.seed.empty()) {
    ASSERT_TRUE(store.LoadJson(c.seed).ok());
  }
  for (const std::vector<LabelMutation>& mutations : c.actions) store.Apply(mutations);
  for (const Expect& e : c.expect) {
    SCOPED_TRACE(e.type + "/" + e.id + " " + e.label);
    std::optional<LabelState> state = store.Get(e.type, e.id, e.label);
    if (!e.status) {
      EXPECT_FALSE(state.has_value());
      continue;
    }
    ASSERT_TRUE(state.has_value());
    EXPECT_EQ(state->status, *e.status);
    std::vector<std::string> names;
    std::vector<int64_t> created;
    std::vector<std::optional<int64_t>> expires;
    for (const LabelReason& reason : state->reasons) {
      names.push_back(reason.name);
      created.push_back(reason.created_at_micros);
      expires.push_back(reason.expires_at_micros);
    }
    EXPECT_THAT(names, ElementsAreArray(e.reasons));
    if (!e.created_at.empty()) {
      EXPECT_THAT(created, ElementsAreArray(e.created_at));
    }
    if (!e.expires_at.empty()) {
      EXPECT_THAT(expires, ElementsAreArray(e.expires_at));
    }
  }
}

constexpr LabelStatus kAdded = LabelStatus::kAdded;
constexpr LabelStatus kRemoved = LabelStatus::kRemoved;
constexpr LabelStatus kManuallyAdded = LabelStatus::kManuallyAdded;
constexpr LabelStatus kManuallyRemoved = LabelStatus::kManuallyRemoved;

INSTANTIATE_TEST_SUITE_P(
    Semantics, LabelStoreTest,
    ::testing::ValuesIn(std::vector<Case>{
        {"AddCreatesState",
         "",
         {{M("User", "u1", "spammer", true)}},
         {{"User", "u1", "spammer", kAdded, {"R"}}, {"User", "u1", "meow", std::nullopt}}},
        {"AddBeatsRemoveInOneAction",
         "",
         {{M("User", "u1", "spammer", false, "Rm"), M("User", "u1", "spammer", true, "Add")}},
         {{"User", "u1", "spammer", kAdded, {"Add"}}}},
        {"RemoveThenAddAgain",
         R"([{"entity_type": "User", "entity_id": "u1", "label": "spammer", "status": "added"}])",
         {{M("User", "u1", "spammer", false, "DoRemove")},
          {M("User", "u1", "spammer", true, "DoAdd")}},
         {{"User", "u1", "spammer", kAdded, {"DoAdd"}}}},
        {"StatusChangeReplacesReasons",
         R"([{"entity_type": "User", "entity_id": "u1", "label": "spammer", "status": "added"}])",
         {{M("User", "u1", "spammer", false, "DoRemove")}},
         {{"User", "u1", "spammer", kRemoved, {"DoRemove"}}}},
        {"ManualNotOverridden",
         R"([{"entity_type": "User", "entity_id": "u1", "label": "spammer", "status": "manually_added"},
             {"entity_type": "User", "entity_id": "u1", "label": "trusted", "status": "manually_removed"}])",
         {{M("User", "u1", "spammer", false), M("User", "u1", "trusted", true)},
          {M("User", "u1", "spammer", false), M("User", "u1", "trusted", true)}},
         {{"User", "u1", "spammer", kManuallyAdded, {"labels.json"}},
          {"User", "u1", "trusted", kManuallyRemoved, {"labels.json"}}}},
        {"ExpiredManualIsReplaced",
         R"([{"entity_type": "User", "entity_id": "u1", "label": "spammer",
              "status": "manually_removed", "expires_at": "2025-08-25T14:30:39Z"}])",
         {{M("User", "u1", "spammer", true, "Auto")}},
         {{"User", "u1", "spammer", kAdded, {"Auto"}}}},
        {"ExpiryHasFiveSecondsGrace",
         R"([{"entity_type": "User", "entity_id": "u1", "label": "spammer",
              "status": "manually_removed", "expires_at": "2025-08-25T14:30:41Z"}])",
         {{M("User", "u1", "spammer", true, "Auto")}},
         {{"User", "u1", "spammer", kManuallyRemoved, {"labels.json"}}}},
        {"ExpiredAutomaticIsReplacedWholesale",
         "",
         {{M("User", "u1", "l", true, "A", kNow - 7200 * kSecond, kNow - 3600 * kSecond)},
          {M("User", "u1", "l", true, "B")}},
         {{"User", "u1", "l", kAdded, {"B"}}}},
        {"SameStatusMergesReasons",
         "",
         {{M("User", "u1", "l", true, "A", kNow - 10 * kSecond)},
          {M("User", "u1", "l", true, "B"), M("User", "u1", "l", true, "A", kNow)}},
         {{"User", "u1", "l", kAdded, {"A", "B"}, {kNow - 10 * kSecond, kNow}}}},
        {"OlderReasonIsDropped",
         "",
         {{M("User", "u1", "l", true, "A", kNow, kNow + 60 * kSecond)},
          {M("User", "u1", "l", true, "A", kNow - 6 * kSecond)}},
         {{"User", "u1", "l", kAdded, {"A"}, {kNow}, {kNow + 60 * kSecond}}}},
        {"SlightlyOlderReasonReplaces",
         "",
         {{M("User", "u1", "l", true, "A", kNow, kNow + 60 * kSecond)},
          {M("User", "u1", "l", true, "A", kNow - 4 * kSecond)}},
         {{"User", "u1", "l", kAdded, {"A"}, {kNow}, {std::nullopt}}}},
        {"ReplacingReasonBringsItsExpiry",
         "",
         {{M("User", "u1", "l", true, "A", kNow - 10 * kSecond), M("User", "u1", "l", true, "B")},
          {M("User", "u1", "l", true, "A", kNow, kNow + 3600 * kSecond)}},
         {{"User",
           "u1",
           "l",
           kAdded,
           {"A", "B"},
           {kNow - 10 * kSecond, kNow},
           {kNow + 3600 * kSecond, std::nullopt}}}},
        {"LaterReasonInOneActionBringsItsExpiry",
         "",
         {{M("User", "u1", "l", true, "A", kNow, kNow + 60 * kSecond),
           M("User", "u1", "l", true, "B", kNow, kNow + 60 * kSecond),
           M("User", "u1", "l", true, "A", kNow + kSecond, kNow + 120 * kSecond)}},
         {{"User",
           "u1",
           "l",
           kAdded,
           {"A", "B"},
           {kNow, kNow},
           {kNow + 120 * kSecond, kNow + 60 * kSecond}}}},
        {"ReasonsMergeWithinOneAction",
         "",
         {{M("User", "u1", "l", true, "A", kNow - 10 * kSecond), M("User", "u1", "l", true, "A"),
           M("User", "u1", "l", true, "B")}},
         {{"User", "u1", "l", kAdded, {"A", "B"}, {kNow - 10 * kSecond, kNow}}}},
        {"EmptyEntityIdDropped",
         "",
         {{M("User", "", "spammer", true)}},
         {{"User", "", "spammer", std::nullopt}}},
        {"EmptyLabelDropped",
         "",
         {{M("User", "u1", "", true)}},
         {{"User", "u1", "", std::nullopt}}},
        {"KeyedByTypeAndId",
         "",
         {{M("Email", "same", "flagged", true)}, {M("User", "same", "flagged", true)}},
         {{"Email", "same", "flagged", kAdded, {"R"}},
          {"User", "same", "flagged", kAdded, {"R"}},
          {"User", "other", "flagged", std::nullopt}}},
        {"SeveralEntitiesInOneAction",
         "",
         {{M("User", "a", "l", true), M("User", "b", "l", false), M("User", "a", "m", false)}},
         {{"User", "a", "l", kAdded, {"R"}},
          {"User", "b", "l", kRemoved, {"R"}},
          {"User", "a", "m", kRemoved, {"R"}}}},
        {"IntSeedIds",
         R"([{"entity_type": "User", "entity_id": 5, "label": "spammer", "status": 1}])",
         {},
         {{"User", "5", "spammer", kAdded, {"labels.json"}, {kNow}}}},
        {"SeedOptions",
         R"([{"entity_type": "User", "entity_id": "u", "label": "l", "status": "removed",
              "reason": "old", "created_at": "2025-08-24T14:30:45Z"},
             {"entity_type": "User", "entity_id": "u", "label": "m", "status": 3},
             {"entity_type": "User", "entity_id": "u", "label": "m", "status": 2}])",
         {},
         {{"User", "u", "l", kRemoved, {"old"}, {kNow - 86400 * kSecond}},
          {"User", "u", "m", kManuallyRemoved, {"labels.json"}}}},
    }),
    [](const ::testing::TestParamInfo<Case>& param) { return param.param.name; });

TEST(LabelStoreBehaviourTest, HasAnyLabelCountsEveryStatus) {
  InMemoryLabelStore store([] { return kNow; });
  ASSERT_TRUE(store
                  .LoadJson(R"([{"entity_type": "User", "entity_id": "has_other",
                                 "label": "trusted", "status": "removed"}])")
                  .ok());
  EXPECT_TRUE(store.HasAnyLabel("User", "has_other"));
  EXPECT_FALSE(store.HasAnyLabel("User", "no_labels"));
  EXPECT_FALSE(store.HasAnyLabel("Email", "has_other"));
  store.Apply(std::vector<LabelMutation>{M("User", "", "x", true), M("User", "new", "", true)});
  EXPECT_FALSE(store.HasAnyLabel("User", ""));
  EXPECT_FALSE(store.HasAnyLabel("User", "new"));
  store.Set("User", "set", "l", LabelState{});
  EXPECT_TRUE(store.HasAnyLabel("User", "set"));
}

TEST(LabelStoreBehaviourTest, StateWithoutReasonsIsExpired) {
  InMemoryLabelStore store([] { return kNow; });
  store.Set("User", "u", "l", LabelState{LabelStatus::kManuallyAdded, {}});
  store.Apply(std::vector<LabelMutation>{M("User", "u", "l", false)});
  EXPECT_EQ(store.Get("User", "u", "l")->status, LabelStatus::kRemoved);
}

TEST(LabelStoreBehaviourTest, OneUnexpiringReasonKeepsAManualStateAlive) {
  InMemoryLabelStore store([] { return kNow; });
  store.Set("User", "u", "l",
            LabelState{LabelStatus::kManuallyAdded,
                       {LabelReason{"A", kNow - 7200 * kSecond, kNow - 3600 * kSecond},
                        LabelReason{"B", kNow - 7200 * kSecond, std::nullopt}}});
  store.Apply(std::vector<LabelMutation>{M("User", "u", "l", false)});
  EXPECT_EQ(store.Get("User", "u", "l")->status, LabelStatus::kManuallyAdded);
}

TEST(LabelStoreBehaviourTest, UsesTheWallClockByDefault) {
  InMemoryLabelStore store;
  ASSERT_TRUE(store
                  .LoadJson(R"([{"entity_type": "User", "entity_id": "u", "label": "l",
                                 "status": "manually_added",
                                 "expires_at": "2000-01-01T00:00:00"}])")
                  .ok());
  store.Apply(
      std::vector<LabelMutation>{M("User", "u", "l", false)});  // Long expired, so replaced.
  EXPECT_EQ(store.Get("User", "u", "l")->status, LabelStatus::kRemoved);
}

struct LoadErrorCase {
  std::string name;
  std::string json;
  std::string error;
};

class LoadJsonErrorTest : public ::testing::TestWithParam<LoadErrorCase> {};

TEST_P(LoadJsonErrorTest, RejectsAndLeavesTheStoreUnchanged) {
  InMemoryLabelStore store([] { return kNow; });
  absl::Status status = store.LoadJson(GetParam().json);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(status));
  EXPECT_THAT(status.message(), HasSubstr(GetParam().error));
  EXPECT_FALSE(store.HasAnyLabel("User", "ok"));
}

constexpr char kOk[] =
    R"({"entity_type": "User", "entity_id": "ok", "label": "l", "status": "added"}, )";

INSTANTIATE_TEST_SUITE_P(
    Errors, LoadJsonErrorTest,
    ::testing::ValuesIn(std::vector<LoadErrorCase>{
        {"NotJson", "[", "labels JSON:"},
        {"NotAList", "{}", "must be a list"},
        {"EntryNotObject", std::string("[") + kOk + "1]", "entry 1: not a JSON object"},
        {"MissingType",
         std::string("[") + kOk + R"({"entity_id": "u", "label": "l", "status": "added"}])",
         "entry 1: `entity_type` must be a string"},
        {"MissingLabel", R"([{"entity_type": "User", "entity_id": "u", "status": "added"}])",
         "`label` must be a string"},
        {"BadId", R"([{"entity_type": "User", "entity_id": 1.5, "label": "l", "status": "added"}])",
         "`entity_id` must be a string or an integer"},
        {"MissingStatus", R"([{"entity_type": "User", "entity_id": "u", "label": "l"}])",
         "`status` must be"},
        {"BadStatus",
         R"([{"entity_type": "User", "entity_id": "u", "label": "l", "status": "ADDED"}])",
         "`status` must be"},
        {"BadStatusNumber",
         R"([{"entity_type": "User", "entity_id": "u", "label": "l", "status": 4}])",
         "`status` must be"},
        {"BadReason",
         R"([{"entity_type": "User", "entity_id": "u", "label": "l", "status": "added", "reason": 1}])",
         "`reason` must be a string"},
        {"BadCreatedAt",
         R"([{"entity_type": "User", "entity_id": "u", "label": "l", "status": "added", "created_at": 5}])",
         "`created_at` must be a timestamp string"},
        {"UnparsableExpiry",
         R"([{"entity_type": "User", "entity_id": "u", "label": "l", "status": "added", "expires_at": "soon"}])",
         "invalid timestamp"},
    }),
    [](const ::testing::TestParamInfo<LoadErrorCase>& param) { return param.param.name; });

}  // namespace
}  // namespace osprey::runtime
