#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Validate nonoc's machine-readable diagnostics (called by tests/check-schemas.sh).

usage: validate.py JSON_SCHEMA SARIF_SCHEMA|- CODES_DEF MANIFEST [EXTRA_PASS EXTRA_FAIL]

MANIFEST has one tab-separated line per run of nonoc:
    FORMAT LABEL OUT1 OUT2 ERR RC MIN_DIAGS CWD [NAME PATH]...
FORMAT is json or sarif; OUT1/OUT2 are the stdout of two identical runs
(determinism), ERR the stderr of the first, RC its exit status, MIN_DIAGS
the least number of diagnostics the input must produce (-1: no check), CWD
the directory nonoc ran in, and each NAME PATH pair maps a source name as
nonoc reports it to the file that holds its bytes (to recompute every
line/column independently). Other sources (files reached through `use`) are
read relative to CWD; the standard policies embedded in nonoc ("std/...")
cannot be read, and only their positions go unchecked.

Beyond the schemas it checks what a schema cannot: byte-identical reruns,
one trailing newline, no duplicate keys, summary counts, exit status,
positions recomputed from the source bytes (byte columns for JSON, UTF-16
columns for SARIF), SARIF rule references, artifact indexes, embedded links,
and that the SARIF results say the same as the JSON diagnostics.

