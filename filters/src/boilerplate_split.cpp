// Boilerplate classifier: splits furniture glued onto content inside one line (credits, markers, buttons, crumbs).
#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

#include "boilerplate_internal.hpp"

namespace winnow::filters::detail {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool starts_capital(std::string_view s) {
  return !s.empty() && (std::isupper(static_cast<unsigned char>(s[0])) != 0 ||
                        static_cast<unsigned char>(s[0]) >= 0xC3 || s[0] == '"' || s[0] == '\'');
}

Unit make_unit(int line, std::string_view text, bool forced, std::string_view reason) {
  Unit unit;
  unit.segment.line = line;
  unit.segment.text = std::string(trim_spaces(text));
  unit.forced = forced;
  unit.forced_reason = std::string(reason);
  return unit;
}

// Splits `unit` at byte `at`: the head becomes forced furniture, the tail stays
// to be classified. Returns false when the tail is too short to be content.
bool split_off_head(const Unit& unit, std::size_t at, std::string_view reason,
                    std::vector<Unit>& out, int min_tail_words) {
  const std::string_view text = unit.segment.text;
  const std::string_view tail = trim_spaces(text.substr(at));
  if (count_words(tail) < min_tail_words || !starts_capital(tail)) return false;
  out.push_back(make_unit(unit.segment.line, text.substr(0, at), true, reason));
  out.push_back(make_unit(unit.segment.line, tail, false, ""));
  return true;
}

// Length of the run of button words at the start of text, when a verb opens it.
std::size_t button_run_length(std::string_view text, const BoilerplateLexicon& lexicon) {
  std::size_t end = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t stop = std::min(text.find(' ', i), text.size());
    std::string word(text.substr(i, stop - i));
    for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!lexicon.is_button_word(word) || (end == 0 && !lexicon.is_button_verb(word))) break;
    end = stop;
    i = stop + 1;
  }
  return end;
}

std::size_t last_crumb_separator_end(std::string_view text) {
  constexpr std::string_view separators[] = {" / ", " \xC2\xBB ", " \xE2\x80\xBA ", " > "};
  int count = 0;
  std::size_t last_end = 0;
  for (const auto sep : separators)
    for (auto at = text.find(sep); at != std::string_view::npos; at = text.find(sep, at + 1)) {
      ++count;
      last_end = std::max(last_end, at + sep.size());
    }
  return count >= 2 ? last_end : 0;
}

// End of a dateline opening a paragraph ("LAGOS, Nigeria, June 4, 2024 /PR
// Wire/ -- ", "NAIROBI (Reuters) - "): a capitalised place, at most twelve
// words, then a dash; 0 when there is none.
std::size_t dateline_length(std::string_view text) {
  std::size_t caps = 0;
  while (caps < text.size() && std::isupper(static_cast<unsigned char>(text[caps])) != 0) ++caps;
  const std::string_view rest = text.substr(caps);
  if (caps < 3 || !(rest.starts_with(",") || rest.starts_with(" ("))) return 0;
  constexpr std::string_view dashes[] = {" -- ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - "};
  for (const auto dash : dashes) {
    const std::size_t at = text.find(dash);
    if (at == std::string_view::npos) continue;
    const std::string_view head = text.substr(0, at);
    // A date or an agency in brackets tells a dateline from a list of names.
    const bool dated = head.find_first_of("0123456789(") != std::string_view::npos;
    if (dated && count_words(head) <= 12) return at + dash.size();
  }
  return 0;
}

// Where a credit or the last crumb ends: the longest opening run of name
// words after which a capitalised word starts the rest ("Ghana | Fishermen on
// Lake Volta ...", "East Africa | A year after ...").
std::size_t name_end(std::string_view text, const BoilerplateLexicon& lexicon) {
  const std::size_t run = name_run_length(text, lexicon);
  for (std::size_t end = run; end > 0;) {
    const std::string_view rest = trim_spaces(text.substr(end));
    if (rest.empty() || starts_capital(rest)) return end;
    end = text.rfind(' ', end - 1);
    if (end == std::string_view::npos) break;
  }
  return run;
}

// Splits one unit; appends the pieces to out. `first` is the line's first unit.
void split_unit(const Unit& unit, bool first, bool after_notice, const BoilerplateLexicon& lexicon,
                std::vector<Unit>& out) {
  const std::string_view text = unit.segment.text;
  if (first && after_notice) {
    const std::size_t run = button_run_length(text, lexicon);
    if (run == text.size()) {
      out.push_back(make_unit(unit.segment.line, text, true, "buttons after a consent notice"));
      return;
    }
    if (run > 0 && split_off_head(unit, run, "buttons after a consent notice", out, 1)) return;
  }
  const std::size_t space = text.find(' ');
  if (space != std::string_view::npos && lexicon.is_ad_marker(text.substr(0, space)) &&
      split_off_head(unit, space, "ad marker glued to content", out, 4))
    return;
  if (const std::size_t dateline = first ? dateline_length(text) : 0;
      dateline > 0 && split_off_head(unit, dateline, "dateline", out, 4))
    return;
  if (const std::size_t label = lexicon.credit_label_length(text); label > 0) {
    const std::size_t credit = label + 1 + name_end(trim_spaces(text.substr(label)), lexicon);
    if (credit < text.size() && split_off_head(unit, credit, "photo credit", out, 4)) return;
    out.push_back(make_unit(unit.segment.line, text, true, "photo credit"));
    return;
  }
  if (const std::size_t crumbs = first ? last_crumb_separator_end(text) : 0; crumbs > 0) {
    const std::size_t name = crumbs + name_end(text.substr(crumbs), lexicon);
    if (split_off_head(unit, name, "breadcrumb before a headline", out, 4)) return;
  }
  out.push_back(unit);
}

}  // namespace

std::vector<Unit> split_line(const std::vector<Segment>& line_segments, bool after_notice,
                             const BoilerplateLexicon& lexicon) {
  std::vector<Unit> out;
  for (std::size_t i = 0; i < line_segments.size(); ++i) {
    Unit unit;
    unit.segment = line_segments[i];
    const std::size_t before = out.size();
    split_unit(unit, i == 0, after_notice, lexicon, out);
    // A caption is the text before its credit on the same line.
    const bool credit = out.size() > before && out[before].forced_reason == "photo credit";
    if (credit)
      for (std::size_t j = 0; j < before; ++j)
        if (!out[j].forced) {
          out[j].forced = true;
          out[j].forced_reason = "caption before a credit";
        }
  }
  return out;
}

}  // namespace winnow::filters::detail
