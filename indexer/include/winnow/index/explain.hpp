// --explain: what the filter decided for each segment of a file, as text or JSON.
#pragma once

#include <string>

#include "winnow/index/prepare.hpp"

namespace winnow::index {

/// Human-readable: one line per segment (line, label, score, text, reasons), then the actors and
/// places (name, number of mentions, the names used), title and date;
/// safe to write to a terminal.
[[nodiscard]] std::string explain_text(const PreparedDocument& document, const std::string& shown_path);

/// One JSON object in the contract's explain shape, on one line.
[[nodiscard]] std::string explain_json(const PreparedDocument& document, const std::string& shown_path);

}  // namespace winnow::index