Prints one line per failure and ends with "schemas: N passed, M failed".
"""
import json
import os
import re
import sys
import urllib.parse

import jsonschema

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"

# RFC 3986 URI-reference, used when jsonschema has no checker for the uri
# formats (python3-rfc3987 is only a Recommends of python3-jsonschema).
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|" + _PCT + ")"
_URI_REF = re.compile(
    r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:)?"                       # scheme
    r"(?://(?:[A-Za-z0-9\-._~!$&'()*+,;=:@\[\]]|" + _PCT + r")*)?"  # authority (loose)
    r"(?:/?" + _PCHAR + r"*(?:/" + _PCHAR + r"*)*)"           # path
    r"(?:\?(?:" + _PCHAR + r"|[/?])*)?"                       # query
    r"(?:#(?:" + _PCHAR + r"|[/?])*)?$")                      # fragment


def format_checker():
    fc = jsonschema.FormatChecker()
    if "uri-reference" not in fc.checkers:
        fc.checks("uri-reference")(lambda s: not isinstance(s, str) or bool(_URI_REF.match(s)))
    if "uri" not in fc.checkers:
        fc.checks("uri")(lambda s: not isinstance(s, str) or
                         (bool(_URI_REF.match(s)) and bool(re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", s))))
    return fc


def load_validator(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    # The SARIF schema declares draft-04, ours draft-07: validate each with
    # the draft it declares (Draft 7 when it declares none).
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    return cls(schema, format_checker=format_checker())


def read_codes(path):
    """NONO-E001 -> (name, severity word) from codes.def."""
    codes = {}
    sev = {"NONOC_SEV_ERROR": "error", "NONOC_SEV_WARNING": "warning", "NONOC_SEV_NOTE": "note"}
    with open(path, encoding="utf-8") as f:
        for m in re.finditer(r'^NONO_CODE\((\w+),\s*(\w+),\s*"([^"]*)"', f.read(), re.M):
            codes["NONO-" + m.group(1)] = (m.group(3), sev.get(m.group(2), "?"))
    return codes


def no_dup_keys(pairs):
    keys = [k for k, _ in pairs]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    if dups:
        raise ValueError("duplicate key(s) %s" % ", ".join(dups))
    return dict(pairs)


class Source:
    """The bytes of one source and independent position arithmetic."""

    def __init__(self, data):
        self.data = data
        self.starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]

    def line_of(self, off):
        lo, hi = 0, len(self.starts)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.starts[mid] <= off:
                lo = mid
            else:
                hi = mid
        return lo + 1, self.starts[lo]

    def byte_pos(self, off):
        line, start = self.line_of(off)
        return line, off - start + 1

    def utf16_units(self, a, b):
        """UTF-16 code units of the characters starting in data[a:b]."""
        units, i = 0, a
        while i < b:
            c = self.data[i]
            n = 1 if c < 0x80 else 2 if c >> 5 == 6 else 3 if c >> 4 == 14 else 4 if c >> 3 == 30 else 1
            try:
                self.data[i:i + n].decode("utf-8")
            except UnicodeDecodeError:
                n = 1
            units += 2 if n == 4 else 1
            i += n
        return units

    def expected(self, off, length):
        """(line, col, end_line, end_col) in bytes and in UTF-16 units."""
        line, start = self.line_of(off)
        b = (line, off - start + 1)
        u = (line, self.utf16_units(start, off) + 1)
        if length:
            eline, estart = self.line_of(off + length - 1)
            b += (eline, off + length - estart + 1)
            u += (eline, self.utf16_units(estart, off + length) + 1)
        else:
            b += b
            u += u
        return b, u


class Sources:
    """Source name -> Source, for the inputs and the files they use."""

    def __init__(self, pairs, cwd):
        self.inputs = [name for name, _ in pairs]
        self.cwd = cwd
        self.known = {}
        for name, path in pairs:
            with open(path, "rb") as f:
                self.known[name] = Source(f.read())

    def get(self, name):
        """(ok, Source or None): ok is False for a name that is no source."""
        if name in self.known:
            return True, self.known[name]
        path = os.path.join(self.cwd, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                self.known[name] = Source(f.read())
            return True, self.known[name]
        if name.startswith("std/"):
            return True, None  # embedded in nonoc
        return False, None


class Checker:
    def __init__(self, json_validator, sarif_validator, codes):
        self.jv, self.sv, self.codes = json_validator, sarif_validator, codes
        self.passed = self.failed = 0
        self.json_docs = {}

    def run_case(self, fmt, label, out1, out2, err, rc, min_diags, cwd, sources):
        self.problems = []
        bad = self.problems.append
        try:
            self.check(fmt, label, out1, out2, err, rc, min_diags, cwd, sources, bad)
        except Exception as e:  # a crash of the checker is a failure too
            bad("checker error: %s: %s" % (type(e).__name__, e))
        if self.problems:
            self.failed += 1
            for p in self.problems[:12]:
                print("FAIL %s %s: %s" % (fmt, label, p))
            if len(self.problems) > 12:
                print("FAIL %s %s: ... and %d more" % (fmt, label, len(self.problems) - 12))
        else:
            self.passed += 1

    def check(self, fmt, label, out1, out2, err, rc, min_diags, cwd, sources, bad):
        with open(out1, "rb") as f:
            raw = f.read()
        with open(out2, "rb") as f:
            raw2 = f.read()
        with open(err, "rb") as f:
            errtext = f.read()
        if rc not in (0, 1, 2):
            bad("nonoc exited with status %d (0, 1 or 2 expected)" % rc)
        if errtext:
            bad("unexpected output on stderr: %r" % errtext[:200])
        if raw != raw2:
            bad("two identical runs gave different output (not deterministic)")
        if not raw.endswith(b"\n") or raw.endswith(b"\n\n") or raw[:-1].rstrip() != raw[:-1]:
            bad("the document must end with exactly one newline")
        if fmt == "json" and raw.count(b"\n") != 1:
            bad("the JSON document must be on one line")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            bad("output is not UTF-8: %s" % e)
            return
        try:
            doc = json.loads(text, object_pairs_hook=no_dup_keys)
        except ValueError as e:
            bad("output is not one JSON document: %s" % e)
            return
        validator = self.jv if fmt == "json" else self.sv
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:8]:
            path = "/".join(str(p) for p in e.absolute_path) or "(root)"
            bad("schema: at %s: %s" % (path, e.message[:300]))
        if errors:
            return  # the semantic checks below assume the shape is right
        srcs = Sources(sources, cwd)
        if fmt == "json":
            self.check_json(label, doc, rc, min_diags, srcs, bad)
        else:
            self.check_sarif(label, doc, srcs, bad)

    def check_json(self, label, doc, rc, min_diags, srcs, bad):
        self.json_docs[label] = (doc, srcs)
        diags = doc["diagnostics"]
        nerr = sum(d["severity"] == "error" for d in diags)
        nwarn = sum(d["severity"] == "warning" for d in diags)
        if doc["summary"] != {"errors": nerr, "warnings": nwarn}:
            bad("summary %s does not count the diagnostics (%d errors, %d warnings)"
                % (doc["summary"], nerr, nwarn))
        if rc == 0 and nerr:
            bad("exit status 0 with %d errors" % nerr)
        if rc != 0 and not nerr:
            bad("exit status %d without errors" % rc)
        if min_diags >= 0 and len(diags) < min_diags:
            bad("expected at least %d diagnostics, got %d" % (min_diags, len(diags)))
        for i, d in enumerate(diags):
            info = self.codes.get(d["code"])
            if not info:
                bad("diagnostics/%d: code %s is not in codes.def" % (i, d["code"]))
            elif info[0] != d["name"]:
                bad("diagnostics/%d: name %r, codes.def says %r" % (i, d["name"], info[0]))
            if not d["message"]:
                bad("diagnostics/%d: empty message" % i)
            locs = [("diagnostics/%d" % i, d["location"])]
            locs += [("diagnostics/%d/notes/%d" % (i, k), n["location"]) for k, n in enumerate(d["notes"])]
            for where, loc in locs:
                if loc is None:
                    continue
                ok, src = srcs.get(loc["file"])
                if not ok:
                    bad("%s: file %r is not one of the inputs" % (where, loc["file"]))
                if src is None:
                    continue
                if loc["offset"] + loc["length"] > len(src.data):
                    bad("%s: span %d+%d is past the end of %r (%d bytes)"
                        % (where, loc["offset"], loc["length"], loc["file"], len(src.data)))
                    continue
                want, _ = src.expected(loc["offset"], loc["length"])
                got = (loc["line"], loc["column"], loc["end_line"], loc["end_column"])
                if got != want:
                    bad("%s: line/column %s, the source bytes give %s" % (where, got, want))

    def check_sarif(self, label, doc, srcs, bad):
        if doc.get("$schema") != SARIF_SCHEMA_URI:
            bad("$schema is %r" % doc.get("$schema"))
        if len(doc["runs"]) != 1:
            bad("%d runs, expected 1" % len(doc["runs"]))
            return
        run = doc["runs"][0]
        driver = run["tool"]["driver"]
        if driver.get("name") != "nonoc" or not driver.get("version"):
            bad("tool.driver name/version: %r/%r" % (driver.get("name"), driver.get("version")))
        if run.get("columnKind") != "utf16CodeUnits":
            bad("columnKind is %r" % run.get("columnKind"))
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        if len(set(ids)) != len(ids):
            bad("rule ids are not unique")
        for k, r in enumerate(rules):
            # What GitHub code scanning requires of a rule.
            for prop in ("shortDescription", "fullDescription", "help"):
                if not r.get(prop, {}).get("text"):
                    bad("rules/%d (%s): no %s.text" % (k, r["id"], prop))
            info = self.codes.get(r["id"])
            if not info:
                bad("rules/%d: %s is not in codes.def" % (k, r["id"]))
            elif (r.get("name"), r.get("defaultConfiguration", {}).get("level")) != info:
                bad("rules/%d: name/level %r/%r, codes.def says %r"
                    % (k, r.get("name"), r.get("defaultConfiguration", {}).get("level"), info))
        artifacts = run.get("artifacts", [])
        auris = [a["location"]["uri"] for a in artifacts]
        if len(set(auris)) != len(auris):
            bad("artifact uris are not unique")
        names = [uri_to_name(u) for u in auris]
        for u, name in zip(auris, names):
            if not srcs.get(name)[0]:
                bad("artifact %r is none of the inputs %s" % (u, srcs.inputs))
        for name in srcs.inputs:
            if norm(name) not in names:
                bad("input %r is not among the artifacts" % name)

        def check_loc(where, loc):
            pl = loc.get("physicalLocation")
            if pl is None:
                bad("%s: no physicalLocation" % where)
                return None
            al = pl["artifactLocation"]
            uri = al.get("uri", "")
            idx = al.get("index", -1)
            if not 0 <= idx < len(artifacts) or artifacts[idx]["location"]["uri"] != uri:
                bad("%s: artifactLocation index %d does not name artifact %r" % (where, idx, uri))
            name = uri_to_name(uri)
            ok, src = srcs.get(name)
            reg = pl.get("region")
            if not ok or reg is None:
                bad("%s: uri %r (%r) is not an input, or no region" % (where, uri, name))
                return None
            if src is None:
                return (name, reg.get("byteOffset"), reg.get("byteLength"))
            off, n = reg.get("byteOffset", -1), reg.get("byteLength", -1)
            if off < 0 or n < 0 or off + n > len(src.data):
                bad("%s: byte span %d+%d outside the source" % (where, off, n))
                return None
            _, want = src.expected(off, n)
            got = (reg.get("startLine"), reg.get("startColumn"), reg.get("endLine"), reg.get("endColumn"))
            if got != want:
                bad("%s: region %s, the source gives %s in UTF-16 units" % (where, got, want))
            return (name, off, n)

        results = run.get("results", [])
        pair = self.json_docs.get(label)
        jdiags = pair[0]["diagnostics"] if pair else None
        if jdiags is not None and len(jdiags) != len(results):
            bad("%d results, the JSON output has %d diagnostics" % (len(results), len(jdiags)))
            jdiags = None
        for i, r in enumerate(results):
            where = "results/%d" % i
            ri = r.get("ruleIndex", -1)
            if not 0 <= ri < len(rules) or rules[ri]["id"] != r.get("ruleId"):
                bad("%s: ruleId %r / ruleIndex %r do not match a rule" % (where, r.get("ruleId"), ri))
            text = r["message"].get("text", "")
            if not text:
                bad("%s: empty message.text" % where)
            if re.search(r"[{}]", text.replace("{{", "").replace("}}", "")):
                bad("%s: a lone brace in message.text (SARIF placeholders need {{ }})" % where)
            rel = r.get("relatedLocations", [])
            rel_ids = [x.get("id") for x in rel]
            if len(set(rel_ids)) != len(rel_ids) or None in rel_ids:
                bad("%s: relatedLocations ids missing or not unique" % where)
            for link in re.findall(r"(?<!\\)\]\((\d+)\)", text):
                if int(link) not in rel_ids:
                    bad("%s: embedded link (%s) refers to no related location" % (where, link))
            for k, x in enumerate(rel):
                check_loc("%s/relatedLocations/%d" % (where, k), x)
            locs = r.get("locations", [])
            spans = [check_loc("%s/locations/%d" % (where, k), x) for k, x in enumerate(locs)]
            if jdiags is None:
                continue
            d = jdiags[i]
            if (r.get("ruleId"), r.get("level")) != (d["code"], d["severity"]):
                bad("%s: %s/%s, JSON says %s/%s" % (where, r.get("ruleId"), r.get("level"),
                                                    d["code"], d["severity"]))
            plain = text.replace("{{", "{").replace("}}", "}")
            if not plain.startswith(d["message"]):
                bad("%s: message.text does not start with the JSON message %r" % (where, d["message"]))
            for h in d["hints"]:
                if "\nhint: " + h not in plain:
                    bad("%s: hint %r is missing from message.text" % (where, h))
            loc = d["location"]
            want = [] if loc is None else [(norm(loc["file"]), loc["offset"], loc["length"])]
            if spans != want:
                bad("%s: locations %s, JSON says %s" % (where, spans, want))
            located = [n for n in d["notes"] if n["location"] is not None]
            if len(located) != len(rel):
                bad("%s: %d relatedLocations for %d located notes" % (where, len(rel), len(located)))


def norm(name):
    """A file name without "./" segments, as SARIF URIs write it."""
    parts = name.split("/")
    kept = [p for i, p in enumerate(parts) if not (p == "." and i < len(parts) - 1)]
    return "/".join(kept)


def uri_to_name(uri):
    if uri.startswith("file://"):
        uri = uri[len("file://"):]
    return urllib.parse.unquote(uri, errors="strict")


def main(argv):
    json_schema, sarif_schema, codes_def, manifest = argv[1:5]
    extra_pass = int(argv[5]) if len(argv) > 5 else 0
    extra_fail = int(argv[6]) if len(argv) > 6 else 0
    codes = read_codes(codes_def)
    jv = sv = None
    try:
        jv = load_validator(json_schema)
    except Exception as e:
        print("FAIL schema %s: cannot load: %s" % (json_schema, e))
        extra_fail += 1
    if sarif_schema != "-":
        try:
            sv = load_validator(sarif_schema)
        except Exception as e:
            print("FAIL schema %s: cannot load: %s" % (sarif_schema, e))
            extra_fail += 1
    checker = Checker(jv, sv, codes)
    with open(manifest, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    # JSON first, so SARIF results can be compared with the JSON diagnostics.
    rows.sort(key=lambda r: r[0] != "json")
    for row in rows:
        fmt, label, out1, out2, err, rc, min_diags, cwd = row[:8]
        sources = list(zip(row[8::2], row[9::2]))
        if (fmt == "json" and jv is None) or (fmt == "sarif" and sv is None):
            print("FAIL %s %s: not validated, the schema is unavailable" % (fmt, label))
            checker.failed += 1
            continue
        checker.run_case(fmt, label, out1, out2, err, int(rc), int(min_diags), cwd, sources)
    passed = checker.passed + extra_pass
    failed = checker.failed + extra_fail
    print("schemas: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
