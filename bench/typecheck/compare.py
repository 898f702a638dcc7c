#!/usr/bin/env python3
"""Java resolver (`check`) against off-the-shelf type checkers, on the dev set of real upgrades.

For each case of bench/devset/cases.json whose two versions have API models here (PyPI serves
nautilus_trader 1.211.0 ... 1.231.0 and 2.0.0rc3 ... rc7; --all tries every case), and for the
sample under bench/typecheck/sample (lines marked `# BREAK` are its truth):

1. the base commit's tree (git archive of the mirror), or the sample's folder;
2. `api-diff --from F --to T --write-stubs DIR`: both models as .pyi stubs;
3. each type checker on the tree against each stub set; a diagnostic (file, line, rule, first line
   of the message) that appears only under the target is a predicted break;
4. `check --from F --to T --format json` on the same tree;
5. both scored against the truth with bench/devset/score.py's own functions.

Prints per case and approach: predicted files and sites, file and site recall and precision, time.
Not CI: it needs the mirrors and PyPI. The checkers are installed with pip into a venv under
~/.cache/nautilus-autoupdate/bench.

Usage: compare.py [--checkers ty,pyrefly,basedpyright] [--only REPO] [--all] [--no-sample]
                  [--mirrors DIR] [--json OUT]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "devset"))
import score  # noqa: E402  (bench/devset/score.py: the dev set's own scoring)

VENV = Path.home() / ".cache" / "nautilus-autoupdate" / "bench" / "tc-venv"
SAMPLE = HERE / "sample"
SAMPLE_CASE = {"id": "sample", "repo": "(bench/typecheck/sample)", "from": "1.222.0", "to": "1.224.0"}
PYTHON_VERSION = "3.12"


def ensure_checkers(names):
    """Installs the checkers into the bench venv once; returns their executables."""
    bins = {n: VENV / "bin" / n for n in names}
    missing = [n for n, b in bins.items() if not b.exists()]
    if missing:
        if not (VENV / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", *missing], check=True)
    return bins


def version_of(name):
    out = subprocess.run([str(VENV / "bin" / name), "--version"], capture_output=True, text=True)
    return (out.stdout.strip().splitlines() or ["?"])[0]


def has_model(v):
    """Versions PyPI serves here (so a model can be built): 1.211.0 and later, 2.0.0 candidates."""
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)(rc\d+)?", v)
    return bool(m) and tuple(int(x) for x in m.groups()[:3]) >= (1, 211, 0)


def python_files(root):
    return sorted(str(p) for p in root.rglob("*.py") if ".git" not in p.parts)


def run_ty(exe, tree, stubs):
    out = subprocess.run(
        [str(exe), "check", "--output-format", "concise", "--python-version", PYTHON_VERSION,
         "--extra-search-path", str(stubs), "--no-progress", "--exit-zero", str(tree)],
        capture_output=True, text=True, errors="replace", cwd=tree)
    diags = []
    for line in out.stdout.splitlines():
        m = re.match(r"^(.+?):(\d+):\d+: \w+\[([\w-]+)\] (.*)$", line)
        if m:
            diags.append((m.group(1), int(m.group(2)), m.group(3), m.group(4)))
    return diags


def json_of(text):
    """The JSON object a checker printed (it may print a line or two around it); {} if none."""
    start = text.find("{")
    return json.loads(text[start:text.rfind("}") + 1]) if start >= 0 else {}


def run_pyrefly(exe, tree, stubs):
    out = subprocess.run(
        [str(exe), "check", "--output-format", "json", "--python-version", PYTHON_VERSION,
         "--search-path", str(stubs), "--summary=none", *python_files(tree)],
        capture_output=True, text=True, errors="replace", cwd=tree)
    data = json_of(out.stdout)
    return [(e["path"], e["line"], e["name"], e["description"]) for e in data.get("errors", [])]


def run_basedpyright(exe, tree, stubs):
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "pyrightconfig.json"
        cfg.write_text(json.dumps({
            "include": [str(tree)], "stubPath": str(stubs), "pythonVersion": PYTHON_VERSION,
            "typeCheckingMode": "standard", "reportMissingModuleSource": False}))
        out = subprocess.run([str(exe), "-p", str(cfg), "--outputjson"],
                             capture_output=True, text=True, errors="replace", cwd=tree)
    data = json_of(out.stdout)
    return [(d["file"], d["range"]["start"]["line"] + 1, d.get("rule", ""), d["message"])
            for d in data.get("generalDiagnostics", [])]


RUNNERS = {"ty": run_ty, "pyrefly": run_pyrefly, "basedpyright": run_basedpyright}


def key(diag, tree, stubs):
    """A diagnostic as compared across versions: path relative to the tree, line, rule, and the
    message's first line with the stub folder named alike (pyrefly names where it looked)."""
    path, line, rule, message = diag
    rel = os.path.relpath(os.path.join(tree, path), tree) if not os.path.isabs(path) else os.path.relpath(path, tree)
    first = (message.splitlines() or [""])[0].replace(str(stubs), "<stubs>")
    return rel, line, rule, first


