#!/usr/bin/env python3
"""Turns CoNLL-2003's English NER data into gold folders for the entity tagger.

CoNLL-2003 (Tjong Kim Sang & De Meulder, 2003) is Reuters news from
1996-97, tokenised one word a line with a hand-made name tag (PER, ORG, LOC,
MISC, IOB1). Its split eng.train is training data for the entity tagger, and
eng.testa a tuning set: each becomes a folder of documents in the gold
format of tests/data/seed-gold/README.md, so winnow-eval --entities can score
the extractor on them as on the project's own gold. eng.testb is never read
(this script names only the two files it needs): the team measures on it,
and what has been looked at or tuned on is no test any more.

Each CoNLL document (between -DOCSTART- lines) becomes, in OUT/train/ or
OUT/testa/, conll-SPLIT-NNNN with
  .txt            its text, one sentence a line, detokenised to read like the
                  news text winnow indexes (the extractor sees prose, not
                  tokens);
  .labels         C for every line (the whole document is content);
  .entities.json  the gold entities: PER and ORG spans are actors, LOC spans
                  places (the team's scoring rule), and MISC names "ignored":
                  scored neither way;
  .spans          every gold span, MISC included, as START END TYPE with
                  byte offsets into .txt (END exclusive), for training.
The same mirror gives the same bytes.

Usage: prepare_conll.py --mirror GIT_DIR --out DIR
(GIT_DIR: a bare mirror or a clone, or its .git, of github.com/ZhixiuYe/HSCRF-pytorch.)
"""
import argparse
import json
import os
import shutil
import subprocess

# The only files read: never data/eng.testb (see above).
SPLITS = (("train", "data/eng.train"), ("testa", "data/eng.testa"))
SPAN_TYPES = ("PER", "ORG", "LOC", "MISC")
# The team's rule: people and organisations are actors, locations places.
# MISC names (nationalities, events, products) are scored neither way: they
# are listed as "ignored", so that a name found in one (a demonym read as its
# country, as the project's gold marks it) is no false positive either.
KIND_OF_TYPE = {"PER": "actors", "ORG": "actors", "LOC": "places", "MISC": "ignored"}

