// GNU gettext message catalogues (.mo files), read directly: the catalogue
// of one language is wanted, and gettext(3) would need that language's locale
// installed and set for the whole process.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

namespace winnow::filters::detail {

/// The translations of a .mo file: each message's msgid -> its msgstr.
/// Messages with a context, the header (empty msgid) and empty translations
/// are left out; of a plural message, its singular forms. A missing, corrupt
/// or implausibly large file gives none.
[[nodiscard]] std::unordered_map<std::string, std::string> read_message_catalogue(const std::filesystem::path& file);

}  // namespace winnow::filters::detail