def typecheck(name, exe, tree, stubs_from, stubs_to):
    """Diagnostics only under the target: (predicted files, sites, seconds for both runs, count)."""
    t0 = time.monotonic()
    old = collections.Counter(key(d, tree, stubs_from) for d in RUNNERS[name](exe, tree, stubs_from))
    new = collections.Counter(key(d, tree, stubs_to) for d in RUNNERS[name](exe, tree, stubs_to))
    seconds = time.monotonic() - t0
    only = new - old
    sites = {(k[0], k[1]) for k in only}
    return {p for p, _ in sites}, sites, seconds, sorted(only), sum(old.values()), sum(new.values())


def java_check(tree, case, state):
    env = dict(os.environ, NAUTILUS_AUTOUPDATE_STATE_DIR=str(state))
    t0 = time.monotonic()
    out = score.tool(["check", "--repo", str(tree), "--from", case["from"], "--to", case["to"],
                      "--releases-md", str(score.RELEASES), "--format", "json"], env)
    seconds = time.monotonic() - t0
    if out.returncode not in (0, 2):
        raise RuntimeError("check: " + (out.stderr.strip().splitlines() or ["exit " + str(out.returncode)])[-1])
    files, sites = score.predicted(json.loads(out.stdout))
    return files, sites, seconds


def write_stubs(case, root):
    t0 = time.monotonic()
    out = score.tool(["api-diff", "--from", case["from"], "--to", case["to"], "--write-stubs", str(root),
                      "--state-dir", str(root / "state"), "--format", "json"], dict(os.environ))
    if out.returncode != 0:
        raise RuntimeError("api-diff: " + (out.stderr.strip().splitlines() or ["exit " + str(out.returncode)])[-1])
    stubs = json.loads(out.stdout)["stubs"]
    return Path(stubs[case["from"]]), Path(stubs[case["to"]]), time.monotonic() - t0


def sample_truth():
    """The sample's truth: every line marked `# BREAK`."""
    files, sites = set(), []
    for p in sorted(SAMPLE.rglob("*.py")):
        rel = str(p.relative_to(SAMPLE))
        for i, line in enumerate(p.read_text().splitlines(), 1):
            if "# BREAK" in line:
                files.add(rel)
                sites.append({"path": rel, "line": i})
    return dict(SAMPLE_CASE, files=sorted(files), sites=sites)


# A mirror may lack its largest blobs (data files): then only the code and the project files.
CODE = (".py", ".pyi", ".toml", ".lock", ".txt", ".cfg", ".ipynb")


def extract(mirror, commit, tree):
    """The commit's tree under `tree` (git archive); False when even the code cannot be read."""
    names = subprocess.run(["git", "-C", str(mirror), "ls-tree", "-r", "--name-only", commit],
                           capture_output=True, text=True).stdout.splitlines()
    # A pathspec that matches nothing fails the archive: only the suffixes the commit has.
    code = [f":(glob)**/*{x}" for x in CODE if any(n.endswith(x) for n in names)]
    for pathspec in ([], code):
        archive = subprocess.run(["git", "-C", str(mirror), "archive", commit, *pathspec], capture_output=True)
        if archive.returncode == 0:
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
            return True
    return False


