# Workload for the std/data-analyst measurement: a small stdlib-only
# analysis (this Debian has no numpy/pandas for /usr/bin/python3): read a
# gzipped CSV, aggregate, convert time zones, keep results in sqlite, write
# a report. No temporary files: see data-analyst.nono on /tmp.
import collections
import csv
import datetime
import decimal
import gzip
import io
import json
import sqlite3
import statistics
import zoneinfo

raw = "when,region,amount\n" + "".join(
    "2024-03-%02dT12:00:00+00:00,%s,%d.50\n" % (d, r, d * 3)
    for d in range(1, 29) for r in ("eu", "us"))
with gzip.open("sales.csv.gz", "wt", newline="") as f:
    f.write(raw)

by_region = collections.defaultdict(list)
berlin = zoneinfo.ZoneInfo("Europe/Berlin")
with gzip.open("sales.csv.gz", "rt", newline="") as f:
    for row in csv.DictReader(f):
        when = datetime.datetime.fromisoformat(row["when"]).astimezone(berlin)
        by_region[row["region"]].append((when, decimal.Decimal(row["amount"])))

db = sqlite3.connect("results.sqlite")
db.execute("create table if not exists totals (region text, total text, median real)")
report = io.StringIO()
for region, items in sorted(by_region.items()):
    total = sum(a for _, a in items)
    median = statistics.median(float(a) for _, a in items)
    db.execute("insert into totals values (?, ?, ?)", (region, str(total), median))
    report.write("%s: total %s, median %.2f, last %s\n" % (region, total, median, items[-1][0].isoformat()))
db.commit()
db.close()
with open("report.md", "w") as f:
    f.write(report.getvalue())
with open("report.json", "w") as f:
    json.dump({k: len(v) for k, v in by_region.items()}, f)
print(report.getvalue(), end="")
