// Per-language data files: found once, each list read on first use and kept.
#include "winnow/filters/language_data.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>

namespace winnow::filters {
namespace {

std::filesystem::path find_data_folder() {
  if (const char* chosen = std::getenv("WINNOW_LANG_DIR"); chosen != nullptr && *chosen != '\0') return chosen;
  std::error_code error;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::filesystem::path installed =
        (program.parent_path() / WINNOW_LANG_FROM_BINDIR).lexically_normal();
    if (std::filesystem::is_directory(installed, error)) return installed;
  }
  return WINNOW_LANG_SOURCE_DIR;
}

std::string_view trimmed(std::string_view line) {
  constexpr std::string_view space = " \t\r";
  const std::size_t start = line.find_first_not_of(space);
  if (start == std::string_view::npos) return {};
  return line.substr(start, line.find_last_not_of(space) - start + 1);
}

std::vector<std::string> read_list(const std::filesystem::path& file) {
  std::vector<std::string> entries;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view entry = trimmed(line);
    if (entry.empty() || entry.front() == '#') continue;
    entries.emplace_back(entry);
  }
  return entries;
}

}  // namespace

const std::filesystem::path& language_data_folder() {
  static const std::filesystem::path folder = find_data_folder();
  return folder;
}

struct LanguageData::Lists {
  struct List {
    std::vector<std::string> entries;
    std::unordered_set<std::string> set;
  };
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<List>, std::less<>> by_name;

  const List& get(const std::string& code, std::string_view name) {
    const std::lock_guard lock(mutex);
    auto found = by_name.find(name);
    if (found == by_name.end()) {
      auto list = std::make_unique<List>();
      list->entries = read_list(language_data_folder() / code / (std::string(name) + ".txt"));
      list->set.insert(list->entries.begin(), list->entries.end());
      found = by_name.emplace(std::string(name), std::move(list)).first;
    }
    return *found->second;
  }
};

LanguageData::LanguageData(std::string code) : code_(std::move(code)), lists_(new Lists) {}
LanguageData::~LanguageData() { delete lists_; }

const std::vector<std::string>& LanguageData::list(std::string_view name) const {
  return lists_->get(code_, name).entries;
}

const std::unordered_set<std::string>& LanguageData::set(std::string_view name) const {
  return lists_->get(code_, name).set;
}

const LanguageData& language_data(std::string_view code) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<LanguageData>, std::less<>> languages;
  const std::lock_guard lock(mutex);
  auto found = languages.find(code);
  if (found == languages.end()) {
    found = languages.emplace(std::string(code), std::make_unique<LanguageData>(std::string(code))).first;
  }
  return *found->second;
}

std::vector<std::string> data_languages() {
  std::vector<std::string> codes;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(language_data_folder(), error)) {
    if (entry.is_directory(error)) codes.push_back(entry.path().filename().string());
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

}  // namespace winnow::filters
