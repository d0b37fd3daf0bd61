#include "tests/codegen/random_ruleset.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace osprey::testing {
namespace {

// The static types the generator writes. Optional types only appear where SML accepts them
// (==, !=, the left of `in`, None-narrowing); kRule and kEntity only where they unwrap.
enum class T {
  kInt,
  kFloat,
  kBool,
  kStr,
  kOptInt,
  kOptFloat,
  kOptBool,
  kOptStr,
  kListInt,
  kListStr,
  kRule,
  kEntity,
  kNum  // int | float: a union-typed lane.
};

struct Feature {
  std::string name;
  T type;
  bool local = false;
  bool used = false;
};

// Edge values for the inline int paths: int64 limits, the square root of INT64_MAX (products
// around the overflow boundary), shift counts around 64, and literals beyond int64 (big ints,
// which compiled code leaves to the runtime).
constexpr std::string_view kIntLiterals =
    "0|1|2|3|-1|-7|7|63|64|100|1000000007|9223372036854775807|(-9223372036854775807-1)|"
    "4611686018427387904|3037000500|-3037000499|9223372036854775808|-9223372036854775808|"
    "99999999999999999999|(-18446744073709551617)";
// Floats whose arithmetic overflows to inf, gives NaN (inf - inf), -0.0 or subnormals.
constexpr std::string_view kFloatLiterals =
    "0.5|1.5|-2.25|0.0|-0.0|3.0|0.1|1e16|1e308|1e-300|5e-324|(1e308*10.0)|(-1e308*10.0)|"
    "((1e308*10.0)-(1e308*10.0))|9.2233720368547758e18";
constexpr std::string_view kStrLiterals = "''|'a'|'abc'|'é'|'42'|'-7 '|'true'|'b'|'1.5'|'aXa'";

class Generator {
 public:
  explicit Generator(std::mt19937_64& rng) : rng_(rng) {}

  RandomRuleset Run() {
    bool with_lib = Chance(0.5);
    bool with_gated = Chance(0.4);
    bool with_action_file = Chance(0.3);
    result_.action_names = {"post", "login", "signup"};
    std::vector<Feature> lib_exports;
    if (with_lib) {
      BeginFile();
      Body(3, 3, false);
      for (const Feature& f : scope_) {
        if (!f.local) lib_exports.push_back({f.name, f.type});
      }
      result_.files["lib.sml"] = EndFile();
    }
    auto side_file = [&](const std::string& path) {
      BeginFile();
      if (with_lib && Chance(0.5)) {
        Line("Import(rules=['lib.sml'])");
        scope_ = lib_exports;
      }
      Body(2, 3, false);
      result_.files[path] = EndFile();
    };
    if (with_gated) side_file("gated.sml");
    if (with_action_file) side_file("act_post.sml");

    BeginFile();
    if (with_lib) {
      Line("Import(rules=['lib.sml'])");
      scope_ = lib_exports;
    }
    bool with_entity = Chance(0.35);
    if (with_entity) {
      Line("U: Entity[str] = EntityJson(type='User', path='$.uid', required=False)");
      result_.fields["uid"] = "entity";
      scope_.push_back({"U", T::kEntity});
      result_.files["config/labels.yaml"] =
          "labels:\n  spam:\n    valid_for: [User]\n    connotation: negative\n";
    }
    Body(4, 6, with_entity);
    if (with_gated) Line("Require(rule='gated.sml', require_if=" + Bool(2) + ")");
    if (with_action_file) {
      Line("ActionName = GetActionName()");
      Line("Require(rule=f'act_{ActionName}.sml')");
    }
    result_.files["main.sml"] = EndFile();
    return std::move(result_);
  }

