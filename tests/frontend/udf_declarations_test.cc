// Tests of LoadUdfDeclarations and LoadUdfDeclarationsFromString (built into udf_registry_test).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "frontend/udf_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#ifndef OSPREY_SOURCE_DIR
#error "OSPREY_SOURCE_DIR must be defined to the repository root"
#endif

namespace osprey::frontend {
namespace {

using ::testing::HasSubstr;

TEST(LoadUdfDeclarationsTest, ReadsAGoodFile) {
  UdfRegistry registry = UdfRegistry::Stdlib();
  absl::Status status = LoadUdfDeclarationsFromString(R"yaml(
# A comment.
functions:
  - signature: "Ban(entity: str, reason: str = 'spam') -> EffectBase"
    purity: pure
    cost: trivial
    description: Bans.
  - signature: "Age(created_at: int) -> int"
    purity: external
    cost: external
  - signature: GetThing() -> str | None
    purity: action
  - signature: "Roll() -> int"
    purity: random
    cost: hash
)yaml",
                                                      "plugin.yaml", registry);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(registry.size(), UdfRegistry::Stdlib().size() + 4);

  const UdfSignature* ban = registry.Find("Ban");
  ASSERT_NE(ban, nullptr);
  EXPECT_EQ(ban->origin, "plugin.yaml");
  EXPECT_EQ(ban->purity, Purity::kPure);
  EXPECT_EQ(ban->cost, CostClass::kTrivial);
  EXPECT_EQ(ban->check, UdfCheck::kNone);
  EXPECT_TRUE(ban->returns_effect());
  ASSERT_EQ(ban->params.size(), 2u);
  EXPECT_EQ(ban->params[1].default_value, ConstValue{std::string("spam")});

