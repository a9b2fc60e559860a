// --help as people read it: each option with its value's name, no CLI11
// type noise, descriptions wrapped under 80 columns.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

namespace winnow::index {

/// CLI11's formatter with two changes: an option's value shows as the name
/// given with option_text ("--db DIR"), or VALUE, with "..." when it may be
/// repeated, never as CLI11's type, default and range ("TEXT:UINT in [0 -
/// 1000000]=10"); and descriptions wrap at 79 columns, under their column.
class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter();
  std::string make_option_opts(const CLI::Option* option) const override;
  std::string make_option(const CLI::Option* option, bool is_positional) const override;
};

/// Gives `app` the HelpFormatter and a footer, wrapped like the rest.
void use_help_formatter(CLI::App& app, const std::string& footer);

}  // namespace winnow::index
