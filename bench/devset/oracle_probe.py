"""Runs inside a venv holding one real nautilus_trader wheel (see score.py's oracle): says whether
uses of the package in a repository's files resolve on that version.

Reads a JSON list of queries on stdin, each {"path", "line", "column", "match"} (line and column
1-based, column in characters, as in the impact report) or {"path", "line", "match": "line"} (every
import, keyword and attribute chain of the package on that line, for the edits `fix` wrote), or
{"path", "match": "all"} (every use of the package in the file, see all_uses; its result is
{"status": "uses", "uses": [{"line", "column", "kind", "use", "status", "what" | "why"}]}). Prints a
JSON list, one result per query: {"status": "ok" | "fail" | "unknown", "what": ..., "why": ...}.
"unknown" is never a verdict: the use could not be located, resolved or checked here (a relative
import, an optional dependency the wheel does not pull in, a callee with no signature, `self` of a
class with no upstream base).

Parsed by this interpreter, so the repository's syntax is that of the version's own Python.
"""
import ast
import importlib
import inspect
import json
import os
import re
import sys

PKG = "nautilus_trader"
_trees = {}


class Unknown(Exception):
    pass


class Fail(Exception):
    pass


class Through(Fail):
    """A name our module re-exports fails there, but the package still has it elsewhere: the break
    is our module's import of it (fixing that import fixes this use)."""


_names_index = None


def importable_elsewhere(name):
    """Whether some module of the package (every one importable here) has a public `name`."""
    global _names_index
    if _names_index is None:
        import pkgutil
        _names_index = set()
        try:
            pkg = importlib.import_module(PKG)
        except Exception:  # noqa: BLE001 - no package: nothing is elsewhere
            return False
        for m in pkgutil.walk_packages(getattr(pkg, "__path__", []), PKG + "."):
            try:
                mod = importlib.import_module(m.name)
            except BaseException:  # noqa: BLE001 - optional dependencies, modules that exit
                continue
            _names_index.update(k for k in vars(mod) if not k.startswith("_"))
    return name in _names_index


def check_reexport(upstream):
    try:
        return import_path(upstream)
    except Through:
        raise
    except Fail as e:
        if importable_elsewhere(upstream.rsplit(".", 1)[-1]):
            raise Through(f"{e}; the package has it elsewhere") from e
        raise


def tree_of(path):
    if path not in _trees:
        try:
            text = open(path, encoding="utf-8", errors="replace").read()
            tree = ast.parse(text)
        except (OSError, SyntaxError, ValueError) as e:
            _trees[path] = (None, None, None, str(e).splitlines()[0] if str(e) else type(e).__name__)
            return _trees[path]
        parents = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                parents[child] = node
        _trees[path] = (tree, text.splitlines(), parents, None)
    return _trees[path]


def char_col(lines, node):
    """ast's col_offset counts UTF-8 bytes; the report counts characters (1-based)."""
    line = lines[node.lineno - 1] if node.lineno - 1 < len(lines) else ""
    return len(line.encode("utf-8")[: node.col_offset].decode("utf-8", errors="ignore")) + 1


def own_module_file(path, module):
    """The repository's file of the absolute module `module`, looked for from the folder of the file
    at `path` upwards (the repository's root is not known here), or None."""
    rel = module.replace(".", os.sep)
    d = os.path.dirname(os.path.abspath(path))
    while True:
        for cand in (os.path.join(d, rel + ".py"), os.path.join(d, rel, "__init__.py")):
            if os.path.isfile(cand):
                return cand
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def reexport(path, module, name, depth=0):
    """The package's dotted path that our module `module` binds to `name` by a module-level import
    of the package (`from nautilus_trader.x import Name`, possibly through another of our modules),
    or None: then the name is our own."""
    if depth > 3 or module == PKG or module.startswith(PKG + "."):
        return None
    f = own_module_file(path, module)
    tree = tree_of(f)[0] if f else None
    if tree is None:
        return None
    found = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for a in node.names:
                if (a.asname or a.name) == name and a.name != "*":
                    if node.module == PKG or node.module.startswith(PKG + "."):
                        found = node.module + "." + a.name
                    else:
                        found = reexport(f, node.module, a.name, depth + 1)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.asname == name and (a.name == PKG or a.name.startswith(PKG + ".")):
                    found = a.name
    return found


