"""Runs inside a venv holding one real nautilus_trader wheel (see score.py's oracle): says whether
uses of the package in a repository's files resolve on that version.

Reads a JSON list of queries on stdin, each {"path", "line", "column", "match"} (line and column
1-based, column in characters, as in the impact report) or {"path", "line", "match": "line"} (every
import, keyword and attribute chain of the package on that line, for the edits `fix` wrote). Prints a
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
import re
import sys

PKG = "nautilus_trader"
_trees = {}


class Unknown(Exception):
    pass


class Fail(Exception):
    pass


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


def imports_of(tree):
    """Local name -> dotted upstream path, from every import in the file (module level or not)."""
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
                    names[a.asname or a.name] = node.module + "." + a.name
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


def check_import(node, lines, line, column):
    if isinstance(node, ast.ImportFrom):
        if node.level or not node.module:
            raise Unknown("relative import")
        if not (node.module == PKG or node.module.startswith(PKG + ".")):
            raise Unknown("not an import of the package")
        aliases = [a for a in node.names if a.name != "*"]
        on_line = [a for a in aliases if getattr(a, "lineno", node.lineno) == line]
        at_col = [a for a in on_line if column is not None and hasattr(a, "col_offset") and char_col(lines, a) == column]
        chosen = at_col or on_line or aliases
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


def upstream_bases(cls, tree, names, seen=None):
    """Dotted upstream paths of a class's bases, through the file's own classes."""
    seen = seen or set()
    if cls.name in seen:
        return []
    seen.add(cls.name)
    local = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    out = []
    for b in cls.bases:
        c = chain(b)
        if not c:
            continue
        if c[0] in names and names[c[0]].startswith(PKG + "."):
            out.append(".".join([names[c[0]], *c[1:]]))
        elif len(c) == 1 and c[0] in local:
            out.extend(upstream_bases(local[c[0]], tree, names, seen))
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


def one(q):
    tree, lines, parents, err = tree_of(q["path"])
    if tree is None:
        raise Unknown(f"cannot parse: {err}")
    names = imports_of(tree)
    line, column, match = q["line"], q.get("column"), q["match"]
    on_line = [n for n in ast.walk(tree) if getattr(n, "lineno", None) is not None and n.lineno <= line <= (n.end_lineno or n.lineno)]
    if match == "import":
        nodes = [n for n in on_line if isinstance(n, (ast.Import, ast.ImportFrom))]
        if not nodes:
            raise Unknown("no import statement there")
        return check_import(nodes[0], lines, line, column)
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
    for q in json.load(sys.stdin):
        try:
            what = one(q)
            out.append({"status": "none"} if what is None else {"status": "ok", "what": what})
        except Fail as e:
            out.append({"status": "fail", "why": str(e)})
        except Unknown as e:
            out.append({"status": "unknown", "why": str(e)})
        except Exception as e:  # noqa: BLE001 - one odd site must not lose the others
            out.append({"status": "unknown", "why": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
