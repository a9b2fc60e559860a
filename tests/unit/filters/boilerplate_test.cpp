// Unit tests for the boilerplate classifier: one case per kind of furniture, plus what must survive.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "winnow/filters/boilerplate.hpp"
#include "winnow/filters/segment.hpp"

using winnow::filters::ClassifyContext;
using winnow::filters::classify;
using winnow::filters::Label;
using winnow::filters::Segment;
using winnow::filters::segment;
using winnow::filters::segment_fingerprint;

namespace {

// A realistic article body with a headline; furniture is put before and after it.
const std::string headline = "Fishermen on Lake Volta count the cost of a dry season";
const std::string body =
    "Catches on the northern arm of Lake Volta have fallen by almost half this year, according "
    "to the fisheries commission, after the rains arrived late and the water retreated from the "
    "landing beaches where most of the boats are kept.\n\n"
    "Traders in Yeji said prices for smoked tilapia had doubled since March, and that buyers "
    "from Kumasi and Tamale were now travelling further north to find fish at all.\n\n"
    "The commission has asked the government to extend the closed season next year so that "
    "stocks can recover, a proposal that many fishing families say they cannot afford.\n\n"
    "Officials say a decision will follow the next survey of the lake in November, when boats "
    "from the research station return from their annual count.\n";

std::vector<Segment> classified(const std::string& head, const std::string& tail,
                                const ClassifyContext& context = {}) {
  return classify(segment(head + "\n\n" + headline + "\n\n" + body + "\n" + tail), context);
}

// The label of the segment holding `needle`; fails the test when none does.
Label label_of(const std::vector<Segment>& segs, const std::string& needle) {
  for (const auto& s : segs)
    if (s.text.find(needle) != std::string::npos) return s.label;
  FAIL("no segment holds: " << needle);
  return Label::content;
}

bool body_kept(const std::vector<Segment>& segs) {
  return label_of(segs, "Fishermen on Lake Volta") == Label::content &&
         label_of(segs, "Catches on the northern arm") == Label::content &&
         label_of(segs, "Traders in Yeji") == Label::content &&
         label_of(segs, "Officials say a decision") == Label::content;
}

bool has_reason(const std::vector<Segment>& segs, const std::string& needle, const std::string& reason) {
  for (const auto& s : segs)
    if (s.text.find(needle) != std::string::npos)
      for (const auto& r : s.reasons)
        if (r.find(reason) != std::string::npos) return true;
  return false;
}

// A page in its languages, the lines of it that are content and those that are furniture.
struct Page {
  std::vector<std::string> languages;
  std::string text;
  std::vector<std::string> content;
  std::vector<std::string> furniture;
};

void check_pages(const std::vector<Page>& pages) {
  for (const auto& page : pages) {
    ClassifyContext context;
    context.languages = page.languages;
    const auto segs = classify(segment(page.text), context);
    for (const auto& line : page.content) {
      INFO("content: " << line);
      CHECK(label_of(segs, line) == Label::content);
    }
    for (const auto& line : page.furniture) {
      INFO("furniture: " << line);
      CHECK(label_of(segs, line) == Label::boilerplate);
    }
  }
}

}  // namespace

TEST_CASE("cookie banners and their buttons are boilerplate", "[boilerplate]") {
  const auto segs = classified(
      "This website stores cookies on your computer so we can remember you and understand how "
      "readers use our pages. Click Agree to consent or Settings to choose which ones we set.\n"
      "Agree\nSettings\nDecline all",
      "");
  CHECK(label_of(segs, "stores cookies") == Label::boilerplate);
  CHECK(label_of(segs, "Agree") == Label::boilerplate);
  CHECK(label_of(segs, "Decline all") == Label::boilerplate);
  CHECK(has_reason(segs, "stores cookies", "cue: cookie consent"));
  CHECK(body_kept(segs));
}

TEST_CASE("privacy-preference panels are boilerplate", "[boilerplate]") {
  const auto segs = classified("",
                               "Manage Privacy Preferences\n"
                               "We and our partners process data to personalise content. You can "
                               "change your preferences at any time in the settings of this site.\n"
                               "Strictly necessary\nAnalytics\nSave and exit");
  CHECK(label_of(segs, "Manage Privacy Preferences") == Label::boilerplate);
  CHECK(label_of(segs, "We and our partners") == Label::boilerplate);
  CHECK(label_of(segs, "Save and exit") == Label::boilerplate);
  CHECK(body_kept(segs));
}

TEST_CASE("social-embed consent notices are boilerplate", "[boilerplate]") {
  const auto segs = classify(segment(
      headline + "\n\n" + body +
      "\nThis Instagram post cannot be shown. To view this content, allow cookies from Instagram.\n\n"
      "Residents rebuilt the jetty themselves with timber bought from a sawmill in Kete Krachi, "
      "and the first boats landed there in the last week of the month.\n"));
  CHECK(label_of(segs, "This Instagram post") == Label::boilerplate);
  CHECK(label_of(segs, "Residents rebuilt the jetty") == Label::content);
}

TEST_CASE("comment prompts and comment forms are boilerplate", "[boilerplate]") {
  const auto segs = classified("",
                               "12 Comments\nJoin the discussion\n"
                               "Your email address will not be published. Required fields are marked *\n"
                               "Comment\nName *\nEmail *\nPost Comment\n"
                               "You must be logged in to post a comment.\nComments are closed.");
  for (const char* part : {"12 Comments", "Join the discussion", "will not be published", "Name *",
                           "Post Comment", "logged in to post", "Comments are closed"})
    CHECK(label_of(segs, part) == Label::boilerplate);
  CHECK(body_kept(segs));
}

TEST_CASE("newsletter and sign-up prompts are boilerplate", "[boilerplate]") {
  const auto segs = classified("",
                               "Sign up for The Lakeside Brief\n"
                               "The week's best reporting from West Africa, in your inbox every Friday.\n"
                               "Email address\nSign up");
  CHECK(label_of(segs, "Sign up for The Lakeside Brief") == Label::boilerplate);
  CHECK(label_of(segs, "in your inbox") == Label::boilerplate);
  CHECK(label_of(segs, "Email address") == Label::boilerplate);
  CHECK(body_kept(segs));
}

TEST_CASE("share and follow bars are boilerplate", "[boilerplate]") {
  const auto segs = classified("", "Share this story\nFacebook Twitter LinkedIn Email\nFollow us on Instagram");
  CHECK(label_of(segs, "Share this story") == Label::boilerplate);
  CHECK(label_of(segs, "Facebook Twitter") == Label::boilerplate);
  CHECK(label_of(segs, "Follow us") == Label::boilerplate);
  CHECK(body_kept(segs));
}

TEST_CASE("publisher footers and about-the-publisher blurbs are boilerplate", "[boilerplate]") {
  const auto segs = classified(
      "", "Lakeside Media is an independent newsroom funded by its readers. We publish reporting on "
          "farming, fisheries and the environment from partners across the region.\n"
          "About us | Contact us | Advertise with us | Jobs");
  CHECK(label_of(segs, "is an independent newsroom") == Label::boilerplate);
  CHECK(label_of(segs, "About us") == Label::boilerplate);
  CHECK(body_kept(segs));
}

