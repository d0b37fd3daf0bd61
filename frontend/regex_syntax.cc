// Python regex syntax: the public entry points; the translation itself is in
// regex_translator.cc and regex_translator_groups.cc.
#include "frontend/regex_syntax.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "frontend/internal/regex_translator.h"
#include "frontend/unicode.h"

namespace osprey::frontend {

std::string PythonStringRepr(std::string_view utf8) {
  bool has_single = utf8.find('\'') != std::string_view::npos;
  bool has_double = utf8.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = DecodeUtf8(utf8, &pos).value_or(0xFFFD);
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += absl::StrFormat("\\x%02x", static_cast<uint32_t>(c));
    } else if (c < 0x7F || IsPrintable(c)) {
      AppendUtf8(c, &out);
    } else if (c <= 0xFF) {
      out += absl::StrFormat("\\x%02x", static_cast<uint32_t>(c));
    } else if (c <= 0xFFFF) {
      out += absl::StrFormat("\\u%04x", static_cast<uint32_t>(c));
    } else {
      out += absl::StrFormat("\\U%08x", static_cast<uint32_t>(c));
    }
  }
  out += quote;
  return out;
}

absl::StatusOr<std::string> TranslatePythonRegex(std::string_view pattern) {
  std::u32string code_points;
  size_t pos = 0;
  while (pos < pattern.size()) code_points += DecodeUtf8(pattern, &pos).value_or(0xFFFD);
  return internal::regex::Translator(std::move(code_points)).Run();
}

std::optional<std::string> CheckPythonRegex(std::string_view pattern, bool case_insensitive) {
  absl::StatusOr<std::string> translated = TranslatePythonRegex(pattern);
  if (!translated.ok()) return std::string(translated.status().message());
  bool ascii = translated->starts_with("(?a)");
  if (ascii) translated->erase(0, 4);
  pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
  pcre2_set_newline(context, PCRE2_NEWLINE_LF);
  uint32_t options = PCRE2_UTF | (ascii ? 0 : PCRE2_UCP) | (case_insensitive ? PCRE2_CASELESS : 0);
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated->data()), translated->size(), options,
                    &error_code, &error_offset, context);
  pcre2_compile_context_free(context);
  if (code != nullptr) {
    pcre2_code_free(code);
    return std::nullopt;
  }
  // Python accepted the pattern but PCRE2 cannot run it (limits: repeat counts, nesting).
  PCRE2_UCHAR buffer[256];
  pcre2_get_error_message(error_code, buffer, sizeof(buffer));
  return "pattern not supported: " + std::string(reinterpret_cast<const char*>(buffer));
}

}  // namespace osprey::frontend
