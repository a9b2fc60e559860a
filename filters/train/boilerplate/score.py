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
filter (every line), a 60-character line cut, a jusText-style classifier
(jusText's classic algorithm with its default parameters, reimplemented
here, since jusText is not in Debian; it reads the project's stop words,
shorter than jusText's own lists) and, with --predicted DIR, the
NAME.txt files of DIR (`winnow-eval --write-cleaned DIR FOLDER`).

Usage: score.py GOLD_FOLDER [--predicted DIR] [--stopwords FILE]
"""
import argparse
import collections
import os
import re

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
    ap.add_argument("--stopwords", default=os.path.join(here, "..", "..", "lang", "en", "stopwords.txt"))
    args = ap.parse_args()
    with open(args.stopwords, encoding="utf-8") as f:
        stopwords = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    docs = load(args.gold)
    systems = {
        "gold (self-check)": lambda stem, lines, content: content,
        "no filter": lambda stem, lines, content: [l for l in lines if l.strip()],
        "60-character cut": lambda stem, lines, content: [l for l in lines if len(l.strip()) >= 60],
        "jusText-style": lambda stem, lines, content: justext_style(lines, stopwords),
    }
    if args.predicted:
        def predicted(stem, lines, content):
            path = os.path.join(args.predicted, stem + ".txt")
            with open(path, encoding="utf-8", errors="replace") as f:
                return [l for l in f.read().split("\n") if l.strip()]
        systems["winnow"] = predicted
    print(f"{'system':<20} {'shingle F1':>10} {'snippet P':>9} {'snippet R':>9} {'snippet F1':>10}")
    for name, system in systems.items():
        f1s, totals = [], [0, 0, 0, 0]
        for stem, lines, content in docs:
            pred = system(stem, lines, content)
            f1s.append(shingle_f1("\n".join(pred), "\n".join(content)))
            totals = [a + b for a, b in zip(totals, snippet_counts(pred, content))]
        p = totals[0] / totals[1] if totals[1] else 0.0
        r = totals[2] / totals[3] if totals[3] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<20} {sum(f1s) / len(f1s):>10.3f} {p:>9.3f} {r:>9.3f} {f1:>10.3f}")


if __name__ == "__main__":
    main()
