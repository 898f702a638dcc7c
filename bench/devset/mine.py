#!/usr/bin/env python3
"""Finds real upgrade cases in git mirrors of repositories that depend on nautilus_trader.

A case is a commit whose pin of nautilus_trader moves (pyproject.toml, requirements*.txt, setup.py,
setup.cfg, uv.lock, poetry.lock, pdm.lock; PEP 508, Poetry `^`/`~` and table forms, git tags) and,
for the truth, the Python files (and notebooks' code cells) of that commit whose changed lines touch
a name imported from nautilus_trader. A bump whose commit adapts no such file is a no-impact case; a downgrade is no case.
Only facts are printed (repo, commits, versions, paths, line numbers, the edit as one line),
never the repositories' code beyond that one line.

Usage: mine.py MIRROR_GIT_DIR [REPO_NAME] > candidates.json
"""
import difflib
import functools
import json
import re
import subprocess
import sys

PIN_FILES = re.compile(r"(^|/)(pyproject\.toml|requirements[^/]*\.txt|setup\.py|setup\.cfg|uv\.lock|poetry\.lock|pdm\.lock)$")
VERSION = r"([0-9]+\.[0-9]+(?:\.[0-9]+)?(?:[a-z]+[0-9]+)?(?:\.dev[0-9]+)?)"
PIN = re.compile(r"nautilus[_-]trader(?:\[[^\]]*\])?\s*(?:==|>=|~=|===)\s*" + VERSION, re.I)
# Poetry: `nautilus-trader = "^1.221.0"`, or a table `{ extras = [...], version = "~1.221" }`.
PIN_POETRY = re.compile(
    r'^\s*"?nautilus[_-]trader"?\s*=\s*(?:"[\^~=>]*\s*' + VERSION + r'|\{[^}\n]*?\bversion\s*=\s*"[\^~=>]*\s*' + VERSION + r')',
    re.I,
)
# A git pin on a release tag: `nautilus_trader @ git+https://...@v1.222.0`, or Poetry/uv `tag = "v1.222.0"`.
PIN_GIT_TAG = re.compile(r'nautilus[_-]trader.*?(?:git\+\S+@|\btag\s*=\s*")v?' + VERSION + r'(?=["\s,;#}]|$)', re.I)
LOCK_PKG = re.compile(r'name\s*=\s*"nautilus[-_]trader"\s*\nversion\s*=\s*"([^"]+)"', re.I)
LOCK_SPEC = re.compile(r'\{\s*name\s*=\s*"nautilus[-_]trader"[^}]*?specifier\s*=\s*"([^"]+)"', re.I)
# The requirement as uv.lock records it: up to an environment marker's `;`.
PIN_SPEC = re.compile(r'nautilus[_-]trader(?:\[[^\]]*\])?\s*((?:==|>=|~=|===)\s*[0-9][^",;\s]*(?:\s*,\s*[<>=!~]+\s*[0-9][^",;\s]*)*)', re.I)
IMPORT_FROM = re.compile(r"^\s*from\s+(nautilus_trader[\w.]*)\s+import\s+\(?([^#\n]*)", re.M)
IMPORT = re.compile(r"^\s*import\s+(nautilus_trader[\w.]*)", re.M)
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def git(gd, *args):
    return subprocess.run(
        ["git", "--git-dir", gd, *args], capture_output=True, text=True, errors="replace"
    ).stdout


def release_key(v):
    """Orders versions as PEP 440 does for the forms pins use here (1.221.0, 1.223.0a20260117)."""
    m = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?(?:\.?([a-z]+)(\d+))?", v)
    if not m:
        return (0, 0, 0, 0, 0)
    # A final release sorts after its pre-releases, and a dev build before them.
    pre = {"dev": 0, "a": 1, "b": 2, "rc": 3}.get(m.group(4), 4) if m.group(4) else 5
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), pre, int(m.group(5) or 0))


