#!/usr/bin/env python3
"""Scores cleaned text against a gold folder with two measures, and baselines.

- shingle F1: per document, precision and recall of the multiset of word
  4-gram shingles (lower-cased words of letters and digits) of the
  predicted text against the gold content, as the ScrapingHub
  article-extraction benchmark does; averaged over documents.
- snippet F1: each gold content line is a snippet, found when its words
  appear, in order, in the prediction; each predicted line is right when
  its words appear in the gold content. Micro-averaged over the folder.

Systems: the gold content itself (the scorer's self-check, 1.000), no
filter (every line), a 60-character line cut, "jusText-style (ours)"
(jusText's classic algorithm with its default parameters, reimplemented
over lines; it reads the project's stop words, shorter than jusText's own
lists), with --justext DIR the real jusText, and with --predicted DIR the
NAME.txt files of DIR (`winnow-eval --write-cleaned DIR FOLDER`).

jusText is not in Debian. It is read from a mirror of its GitHub
repository (github.com/miso-belica/jusText): `justext_cache.sh MIRROR`
extracts its `justext/` package into the git-ignored .cache/justext/, and
`--justext .cache/justext` imports it from there. It needs lxml (Debian's
python3-lxml, for /usr/bin/python3). Each page becomes
`<html><body><p>LINE</p>...</body></html>`, one <p> per non-blank line,
HTML-escaped; justext.justext() runs with its default parameters and the
stoplist of --justext-language, and the paragraphs it does not call
boilerplate are mapped back to their lines.

Usage: score.py GOLD_FOLDER [--predicted DIR] [--stopwords FILE]
                [--justext DIR [--justext-language NAME|auto]]
"""
import argparse
import collections
import html
import os
import re
import sys

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def shingles(text, n=4):
    w = words(text)
    if len(w) < n:
        return collections.Counter([tuple(w)] if w else [])
    return collections.Counter(tuple(w[i:i + n]) for i in range(len(w) - n + 1))


def prf(tp, predicted, gold):
    p = tp / predicted if predicted else (1.0 if not gold else 0.0)
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shingle_f1(predicted, gold):
    ps, gs = shingles(predicted), shingles(gold)
    tp = sum((ps & gs).values())
    return prf(tp, sum(ps.values()), sum(gs.values()))[2]


def load(folder):
    docs = []
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".txt")):
        stem = name[:-4]
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        with open(os.path.join(folder, stem + ".labels"), encoding="utf-8") as f:
            labels = f.read().split("\n")
        if labels and labels[-1] == "":
            labels.pop()
        content = []
        for line, label in zip(lines, labels):
            if label == "C":
                content.append(line)
            elif label.startswith("M\t"):
                content.append(label[2:])
        docs.append((stem, lines, content))
    return docs


def justext_style(lines, stopwords):
    """jusText's classic algorithm over lines: length and stop-word density
    classes, then the context pass for short and near-good blocks."""
    LENGTH_LOW, LENGTH_HIGH, STOP_LOW, STOP_HIGH = 70, 200, 0.30, 0.32
    classes = []
    for line in lines:
        w = words(line)
        density = sum(1 for x in w if x in stopwords) / len(w) if w else 0.0
        if not line.strip():
            classes.append(None)
        elif len(line) < LENGTH_LOW:
            classes.append("short")
        elif density >= STOP_HIGH:
            classes.append("good" if len(line) > LENGTH_HIGH else "near")
        elif density >= STOP_LOW:
            classes.append("near")
        else:
            classes.append("bad")
    idx = [i for i, c in enumerate(classes) if c is not None]

    def neighbour(pos, step, final, ignore_near):
        j = pos + step
        while 0 <= j < len(idx):
            c = final[idx[j]]
            if c in ("good", "bad"):
                return c
            if c == "near" and not ignore_near:
                return c
            j += step
        return "bad"

    # As jusText: each pass reads the classes before it and applies its
    # changes at the end; a neighbour past either end of the page is bad.
    revised = list(classes)
    for pos, i in enumerate(idx):  # short blocks
        if classes[i] != "short":
            continue
        prev, nxt = neighbour(pos, -1, classes, True), neighbour(pos, 1, classes, True)
        if prev == nxt == "good":
            revised[i] = "good"
        elif prev == nxt == "bad":
            revised[i] = "bad"
        elif (prev == "bad" and neighbour(pos, -1, classes, False) == "near") or \
                (nxt == "bad" and neighbour(pos, 1, classes, False) == "near"):
            revised[i] = "good"
        else:
            revised[i] = "bad"
    final = list(revised)
    for pos, i in enumerate(idx):  # near-good blocks
        if revised[i] != "near":
            continue
        prev, nxt = neighbour(pos, -1, revised, True), neighbour(pos, 1, revised, True)
        final[i] = "bad" if prev == nxt == "bad" else "good"
    return [line for line, c in zip(lines, final) if c == "good"]


