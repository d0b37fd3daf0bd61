#include "bench/workload/ruleset_generator.h"

#include <random>
#include <vector>

#include "absl/strings/str_format.h"

namespace osprey::bench {
namespace {

constexpr const char* kModels = R"(UserId: Entity[str] = EntityJson(type='User', path='$.user.id')
UserName: str = JsonData(path='$.user.name')
UserEmail: Optional[str] = JsonData(path='$.user.email', required=False)
AccountAgeDays: int = JsonData(path='$.user.account_age_days')
FollowerCount: int = JsonData(path='$.user.follower_count', required=False, coerce_type=True)
PostText: str = JsonData(path='$.post.text')
PostLinks: List[str] = JsonData(path='$.post.links')
PostLength: int = StringLength(s=PostText)
LowerText: str = StringToLower(s=PostText)
Score: float = JsonData(path='$.post.score')
ActionName = GetActionName()
)";

constexpr const char* kLabels = R"(labels:
  spammer:
    valid_for: [User]
    connotation: negative
    description: posts spam
  suspicious:
    valid_for: [User]
    connotation: negative
  trusted:
    valid_for: [User]
    connotation: positive
)";

}  // namespace

const std::vector<std::string>& GeneratedActionNames() {
  static const std::vector<std::string> kNames = {"create_post", "register", "login",
                                                  "send_message"};
  return kNames;
}

const std::vector<std::string>& GeneratedSpamWords() {
  static const std::vector<std::string> kWords = {"free",  "crypto", "giveaway", "click",
                                                  "promo", "winner", "bonus",    "deal"};
  return kWords;
}

std::map<std::string, std::string> GenerateRuleset(const RulesetShape& shape) {
  std::mt19937_64 random(shape.seed);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<uint64_t>(n)); };
  const std::vector<std::string>& kWords = GeneratedSpamWords();
  const std::vector<std::string>& kActions = GeneratedActionNames();
  std::map<std::string, std::string> files;
  files["models/base.sml"] = kModels;
  files["config/labels.yaml"] = kLabels;

  std::string main = "Import(rules=[";
  for (int f = 0; f < shape.rule_files; ++f) {
    main += absl::StrFormat("%s'rules/r%03d.sml'", f == 0 ? "" : ", ", f);
  }
  main += "])\n";
  files["main.sml"] = main;

  int rule = 0;
  for (int f = 0; f < shape.rule_files; ++f) {
    std::string text = "Import(rules=['models/base.sml'])\n\n";
    int rules_here = shape.rules / shape.rule_files + (f < shape.rules % shape.rule_files ? 1 : 0);
    std::vector<std::string> names;
    for (int r = 0; r < rules_here; ++r, ++rule) {
      std::string name = absl::StrFormat("Rule%04d", rule);
      names.push_back(name);
      std::string condition;
      switch (pick(6)) {
        case 0:
          condition =
              absl::StrFormat("AccountAgeDays < %d, PostLength > %d", 1 + pick(30), 10 + pick(200));
          break;
        case 1:
          condition = absl::StrFormat("'%s' in LowerText", kWords[pick(kWords.size())]);
          break;
        case 2:
          condition = absl::StrFormat("ListLength(list=PostLinks) >= %d, Score > %d.5", 1 + pick(5),
                                      pick(10));
          break;
        case 3:
          condition =
              absl::StrFormat("StringStartsWith(s=UserName, start='%s'), ActionName == '%s'",
                              kWords[pick(kWords.size())], kActions[pick(kActions.size())]);
          break;
        case 4:
          condition =
              absl::StrFormat("UserEmail != None and StringLength(s=UserName) < %d", 3 + pick(10));
          break;
        default:
          condition =
              absl::StrFormat("UserName in ['%s', '%s'], AccountAgeDays * 2 + 1 > %d",
                              kWords[pick(kWords.size())], kWords[pick(kWords.size())], pick(100));
          break;
      }
      text += absl::StrFormat(
          "%s = Rule(\n    when_all=[%s],\n    description=f'rule %d for {UserName}',\n)\n\n", name,
          condition, rule);
    }
    for (size_t r = 0; r + 1 < names.size(); r += 2) {
      const char* label = pick(2) == 0 ? "spammer" : "suspicious";
      text += absl::StrFormat(
          "WhenRules(\n    rules_any=[%s, %s],\n    then=[DeclareVerdict(verdict='reject'), "
          "LabelAdd(entity=UserId, label='%s')],\n)\n",
          names[r], names[r + 1], label);
    }
    files[absl::StrFormat("rules/r%03d.sml", f)] = text;
  }
  return files;
}

}  // namespace osprey::bench