def imports_of(tree, path=None):
    """Local name -> dotted upstream path, from every import in the file (module level or not); with
    the file's `path`, a name imported from one of our modules that re-exports the package's name is
    that name of the package."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    names[a.asname] = a.name
                else:
                    names.setdefault(a.name.split(".")[0], a.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for a in node.names:
                if a.name != "*":
                    upstream = reexport(path, node.module, a.name) if path else None
                    names[a.asname or a.name] = upstream or node.module + "." + a.name
    return names


def import_path(dotted):
    """The object at a dotted path: the longest importable module prefix, then getattr."""
    parts = dotted.split(".")
    obj, i, last_error = None, len(parts), None
    while i > 0:
        try:
            obj = importlib.import_module(".".join(parts[:i]))
            break
        except ModuleNotFoundError as e:
            if e.name and not (e.name == PKG or e.name.startswith(PKG + ".")):
                raise Unknown(f"needs {e.name}, which the wheel does not install")
            last_error = e
            i -= 1
        except ImportError as e:
            raise Fail(f"import of {'.'.join(parts[:i])} fails: {e}")
        except Exception as e:  # noqa: BLE001 - an upstream module that raises on import
            raise Unknown(f"import of {'.'.join(parts[:i])} raises {type(e).__name__}: {e}")
    if obj is None:
        raise Fail(f"no module {parts[0]}" if last_error is None else str(last_error))
    for k in range(i, len(parts)):
        if not hasattr(obj, parts[k]):
            # A submodule not imported by its package yet.
            try:
                obj = importlib.import_module(".".join(parts[: k + 1]))
                continue
            except ImportError:
                pass
            raise Fail(f"{'.'.join(parts[:k])} has no {parts[k]}")
        obj = getattr(obj, parts[k])
    return obj


def check_import(node, lines, line, column, path=None):
    if isinstance(node, ast.ImportFrom):
        if node.level or not node.module:
            raise Unknown("relative import")
        aliases = [a for a in node.names if a.name != "*"]
        on_line = [a for a in aliases if getattr(a, "lineno", node.lineno) == line]
        at_col = [a for a in on_line if column is not None and hasattr(a, "col_offset") and char_col(lines, a) == column]
        chosen = at_col or on_line or aliases
        if not (node.module == PKG or node.module.startswith(PKG + ".")):
            # Our module's re-exports of the package's names are checked as those names.
            upstream = [reexport(path, node.module, a.name) if path else None for a in chosen]
            if not chosen or None in upstream:
                raise Unknown("not an import of the package")
            for u in upstream:
                import_path(u)
            return ",".join(upstream)
        if not chosen:
            import_path(node.module)
            return node.module + ".*"
        for a in chosen:
            import_path(node.module + "." + a.name)
        return node.module + "." + ",".join(a.name for a in chosen)
    mods = [a.name for a in node.names if a.name == PKG or a.name.startswith(PKG + ".")]
    if not mods:
        raise Unknown("not an import of the package")
    for m in mods:
        import_path(m)
    return ",".join(mods)


def chain(expr):
    """['a', 'b', 'c'] for a.b.c; None for anything else (a call, a subscript)."""
    out = []
    while isinstance(expr, ast.Attribute):
        out.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        out.append(expr.id)
        return out[::-1]
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "super":
        out.append("super()")
        return out[::-1]
    return None


def enclosing_class(node, parents):
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.ClassDef):
            return node
    return None


# Class name -> (path, ClassDef) over the repository's files, filled only by the all-uses mode:
# there a base class defined in another of our files is followed to its upstream bases.
_repo_classes = {}


def local_base(c, tree, names):
    """The repository's own class a base chain names, as (ClassDef, its file's tree and imports)."""
    local = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    if len(c) == 1 and c[0] in local:
        return local[c[0]], tree, names
    if _repo_classes and c[-1] in _repo_classes and not is_upstream(names, c[0]):
        path, node = _repo_classes[c[-1]]
        other = tree_of(path)[0]
        return node, other, imports_of(other, path)
    return None


def upstream_bases(cls, tree, names, seen=None):
    """Dotted upstream paths of a class's bases, through the file's own classes."""
    seen = seen or set()
    if cls.name in seen:
        return []
    seen.add(cls.name)
    out = []
    for b in cls.bases:
        c = chain(b)
        if not c:
            continue
        if c[0] in names and names[c[0]].startswith(PKG + "."):
            out.append(".".join([names[c[0]], *c[1:]]))
        else:
            found = local_base(c, tree, names)
            if found:
                out.extend(upstream_bases(found[0], found[1], found[2], seen))
    return out


def resolve_chain(c, node, tree, names, parents):
    """The upstream object a chain names, or Unknown when it is not the package's."""
    if c[0] in ("self", "cls", "super()"):
        cls = enclosing_class(node, parents)
        if cls is None or len(c) != 2:
            raise Unknown(f"{'.'.join(c)}: not a method of an upstream base")
        bases = upstream_bases(cls, tree, names)
        if not bases:
            raise Unknown(f"{'.'.join(c)}: {cls.name} has no upstream base")
        for b in bases:
            owner = import_path(b)
            if hasattr(owner, c[1]):
                return b + "." + c[1], getattr(owner, c[1])
        if c[0] == "super()" or all(isinstance(import_path(b), type) for b in bases):
            raise Fail(f"no {c[1]} on {', '.join(bases)}")
        raise Unknown(f"{c[1]} not found on {', '.join(bases)}")
    target = names.get(c[0])
    if not target or not (target == PKG or target.startswith(PKG + ".")):
        raise Unknown(f"{c[0]} is not imported from the package")
    dotted = ".".join([target, *c[1:]])
    return dotted, import_path(dotted)


