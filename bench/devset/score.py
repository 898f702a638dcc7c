#!/usr/bin/env python3
"""Scores `check` and `fix` on the dev set of real upgrades (bench/devset/cases.json).

For each case: a throwaway clone of the repository's mirror at the case's base commit, then
`check --from F --to T --format json` (online unless --offline: the API diff is made where the
package index still serves both versions), then `fix` on the same clone. The truth is what the
developers changed (files, and the old line ranges of their edits).

Prints per case and in all: file recall and precision, site recall and precision, the share of
the developers' edited sites that `fix` edited to the same text. With --verify, an oracle from the
real package (the wheels of the target and from versions, each in a cached venv of a Python its
wheel is built for, see oracle_probe.py): whether each reported import, keyword and attribute/name
site is a real break, and whether the imports, keywords and chains `fix` wrote resolve on the target.

With --all-uses (and --verify), recall against the real package, whatever the developers edited:
every use of the package in the repository's Python files checked on both versions; the uses that
resolve on `from` and fail on `to` are the real breaks, and `check` is scored against them.

Usage: score.py [--mirrors DIR] [--offline] [--verify [--all-uses]] [--served-only] [--only REPO]
                [--json OUT] [--cases FILE]
"""
import argparse
import fcntl
import json
from collections import Counter
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(os.environ.get("DEVSET_LAUNCHER", ROOT / "bin" / "nautilus-autoupdate"))
RELEASES = ROOT.parent / "shared" / "data" / "nautilus" / "RELEASES.md"


def mirror_of(mirrors, repo):
    return Path(mirrors) / repo.replace("/", "+") / "repo"


def run(cmd, cwd=None, env=None, input=None):
    return subprocess.run(cmd, cwd=cwd, env=env, input=input, capture_output=True, text=True, errors="replace")


def clone_at(mirror, commit, dest):
    run(["git", "clone", "-q", "--no-checkout", "--shared", str(mirror), str(dest)])
    out = run(["git", "-C", str(dest), "checkout", "-q", commit])
    if out.returncode != 0:
        raise RuntimeError(f"cannot check out {commit}: {out.stderr.strip()}")


def tool(args, env):
    return run([str(LAUNCHER), *args], env=env)


def normalized(line):
    return re.sub(r"\s+", " ", line.strip())


def site_path(path, cell):
    """Where a site's line counts: the file, or for a notebook its code cell (`check` and mine.py
    both number a notebook's lines within a code cell, cells by their ordinal)."""
    return path if cell is None else f"{path}#cell{cell}"


def truth_ranges(case):
    """Each developer edit as (site_path, first old line, last old line)."""
    ranges = []
    for s in case["sites"]:
        n = max(1, s.get("removed", 1))
        ranges.append((site_path(s["path"], s.get("cell")), s["line"], s["line"] + n - 1))
    return ranges


def predicted(report):
    """The files and (site_path, line) sites a `check --format json` report calls affected."""
    files = {f["path"] for f in report.get("affected_files", [])}
    sites = {(site_path(f["path"], s.get("cell")), s["line"]) for f in report.get("affected_files", []) for s in f.get("sites", [])}
    return files, sites


