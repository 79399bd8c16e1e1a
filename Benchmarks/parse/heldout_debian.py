#!/usr/bin/env python3
"""Collects held-out feeds from Debian's source archives of four of the corpus's upstreams.

usage: heldout_debian.py SOURCES_DIR MANIFEST.tsv OUT_DIR

SOURCES_DIR holds the unpacked archives (gofeed-*, rome-*, newsboat-*, and miniflux's v2-*).
Every feed file of gofeed, rome and newsboat is copied to OUT_DIR as PREFIX__path__with__underscores,
and every Go raw-string feed of miniflux's internal/reader tests (`data := `...``) is written
dedented and stripped, as the corpus extracts them, as miniflux-inline__PACKAGE__TestName.xml.
Files the public corpus already holds (MANIFEST.tsv's source_path for the same repository) are left out.
"""
import csv
import os
import re
import sys

UPSTREAMS = [("gofeed-", "mmcdole/gofeed", "gofeed"), ("rome-", "rometools/rome", "rome"), ("newsboat-", "newsboat/newsboat", "newsboat")]
FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf", b"<rdf", b"<channel")


def looks_like_feed(path):
    with open(path, "rb") as f:
        head = f.read(4000).lower()
    return any(root in head for root in FEED_ROOTS)


def main():
    sources, manifest, out = sys.argv[1:4]
    taken = {}
    with open(manifest, newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            taken.setdefault(row[10], set()).add(row[12])
    os.makedirs(out, exist_ok=True)
    counts = {}
    for entry in sorted(os.listdir(sources)):
        for stem, repo, prefix in UPSTREAMS:
            if not entry.startswith(stem):
                continue
            base = os.path.join(sources, entry)
            for folder, _, names in os.walk(base):
                for name in names:
                    path = os.path.join(folder, name)
                    rel = os.path.relpath(path, base)
                    if not name.endswith((".xml", ".rss", ".atom", ".rdf")) or rel in taken.get(repo, ()):
                        continue
                    if os.path.getsize(path) > 400_000 or not looks_like_feed(path):
                        continue
                    with open(path, "rb") as src, open(os.path.join(out, prefix + "__" + rel.replace("/", "__")), "wb") as dst:
                        dst.write(src.read())
                    counts[prefix] = counts.get(prefix, 0) + 1
        if entry.startswith("v2-"):
            inline = {p.split("#")[1] for p in taken.get("miniflux/v2", ()) if "#" in p}
            for folder, _, names in os.walk(os.path.join(sources, entry, "internal", "reader")):
                for name in names:
                    if not name.endswith("_test.go"):
                        continue
                    with open(os.path.join(folder, name), encoding="utf-8") as f:
                        source = f.read()
                    package = os.path.basename(folder) if name == "parser_test.go" else name[: -len("_test.go")]
                    for test in re.finditer(r"func (Test\w+)\(t \*testing\.T\) \{(.*?)\n\}", source, re.S):
                        data = re.search(r"data := `(.*?)`", test.group(2), re.S)
                        if test.group(1) in inline or not data:
                            continue
                        lines = data.group(1).split("\n")
                        indent = min((len(l) - len(l.lstrip("\t ")) for l in lines if l.strip()), default=0)
                        text = "\n".join(l[indent:] for l in lines).strip()
                        if not text.startswith("<"):
                            continue
                        with open(os.path.join(out, f"miniflux-inline__{package}__{test.group(1)}.xml"), "w", encoding="utf-8") as f:
                            f.write(text)
                        counts["miniflux"] = counts.get("miniflux", 0) + 1
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
