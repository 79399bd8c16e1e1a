#!/usr/bin/env python3
"""Writes a synthetic archive in nyhetsbrev's partition format (version 1).

usage: generate.py STATE_DIR [ENTRIES] [SOURCES] [RARE_WORD]

ENTRIES (default 1 000 000) are spread over 120 monthly partitions ending
2026-11 and SOURCES (default 500) sources. Each entry looks like a news item
of a Swedish public body: a title of 6-12 words, a summary of 25-45 words
(30 % of them also as <p>HTML</p>), a link, no content. RARE_WORD (default "xylofonkonsert") appears in exactly
three summaries. Indexes are not written: run `nyhetsbrev archive reindex`.
Deterministic (fixed seed), so runs are comparable.
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

WORDS = """cancer vård region patient behandling screening nationell riktlinje rapport
kommun omsorg äldre hälsa statistik förlopp standardiserat remiss uppföljning
diagnostik läkemedel kvalitet register primärvård sjukhus väntetid barn unga
psykiatri tandvård smittskydd vaccination beredskap digital journal forskning
utbildning socialtjänst mottagning överenskommelse bröstcancer prostatacancer
lungcancer tjocktarmscancer kirurgi strålbehandling cytostatika rehabilitering
palliativ vårdprogram arbetsgrupp seminarium webbinarium konferens nyhetsbrev
ökning minskning jämförelse resultat analys projekt pilot införande beslut""".split()
FILLER = "och i för med till av om på som att en ett den det nya fler från under".split()


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def sentence(rng, n):
    out = []
    for i in range(n):
        out.append(rng.choice(WORDS) if i % 3 != 1 else rng.choice(FILLER))
    text = " ".join(out)
    return text[0].upper() + text[1:]


def main():
    state = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    nsources = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    rare = sys.argv[4] if len(sys.argv) > 4 else "xylofonkonsert"
    months = 120
    archive = os.path.join(state, "archive")
    os.makedirs(archive, exist_ok=True)
    rng = random.Random(20261123)
    sources = ["kalla-%03d" % i for i in range(nsources)]
    rare_at = {total // 7, total // 2, total - 5}
    start = datetime(2016, 12, 1, tzinfo=timezone.utc)
    seq = 0
    for m in range(months):
        year, month = 2016 + (11 + m) // 12, (11 + m) % 12 + 1
        first = datetime(year, month, 1, tzinfo=timezone.utc)
        nxt = datetime(year + (month // 12), month % 12 + 1, 1, tzinfo=timezone.utc)
        span = int((nxt - first).total_seconds())
        count = total // months + (1 if m < total % months else 0)
        lines = []
        for _ in range(count):
            source = rng.choice(sources)
            published = first + timedelta(seconds=rng.randrange(span))
            stamp = published.strftime("%Y-%m-%dT%H:%M:%SZ")
            title = sentence(rng, rng.randint(6, 12))
            summary = sentence(rng, rng.randint(25, 45)) + "."
            if seq in rare_at:
                summary = summary[:-1] + " " + rare + "."
            slug = "-".join(title.lower().split()[:6])
            link = "https://www.%s.se/nyheter/%d/%02d/%s-%d/" % (source, year, month, slug, seq)
            guid = "%s-%d" % (source, seq)
            keys = ["guid:%s:%s" % (source, guid), "link:" + link]
            # Partitions leave out empty values and copies (docs/archive-format.md):
            # the link is already canonical; 70 % of summaries are plain text.
            entry = {
                "first_seen": stamp, "guid": guid, "id": fnv1a64(keys[0]), "keys": keys, "link": link,
                "published": stamp, "revision": 1, "sources": [source], "summary": summary, "title": title,
            }
            if rng.random() < 0.3:
                entry["summary_html"] = "<p>%s</p>" % summary
            lines.append(json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
            seq += 1
        name = "%04d-%02d" % (year, month)
        with open(os.path.join(archive, name + ".json"), "w", encoding="utf-8") as f:
            f.write('{"version":1,"partition":"%s","entries":[\n' % name)
            f.write(",\n".join(lines))
            f.write("\n]}\n")
    print("wrote %d entries from %d sources in %d partitions to %s" % (seq, nsources, months, archive))


if __name__ == "__main__":
    main()