 private:
  int Uniform(size_t n) {
    return std::uniform_int_distribution<int>(0, static_cast<int>(n) - 1)(rng_);
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::string Pick(std::string_view table) {
    std::vector<std::string_view> items = SplitTable(table);
    return std::string(items[Uniform(items.size())]);
  }
  template <typename C>
  const auto& Pick(const C& items) {
    return items[Uniform(std::size(items))];
  }
  std::string NewName(const char* prefix) { return prefix + std::to_string(next_name_++); }

  void BeginFile() {
    text_.clear();
    scope_.clear();
  }
  std::string EndFile() {
    // Every local must be read in its file.
    for (size_t i = 0; i < scope_.size(); ++i) {
      if (scope_[i].local && !scope_[i].used) Line(NewName("Use") + " = " + scope_[i].name);
    }
    return std::move(text_);
  }
  void Line(const std::string& line) { text_ += line + "\n"; }

  // Inputs, computed features, rules and WhenRules of one file.
  void Body(int inputs, int derived, bool with_entity) {
    for (int i = 0, n = inputs + Uniform(3); i < n; ++i) Input();
    for (int i = 0, n = derived + Uniform(6); i < n; ++i) Derived();
    for (int i = 0, n = 1 + Uniform(3); i < n; ++i) RuleStatement();
    for (int i = 0, n = Uniform(3); i < n; ++i) WhenRulesStatement(with_entity);
  }

  void Input() {
    // Parallel tables: annotation text (';' separated: '|' and ',' occur in it) and its type.
    static constexpr std::string_view kAnnotations =
        "int;float;bool;str;Optional[int];int | None;Optional[float];Optional[bool];Optional[str];"
        "List[int];List[str];int;float;int;int | float;Union[int, float]";
    static constexpr T kTypes[] = {T::kInt,    T::kFloat,   T::kBool,     T::kStr,
                                   T::kOptInt, T::kOptInt,  T::kOptFloat, T::kOptBool,
                                   T::kOptStr, T::kListInt, T::kListStr,  T::kInt,
                                   T::kFloat,  T::kInt,     T::kNum,      T::kNum};
    std::vector<std::string_view> annotations = SplitTable(kAnnotations, ';');
    size_t index = Uniform(std::size(kTypes));
    std::string annotation(annotations[index]);
    T type = kTypes[index];
    // Reusing a field under another annotation exercises coercion of one value both ways.
    std::string field = std::string(1, static_cast<char>('a' + Uniform(14)));
    result_.fields.emplace(field, KindOf(type));
    std::string args = "path='$." + field + "'";
    int required = Uniform(4);
    if (required == 0) args += ", required=True";
    if (required >= 2) args += ", required=False";
    if (Chance(0.2)) args += Chance(0.5) ? ", coerce_type=False" : ", coerce_type=True";
    std::string name = NewName("In");
    Line(name + ": " + annotation + " = JsonData(" + args + ")");
    scope_.push_back({name, type});
  }

  // The kind of JSON value a reader of `type` expects, by enum order.
  static std::string KindOf(T type) {
    return std::string(SplitTable(
        "int|float|bool|str|int|float|bool|str|list_int|list_str|str|str|float")[static_cast<int>(
        type)]);
  }

  void Derived() {
    static constexpr T kTypes[] = {T::kInt,  T::kInt,  T::kFloat, T::kFloat,   T::kBool,
                                   T::kBool, T::kBool, T::kStr,   T::kListInt, T::kOptInt};
    T type = Pick(kTypes);
    bool local = Chance(0.15);
    std::string name = local ? NewName("_L") : NewName("X");
    std::string value;
    std::string annotation;
    // Shallow expressions fail less often (a failed operand fails the whole), so more of them
    // reach the inline paths with real values.
    int depth = 1 + Uniform(3);
    if (type == T::kOptInt) {
      // An Optional name whose runtime value is an int or a failure, never None.
      annotation = ": Optional[int]";
      value = Int(depth);
    } else if (type == T::kFloat && Chance(0.3)) {
      annotation = ": float";  // Stored type float, runtime value an int.
      value = Int(depth);
    } else {
      value = Expr(type, depth);
    }
    Line(name + annotation + " = " + value);
    scope_.push_back({name, type, local});
  }

  void RuleStatement() {
    std::string items;
    for (int i = 0, n = Uniform(4); i < n; ++i) items += (i ? ", " : "") + Bool(3);
    std::string description = "'d" + std::to_string(next_name_) + "'";
    if (Chance(0.3)) {
      if (const Feature* f = Name({T::kInt, T::kFloat, T::kBool, T::kStr, T::kRule})) {
        description = "f'v {" + f->name + "}'";
      }
    }
    std::string name = NewName("R");
    Line(name + " = Rule(when_all=[" + items + "], description=" + description + ")");
    scope_.push_back({name, T::kRule});
  }

  void WhenRulesStatement(bool with_entity) {
    std::string rules;
    for (int i = 0, n = 1 + Uniform(3); i < n; ++i) {
      const Feature* rule = Name({T::kRule});
      if (rule == nullptr) return;
      rules += (i ? ", " : "") + rule->name;
    }
    std::string effects;
    for (int i = 0, n = 1 + Uniform(3); i < n; ++i) {
      std::string effect = "DeclareVerdict(verdict='v" + std::to_string(Uniform(4)) + "')";
      int kind = Uniform(5);
      if (kind == 0) effect = "DeclareVerdict(verdict=" + Str(1) + ")";
      if (kind >= 3 && with_entity) {
        effect = std::string(kind == 3 ? "LabelAdd" : "LabelRemove") + "(entity=U, label='spam')";
      }
      effects += (i ? ", " : "") + effect;
    }
    Line("WhenRules(rules_any=[" + rules + "], then=[" + effects + "])");
  }

  // A visible feature of one of `types`, or null.
  Feature* Name(std::initializer_list<T> types) {
    std::vector<Feature*> candidates;
    for (Feature& f : scope_) {
      for (T type : types) {
        if (f.type == type) candidates.push_back(&f);
      }
    }
    if (candidates.empty()) return nullptr;
    Feature* f = Pick(candidates);
    f->used = true;
    return f;
  }

  std::string Expr(T type, int depth) {
    switch (type) {
      case T::kInt:
        return Int(depth);
      case T::kFloat:
        return Float(depth);
      case T::kBool:
        return Bool(depth);
      case T::kStr:
        return Str(depth);
      case T::kListInt:
        return ListInt(depth);
      default:
        break;
    }
    // Optionals, rules, entities: only names (or None for the optionals).
    if (const Feature* f = Name({type})) return f->name;
    return "None";
  }

  // An int or float expression: operands of mixed arithmetic and ordering.
  std::string Num(int depth) {
    if (Chance(0.2)) {
      if (const Feature* f = Name({T::kNum})) return f->name;
    }
    return Chance(0.55) ? Int(depth) : Float(depth);
  }

  std::string Int(int depth) {
    int choice = depth <= 0 ? Uniform(2) : Uniform(10);
    if (choice == 0) {
      if (const Feature* f = Name({T::kInt})) return f->name;
    }
    if (choice <= 1) return Pick(kIntLiterals);
    if (choice <= 5) {
      static constexpr const char* kOps[] = {"+",  "-", "*", "//", "%", "**", "<<",
                                             ">>", "&", "|", "^",  "+", "-",  "*"};
      return "(" + Int(depth - 1) + " " + Pick(kOps) + " " + Int(depth - 1) + ")";
    }
    if (choice == 6) return "(-" + Int(depth - 1) + ")";
    if (choice == 7) return "StringLength(s=" + Str(depth - 1) + ")";
    if (choice == 8) {
      if (const Feature* f = Name({T::kOptInt})) {
        return "ResolveOptional(optional_value=" + f->name + ", default_value=" + Int(0) + ")";
      }
    }
    if (choice == 9) {
      return "ListLength(list=" + (Chance(0.5) ? ListInt(depth - 1) : ListStr(depth - 1)) + ")";
    }
    return Int(depth - 1);
  }

  std::string Float(int depth) {
    int choice = depth <= 0 ? Uniform(2) : Uniform(7);
    if (choice == 0) {
      if (const Feature* f = Name({T::kFloat})) return f->name;
    }
    if (choice <= 1) return Pick(kFloatLiterals);
    static constexpr const char* kOps[] = {"+", "-", "*", "/", "//", "%", "**", "+", "*"};
    if (choice <= 3) return "(" + Float(depth - 1) + " " + Pick(kOps) + " " + Num(depth - 1) + ")";
    if (choice == 4) return "(" + Num(depth - 1) + " " + Pick(kOps) + " " + Float(depth - 1) + ")";
    if (choice == 5) return "(" + Num(depth - 1) + " / " + Num(depth - 1) + ")";
    return "(-" + Float(depth - 1) + ")";
  }

  std::string Bool(int depth) {
    int choice = depth <= 0 ? Uniform(2) : Uniform(16);
    if (choice == 0) {
      if (const Feature* f = Name({T::kBool})) return f->name;
    }
    if (choice <= 1) return Chance(0.5) ? "True" : "False";
    static constexpr const char* kOrder[] = {"<", "<=", ">", ">="};
    switch (choice) {
      case 2:
      case 3:
        return "(" + Num(depth - 1) + " " + Pick(kOrder) + " " + Num(depth - 1) + ")";
      case 4:
      case 5:
        return Equality(depth - 1);
      case 6:
      case 7: {
        std::string op = Chance(0.5) ? " and " : " or ";
        std::string out = "(" + Bool(depth - 1);
        for (int i = 0, n = 1 + Uniform(2); i < n; ++i) out += op + Bool(depth - 1);
        return out + ")";
      }
      case 8:
        return "(not " + Bool(depth - 1) + ")";
      case 9:
        return Membership(depth - 1);
      case 10:
      case 11:
        return Narrowed(depth - 1);
      case 12:
        if (const Feature* r = Name({T::kRule})) {
          static constexpr const char* kForms[] = {"(%s == True)", "(not %s)", "(%s != False)",
                                                   "(%s and True)", "(%s or False)"};
          std::string form = Pick(kForms);
          return form.replace(form.find("%s"), 2, r->name);
        }
        return Bool(depth - 1);
      case 13:
        if (Name({T::kEntity}) != nullptr) return "HasLabel(entity=U, label='spam')";
        return "(" + Str(depth - 1) + " == " + Str(depth - 1) + ")";
      case 14:
        if (Chance(0.5)) return "StringStartsWith(s=" + Str(depth - 1) + ", start=" + Str(0) + ")";
        return "StringEndsWith(s=" + Str(depth - 1) + ", end=" + Str(0) + ")";
      default:
        return "RegexMatch(pattern='^a.?', target=" + Str(depth - 1) + ")";
    }
  }

  // == / != between two types one of which accepts the other (or None).
  std::string Equality(int depth) {
    static constexpr std::pair<T, T> kPairs[] = {
        {T::kInt, T::kInt},        {T::kInt, T::kFloat},       {T::kFloat, T::kFloat},
        {T::kBool, T::kBool},      {T::kStr, T::kStr},         {T::kOptInt, T::kInt},
        {T::kOptFloat, T::kFloat}, {T::kOptBool, T::kBool},    {T::kOptStr, T::kStr},
        {T::kOptInt, T::kOptInt},  {T::kListInt, T::kListInt}, {T::kOptFloat, T::kInt},
        {T::kNum, T::kInt},        {T::kNum, T::kFloat},       {T::kNum, T::kNum},
        {T::kOptFloat, T::kNum},   {T::kEntity, T::kStr}};
    const auto& [left, right] = Pick(kPairs);
    std::string a = Expr(left, depth);
    std::string b = Chance(0.2) ? "None" : Expr(right, depth);
    if (Chance(0.5)) std::swap(a, b);
    return "(" + a + " " + (Chance(0.5) ? "==" : "!=") + " " + b + ")";
  }

  std::string Membership(int depth) {
    std::string op = Chance(0.7) ? " in " : " not in ";
    switch (Uniform(5)) {
      case 0:
        return "(" + Str(depth) + op + Str(depth) + ")";
      case 4: {
        // A list of literals only: compiled code compares a string needle with each.
        std::string list = "[";
        for (int i = 0, n = 1 + Uniform(4); i < n; ++i) {
          list += (i ? ", " : "") + std::string(Pick(kStrLiterals));
        }
        return "(" + Str(depth) + op + list + "])";
      }
      case 1:
        return "(" + Int(depth) + op + ListInt(depth) + ")";
      case 2: {
        const Feature* opt = Name({T::kOptStr});
        std::string needle = opt != nullptr ? opt->name : Str(depth);
        return "(" + needle + op + ListStr(depth) + ")";
      }
      default:
        return "(" + Str(depth) + op + ListStr(depth) + ")";
    }
  }

  // `O != None and <uses O as non-optional>` / `O == None or ...`: the None-narrowing forms,
  // whose guarded operand still runs (and may fail) when O is None.
  std::string Narrowed(int depth) {
    Feature* opt = Name({T::kOptInt, T::kOptFloat, T::kOptBool, T::kOptStr});
    if (opt == nullptr) return "(" + Num(depth) + " > " + Num(depth) + ")";
    bool conjunction = Chance(0.6);
    std::string guard = opt->name + (conjunction ? " != None" : " == None");
    T base = opt->type == T::kOptInt     ? T::kInt
             : opt->type == T::kOptFloat ? T::kFloat
             : opt->type == T::kOptBool  ? T::kBool
                                         : T::kStr;
    std::string use;
    static constexpr const char* kOrder[] = {"<", "<=", ">", ">=", "==", "!="};
    const std::string name = opt->name;  // `opt` dangles once scope_ grows.
    if (Chance(0.3)) {
      // A general expression that may read the narrowed name anywhere inside.
      scope_.push_back({name, base});
      use = Bool(depth);
      scope_.pop_back();
    } else if (base == T::kInt || base == T::kFloat) {
      std::string operand = name;
      if (Chance(0.5)) operand = "(" + name + (base == T::kInt ? " + " : " * ") + Num(0) + ")";
      use = "(" + operand + " " + Pick(kOrder) + " " + Num(depth) + ")";
    } else if (base == T::kBool) {
      use = Chance(0.5) ? name : "(not " + name + ")";
    } else {
      use = "(StringLength(s=" + name + ") > " + Int(0) + ")";
    }
    return "(" + guard + (conjunction ? " and " : " or ") + use + ")";
  }

  std::string Str(int depth) {
    int choice = depth <= 0 ? Uniform(2) : Uniform(8);
    if (choice == 0) {
      if (const Feature* f = Name({T::kStr})) return f->name;
    }
    if (choice <= 1) return Pick(kStrLiterals);
    switch (choice) {
      case 2:
        return "(" + Str(depth - 1) + " + " + Str(depth - 1) + ")";
      case 3: {
        static constexpr const char* kCounts[] = {"0", "2", "3", "-1"};
        return "(" + Str(depth - 1) + " * " + Pick(kCounts) + ")";
      }
      case 4:
        if (const Feature* f = Name({T::kInt, T::kFloat, T::kBool, T::kStr, T::kEntity})) {
          return "f'<{" + f->name + "}>'";
        }
        return Str(depth - 1);
      case 5:
        return std::string(Chance(0.5) ? "StringToUpper" : "StringToLower") +
               "(s=" + Str(depth - 1) + ")";
      case 6:
        return "StringReplace(s=" + Str(depth - 1) + ", old='a', new='bb')";
      default:
        return "StringStrip(s=" + Str(depth - 1) + ")";
    }
  }

  std::string ListInt(int depth) {
    if (Chance(0.4)) {
      if (const Feature* f = Name({T::kListInt})) return f->name;
    }
    std::string out = "[";
    for (int i = 0, n = Uniform(4); i < n; ++i) out += (i ? ", " : "") + Int(depth - 1);
    return out == "[" ? "[1]" : out + "]";
  }

  std::string ListStr(int depth) {
    if (Chance(0.4)) {
      if (const Feature* f = Name({T::kListStr})) return f->name;
    }
    return "[" + Str(depth - 1) + ", " + Str(0) + "]";
  }

  std::mt19937_64& rng_;
  RandomRuleset result_;
  std::string text_;
  std::vector<Feature> scope_;
  int next_name_ = 0;
};

}  // namespace

std::string RandomRuleset::Describe() const {
  std::string out;
  for (const auto& [path, text] : files) out += "# ---- " + path + "\n" + text;
  return out;
}

std::vector<std::string_view> SplitTable(std::string_view table, char separator) {
  std::vector<std::string_view> items;
  for (size_t start = 0;;) {
    size_t bar = table.find(separator, start);
    items.push_back(table.substr(start, bar - start));
    if (bar == std::string_view::npos) return items;
    start = bar + 1;
  }
}

RandomRuleset GenerateRuleset(std::mt19937_64& rng) { return Generator(rng).Run(); }

}  // namespace osprey::testing