# Tokens written against the word before them, as news text prints them.
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'"}
# Clitics split off by the tokeniser (case-insensitive: headlines are in capitals).
CLITICS = {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
# Tokens the next word is written against.
NO_SPACE_AFTER = {"(", "[", "{", "$"}

README = """\
# CoNLL-2003 English NER, as gold folders

Made by `make conll-data` (filters/train/entities/prepare_conll.py) from
data/eng.train and data/eng.testa of github.com/ZhixiuYe/HSCRF-pytorch: the
data of the CoNLL-2003 shared task (Tjong Kim Sang & De Meulder 2003,
"Introduction to the CoNLL-2003 Shared Task: Language-Independent Named
Entity Recognition"). eng.testb is never read: the team measures on it.

The text is Reuters news (RCV1), for research use under the Reuters Corpus
agreement: never commit or redistribute it. These folders are a cache made
from the mirror, not part of the project; delete them at will.

- train/: {train} documents, training data for the entity tagger.
- testa/: {testa} documents, the tuning set.

Each document: NAME.txt (one sentence a line), NAME.labels (all C),
NAME.entities.json (PER and ORG as actors, LOC as places, MISC as ignored) and
NAME.spans (START, END, TYPE: byte offsets into NAME.txt, every type).
"""


def git_dir(path):
    """The git directory of a bare mirror, a clone, or a clone's .git."""
    dot_git = os.path.join(path, ".git")
    return dot_git if os.path.isdir(dot_git) else path


def read_conll(mirror, path):
    text = subprocess.run(["git", "--git-dir", mirror, "show", f"HEAD:{path}"],
                          check=True, capture_output=True).stdout
    # CoNLL-2003 predates UTF-8 on Reuters' wires: its bytes are Latin-1 (in practice ASCII).
    return text.decode("latin-1")


def documents(conll):
    """Each document as a list of sentences, a sentence a list of (word, tag).

    -DOCSTART- lines separate documents (this copy has none before the first
    and one after the last, so empty documents are dropped); blank lines
    separate sentences.
    """
    docs, sentences, sentence = [], [], []
    for row in conll.splitlines() + [""]:
        fields = row.split()
        if not fields or fields[0] == "-DOCSTART-":
            if sentence:
                sentences.append(sentence)
            sentence = []
            if fields and sentences:
                docs.append(sentences)
                sentences = []
            continue
        if len(fields) != 4:
            raise ValueError(f"not a four-column CoNLL row: {row!r}")
        sentence.append((fields[0], fields[3]))
    if sentences:
        docs.append(sentences)
    return docs


def attaches_left(token):
    return token in NO_SPACE_BEFORE or token.lower() in CLITICS


def detokenise(tokens):
    """The tokens as one line of text, and each token's (start, end) in it (characters)."""
    text, offsets = "", []
    glue_next = True  # nothing before the first token
    open_quote = False  # straight double quotes alternate opening and closing within a sentence
    for token in tokens:
        if token == '"':
            glue = glue_next or open_quote  # a closing quote goes against the word before it
            open_quote = not open_quote
            glue_after = open_quote  # an opening quote goes against the word after it
        else:
            glue = glue_next or attaches_left(token)
            glue_after = token in NO_SPACE_AFTER
        if not glue:
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
        glue_next = glue_after
    return text, offsets


def spans_of(tags):
    """IOB1 tags as (first, last + 1, type) token ranges.

    I-X continues a name of type X, or starts one after O or another type;
    B-X starts a new one only where two names of one type touch.
    """
    spans = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        prefix, kind = tag.split("-", 1)
        if kind not in SPAN_TYPES or prefix not in ("I", "B"):
            raise ValueError(f"unknown tag {tag!r}")
        if prefix == "I" and spans and spans[-1][1] == i and spans[-1][2] == kind:
            spans[-1][1] = i + 1
        else:
            spans.append([i, i + 1, kind])
    return [tuple(span) for span in spans]


def gold_entities(mentions):
    """The document's actors and places from its (surface, type) mentions, in order.

    An entity is a distinct surface text of one kind, case aside (the
    headline's "LEICESTERSHIRE" is the text's "Leicestershire"); a one-word
    PER name that is the last word of a longer PER name of the document
    ("Simmons", "Phil Simmons") is that person, and joins the first such
    name. The name is the longest form, the aliases every form in order of
    first use.
    """
    out = {"actors": [], "places": [], "ignored": []}
    for kind in out:
        forms = []  # distinct surface forms of the kind, in order of first use
        per_forms = set()
        for surface, span_type in mentions:
            if KIND_OF_TYPE.get(span_type) != kind:
                continue
            if surface not in forms:
                forms.append(surface)
            if span_type == "PER":
                per_forms.add(surface)
        owner = {form: form for form in forms}  # form -> the form whose group it joins
        first_of_case = {}  # casefolded form -> its first form not in capitals, else its first
        for form in forms:
            folded = form.casefold()
            known = first_of_case.get(folded)
            if known is None or (known.isupper() and not form.isupper()):
                first_of_case[folded] = form
        for form in forms:
            owner[form] = first_of_case[form.casefold()]
        for form in forms:
            if form in per_forms and " " not in form:
                longer = [f for f in forms if f in per_forms and " " in f and f.split(" ")[-1].casefold() == form.casefold()]
                if longer:
                    owner[form] = owner[longer[0]]
        # A form may join a form that itself joined another: follow to the end.
        for form in forms:
            while owner[owner[form]] != owner[form]:
                owner[form] = owner[owner[form]]
        groups = {}  # group head -> its forms in order of first use; dicts keep insertion order
        for form in forms:
            groups.setdefault(owner[form], []).append(form)
        # Entities in order of their first mention (a surname before the full name counts).
        for aliases in sorted(groups.values(), key=lambda group: forms.index(group[0])):
            name = max(aliases, key=len)  # the first of the longest, as max keeps the first
            out[kind].append({"name": name, "aliases": aliases})
    return out


def write_document(folder, name, sentences):
    """Writes the document's four files; returns its line count and span counts per type."""
    lines, spans, mentions = [], [], []
    position = 0  # byte offset of the current line in NAME.txt
    for sentence in sentences:
        words = [word for word, _ in sentence]
        line, offsets = detokenise(words)
        for first, end, span_type in spans_of([tag for _, tag in sentence]):
            start_char, end_char = offsets[first][0], offsets[end - 1][1]
            surface = line[start_char:end_char]
            # The span must read as its own tokens do, detokenised alone.
            assert surface == detokenise(words[first:end])[0], (name, surface, words[first:end])
            start = position + len(line[:start_char].encode("utf-8"))
            spans.append((start, start + len(surface.encode("utf-8")), span_type, surface))
            mentions.append((surface, span_type))
        lines.append(line)
        position += len(line.encode("utf-8")) + 1
    assert all(line and line == line.strip(" ") for line in lines), name
    base = os.path.join(folder, name)
    body = ("\n".join(lines) + "\n").encode("utf-8")
    with open(base + ".txt", "wb") as out:
        out.write(body)
    with open(base + ".labels", "w", encoding="utf-8", newline="\n") as out:
        out.write("C\n" * len(lines))
    with open(base + ".entities.json", "w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(gold_entities(mentions), ensure_ascii=False, indent=2) + "\n")
    with open(base + ".spans", "w", encoding="utf-8", newline="\n") as out:
        for start, end, span_type, surface in spans:
            # The offsets must pick the entity out of the bytes as written.
            assert body[start:end].decode("utf-8") == surface, (name, start, end, surface)
            out.write(f"{start}\t{end}\t{span_type}\n")
    counts = {span_type: 0 for span_type in SPAN_TYPES}
    for _, _, span_type, _ in spans:
        counts[span_type] += 1
    return len(lines), counts


def write_split(folder, stem, docs, label):
    """Writes each document as folder/STEM-NNNN (the folder replaced whole, so
    no file of an earlier run is left behind) and prints what it holds."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    total_lines, totals = 0, {span_type: 0 for span_type in SPAN_TYPES}
    for number, sentences in enumerate(docs, 1):
        lines, counts = write_document(folder, f"{stem}-{number:04d}", sentences)
        total_lines += lines
        for span_type in SPAN_TYPES:
            totals[span_type] += counts[span_type]
    spans = ", ".join(f"{span_type} {totals[span_type]}" for span_type in SPAN_TYPES)
    print(f"{label}: {len(docs)} documents, {total_lines} lines, spans {spans}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", required=True, help="git directory (or clone) of ZhixiuYe/HSCRF-pytorch")
    parser.add_argument("--out", required=True, help="folder to write; its train/ and testa/ are replaced")
    args = parser.parse_args()
    mirror = git_dir(args.mirror)

    os.makedirs(args.out, exist_ok=True)
    document_counts = {}
    for split, path in SPLITS:
        docs = documents(read_conll(mirror, path))
        write_split(os.path.join(args.out, split), f"conll-{split}", docs, split)
        document_counts[split] = len(docs)
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8", newline="\n") as out:
        out.write(README.format(**document_counts))


if __name__ == "__main__":
    main()