TEST_CASE("copyright and rights lines are boilerplate", "[boilerplate]") {
  const auto segs = classified("", "\xC2\xA9 2023 Lakeside Media Group\nAll Rights Reserved.");
  CHECK(label_of(segs, "Lakeside Media Group") == Label::boilerplate);
  CHECK(label_of(segs, "All Rights Reserved") == Label::boilerplate);
  CHECK(has_reason(segs, "All Rights Reserved", "cue: copyright"));
}

TEST_CASE("related and most-read link lists are boilerplate", "[boilerplate]") {
  const auto segs = classified("",
                               "You may also like\nDrought pushes cattle herders south into Togo\n"
                               "Why the price of rice keeps rising in Accra\nMost viewed\n"
                               "1. Ghana's cedi slides again against the dollar");
  CHECK(label_of(segs, "You may also like") == Label::boilerplate);
  CHECK(label_of(segs, "Drought pushes cattle herders") == Label::boilerplate);
  CHECK(label_of(segs, "price of rice") == Label::boilerplate);
  CHECK(label_of(segs, "cedi slides") == Label::boilerplate);
  CHECK(body_kept(segs));
}

TEST_CASE("navigation and breadcrumbs are boilerplate, a glued headline is split off", "[boilerplate]") {
  const auto segs = classify(segment("Skip to navigation\nNews Sport Business Culture Weather\n"
                                     "News \xC2\xBB Africa \xC2\xBB Ghana " + headline + "\n\n" + body));
  CHECK(label_of(segs, "Skip to navigation") == Label::boilerplate);
  CHECK(label_of(segs, "News Sport Business") == Label::boilerplate);
  CHECK(label_of(segs, "News \xC2\xBB Africa") == Label::boilerplate);
  CHECK(body_kept(segs));
}

TEST_CASE("advertisement markers are boilerplate, even glued to a paragraph", "[boilerplate]") {
  const auto segs = classify(segment(
      headline + "\n\n" + body + "\nADVERTISEMENT\n\n"
      "Advertisement Boat builders in Yeji say orders for new canoes have stopped altogether.\n\n"
      "The fisheries commission will publish its survey in December, officials said on Monday. "
      "Story continues below advertisement\n\n" + body));
  CHECK(label_of(segs, "ADVERTISEMENT") == Label::boilerplate);
  CHECK(label_of(segs, "Boat builders in Yeji") == Label::content);
  CHECK(label_of(segs, "Advertisement") == Label::boilerplate);
  CHECK(label_of(segs, "Story continues below") == Label::boilerplate);
}

TEST_CASE("bylines, datelines and reading times are boilerplate", "[boilerplate]") {
  const auto segs = classify(segment(
      headline + "\nBy Ama Boateng, Accra | 3 March 2023\n4 min read\n\n"
      "ACCRA, Ghana, March 3, 2023 /Lakeside Wire/ -- Fishing families on Lake Volta asked the "
      "government for help on Friday.\n\n" + body));
  CHECK(label_of(segs, "By Ama Boateng") == Label::boilerplate);
  CHECK(label_of(segs, "4 min read") == Label::boilerplate);
  CHECK(label_of(segs, "ACCRA, Ghana") == Label::boilerplate);
  CHECK(label_of(segs, "Fishing families on Lake Volta") == Label::content);
}

TEST_CASE("image captions and credits are boilerplate", "[boilerplate]") {
  const auto segs = classify(segment(
      headline + "\n\nBoats pulled up on the shore at Yeji. Photograph: Kofi Mensah/Lakeside\n\n" + body +
      "\nA fish smoker at work near Kete Krachi. Photo: Lakeside Media The smokers say firewood "
      "now costs more than the fish they buy each morning.\n\n" + body));
  CHECK(label_of(segs, "Boats pulled up") == Label::boilerplate);
  CHECK(label_of(segs, "Photograph: Kofi Mensah") == Label::boilerplate);
  CHECK(label_of(segs, "A fish smoker at work") == Label::boilerplate);
  CHECK(label_of(segs, "The smokers say firewood") == Label::content);
}

TEST_CASE("short real content survives: headline, subheads, one-line paragraphs, quotes",
          "[boilerplate]") {
  const auto segs = classify(segment(headline + "\n\n" + body + "\nA season lost\n\n" + body +
                                     "\nMarkets reacted calmly.\n\n\xE2\x80\x9CWe wait for rain,\xE2\x80\x9D "
                                     "she said.\n\n" + body + "\nPrices fell again in June.\n"));
  CHECK(label_of(segs, headline) == Label::content);
  CHECK(label_of(segs, "A season lost") == Label::content);
  CHECK(label_of(segs, "Markets reacted calmly.") == Label::content);
  CHECK(label_of(segs, "We wait for rain") == Label::content);
  CHECK(label_of(segs, "Prices fell again in June.") == Label::content);
  CHECK(has_reason(segs, "A season lost", "short, between content"));
}

TEST_CASE("an article about cookies and consent is content", "[boilerplate]") {
  const auto segs = classify(segment(
      "Regulators fine news sites over cookie banners\n\n"
      "France's data protection authority fined three publishers on Tuesday for cookie banners "
      "that made refusing tracking harder than accepting it, the latest case in a campaign "
      "against so-called dark patterns.\n\n"
      "The regulator said the sites offered an Accept all button on the first screen but hid "
      "the option to refuse behind a second menu, which it said did not give readers a free "
      "choice under European consent rules.\n\n"
      "Click, consent, repeat\n\n"
      "Publishers argue that advertising cookies pay for journalism that readers will not pay "
      "for directly, and several have introduced subscriptions for readers who refuse them.\n"));
  for (const auto& s : segs) CHECK(s.label == Label::content);
}

TEST_CASE("consent buttons glued onto a subhead are split off", "[boilerplate]") {
  const auto segs = classify(segment(
      headline + "\n\n" + body +
      "\nTo show this post from YouTube, you need to enable marketing cookies.\n\n"
      "Allow and continue Water levels keep falling\n\n" + body));
  CHECK(label_of(segs, "Allow and continue") == Label::boilerplate);
  CHECK(label_of(segs, "Water levels keep falling") == Label::content);
  for (const auto& s : segs)
    if (s.text == "Allow and continue") CHECK(has_reason(segs, s.text, "buttons after a consent notice"));
}

TEST_CASE("repetition: a syndicated body stays, a repeated tail prompt goes", "[boilerplate]") {
  const std::string prompt = "Support independent journalism on the lake today";
  ClassifyContext every_document;  // everything seen in 14 other documents
  every_document.corpus_count = [](std::uint64_t) -> std::uint32_t { return 14; };
  const auto segs = classify(segment(headline + "\n\n" + body + "\n" + prompt + "\n"), every_document);
  CHECK(body_kept(segs));
  CHECK(label_of(segs, prompt) == Label::boilerplate);
  CHECK(has_reason(segs, prompt, "repeated in 14 other stories"));
  CHECK(has_reason(segs, "Traders in Yeji", "in a run of paragraphs"));

  // Without a corpus the same prompt is not known to be furniture; it is kept
  // out only by its position after the article.
  const auto alone = classify(segment(headline + "\n\n" + body + "\n" + prompt + "\n"));
  CHECK(body_kept(alone));
}

