// RegexMatch, RegexMatchMap, CountRegexMatches (spec udfs.md §D) and the example plugin's
// TextContains (§O.1), on PCRE2. Patterns arrive already translated from Python `re` syntax to
// PCRE2 syntax by the compiler; they are compiled once per call site, in the factory.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "runtime/udfs/udf_support.h"

namespace osprey::runtime::udfs {
namespace {

using Args = std::span<const Value>;

// Bounds the work of one search (backtracking steps), so that a pathological pattern cannot
// stall an action; reaching it is a recorded error.
constexpr uint32_t kMatchLimit = 10'000'000;
constexpr uint32_t kDepthLimit = 100'000;

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};
struct MatchContextDeleter {
  void operator()(pcre2_match_context* context) const { pcre2_match_context_free(context); }
};

// One compiled pattern; safe to search from several threads at once.
class CompiledRegex {
 public:
  static absl::StatusOr<std::shared_ptr<const CompiledRegex>> Compile(std::string_view pattern,
                                                                      bool case_insensitive) {
    uint32_t options = PCRE2_UTF | PCRE2_UCP;
    if (case_insensitive) options |= PCRE2_CASELESS;
    // A leading "(?a)" (Python's ASCII flag, which PCRE2 10.42 has no inline form for) makes
    // \w \d \s \b ASCII-only: compile without PCRE2_UCP.
    if (pattern.starts_with("(?a)")) {
      pattern.remove_prefix(4);
      options &= ~static_cast<uint32_t>(PCRE2_UCP);
    }
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     options, &error_code, &error_offset, nullptr);
    if (code == nullptr) {
      PCRE2_UCHAR message[256];
      pcre2_get_error_message(error_code, message, sizeof(message));
      return absl::InvalidArgumentError(absl::StrFormat(
          "invalid regex pattern '%s': %s at offset %d", pattern,
          reinterpret_cast<const char*>(message), static_cast<int64_t>(error_offset)));
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // Falls back to the interpreter on failure.
    auto regex = std::shared_ptr<CompiledRegex>(new CompiledRegex);
    regex->code_.reset(code);
    regex->context_.reset(pcre2_match_context_create(nullptr));
    pcre2_set_match_limit(regex->context_.get(), kMatchLimit);
    pcre2_set_depth_limit(regex->context_.get(), kDepthLimit);
    return std::shared_ptr<const CompiledRegex>(std::move(regex));
  }

  // Python's `pattern.search(subject) is not None`; an error when a limit is hit.
  std::variant<bool, UdfError> Search(std::string_view subject) const {
    std::unique_ptr<pcre2_match_data, MatchDataDeleter> data(
        pcre2_match_data_create_from_pattern(code_.get(), nullptr));
    const int rc = pcre2_match(code_.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()),
                               subject.size(), 0, 0, data.get(), context_.get());
    if (rc >= 0) return true;
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(rc, message, sizeof(message));
    return Recorded(
        absl::StrFormat("regex search failed: %s", reinterpret_cast<const char*>(message)));
  }

 private:
  CompiledRegex() = default;
  std::unique_ptr<pcre2_code, CodeDeleter> code_;
  std::unique_ptr<pcre2_match_context, MatchContextDeleter> context_;
};

using Regex = std::shared_ptr<const CompiledRegex>;

// Reads a ConstExpr bool parameter (default false when the constant is missing).
bool ConstBool(const UdfSite& site, size_t index) {
  if (index >= site.constants.size() || !site.constants[index].has_value()) return false;
  const Value& v = *site.constants[index];
  return v.kind() == Value::Kind::kBool && v.as_bool();
}

const std::string* ConstString(const UdfSite& site, size_t index) {
  if (index >= site.constants.size() || !site.constants[index].has_value()) return nullptr;
  const Value& v = *site.constants[index];
  return v.kind() == Value::Kind::kString ? &v.as_string() : nullptr;
}

// RegexMatch(pattern, case_insensitive, target).
class RegexMatchInstance : public UdfInstance {
 public:
  explicit RegexMatchInstance(Regex regex) : regex_(std::move(regex)) {}
  UdfOutcome Call(CallContext&, Args args) const override {
    OSPREY_UDF_STR_ARG(target, args, 2, "RegexMatch", "target");
    std::variant<bool, UdfError> found = regex_->Search(*target);
    if (auto* error = std::get_if<UdfError>(&found)) return *error;
    return Value::Bool(std::get<bool>(found));
  }

 private:
  Regex regex_;
};

// RegexMatchMap(pattern, case_insensitive, target, mode).
class RegexMatchMapInstance : public UdfInstance {
 public:
  RegexMatchMapInstance(Regex regex, bool all) : regex_(std::move(regex)), all_(all) {}
  UdfOutcome Call(CallContext&, Args args) const override {
    const Value& target = args[2];
    if (target.kind() != Value::Kind::kList) {
      return WrongType("RegexMatchMap", "target", "list[str]", target);
    }
    for (const Value& item : target.as_list()) {
      const std::string* text = AsString(item);
      if (text == nullptr) return WrongType("RegexMatchMap", "target", "list[str]", item);
      std::variant<bool, UdfError> found = regex_->Search(*text);
      if (auto* error = std::get_if<UdfError>(&found)) return *error;
      // any() stops at the first match, all() at the first miss.
      if (std::get<bool>(found) != all_) return Value::Bool(!all_);
    }
    return Value::Bool(all_);
  }

