// What both programs show users: paths relative to where they stand, text safe for a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow::index {

/// The path relative to the current folder when the file is under it, else as given.
[[nodiscard]] std::string display_path(const std::string& absolute_path);

/// Text from data (file names, --db values, titles, snippets, names, error
/// messages) made safe to print: nothing in it can drive the terminal or
/// reorder what is shown. Tab, newline and carriage return become a space;
/// other C0 controls, DEL and bytes that are not UTF-8 are shown as \xHH
/// (an ESC as \x1b, a raw 0x9b as \x9b); C1 controls and bidi controls
/// (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) as \uHHHH.
/// Escaped rather than dropped, so a file's name can still be found. Text
/// with none of them is returned as it is; applying it twice changes nothing.
[[nodiscard]] std::string terminal_safe(std::string_view text);

/// Text filled at its spaces into lines of at most `width` columns, the
/// first starting at column `first_column` (the caller has written what
/// comes before it), the rest indented by `indent` spaces; runs of spaces
/// become one. A column is a code point; colour escapes ("\x1b[...m") take
/// none. A word longer than a line stands on a line of its own.
[[nodiscard]] std::string wrap_at_spaces(std::string_view text, std::size_t width, std::size_t first_column,
                                         std::size_t indent);

/// JSON text (valid UTF-8, as nlohmann's dump with the replace handler writes
/// it) with DEL, C1 and bidi controls written as \uHHHH escapes: the same
/// JSON to a parser, nothing raw on a terminal. Outside strings JSON has none.
[[nodiscard]] std::string json_terminal_safe(std::string json);

}  // namespace winnow::index
