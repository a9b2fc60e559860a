// Per-language data: word lists, cues and patterns kept as files, one folder per language.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <span>
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

/// The one T built from a set of languages (in any order, repeats allowed):
/// made with T(sorted codes) the first time the set is asked for, kept for
/// the life of the process. Thread-safe; the reference stays valid. For the
/// tables several lists make together (a classifier's lexicon, a date pattern).
template <class T>
[[nodiscard]] const T& for_languages(std::span<const std::string> languages) {
  std::vector<std::string> key(languages.begin(), languages.end());
  std::sort(key.begin(), key.end());
  key.erase(std::unique(key.begin(), key.end()), key.end());
  static std::mutex mutex;
  static std::map<std::vector<std::string>, std::unique_ptr<T>> built;
  const std::lock_guard lock(mutex);
  auto found = built.find(key);
  if (found == built.end()) found = built.emplace(key, std::make_unique<T>(key)).first;
  return *found->second;
}

}  // namespace winnow::filters
