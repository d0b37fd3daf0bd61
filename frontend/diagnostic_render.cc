#include "frontend/diagnostic_render.h"

#include <unicode/uchar.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "frontend/unicode.h"

namespace osprey::frontend {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kBoldRed = "\x1b[1;31m";
constexpr std::string_view kBoldMagenta = "\x1b[1;35m";
constexpr std::string_view kBoldCyan = "\x1b[1;36m";
constexpr std::string_view kBoldGreen = "\x1b[1;32m";

// What a terminal should be shown for `c`: nothing that moves the cursor, rings or reorders the
// line. Tabs stay (callers copy them into the caret line); C0/C1 controls, DEL and the bidi
// embedding/isolate controls (the "Trojan Source" characters) become U+FFFD.
char32_t Displayable(char32_t c) {
  if (c == '\t') return c;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return kReplacement;
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return kReplacement;
  return c;
}

// Terminal cells `c` takes: 0 for combining and format characters, 2 for East Asian wide and
// fullwidth ones, else 1. Used so that carets line up under CJK text and accents.
int CellWidth(char32_t c) {
  int8_t category = static_cast<int8_t>(u_charType(static_cast<UChar32>(c)));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
      (category == U_FORMAT_CHAR && c != 0xAD)) {
    return 0;
  }
  int width = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

// Appends `text` with every character made displayable and malformed UTF-8 replaced.
void AppendSanitized(std::string_view text, std::string& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    std::optional<char32_t> c = DecodeUtf8(text, &pos);
    AppendUtf8(c ? Displayable(*c) : kReplacement, &out);
  }
}

std::string Plural(size_t count, std::string_view noun) {
  std::string out = std::to_string(count);
  out += ' ';
  out += noun;
  if (count != 1) out += 's';
  return out;
}

class TextRenderer {
 public:
  TextRenderer(const SourceSet& sources, bool color) : sources_(sources), color_(color) {}

  void Render(const Diagnostic& d) {
    gutter_ = GutterWidth(d);
    const bool has_file = HasFile(d.location);
    if (has_file) {
      Location(d.location);
    } else {
      std::string path;
      AppendSanitized(d.path, path);
      Paint(kBold, path + ":");
    }
    out_ += ' ';
    const bool error = d.severity == Severity::kError;
    Paint(error ? kBoldRed : kBoldMagenta, error ? "error:" : "warning:");
    out_ += ' ';
    std::string message;
    AppendSanitized(d.message, message);
    message += " [";
    message += DiagnosticKindName(d.kind);
    message += ']';
    Paint(kBold, message);
    out_ += '\n';
    if (has_file) Snippet(d.location, d.length);
    for (std::string_view hint : d.hints) {
      size_t start = 0;
      while (start <= hint.size()) {
        size_t end = std::min(hint.find('\n', start), hint.size());
        out_.append(gutter_ + 1, ' ');
        out_ += "= ";
        Paint(kBold, "help:");
        out_ += ' ';
        AppendSanitized(hint.substr(start, end - start), out_);
        out_ += '\n';
        start = end + 1;
      }
    }
    for (const DiagnosticNote& note : d.notes) {
      bool located = note.location && HasFile(*note.location);
      if (located) {
        Location(*note.location);
        out_ += ' ';
      }
      Paint(kBoldCyan, "note:");
      out_ += ' ';
      AppendSanitized(note.message, out_);
      out_ += '\n';
      if (located) Snippet(*note.location, note.length);
    }
  }

  std::string Finish(size_t errors, size_t warnings) {
    if (errors > 0 && warnings > 0) {
      out_ += Plural(warnings, "warning") + " and " + Plural(errors, "error") + " generated.\n";
    } else if (errors > 0) {
      out_ += Plural(errors, "error") + " generated.\n";
    } else if (warnings > 0) {
      out_ += Plural(warnings, "warning") + " generated.\n";
    }
    return std::move(out_);
  }

 private:
  bool HasFile(const SourceLocation& location) const {
    return location.file != kNoFile && location.file.value < sources_.size();
  }

  // Wide enough for the largest line number shown, with at least one space before it, and at
  // least 5 so that the usual single diagnostic looks like clang's.
  size_t GutterWidth(const Diagnostic& d) const {
    uint32_t max_line = 0;
    auto consider = [&](const SourceLocation& location) {
      if (HasFile(location)) {
        max_line =
            std::max(max_line, sources_.file(location.file).LineColumnOf(location.offset).line);
      }
    };
    consider(d.location);
    for (const DiagnosticNote& note : d.notes) {
      if (note.location) consider(*note.location);
    }
    return std::max<size_t>(5, std::to_string(max_line).size() + 1);
  }