def version_at(gd, commit, paths):
    """The nautilus_trader version a commit pins: uv.lock's exact version first, then pins."""
    found = {}
    for p in paths:
        text = git(gd, "show", f"{commit}:{p}")
        if not text:
            continue
        if p.endswith(".lock"):  # uv.lock, poetry.lock and pdm.lock share the [[package]] name/version form
            m = LOCK_PKG.search(text)
            if m:
                found.setdefault("lock", m.group(1))
                # A lock whose recorded requirement differs from the manifest's is stale (committed
                # before `uv lock` ran again): the manifest's pin is then what the project asks for.
                spec = LOCK_SPEC.search(text)
                manifest = git(gd, "show", f"{commit}:{p[: -len('uv.lock')]}pyproject.toml") if p.endswith("uv.lock") else ""
                wanted = next((PIN_SPEC.search(l) for l in manifest.splitlines() if PIN_SPEC.search(l) and not l.lstrip().startswith("#")), None)
                if spec and wanted and spec.group(1).replace(" ", "") != wanted.group(1).replace(" ", ""):
                    found["stale_lock"] = True
        else:
            for line in text.splitlines():
                if line.lstrip().startswith("#"):
                    continue
                m = PIN.search(line) or PIN_POETRY.search(line) or PIN_GIT_TAG.search(line)
                if m:
                    v = next(g for g in m.groups() if g)
                    # A range's floor `>=1.221` is the release 1.221.0.
                    found.setdefault("pin", v if re.match(r"^\d+\.\d+\.\d+", v) else re.sub(r"^(\d+\.\d+)", r"\1.0", v))
    if found.get("stale_lock") and found.get("pin"):
        return found["pin"]
    return found.get("lock") or found.get("pin")


@functools.lru_cache(maxsize=None)
def pin_files_at(gd, commit):
    """The project's own pin files: the shallowest ones naming nautilus_trader (copies nested
    deeper, vendored or in examples, are not the project's pin)."""
    out = git(gd, "grep", "-l", "-i", "-E", "nautilus[_-]trader", commit, "--")
    named = [p.split(":", 1)[1] for p in out.splitlines() if ":" in p]
    named = [p for p in named if PIN_FILES.search(p)]
    if not named:
        return frozenset()
    depth = min(p.count("/") for p in named)
    return frozenset(p for p in named if p.count("/") == depth)


def imported_names(text):
    names = set()
    for m in IMPORT_FROM.finditer(text):
        for part in m.group(2).replace("(", " ").replace(")", " ").split(","):
            bits = part.split()
            if bits:
                names.add(bits[-1] if "as" in bits else bits[0])
    for m in IMPORT.finditer(text):
        names.add(m.group(1).split(".")[0])
    names.add("nautilus_trader")
    return {n for n in names if IDENT.fullmatch(n)}


def hunks(gd, parent, commit, path):
    """Yields (old_line, removed_text, added_text) per changed block of one file."""
    out = git(gd, "diff", "-U0", "--no-color", parent, commit, "--", path)
    old = None
    removed, added = [], []
    for line in out.splitlines():
        m = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", line)
        if m:
            if old is not None:
                yield old, removed, added
            old = int(m.group(1))
            removed, added = [], []
        elif old is not None and line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif old is not None and line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    if old is not None:
        yield old, removed, added


def code_cells(text):
    """A notebook's code cells, each as its lines, in order; None when the text is no notebook.
    `check` reports a notebook site as (code cell ordinal, line within that cell), so the truth
    is kept the same way, not as lines of the JSON file."""
    try:
        nb = json.loads(text)
    except ValueError:
        return None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None
    cells = []
    for c in nb["cells"]:
        if isinstance(c, dict) and c.get("cell_type") == "code":
            src = c.get("source", "")
            if isinstance(src, list):
                src = "".join(x for x in src if isinstance(x, str))
            cells.append(src.split("\n") if isinstance(src, str) else [])
    return cells


def cell_hunks(old_cells, new_cells):
    """Yields (cell, old_line, removed_text, added_text) per changed block of a notebook's code
    cells: cells are paired by content, then lines within each pair; a cell dropped whole is one
    block."""
    cells = difflib.SequenceMatcher(None, ["\n".join(c) for c in old_cells], ["\n".join(c) for c in new_cells], autojunk=False)
    for tag, i1, i2, j1, j2 in cells.get_opcodes():
        if tag == "equal":
            continue
        for k in range(i1, i2):
            new = new_cells[j1 + k - i1] if tag == "replace" and j1 + k - i1 < j2 else []
            lines = difflib.SequenceMatcher(None, old_cells[k], new, autojunk=False)
            for t, a1, a2, b1, b2 in lines.get_opcodes():
                if t != "equal":
                    yield k, a1 + 1, old_cells[k][a1:a2], new[b1:b2]


