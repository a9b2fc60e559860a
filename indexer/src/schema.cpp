// The index schema's helpers: unique id terms and hashes.
#include "winnow/index/schema.hpp"

#include <cstdio>
#include <map>

#include <unicode/uversion.h>
#include <xapian.h>

#include "winnow/filters/hash.hpp"

namespace winnow::index::schema {

std::string version_line(std::string_view program) {
  // Xapian's version is the library's at run time; ICU's the one built in.
  return std::string(program) + " " WINNOW_VERSION " (Xapian " + Xapian::version_string() + ", ICU " U_ICU_VERSION
         ", index schema " + std::string(version) + ")";
}

std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::string unique_id_term(std::string_view absolute_path) {
  std::string term(unique_id_prefix);
  if (term.size() + absolute_path.size() <= max_term_bytes) {
    term += absolute_path;
    return term;
  }
  // Keep a readable head of the path and make it unique with the whole path's hash.
  const std::string hash = hex64(filters::hash64(absolute_path));
  term += absolute_path.substr(0, max_term_bytes - term.size() - hash.size() - 1);
  term += '#';
  term += hash;
  return term;
}

const Xapian::Stem& stemmer_for(std::string_view language) {
  thread_local std::map<std::string, Xapian::Stem, std::less<>> stemmers;
  auto found = stemmers.find(language);
  if (found == stemmers.end()) {
    Xapian::Stem stemmer("none");
    try {
      if (!language.empty()) stemmer = Xapian::Stem(std::string(language));
    } catch (const Xapian::InvalidArgumentError&) {
      // No stemmer for this language: its words are indexed as they are.
    }
    found = stemmers.emplace(std::string(language), std::move(stemmer)).first;
  }
  return found->second;
}

}  // namespace winnow::index::schema
