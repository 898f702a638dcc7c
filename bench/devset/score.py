#!/usr/bin/env python3
"""Scores `check` and `fix` on the dev set of real upgrades (bench/devset/cases.json).

For each case: a throwaway clone of the repository's mirror at the case's base commit, then
`check --from F --to T --format json` (online unless --offline: the API diff is made where the
package index still serves both versions), then `fix` on the same clone. The truth is what the
developers changed (files, and the old line ranges of their edits).

Prints per case and in all: file recall and precision, site recall and precision, the share of
the developers' edited sites that `fix` edited to the same text, and the edits `fix` wrote whose
imports do not resolve on the target (checked with the real wheel in a venv when --verify is set).

Usage: score.py [--mirrors DIR] [--offline] [--verify] [--only REPO] [--json OUT]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(os.environ.get("DEVSET_LAUNCHER", ROOT / "bin" / "nautilus-autoupdate"))
RELEASES = ROOT.parent / "shared" / "data" / "nautilus" / "RELEASES.md"


def mirror_of(mirrors, repo):
    return Path(mirrors) / repo.replace("/", "+") / "repo"


def run(cmd, cwd=None, env=None):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, errors="replace")


def clone_at(mirror, commit, dest):
    run(["git", "clone", "-q", "--no-checkout", "--shared", str(mirror), str(dest)])
    out = run(["git", "-C", str(dest), "checkout", "-q", commit])
    if out.returncode != 0:
        raise RuntimeError(f"cannot check out {commit}: {out.stderr.strip()}")


def tool(args, env):
    return run([str(LAUNCHER), *args], env=env)


def normalized(line):
    return re.sub(r"\s+", " ", line.strip())


def truth_ranges(case):
    """Each developer edit as (path, first old line, last old line)."""
    ranges = []
    for s in case["sites"]:
        n = max(1, s.get("removed", 1))
        ranges.append((s["path"], s["line"], s["line"] + n - 1))
    return ranges


def score_case(case, mirrors, offline, verify, state_root):
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
        predicted_files = {f["path"] for f in report.get("affected_files", [])}
        predicted_sites = {(f["path"], s["line"]) for f in report.get("affected_files", []) for s in f.get("sites", [])}
        truth_files = set(case["files"])
        ranges = truth_ranges(case)
        hit_ranges = {r for r in ranges if any(p == r[0] and r[1] <= line <= r[2] for p, line in predicted_sites)}
        true_sites = {s for s in predicted_sites if any(s[0] == r[0] and r[1] <= s[1] <= r[2] for r in ranges)}
        result.update(
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
        # fix on the same clone; compare the edited text with the developers' own.
        fixed = tool(["fix", *common, "--format", "json"], env)
        result["fix_exit"] = fixed.returncode
        same = 0
        for s in case["sites"]:
            path = work / s["path"]
            before, _, after = s["edit"].partition("  ->  ")
            if not path.exists() or after == "(removed)":
                continue
            text = {normalized(x) for x in path.read_text(errors="replace").splitlines()}
            # The developers' first new line is there and their first old line is gone.
            if normalized(after) in text and (normalized(before) == normalized(after) or normalized(before) not in text):
                same += 1
        result["fixed_as_developers"] = same
        diff = run(["git", "-C", str(work), "diff", "-U0", "--no-color"]).stdout
        added = [l[1:] for l in diff.splitlines() if l.startswith("+") and not l.startswith("+++")]
        result["edited_lines"] = len(added)
        if verify and added:
            bad = unresolved_imports(added, case["to"])
            if bad is None:
                result["unverified"] = True  # no wheel for the target here: not counted either way
            else:
                result["unresolved"] = bad
    return result


IMPORT = re.compile(r"^\s*from\s+(nautilus_trader[\w.]*)\s+import\s+([\w ,]+)")


def unresolved_imports(lines, version):
    """Imports the tool wrote that the real target package cannot satisfy (checked in a venv)."""
    venv = Path.home() / ".cache" / "nautilus-autoupdate-bench" / f"venv-{version}"
    py = venv / "bin" / "python"
    ready = venv / ".installed"
    if not ready.exists():
        # A venv whose install failed is dropped, so a later run neither trusts nor reuses it.
        shutil.rmtree(venv, ignore_errors=True)
        if run([sys.executable, "-m", "venv", str(venv)]).returncode != 0:
            return None
        if run([str(py), "-m", "pip", "install", "-q", f"nautilus_trader=={version}"]).returncode != 0:
            shutil.rmtree(venv, ignore_errors=True)
            return None
        ready.touch()
    bad = []
    for line in lines:
        m = IMPORT.match(line)
        if not m:
            continue
        names = [n.strip().split(" as ")[0] for n in m.group(2).split(",") if n.strip()]
        code = f"import importlib; m = importlib.import_module({m.group(1)!r}); " + "; ".join(
            f"getattr(m, {n!r})" for n in names
        )
        if run([str(py), "-c", code]).returncode != 0:
            bad.append(line.strip())
    return bad


def ratio(a, b):
    return round(a / b, 2) if b else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirrors", default=os.environ.get("DEVSET_MIRRORS", str(ROOT.parent / ".mirror")))
    ap.add_argument("--offline", action="store_true")
    ap.add_argument("--verify", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--json")
    a = ap.parse_args()
    cases = json.loads((Path(__file__).parent / "cases.json").read_text())["cases"]
    results = []
    with tempfile.TemporaryDirectory() as state_root:
        for case in cases:
            if a.only and a.only not in case["repo"]:
                continue
            if not mirror_of(a.mirrors, case["repo"]).exists():
                results.append({"id": case["id"], "error": "no mirror (fetch " + case["repo"] + ")"})
                continue
            r = score_case(case, a.mirrors, a.offline, a.verify, state_root)
            results.append(r)
            print(json.dumps({k: v for k, v in r.items() if k not in ("missed_files", "extra_files")}), flush=True)
    ok = [r for r in results if "error" not in r]
    tot = lambda k: sum(r.get(k, 0) for r in ok)
    summary = {
        "cases": len(results),
        "scored": len(ok),
        "errors": [r["id"] + ": " + r["error"] for r in results if "error" in r],
        "file_recall": ratio(tot("files_found"), tot("truth_files")),
        "file_precision": ratio(tot("files_true"), tot("predicted_files")),
        "site_recall": ratio(tot("sites_found"), tot("truth_sites")),
        "site_precision": ratio(tot("sites_true"), tot("predicted_sites")),
        "fixed_as_developers": f'{tot("fixed_as_developers")}/{tot("truth_sites")}',
        "no_impact_cases_clean": sum(1 for r in ok if r["truth_files"] == 0 and r["predicted_files"] == 0),
        "no_impact_cases": sum(1 for r in ok if r["truth_files"] == 0),
        "cases_with_api_diff": sum(1 for r in ok if r.get("api_diff")),
    }
    if a.verify:
        summary["unresolved_edits"] = sum(len(r.get("unresolved", [])) for r in ok)
        summary["verified_cases"] = sum(1 for r in ok if "unresolved" in r)
        summary["unverified_cases"] = sum(1 for r in ok if r.get("unverified"))
    print(json.dumps(summary, indent=1))
    if a.json:
        Path(a.json).write_text(json.dumps({"summary": summary, "cases": results}, indent=1))


if __name__ == "__main__":
    main()
