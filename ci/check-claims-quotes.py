#!/usr/bin/env python3
"""Validate claims.toml against the seed articles.

Checks, for every [[claim]] table:
  * ids C01..C77 each appear exactly once, in order;
  * all required fields are present, non-empty and of the right type;
  * `seeds` holds bare file names (no directory) of existing seed files;
  * quote / quote2 / quote3 pair with seeds[0] / seeds[1] / seeds[2] (one quote
    per seed, each with its translation) and occur VERBATIM, exactly once, in
    that seed (plain substring test, nothing normalised);
  * every entry of `sections` names a heading that exists in its seed
    ("§4" = "第四章", "§4.2" = a line starting "4.2 " inside chapter 4), and the
    section in which each quote actually sits is one of the listed sections;
  * `category` is one of the six allowed values;
  * C63..C77 carry go_only (non-empty) and rust_analogue (may be empty); the
    other claims carry neither;
  * `parts` is a non-empty array of non-empty strings.

Usage: python3 ci/check-claims-quotes.py --seeds DIR [claims.toml]

DIR holds the five seed articles (they are not part of the repository).
Exit status 0 when everything passes, 1 otherwise.
"""
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TOML = os.path.join(HERE, "..", "claims", "claims.toml")

CATEGORIES = {"hardware", "memory model", "QEMU", "performance number",
              "map design", "Go runtime"}
REQUIRED_STR = ["id", "claim", "category", "context"]
QUOTE_KEYS = [("quote", "translation"), ("quote2", "translation2"),
              ("quote3", "translation3")]
GO_ONLY_IDS = {f"C{n:02d}" for n in range(63, 78)}
EXPECTED_IDS = [f"C{n:02d}" for n in range(1, 78)]

CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9, "十": 10}
CHAPTER_RE = re.compile(r"^第([一二三四五六七八九十]+)章")
SUB_RE = re.compile(r"^(\d+)\.(\d+) \S")
SECTION_RE = re.compile(r"^(?:(\d{3}) )?§(\d+)(?:\.(\d+))?$")


def cn_to_int(s):
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN_NUM[s[1:]]
    if s.endswith("十"):
        return CN_NUM[s[0]] * 10
    if "十" in s:
        a, b = s.split("十")
        return CN_NUM[a] * 10 + CN_NUM[b]
    return CN_NUM[s]


def section_index(text):
    """Return (list of (offset, '§N' or '§N.M')) for headings in a seed."""
    marks = []
    offset = 0
    chapter = None
    for line in text.split("\n"):
        m = CHAPTER_RE.match(line)
        if m:
            chapter = cn_to_int(m.group(1))
            marks.append((offset, f"§{chapter}"))
        else:
            m = SUB_RE.match(line)
            if m and chapter is not None and int(m.group(1)) == chapter:
                marks.append((offset, f"§{chapter}.{int(m.group(2))}"))
        offset += len(line) + 1
    return marks


def section_at(marks, pos):
    cur = None
    for off, name in marks:
        if off <= pos:
            cur = name
        else:
            break
    return cur


