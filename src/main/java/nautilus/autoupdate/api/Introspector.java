package nautilus.autoupdate.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;

/**
 * Runtime introspection: installs one version of the package into a virtualenv of its own under the
 * state directory (created once, reused), then runs the {@code introspect.py} helper shipped in the
 * jar to dump the API that compiled (Cython, PyO3) modules really expose.
 */
public final class Introspector {
  /** What introspection produced: modules read, what was skipped and why. */
  public record Outcome(Map<String, ModuleApi> modules, List<String> skipped, String source) {}

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private final CommandRunner runner;
  private final PythonFinder finder;
  private final Path venvRoot;
  private final Map<String, String> env;

  public Introspector(
      CommandRunner runner, PythonFinder finder, Path venvRoot, Map<String, String> env) {
    this.runner = runner;
    this.finder = finder;
    this.venvRoot = venvRoot;
    this.env = env;
  }

  /**
   * @param python the "3.11" the wheel needs, or null when any Python 3 will do
   * @param install what to give pip: a local wheel path or {@code name==version}
   * @param indexUrl the index pip/uv install from (null: their default)
   */
  public Outcome introspect(
      String packageName,
      String version,
      String python,
      String install,
      String indexUrl,
      List<String> modules) {
    Optional<Path> interpreter = python != null ? finder.find(python) : anyPython();
    if (interpreter.isEmpty()) {
      String why =
          "no Python "
              + (python == null ? "3" : python)
              + " found on PATH or in ~/.pyenv/versions; runtime introspection of "
              + modules.size()
              + " module(s) skipped";
      return new Outcome(Map.of(), List.of(why), null);
    }
    Path venv =
        venvRoot.resolve(
            SnapshotBuilder.importName(packageName)
                + "-"
                + version
                + "-py"
                + (python == null ? "3" : python));
    Path venvPython = venv.resolve("bin/python");
    Path marker = venv.resolve(".installed");
    try {
      if (!Files.exists(marker)) {
        Files.createDirectories(venvRoot);
        check(
            runner.run(
                List.of(interpreter.get().toString(), "-m", "venv", "--clear", venv.toString()),
                venvRoot,
                INSTALL_TIMEOUT),
            "creating the virtualenv " + venv);
        List<String> cmd = new ArrayList<>();
        Optional<Path> uv = onPath("uv");
        if (uv.isPresent()) {
          cmd.addAll(
              List.of(uv.get().toString(), "pip", "install", "--python", venvPython.toString()));
        } else {
          cmd.addAll(
              List.of(
                  venvPython.toString(),
                  "-m",
                  "pip",
                  "install",
                  "--disable-pip-version-check",
                  "-q"));
        }
        if (indexUrl != null && !install.endsWith(".whl")) {
          cmd.addAll(List.of("--index-url", indexUrl));
        }
        cmd.add(install);
        check(
            runner.run(cmd, venvRoot, INSTALL_TIMEOUT), "installing " + install + " into " + venv);
        Files.writeString(marker, install + "\n");
      }
      Path helper = venv.resolve("introspect.py");
      try (InputStream in = Introspector.class.getResourceAsStream("/api/introspect.py")) {
        if (in == null) {
          throw new IllegalStateException("api/introspect.py missing from the jar");
        }
        AtomicFiles.write(helper, in.readAllBytes());
      }
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("top_level", SnapshotBuilder.importName(packageName));
      request.put("modules", modules);
      CommandResult r =
          runner.run(
              List.of(venvPython.toString(), helper.toString()),
              venv,
              RUN_TIMEOUT,
              Map.of("PYTHONDONTWRITEBYTECODE", "1"),
              Json.mapper().writeValueAsString(request));
      check(r, "running introspect.py in " + venv);
      JsonNode root = Json.mapper().readTree(r.stdout());
      Map<String, ModuleApi> out = new LinkedHashMap<>();
      for (var e : root.path("modules").properties()) {
        out.put(e.getKey(), Json.mapper().treeToValue(e.getValue(), ModuleApi.class));
      }
      List<String> skipped = new ArrayList<>();
      for (var e : root.path("errors").properties()) {
        skipped.add(e.getKey() + ": import failed at runtime (" + e.getValue().asText() + ")");
      }
      return new Outcome(
          out, skipped, "runtime introspection (" + interpreter.get() + ", " + install + ")");
    } catch (IOException e) {
      throw new UserError("runtime introspection in " + venv + " failed: " + e.getMessage(), e);
    }
  }

  private Optional<Path> anyPython() {
    var all = finder.all();
    // The newest found; a pure-Python wheel runs on any of them.
    List<String> versions = new ArrayList<>(all.keySet());
    versions.sort(java.util.Comparator.comparingInt(v -> Integer.parseInt(v.substring(2))));
    return versions.isEmpty()
        ? Optional.empty()
        : Optional.of(all.get(versions.get(versions.size() - 1)).get(0));
  }

  private Optional<Path> onPath(String program) {
    for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir.isBlank() ? "." : dir, program);
      if (!dir.isBlank() && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static void check(CommandResult r, String what) {
    if (r.timedOut()) {
      throw new UserError(what + " did not finish within " + (int) r.seconds() + " s");
    }
    if (!r.ok()) {
      String why = r.started() ? "exit " + r.exitCode() : "not started";
      throw new UserError(what + " failed (" + why + "): " + r.lastLine());
    }
  }
}