def main():
    gd = sys.argv[1]
    repo = sys.argv[2] if len(sys.argv) > 2 else gd
    cases = []
    # The main line only: a bump on a branch nobody merged says nothing about what the upgrade
    # needed. A merge counts against its first parent (a merged Dependabot PR is a real bump).
    line = [r.split() for r in git(gd, "log", "--first-parent", "--format=%H %ct %P", "HEAD").splitlines()]
    line = [r for r in line if len(r) >= 3]
    line.reverse()
    for i, bits in enumerate(line):
        commit, when, parent = bits[0], int(bits[1]), bits[2]
        changed = git(gd, "diff", "--name-only", parent, commit).splitlines()
        pins = [p for p in changed if PIN_FILES.search(p)]
        if not pins:
            continue
        # The project's own pins as they stand at this commit and before it, not at HEAD: a project
        # that later moves its pin into a subfolder (or drops it) still bumped it here.
        before_pins, after_pins = pin_files_at(gd, parent), pin_files_at(gd, commit)
        pins = [p for p in pins if p in before_pins | after_pins]
        if not pins or not before_pins or not after_pins:
            continue
        # A pin that appears at another folder depth (a service's requirements, then a new root one)
        # is a new pin beside the old one, not a bump of it.
        if min(p.count("/") for p in before_pins) != min(p.count("/") for p in after_pins):
            continue
        # The version is read from all the project's pins, changed or not: a manifest floor that moves
        # while an untouched lock keeps the resolved version is no upgrade.
        before = version_at(gd, parent, sorted(before_pins))
        after = version_at(gd, commit, sorted(after_pins))
        if not before or not after or before == after:
            continue
        # A move back to an older release is a downgrade, not an upgrade a tool would be asked to make.
        if release_key(after) < release_key(before):
            continue
        # Adaptations that land within three days after the bump, in commits that say so.
        head = commit
        for later in line[i + 1 : i + 8]:
            if int(later[1]) - when > 3 * 86400:
                break
            later_changed = git(gd, "diff", "--name-only", later[2], later[0]).splitlines()
            if any(PIN_FILES.search(p) and version_at(gd, later[0], [p]) not in (None, after) for p in later_changed):
                break
            message = git(gd, "log", "-1", "--format=%s%n%b", later[0])
            if re.search(r"nautilus", message, re.I):
                head = later[0]
        changed = git(gd, "diff", "--name-only", parent, head).splitlines()
        commit = head
        files, sites = [], []
        for path in changed:
            if not (path.endswith(".py") or path.endswith(".ipynb")):
                continue
            old_text = git(gd, "show", f"{parent}:{path}")
            if not old_text:
                continue  # a new file is not a site the tool could find in the old tree
            old_cells = code_cells(old_text) if path.endswith(".ipynb") else None
            if old_cells is not None:
                new_cells = code_cells(git(gd, "show", f"{commit}:{path}")) or []
                names = imported_names("\n".join("\n".join(c) for c in old_cells))
                blocks = cell_hunks(old_cells, new_cells)
            else:
                names = imported_names(old_text)
                blocks = ((None, *h) for h in hunks(gd, parent, commit, path))
            touched = False
            for cell, old_line, removed, added in blocks:
                if not removed:
                    continue
                words = set(IDENT.findall("\n".join(removed)))
                if words & names:
                    touched = True
                    edit = (removed[0].strip() + "  ->  " + (added[0].strip() if added else "(removed)"))[:200]
                    where = {"path": path} if cell is None else {"path": path, "cell": cell}
                    sites.append({**where, "line": old_line, "removed": len(removed), "edit": edit})
            if touched:
                files.append(path)
        cases.append({
            "repo": repo,
            "base": parent,
            "head": commit,
            "from": before,
            "to": after,
            "pin_files": pins,
            "files": sorted(files),
            "sites": sites,
        })
    json.dump(cases, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