def main(argv):
    toml_path = DEFAULT_TOML
    seeds_dir = None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--seeds":
            seeds_dir = args.pop(0)
        else:
            toml_path = a

    if seeds_dir is None:
        print("usage: ci/check-claims-quotes.py --seeds DIR [claims.toml]")
        return 2
    with open(toml_path, "rb") as fh:
        data = tomllib.load(fh)

    errors = []
    claims = data.get("claim")
    if not isinstance(claims, list):
        print("FAIL: no [[claim]] tables")
        return 1

    seed_cache = {}

    def seed(name):
        if name not in seed_cache:
            path = os.path.join(seeds_dir, name)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            seed_cache[name] = (text, section_index(text))
        return seed_cache[name]

    ids = [c.get("id") for c in claims]
    if ids != EXPECTED_IDS:
        missing = [i for i in EXPECTED_IDS if i not in ids]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        extra = [i for i in ids if i not in EXPECTED_IDS]
        errors.append(f"ids not exactly C01..C77 in order: missing={missing} "
                      f"duplicated={dup} unexpected={extra}")

    n_quotes = 0
    for c in claims:
        cid = c.get("id", "?")

        def err(msg):
            errors.append(f"{cid}: {msg}")

        for k in REQUIRED_STR:
            if not isinstance(c.get(k), str) or not c[k].strip():
                err(f"missing or empty string field '{k}'")
        if c.get("category") not in CATEGORIES:
            err(f"bad category {c.get('category')!r}")

        seeds = c.get("seeds")
        if not (isinstance(seeds, list) and seeds and
                all(isinstance(s, str) for s in seeds)):
            err("seeds must be a non-empty array of strings")
            continue
        if len(set(seeds)) != len(seeds):
            err("duplicate seed")
        for s in seeds:
            if "/" in s or os.sep in s:
                err(f"seed {s!r} must be a bare file name")
            elif not os.path.isfile(os.path.join(seeds_dir, s)):
                err(f"seed file {s!r} not found in {seeds_dir}")
        if len(seeds) > len(QUOTE_KEYS):
            err("more seeds than quote fields")
            continue
        if any(("/" in s) or not os.path.isfile(os.path.join(seeds_dir, s))
               for s in seeds):
            continue

        # sections: parse and map to seeds
        secs = c.get("sections")
        sec_by_seed = {s: set() for s in seeds}
        if not (isinstance(secs, list) and secs and
                all(isinstance(x, str) for x in secs)):
            err("sections must be a non-empty array of strings")
        else:
            multi = len(seeds) > 1
            for x in secs:
                m = SECTION_RE.match(x)
                if not m:
                    err(f"bad section syntax {x!r}")
                    continue
                prefix, ch, sub = m.groups()
                if multi and not prefix:
                    err(f"multi-seed claim: section {x!r} needs a 'NNN ' seed prefix")
                    continue
                if not multi and prefix:
                    err(f"single-seed claim: section {x!r} must not carry a prefix")
                    continue
                if prefix:
                    owners = [s for s in seeds if s.startswith(prefix + "_")]
                    if len(owners) != 1:
                        err(f"section {x!r}: prefix matches no listed seed")
                        continue
                    owner = owners[0]
                else:
                    owner = seeds[0]
                name = f"§{int(ch)}" + (f".{int(sub)}" if sub else "")
                _, marks = seed(owner)
                if name not in {nm for _, nm in marks}:
                    err(f"section {x!r} has no heading in {owner}")
                sec_by_seed[owner].add(name)
            for s in seeds:
                if not sec_by_seed[s]:
                    err(f"no section listed for seed {s}")

        # quotes
        for idx, (qk, tk) in enumerate(QUOTE_KEYS):
            if idx < len(seeds):
                q, t = c.get(qk), c.get(tk)
                if not isinstance(q, str) or not q:
                    err(f"missing '{qk}' for seed {seeds[idx]}")
                    continue
                if not isinstance(t, str) or not t.strip():
                    err(f"missing '{tk}'")
                text, marks = seed(seeds[idx])
                cnt = text.count(q)
                n_quotes += 1
                if cnt == 0:
                    err(f"{qk} not found verbatim in {seeds[idx]}: {q!r}")
                    continue
                if cnt > 1:
                    err(f"{qk} is ambiguous: occurs {cnt} times in {seeds[idx]}")
                pos = text.find(q)
                where = section_at(marks, pos)
                listed = sec_by_seed.get(seeds[idx], set())
                if listed and where not in listed and \
                        (where or "").split(".")[0] not in listed:
                    err(f"{qk} sits in {where} of {seeds[idx]}, "
                        f"not in listed sections {sorted(listed)}")
            else:
                for k in (qk, tk):
                    if k in c:
                        err(f"'{k}' present but there is no seed #{idx + 1}")

        # Go-only fields
        if cid in GO_ONLY_IDS:
            if not isinstance(c.get("go_only"), str) or not c["go_only"].strip():
                err("go_only missing or empty")
            if not isinstance(c.get("rust_analogue"), str):
                err("rust_analogue missing (use \"\" when there is none)")
            if c.get("category") != "Go runtime":
                err("Go-only claims must have category 'Go runtime'")
        else:
            for k in ("go_only", "rust_analogue"):
                if k in c:
                    err(f"'{k}' only belongs to C63..C77")

        parts = c.get("parts")
        if not (isinstance(parts, list) and parts and
                all(isinstance(p, str) and p.strip() for p in parts)):
            err("parts must be a non-empty array of non-empty strings")

    if errors:
        for e in errors:
            print("FAIL", e)
        print(f"{len(errors)} problem(s)")
        return 1
    print(f"OK: {len(claims)} claims, {n_quotes} quotes verified verbatim "
          f"(each unique in its seed and inside a listed section)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
