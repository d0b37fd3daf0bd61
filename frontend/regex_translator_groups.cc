// The translator's groups and inline flags (see internal/regex_translator.h).
#include "frontend/internal/regex_translator.h"

namespace osprey::frontend::internal::regex {

// _parse_flags: the flags of `(?flags)` or `(?flags-flags:...)`; `c` is the first flag letter
// or `-`. `global` is set for `(?flags)`.
bool Translator::ParseFlags(char32_t c, std::string& add, std::string& del, bool& global,
                            bool& verbose_on, bool& verbose_off) {
  auto is_flag = [](char32_t f) {
    return f < 0x80 &&
           std::string_view("iLmsxatu").find(static_cast<char>(f)) != std::string_view::npos;
  };
  auto is_alpha = [](const std::u32string& t) {
    return t.size() == 1 && IsIdentifierStart(t[0]) && t[0] != '_';
  };
  // Letters PCRE2 understands; x is applied here, a/u/t have no PCRE2 counterpart to keep.
  auto pcre_letter = [](char32_t f) { return f == 'i' || f == 'm' || f == 's'; };
  bool ascii = false;
  bool unicode = false;
  bool template_flag = false;
  std::u32string token(1, c);
  if (c != '-') {
    while (true) {
      if (c == 'L') return Fail("bad inline flags: cannot use 'L' flag with a str pattern");
      if (c == 'a') ascii = true;
      if (c == 'u') unicode = true;
      if (c == 't') template_flag = true;
      if (ascii && unicode)
        return Fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      if (c == 'x') verbose_on = true;
      if (pcre_letter(c) && add.find(static_cast<char>(c)) == std::string::npos) {
        add += static_cast<char>(c);
      }
      token = Get();
      if (failed()) return false;
      if (token.empty()) return Fail("missing -, : or )");
      c = token[0];
      if (token == U")" || token == U"-" || token == U":") break;
      if (token.size() != 1 || !is_flag(c)) {
        return Fail(is_alpha(token) ? "unknown flag" : "missing -, : or )", token.size());
      }
    }
  }
  if (token == U")") {
    global = true;
    global_ascii_ = global_ascii_ || ascii;
    return true;
  }
  if (template_flag) return Fail("bad inline flags: cannot turn on global flag", 1);
  std::string added_letters = add;
  if (token == U"-") {
    token = Get();
    if (failed()) return false;
    if (token.empty()) return Fail("missing flag");
    if (token.size() != 1 || !is_flag(token[0])) {
      return Fail(is_alpha(token) ? "unknown flag" : "missing flag", token.size());
    }
    bool off_template = false;
    std::string removed;
    while (true) {
      c = token[0];
      if (c == 'a' || c == 'u' || c == 'L') {
        return Fail("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      }
      if (c == 't') off_template = true;
      if (c == 'x') verbose_off = true;
      if (pcre_letter(c) && removed.find(static_cast<char>(c)) == std::string::npos) {
        removed += static_cast<char>(c);
      }
      token = Get();
      if (failed()) return false;
      if (token.empty()) return Fail("missing :");
      if (token == U":") break;
      if (token.size() != 1 || !is_flag(token[0])) {
        return Fail(is_alpha(token) ? "unknown flag" : "missing :", token.size());
      }
    }
    if (off_template) return Fail("bad inline flags: cannot turn off global flag", 1);
    bool overlap = verbose_on && verbose_off;
    for (char f : removed) overlap = overlap || added_letters.find(f) != std::string::npos;
    if (overlap) return Fail("bad inline flags: flag turned on and off", 1);
    del = removed;
  }
  return true;
}

// A group, assertion, comment, conditional or flag setting; `(` has been read.
bool Translator::ParseGroup(size_t start, bool& verbose, int nested, bool first, Seq& seq) {
  bool capture = true;
  std::string open = "(";
  std::u32string name;
  bool has_name = false;
  bool sub_verbose = verbose;
  if (Match('?')) {
    std::u32string c = Get();
    if (failed()) return false;
    if (c.empty()) return Fail("unexpected end of pattern");
    if (c == U"P") {
      if (Match('<')) {
        if (!GetUntil('>', "group name", name) || !CheckGroupName(name, 1)) return false;
        has_name = true;
      } else if (Match('=')) {
        if (!GetUntil(')', "group name", name) || !CheckGroupName(name, 1)) return false;
        auto it = std::find_if(group_names_.begin(), group_names_.end(),
                               [&](const auto& entry) { return entry.first == name; });
        if (it == group_names_.end()) {
          return Fail("unknown group name " + PythonStringRepr(Utf8(name)), name.size() + 1);
        }
        if (!CheckGroup(it->second)) return Fail("cannot refer to an open group", name.size() + 1);
        if (!CheckLookbehindGroup(it->second)) return false;
        seq.Append(Item::kOther, *group_widths_[it->second],
                   absl::StrFormat("\\g{%d}", it->second));
        return true;
      } else {
        std::u32string next = Get();
        if (failed()) return false;
        if (next.empty()) return Fail("unexpected end of pattern");
        return Fail("unknown extension ?P" + Utf8(next), next.size() + 2);
      }
    } else if (c == U":") {
      capture = false;
      open = "(?:";
    } else if (c == U"#") {
      while (true) {
        if (Next().empty()) return Fail("missing ), unterminated comment", pos_ - start);
        if (Get() == U")") break;
      }
      return !failed();
    } else if (c == U"=" || c == U"!" || c == U"<") {
      bool behind = false;
      if (c == U"<") {
        c = Get();
        if (failed()) return false;
        if (c.empty()) return Fail("unexpected end of pattern");
        if (c != U"=" && c != U"!") return Fail("unknown extension ?<" + Utf8(c), c.size() + 2);
        behind = true;
      }
      std::optional<uint64_t> saved = lookbehind_groups_;
      if (behind && !lookbehind_groups_) lookbehind_groups_ = group_widths_.size();
      Seq body;
      if (!ParseSub(verbose, nested + 1, body)) return false;
      if (behind && !saved) lookbehind_groups_ = std::nullopt;
      if (!Match(')')) return Fail("missing ), unterminated subpattern", pos_ - start);
      if (behind && body.width().lo != body.width().hi && !deferred_) {
        deferred_ = Error{"look-behind requires fixed-width pattern", std::nullopt};
      }
      std::string text = std::string(behind ? "(?<" : "(?") + (c == U"=" ? "=" : "!");
      seq.Append(Item::kOther, {}, text + body.out + ")");
      return true;
    } else if (c == U"(") {
      std::u32string condition;
      if (!GetUntil(')', "group name", condition)) return false;
      uint64_t group = 0;
      if (IsIdentifier(condition)) {
        auto it = std::find_if(group_names_.begin(), group_names_.end(),
                               [&](const auto& entry) { return entry.first == condition; });
        if (it == group_names_.end()) {
          return Fail("unknown group name " + PythonStringRepr(Utf8(condition)),
                      condition.size() + 1);
        }
        group = it->second;
      } else {
        if (!std::all_of(condition.begin(), condition.end(), IsDigit)) {
          return Fail("bad character in group name " + PythonStringRepr(Utf8(condition)),
                      condition.size() + 1);
        }
        group = ToNumber(condition);
        if (group == 0) return Fail("bad group number", condition.size() + 1);
        if (group >= kMaxGroups) {
          return Fail(absl::StrFormat("invalid group reference %d", group), condition.size() + 1);
        }
        group_ref_positions_.push_back({group, pos_ - condition.size() - 1});
      }
      if (!CheckLookbehindGroup(group)) return false;
      Seq yes;
      if (!Parse(verbose, nested + 1, false, yes)) return false;
      Seq no;
      bool has_no = Match('|');
      if (has_no) {
        if (!Parse(verbose, nested + 1, false, no)) return false;
        if (NextIs('|')) return Fail("conditional backref with more than two branches");
      }
      if (!Match(')')) return Fail("missing ), unterminated subpattern", pos_ - start);
      Width width = yes.width();
      width.lo = has_no ? std::min(width.lo, no.width().lo) : 0;
      width.hi = std::max(width.hi, no.width().hi);
      seq.Append(Item::kOther, width,
                 absl::StrFormat("(?(%d)%s%s%s)", group, yes.out, has_no ? "|" : "", no.out));
      return true;
    } else if (c == U">") {
      capture = false;
      open = "(?>";
    } else if (c == U"-" || (c.size() == 1 && std::u32string_view(U"iLmsxatu").find(c[0]) !=
                                                  std::u32string_view::npos)) {
      std::string add;
      std::string del;
      bool global = false;
      bool verbose_on = false;
      bool verbose_off = false;
      if (!ParseFlags(c[0], add, del, global, verbose_on, verbose_off)) return false;
      if (global) {
        if (!first || seq.last != Item::kNone) {
          return Fail("global flags not at the start of the expression", pos_ - start);
        }
        for (char f : add) {
          if (global_flags_.find(f) == std::string::npos) global_flags_ += f;
        }
        global_verbose_ = global_verbose_ || verbose_on;
        verbose = global_verbose_;
        return true;
      }
      capture = false;
      open = add.empty() && del.empty() ? "(?:" : "(?" + add + (del.empty() ? "" : "-" + del) + ":";
      sub_verbose = (verbose || verbose_on) && !verbose_off;
    } else {
      return Fail("unknown extension ?" + Utf8(c), c.size() + 1);
    }
  }
  uint64_t group = 0;
  if (capture) {
    group = group_widths_.size();
    group_widths_.push_back(std::nullopt);
    if (has_name) {
      for (const auto& [existing, id] : group_names_) {
        if (existing != name) continue;
        return Fail(absl::StrFormat("redefinition of group name %s as group %d; was group %d",
                                    PythonStringRepr(Utf8(name)), group, id),
                    name.size() + 1);
      }
      group_names_.push_back({name, group});
    }
  }
  Seq body;
  if (!ParseSub(sub_verbose, nested + 1, body)) return false;
  if (!Match(')')) return Fail("missing ), unterminated subpattern", pos_ - start);
  if (capture) group_widths_[group] = body.width();
  seq.Append(Item::kOther, body.width(), open + body.out + ")");
  return true;
}

}  // namespace osprey::frontend::internal::regex
