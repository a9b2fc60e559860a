// Per-language data: word lists, cues and patterns kept as files, one folder per language.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace winnow::filters {

/// The folder that holds one subfolder per language (filters/lang in the
/// source tree; share/winnow/lang once installed). In order:
/// $WINNOW_LANG_DIR when it is set and not empty; share/winnow/lang beside
/// the running program's bin folder, when it exists; the source tree's
/// filters/lang, for a build that is not installed.
[[nodiscard]] const std::filesystem::path& language_data_folder();

/// One language's lists, each read from FOLDER/CODE/NAME.txt the first time
/// it is asked for and kept for the life of the process. A list file is
/// UTF-8 text, one entry per line; spaces around an entry are dropped, and
/// empty lines and lines starting with "#" are skipped. A missing file is an
/// empty list: a language is whatever files its folder holds.
/// Safe to use from several threads; the references stay valid.
class LanguageData {
 public:
  explicit LanguageData(std::string code);
  LanguageData(const LanguageData&) = delete;
  LanguageData& operator=(const LanguageData&) = delete;
  ~LanguageData();

  [[nodiscard]] const std::string& code() const { return code_; }
  /// The entries of NAME.txt, in file order.
  [[nodiscard]] const std::vector<std::string>& list(std::string_view name) const;
  /// The same entries as a set, for look-ups of words spelled as in the file.
  [[nodiscard]] const std::unordered_set<std::string>& set(std::string_view name) const;

 private:
  struct Lists;
  std::string code_;
  Lists* lists_;
};

/// The data of language CODE (an ISO 639-1 code, or the name of any folder
/// under language_data_folder()), loaded lazily; a language without a folder
/// has only empty lists.
[[nodiscard]] const LanguageData& language_data(std::string_view code);

/// Whether language_data_folder() holds winnow's data: English's stop words
/// at least, which every page is read with.
[[nodiscard]] bool language_data_found();

/// The languages that have a folder, sorted.
[[nodiscard]] std::vector<std::string> data_languages();

}  // namespace winnow::filters