def code_lines(path):
    """The lines of a file as the developers edited them: a notebook's code cells, else the file."""
    text = path.read_text(errors="replace")
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(text).get("cells", [])
        except (ValueError, AttributeError):
            cells = []
        src = [c.get("source", "") for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"]
        return [line for c in src for line in ("".join(c) if isinstance(c, list) else str(c)).split("\n")]
    return text.splitlines()


def score_prediction(case, predicted_files, predicted_sites):
    """Counts of one prediction against the case's truth: a predicted line counts when it falls
    inside one of the developers' edited ranges (bench/typecheck/compare.py scores with it too)."""
    truth_files = set(case["files"])
    ranges = truth_ranges(case)
    hit_ranges = {r for r in ranges if any(p == r[0] and r[1] <= line <= r[2] for p, line in predicted_sites)}
    true_sites = {s for s in predicted_sites if any(s[0] == r[0] and r[1] <= s[1] <= r[2] for r in ranges)}
    return dict(
        truth_files=len(truth_files),
        predicted_files=len(predicted_files),
        files_found=len(truth_files & predicted_files),
        files_true=len(predicted_files & truth_files),
        truth_sites=len(ranges),
        sites_found=len(hit_ranges),
        predicted_sites=len(predicted_sites),
        sites_true=len(true_sites),
        missed_files=sorted(truth_files - predicted_files),
        extra_files=sorted(predicted_files - truth_files),
    )


def rates(results):
    """File and site recall and precision over scored results (None where nothing to divide)."""
    tot = lambda k: sum(r.get(k, 0) for r in results)
    return {
        "file_recall": ratio(tot("files_found"), tot("truth_files")),
        "file_precision": ratio(tot("files_true"), tot("predicted_files")),
        "site_recall": ratio(tot("sites_found"), tot("truth_sites")),
        "site_precision": ratio(tot("sites_true"), tot("predicted_sites")),
    }


def score_case(case, mirrors, offline, verify, state_root, all_uses=False):
    mirror = mirror_of(mirrors, case["repo"])
    result = {"id": case["id"], "repo": case["repo"], "from": case["from"], "to": case["to"]}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "repo"
        clone_at(mirror, case["base"], work)
        env = dict(os.environ)
        env["NAUTILUS_AUTOUPDATE_STATE_DIR"] = str(Path(state_root) / case["id"])
        common = ["--repo", str(work), "--from", case["from"], "--to", case["to"], "--releases-md", str(RELEASES)]
        if offline:
            common.append("--offline")
        out = tool(["check", *common, "--format", "json"], env)
        if out.returncode not in (0, 2):
            result["error"] = (out.stderr.strip().splitlines() or ["exit " + str(out.returncode)])[-1]
            return result
        report = json.loads(out.stdout)
        result["recommendation"] = report.get("recommendation")
        result["api_diff"] = bool((report.get("api_diff") or {}).get("used"))
        predicted_files, predicted_sites = predicted(report)
        result.update(score_prediction(case, predicted_files, predicted_sites))
        if verify:
            result["oracle"] = site_oracle(report, work, case)
            if "unavailable" not in result["oracle"]:
                result["oracle"]["truth"] = truth_oracle(case, work, predicted_sites)
        if all_uses:
            result["all_uses"] = all_uses_oracle(report, work, case)
        # fix on the same clone; compare the edited text with the developers' own.
        fixed = tool(["fix", *common, "--format", "json"], env)
        result["fix_exit"] = fixed.returncode
        same = 0
        for s in case["sites"]:
            path = work / s["path"]
            before, _, after = s["edit"].partition("  ->  ")
            if not path.exists() or after == "(removed)":
                continue
            text = {normalized(x) for x in code_lines(path)}
            # The developers' first new line is there and their first old line is gone.
            if normalized(after) in text and (normalized(before) == normalized(after) or normalized(before) not in text):
                same += 1
        result["fixed_as_developers"] = same
        diff = run(["git", "-C", str(work), "diff", "-U0", "--no-color"]).stdout
        added, moved = added_lines(diff)
        result["edited_lines"] = len(added)
        if moved:
            result["moved_lines"] = moved
        if verify and added:
            checked = edit_oracle(added, work, case["to"])
            if checked is None:
                result["unverified"] = True  # no wheel for the target here: not counted either way
            else:
                result.update(checked)
    return result


BENCH_CACHE = Path.home() / ".cache" / "nautilus-autoupdate-bench"
SIMPLE_INDEX = os.environ.get("DEVSET_SIMPLE_INDEX", "https://pypi.org/simple/nautilus-trader/")
ORACLE_PROBE = Path(__file__).parent / "oracle_probe.py"
_venvs = {}


def index_files():
    """The package's files on the index (PEP 691 JSON), cached for a day: one look-up per run."""
    cached = BENCH_CACHE / "simple-nautilus-trader.json"
    if cached.exists() and time.time() - cached.stat().st_mtime < 86400:
        return json.loads(cached.read_text())
    req = urllib.request.Request(SIMPLE_INDEX, headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            files = [f["filename"] for f in json.load(r).get("files", [])]
    except (OSError, ValueError):
        return json.loads(cached.read_text()) if cached.exists() else None
    BENCH_CACHE.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_text(json.dumps(files))
    tmp.replace(cached)
    return files


def wheel_pythons(version):
    """The CPython minor versions (3, 12) the index has a wheel of `version` for, on this platform."""
    files = index_files() or []
    machine = platform.machine()
    tags = set()
    for f in files:
        m = re.match(r"nautilus_trader-([^-]+)-cp(\d)(\d+)-[^-]+-([^-]+)\.whl$", f)
        if m and m.group(1) == version and "linux" in m.group(4) and machine in m.group(4):
            tags.add((int(m.group(2)), int(m.group(3))))
    return sorted(tags)


def interpreter_for(version):
    """The oldest local CPython (this one, or pyenv's) that a wheel of `version` is built for."""
    root = os.environ.get("PYENV_ROOT") or (run(["pyenv", "root"]).stdout.strip() if shutil.which("pyenv") else "")
    root = Path(root or Path.home() / ".pyenv")
    for major, minor in wheel_pythons(version):
        if sys.version_info[:2] == (major, minor):
            return sys.executable
        found = sorted(root.glob(f"versions/{major}.{minor}.*/bin/python"))
        if found:
            return str(found[-1])
    return None


def venv_for(version):
    """The python of a cached venv holding the real `version` wheel; None when the index has none here."""
    if version in _venvs:
        return _venvs[version]
    venv = BENCH_CACHE / f"venv-{version}"
    py = venv / "bin" / "python"
    ready = venv / ".installed"
    if not ready.exists() and interpreter_for(version) is None:
        _venvs[version] = None
        return None
    BENCH_CACHE.mkdir(parents=True, exist_ok=True)
    with open(BENCH_CACHE / f"venv-{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two runs must not build (and drop) the same venv at once
        _venvs[version] = make_venv(version, venv, py, ready)
    return _venvs[version]


def make_venv(version, venv, py, ready):
    if not ready.exists():
        interp = interpreter_for(version)
        if interp is None:
            return None
        # A venv whose install failed is dropped, so a later run neither trusts nor reuses it.
        shutil.rmtree(venv, ignore_errors=True)
        ok = run([interp, "-m", "venv", str(venv)]).returncode == 0 and run(
            [str(py), "-m", "pip", "install", "-q", "--only-binary", "nautilus_trader", f"nautilus_trader=={version}"]
        ).returncode == 0
        if not ok:
            shutil.rmtree(venv, ignore_errors=True)
            return None
        ready.touch()
    return py


def probe(version, queries):
    """The probe's results for `queries` on the real `version`; None when no wheel serves it here."""
    py = venv_for(version)
    if py is None:
        return None
    if not queries:
        return []
    out = run([str(py), str(ORACLE_PROBE)], input=json.dumps(queries))
    try:
        results = json.loads(out.stdout)
    except ValueError:
        err = (out.stderr.strip().splitlines() or ["no output"])[-1]
        results = [{"status": "unknown", "why": "probe failed: " + err}] * len(queries)
    return results


ORACLE_GROUPS = {
    # The acceptance bar of issue 13: certain import and keyword sites are real breaks.
    "certain_import_kwarg": lambda s: s["certainty"] == "certain" and s["match"] in ("import", "kwarg"),
    "certain_attribute_name": lambda s: s["certainty"] == "certain" and s["match"] in ("attribute", "name", "call"),
    "possible": lambda s: s["certainty"] == "possible" and s["match"] in ("import", "kwarg", "attribute", "name", "call"),
}


def verdict(match, target, before):
    """real / not_real / unverifiable, and why. A real break fails on the target and, when the from
    version has a wheel here, resolves on it."""
    if target["status"] == "unknown":
        return "unverifiable", "target: " + target["why"]
    if target["status"] == "ok":
        return "not_real", "resolves on the target: " + target["what"]
    if before is None:
        return "real", target["why"] + " (from version not checked: no wheel)"
    if before["status"] == "ok":
        return "real", target["why"]
    if before["status"] == "fail" and match == "import":
        return "not_real", "fails on the from version too: " + before["why"]
    # For a keyword or a chain, failing on both says more of our resolution than of the package.
    return "unverifiable", "from: " + before["why"]


def site_oracle(report, work, case):
    """Each reported site checked on the real target (and from) package."""
    sites, seen = [], set()
    for f in report.get("affected_files", []):
        for s in f.get("sites", []):
            key = (f["path"], s["line"], s["column"], s["match"])
            if "cell" in s or key in seen:
                continue  # notebook cells are not checked; a site named by two changes counts once
            seen.add(key)
            if any(g(s) for g in ORACLE_GROUPS.values()):
                sites.append({"path": f["path"], **s})
    queries = [{"path": str(work / s["path"]), "line": s["line"], "column": s["column"], "match": s["match"]} for s in sites]
    on_target = probe(case["to"], queries)
    if on_target is None:
        return {"target": case["to"], "unavailable": "no wheel of " + case["to"] + " on the index for this platform"}
    on_from = probe(case["from"], queries)
    out = {"target": case["to"], "from": case["from"] if on_from is not None else None}
    for name, member in ORACLE_GROUPS.items():
        g = {"checked": 0, "real": 0, "not_real": [], "unverifiable": 0, "unverifiable_why": []}
        for i, s in enumerate(sites):
            if not member(s):
                continue
            v, why = verdict(s["match"], on_target[i], on_from[i] if on_from is not None else None)
            g["checked"] += 1
            where = f'{s["path"]}:{s["line"]} [{s["match"]}] {s["code"].strip()}'
            if v == "real":
                g["real"] += 1
            elif v == "not_real":
                g["not_real"].append(f"{where}  -- {why}")
            else:
                g["unverifiable"] += 1
                g["unverifiable_why"].append(f"{where}  -- {why}")
        out[name] = g
    return out


def truth_oracle(case, work, predicted_sites):
    """Which of the developers' edits were real breaks: an old line of the edit whose use of the
    package fails on the target and (when its wheel is here) resolves on the from version. Tells a
    missed break from a refactor counted as truth."""
    spans = [(s["path"], n) for s in case["sites"] for n in range(s["line"], s["line"] + min(20, max(1, s.get("removed", 1))))]
    queries = [{"path": str(work / p), "line": n, "match": "line"} for p, n in spans]
    on_target, on_from = probe(case["to"], queries), probe(case["from"], queries)
    broken = set()
    for i, (p, n) in enumerate(spans):
        if on_target[i]["status"] == "fail" and (on_from is None or on_from[i]["status"] == "ok"):
            broken.add((p, n, on_target[i]["why"]))
    real = [s for s in case["sites"] if any(p == s["path"] and s["line"] <= n < s["line"] + max(1, s.get("removed", 1)) for p, n, _ in broken)]
    found = [s for s in real if any(p == site_path(s["path"], s.get("cell")) and s["line"] <= line < s["line"] + max(1, s.get("removed", 1)) for p, line in predicted_sites)]
    return {
        "sites": len(case["sites"]),
        "real_breaks": len(real),
        "found": len(found),
        "missed": [f"{p}:{n}  -- {why}" for p, n, why in sorted(broken)
                   if not any(p == q and n == line for q, line in predicted_sites)],
    }


# Folders whose Python files are not the repository's own uses of the package: a vendored copy of
# nautilus_trader itself, and virtual environments.
NOT_OURS = {"nautilus_trader", ".venv", "venv", "site-packages", "node_modules", ".git"}


def python_files(work):
    listed = run(["git", "-C", str(work), "ls-files", "-z", "--", "*.py"]).stdout.split("\0")
    return [p for p in listed if p and not NOT_OURS & set(Path(p).parts[:-1])]


def break_cause(kind, use, why):
    """A missed real break's cause, from the kind of use and the target's failure."""
    if kind == "import":
        gone = re.search(r"has no (\w+)$", why)
        if re.search(r"No module named|no module ", why) or (gone and gone.group(1) != use.rsplit(".", 1)[-1]):
            return "import: module gone"
        if "import of" in why:
            return "import: module fails to import"
        return "import: name gone from its module"
    if re.search(r"has no \w+$", why) and kind in ("kwarg", "call"):
        return f"{kind}: callee gone"
    if "takes no keyword" in why or "unexpected keyword" in why:
        return f"{kind}: keyword gone (renamed or removed)"
    if "missing a required" in why:
        return f"{kind}: new required parameter not passed"
    if "too many positional" in why:
        return f"{kind}: fewer positional parameters"
    if kind == "self":
        return "self: inherited member gone"
    if kind == "attribute":
        return "attribute: member gone"
    return f"{kind}: other"


def all_uses_oracle(report, work, case):
    """Recall against the real package, independent of the developers' edits: every use of the
    package in the repository's Python files (oracle_probe.all_uses) checked on both versions. A use
    that resolves on `from` and fails on `to` is a real break; `check` found it when it reported a
    site on that line. Needs both versions' wheels here."""
    files = python_files(work)
    queries = [{"path": str(work / p), "match": "all"} for p in files]
    on_target = probe(case["to"], queries)
    on_from = probe(case["from"], queries)
    if on_target is None or on_from is None:
        missing = [v for v, r in ((case["from"], on_from), (case["to"], on_target)) if r is None]
        return {"unavailable": "no wheel of " + " or ".join(missing) + " on the index for this platform"}
    reported = {(f["path"], s["line"]) for f in report.get("affected_files", []) for s in f.get("sites", [])}
    flagged = {f["path"] for f in report.get("affected_files", [])}
    reviewed = {u["path"] for r in report.get("reviews", []) for u in r.get("uses", [])}
    counts = {"uses": 0, "ok_both": 0, "fail_both": 0, "real": 0, "through_broken_import": 0,
              "fixed_by_upgrade": 0, "unknown": 0}
    breaks, unparsed, derived = [], [], set()
    line_status = {}  # (path, line) -> {"ok", "other"}: whether the probe proved the line's uses fine
    for p, t, f in zip(files, on_target, on_from):
        if t.get("status") != "uses" or f.get("status") != "uses":
            unparsed.append(f'{p}  -- {(t if t.get("status") != "uses" else f).get("why")}')
            continue
        target = {(u["line"], u["column"], u["kind"], u["use"]): u for u in t["uses"]}
        for u in f["uses"]:
            v = target.get((u["line"], u["column"], u["kind"], u["use"]))
            line_status.setdefault((p, u["line"]), set()).add(
                "ok" if v is not None and u["status"] == v["status"] == "ok" else "other")
            counts["uses"] += 1
            if v is None or "unknown" in (u["status"], v["status"]):
                counts["unknown"] += 1
            elif u["status"] == v["status"] == "ok":
                counts["ok_both"] += 1
            elif u["status"] == v["status"]:
                # An import failing on both is broken already; a keyword, chain or `self.x` failing on
                # both says more of the probe's reading (an instance attribute, say) than of the package.
                counts["fail_both" if u["kind"] == "import" else "unknown"] += 1
            elif u["status"] == "fail":
                counts["fixed_by_upgrade"] += 1
            elif v.get("root_ok") is False:
                # Fails only because the name it starts from no longer imports: that import is the
                # real break, reported once; this use is counted apart (fixing the import may fix it).
                counts["through_broken_import"] += 1
                derived.add((p, u["line"]))
            else:
                counts["real"] += 1
                breaks.append({"path": p, "line": u["line"], "kind": u["kind"], "use": u["use"], "why": v["why"],
                               "cause": break_cause(u["kind"], u["use"], v["why"])})
    # A call that fails to bind only for a keyword already a break (`FillModel(...)` for its
    # `prob_fill_on_stop=` on a later line) is that break again: one site, the keyword's.
    kw_lines = {}
    for b in breaks:
        if b["kind"] == "kwarg":
            kw_lines.setdefault((b["path"], b["use"]), []).append(b["line"])
    def same_as_keyword(b):
        m = re.search(r"unexpected keyword argument '(\w+)'", b["why"]) if b["kind"] == "call" else None
        lines = kw_lines.get((b["path"], b["use"].replace("(...)", f"({m.group(1)}=)")), []) if m else []
        return any(b["line"] <= n <= b["line"] + 50 for n in lines)
    merged = [b for b in breaks if same_as_keyword(b)]
    breaks = [b for b in breaks if not same_as_keyword(b)]
    counts["real"] -= len(merged)
    counts["call_same_as_keyword"] = len(merged)
    sites = {(b["path"], b["line"]) for b in breaks}
    break_files = {b["path"] for b in breaks}
    missed = [b for b in breaks if (b["path"], b["line"]) not in reported]
    false_files = sorted(flagged - break_files - reviewed)
    # A false file is disproved when every site check reported there is on a line whose uses the
    # probe saw resolve on both versions; else the probe could not read it (an instance's attribute,
    # a callee taking **kwargs, a notebook) and the site may still be a break.
    disproved = [f for f in false_files if all(line_status.get(site) == {"ok"} for site in reported if site[0] == f)]
    return {
        "target": case["to"], "from": case["from"], "files_probed": len(files), **counts,
        "break_sites": len(sites), "break_sites_reported": len(sites & reported),
        "break_files": len(break_files), "break_files_flagged": len(break_files & flagged),
        "flagged_files": len(flagged), "flagged_files_without_break": len(flagged - break_files),
        "flagged_files_review_only": sorted((flagged - break_files) & reviewed),
        "flagged_files_false": false_files,
        "flagged_files_disproved": disproved,
        "derived_sites": len(derived - sites),
        "reported_sites": len(reported), "reported_sites_on_break": len(reported & (sites | derived)),
        "missed": [f'{b["path"]}:{b["line"]} {b["kind"]} {b["use"]} -- {b["why"]}' for b in missed],
        "missed_by_cause": {c: sum(1 for b in missed if b["cause"] == c) for c in sorted({b["cause"] for b in missed})},
        "missed_detail": missed,
        "unparsed": unparsed,
    }


def available(r, key, label):
    """The case's oracle part `key`, or None (saying so when no wheel served it)."""
    part = r.get(key)
    if part is not None and "unavailable" in part:
        print(f'  {label}: {part["unavailable"]}')
        return None
    return part


def print_all_uses(r):
    a = available(r, "all_uses", "all uses")
    if a is None:
        return
    print(f'  all uses {a["from"]} -> {a["target"]}: {a["uses"]} uses in {a["files_probed"]} files; '
          f'{a["real"]} real breaks at {a["break_sites"]} sites in {a["break_files"]} files '
          f'(and {a["through_broken_import"]} uses failing through a broken import); check reported '
          f'{a["break_sites_reported"]} of the sites, flagged {a["break_files_flagged"]} of the files; '
          f'{a["flagged_files_without_break"]} of its {a["flagged_files"]} flagged files hold no real break '
          f'({len(a["flagged_files_review_only"])} of them a review item); '
          f'{a["ok_both"]} resolve on both, {a["fail_both"]} fail on both, {a["unknown"]} unverifiable')
    for x in a["missed"]:
        print("    missed real break: " + x)
    for x in a["flagged_files_false"]:
        print("    flagged, no real break or review item: " + x +
              (" (every reported line resolves on both)" if x in a["flagged_files_disproved"] else " (not all its reported lines readable by the probe)"))
    for x in a["unparsed"]:
        print("    not probed: " + x)


def all_uses_summary(ok):
    probed = [r for r in ok if r.get("all_uses") and "unavailable" not in r["all_uses"]]
    done = [r["all_uses"] for r in probed]
    tot = lambda k: sum(a[k] for a in done)
    flagged, false = tot("flagged_files"), sum(len(a["flagged_files_false"]) for a in done)
    causes = {}
    for r in probed:
        for b in r["all_uses"]["missed_detail"]:
            causes.setdefault(b["cause"], []).append(f'{r["id"]}: {b["path"]}:{b["line"]} {b["kind"]} {b["use"]} -- {b["why"]}')
    return {
        "cases_probed": len(done),
        "cases_unavailable": sum(1 for r in ok if r.get("all_uses") and "unavailable" in r["all_uses"]),
        "uses": tot("uses"), "unverifiable": tot("unknown"), "real_breaks": tot("real"),
        "through_broken_import": tot("through_broken_import"),
        "break_sites": tot("break_sites"), "break_sites_reported": tot("break_sites_reported"),
        "break_files": tot("break_files"), "break_files_flagged": tot("break_files_flagged"),
        "site_recall": ratio(tot("break_sites_reported"), tot("break_sites")),
        "file_recall": ratio(tot("break_files_flagged"), tot("break_files")),
        "flagged_files": flagged,
        "flagged_files_without_break": tot("flagged_files_without_break"),
        "flagged_files_false": false,
        "flagged_files_disproved": sum(len(a["flagged_files_disproved"]) for a in done),
        # A flagged file is false when it holds neither a real break nor a review item.
        "file_precision": ratio(flagged - false, flagged),
        "file_precision_breaks_only": ratio(flagged - tot("flagged_files_without_break"), flagged),
        "site_precision": ratio(tot("reported_sites_on_break"), tot("reported_sites")),
        "missed_by_cause": {c: len(v) for c, v in sorted(causes.items())},
        "missed": {c: v for c, v in sorted(causes.items())},
        "flagged_false": [f'{r["id"]}: {p}' for r in probed for p in r["all_uses"]["flagged_files_false"]],
    }


def added_lines(diff):
    """(path, new line number, text) of every line the diff adds, and how many of them only moved.

    A line whose text the diff also removes from the same file is not text `fix` wrote: merging
    imports into an earlier statement of the same module leaves the statements between after the
    merged one, which a line diff shows as removed and added again, their text untouched. Such
    lines are counted apart, not checked as edits."""
    out, path, n = [], None, 0
    removed = {}
    for l in diff.splitlines():
        if l.startswith("--- "):
            continue
        if l.startswith("+++ "):
            path = l[6:] if l.startswith("+++ b/") else None
        elif l.startswith("@@"):
            m = re.match(r"@@ -\S+ \+(\d+)", l)
            n = int(m.group(1)) if m else 0
        elif l.startswith("-") and path is not None:
            removed.setdefault(path, Counter())[l[1:].strip()] += 1
        elif l.startswith("+") and path:
            out.append((path, n, l[1:]))
            n += 1
    written, moved = [], 0
    for p, n, text in out:
        left = removed.get(p, Counter())
        if text.strip() and left[text.strip()] > 0:
            left[text.strip()] -= 1
            moved += 1
        else:
            written.append((p, n, text))
    return written, moved


def edit_oracle(added, work, version):
    """The edits `fix` wrote, each added line's imports, keywords and chains of the package checked on
    the real target; None when no wheel serves it here."""
    lines = [a for a in added if a[0].endswith(".py")]
    results = probe(version, [{"path": str(work / p), "line": n, "match": "line"} for p, n, _ in lines])
    if results is None:
        return None
    out = {"unresolved": [], "edits_verified": 0, "edits_unverifiable": []}
    for (p, n, text), r in zip(lines, results):
        where = f"{p}:{n}: {text.strip()}"
        if r["status"] == "fail":
            out["unresolved"].append(f"{where}  -- {r['why']}")
        elif r["status"] == "ok":
            out["edits_verified"] += 1
        elif r["status"] == "unknown":
            out["edits_unverifiable"].append(f"{where}  -- {r['why']}")
    return out


def ratio(a, b):
    return round(a / b, 2) if b else None


def print_oracle(r):
    """The oracle's figures of one case, and every site it found not to be a real break."""
    o = available(r, "oracle", "oracle")
    if o is None:
        return
    versions = f'{o["from"] or "(from: no wheel)"} -> {o["target"]}'
    for name in ORACLE_GROUPS:
        g = o[name]
        if g["checked"]:
            print(f'  oracle {versions} {name}: {g["checked"]} checked, {g["real"]} real, '
                  f'{len(g["not_real"])} not real, {g["unverifiable"]} unverifiable')
            for x in g["not_real"]:
                print("    not real: " + x)
            if name == "certain_import_kwarg":
                for x in g["unverifiable_why"]:
                    print("    unverifiable: " + x)
    t = o.get("truth")
    if t and t["sites"]:
        print(f'  oracle truth: {t["real_breaks"]} of the developers\' {t["sites"]} edited sites were real breaks, '
              f'{t["found"]} of them reported' + ("" if o["from"] else " (from version not checked: no wheel)"))
        for x in t["missed"]:
            print("    missed break: " + x)
    for x in r.get("unresolved", []):
        print("  edit unresolved: " + x)


def oracle_summary(ok):
    checked = [r["oracle"] for r in ok if r.get("oracle") and "unavailable" not in r["oracle"]]
    out = {
        "cases_checked": len(checked),
        "cases_with_from_checked": sum(1 for o in checked if o["from"]),
        "cases_unavailable": sum(1 for r in ok if r.get("oracle") and "unavailable" in r["oracle"]),
    }
    for name in ORACLE_GROUPS:
        out[name] = {
            "checked": sum(o[name]["checked"] for o in checked),
            "real": sum(o[name]["real"] for o in checked),
            "not_real": sum(len(o[name]["not_real"]) for o in checked),
            "unverifiable": sum(o[name]["unverifiable"] for o in checked),
        }
    truths = [o["truth"] for o in checked if o.get("truth")]
    out["truth_sites"] = sum(t["sites"] for t in truths)
    out["truth_real_breaks"] = sum(t["real_breaks"] for t in truths)
    out["truth_real_breaks_found"] = sum(t["found"] for t in truths)
    out["not_real_certain_import_kwarg"] = [x for o in checked for x in o["certain_import_kwarg"]["not_real"]]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirrors", default=os.environ.get("DEVSET_MIRRORS", str(ROOT.parent / ".mirror")))
    ap.add_argument("--offline", action="store_true")
    ap.add_argument("--verify", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--json")
    # Another set of the same shape, e.g. upgrades made up to put more sites before the oracle.
    ap.add_argument("--cases", default=str(Path(__file__).parent / "cases.json"))
    # Recall against the real package: every use of it probed on both versions (needs --verify).
    ap.add_argument("--all-uses", action="store_true")
    # Only the cases whose both versions have a wheel on the index here (what --all-uses can probe).
    ap.add_argument("--served-only", action="store_true")
    a = ap.parse_args()
    if a.all_uses and not a.verify:
        ap.error("--all-uses needs --verify (it asks the real package)")
    cases = json.loads(Path(a.cases).read_text())["cases"]
    if a.served_only:
        cases = [c for c in cases if wheel_pythons(c["from"]) and wheel_pythons(c["to"])]
    results = []
    with tempfile.TemporaryDirectory() as state_root:
        for case in cases:
            if a.only and a.only not in case["repo"]:
                continue
            if not mirror_of(a.mirrors, case["repo"]).exists():
                results.append({"id": case["id"], "error": "no mirror (fetch " + case["repo"] + ")"})
                continue
            r = score_case(case, a.mirrors, a.offline, a.verify, state_root, a.all_uses)
            results.append(r)
            hidden = ("missed_files", "extra_files", "oracle", "unresolved", "edits_unverifiable", "all_uses")
            print(json.dumps({k: v for k, v in r.items() if k not in hidden}), flush=True)
            print_oracle(r)
            print_all_uses(r)
            sys.stdout.flush()
    ok = [r for r in results if "error" not in r]
    tot = lambda k: sum(r.get(k, 0) for r in ok)
    summary = {
        "cases": len(results),
        "scored": len(ok),
        "errors": [r["id"] + ": " + r["error"] for r in results if "error" in r],
        **rates(ok),
        "fixed_as_developers": f'{tot("fixed_as_developers")}/{tot("truth_sites")}',
        "no_impact_cases_clean": sum(1 for r in ok if r["truth_files"] == 0 and r["predicted_files"] == 0),
        "no_impact_cases": sum(1 for r in ok if r["truth_files"] == 0),
        "cases_with_api_diff": sum(1 for r in ok if r.get("api_diff")),
    }
    if a.verify:
        summary["unresolved_edits"] = sum(len(r.get("unresolved", [])) for r in ok)
        summary["verified_cases"] = sum(1 for r in ok if "unresolved" in r)
        summary["unverified_cases"] = sum(1 for r in ok if r.get("unverified"))
        summary["edits_verified"] = tot("edits_verified")
        summary["moved_lines"] = tot("moved_lines")
        summary["edits_unverifiable"] = sum(len(r.get("edits_unverifiable", [])) for r in ok)
        summary["oracle"] = oracle_summary(ok)
    if a.all_uses:
        summary["all_uses"] = all_uses_summary(ok)
    print(json.dumps(summary, indent=1))
    if a.json:
        Path(a.json).write_text(json.dumps({"summary": summary, "cases": results}, indent=1))


if __name__ == "__main__":
    main()