  void Paint(std::string_view style, std::string_view text) {
    if (color_) out_ += style;
    out_ += text;
    if (color_) out_ += kReset;
  }

  void Location(const SourceLocation& location) {
    const SourceFile& file = sources_.file(location.file);
    LineColumn lc = file.LineColumnOf(location.offset);
    std::string text;
    AppendSanitized(file.path(), text);
    text += ':' + std::to_string(lc.line) + ':' + std::to_string(lc.column) + ':';
    Paint(kBold, text);
  }

  // The source line and, under it, a caret run from the location over `length` bytes.
  void Snippet(const SourceLocation& location, uint32_t length) {
    const SourceFile& file = sources_.file(location.file);
    const uint32_t offset = std::min<uint32_t>(location.offset, file.text().size());
    const uint32_t line_number = file.LineColumnOf(offset).line;
    const std::string_view line = file.Line(line_number);
    // Line() views into the file's text, so the location's byte index in the line is a
    // difference of pointers; clamp it in case the location sits on the line terminator.
    const size_t begin = std::min<size_t>(offset - (line.data() - file.text().data()), line.size());
    const size_t end = std::min<size_t>(begin + std::max<uint32_t>(length, 1), line.size());

    std::string number = std::to_string(line_number);
    out_.append(gutter_ - number.size(), ' ');
    out_ += number;
    out_ += " | ";
    AppendSanitized(line, out_);
    out_ += '\n';

    out_.append(gutter_ + 1, ' ');
    out_ += '|';
    std::string marks = " ";
    size_t pos = 0;
    while (pos < begin) {
      std::optional<char32_t> c = DecodeUtf8(line, &pos);
      char32_t shown = c ? Displayable(*c) : kReplacement;
      if (shown == '\t') {
        marks += '\t';
      } else {
        marks.append(CellWidth(shown), ' ');
      }
    }
    std::string run;
    while (pos < end) {
      std::optional<char32_t> c = DecodeUtf8(line, &pos);
      run.append(CellWidth(c ? Displayable(*c) : kReplacement), '~');
    }
    if (run.empty()) run = "~";
    run[0] = '^';
    out_ += marks;
    Paint(kBoldGreen, run);
    out_ += '\n';
  }

  const SourceSet& sources_;
  const bool color_;
  size_t gutter_ = 5;
  std::string out_;
};

void AppendJsonString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t pos = 0;
  while (pos < text.size()) {
    std::optional<char32_t> c = DecodeUtf8(text, &pos);
    if (!c) {
      AppendUtf8(kReplacement, &out);
      continue;
    }
    switch (*c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (*c < 0x20) {
          out += "\\u00";
          out += kHex[*c >> 4];
          out += kHex[*c & 0xF];
        } else {
          AppendUtf8(*c, &out);
        }
    }
  }
  out += '"';
}

}  // namespace

std::string RenderText(const std::vector<Diagnostic>& diagnostics, const SourceSet& sources,
                       bool color) {
  TextRenderer renderer(sources, color);
  size_t errors = 0;
  size_t warnings = 0;
  for (const Diagnostic& diagnostic : diagnostics) {
    renderer.Render(diagnostic);
    (diagnostic.severity == Severity::kError ? errors : warnings) += 1;
  }
  return renderer.Finish(errors, warnings);
}

std::string RenderJson(bool valid, const std::vector<Diagnostic>& diagnostics,
                       const SourceSet& sources) {
  std::string out = "{\"valid\": ";
  out += valid ? "true" : "false";
  out += ", \"errors\": [";
  bool first = true;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kError) continue;
    if (!first) out += ", ";
    first = false;
    LineColumn lc{0, 0};
    if (d.location.file != kNoFile && d.location.file.value < sources.size()) {
      lc = sources.file(d.location.file).LineColumnOf(d.location.offset);
    }
    out += "{\"path\": ";
    AppendJsonString(DiagnosticPath(d, sources), out);
    out += ", \"line\": " + std::to_string(lc.line);
    out += ", \"column\": " + std::to_string(lc.column);
    out += ", \"message\": ";
    AppendJsonString(d.message, out);
    out += ", \"kind\": ";
    AppendJsonString(DiagnosticKindName(d.kind), out);
    out += '}';
  }
  out += "]}";
  return out;
}

bool ShouldUseColor(int fd) {
  if (!isatty(fd)) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::string_view(term) != "dumb";
}

}  // namespace osprey::frontend