TEST_CASE("an article saved twice stays searchable in both copies", "[boilerplate]") {
  ClassifyContext one_copy;  // the other copy holds every segment
  one_copy.corpus_count = [](std::uint64_t) -> std::uint32_t { return 1; };
  CHECK(body_kept(classified("", "", one_copy)));
}

TEST_CASE("segment fingerprints are stable, normalised and skip one-word texts", "[boilerplate]") {
  const auto fp = segment_fingerprint("\xC2\xA9 2024 Lakeside Media. All rights reserved.");
  REQUIRE(fp.has_value());
  CHECK(fp == segment_fingerprint("\xC2\xA9 2025 LAKESIDE MEDIA -- all rights reserved"));
  CHECK(fp != segment_fingerprint("2024 Lakeside Radio. All rights reserved."));
  CHECK_FALSE(segment_fingerprint("Subscribe").has_value());
  CHECK(segment_fingerprint("Don\xE2\x80\x99t miss") == segment_fingerprint("Don't Miss"));
  // Case folds beyond ASCII too, and words stay apart: "ab c" is not "a bc".
  CHECK(segment_fingerprint("\xC3\x9C" "BER UNS") == segment_fingerprint("\xC3\xBC" "ber uns"));
  CHECK(segment_fingerprint("ab c") != segment_fingerprint("a bc"));
}

TEST_CASE("classify carries each segment's fingerprint, the one the corpus counts are asked about", "[boilerplate]") {
  std::vector<std::uint64_t> asked;
  ClassifyContext counting;
  counting.corpus_count = [&asked](std::uint64_t fingerprint) -> std::uint32_t {
    asked.push_back(fingerprint);
    return 0;
  };
  const auto segs = classify(segment(headline + "\n\n" + body + "\n"), counting);
  std::vector<std::uint64_t> carried;
  for (const auto& s : segs) {
    CHECK(s.fingerprint == segment_fingerprint(s.text));
    if (s.fingerprint) carried.push_back(*s.fingerprint);
  }
  CHECK(asked == carried);
}

// A German page: its paragraphs, its cookie banner and buttons, its share bar
// and its byline, read in German (and English) or in English alone.
TEST_CASE("a page is read in its languages' words: stop words, cues, buttons, months", "[boilerplate][languages]") {
  const std::string page =
      "Wir verwenden Cookies, um Ihnen die bestmögliche Nutzung unserer Website zu ermöglichen.\n\n"
      "Alle akzeptieren | Einstellungen\n\n"
      "Neue Straßenbahnlinie in Leipzig verzögert sich\n\n"
      "Von Sebastian Wolf | Leipzig | 18. März 2025\n\n"
      "Die geplante Straßenbahnlinie in den Leipziger Süden wird später fertig als bisher angekündigt. "
      "Nach Angaben der Verkehrsbetriebe müssen die Arbeiten an einer Brücke neu ausgeschrieben werden, "
      "weil sich kein Unternehmen auf die erste Ausschreibung beworben hatte.\n\n"
      "Anwohnerinnen und Anwohner reagierten verärgert, denn viele hatten gehofft, bald nicht mehr auf "
      "die überfüllten Busse angewiesen zu sein, die in den Stoßzeiten oft im Stau stehen.\n\n"
      "Die Stadtverwaltung kündigte an, während der Bauzeit zusätzliche Buslinien einzurichten, und der "
      "Stadtrat will sich in seiner nächsten Sitzung mit den Mehrkosten befassen.\n\n"
      "Diesen Artikel teilen: Facebook | X | WhatsApp | E-Mail\n";
  ClassifyContext german;
  german.languages = {"de", "en"};
  const auto read_in_german = classify(segment(page), german);
  CHECK(label_of(read_in_german, "Wir verwenden Cookies") == Label::boilerplate);
  CHECK(label_of(read_in_german, "Alle akzeptieren") == Label::boilerplate);
  CHECK(label_of(read_in_german, "März 2025") == Label::boilerplate);
  const auto has_reason = [](const std::vector<Segment>& segs, const std::string& needle, const std::string& reason) {
    for (const auto& s : segs)
      if (s.text.find(needle) != std::string::npos)
        return std::find(s.reasons.begin(), s.reasons.end(), reason) != s.reasons.end();
    return false;
  };
  CHECK(has_reason(read_in_german, "März 2025", "cue: byline"));  // a dated byline: ICU's German month names
  CHECK(label_of(read_in_german, "Diesen Artikel teilen") == Label::boilerplate);
  CHECK(label_of(read_in_german, "Anwohnerinnen und Anwohner") == Label::content);
  CHECK(label_of(read_in_german, "Die Stadtverwaltung") == Label::content);
  for (const auto& s : read_in_german)
    if (s.text.starts_with("Anwohnerinnen")) CHECK(s.reasons.front() == "paragraph");  // dense in German stop words

  // In English alone the same page loses its banner cue and its paragraphs' shape.
  const auto read_in_english = classify(segment(page));
  CHECK(label_of(read_in_english, "Wir verwenden Cookies") == Label::content);
  CHECK_FALSE(has_reason(read_in_english, "März 2025", "cue: byline"));
  for (const auto& s : read_in_english)
    if (s.text.starts_with("Anwohnerinnen")) CHECK(s.reasons.front() != "paragraph");
}

TEST_CASE("page languages: the page's language, then English; und reads as the fallback", "[boilerplate][languages]") {
  using winnow::filters::page_languages;
  CHECK(page_languages("de", "en") == std::vector<std::string>{"de", "en"});
  CHECK(page_languages("en", "fr") == std::vector<std::string>{"en"});
  CHECK(page_languages("und", "fr") == std::vector<std::string>{"fr", "en"});
  CHECK(page_languages("und", "en") == std::vector<std::string>{"en"});
}

// German "ihre", "sie" are also "their", "they": an article about cookie
// banners uses them, and must keep its paragraphs (as its English twin does).
TEST_CASE("a German article about cookie banners keeps its paragraphs", "[boilerplate][languages]") {
  const std::string page =
      "Behörde verlangt klarere Hinweise auf Websites\n\n"
      "Die Datenschutzbehörde in Hamburg hat am Dienstag entschieden, dass Websites ihre Besucher klarer über "
      "Cookies informieren müssen. Nach Ansicht der Behörde ist die Einwilligung vieler Nutzer nicht freiwillig, "
      "weil die Schaltfläche zum Ablehnen oft versteckt wird.\n\n"
      "Verbraucherschützer begrüßten die Entscheidung. Viele Menschen klickten auf Alle akzeptieren, ohne zu "
      "wissen, welche Daten gespeichert würden, sagte eine Sprecherin. Die Unternehmen haben nun drei Monate "
      "Zeit, ihre Banner anzupassen.\n\n"
      "Der Branchenverband kritisierte das Urteil und kündigte an, dagegen vorzugehen. Eine Entscheidung des "
      "Gerichts wird im Herbst erwartet, sagte ein Sprecher des Verbandes am Mittwoch in Berlin.\n";
  ClassifyContext german;
  german.languages = {"de", "en"};
  for (const auto& s : classify(segment(page), german)) CHECK(s.label == Label::content);
}

