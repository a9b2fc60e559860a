#!/usr/bin/env python3
"""Turns the CoNLL-2002 (Spanish, Dutch) and CoNLL-2003 (German) NER data into gold folders.

The same gold format as prepare_conll.py writes for English (see there), one
folder per language: OUT/LANG/train from the split train.conllu, OUT/LANG/testa
from val.conllu, the tuning split. test.conllu is never read: what has been
looked at or tuned on is no test any more.

The copies read are data/conll/{de,es,nl}/ of github.com/Babelscape/wikineural,
three columns a row (index, word, IOB2 tag). The German copy's letters were
once Latin-1 read as Windows-1251 ("Erzдhlung", "ƒrger"): they are turned
back ("Erzählung", "Ärger"). Its val.conllu lost every letter outside ASCII
("Mnchen"), so it is not read: German's tuning split is the last fifth of
train.conllu's documents. The Spanish data has no document marks: every 20 sentences make
a document (the scoring rule counts each document's distinct names, so
documents of a news story's length keep the figures comparable).

Usage: prepare_conll_languages.py --mirror GIT_DIR --out DIR [--language CODE ...]
"""
import argparse
import os
import subprocess

from prepare_conll import git_dir, write_split

LANGUAGES = ("de", "es", "nl")
# The only files read: never test.conllu (see above).
SPLITS = (("train", "train.conllu"), ("testa", "val.conllu"))
SENTENCES_PER_DOCUMENT = 20  # where the data marks no documents
QUOTES = {'"', "'", "«", "»", "„", "“", "”"}

README = """\
# CoNLL-2002 and CoNLL-2003 NER in {language}, as gold folders

Made by `make conll-languages-data` (filters/train/entities/prepare_conll_languages.py)
from data/conll/{language}/train.conllu and val.conllu of
github.com/Babelscape/wikineural: {source}. test.conllu is never read.

The text is news under its publisher's terms, for research use: never
commit or redistribute it. These folders are a cache made from the mirror,
not part of the project; delete them at will.

- train/: {train} documents, training data for the entity tagger.
- testa/: {testa} documents, the tuning set.
"""

SOURCES = {
    "de": "the German data of the CoNLL-2003 shared task (Tjong Kim Sang & De Meulder 2003; "
    "Frankfurter Rundschau, 1992)",
    "es": "the Spanish data of the CoNLL-2002 shared task (Tjong Kim Sang 2002; EFE news agency, 2000)",
    "nl": "the Dutch data of the CoNLL-2002 shared task (Tjong Kim Sang 2002; De Morgen, 2000)",
}


def read_rows(mirror, path, language):
    raw = subprocess.run(["git", "--git-dir", mirror, "show", f"HEAD:{path}"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    if language == "de":
        raw = "".join(GERMAN_REPAIRS.get(ch) or repaired_letter(ch) for ch in raw)
    return raw


# The German copy's letters: Latin-1 bytes once read as Windows-1251, then
# its capitals lowered and its capital umlauts turned into other signs.
GERMAN_REPAIRS = {"я": "ß", "№": "Ü", "ƒ": "Ä", "÷": "Ö"}


def repaired_letter(ch):
    if "\u0400" <= ch <= "\u04ff":  # Cyrillic: back to its Windows-1251 byte, read as Latin-1
        return ch.encode("cp1251").decode("latin-1")
    return ch


def documents(text):
    """Each document as a list of sentences, a sentence a list of (word, tag)."""
    docs, sentences, sentence = [], [], []
    marked = "-DOCSTART-" in text
    for row in text.splitlines() + [""]:
        fields = row.split("\t")
        if not row.strip() or fields[1] == "-DOCSTART-":
            if sentence:
                sentences.append(sentence)
                if not marked and len(sentences) == SENTENCES_PER_DOCUMENT:
                    docs.append(sentences)
                    sentences = []
            sentence = []
            if row.strip() and sentences:
                docs.append(sentences)
                sentences = []
            continue
        if len(fields) != 3:
            raise ValueError(f"not a three-column row: {row!r}")
        word, tag = fields[1], fields[2]
        # A quote mark tagged into a name ('Vitatene "') is no part of it.
        if word in QUOTES:
            tag = "O"
        sentence.append((word, tag))
    if sentences:
        docs.append(sentences)
    return docs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", required=True, help="git directory (or clone) of Babelscape/wikineural")
    parser.add_argument("--out", required=True, help="folder to write; its LANG/train and LANG/testa are replaced")
    parser.add_argument("--language", action="append", choices=LANGUAGES, help="only these (default: all)")
    args = parser.parse_args()
    mirror = git_dir(args.mirror)
    for language in args.language or LANGUAGES:
        counts = {}
        split_docs = {split: documents(read_rows(mirror, f"data/conll/{language}/{name}", language))
                      for split, name in SPLITS if not (language == "de" and split == "testa")}
        if language == "de":
            # This copy's val.conllu lost every letter outside ASCII ("Mnchen"):
            # the tuning split is the last fifth of train.conllu's documents instead.
            cut = len(split_docs["train"]) * 4 // 5
            split_docs["train"], split_docs["testa"] = split_docs["train"][:cut], split_docs["train"][cut:]
        for split, _ in SPLITS:
            write_split(os.path.join(args.out, language, split), f"conll-{language}-{split}", split_docs[split],
                        f"{language} {split}")
            counts[split] = len(split_docs[split])
        with open(os.path.join(args.out, language, "README.md"), "w", encoding="utf-8", newline="\n") as out:
            out.write(README.format(language=language, source=SOURCES[language], **counts))


if __name__ == "__main__":
    main()
