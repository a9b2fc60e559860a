#!/usr/bin/env bash
# t230: every article gets a language; words are stemmed and searched in it.
#
# The eight languages' articles of tests/data/langs are indexed next to the
# English corpus. Each is identified as its language; a word finds the
# other forms of its stem in German, French, Spanish, Italian and
# Portuguese; French and Italian elisions split; lang: and --lang filter;
# --list langs and --facets count; English results are those of an index
# of the English articles alone. A toy language given as files only
# (WINNOW_LANG_DIR) has its elisions, stop words, cues and entity titles used.
. "$(dirname "$0")/lib.sh"

cp -R "$WINNOW_SOURCE/tests/data/langs" langs
index --db english corpus
expect_exit 0 "index the English corpus alone"
index corpus langs
expect_exit 0 "index the corpus and the eight languages"

# langs/LANG: its six articles' paths, sorted.
in_language() { (printf '%s\n' langs/"$1"/*.txt) | LC_ALL=C sort; }

for code in de fr es it pt nl pl; do
  search_files --limit 100 "lang:$code"
  expect_eq "lang:$code: its six articles, no other" "$(in_language $code)" "$FILES"
done
search_files --limit 1000 lang:en
expect_eq "lang:en: the six English articles and the corpus" \
  "$( (in_language en; cd "$TMP_DIR" && printf '%s\n' corpus/*.txt) | LC_ALL=C sort)" "$FILES"
search_files --limit 100 --lang DE
expect_eq "--lang DE: the German articles" "$(in_language de)" "$FILES"
search_files --limit 100 --lang de --lang fr
expect_eq "--lang de --lang fr: either" "$( (in_language de; in_language fr) | LC_ALL=C sort)" "$FILES"

# Stems in each language: the form asked for is in none of the files, its stem's other form is.
search_files Wahlen
expect_eq "Wahlen finds the German article that says Wahl" "langs/de/01-bundestagswahl-erstwaehler.txt" "$FILES"
search_files Bundestagswahl
expect_eq "a German compound is found as written" "langs/de/01-bundestagswahl-erstwaehler.txt" "$FILES"
search_files --lang fr élections
expect_eq "élections finds the French article that says élection" "langs/fr/01-diaspora-presidentielle.txt" "$FILES"
search_files --lang es elección
expect_eq "elección finds the Spanish article that says elecciones" "langs/es/01-listas-municipales.txt" "$FILES"
search_files --lang it elezione
expect_eq "elezione finds the Italian article that says elezioni" "langs/it/01-elezioni-europee-astensione.txt" "$FILES"
search_files --lang pt presidentes
expect_true "presidentes finds the Portuguese article that says presidente" \
  grep -qx "langs/pt/01-eleicoes-autarquicas.txt" <<<"$FILES"

# Elisions: l'élection, d'Ivoire and dell'Unione index élection, ivoire and unione.
search_files Ivoire
expect_eq "ivoire: split from d’Ivoire in French" "langs/fr/01-diaspora-presidentielle.txt" "$FILES"
search_files '"côte d’ivoire"'
expect_eq "the phrase as written finds it too" "langs/fr/01-diaspora-presidentielle.txt" "$FILES"
search_files --lang it Unione
expect_eq "unione: split from dell’Unione in Italian" "langs/it/01-elezioni-europee-astensione.txt" "$FILES"
search_files 'ELECTION lang:fr'
expect_eq "case and accents fold in French: ELECTION finds élection" "langs/fr/01-diaspora-presidentielle.txt" "$FILES"

# English results do not change with other languages beside them: the same
# articles, in the same order for a word or a phrase. (The weights follow
# the index's statistics, as they do when any article is added.)
for query in wagner '"security forces"' 'mali NOT wagner' withdrawal 'peace*'; do
  search --db english --json --limit 50 "$query"
  alone=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([r["path"] for r in d["results"]])' "$OUT_FILE")
  search --json --limit 50 --lang en "$query"
  beside=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([r["path"] for r in d["results"] if r["path"].startswith("corpus/")])' "$OUT_FILE")
  if [ "$query" = 'peace*' ]; then
    # Two words of different weight (peace* OR peace): their balance follows
    # the statistics, so only the set is the same.
    alone=$(python3 -c 'import ast,sys; print(sorted(ast.literal_eval(sys.argv[1])))' "$alone")
    beside=$(python3 -c 'import ast,sys; print(sorted(ast.literal_eval(sys.argv[1])))' "$beside")
  fi
  expect_eq "English $query: the same results as in an English index" "$alone" "$beside"
done
search --json wagner
expect_eq "the best match of a multilingual index scores 100, as in one of a language" "" "$(check_json '
need(d["results"][0]["score"] >= 95, "score %r" % d["results"][0]["score"])
')"

# Counting by language.
search --list langs
expect_exit 0 "--list langs: exit 0"
corpus_en=$(( $(cd "$TMP_DIR" && ls corpus/*.txt | wc -l) + 6 ))
expect_eq "--list langs: the documents of each language" \
  "$(printf '%7s  en\n' "$corpus_en"; for code in de es fr it nl pl pt; do printf '      6  %s\n' $code; done)" "$OUT"
search --json --list langs
expect_eq "--list langs --json: a langs array" "" "$(check_json '
need(list(d) == ["langs"], "keys %r" % list(d))
need({v["name"]: v["count"] for v in d["langs"]}.get("de") == 6, "de %r" % d["langs"])
')"
search --json --facets --limit 100 'lang:de OR lang:fr'
expect_eq "--facets: languages counted, each result has its lang" "" "$(check_json '
need({v["name"]: v["count"] for v in d["facets"]["langs"]} == {"de": 6, "fr": 6}, "langs %r" % d["facets"]["langs"])
need(sorted({r["lang"] for r in d["results"]}) == ["de", "fr"], "lang %r" % [r.get("lang") for r in d["results"]])
')"
search Wahlen
expect_contains "the human output names a language other than English" "[de]" "$OUT"

# --explain shows the language and its confidence.
index --explain langs/pl/01-budzet-poznania.txt
expect_true "--explain: lang: pl with a confidence" grep -Eq '^  lang:  pl \([0-9]+%\)$' <<<"$OUT"
printf 'Gao\n' >short.txt
index --explain --lang de short.txt
expect_contains "--explain: too short to tell, read in --lang" "lang:  und (not identified; words read as de)" "$OUT"
index --explain --json short.txt
expect_eq "--explain --json: lang und, read as en" "" "$(check_json '
need(d["lang"] == "und" and d["lang_confidence"] == 0 and d["text_lang"] == "en", "lang %r" % [d.get("lang"), d.get("text_lang")])
')"
index --lang German corpus
expect_exit 2 "--lang German: not a code, exit 2"

# A toy language, as files only: its elided word "zu" splits.
cp -R "$WINNOW_SOURCE/filters/lang" toy-data
mkdir toy-data/xx toy
printf '# a toy language\nzu\n' >toy-data/xx/elisions.txt
printf 'Blorp zu’flanx.\n' >toy/one.txt
WINNOW_LANG_DIR="$TMP_DIR/toy-data" index --db toydb --lang xx toy
expect_exit 0 "toy language: indexed"
WINNOW_LANG_DIR="$TMP_DIR/toy-data" search_files --db toydb flanx
expect_eq "toy language: zu’flanx is zu and flanx, from its elisions.txt" "toy/one.txt" "$FILES"
search_files --db toydb "lang:und"
expect_eq "toy language: the article is und, read as xx" "toy/one.txt" "$FILES"
index --db toydb2 --lang xx toy
search_files --db toydb2 flanx
expect_eq "without the toy language's files, zu’flanx stays one word" "" "$FILES"

# The toy language's stop words and cues, as files only: its paragraph is
# dense in its stop words ("qi", "xu", "vo") and reads as one, and its cue
# "flub wibbel" marks the line after it as furniture. Nonsense words that
# CLD2 does not name, so the article is und and read as --lang xx.
printf '# toy stop words\nqi\nxu\nvo\n' >toy-data/xx/stopwords.txt
printf '# family | strength | where | phrase\ntoy prompt | strong | anywhere | flub wibbel\n' >toy-data/xx/cues.txt
mkdir toy-words
printf '%s\n\n%s\n\n%s\n' 'Qwoxt vrilk zhumf' \
  'Qi qwoxt xu vrilk vo zhumf qi grypht xu xlomp vo squonk qi vlitz xu frumph vo dwozzle qi krimpt xu zwelch vo blorft qi snaxx xu.' \
  'Flub wibbel zonk morta.' >toy-words/two.txt
WINNOW_LANG_DIR="$TMP_DIR/toy-data" index --lang xx --explain --json toy-words/two.txt
expect_eq "toy language: its stop words make a paragraph, its cue furniture" "" "$(check_json '
need(d["lang"] == "und" and d["text_lang"] == "xx", "lang %r" % [d.get("lang"), d.get("text_lang")])
by_line = {s["line"]: s for s in d["segments"]}
need("paragraph" in by_line[3]["reasons"] and by_line[3]["label"] == "content", "line 3: %r" % by_line[3])
need("cue: toy prompt" in by_line[5]["reasons"] and by_line[5]["label"] == "boilerplate", "line 5: %r" % by_line[5])
')"
index --lang xx --explain --json toy-words/two.txt
expect_eq "without the toy language's files, neither is read" "" "$(check_json '
by_line = {s["line"]: s for s in d["segments"]}
need("paragraph" not in by_line[3]["reasons"], "line 3: %r" % by_line[3])
need(by_line[5]["label"] == "content" and not any(r.startswith("cue:") for r in by_line[5]["reasons"]), "line 5: %r" % by_line[5])
')"

# Its title "glorbat" (xx/entity-titles.txt) is cut off before a name, as
# English's "colonel" is; without the file it is part of the name.
printf '# a toy title\nGlorbat\n' >toy-data/xx/entity-titles.txt
mkdir toy-names
printf 'Glorbat Quinn Fargo zu’flanx.\n' >toy-names/one.txt
WINNOW_LANG_DIR="$TMP_DIR/toy-data" index --db toynames --lang xx toy-names
expect_exit 0 "toy language: the article with a title indexed"
search --db toynames --list actors
expect_eq "toy language: the title from its entity-titles.txt is cut off" "      1  Quinn Fargo" "$OUT"
index --db toynames2 --lang xx toy-names
search --db toynames2 --list actors
expect_eq "without the toy language's files, the title is part of the name" "      1  Glorbat Quinn Fargo" "$OUT"

# A language data folder without English's lists is refused before anything is indexed.
mkdir empty-data
WINNOW_LANG_DIR="$TMP_DIR/empty-data" index --db nodata corpus
expect_exit 2 "no language data: exit 2"
expect_contains "no language data: the line names the folder" "empty-data: no language data" "$ERR"
expect_true "no language data: no index made" test ! -e nodata

test_done
