"""Dump the runtime API of modules as JSON (nautilus-autoupdate's api stage).

Reads {"top_level": "pkg", "modules": ["pkg.a", ...]} on stdin, writes
{"modules": {name: ModuleApi}, "errors": {name: message}} on stdout. Only public names count;
signatures come from inspect.signature, else __text_signature__, else Cython's embedded
signature (the first docstring line "name(args)").
"""

import enum
import importlib
import inspect
import json
import re
import sys

KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional_only",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional_or_keyword",
    inspect.Parameter.VAR_POSITIONAL: "var_positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword_only",
    inspect.Parameter.VAR_KEYWORD: "var_keyword",
}
EMBEDDED = re.compile(r"^\s*[\w.]+\((.*)\)")


def params_from_text(text):
    try:
        sig = inspect.Signature.from_callable(eval("lambda " + text + ": None", {}))  # noqa: S307
        return params(sig)
    except Exception:
        return None


def params(sig):
    out = []
    for p in sig.parameters.values():
        has_default = p.default is not inspect.Parameter.empty
        item = {"name": p.name, "kind": KINDS[p.kind], "has_default": has_default}
        if has_default:
            item["default_value"] = repr(p.default)[:200]
        out.append(item)
    return out


def signature(obj, bound):
    result = None
    try:
        result = params(inspect.signature(obj))
    except (TypeError, ValueError):
        doc = getattr(obj, "__doc__", None) or ""
        m = EMBEDDED.match(doc.splitlines()[0] if doc else "")
        if m:
            # Cython types in embedded signatures ("int period") are reduced to the names.
            text = ", ".join(
                re.sub(r"^(?:[\w.\[\], ]+\s+)?(\**\w+)(\s*=.*)?$", r"\1\2", a.strip())
                for a in m.group(1).split(",")
                if a.strip()
            )
            result = params_from_text(text)
    if result and bound and result[0]["name"] in ("self", "cls"):
        result = result[1:]
    return result


def member(name, value):
    if isinstance(value, (property,)) or type(value).__name__ in ("getset_descriptor", "member_descriptor"):
        return {"name": name, "kind": "property"}
    if isinstance(value, staticmethod):
        return {"name": name, "kind": "method", "params": signature(value.__func__, False)}
    if isinstance(value, classmethod):
        return {"name": name, "kind": "method", "params": signature(value.__func__, True)}
    if callable(value):
        return {"name": name, "kind": "method", "params": signature(value, True)}
    return {"name": name, "kind": "attribute"}


def describe_class(name, cls):
    is_enum = isinstance(cls, enum.EnumMeta)
    members = {}
    for key, value in vars(cls).items():
        if key.startswith("_") and key != "__init__":
            continue
        if is_enum and key in cls.__members__:
            members[key] = {"name": key, "kind": "enum_member"}
        else:
            members[key] = member(key, value)
    if is_enum:
        for key in cls.__members__:
            members[key] = {"name": key, "kind": "enum_member"}
    return {
        "name": name,
        "kind": "enum" if is_enum else "class",
        "bases": [b.__name__ for b in cls.__bases__ if b is not object],
        "members": members,
    }


def describe_module(top_level, module_name):
    mod = importlib.import_module(module_name)
    names = {}
    for name, value in vars(mod).items():
        if name.startswith("_") or inspect.ismodule(value):
            continue
        origin = getattr(value, "__module__", None)
        if (inspect.isclass(value) or callable(value)) and origin and origin != module_name:
            if origin == top_level or origin.startswith(top_level + "."):
                qual = getattr(value, "__qualname__", name)
                names[name] = {"name": name, "kind": "import", "target": origin + "." + qual}
            continue
        if inspect.isclass(value):
            names[name] = describe_class(name, value)
        elif callable(value):
            names[name] = {"name": name, "kind": "function", "params": signature(value, False)}
        else:
            names[name] = {"name": name, "kind": "constant"}
    all_ = getattr(mod, "__all__", None)
    return {
        "name": module_name,
        "origin": "runtime",
        "all": list(all_) if all_ is not None else None,
        "names": names,
    }


def main():
    request = json.load(sys.stdin)
    modules, errors = {}, {}
    for name in request["modules"]:
        try:
            modules[name] = describe_module(request["top_level"], name)
        except BaseException as e:  # one broken module must not hide the others
            errors[name] = type(e).__name__ + ": " + str(e)[:300]
    json.dump({"modules": modules, "errors": errors}, sys.stdout)


if __name__ == "__main__":
    main()