def compare_case(case, tree, checkers, tmp):
    row = {"id": case["id"], "repo": case["repo"], "from": case["from"], "to": case["to"]}
    stubs_from, stubs_to, row["stub_seconds"] = write_stubs(case, tmp / "stubs")
    files, sites, secs = java_check(tree, case, tmp / "state")
    row["check"] = dict(score.score_prediction(case, files, sites), seconds=round(secs, 1))
    for name, exe in checkers.items():
        files, sites, secs, only, n_old, n_new = typecheck(name, exe, tree, stubs_from, stubs_to)
        row[name] = dict(score.score_prediction(case, files, sites), seconds=round(secs, 1),
                         diagnostics_from=n_old, diagnostics_to=n_new,
                         only_under_target=[" ".join(map(str, k)) for k in only])
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkers", default="ty,pyrefly,basedpyright")
    ap.add_argument("--mirrors", default=os.environ.get("DEVSET_MIRRORS", str(score.ROOT.parent / ".mirror")))
    ap.add_argument("--only")
    ap.add_argument("--all", action="store_true", help="try every case, not only those PyPI has models for")
    ap.add_argument("--no-sample", action="store_true")
    ap.add_argument("--json")
    a = ap.parse_args()
    names = [n for n in a.checkers.split(",") if n]
    unknown = [n for n in names if n not in RUNNERS]
    if unknown:
        sys.exit("error: unknown checker " + ", ".join(unknown) + " (ty, pyrefly, basedpyright)")
    checkers = ensure_checkers(names)
    print(json.dumps({n: version_of(n) for n in names}))
    cases = json.loads((score.ROOT / "bench" / "devset" / "cases.json").read_text())["cases"]
    rows, skipped = [], []
    todo = [] if a.no_sample else [(sample_truth(), SAMPLE)]
    for case in cases:
        if a.only and a.only not in case["repo"]:
            continue
        if not a.all and not (has_model(case["from"]) and has_model(case["to"])):
            skipped.append(f'{case["id"]} ({case["from"]} -> {case["to"]}: no model here)')
            continue
        mirror = score.mirror_of(a.mirrors, case["repo"])
        if not mirror.exists():
            skipped.append(f'{case["id"]} (no mirror)')
            continue
        todo.append((case, mirror))
    for case, source in todo:
        with tempfile.TemporaryDirectory() as t:
            tmp = Path(t)
            if source == SAMPLE:
                tree = SAMPLE
            else:
                tree = tmp / "tree"
                tree.mkdir()
                if not extract(source, case["base"], tree):
                    skipped.append(f'{case["id"]} (cannot archive {case["base"][:8]})')
                    continue
            try:
                row = compare_case(case, tree, checkers, tmp)
            except RuntimeError as e:
                skipped.append(f'{case["id"]} ({e})')
                continue
        rows.append(row)
        for approach in ["check", *names]:
            r = row[approach]
            print(f'{row["id"]:<42} {approach:<13} files {r["predicted_files"]:>3} sites {r["predicted_sites"]:>3}'
                  f' | file R {r["files_found"]}/{r["truth_files"]} P {r["files_true"]}/{r["predicted_files"]}'
                  f' | site R {r["sites_found"]}/{r["truth_sites"]} P {r["sites_true"]}/{r["predicted_sites"]}'
                  f' | {r["seconds"]} s', flush=True)
        for name in names:
            for d in row[name]["only_under_target"][:20]:
                print(f'    {name}: {d}')
    summary = {"skipped": skipped}
    for part, picked in [("dev set", [r for r in rows if r["id"] != "sample"]),
                         ("sample", [r for r in rows if r["id"] == "sample"])]:
        summary[part] = {
            approach: dict(score.rates([r[approach] for r in picked]),
                           predicted_files=sum(r[approach]["predicted_files"] for r in picked),
                           predicted_sites=sum(r[approach]["predicted_sites"] for r in picked),
                           seconds=round(sum(r[approach]["seconds"] for r in picked), 1))
            for approach in ["check", *names]} | {"cases": len(picked)}
    print(json.dumps(summary, indent=1))
    if a.json:
        Path(a.json).write_text(json.dumps({"summary": summary, "cases": rows}, indent=1))


if __name__ == "__main__":
    main()
