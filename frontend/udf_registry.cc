#include "frontend/udf_registry.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "absl/strings/str_format.h"

namespace osprey::frontend {
namespace {

// A recursive-descent reader of the signature notation in udf_registry.h.
class SignatureReader {
 public:
  explicit SignatureReader(std::string_view text) : text_(text) {}

  absl::StatusOr<UdfSignature> Read() {
    UdfSignature signature;
    signature.name = Identifier();
    if (signature.name.empty()) return Error("expected a function name");
    if (!Consume('(')) return Error("expected '('");
    while (!Consume(')')) {
      if (!signature.params.empty() || signature.extra_keywords) {
        if (!Consume(',')) return Error("expected ',' or ')'");
        if (Consume(')')) break;
      }
      if (signature.extra_keywords) return Error("the ** parameter must come last");
      bool extra = ConsumeWord("**");
      UdfParam param;
      param.name = Identifier();
      if (param.name.empty()) return Error("expected a parameter name");
      if (signature.FindParam(param.name) != nullptr) {
        return Error("duplicate parameter '" + param.name + "'");
      }
      if (!Consume(':')) return Error("expected ':' after the parameter name");
      param.constant = ConsumeWord("const");
      absl::StatusOr<Type> type = ReadType();
      if (!type.ok()) return type.status();
      param.type = *type;
      if (Consume('=')) {
        if (extra) return Error("a ** parameter takes no default");
        absl::StatusOr<ConstValue> value = ReadConstant();
        if (!value.ok()) return value.status();
        param.default_value = *value;
      }
      if (extra) {
        if (signature.extra_keywords) return Error("only one ** parameter is allowed");
        signature.extra_keywords = std::move(param);
      } else {
        signature.params.push_back(std::move(param));
      }
    }
    if (!ConsumeWord("->")) return Error("expected '->' and a return type");
    if (ConsumeWord("dynamic")) {
      signature.return_kind = ReturnKind::kDynamic;
    }
    absl::StatusOr<Type> result = ReadType();
    if (!result.ok()) return result.status();
    signature.return_type = *result;
    if (signature.return_kind == ReturnKind::kValue && *result == types::None()) {
      signature.return_kind = ReturnKind::kNone;
    }
    SkipSpace();
    if (pos_ != text_.size()) return Error("unexpected text after the return type");
    return signature;
  }

 private:
  absl::Status Error(std::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrFormat("bad signature \"%s\" at column %d: %s", text_, pos_ + 1, what));
  }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Consume(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool ConsumeWord(std::string_view word) {
    SkipSpace();
    if (text_.substr(pos_, word.size()) != word) return false;
    size_t end = pos_ + word.size();
    bool word_like = std::isalpha(static_cast<unsigned char>(word.back()));
    if (word_like && end < text_.size() &&
        (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
      return false;
    }
    pos_ = end;
    return true;
  }
  std::string Identifier() {
    SkipSpace();
    size_t begin = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(text_.substr(begin, pos_ - begin));
  }

  absl::StatusOr<Type> ReadType() {
    std::vector<Type> alternatives;
    do {
      absl::StatusOr<Type> atom = ReadTypeAtom();
      if (!atom.ok()) return atom.status();
      alternatives.push_back(*atom);
    } while (Consume('|'));
    return types::Union(alternatives);
  }

  absl::StatusOr<Type> ReadTypeAtom() {
    if (Consume('~')) {
      std::string name = Identifier();
      if (name.empty()) return Error("expected a type variable name after '~'");
      return types::TypeVar(name);
    }
    std::string name = Identifier();
    if (name.empty()) return Error("expected a type");
    if (name == "list" || name == "List" || name == "Entity" || name == "Optional") {
      if (!Consume('[')) return Error("expected '[' after " + name);
      absl::StatusOr<Type> inner = ReadType();
      if (!inner.ok()) return inner.status();
      if (!Consume(']')) return Error("expected ']'");
      if (name == "Entity") return types::Entity(*inner);
      if (name == "Optional") return types::Optional(*inner);
      return types::List(*inner);
    }
    if (name == "Union") {
      if (!Consume('[')) return Error("expected '[' after Union");
      std::vector<Type> alternatives;
      do {
        absl::StatusOr<Type> alternative = ReadType();
        if (!alternative.ok()) return alternative.status();
        alternatives.push_back(*alternative);
      } while (Consume(','));
      if (!Consume(']')) return Error("expected ']'");
      return types::Union(alternatives);
    }
    if (name == "str") return types::Str();
    if (name == "int") return types::Int();
    if (name == "float") return types::Float();
    if (name == "bool") return types::Bool();
    if (name == "None") return types::None();
    if (name == "Any") return types::Any();
    if (name == "object") return types::Object();
    if (name == "RuleT") return types::Rule();
    if (name == "EffectBase") return types::Effect();
    if (name == "TimeDeltaT") return types::TimeDelta();
    if (name == "ExperimentT") return types::Experiment();
    if (!std::isupper(static_cast<unsigned char>(name[0]))) {
      return Error("unknown type '" + name + "'");
    }
    return types::Class(name);
  }

  absl::StatusOr<ConstValue> ReadConstant() {
    SkipSpace();
    if (ConsumeWord("True")) return ConstValue{true};
    if (ConsumeWord("False")) return ConstValue{false};
    if (ConsumeWord("None")) return ConstValue{};
    if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"')) {
      char quote = text_[pos_];
      size_t end = text_.find(quote, pos_ + 1);
      if (end == std::string_view::npos) return Error("unterminated string default");
      std::string value(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return ConstValue{std::move(value)};
    }
    if (Consume('[')) {
      ConstList items;
      while (!Consume(']')) {
        if (!items.empty() && !Consume(',')) return Error("expected ',' in list default");
        absl::StatusOr<ConstValue> item = ReadConstant();
        if (!item.ok()) return item.status();
        items.push_back(*item);
      }
      return ConstValue{std::move(items)};
    }
    size_t begin = pos_;
    while (pos_ < text_.size() &&
           (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '-' ||
            text_[pos_] == '.' || text_[pos_] == 'e')) {
      ++pos_;
    }
    std::string_view number = text_.substr(begin, pos_ - begin);
    if (number.empty()) return Error("expected a default value");
    if (number.find_first_of(".e") == std::string_view::npos) {
      int64_t value = 0;
      auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
      if (ec != std::errc() || ptr != number.data() + number.size()) return Error("bad integer");
      return ConstValue{value};
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || ptr != number.data() + number.size()) return Error("bad number");
    return ConstValue{value};
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

const UdfParam* UdfSignature::FindParam(std::string_view param_name) const {
  for (const UdfParam& param : params) {
    if (param.name == param_name) return &param;
  }
  return nullptr;
}

absl::StatusOr<UdfSignature> ParseUdfSignature(std::string_view text) {
  return SignatureReader(text).Read();
}

absl::Status UdfRegistry::Add(UdfSignature signature) {
  if (by_name_.contains(signature.name)) {
    return absl::AlreadyExistsError(absl::StrFormat("function `%s` is already defined (by %s)",
                                                    signature.name,
                                                    by_name_[signature.name]->origin));
  }
  std::string name = signature.name;
  by_name_.emplace(std::move(name), std::make_shared<const UdfSignature>(std::move(signature)));
  return absl::OkStatus();
}

const UdfSignature* UdfRegistry::Find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second.get();
}

std::vector<std::string> UdfRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, signature] : by_name_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace osprey::frontend
