// --help as people read it (help.hpp).
#include "winnow/index/help.hpp"

#include <sstream>
#include <string_view>

#include "winnow/index/display.hpp"

namespace winnow::index {
namespace {

constexpr std::size_t line_width = 79;
constexpr std::size_t name_column = 26;  // the names' column; descriptions start two after

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
  return name + wrap_at_spaces(description, line_width, indent, indent) + '\n';
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
    text += std::string(indent, ' ') + wrap_at_spaces(line.substr(indent), line_width, indent, indent + 4) + '\n';
  }
  app.footer(text);
}

}  // namespace winnow::index
