"""Cold-process search: `parley search` against the SQLite shell's FTS5 on
the same statements and notes, alternating, in one run.

Usage: fts5.py PARLEY DATA WORKDIR. The statements (quote and context) and
notes of the casebook in DATA go into an FTS5 table (unicode61, diacritics
removed, as Parley folds them); 20 words drawn from the casebook's own text
are each searched three times by both, each search a new process, asking
for the best 20 with a snippet. Wall time is taken here; peak memory is
GNU time's, which counts the command alone.
"""
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time

parley, data, work = sys.argv[1:4]
dump = json.loads(subprocess.run([parley, "--data", data, "dump"], capture_output=True, check=True).stdout)
db_path = os.path.join(work, "fts5.db")
if os.path.exists(db_path):
    os.remove(db_path)
rows = [(s["id"], s["quote"] + "\n" + s.get("context", "")) for s in dump["statements"]]
rows += [(n["id"], n["body"]) for n in dump["notes"]]
del dump
load = "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2');\n"
load += "BEGIN;\n" + "".join(
    "INSERT INTO docs VALUES ('%s', '%s');\n" % (i, b.replace("'", "''")) for i, b in rows) + "COMMIT;\n"
subprocess.run(["sqlite3", db_path], input=load, text=True, check=True)
rng = random.Random(7)
words = sorted(set(re.findall(r"[a-z]{4,}", " ".join(b for _, b in rng.sample(rows, 200)).lower())))
queries = rng.sample(words, 20)
del rows


def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} failed: {p.stderr}")
    return wall, int(p.stderr.strip().splitlines()[-1]) / 1024


# Once first: a casebook from `parley gen` has its search index built at
# its first use, which is not what is compared here.
subprocess.run([parley, "--data", data, "search", "--limit", "1", queries[0]], capture_output=True)
pt, pm, st, sm = [], [], [], []
for q in queries:
    for _ in range(3):
        t, m = run([parley, "--data", data, "search", "--limit", "20", q])
        pt.append(t)
        pm.append(m)
        t, m = run(["sqlite3", db_path, f"SELECT id, snippet(docs, 1, '[', ']', '…', 12) FROM docs WHERE docs MATCH '{q}' ORDER BY rank LIMIT 20"])
        st.append(t)
        sm.append(m)
med = statistics.median
print(f"{len(pt)} searches of {len(queries)} words, each a new process, alternating (medians):")
print(f"  parley search: {med(pt) * 1000:6.1f} ms, peak memory {med(pm):5.0f} MB")
print(f"  sqlite3 FTS5:  {med(st) * 1000:6.1f} ms, peak memory {med(sm):5.0f} MB")
print(f"  parley / FTS5: {med(pt) / med(st):.1f}x the time, {med(pm) / med(sm):.1f}x the memory")