def split_top(text):
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [p.strip() for p in parts + [cur] if p.strip()]


def doc_signature(obj):
    """A Cython class or method without __signature__: the signature embedsignature writes as the
    docstring's first line, 'BarType(InstrumentId instrument_id, BarSpecification bar_spec, ...)'."""
    first = (getattr(obj, "__doc__", None) or "").strip().splitlines()[:1]
    m = re.match(r"^\w+\((.*)\)\s*(->.*)?$", first[0]) if first else None
    if not m:
        return None
    P = inspect.Parameter
    params, kind = [], P.POSITIONAL_OR_KEYWORD
    for part in split_top(m.group(1)):
        if part == "/":
            params = [q.replace(kind=P.POSITIONAL_ONLY) for q in params]
            continue
        if part == "*":
            kind = P.KEYWORD_ONLY
            continue
        left, eq, _ = part.partition("=")
        left = left.split(":")[0].strip()
        name = left.split()[-1] if left.split() else ""
        if name.startswith("**"):
            params.append(P(name[2:], P.VAR_KEYWORD))
        elif name.startswith("*"):
            params.append(P(name[1:], P.VAR_POSITIONAL))
            kind = P.KEYWORD_ONLY
        elif name.isidentifier():
            params.append(P(name, kind, default=None if eq else P.empty))
        else:
            return None
    try:
        return inspect.Signature(params)
    except ValueError:
        return None


def signature_of(obj, dotted):
    """inspect.signature, else the docstring's when it is missing or only (*args, **kwargs)."""
    try:
        sig = inspect.signature(obj)
        kinds = [q.kind for q in sig.parameters.values() if q.name != "self"]
        if kinds != [inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD]:
            return sig
        why = "only (*args, **kwargs)"
    except (TypeError, ValueError) as e:
        why = str(e)
    sig = doc_signature(obj)
    if sig is None:
        raise Unknown(f"{dotted}: no signature ({why})")
    return sig


def check_keyword(kw, call, tree, names, parents):
    c = chain(call.func)
    if not c:
        raise Unknown("callee is not a name or attribute chain")
    dotted, obj = resolve_chain(c, call, tree, names, parents)
    sig = signature_of(obj, dotted)
    p = sig.parameters.get(kw.arg)
    if p is not None and p.kind not in (p.POSITIONAL_ONLY, p.VAR_POSITIONAL, p.VAR_KEYWORD):
        return f"{dotted}({kw.arg}=)"
    if any(q.kind == q.VAR_KEYWORD for q in sig.parameters.values()):
        raise Unknown(f"{dotted} takes **kwargs")
    params = ", ".join(sig.parameters)
    raise Fail(f"{dotted} takes no keyword {kw.arg} (parameters: {params[:160]})")