# The project's two-letter language codes (filters/lang/) and jusText's
# stoplist names, for --justext-language auto.
JUSTEXT_LANGUAGES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish",
    "it": "Italian", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
    "da": "Danish", "fi": "Finnish", "hu": "Hungarian", "id": "Indonesian",
    "no": "Norwegian_Bokmal", "ro": "Romanian", "ru": "Russian", "sv": "Swedish",
}


def import_justext(folder):
    """Imports the justext package from FOLDER (which holds justext/)."""
    folder = os.path.abspath(folder)
    if not os.path.isfile(os.path.join(folder, "justext", "__init__.py")):
        sys.exit(f"score.py: no justext/ package in {folder} (justext_cache.sh MIRROR extracts it)")
    sys.path.insert(0, folder)
    try:
        import justext
    except ImportError as e:
        sys.exit(f"score.py: cannot import jusText from {folder}: {e}\n"
                 "jusText needs lxml: apt-get install python3-lxml, and run score.py "
                 "with the Python it is installed for (/usr/bin/python3)")
    if not os.path.abspath(justext.__file__).startswith(folder + os.sep):
        sys.exit(f"score.py: imported jusText from {justext.__file__}, not from {folder}")
    return justext


def justext_language(name, gold):
    """jusText's stoplist name: NAME, or with "auto" the language of the
    gold folder's two-letter name (or its parent's), else English."""
    if name != "auto":
        return name
    folder = os.path.abspath(gold)
    for part in (os.path.basename(folder), os.path.basename(os.path.dirname(folder))):
        if re.fullmatch(r"[a-z]{2}", part):
            if part in JUSTEXT_LANGUAGES:
                return JUSTEXT_LANGUAGES[part]
            print(f"score.py: no jusText stoplist known for {part!r}; using English", file=sys.stderr)
            return "English"
    return "English"


class RealJustext:
    """The real jusText over a page of lines: one <p> a non-blank line."""

    def __init__(self, justext, language):
        self.justext = justext
        self.stoplist = justext.get_stoplist(language)
        self.fallbacks = []   # pages whose paragraphs are not one a line
        self.unmatched = 0    # kept paragraphs matched to no line
        self.empty = []       # pages where jusText keeps nothing

    def __call__(self, stem, lines, content):
        from justext.utils import normalize_whitespace
        blocks = [l for l in lines if l.strip()]
        page = ("<html><body>" + "".join(f"<p>{html.escape(l, quote=False)}</p>" for l in blocks)
                + "</body></html>")
        paragraphs = self.justext.justext(page.encode("utf-8"), self.stoplist)
        expected = [normalize_whitespace(l.strip()) for l in blocks]
        if [p.text for p in paragraphs] == expected:
            kept = [l for l, p in zip(blocks, paragraphs) if not p.is_boilerplate]
        else:
            # Paragraphs are not one a <p> (the parser dropped or split
            # something, such as a control character): match each
            # paragraph, in order, to the next line of the same text, or
            # failing that of the same letters and digits.
            self.fallbacks.append(f"{stem} ({len(paragraphs)} paragraphs, {len(blocks)} lines)")
            kept, start = [], 0
            for p in paragraphs:
                found = next((j for j in range(start, len(blocks)) if expected[j] == p.text), None)
                if found is None:
                    pw = "".join(words(p.text))
                    found = next((j for j in range(start, len(blocks)) if "".join(words(blocks[j])) == pw),
                                 None)
                if found is not None:
                    start = found + 1
                if p.is_boilerplate:
                    continue
                if found is None:
                    self.unmatched += 1
                    kept.append(p.text)
                else:
                    kept.append(blocks[found])
        if not kept:
            self.empty.append(stem)
        return kept

    def report(self, name):
        if self.fallbacks:
            print(f"{name}: {len(self.fallbacks)} pages matched by text, not order: "
                  + ", ".join(self.fallbacks) + f"; {self.unmatched} kept paragraphs matched to no line",
                  file=sys.stderr)
        if self.empty:
            print(f"{name}: keeps nothing of {len(self.empty)} pages: " + ", ".join(self.empty),
                  file=sys.stderr)