TEST_CASE("a press release hard-wrapped at a fixed width keeps every line of its paragraphs") {
  // Each wrapped line alone is a short piece; one of them happens to be a
  // long sentence, which alone would make every line above it "at head".
  const std::string release =
      "Harbour authority opens second container terminal at Tema\n\n"
      "The Ghana Ports and Harbours Authority opened a second container terminal at\n"
      "Tema on Tuesday, doubling the capacity of the port to handle the ships that\n"
      "now call at the busiest harbours of the region.\n\n"
      "The terminal, built over four years, has six berths and can take vessels of\n"
      "up to 16 metres draught. Officials said it would cut the waiting times for\n"
      "ships, which had stretched to nine days during the peak season last year.\n\n"
      "Traders in Accra welcomed the opening but said that the roads from the port\n"
      "to the city remained congested and that the savings would only reach the shops\n"
      "if the trucks could move from the quays to the markets as quickly as the cranes.\n\n"
      "Media contact:\n"
      "Communications Office\n"
      "press@example.org\n";
  const auto segs = classify(segment(release));
  for (const std::string wrapped : {"Tema on Tuesday, doubling", "now call at the busiest",
                                    "up to 16 metres draught", "to the city remained congested"})
    CHECK(label_of(segs, wrapped) == Label::content);
  CHECK(label_of(segs, "press@example.org") == Label::boilerplate);
  // Each piece keeps its own source line.
  for (const auto& s : segs)
    if (s.text.starts_with("now call at")) CHECK(s.line == 5);
}

TEST_CASE("the kinds of furniture around an article: byline with role, player, meter, teasers, comments") {
  // The same page shape in two languages: a byline over three lines (name,
  // desk, timestamp), an audio player's label, a metered-paywall prompt, a
  // related-stories list (headline, then its standfirst) and a reader-comment
  // thread (name, time, comment, Reply and likes).
  const std::vector<Page> pages = {
      {{"en"},
      "Harbour strike enters its second week as talks stall\n"
      "By Kofi Mensah\n"
      "Senior Business Correspondent\n"
      "Published 14 March 2025, 09:12\n"
      "Listen to this article · 4 min\n"
      "Dock workers at Tema extended their strike into a second week on Tuesday after talks with the port authority broke down over pay and the hours of the night shift.\n"
      "The union said its members would not return until the authority restored the allowance it cut in January, which it says made up a fifth of a crane operator's wages.\n"
      "Shipping lines have begun to divert vessels to Lomé and Abidjan, and importers warned that the cost of the delays would reach shops within a month.\n"
      "\"We are not asking for more than we had,\" said the union's secretary, Ama Owusu. \"We are asking for what was taken.\"\n"
      "You have read 3 of 5 free articles this month. Subscribe for unlimited access.\n"
      "Related stories\n"
      "Port authority names new director after audit\n"
      "The audit found that the authority had overpaid contractors for a decade.\n"
      "Cocoa exports fall for a third year\n"
      "Farmers blame the weather and the price of fertiliser.\n"
      "42 comments\n"
      "Kwame A.\n"
      "2 hours ago\n"
      "This strike was coming for years. Good luck to them.\n"
      "Reply 12 likes\n"
      "Efua\n"
      "1 hour ago\n"
      "Who pays in the end? We do.\n"
      "Reply 3 likes\n",
       {"Harbour strike enters its second week", "Dock workers at Tema", "Shipping lines have begun",
        "We are asking for what was taken"},
       {"By Kofi Mensah", "Senior Business Correspondent", "Published 14 March 2025", "Listen to this article",
        "You have read 3 of 5", "Related stories", "Port authority names new director",
        "The audit found that", "42 comments", "Kwame A.", "2 hours ago", "This strike was coming",
        "Reply 12 likes", "Who pays in the end?"}},
      {{"de", "en"},
      "Hafenarbeiter streiken die zweite Woche in Folge\n"
      "Von Katrin Weber\n"
      "Wirtschaftsredakteurin\n"
      "Veröffentlicht am 14. März 2025, 09:12 Uhr\n"
      "Artikel anhören · 4 Min.\n"
      "Die Hafenarbeiter in Hamburg haben ihren Streik am Dienstag in die zweite Woche verlängert, nachdem die Gespräche mit der Hafengesellschaft über Löhne und Nachtschichten gescheitert waren.\n"
      "Die Gewerkschaft erklärte, ihre Mitglieder würden erst zurückkehren, wenn die im Januar gestrichene Zulage wieder gezahlt werde, die ein Fünftel des Lohns eines Kranführers ausmache.\n"
      "Reedereien haben begonnen, Schiffe nach Rotterdam und Antwerpen umzuleiten, und Importeure warnten, dass die Kosten der Verzögerungen innerhalb eines Monats in den Geschäften ankommen würden.\n"
      "Sie haben 3 von 5 kostenlosen Artikeln in diesem Monat gelesen. Jetzt abonnieren und unbegrenzt lesen.\n"
      "Das könnte Sie auch interessieren\n"
      "Hafengesellschaft ernennt neuen Direktor nach Prüfung\n"
      "Die Prüfer stellten fest, dass Auftragnehmer jahrelang zu viel bezahlt wurden.\n"
      "42 Kommentare\n"
      "Jens K.\n"
      "vor 2 Stunden\n"
      "Dieser Streik war seit Jahren absehbar. Viel Erfolg!\n"
      "Antworten 12 Gefällt mir\n",
       {"Hafenarbeiter streiken", "Die Hafenarbeiter in Hamburg", "Reedereien haben begonnen"},
       {"Von Katrin Weber", "Wirtschaftsredakteurin", "Artikel anhören", "Sie haben 3 von 5",
        "Das könnte Sie auch interessieren", "Hafengesellschaft ernennt", "Die Prüfer stellten fest",
        "42 Kommentare", "vor 2 Stunden", "Dieser Streik war", "Antworten 12"}},
  };
  check_pages(pages);
}

TEST_CASE("a short clean article keeps its paragraphs and its table") {
  // No blank lines, two paragraphs and a standings table between them: the
  // kind of text a scraper that saved the article alone writes.
  const std::string page =
      "Leaders stretch their lead after a wet weekend\n"
      "Arsenal beat Fulham 2-0 on Saturday to move five points clear at the top of the table, while "
      "Liverpool dropped points in the rain at Villa Park.\n"
      "Team | P | W | D | L | Pts\n"
      "Arsenal | 28 | 20 | 5 | 3 | 65\n"
      "Liverpool | 28 | 18 | 6 | 4 | 60\n"
      "Manchester City | 27 | 17 | 6 | 4 | 57\n"
      "Villa's manager said afterwards that his side had deserved more than a draw, and that the "
      "title race was far from over with ten games left to play.\n"
      "Share this article\n";
  const auto segs = classify(segment(page));
  for (const std::string line : {"Leaders stretch their lead", "Arsenal beat Fulham", "Team | P | W",
                                 "Arsenal | 28 | 20", "Manchester City | 27", "Villa's manager said"})
    CHECK(label_of(segs, line) == Label::content);
  CHECK(label_of(segs, "Share this article") == Label::boilerplate);
}