def check_call(call, tree, names, parents):
    """The whole call binds to the callee's signature: no removed keyword, no required parameter left out."""
    c = chain(call.func)
    if not c:
        raise Unknown("callee is not a name or attribute chain")
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise Unknown("a call with *args or **kwargs")
    dotted, obj = resolve_chain(c, call, tree, names, parents)
    sig = signature_of(obj, dotted)
    params = list(sig.parameters.values())
    if c[0] in ("self", "super()") and not isinstance(inspect.getattr_static(import_path(dotted.rsplit(".", 1)[0]), c[-1], None), (staticmethod, classmethod)):
        params = params[1:]  # the instance is bound
    elif not isinstance(obj, type) and len(c) > 1 and params and params[0].name == "self":
        raise Unknown(f"{dotted}: a method called on an instance")
    try:
        sig.replace(parameters=params).bind(*call.args, **{k.arg: k.value for k in call.keywords})
    except TypeError as e:
        raise Fail(f"{dotted}: {e}")
    return f"{dotted}(...) binds"


def outer_chains(tree, parents, line):
    """The outermost name/attribute chains that start on `line`."""
    out = []
    for n in ast.walk(tree):
        if isinstance(n, (ast.Attribute, ast.Name)) and n.lineno == line:
            p = parents.get(n)
            if isinstance(p, ast.Attribute) and p.value is n:
                continue
            out.append(n)
    return out


def check_chain(n, tree, names, parents):
    c = chain(n)
    if not c or c[0] not in names or not names[c[0]].startswith(PKG + "."):
        raise Unknown("not a chain on an upstream import")
    if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
        raise Unknown("an assignment")
    return resolve_chain(c, n, tree, names, parents)[0]


def is_upstream(names, head):
    t = names.get(head)
    return bool(t) and (t == PKG or t.startswith(PKG + "."))


def check_line(tree, lines, parents, names, line):
    """Every use of the package on an edited line: imports, keywords of its callees, chains on its
    names. Returns None when the line uses nothing of the package."""
    done, unknown = [], []

    def attempt(f, *args):
        try:
            done.append(f(*args))
        except Unknown as e:
            unknown.append(str(e))

    for n in ast.walk(tree):
        if getattr(n, "lineno", None) is None or not n.lineno <= line <= (n.end_lineno or n.lineno):
            continue
        if isinstance(n, (ast.Import, ast.ImportFrom)):
            pass  # a statement over several lines: its names on this line
        elif n.lineno != line:
            continue
        if isinstance(n, ast.Import) and any(a.name.split(".")[0] == PKG for a in n.names):
            attempt(check_import, n, lines, line, None)
        elif isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == PKG:
            attempt(check_import, n, lines, line, None)
        elif isinstance(n, ast.keyword) and n.arg and isinstance(parents.get(n), ast.Call):
            c = chain(parents[n].func)
            if not c:
                continue
            if is_upstream(names, c[0]):
                attempt(check_keyword, n, parents[n], tree, names, parents)
            elif c[0] in ("self", "cls", "super()"):
                cls = enclosing_class(n, parents)
                if cls is not None and upstream_bases(cls, tree, names):
                    attempt(check_keyword, n, parents[n], tree, names, parents)
        elif isinstance(n, ast.Call) and n.lineno == line:
            c = chain(n.func)
            if c and (is_upstream(names, c[0]) or c[0] in ("self", "super()")):
                try:
                    done.append(check_call(n, tree, names, parents))
                except Unknown:
                    pass  # its keywords and chains are checked on their own
    for n in outer_chains(tree, parents, line):
        c = chain(n)
        if c and is_upstream(names, c[0]) and not isinstance(getattr(n, "ctx", None), ast.Store):
            attempt(check_chain, n, tree, names, parents)
    if not done and not unknown:
        return None
    if unknown:
        raise Unknown("; ".join(sorted(set(unknown))))
    return "; ".join(done)