def snippet_counts(predicted_lines, gold_lines):
    pred_words = " ".join(" ".join(words(l)) for l in predicted_lines)
    gold_words = " ".join(" ".join(words(l)) for l in gold_lines)
    gold_found = sum(1 for l in gold_lines if words(l) and " ".join(words(l)) in pred_words)
    pred_right = sum(1 for l in predicted_lines if words(l) and " ".join(words(l)) in gold_words)
    return (pred_right, sum(1 for l in predicted_lines if words(l)),
            gold_found, sum(1 for l in gold_lines if words(l)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--predicted", help="folder of NAME.txt cleaned files (winnow-eval --write-cleaned)")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--stopwords", default=os.path.join(here, "..", "..", "lang", "en", "stopwords.txt"),
                    help="stop words of the jusText-style reimplementation (default: the project's English)")
    ap.add_argument("--justext", metavar="DIR",
                    help="score the real jusText, imported from DIR/justext (justext_cache.sh writes .cache/justext)")
    ap.add_argument("--justext-language", default="English", metavar="NAME",
                    help="jusText's stoplist: English, German, French, Spanish, Italian, Dutch, Polish, "
                         "Portuguese, ...; auto: from the folder's two-letter name (default: English)")
    args = ap.parse_args()
    with open(args.stopwords, encoding="utf-8") as f:
        stopwords = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    docs = load(args.gold)
    systems = {
        "gold (self-check)": lambda stem, lines, content: content,
        "no filter": lambda stem, lines, content: [l for l in lines if l.strip()],
        "60-character cut": lambda stem, lines, content: [l for l in lines if len(l.strip()) >= 60],
        "jusText-style (ours)": lambda stem, lines, content: justext_style(lines, stopwords),
    }
    real = None
    if args.justext:
        justext = import_justext(args.justext)
        language = justext_language(args.justext_language, args.gold)
        if language not in justext.get_stoplists():
            sys.exit(f"score.py: jusText has no stoplist {language!r}")
        real = RealJustext(justext, language)
        real_name = f"jusText {justext.__version__}"
        print(f"{real_name}: stoplist {language}", file=sys.stderr)
        systems[real_name] = real
    if args.predicted:
        def predicted(stem, lines, content):
            path = os.path.join(args.predicted, stem + ".txt")
            with open(path, encoding="utf-8", errors="replace") as f:
                return [l for l in f.read().split("\n") if l.strip()]
        systems["winnow"] = predicted
    print(f"{'system':<22} {'shingle F1':>10} {'snippet P':>9} {'snippet R':>9} {'snippet F1':>10}")
    for name, system in systems.items():
        f1s, totals = [], [0, 0, 0, 0]
        for stem, lines, content in docs:
            pred = system(stem, lines, content)
            f1s.append(shingle_f1("\n".join(pred), "\n".join(content)))
            totals = [a + b for a, b in zip(totals, snippet_counts(pred, content))]
        p = totals[0] / totals[1] if totals[1] else 0.0
        r = totals[2] / totals[3] if totals[3] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<22} {sum(f1s) / len(f1s):>10.3f} {p:>9.3f} {r:>9.3f} {f1:>10.3f}")
    if real:
        real.report(real_name)


if __name__ == "__main__":
    main()
