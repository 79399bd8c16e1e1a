#!/usr/bin/env python3
"""Crash-safety and concurrency harnesses for the archive (issue 5).

  stress.py crash NYHETSBREV [--runs 200] [--dir DIR]
      Runs `nyhetsbrev fetch --json` on a growing set of local feeds RUNS
      times; four runs in five are SIGKILLed at a random moment within the
      time a run takes (re-measured on every fifth, which completes). After every run,
      `archive verify` must pass and every entry a completed fetch printed
      (fetch prints only after the archive is committed) must be in
      `archive export`.

  stress.py concurrency NYHETSBREV [--seconds 120] [--workers 20] [--dir DIR]
      A daemon-style loop of fetches, plus WORKERS processes running random
      fetch / archive list / search / export / verify / stats, while the
      feeds keep growing. At the end: no command failed (a fetch may report
      the lock as busy only with --no-wait, which is not used), `archive
      verify` passes, and every entry any fetch printed is archived.

Exit status 0 when every check held, 1 otherwise. Feeds are written
atomically (temp + rename), like a web server would serve them whole.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone

SOURCES = ["alfa", "beta", "gamma", "delta", "epsilon"]


class Feeds:
    """RSS files that gain items over time, spread over several months."""

    def __init__(self, root, per_round=12, keep=120):
        self.root = root
        self.per_round = per_round
        self.keep = keep
        self.items = {s: [] for s in SOURCES}
        self.seq = 0
        self.lock = threading.Lock()
        os.makedirs(os.path.join(root, "feeds"), exist_ok=True)
        self.config = os.path.join(root, "nyhetsbrev.toml")
        with open(self.config, "w") as f:
            f.write('state_dir = "%s"\n' % os.path.join(root, "state"))
            for s in SOURCES:
                f.write('\n[[sources]]\nid = "%s"\ntitle = "%s"\nurl = "file://%s"\ntags = ["%s"]\n'
                        % (s, s.title(), self.path(s), "udda" if SOURCES.index(s) % 2 else "jamna"))
        self.grow()

    def path(self, source):
        return os.path.join(self.root, "feeds", source + ".xml")

    def grow(self):
        with self.lock:
            base = datetime(2026, 11, 20, tzinfo=timezone.utc)
            for s in SOURCES:
                for _ in range(self.per_round):
                    self.seq += 1
                    date = base - timedelta(days=random.randrange(200), seconds=random.randrange(86400))
                    self.items[s].append((self.seq, date))
                self.items[s] = self.items[s][-self.keep:]
                body = "".join(
                    "<item><guid>%s-%d</guid><title>Nyhet %d från %s</title>"
                    "<link>https://%s.example/nyheter/%d</link><pubDate>%s</pubDate>"
                    "<description>Text om vård och screening, nummer %d.</description></item>\n"
                    % (s, n, n, s, s, n, d.strftime("%a, %d %b %Y %H:%M:%S +0000"), n)
                    for n, d in self.items[s])
                doc = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>%s</title>'
                       "<link>https://%s.example/</link>\n%s</channel></rss>\n" % (s, s, body))
                tmp = self.path(s) + ".tmp"
                with open(tmp, "w", encoding="utf-8") as f:
                    f.write(doc)
                os.replace(tmp, self.path(s))


def run(binary, *args, timeout=300):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=timeout)


def committed_ids(stdout):
    ids = set()
    for line in stdout.splitlines():
        try:
            ids.add(json.loads(line)["id"])
        except (ValueError, KeyError):
            pass
    return ids


def check(binary, feeds, committed):
    state = os.path.join(feeds.root, "state")
    verify = run(binary, "archive", "verify", "--state-dir", state)
    if verify.returncode != 0:
        return "archive verify failed:\n" + verify.stdout + verify.stderr
    export = run(binary, "archive", "export", "--format", "jsonl", "--state-dir", state)
    if export.returncode != 0:
        return "archive export failed: " + export.stderr
    missing = committed - committed_ids(export.stdout)
    if missing:
        return "%d committed entries missing, e.g. %s" % (len(missing), sorted(missing)[:3])
    return None


def crash(args):
    feeds = Feeds(args.dir)
    fetch = [args.binary, "fetch", "--json", "--config", feeds.config]
    start = time.monotonic()
    first = subprocess.run(fetch, capture_output=True, text=True)
    typical = max(time.monotonic() - start, 0.05)
    committed = committed_ids(first.stdout)
    killed = completed = 0
    for n in range(args.runs):
        feeds.grow()
        # Every fifth run completes, to commit entries and to re-measure how
        # long a run takes; the others are killed at a random moment of it.
        spared = n % 5 == 4
        started = time.monotonic()
        child = subprocess.Popen(fetch, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if spared:
            out, _ = child.communicate()
            typical = max(time.monotonic() - started, 0.05)
            completed += 1
        else:
            time.sleep(random.uniform(0, typical))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                killed += 1
            else:
                completed += 1
            out, _ = child.communicate()
        if child.returncode == 0:
            committed |= committed_ids(out)
        problem = check(args.binary, feeds, committed)
        if problem:
            print("run %d: %s" % (n + 1, problem))
            return 1
    print("crash: %d runs, %d killed mid-run, %d completed, %d committed entries all present, verify passed every time"
          % (args.runs, killed, completed, len(committed)))
    return 0


def concurrency(args):
    feeds = Feeds(args.dir, per_round=3)
    state = os.path.join(feeds.root, "state")
    deadline = time.monotonic() + args.seconds
    committed, failures, counts = set(), [], {}
    guard = threading.Lock()

    def record(kind, result, printed=None):
        with guard:
            counts[kind] = counts.get(kind, 0) + 1
            if result.returncode != 0:
                failures.append("%s exited %d: %s" % (kind, result.returncode, result.stderr.strip()[:300]))
            if printed:
                committed.update(printed)

    def fetch(kind):
        result = run(args.binary, "fetch", "--json", "--config", feeds.config)
        record(kind, result, committed_ids(result.stdout) if result.returncode == 0 else None)

    def daemon():
        while time.monotonic() < deadline:
            feeds.grow()
            fetch("daemon-cycle")
            time.sleep(0.2)

    def worker():
        readers = [
            ("list", ["archive", "list", "--state-dir", state]),
            ("search", ["archive", "search", "--state-dir", state, "screening nummer"]),
            ("export", ["archive", "export", "--format", "jsonl", "--state-dir", state]),
            ("verify", ["archive", "verify", "--state-dir", state]),
            ("stats", ["archive", "stats", "--state-dir", state]),
            ("tag", ["archive", "list", "--config", feeds.config, "--tag", "udda"]),
        ]
        while time.monotonic() < deadline:
            if random.random() < 0.3:
                fetch("fetch")
            else:
                kind, argv = random.choice(readers)
                record(kind, run(args.binary, *argv))

    threads = [threading.Thread(target=daemon)] + [threading.Thread(target=worker) for _ in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    problem = check(args.binary, feeds, committed)
    summary = ", ".join("%s %d" % kv for kv in sorted(counts.items()))
    if failures or problem:
        for f in failures[:10]:
            print(f)
        print(problem or "")
        print("concurrency: FAILED (%d failed commands; %s)" % (len(failures), summary))
        return 1
    print("concurrency: %d s, %d workers: %s; %d committed entries all present, verify passed"
          % (args.seconds, args.workers, summary, len(committed)))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["crash", "concurrency"])
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--dir")
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    args.dir = args.dir or tempfile.mkdtemp(prefix="nyhetsbrev-stress-")
    random.seed(os.environ.get("STRESS_SEED", "5"))
    return crash(args) if args.mode == "crash" else concurrency(args)


if __name__ == "__main__":
    sys.exit(main())
