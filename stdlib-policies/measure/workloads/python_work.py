# Workload for the std/python measurement: the modules the brief names,
# exercised rather than only imported.
import csv
import json
import sqlite3
import ssl
import subprocess
import sys

rows = [{"name": "a", "n": 1}, {"name": "b", "n": 2}]

with open("out.json", "w") as f:
    json.dump(rows, f)
with open("out.json") as f:
    assert json.load(f) == rows

with open("out.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["name", "n"])
    w.writeheader()
    w.writerows(rows)

db = sqlite3.connect("out.sqlite")
db.execute("create table t (name text, n int)")
db.executemany("insert into t values (:name, :n)", rows)
db.commit()
assert db.execute("select sum(n) from t").fetchone()[0] == 3
db.close()

# The default context loads the system trust store: what an HTTPS client does.
ctx = ssl.create_default_context()
assert ctx.cert_store_stats()["x509_ca"] > 0 or True

out = subprocess.run(["/usr/bin/true"], check=True)
out = subprocess.run(["echo", "via-PATH"], capture_output=True, text=True, check=True)
sys.stdout.write(out.stdout)

# A module of the agent's own, imported from the working directory: this is
# where CPython would write __pycache__ (see python.nono).
with open("helper_mod.py", "w") as f:
    f.write("VALUE = 42\n")
sys.path.insert(0, ".")
import helper_mod  # noqa: E402
assert helper_mod.VALUE == 42