def local_members(cls, tree, names, seen=None):
    """Names our own classes define along the class's chain of local bases: methods, class-level
    assignments and `self.x = ...` targets. `self.x` of such a name is ours, not upstream's."""
    seen = seen or set()
    if cls.name in seen:
        return set()
    seen.add(cls.name)
    out = set()
    for n in cls.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, (ast.Assign, ast.AnnAssign)):
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                out.update(x.id for x in ast.walk(t) if isinstance(x, ast.Name))
    for n in ast.walk(cls):
        if isinstance(n, ast.Attribute) and isinstance(n.ctx, (ast.Store, ast.Del)) and isinstance(n.value, ast.Name) \
                and n.value.id in ("self", "cls"):
            out.add(n.attr)
    for b in cls.bases:
        c = chain(b)
        found = local_base(c, tree, names) if c else None
        if found:
            out |= local_members(found[0], found[1], found[2], seen)
    return out


def all_uses(path):
    """Every use of the package in one file, each checked on this version: imports (each name),
    keywords and whole-call binding of calls to upstream callees (a name or chain on an imported
    name, or `self.m(...)`/`super().m(...)` of a class with an upstream base), attribute chains on
    imported names, and `self.x`/`super().x` of such a class where our own classes do not define x.
    Which uses are listed depends on the syntax tree only, never on the package, so two versions'
    lists pair up by (line, column, kind, use)."""
    tree, lines, parents, err = tree_of(path)
    if tree is None:
        raise Unknown(f"cannot parse: {err}")
    names = imports_of(tree, path)
    out = []
    members = {}

    def upstream_class(node):
        cls = enclosing_class(node, parents)
        if cls is None or not upstream_bases(cls, tree, names):
            return None
        if cls not in members:
            members[cls] = local_members(cls, tree, names)
        return cls

    def self_call_upstream(c, node):
        if c[0] not in ("self", "cls", "super()") or len(c) != 2:
            return False
        cls = upstream_class(node)
        return cls is not None and (c[0] == "super()" or c[1] not in members[cls])

    roots = {}

    def root_ok(node, head):
        """Whether the upstream names a use starts from import here (the imported name, or the
        class's upstream bases for self/super()): when not, the use fails through that import."""
        if head in ("self", "cls", "super()"):
            cls = enclosing_class(node, parents)
            dotted = upstream_bases(cls, tree, names) if cls is not None else []
        else:
            dotted = [names.get(head, head)]
        for d in dotted:
            if d not in roots:
                try:
                    import_path(d)
                    roots[d] = True
                except Exception:  # noqa: BLE001 - Fail, Unknown or an odd module: not importable here
                    roots[d] = False
        return all(roots[d] for d in dotted)

    def add(node, kind, use, f, *args):
        r = {"line": node.lineno, "column": char_col(lines, node), "kind": kind, "use": use}
        if kind != "import":
            r["root_ok"] = root_ok(node, use.split(".")[0].split("(")[0] if not use.startswith("super()") else "super()")
        try:
            what = f(*args)
            # check_* name what they resolved; resolve_chain gives (dotted, object), import_path the object.
            r["status"], r["what"] = "ok", what if isinstance(what, str) else what[0] if isinstance(what, tuple) else use
        except Fail as e:
            r["status"], r["why"] = "fail", str(e)
            if isinstance(e, Through):
                r["root_ok"] = False
        except Unknown as e:
            r["status"], r["why"] = "unknown", str(e)
        except Exception as e:  # noqa: BLE001 - one odd use must not lose the others
            r["status"], r["why"] = "unknown", f"{type(e).__name__}: {e}"
        out.append(r)

    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.level == 0 and (n.module or "").split(".")[0] == PKG:
            for a in n.names:
                target = n.module if a.name == "*" else n.module + "." + a.name
                add(a if hasattr(a, "lineno") else n, "import", target, import_path, target)
        elif isinstance(n, ast.ImportFrom) and n.level == 0 and n.module:
            for a in n.names:
                upstream = reexport(path, n.module, a.name) if a.name != "*" else None
                if upstream:
                    add(a if hasattr(a, "lineno") else n, "import", upstream, check_reexport, upstream)
        elif isinstance(n, ast.Import):
            for a in n.names:
                if a.name.split(".")[0] == PKG:
                    add(a if hasattr(a, "lineno") else n, "import", a.name, import_path, a.name)
        elif isinstance(n, ast.Call):
            c = chain(n.func)
            if not c or not (is_upstream(names, c[0]) or self_call_upstream(c, n)):
                continue
            callee = ".".join(c)
            for kw in n.keywords:
                if kw.arg:
                    add(kw, "kwarg", f"{callee}({kw.arg}=)", check_keyword, kw, n, tree, names, parents)
            add(n, "call", callee + "(...)", check_call, n, tree, names, parents)
    for n in ast.walk(tree):
        if not isinstance(n, (ast.Attribute, ast.Name)) or isinstance(getattr(n, "ctx", None), (ast.Store, ast.Del)):
            continue
        p = parents.get(n)
        if isinstance(p, ast.Attribute) and p.value is n:
            continue  # not the outermost chain
        c = chain(n)
        if not c or len(c) < 2:
            continue  # a bare name resolves as its import does
        if is_upstream(names, c[0]):
            add(n, "attribute", ".".join(c), resolve_chain, c, n, tree, names, parents)
        elif self_call_upstream(c[:2], n):
            head = n
            while isinstance(head, ast.Attribute) and chain(head) != c[:2]:
                head = head.value
            add(head, "self", ".".join(c[:2]), resolve_chain, c[:2], head, tree, names, parents)
    return out