 private:
  Regex regex_;
  bool all_;
};

// CountRegexMatches(patterns, target, case_insensitive).
class CountRegexMatchesInstance : public UdfInstance {
 public:
  explicit CountRegexMatchesInstance(std::vector<Regex> regexes) : regexes_(std::move(regexes)) {}
  UdfOutcome Call(CallContext&, Args args) const override {
    OSPREY_UDF_STR_ARG(target, args, 1, "CountRegexMatches", "target");
    int64_t count = 0;
    for (const Regex& regex : regexes_) {
      std::variant<bool, UdfError> found = regex->Search(*target);
      if (auto* error = std::get_if<UdfError>(&found)) return *error;
      if (std::get<bool>(found)) ++count;
    }
    return Value::Int(count);
  }

 private:
  std::vector<Regex> regexes_;
};

// Python re.escape's effect: every ASCII character other than letters, digits and '_' is
// escaped (PCRE2 treats a backslash before any non-alphanumeric as a literal; non-ASCII
// characters are literals already).
std::string EscapeLiteral(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool word = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                      u == '_' || u >= 0x80;
    if (!word) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// TextContains(text, phrase): `\b<escaped phrase>\b`, always case-insensitive. The phrase is a
// runtime value, so compiled patterns are cached per call site.
class TextContainsInstance : public UdfInstance {
 public:
  UdfOutcome Call(CallContext&, Args args) const override {
    OSPREY_UDF_STR_ARG(text, args, 0, "TextContains", "text");
    OSPREY_UDF_STR_ARG(phrase, args, 1, "TextContains", "phrase");
    absl::StatusOr<Regex> regex = RegexFor(*phrase);
    if (!regex.ok()) return Recorded(std::string(regex.status().message()));
    std::variant<bool, UdfError> found = (*regex)->Search(*text);
    if (auto* error = std::get_if<UdfError>(&found)) return *error;
    return Value::Bool(std::get<bool>(found));
  }

 private:
  static constexpr size_t kMaxCached = 256;

  absl::StatusOr<Regex> RegexFor(const std::string& phrase) const {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = cache_.find(phrase);
      if (it != cache_.end()) return it->second;
    }
    absl::StatusOr<Regex> regex =
        CompiledRegex::Compile("\\b" + EscapeLiteral(phrase) + "\\b", /*case_insensitive=*/true);
    if (!regex.ok()) return regex;
    std::lock_guard<std::mutex> lock(mutex_);
    if (cache_.size() >= kMaxCached) cache_.clear();
    cache_.emplace(phrase, *regex);
    return regex;
  }

  mutable std::mutex mutex_;
  mutable absl::flat_hash_map<std::string, Regex> cache_;
};

absl::StatusOr<Regex> CompileConstPattern(const UdfSite& site, size_t pattern_index,
                                          size_t case_index) {
  const std::string* pattern = ConstString(site, pattern_index);
  if (pattern == nullptr) return absl::InvalidArgumentError("`pattern` must be a constant str");
  return CompiledRegex::Compile(*pattern, ConstBool(site, case_index));
}

}  // namespace

void RegisterRegexUdfs(NativeUdfRegistry& registry) {
  registry.Register("RegexMatch",
                    [](const UdfSite& site) -> absl::StatusOr<std::unique_ptr<UdfInstance>> {
                      absl::StatusOr<Regex> regex = CompileConstPattern(site, 0, 1);
                      if (!regex.ok()) return regex.status();
                      return std::make_unique<RegexMatchInstance>(*std::move(regex));
                    });
  registry.Register("RegexMatchMap",
                    [](const UdfSite& site) -> absl::StatusOr<std::unique_ptr<UdfInstance>> {
                      absl::StatusOr<Regex> regex = CompileConstPattern(site, 0, 1);
                      if (!regex.ok()) return regex.status();
                      const std::string* mode = ConstString(site, 3);
                      const bool all = mode != nullptr && *mode == "all";
                      if (mode != nullptr && !all && *mode != "any") {
                        return absl::InvalidArgumentError("mode must be one of `all` or `any`");
                      }
                      return std::make_unique<RegexMatchMapInstance>(*std::move(regex), all);
                    });
  registry.Register(
      "CountRegexMatches", [](const UdfSite& site) -> absl::StatusOr<std::unique_ptr<UdfInstance>> {
        if (site.constants.empty() || !site.constants[0].has_value() ||
            site.constants[0]->kind() != Value::Kind::kList) {
          return absl::InvalidArgumentError("`patterns` must be a constant list of str");
        }
        const bool case_insensitive = ConstBool(site, 2);
        std::vector<Regex> regexes;
        for (const Value& pattern : site.constants[0]->as_list()) {
          if (pattern.kind() != Value::Kind::kString) {
            return absl::InvalidArgumentError("`patterns` must be a constant list of str");
          }
          absl::StatusOr<Regex> regex =
              CompiledRegex::Compile(pattern.as_string(), case_insensitive);
          if (!regex.ok()) return regex.status();
          regexes.push_back(*std::move(regex));
        }
        return std::make_unique<CountRegexMatchesInstance>(std::move(regexes));
      });
  registry.Register("TextContains",
                    [](const UdfSite&) -> absl::StatusOr<std::unique_ptr<UdfInstance>> {
                      return std::make_unique<TextContainsInstance>();
                    });
}

}  // namespace osprey::runtime::udfs