  EXPECT_EQ(registry.Find("Age")->purity, Purity::kExternalState);
  EXPECT_EQ(registry.Find("Age")->cost, CostClass::kExternal);
  const UdfSignature* thing = registry.Find("GetThing");
  EXPECT_EQ(thing->purity, Purity::kActionMetadata);
  EXPECT_EQ(thing->cost, CostClass::kCheap);  // The default.
  EXPECT_EQ(TypeName(thing->return_type), "str | None");
  EXPECT_EQ(registry.Find("Roll")->purity, Purity::kRandom);
  EXPECT_EQ(registry.Find("Roll")->cost, CostClass::kHash);
}

TEST(LoadUdfDeclarationsTest, DefaultsToPureAndCheap) {
  UdfRegistry registry;
  ASSERT_TRUE(LoadUdfDeclarationsFromString("functions:\n  - signature: \"F() -> int\"\n", "f.yaml",
                                            registry)
                  .ok());
  EXPECT_EQ(registry.Find("F")->purity, Purity::kPure);
  EXPECT_EQ(registry.Find("F")->cost, CostClass::kCheap);
}

TEST(LoadUdfDeclarationsTest, AcceptsAnEmptyList) {
  UdfRegistry registry;
  EXPECT_TRUE(LoadUdfDeclarationsFromString("functions: []\n", "f.yaml", registry).ok());
  EXPECT_TRUE(LoadUdfDeclarationsFromString("functions:\n", "f.yaml", registry).ok());
  EXPECT_EQ(registry.size(), 0u);
}

struct BadFile {
  std::string_view name;
  std::string_view yaml;
  std::string_view message;  // Expected substring, including the position.
};

class LoadUdfDeclarationsErrorTest : public testing::TestWithParam<BadFile> {};

TEST_P(LoadUdfDeclarationsErrorTest, FailsWithoutChangingTheRegistry) {
  UdfRegistry registry = UdfRegistry::Stdlib();
  absl::Status status = LoadUdfDeclarationsFromString(GetParam().yaml, "bad.yaml", registry);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr(GetParam().message));
  EXPECT_EQ(registry.size(), UdfRegistry::Stdlib().size());
  EXPECT_EQ(registry.Find("Fine"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, LoadUdfDeclarationsErrorTest,
    testing::Values(
        BadFile{"Empty", "", "bad.yaml: empty declaration file"},
        BadFile{"NotAMap", "- a\n- b\n", "bad.yaml:1:1: expected a mapping"},
        BadFile{"UnknownTopKey", "functions: []\nplugins: []\n",
                "bad.yaml:2:1: unknown key `plugins`"},
        BadFile{"NoFunctions", "{}\n", "missing `functions:`"},
        BadFile{"FunctionsNotAList", "functions: 3\n", "bad.yaml:1:12: `functions` must be a list"},
        BadFile{"ItemNotAMap", "functions:\n  - F() -> int\n",
                "bad.yaml:2:5: each function must be a mapping"},
        BadFile{"NoSignature", "functions:\n  - purity: pure\n",
                "bad.yaml:2:5: function declaration without a `signature:`"},
        BadFile{"UnknownItemKey",
                "functions:\n  - signature: \"Fine() -> int\"\n    returns: int\n",
                "bad.yaml:3:5: unknown key `returns`"},
        BadFile{"SignatureNotAString", "functions:\n  - signature: [1, 2]\n",
                "bad.yaml:2:16: `signature` must be a string"},
        BadFile{
            "BadSignature",
            "functions:\n  - signature: \"Fine() -> int\"\n  - signature: \"G(a int) -> int\"\n",
            "bad.yaml:3:16: bad signature \"G(a int) -> int\" at column 5"},
        BadFile{"BadPurity",
                "functions:\n  - signature: \"Fine() -> int\"\n    purity: sometimes\n",
                "bad.yaml:3:13: unknown purity `sometimes`"},
        BadFile{"BadCost", "functions:\n  - signature: \"Fine() -> int\"\n    cost: huge\n",
                "bad.yaml:3:11: unknown cost `huge`"},
        BadFile{"DescriptionNotAString",
                "functions:\n  - signature: \"Fine() -> int\"\n    description: {a: 1}\n",
                "bad.yaml:3:18: `description` must be a string"},
        BadFile{"ClashesWithStdlib",
                "functions:\n  - signature: \"Fine() -> int\"\n"
                "  - signature: \"JsonData(path: str) -> str\"\n",
                "bad.yaml:3:16: function `JsonData` declared by bad.yaml clashes with `JsonData` "
                "already defined by stdlib"},
        BadFile{"ClashesWithExamplePlugin",
                "functions:\n  - signature: \"TextContains(s: str, phrase: str) -> bool\"\n",
                "already defined by example-plugin"},
        BadFile{"DeclaredTwice",
                "functions:\n  - signature: \"Fine() -> int\"\n  - signature: \"Fine() -> str\"\n",
                "bad.yaml:3:16: function `Fine` is declared twice (first at line 2)"},
        BadFile{"YamlSyntax", "functions: [\n  {signature: \"Fine() -> int\"}\n", "bad.yaml:"},
        BadFile{"YamlIndentation", "functions:\n  - signature: x\n   bad: [\n", "bad.yaml:"}),
    [](const testing::TestParamInfo<BadFile>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(LoadUdfDeclarationsTest, ReportsAMissingFile) {
  UdfRegistry registry;
  absl::Status status = LoadUdfDeclarations("/nonexistent/udfs.yaml", registry);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(status.message()), HasSubstr("/nonexistent/udfs.yaml"));
}

// Every corpus declaration file in tests/udfs/ loads on top of the standard library.
TEST(LoadUdfDeclarationsTest, LoadsEveryCorpusDeclarationFile) {
  std::filesystem::path dir = std::filesystem::path(OSPREY_SOURCE_DIR) / "tests" / "udfs";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  ASSERT_GE(files.size(), 4u) << dir;
  for (const std::filesystem::path& file : files) {
    UdfRegistry registry = UdfRegistry::Stdlib();
    absl::Status status = LoadUdfDeclarations(file.string(), registry);
    EXPECT_TRUE(status.ok()) << status;
    EXPECT_GT(registry.size(), UdfRegistry::Stdlib().size()) << file;
  }
}

}  // namespace
}  // namespace osprey::frontend
