// Per-language data files: found once, each list read on first use and kept.
#include "winnow/filters/language_data.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace winnow::filters {
namespace {

// With readlink(2) and stat(2): each search finds the folder once, and
// std::filesystem's normalising and probing cost it several times more.
std::filesystem::path find_data_folder() {
  if (const char* chosen = std::getenv("WINNOW_LANG_DIR"); chosen != nullptr && *chosen != '\0') return chosen;
  char program[4096];
  const ssize_t length = ::readlink("/proc/self/exe", program, sizeof program - 1);
  if (length > 0) {
    std::string installed(program, static_cast<std::size_t>(length));
    installed.resize(installed.rfind('/') + 1);  // the program's folder, with its slash
    installed += WINNOW_LANG_FROM_BINDIR;
    struct stat status {};
    if (::stat(installed.c_str(), &status) == 0 && S_ISDIR(status.st_mode)) return installed;
  }
  return WINNOW_LANG_SOURCE_DIR;
}

std::string_view trimmed(std::string_view line) {
  constexpr std::string_view space = " \t\r";
  const std::size_t start = line.find_first_not_of(space);
  if (start == std::string_view::npos) return {};
  return line.substr(start, line.find_last_not_of(space) - start + 1);
}

// With open(2), not a stream: a search reads its language's lists at each
// start, and constructing an ifstream (its locale) cost more than the rest.
std::vector<std::string> read_list(const std::filesystem::path& file) {
  std::vector<std::string> entries;
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return entries;  // no such list: an empty one
  std::string text;
  char buffer[4096];
  for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(got));
  ::close(fd);
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string_view entry = trimmed(std::string_view(text).substr(at, end - at));
    if (!entry.empty() && entry.front() != '#') entries.emplace_back(entry);
    at = end + 1;
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

bool language_data_found() {
  const std::filesystem::path english = language_data_folder() / "en" / "stopwords.txt";
  return ::access(english.c_str(), R_OK) == 0;
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