// The article under the two headline tests' pages: a report of three paragraphs.
const std::string golf_article =
    "HONOLULU -- South Korean golfer Choi Kyung-ju won the Sony Open on Sunday, holding off a late charge from two "
    "Americans on a gusty final day.\n"
    "The 38-year-old finished at a four-round total of 14 under par, three shots ahead of Rory Sabbatini, after a "
    "level-par final round.\n"
    "He received $954,000 for his victory and now ranks ninth in the world, the highest place an Asian golfer has "
    "reached.\n";

TEST_CASE("the headline is the title right above the article, not a teaser or section name above it") {
  // Scraped pages often keep a section name, a date and the teasers of
  // other stories above the headline; the headline is the title nearest the
  // article, past its byline. Above a picture caption, the headline is still
  // the top of the titles right above the article.
  const std::vector<Page> pages = {
      {{"en"},
       "Jobs for foreigners in the capital\n"
       "Ten years of the new airport, in pictures\n"
       "01-14-2008 15:45\n"
       "Korean golfer Choi wins his seventh US tour title\n" +
           golf_article,
       {"Korean golfer Choi wins", "HONOLULU -- South Korean", "The 38-year-old", "He received"},
       {"Jobs for foreigners", "Ten years of the new airport", "01-14-2008 15:45"}},
      {{"de", "en"},
       "Sport\n"
       "Meistgelesen: Der neue Radweg am Rhein ist eröffnet\n"
       "Zwei Tage Regen: Das Rennen in Flandern fällt aus\n"
       "Von Jana Keller\n"
       "Die Veranstalter der Flandern-Rundfahrt haben das Rennen am Samstag nach zwei Tagen Dauerregen abgesagt, weil mehrere Abschnitte der Strecke überflutet sind.\n"
       "Die Fahrer waren bereits angereist und sollen nun am kommenden Wochenende starten, sofern die Feuerwehr die Straßen bis dahin freigeben kann.\n",
       {"Zwei Tage Regen", "Die Veranstalter", "Die Fahrer waren"},
       {"Sport", "Meistgelesen", "Von Jana Keller"}},
      {{"en"},
       "Scroll Top\n"
       "\n"
       "Harbour authority reopens the northern quay after storm repairs\n"
       "\n"
       "Repair crews at work: the northern quay in March\n"
       "\n"
       "The harbour authority reopened the northern quay on Monday, five months after a winter storm tore away a section of the sea wall and flooded the warehouses behind it.\n"
       "\n"
       "Fishing boats moored there again by the afternoon, and the ferry company said its summer timetable would start from the quay as planned.\n",
       {"Harbour authority reopens", "The harbour authority reopened", "Fishing boats moored"},
       {"Scroll Top"}},
  };
  check_pages(pages);
}

TEST_CASE("paragraphs after a gap of furniture are apart from the article, and the model judges them") {
  // A teaser list's leads read as paragraphs; four or more blocks the rules
  // drop part them from the article's main run (the run with most words).
  const std::string page =
      "Council approves the new harbour budget after a long night\n"
      "The city council approved the harbour budget late on Tuesday after a seven-hour debate, ending a dispute "
      "that had delayed repairs to the northern quay for most of the year.\n"
      "The plan sets aside four million for the sea wall and two for dredging, and the mayor said work would "
      "start before the autumn storms.\n"
      "Opposition members voted against it, saying the money for dredging should have gone to the ferry "
      "terminal, which has been closed since March.\n"
      "Share\n"
      "Print\n"
      "Email\n"
      "Most read\n"
      "PORTAGE -- A local software developer announced on Tuesday that it would move its offices to the old "
      "mill and hire forty people by the end of the year.\n"
      "Copyright 2008 The Daily Harbour. All rights reserved.\n";
  const auto segs = classify(segment(page));
  const auto reasons_of = [&](std::string_view start) {
    std::string all;
    for (const auto& seg : segs)
      if (seg.text.starts_with(start))
        for (const auto& r : seg.reasons) all += r + "; ";
    return all;
  };
  CHECK(reasons_of("PORTAGE").find("apart from the article") != std::string::npos);
  CHECK(reasons_of("The plan sets aside").find("apart from the article") == std::string::npos);
  CHECK(label_of(segs, "The plan sets aside") == Label::content);
  CHECK(label_of(segs, "Opposition members voted") == Label::content);
}

TEST_CASE("a thread of comments under time-stamped signatures, with no heading, is boilerplate") {
  // No "Comments" heading and no Reply buttons: only "Posted By: NAME |
  // DATE at TIME" lines between the readers' prose, right after the article.
  const std::vector<Page> pages = {
      {{"en"},
       "Harbour strike enters its second week\n"
       "Dock workers at the port extended their strike on Tuesday after talks with the port company over pay "
       "and night shifts broke down for the third time this month.\n"
       "The union said its members would return only when the allowance cut in January, worth a fifth of a "
       "crane operator's pay, was restored in full.\n"
       "Shipping lines have begun to divert vessels to other ports, and importers warned that the cost of the "
       "delays would reach the shops within a month.\n"
       "Posted By: harbourwatcher | January 07 2008 at 03:06 PM\n"
       "This strike was coming for years, and the port company only has itself to blame for it.\n"
       "Posted By: mammamia | January 07 2008 at 03:12 PM\n"
       "I work at the container terminal and nobody I know wants this, but the night shifts are killing us.\n"
       "Posted By: JRoo | January 07 2008 at 03:19 PM\n"
       "Who pays in the end? We do, at the checkout, as always.\n"
       "Posted By: hawaiian | January 07 2008 at 03:25 PM\n"
       "They should sit down and talk again instead of shouting at each other in the papers.\n",
       {"Harbour strike enters", "Dock workers at the port", "The union said", "Shipping lines have begun"},
       {"Posted By: harbourwatcher", "This strike was coming", "I work at the container", "They should sit down"}},
  };
  check_pages(pages);
}

TEST_CASE("a brief of a headline, a paragraph and a sentence keeps its sentence") {
  // The model learnt from whole pages, where a sentence with a single
  // paragraph near it is as often a teaser's blurb; a brief has nothing else.
  const auto segs = classify(segment(
      "Gao market report\n"
      "\n"
      "A report from Gao about the market, where traders counted the stalls that reopened after the rains, "
      "as the town's council had asked them to.\n"
      "Traders said the grain market reopened on Monday.\n"));
  CHECK(label_of(segs, "Gao market report") == Label::content);
  CHECK(label_of(segs, "A report from Gao") == Label::content);
  CHECK(label_of(segs, "Traders said the grain market") == Label::content);
  ClassifyContext in_german;
  in_german.languages = {"de", "en"};
  const auto german = classify(segment(
      "Marktbericht aus Gao\n"
      "\n"
      "Ein Bericht aus Gao über den Markt, auf dem die Händler nach dem Regen die wieder geöffneten Stände "
      "zählten, wie es der Gemeinderat verlangt hatte.\n"
      "Die Händler sagten, der Getreidemarkt sei am Montag wieder geöffnet worden.\n"),
      in_german);
  CHECK(label_of(german, "Die Händler sagten") == Label::content);
}