def index_classes(paths):
    """Fills _repo_classes from the repository's files; a name two files define is left out."""
    seen = {}
    for path in paths:
        tree = tree_of(path)[0]
        for n in ast.walk(tree) if tree is not None else []:
            if isinstance(n, ast.ClassDef):
                seen.setdefault(n.name, []).append((path, n))
    _repo_classes.update({k: v[0] for k, v in seen.items() if len(v) == 1})


def one(q):
    tree, lines, parents, err = tree_of(q["path"])
    if tree is None:
        raise Unknown(f"cannot parse: {err}")
    names = imports_of(tree, q["path"])
    line, column, match = q["line"], q.get("column"), q["match"]
    on_line = [n for n in ast.walk(tree) if getattr(n, "lineno", None) is not None and n.lineno <= line <= (n.end_lineno or n.lineno)]
    if match == "import":
        nodes = [n for n in on_line if isinstance(n, (ast.Import, ast.ImportFrom))]
        if not nodes:
            raise Unknown("no import statement there")
        return check_import(nodes[0], lines, line, column, q["path"])
    if match == "kwarg":
        kws = [n for n in ast.walk(tree) if isinstance(n, ast.keyword) and n.arg and getattr(n, "lineno", None) == line]
        at = [k for k in kws if char_col(lines, k) == column] or (kws if len(kws) == 1 else [])
        if not at:
            raise Unknown("no single keyword there")
        kw = at[0]
        call = parents.get(kw)
        if not isinstance(call, ast.Call):
            raise Unknown("keyword outside a call")
        return check_keyword(kw, call, tree, names, parents)
    if match == "call":
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.lineno == line and chain(n.func)]
        at = [n for n in calls if char_col(lines, n) == column] or (calls if len(calls) == 1 else [])
        if at:
            return check_call(at[0], tree, names, parents)
    if match in ("attribute", "name", "call"):
        chains = outer_chains(tree, parents, line)
        at = [n for n in chains if char_col(lines, n) <= (column or 0) < char_col(lines, n) + (n.end_col_offset - n.col_offset)]
        at = [n for n in at if chain(n)] or [n for n in chains if char_col(lines, n) == column]
        if not at:
            raise Unknown("no name or attribute chain there")
        return check_chain(at[0], tree, names, parents)
    if match == "line":
        return check_line(tree, lines, parents, names, line)
    raise Unknown(f"match {match} not checked")


def main():
    out = []
    queries = json.load(sys.stdin)
    real_stdout, sys.stdout = sys.stdout, sys.stderr  # an upstream module that prints must not spoil the JSON
    index_classes([q["path"] for q in queries if q.get("match") == "all"])
    for q in queries:
        try:
            if q.get("match") == "all":
                out.append({"status": "uses", "uses": all_uses(q["path"])})
                continue
            what = one(q)
            out.append({"status": "none"} if what is None else {"status": "ok", "what": what})
        except Fail as e:
            out.append({"status": "fail", "why": str(e)})
        except Unknown as e:
            out.append({"status": "unknown", "why": str(e)})
        except Exception as e:  # noqa: BLE001 - one odd site must not lose the others
            out.append({"status": "unknown", "why": f"{type(e).__name__}: {e}"})
    json.dump(out, real_stdout)


if __name__ == "__main__":
    main()
