// Boilerplate classifier: the lexicon of furniture cues and the cue families, matched in one pass over the words.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <iterator>
#include <span>
#include <unordered_map>
#include <utility>

#include "boilerplate_internal.hpp"

namespace winnow::filters::detail {
namespace {

constexpr double strong = 1.0;
constexpr double medium = 0.5;
constexpr double weak = 0.25;

/// Where a cue must sit: anywhere, opening the text, or filling it (the cue
/// plus at most two words: "Subscribe now", "Comment *").
enum class Scope { anywhere, prefix, whole };

/// One lexicon entry; phrases are word_string() form, padded with spaces.
struct Cue {
  std::string_view phrase;
  double strength;
  Scope scope;
  std::string_view reason;
};

using enum Scope;

// Phrases that furniture uses and article prose rarely does. Single common
// words only count as `whole` (a button) or `prefix` (a label), so an article
// ABOUT subscriptions or cookies keeps its sentences.
constexpr Cue lexicon[] = {
    {" we use cookies ", strong, anywhere, "cookie consent"},
    {" uses cookies ", strong, anywhere, "cookie consent"},
    {" accept all ", strong, anywhere, "cookie consent"},
    {" reject all ", strong, anywhere, "cookie consent"},
    {" allow all ", strong, anywhere, "cookie consent"},
    {" deny all ", strong, anywhere, "cookie consent"},
    {" cookie settings ", strong, anywhere, "cookie consent"},
    {" cookies settings ", strong, anywhere, "cookie consent"},
    {" cookie policy ", strong, anywhere, "cookie consent"},
    {" cookie consent ", medium, anywhere, "cookie consent"},
    {" necessary cookies ", strong, anywhere, "cookie consent"},
    {" manage my choices ", strong, anywhere, "cookie consent"},
    {" manage preferences ", strong, anywhere, "cookie consent"},
    {" manage consent ", strong, anywhere, "cookie consent"},
    {" confirm my choices ", strong, anywhere, "cookie consent"},
    {" always active ", strong, anywhere, "cookie consent"},
    {" allow selection ", strong, anywhere, "cookie consent"},
    {" keep browsing ", strong, anywhere, "cookie consent"},
    {" by staying on ", strong, anywhere, "cookie consent"},
    {" by continuing to ", strong, anywhere, "cookie consent"},
    {" improve your experience ", strong, anywhere, "cookie consent"},
    // The preference-centre preamble most consent platforms ship ("When you
    // visit any website, it may store or retrieve information on your
    // browser, mostly in the form of cookies").
    {" form of cookies ", strong, anywhere, "cookie consent"},
    {" on your browser ", medium, anywhere, "cookie consent"},
    {" through your browser ", medium, anywhere, "cookie consent"},
    {" visit our website ", medium, anywhere, "cookie consent"},
    {" visit any website ", medium, anywhere, "cookie consent"},
    {" privacy preference ", strong, anywhere, "privacy preferences"},
    {" privacy preferences ", strong, anywhere, "privacy preferences"},
    {" privacy settings ", strong, anywhere, "privacy preferences"},
    {" your privacy ", medium, anywhere, "privacy preferences"},
    {" your email address will not be published ", strong, anywhere, "comment section"},
    {" required fields are marked ", strong, anywhere, "comment section"},
    {" leave a reply ", strong, anywhere, "comment section"},
    {" leave a comment ", strong, anywhere, "comment section"},
    {" cancel reply ", strong, anywhere, "comment section"},
    {" post a comment ", strong, anywhere, "comment section"},
    {" comments are closed ", strong, anywhere, "comment section"},
    {" save my name ", strong, anywhere, "comment section"},
    {" join the discussion ", strong, anywhere, "comment section"},
    {" comment ", weak, anywhere, "comment section"},
    {" comments ", weak, anywhere, "comment section"},
    {" newsletter ", medium, anywhere, "newsletter or sign-up"},
    {" newsletters ", medium, anywhere, "newsletter or sign-up"},
    {" briefing ", medium, anywhere, "newsletter or sign-up"},
    {" enter your email ", strong, anywhere, "newsletter or sign-up"},
    {" your email ", medium, anywhere, "newsletter or sign-up"},
    {" sign up ", medium, anywhere, "newsletter or sign-up"},
    {" signing up ", strong, anywhere, "newsletter or sign-up"},
    {" subscribe ", medium, anywhere, "newsletter or sign-up"},
    {" unsubscribe ", strong, anywhere, "newsletter or sign-up"},
    {" in your inbox ", strong, anywhere, "newsletter or sign-up"},
    {" every weekday ", medium, anywhere, "newsletter or sign-up"},
    {" every morning ", medium, anywhere, "newsletter or sign-up"},
    {" never miss ", medium, anywhere, "newsletter or sign-up"},
    {" free preview ", strong, anywhere, "paywall"},
    {" already a subscriber ", strong, anywhere, "paywall"},
    {" unlimited access ", strong, anywhere, "paywall"},
    {" cancel anytime ", strong, anywhere, "paywall"},
    {" full access ", medium, anywhere, "paywall"},
    {" log in ", medium, anywhere, "paywall"},
    {" sign in ", medium, anywhere, "paywall"},
    {" share this ", strong, anywhere, "share or follow"},
    {" share on ", strong, anywhere, "share or follow"},
    {" follow us ", strong, anywhere, "share or follow"},
    {" like loading ", strong, anywhere, "share or follow"},
    {" copy link ", strong, anywhere, "share or follow"},
    {" download our ", strong, anywhere, "app prompt"},
    {" get the app ", strong, anywhere, "app prompt"},
    {" app store ", strong, anywhere, "app prompt"},
    {" google play ", strong, anywhere, "app prompt"},
    {" ios and android ", strong, anywhere, "app prompt"},
    {" all rights reserved ", strong, anywhere, "copyright"},
    {" some rights reserved ", strong, anywhere, "copyright"},
    {" copyright ", medium, anywhere, "copyright"},
    {" licensed ", weak, anywhere, "copyright"},
    {" powered by ", strong, anywhere, "publisher footer"},
    {" terms of use ", medium, anywhere, "publisher footer"},
    {" terms of service ", medium, anywhere, "publisher footer"},
    {" privacy notice ", medium, anywhere, "publisher footer"},
    {" privacy policy ", medium, anywhere, "publisher footer"},
    {" contact us ", medium, anywhere, "publisher footer"},
    {" about us ", medium, anywhere, "publisher footer"},
    {" advertise with us ", strong, anywhere, "publisher footer"},
    {" publishes ", medium, anywhere, "publisher blurb"},
    {" we publish ", medium, anywhere, "publisher blurb"},
    {" we seek to ", medium, anywhere, "publisher blurb"},
    {" is an independent ", medium, anywhere, "publisher blurb"},
    {" non profit ", medium, anywhere, "publisher blurb"},
    {" news organizations ", medium, anywhere, "publisher blurb"},
    {" news organisations ", medium, anywhere, "publisher blurb"},
    {" our reporters ", medium, anywhere, "publisher blurb"},
    {" our journalism ", medium, anywhere, "publisher blurb"},
    {" news service ", weak, anywhere, "publisher blurb"},
    {" publisher ", weak, anywhere, "publisher blurb"},
    {" first published ", strong, anywhere, "republication note"},
    {" originally published ", strong, anywhere, "republication note"},
    {" republished ", strong, anywhere, "republication note"},
    {" with permission ", medium, anywhere, "republication note"},
    {" reading time ", strong, anywhere, "reading time"},
    {" min read ", strong, anywhere, "reading time"},
    {" mins read ", strong, anywhere, "reading time"},
    {" minute read ", strong, anywhere, "reading time"},
    {" minutes read ", strong, anywhere, "reading time"},
    {" listen to this article ", strong, anywhere, "reading time"},
    {" posted by ", strong, anywhere, "byline"},
    {" written by ", strong, anywhere, "byline"},
    {" published ", weak, anywhere, "byline"},
    {" updated ", weak, anywhere, "byline"},
    {" story continues below ", strong, anywhere, "advertisement"},
    {" advertisement ", weak, anywhere, "advertisement"},
    {" skip to ", strong, anywhere, "navigation"},
    {" back to top ", strong, anywhere, "navigation"},
    {" scroll top ", strong, anywhere, "navigation"},
    {" scroll to top ", strong, anywhere, "navigation"},
    {" click here ", strong, anywhere, "navigation"},
    {" read more ", medium, anywhere, "related links"},
    {" also read ", medium, anywhere, "related links"},
    {" you may also like ", strong, anywhere, "related links"},
    {" don t miss ", strong, anywhere, "related links"},
    {" most read ", strong, anywhere, "related links"},
    {" most viewed ", strong, anywhere, "related links"},
    {" most popular ", strong, anywhere, "related links"},
    {" related posts ", strong, anywhere, "related links"},
    {" related articles ", strong, anywhere, "related links"},
    {" related coverage ", strong, anywhere, "related links"},
    // Labels that open a furniture line.
    {" read more ", strong, prefix, "related links"},
    {" also read ", strong, prefix, "related links"},
    {" related ", strong, prefix, "related links"},
    {" recommended ", strong, prefix, "related links"},
    {" more from ", strong, prefix, "related links"},
    {" see also ", strong, prefix, "related links"},
    {" watch ", medium, prefix, "related links"},
    {" tags ", strong, prefix, "tags and topics"},
    {" topics ", strong, prefix, "tags and topics"},
    {" filed under ", strong, prefix, "tags and topics"},
    {" by ", medium, prefix, "byline"},
    {" words ", medium, prefix, "byline"},
    {" photo ", strong, prefix, "caption credit"},
    {" photograph ", strong, prefix, "caption credit"},
    {" image ", strong, prefix, "caption credit"},
    {" picture ", strong, prefix, "caption credit"},
    {" credit ", strong, prefix, "caption credit"},
    {" copyright ", strong, prefix, "copyright"},
    {" advertisement ", strong, prefix, "advertisement"},
    {" sponsored ", strong, prefix, "advertisement"},
    {" home ", medium, prefix, "navigation"},
    // Buttons and form fields: the whole text is the cue.
    {" menu ", strong, whole, "navigation"},
    {" search ", strong, whole, "navigation"},
    {" home ", strong, whole, "navigation"},
    {" next ", strong, whole, "navigation"},
    {" previous ", strong, whole, "navigation"},
    {" accept ", strong, whole, "cookie consent"},
    {" deny ", strong, whole, "cookie consent"},
    {" reject ", strong, whole, "cookie consent"},
    {" agree ", strong, whole, "cookie consent"},
    {" allow ", strong, whole, "cookie consent"},
    {" got it ", strong, whole, "cookie consent"},
    {" learn more ", strong, whole, "cookie consent"},
    {" find out more ", strong, whole, "cookie consent"},
    {" show details ", strong, anywhere, "cookie consent"},
    {" view preferences ", strong, whole, "cookie consent"},
    {" subscribe ", strong, whole, "newsletter or sign-up"},
    {" sign up ", strong, whole, "newsletter or sign-up"},
    {" register ", strong, whole, "newsletter or sign-up"},
    {" email ", strong, whole, "comment section"},
    {" name ", strong, whole, "comment section"},
    {" website ", strong, whole, "comment section"},
    {" comment ", strong, whole, "comment section"},
    {" comments ", strong, whole, "comment section"},
    {" reply ", strong, whole, "comment section"},
    {" submit ", strong, whole, "comment section"},
    {" post comment ", strong, whole, "comment section"},
    {" share ", strong, whole, "share or follow"},
    {" like this ", strong, whole, "share or follow"},
    {" print ", strong, whole, "share or follow"},
    {" save ", strong, whole, "share or follow"},
    {" advertisement ", strong, whole, "advertisement"},
    {" ad ", strong, whole, "advertisement"},
    {" continue reading ", strong, whole, "related links"},
    {" load more ", strong, whole, "related links"},
};

constexpr std::string_view social_names[] = {
    " facebook ", " twitter ", " x ", " whatsapp ", " telegram ", " linkedin ", " email ",
    " pinterest ", " reddit ", " instagram ", " youtube ", " threads ", " bluesky ", " print "};

constexpr std::string_view months[] = {
    " january ", " february ", " march ", " april ", " may ", " june ", " july ", " august ",
    " september ", " october ", " november ", " december ", " jan ", " feb ", " mar ", " apr ",
    " jun ", " jul ", " aug ", " sep ", " sept ", " oct ", " nov ", " dec "};

// The vocabularies the cue families count: which of their phrases a text
// holds is found in the same pass over its words as the lexicon.
constexpr std::string_view cookie_words[] = {" cookie ", " cookies "};
constexpr std::string_view addressed[] = {" you ", " your ", " we ", " our ", " us "};
constexpr std::string_view choices[] = {
    " accept ", " allow ", " agree ", " consent ", " permission ", " settings ", " preferences ",
    " choose ", " refuse ", " reject ", " switch off ", " manage ", " browsing ", " experience ",
    " enable ", " block ", " blocking ", " opt "};
constexpr std::string_view embeds[] = {" content from ", " embedded ", " this content ",
                                       " this post ", " this video ", " external content "};
constexpr std::string_view gates[] = {" cookies ", " cookie ", " enable ", " allow ", " consent ",
                                      " tracking ", " loading ", " load "};
constexpr std::string_view reader[] = {" you ", " your "};
constexpr std::string_view privacy_terms[] = {
    " preferences ", " settings ", " partners ", " personalise ", " personalize ",
    " process data ", " personal data ", " consent ", " tracking ", " privacy ", " opt out "};
constexpr std::string_view beats[] = {
    " reporter ", " correspondent ", " editor ", " edits ", " journalist ", " columnist ",
    " covers ", " covering ", " writes about ", " reports on ", " fellow "};

enum Vocabulary : std::size_t {
  cookie_vocabulary, addressed_vocabulary, choice_vocabulary, embed_vocabulary, gate_vocabulary,
  reader_vocabulary, privacy_vocabulary, beat_vocabulary, social_vocabulary, month_vocabulary,
  vocabulary_count
};

// In Vocabulary order.
constexpr std::span<const std::string_view> vocabularies[] = {
    cookie_words, addressed, choices, embeds, gates, reader, privacy_terms, beats, social_names, months};
static_assert(std::size(vocabularies) == vocabulary_count);
static_assert(std::all_of(std::begin(vocabularies), std::end(vocabularies),
                          [](std::span<const std::string_view> v) { return v.size() <= 32; }),
              "PhrasesFound keeps one bit per phrase in 32 bits");

/// Which phrases of each vocabulary a text holds: bit i of bits[v] stands for
/// vocabularies[v][i].
struct PhrasesFound {
  std::array<std::uint32_t, vocabulary_count> bits{};
  /// How many phrases of the vocabulary the text holds.
  [[nodiscard]] int count(Vocabulary v) const { return std::popcount(bits[v]); }
  [[nodiscard]] bool any(Vocabulary v) const { return bits[v] != 0; }
};

int phrase_words(std::string_view phrase) {
  return static_cast<int>(std::count(phrase.begin(), phrase.end(), ' ')) - 1;
}

constexpr std::size_t lexicon_size = std::size(lexicon);

std::string_view first_word(std::string_view phrase) {
  return phrase.substr(1, phrase.find(' ', 1) - 1);
}

/// The lexicon cues and vocabulary phrases that open with one word.
struct FirstWordEntry {
  std::vector<std::size_t> cues;  ///< indexes into lexicon, in lexicon order
  std::vector<std::pair<Vocabulary, std::uint32_t>> phrases;  ///< vocabulary, index in it
};

/// The lexicon and the vocabularies indexed by first word, built once
/// (thread-safe static init, read-only after), so matching is one hash
/// lookup per word of the text instead of one scan of the text per phrase.
struct FirstWordIndex {
  std::unordered_map<std::string_view, FirstWordEntry, WordHash> entries;
  FirstByteAndLength summary;  ///< of the keys of entries