TEST_CASE("an English headline in title case right above the article is its headline") {
  // English papers often capitalise every word of a headline, which then
  // looks like a menu item; right above the article, past its time stamp,
  // it is the headline (en/headline-style.txt says "title case").
  const std::vector<Page> pages = {
      {{"en"},
       "Jobs for Koreans\n"
       "Jobs for Foreigners\n"
       "Korean Golfer Choi Kyung-ju Wins 7th US PGA Title\n"
       "01-14-2008 15:45\n" +
           golf_article,
       {"Korean Golfer Choi Kyung-ju Wins", "HONOLULU -- South Korean", "The 38-year-old", "He received"},
       {"Jobs for Koreans", "Jobs for Foreigners", "01-14-2008 15:45"}},
  };
  check_pages(pages);
}

TEST_CASE("the headline is found above a credit line and a time stamp without cues") {
  // Between a headline and its article many sites put the writer and the
  // outlet ("Erin Hitchcock, Burnaby Now"), a bare time stamp or an
  // agency's name: short lines with no word a cue knows.
  const std::vector<Page> pages = {
      {{"en"},
       "More Latest News\n"
       "Council delays the vote on the harbour budget\n"
       "Mourners fill the arena for the wake of two players\n"
       "Latest\n"
       "Police officer halts wrong-way driver on the highway\n"
       "Erin Hitchcock, Burnaby Now\n"
       "1/11/2008, 6:30 a.m.\n"
       "BURNABY - A police officer crashed his cruiser into a car driving the wrong way on the highway early on Friday, stopping it before it reached the busy interchange.\n"
       "About 4 a.m., a traffic officer spotted the car heading west in the eastbound lanes and followed it with his lights on for several kilometres.\n"
       "After attempts to stop it failed, the officer put himself and his cruiser in its path, and both drivers were taken to hospital with minor injuries.\n",
       {"Police officer halts", "BURNABY - A police officer", "About 4 a.m.", "After attempts"},
       {"More Latest News", "Council delays the vote", "Mourners fill the arena", "Erin Hitchcock"}},
      {{"fr", "en"},
       "Toutes les actualités\n"
       "Le conseil reporte le vote sur le budget du port\n"
       "Autres titres\n"
       "Un policier arrête un conducteur à contresens sur l'autoroute\n"
       "Claire Martin, Le Courrier\n"
       "11/01/2008 06:30\n"
       "Un policier a percuté avec sa voiture de service un automobiliste qui roulait à contresens sur l'autoroute vendredi matin, l'arrêtant avant l'échangeur.\n"
       "Vers 4 heures, un agent de la circulation a repéré la voiture qui roulait vers l'ouest sur les voies en direction de l'est et l'a suivie sur plusieurs kilomètres.\n"
       "Les deux conducteurs ont été conduits à l'hôpital, légèrement blessés.\n",
       {"Un policier arrête", "Un policier a percuté", "Vers 4 heures", "Les deux conducteurs"},
       {"Toutes les actualités", "Le conseil reporte", "Claire Martin"}},
      // A time stamp in words and digits is shaped like a title: passed, not
      // taken, here above an English headline in title case.
      {{"en"},
       "Sports\n"
       "Yao, Rockets Use Fourth-Quarter Surge To Squash Knicks\n"
       "POSTED: 11:54 pm EST January 9, 2008\n"
       "HOUSTON - Yao Ming scored 12 of his 30 points in the fourth quarter as the Rockets came back from ten points down to beat the Knicks on Wednesday night.\n"
       "Tracy McGrady added 22 points and eight assists, and the Rockets won for the fourth time in five games at home.\n",
       {"Yao, Rockets Use", "HOUSTON - Yao Ming", "Tracy McGrady added"},
       {"Sports", "POSTED: 11:54 pm"}},
  };
  check_pages(pages);
}

TEST_CASE("a thread of reader comments after the article is boilerplate, its prose too") {
  // Readers write prose, so their comments read like the article's own
  // paragraphs; the thread's heading and its furniture (names, times,
  // Reply, likes) say where the article ends. Three sites, three languages.
  const std::vector<Page> pages = {
      {{"en"},
       "Home\nNews\nTransport\n"
       "Ferry fares to rise by twelve percent\n"
       "By Tom Reed\n"
       "Ferry fares to the islands will rise by twelve percent in April, the regional transport authority announced on Tuesday after a year of losses.\n"
       "The authority said fuel and crew costs had grown faster than ticket sales, and that the winter timetable would lose two crossings a day.\n"
       "Island councils said the rise would hit commuters hardest and asked for a season ticket that families could share between them.\n"
       "Comments (3)\n"
       "Some comments posted here may be reviewed before they are displayed. Please keep your comments respectful of others by avoiding name-calling and personal attacks.\n"
       "Mara K.\n3 hours ago\n"
       "I have taken this ferry to work for eleven years and every winter the crossings get fewer while the price goes up again, which nobody in the authority seems to notice.\n"
       "Reply\n12 likes\nDan_P\n2 hours ago\n"
       "Same here, and the car deck was half empty on every crossing I took last month, so where is the money going?\n"
       "Reply\n",
       {"Ferry fares to the islands", "The authority said fuel", "Island councils said"},
       {"Comments (3)", "Some comments posted here", "Mara K.", "I have taken this ferry", "Same here, and the car deck"}},
      {{"de", "en"},
       "Fernwärme wird im März teurer\n"
       "Die Stadtwerke erhöhen zum ersten März die Preise für Fernwärme um neun Prozent, wie ein Sprecher am Dienstag im Rathaus mitteilte.\n"
       "Grund seien die gestiegenen Kosten für Gas und für die Wartung des alten Leitungsnetzes, das in den kommenden Jahren erneuert werden soll.\n"
       "Der Mieterverein kritisierte die Erhöhung und forderte die Stadt auf, Haushalte mit geringem Einkommen stärker zu entlasten.\n"
       "12 Kommentare\n"
       "Heizer_71\nvor 5 Stunden\n"
       "Wir zahlen jetzt schon fast doppelt so viel wie vor drei Jahren, und die Heizung im Treppenhaus funktioniert trotzdem jeden Winter wochenlang nicht richtig.\n"
       "Antworten\n"
       "Kommentar schreiben\n",
       {"Die Stadtwerke erhöhen", "Grund seien", "Der Mieterverein kritisierte"},
       {"12 Kommentare", "Heizer_71", "Wir zahlen jetzt schon", "Kommentar schreiben"}},
      {{"fr", "en"},
       "La piscine municipale rouvre après deux ans de travaux\n"
       "La piscine municipale de la ville rouvrira ses portes samedi, après deux ans de travaux qui ont permis de refaire entièrement le bassin et les vestiaires.\n"
       "Le chantier a coûté près de quatre millions d’euros, dont la moitié a été financée par la région et par l’État, a précisé la mairie.\n"
       "Les horaires d’ouverture seront élargis le soir pendant l’été, et les écoles du quartier y reprendront leurs cours de natation dès la rentrée.\n"
       "Commentaires (2)\n"
       "Julie B.\nil y a 2 heures\n"
       "Enfin ! Mes enfants attendaient cette réouverture depuis longtemps, mais j’espère que les tarifs resteront abordables pour les familles du quartier.\n"
       "Répondre\n"
       "Laisser un commentaire\n",
       {"La piscine municipale de la ville", "Le chantier a coûté", "Les horaires d’ouverture"},
       {"Commentaires (2)", "Julie B.", "Mes enfants attendaient", "Laisser un commentaire"}},
  };
  check_pages(pages);
}

