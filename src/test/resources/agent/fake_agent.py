#!/usr/bin/env python3
"""A stand-in for the coding agent, driven by a scenario file (JSON) given as its one argument.

Keys (all optional):
  record      a directory: the brief (stdin), the environment and the working directory go there
  edits       a list of {"path", "old", "new"} (replace once), {"path", "write"} or
              {"path", "delete": true}, applied in the working directory
  grandchild  start `sleep 300` in the background (and a double-forked one that leaves the process
              tree) and write their pids to record/pids.txt
  hang        sleep this many seconds before answering
  signal      kill itself with this signal
  exit        the exit code (default 0)
  output      "json" (default), "broken" (a cut-off JSON object) or "text"
  summary     the "result" text of the JSON output
  is_error    the "is_error" field
"""

import json
import os
import subprocess
import sys
import time


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        scenario = json.load(f)
    brief = sys.stdin.read()
    record = scenario.get("record")
    if record:
        os.makedirs(record, exist_ok=True)
        runs = len([n for n in os.listdir(record) if n.startswith("brief")])
        with open(os.path.join(record, f"brief{runs}.md"), "w", encoding="utf-8") as f:
            f.write(brief)
        with open(os.path.join(record, f"env{runs}.json"), "w", encoding="utf-8") as f:
            json.dump(dict(os.environ), f)
        with open(os.path.join(record, f"cwd{runs}.txt"), "w", encoding="utf-8") as f:
            f.write(os.getcwd())
    for e in scenario.get("edits", []):
        path = e["path"]
        if e.get("delete"):
            os.remove(path)
        elif "write" in e:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(e["write"])
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if e["old"] not in text:
                print(f"fake agent: {e['old']!r} not in {path}", file=sys.stderr)
                sys.exit(2)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace(e["old"], e["new"], 1))
    if scenario.get("grandchild"):
        child = subprocess.Popen(["sleep", "300"])
        escaped_file = os.path.join(record, "escaped.txt")
        escaped = os.fork()
        if escaped == 0:
            # Leaves the process tree (re-parented to init) but stays in the process group.
            if os.fork() == 0:
                with open(escaped_file, "w", encoding="utf-8") as f:
                    f.write(str(os.getpid()))
                os.execvp("sleep", ["sleep", "301"])
            os._exit(0)
        os.waitpid(escaped, 0)
        while not os.path.exists(escaped_file) or not open(escaped_file).read():
            time.sleep(0.05)
        with open(os.path.join(record, "pids.txt"), "w", encoding="utf-8") as f:
            f.write(f"{child.pid}\n{open(escaped_file).read()}\n")
    if scenario.get("hang"):
        time.sleep(scenario["hang"])
    if scenario.get("signal"):
        os.kill(os.getpid(), scenario["signal"])
    output = scenario.get("output", "json")
    result = {
        "type": "result",
        "subtype": "error_max_turns" if scenario.get("is_error") else "success",
        "is_error": bool(scenario.get("is_error")),
        "result": scenario.get("summary", "done"),
        "num_turns": 3,
        "session_id": "fake",
    }
    if output == "json":
        print(json.dumps(result))
    elif output == "broken":
        print(json.dumps(result)[:25])
    else:
        print("I changed some files.")
    sys.exit(scenario.get("exit", 0))


if __name__ == "__main__":
    main()
