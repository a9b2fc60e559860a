#!/usr/bin/env python3
"""Turns L3S-GN1's annotated pages into gold folders, split by site.

L3S-GN1 (Kohlschütter et al., WSDM 2010) is 621 Google News pages of 408
sites with each text block labelled by hand. Each page becomes what a
scraper saves, NAME.txt (its visible text, one block a line), and NAME.labels
in the gold format of tests/data/seed-gold/README.md (and NAME.kinds, each
line's L3S class by name, for figures per kind): a line is C when most
of its characters are headline or full text, B otherwise (supplemental text
such as captions, related links, user comments and everything unlabelled;
the team's gold marks captions, teasers and comment threads as boilerplate).

Pages are split by site (the URL's host without "www."), by a stable hash of
it: about 70% train, 15% dev, 15% test, no site in two splits. Output is
OUT/{train,dev,test}/NAME.{txt,labels} and OUT/sites.tsv; the same mirror
gives the same bytes.

Scrapers save whole pages, menus and all, but as often just the article
with a little furniture around it. Each split therefore also has a trimmed
copy, OUT/SPLIT-trimmed/: every page cut to its article, from three lines
before its first content line to three after its last. Without them a model
learns that a page which is mostly prose is suspect (on whole pages, the
rules keep many menus), and drops the paragraphs of a clean article.

Usage: prepare_l3s.py --mirror GIT_DIR --out DIR
(GIT_DIR: a clone or bare mirror of github.com/geodrome/page-signal.)
"""
import argparse
import hashlib
import html.parser
import os
import re
import shutil
import subprocess
import sys

DATASET = "L3S-GN1-20100130203947-00001"

# Tags that end a line of visible text; inline tags (a, b, i, span, em, ...) do not.
BLOCK_TAGS = set(
    "address article aside blockquote br center dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section select table tbody td tfoot th "
    "thead title tr ul".split())
# Their text is never shown.
HIDDEN_TAGS = {"script", "style", "noscript", "select", "option", "textarea"}
# x-nc-selN: 1 headline, 2 full text, 3 supplemental, 4 related content,
# 5 user comments; 0 or no class: not content (Readme-L3S-GN1.txt).
CONTENT_CLASSES = {1, 2}
# NAME.kinds: each line's class with the most characters, for winnow-eval's
# figures per kind.
KIND_NAMES = {0: "not-content", 1: "headline", 2: "full-text", 3: "supplemental", 4: "related", 5: "comments"}


class VisibleText(html.parser.HTMLParser):
    """Lines of (text, L3S class) pieces, as a browser would break them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.pieces = []
        self.classes = []  # the x-nc-sel class of each open span, or None
        self.hidden = 0

    def end_line(self):
        if any(text.strip() for text, _ in self.pieces):
            self.lines.append(self.pieces)
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        if tag in BLOCK_TAGS:
            self.end_line()
        if tag == "span":
            match = re.match(r"x-nc-sel(\d)", dict(attrs).get("class") or "")
            self.classes.append(int(match.group(1)) if match else None)

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        if tag in BLOCK_TAGS:
            self.end_line()
        if tag == "span" and self.classes:
            self.classes.pop()

    def handle_data(self, data):
        if self.hidden:
            return
        label = next((c for c in reversed(self.classes) if c is not None), 0)
        self.pieces.append((data, label))


def git(mirror, *args):
    return subprocess.run(["git", "-C", mirror, *args], check=True, capture_output=True).stdout


def split_of(host):
    bucket = int(hashlib.sha1(host.encode()).hexdigest(), 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def page_lines(markup):
    # The annotator's own <head> (styles, scripts) holds no page text.
    markup = re.sub(r"(?is)<head\b.*?</head>", "", markup)
    parser = VisibleText()
    parser.feed(markup)
    parser.close()
    parser.end_line()
    lines, labels, kinds = [], [], []
    for pieces in parser.lines:
        text = re.sub(r"\s+", " ", "".join(text for text, _ in pieces)).strip()
        if not text:
            continue
        content = sum(len(t.strip()) for t, c in pieces if c in CONTENT_CLASSES)
        total = sum(len(t.strip()) for t, _ in pieces)
        lines.append(text)
        labels.append("C" if total and 2 * content > total else "B")
        chars = {}
        for t, c in pieces:
            chars[c] = chars.get(c, 0) + len(t.strip())
        # Ties go to the lower class number, so the same page gives the same kinds.
        kinds.append(KIND_NAMES.get(max(sorted(chars), key=lambda c: chars[c]), "not-content"))
    return lines, labels, kinds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", required=True, help="git directory of geodrome/page-signal")
    parser.add_argument("--out", required=True, help="folder to write (replaced)")
    args = parser.parse_args()

    urls = {}
    for row in git(args.mirror, "show", f"HEAD:{DATASET}/url-mapping.txt").decode().splitlines():
        urn, url = row.split("\t", 1)
        urls[urn.strip("<>").removeprefix("urn:uuid:")] = url
    names = git(args.mirror, "ls-tree", "--name-only", f"HEAD:{DATASET}/annotated/").decode().split()

    shutil.rmtree(args.out, ignore_errors=True)
    for split in ("train", "dev", "test"):
        os.makedirs(os.path.join(args.out, split))
        os.makedirs(os.path.join(args.out, split + "-trimmed"))
    sites = []
    for name in sorted(names):
        uuid = name.removesuffix(".html")
        path = f"{DATASET}/annotated/{name}"
        try:
            lines, labels, kinds = page_lines(git(args.mirror, "show", f"HEAD:{path}").decode("utf-8", "replace"))
        except (subprocess.CalledProcessError, AssertionError) as error:
            print(f"prepare_l3s.py: {path}: {error}", file=sys.stderr)
            continue
        if not lines or "C" not in labels:
            print(f"prepare_l3s.py: {path}: no labelled content; left out", file=sys.stderr)
            continue
        host = urls.get(uuid, "unknown://unknown/").split("/")[2].removeprefix("www.")
        split = split_of(host)
        sites.append(f"{uuid}\t{host}\t{split}")
        first = labels.index("C")
        last = len(labels) - 1 - labels[::-1].index("C")
        keep = slice(max(0, first - 3), last + 4)
        for folder, page, page_labels, page_kinds in ((split, lines, labels, kinds),
                                                      (split + "-trimmed", lines[keep], labels[keep], kinds[keep])):
            base = os.path.join(args.out, folder, uuid)
            with open(base + ".txt", "w", encoding="utf-8") as out:
                out.write("\n".join(page) + "\n")
            with open(base + ".labels", "w", encoding="utf-8") as out:
                out.write("\n".join(page_labels) + "\n")
            with open(base + ".kinds", "w", encoding="utf-8") as out:
                out.write("\n".join(page_kinds) + "\n")
    with open(os.path.join(args.out, "sites.tsv"), "w", encoding="utf-8") as out:
        out.write("page\thost\tsplit\n" + "\n".join(sites) + "\n")
    for split in ("train", "dev", "test"):
        chosen = [row for row in sites if row.endswith("\t" + split)]
        hosts = {row.split("\t")[1] for row in chosen}
        print(f"{split}: {len(chosen)} pages of {len(hosts)} sites")


if __name__ == "__main__":
    main()