TEST_CASE("recipe and product cards, affiliate disclosures and press contact blocks are boilerplate") {
  // Three sites in three languages: a recipe blog, a product review with a
  // shop card, a press release with its about-the-company paragraph and
  // contact block. The prose around them, and the recipe's steps, stay.
  const std::vector<Page> pages = {
      {{"en"},
       "Smoky black bean soup for cold evenings\n"
       "Prep time: 15 min | Cook time: 40 min | Serves 4\n"
       "4.6 out of 5 stars (212 ratings)\n"
       "Jump to recipe\n"
       "This post contains affiliate links. If you buy through them, we may earn a small commission at no extra cost to you.\n"
       "When the first frost arrives I make a pot of this soup on a Sunday and we eat it until Wednesday, each day a little thicker and better than the last.\n"
       "The smoke comes from chipotle peppers in adobo, which most large supermarkets now sell, and from a spoonful of smoked paprika stirred in at the end.\n"
       "Soften the onion in a little oil for ten minutes, then add the garlic and cook for one minute more before the beans go in.\n"
       "Add the stock, bring it to the boil and let the soup simmer for thirty minutes, then blend half of it and stir it back into the pot.\n"
       "Print recipe\n"
       "Rate this recipe\n",
       {"Smoky black bean soup", "When the first frost arrives", "The smoke comes from", "Soften the onion",
        "Add the stock, bring it"},
       {"Prep time: 15 min", "4.6 out of 5 stars", "Jump to recipe", "This post contains affiliate links",
        "Print recipe", "Rate this recipe"}},
      {{"fr", "en"},
       "Le vélo pliant électrique qui a convaincu notre rédaction\n"
       "Par Claire Dubois\n"
       "Publié le 3 avril 2025 à 10h15\n"
       "Cet article contient des liens affiliés : si vous achetez par leur biais, nous pouvons toucher une commission.\n"
       "Pendant trois semaines, nous avons utilisé ce vélo pliant pour nos trajets entre Lyon et Villeurbanne, sous la pluie comme sous le soleil.\n"
       "La batterie tient environ soixante kilomètres en mode normal, un peu moins dans les montées de la Croix-Rousse, et se recharge en quatre heures.\n"
       "4,5 sur 5 étoiles\n"
       "1 299 € chez Cyclomarché\n"
       "Voir l’offre\n"
       "Le prix reste élevé, mais la qualité du cadre et la facilité du pliage justifient selon nous la dépense pour qui n’a pas de place pour un vélo classique.\n",
       {"Le vélo pliant électrique", "Pendant trois semaines", "La batterie tient", "Le prix reste élevé"},
       {"Par Claire Dubois", "Publié le 3 avril", "Cet article contient des liens affiliés", "4,5 sur 5",
        "1 299 € chez", "Voir l’offre"}},
      {{"es", "en"},
       "Grupo Aldara abre su primera planta de reciclaje de baterías en Zaragoza\n"
       "ZARAGOZA, 12 de mayo de 2025 /Comunicado de prensa/\n"
       "La empresa Grupo Aldara ha inaugurado hoy en Zaragoza una planta capaz de recuperar cada año el litio, el cobalto y el níquel de 20.000 toneladas de baterías usadas.\n"
       "La instalación, que ha supuesto una inversión de 85 millones de euros, dará empleo a 140 personas y funcionará a pleno rendimiento a finales de año.\n"
       "«Queremos que los materiales de las baterías se queden en Europa», ha declarado la consejera delegada, Marta Ibáñez.\n"
       "Contacto de prensa\n"
       "Lucía Romero\n"
       "Departamento de Comunicación\n"
       "prensa@grupoaldara.es\n"
       "+34 910 000 000\n"
       "Fuente: Grupo Aldara\n",
       {"Grupo Aldara abre su primera planta", "La empresa Grupo Aldara ha inaugurado", "La instalación, que ha supuesto",
        "Queremos que los materiales"},
       {"ZARAGOZA, 12 de mayo", "Contacto de prensa", "Lucía Romero", "Departamento de Comunicación",
        "prensa@grupoaldara.es", "+34 910 000 000", "Fuente: Grupo Aldara"}},
  };
  check_pages(pages);
}

TEST_CASE("short headlines, subheads over tables, tables and the sentence under them stay") {
  // A headline of two or three words right above the article (past a
  // menu), a subhead above an in-article table, and prose after the table:
  // the table used to end the article there, and what followed was tail.
  check_pages({
      {{"en"},
       "Home | News | Business | Sport\n"
       "Gao market report\n"
       "Traders at the central market in Gao said on Monday that the price of millet had risen by a third since the start of the month, as convoys from the south were held up at checkpoints.\n"
       "Several stallholders said they had closed early because buyers could no longer afford staple goods, and that the cost of fuel for the generators had doubled.\n"
       "Prices this week\n"
       "Item | Last week | This week\n"
       "Millet, 100 kg | 21,000 | 28,000\n"
       "Rice, 50 kg | 17,500 | 19,000\n"
       "A local official said the authorities were working with the transport unions to reopen the road before the end of the month.\n"
       "Share this article\n",
       {"Gao market report", "Traders at the central market", "Prices this week", "Item | Last week",
        "Millet, 100 kg", "Rice, 50 kg", "A local official said"},
       {"Home | News", "Share this article"}},
      {{"de", "en"},
       "Hochwasserwarnung\n"
       "Flüsse im Osten des Landes sind in der Nacht nach drei Tagen Starkregen über die Ufer getreten, Hunderte Familien mussten ihre Häuser in den Orten entlang des Tals verlassen.\n"
       "Der Wetterdienst erwartet für Donnerstag weiteren Regen und rief die Anwohner der Flüsse dazu auf, sich rechtzeitig in höher gelegene Gebiete zu begeben.\n"
       "Pegelstände am Morgen\n"
       "Ort | Fluss | Pegel (m)\n"
       "Meißen | Elbe | 6,2\n"
       "Grimma | Mulde | 5,8\n"
       "Die Rettungsdienste haben in Schulen und Turnhallen Notunterkünfte eingerichtet.\n",
       {"Flüsse im Osten", "Der Wetterdienst erwartet", "Pegelstände am Morgen", "Ort | Fluss",
        "Meißen | Elbe", "Grimma | Mulde", "Die Rettungsdienste haben"},
       {}},
  });
}

