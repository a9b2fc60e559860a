// --help as people read it (help.hpp).
#include "winnow/index/help.hpp"

#include <sstream>
#include <string_view>

namespace winnow::index {
namespace {

constexpr std::size_t line_width = 79;
constexpr std::size_t name_column = 26;  // the names' column; descriptions start two after

// Words of `text` filled into lines of at most `width` columns after
// `indent` spaces (the first line's indent is the caller's).
std::string wrapped(std::string_view text, std::size_t first_column, std::size_t indent) {
  std::string out;
  std::size_t column = first_column;
  bool line_start = true;
  while (!text.empty()) {
    const std::size_t space = text.find_first_not_of(' ');
    if (space == std::string_view::npos) break;
    text.remove_prefix(space);
    const std::size_t end = std::min(text.find(' '), text.size());
    const std::string_view word = text.substr(0, end);
    text.remove_prefix(end);
    if (!line_start && column + 1 + word.size() > line_width) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();  // bytes: close enough for the ASCII of help texts
    line_start = false;
  }
  return out;
}

}  // namespace

HelpFormatter::HelpFormatter() { column_width(name_column); }

std::string HelpFormatter::make_option_opts(const CLI::Option* option) const {
  if (option->get_items_expected_max() == 0) return {};  // a flag
  const bool repeated = option->get_expected_max() == CLI::detail::expected_max_vector_size;
  // A positional's name is its value's ("QUERY ...").
  if (option->get_positional()) return repeated ? " ..." : "";
  std::string out = " " + (option->get_option_text().empty() ? std::string("VALUE") : option->get_option_text());
  if (repeated) out += " ...";
  return out;
}

std::string HelpFormatter::make_option(const CLI::Option* option, bool is_positional) const {
  std::string name = "  " + make_option_name(option, is_positional) + make_option_opts(option);
  const std::string description = make_option_desc(option);
  const std::size_t indent = name_column + 2;
  if (name.size() + 2 > indent) {
    name += '\n' + std::string(indent, ' ');
  } else {
    name += std::string(indent - name.size(), ' ');
  }
  return name + wrapped(description, indent, indent) + '\n';
}

void use_help_formatter(CLI::App& app, const std::string& footer) {
  app.formatter(std::make_shared<HelpFormatter>());
  // Each line of the footer a paragraph of its own; a leading space keeps
  // its indent ("  0  something matched").
  std::string text;
  std::string_view rest = footer;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
    text += std::string(indent, ' ') + wrapped(line.substr(indent), indent, indent + 4) + '\n';
  }
  app.footer(text);
}

}  // namespace winnow::index
