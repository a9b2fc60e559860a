#!/usr/bin/env bash
# The boilerplate filter end to end: furniture is not searchable, every content word is.
. "$(dirname "$0")/lib.sh"

index corpus
expect_exit 0 "index the corpus"

for query in cookies '"leave a reply"' allafrica contrapuntal '"reading time"' '"scroll top"' iotti aguelhock; do
  search "$query"
  expect_exit 1 "boilerplate-only query $query finds nothing"
done

# Every gold content line (and content part of a mixed line) of each seed
# article, searched as all of its words, finds its article.
gold="$WINNOW_SOURCE/tests/data/seed-gold"
queries=$(python3 - "$gold" <<'PY'
import pathlib, re, sys
gold = pathlib.Path(sys.argv[1])
for labels in sorted(gold.glob("*.labels")):
    text = labels.with_suffix(".txt").read_text(encoding="utf-8").split("\n")
    for line, label in zip(text, labels.read_text(encoding="utf-8").split("\n")):
        part = line if label == "C" else label.split("\t", 1)[1] if label.startswith("M\t") else None
        if part is None:
            continue
        # Words only, lower-cased so no word reads as an operator.
        # Numbers keep their separators (15,000 is one term), as the indexer keeps them.
        words = re.findall(r"\d+(?:[.,]\d+)*|[^\W_]+(?:[.'’][^\W_]+)*", part)
        # Mojibake is repaired in the index; its raw letters are no query.
        words = [w.lower() for w in words if not re.search(r"[âÃœ€]", w)]
        if words:
            print(labels.stem + ".txt\t" + " ".join(words))
PY
)
missing=0
checked=0
while IFS=$'\t' read -r file words; do
  checked=$((checked + 1))
  # shellcheck disable=SC2086 # one argument per word
  search --files --limit 10 $words
  if ! printf '%s\n' "$OUT" | grep -qx "corpus/$file"; then
    missing=$((missing + 1))
    echo "content line not found in corpus/$file: $words"
  fi
done <<<"$queries"
expect_true "all $checked content lines of the seed articles are found" test "$missing" = 0
expect_true "content lines were checked" test "$checked" -gt 40

test_done