  FirstWordIndex() {
    for (std::size_t i = 0; i < lexicon_size; ++i) entries[first_word(lexicon[i].phrase)].cues.push_back(i);
    for (std::size_t v = 0; v < vocabulary_count; ++v)
      for (std::size_t i = 0; i < vocabularies[v].size(); ++i)
        entries[first_word(vocabularies[v][i])].phrases.emplace_back(static_cast<Vocabulary>(v),
                                                                    static_cast<std::uint32_t>(i));
    for (const auto& [word, entry] : entries) summary.add(word);
  }

  [[nodiscard]] const FirstWordEntry* find(std::string_view word) const {
    if (!summary.may_hold(word)) return nullptr;
    const auto found = entries.find(word);
    return found == entries.end() ? nullptr : &found->second;
  }
};

const FirstWordIndex& first_word_index() {
  static const FirstWordIndex index;
  return index;
}

bool cue_applies(const Cue& cue, std::size_t at, int word_count) {
  switch (cue.scope) {
    case anywhere: return true;
    case prefix: return at == 0;
    case whole: return at == 0 && word_count <= phrase_words(cue.phrase) + 2;
  }
  return false;
}

// Adds every lexicon cue found in `words` (each cue once, in the order they
// are found) and returns the vocabulary phrases it holds. A phrase starts
// with a space, and every space of `words` is visited, so a phrase is found
// exactly when `words` contains it.
PhrasesFound match_lexicon(std::string_view words, int word_count, CueResult& result) {
  const FirstWordIndex& index = first_word_index();
  std::array<bool, lexicon_size> seen{};
  PhrasesFound phrases;
  for (std::size_t at = 0; at + 1 < words.size();) {
    const std::size_t end = words.find(' ', at + 1);
    if (const FirstWordEntry* found = index.find(words.substr(at + 1, end - at - 1))) {
      for (const std::size_t i : found->cues) {
        const Cue& cue = lexicon[i];
        if (seen[i] || words.compare(at, cue.phrase.size(), cue.phrase) != 0) continue;
        if (!cue_applies(cue, at, word_count)) continue;
        seen[i] = true;
        result.add(cue.strength, cue.reason);
      }
      for (const auto& [vocabulary, i] : found->phrases) {
        const std::string_view phrase = vocabularies[vocabulary][i];
        if (words.compare(at, phrase.size(), phrase) == 0) phrases.bits[vocabulary] |= std::uint32_t{1} << i;
      }
    }
    at = end;
  }
  return phrases;
}

// Cookie banners in any wording: cookies + the reader addressed + a choice.
bool cookie_family(const PhrasesFound& found) {
  return found.any(cookie_vocabulary) && found.any(addressed_vocabulary) && found.any(choice_vocabulary);
}

// Embedded-post notices: the post is hidden until the reader allows it.
bool embed_family(const PhrasesFound& found) {
  return found.any(embed_vocabulary) && found.any(gate_vocabulary);
}

// Privacy panels without the word cookie: the reader addressed, and the
// vocabulary of data processing and settings.
bool privacy_family(const PhrasesFound& found) {
  return found.any(reader_vocabulary) && found.count(privacy_vocabulary) >= 2;
}

// "Jane Doe covers markets for ...", "Jane Doe is the Review's Brussels correspondent".
bool author_bio(std::string_view raw, const PhrasesFound& found) {
  constexpr std::string_view verbs[] = {" is ", " covers ", " reports ", " writes ", " edits ",
                                         " was ", " has ", " joined ", " leads ", " works "};
  const std::size_t name = name_run_length(raw);
  if (name == 0 || std::count(raw.begin(), raw.begin() + static_cast<long>(name), ' ') < 1) return false;
  const std::string after = word_string(raw.substr(name));
  const bool verb_follows = std::any_of(std::begin(verbs), std::end(verbs),
                                        [&](std::string_view v) { return after.starts_with(v); });
  return verb_follows && found.any(beat_vocabulary);
}

// A date alone ("July 1, 2023") or in a byline of separated parts
// ("Jane Doe | Technology Editor | 1 August 2024").
bool dated_line(std::string_view words, const PhrasesFound& found, const Features& f) {
  const bool byline_shape = f.words <= 6 || (f.separators >= 1 && f.words <= 14 && !f.sentence_end);
  return byline_shape && found.any(month_vocabulary) &&
         std::any_of(words.begin(), words.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void CueResult::add(double strength, std::string_view reason) {
  weight += strength;
  const std::string text = "cue: " + std::string(reason);
  if (std::find(reasons.begin(), reasons.end(), text) == reasons.end()) reasons.push_back(text);
}

CueResult match_cues(std::string_view raw, std::string_view words, const Features& features) {
  CueResult result;
  const PhrasesFound found = match_lexicon(words, features.words, result);
  if (cookie_family(found)) {
    result.add(strong, "cookie consent");
    result.notice = true;
  }
  if (privacy_family(found)) result.add(strong, "privacy preferences");
  if (embed_family(found)) {
    result.add(strong, "social embed");
    result.notice = true;
  }
  if (features.words <= 12 && found.count(social_vocabulary) >= 2) result.add(strong, "share or follow");
  if (author_bio(raw, found)) result.add(medium + weak, "author bio");
  if (dated_line(words, found, features)) result.add(medium, "byline");
  if (features.has_address) result.add(weak, "address");
  return result;
}

}  // namespace winnow::filters::detail