TEST_CASE("lists and tabbed tables inside an article stay; a form's starred fields go") {
  // A recipe page in Italian and a notice in Dutch: a list of quantities, a
  // list of steps with dashes, a two-column table parted by tabs.
  check_pages({
      {{"it", "en"},
       "Home\n"
       "Ricette\n"
       "Dolci\n"
       "Crostata di albicocche della nonna\n"
       "La crostata di albicocche è il dolce che a casa nostra segna l’inizio dell’estate, quando al mercato di Bologna arrivano le prime cassette di frutta matura e profumata.\n"
       "Ingredienti\n"
       "300 g di farina 00\n"
       "150 g di burro freddo\n"
       "2 uova medie\n"
       "500 g di albicocche\n"
       "Preparazione\n"
       "- Lavorate la farina con il burro fino a ottenere un composto sabbioso.\n"
       "- Aggiungete le uova e impastate velocemente, poi fate riposare in frigorifero.\n"
       "- Stendete la pasta, coprite con le albicocche a spicchi e cuocete per quaranta minuti.\n"
       "Lasciate raffreddare del tutto prima di tagliarla, altrimenti la frutta scivola via e il fondo si rompe.\n"
       "Lascia un commento\n"
       "* Nome\n"
       "* Email\n",
       {"Crostata di albicocche", "La crostata di albicocche è", "Ingredienti", "300 g di farina",
        "150 g di burro", "2 uova medie", "500 g di albicocche", "- Lavorate la farina", "- Aggiungete le uova",
        "- Stendete la pasta", "Lasciate raffreddare"},
       {"Lascia un commento", "* Nome", "* Email"}},
      {{"nl", "en"},
       "Gemeente nieuws\n"
       "Nieuwe openingstijden van het zwembad\n"
       "Vanaf maandag 2 september gelden in het gemeentelijk zwembad aan de Parklaan nieuwe openingstijden, omdat het bad in de ochtend vaker wordt gebruikt door scholen en zwemverenigingen.\n"
       "Dag\tOpen\n"
       "Maandag\t7.00 tot 21.00 uur\n"
       "Woensdag\t7.00 tot 22.00 uur\n"
       "Zaterdag\t9.00 tot 17.00 uur\n"
       "Op zondag blijft het zwembad gesloten, behalve in de schoolvakanties, wanneer het van tien tot vier uur open is.\n"
       "Deel dit bericht\n",
       {"Nieuwe openingstijden van het zwembad", "Vanaf maandag 2 september", "Dag\tOpen", "Maandag\t7.00",
        "Woensdag\t7.00", "Zaterdag\t9.00", "Op zondag blijft"},
       {"Deel dit bericht"}},
  });
}

TEST_CASE("an agency's headline in capitals, its dateline and its results table stay") {
  // Wire copy: the headline in capitals, the place and date it was filed
  // from on a line of their own, the story, and the results in rows of
  // names and numbers parted by spaces. A menu in capitals above it still
  // goes, and a recipe's "Backzeit: 35 Min." is no results row.
  check_pages({
      {{"en"},
       "HOME NEWS SPORT\n"
       "SOCCER - JAPAN BEAT SYRIA TO OPEN ASIAN CUP DEFENCE.\n"
       "AL-AIN 1996-12-06\n"
       "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria in a group match on Friday, "
       "after the Syrians had led for most of the first half.\n"
       "Results of the first round of group matches on Friday:\n"
       "Japan 2 Syria 1\n"
       "China 0 Uzbekistan 2\n"
       "South Korea 1 United Arab Emirates 1\n"
       "The tournament's second round is played on Monday, when Japan meet Uzbekistan in Al-Ain.\n",
       {"SOCCER - JAPAN BEAT SYRIA", "AL-AIN 1996-12-06", "Japan began the defence", "Japan 2 Syria 1",
        "China 0 Uzbekistan 2", "South Korea 1 United Arab Emirates 1", "The tournament's second round"},
       {"HOME NEWS SPORT"}},
  });
}

TEST_CASE("a page of results with no paragraph keeps its rows, times and fractions too") {
  // Results as agencies file them, with no paragraph of prose: places,
  // names, countries and race times; standings with games behind in
  // halves. Their rows hold no small words and read like a menu, but they
  // are the page. After an article, lines of a desk and a clock's time
  // are no results rows: a clock's time is no race's.
  check_pages({
      {{"en"},
       "ATHLETICS - ZURICH GRAND PRIX RESULTS.\n"
       "ZURICH 1997-08-13\n"
       "Leading results at the Zurich meeting on Wednesday:\n"
       "Men's mile\n"
       "1. Hicham El Guerrouj (Morocco) 3:44.60\n"
       "2. Noah Ngeny (Kenya) 3:46.38\n"
       "3. Isaac Viciosa (Spain) 3:51.40\n"
       "EASTERN DIVISION\n"
       "BOSTON 69 66 .511 6 1/2\n"
       "TORONTO 63 72 .467 12 1/2\n"
       "DETROIT 49 86 .363 26 1/2\n",
       {"ZURICH 1997-08-13", "1. Hicham El Guerrouj (Morocco) 3:44.60", "2. Noah Ngeny (Kenya) 3:46.38",
        "3. Isaac Viciosa (Spain) 3:51.40",
        "BOSTON 69 66 .511 6 1/2", "TORONTO 63 72 .467 12 1/2", "DETROIT 49 86 .363 26 1/2"},
       {}},
      {{"en"},
       "SOCCER - CHELSEA HOLD ARSENAL IN LONDON DERBY.\n"
       "LONDON 1996-08-31\n"
       "Chelsea and Arsenal drew on Saturday in a derby that neither side could settle, as the league leaders "
       "lost ground to their rivals in the north.\n"
       "Chelsea 2 Arsenal 2\n"
       "Everton 1 Leeds 0\n"
       "London Desk 10:32 GMT 31/08/1996\n"
       "Paris Desk 11:05 GMT 31/08/1996\n",
       {"Chelsea 2 Arsenal 2", "Everton 1 Leeds 0"},
       {"London Desk 10:32 GMT", "Paris Desk 11:05 GMT"}},
  });
}

TEST_CASE("a results page's dateline stays though other stories were filed from there") {
  // The wire files many stories a day from one place: "LONDON 1996-08-31"
  // (its digits folded) is in many stories, and still says where this one
  // comes from.
  const std::string dateline = "LONDON 1996-08-31";
  const auto dateline_print = segment_fingerprint(dateline);
  ClassifyContext corpus;
  corpus.corpus_count = [&](std::uint64_t print) -> std::uint32_t { return print == dateline_print ? 22 : 0; };
  const auto segs = classify(segment("SOCCER - ENGLISH LEAGUE RESULTS.\n" + dateline +
                                     "\nResults of English league matches on Saturday:\n"
                                     "Bradford 1 Tranmere 0\nGrimsby 0 Portsmouth 1\nOldham 3 Stoke 2\n"),
                             corpus);
  CHECK(has_reason(segs, dateline, "repeated in 22 other stories"));
  CHECK(label_of(segs, dateline) == Label::content);
  CHECK(label_of(segs, "Grimsby 0 Portsmouth 1") == Label::content);
}
