package nautilus.autoupdate.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

/**
 * A virtualenv from the {@link EnvCache} (outside the checkout, so it cannot end up in a commit,
 * and kept between runs for the same dependencies), filled with {@code pip install -e .} for a
 * package (else its {@code project.dependencies}), the {@code dev}/{@code test} dependency groups
 * and extras, and every {@code requirements*.txt}. A configured {@code uv run X} runs as {@code X}
 * from the venv, so the default test command works without uv.
 */
public final class PipEnvironment implements TestEnvironment {
  private final String python;
  private final EnvCache cache;

  public PipEnvironment(String python, EnvCache cache) {
    this.python = python;
    this.cache = cache;
  }

  @Override
  public String name() {
    return "pip";
  }

  /** The venv of a checkout: the cached one for its dependencies. */
  public Path venv(Path dir) {
    return cache.dir("pip-" + python, dir);
  }

  @Override
  public CommandResult sync(Path dir, CommandRunner runner, Duration timeout) {
    // The commands are computed inside: a half-built venv is deleted first and needs creating.
    return cache.prepare(
        venv(dir), () -> TestEnvironment.runAll(syncCommands(dir), dir, runner, timeout, env(dir)));
  }

  private Path bin(Path dir, String program) {
    return venv(dir).resolve("bin").resolve(program);
  }

  @Override
  public List<List<String>> syncCommands(Path dir) {
    List<List<String>> cmds = new ArrayList<>();
    if (!Files.exists(bin(dir, "python"))) {
      cmds.add(List.of(python, "-m", "venv", venv(dir).toString()));
    }
    String pip = bin(dir, "python").toString();
    Path pyproject = dir.resolve("pyproject.toml");
    if (Files.exists(dir.resolve("setup.py")) || buildable(pyproject)) {
      cmds.add(List.of(pip, "-m", "pip", "install", "-q", "-e", "."));
    } else if (Files.exists(pyproject)) {
      // Not a package (many trading codebases are not): install what it depends on; the tests
      // import it from the checkout.
      List<String> deps = dependencies(pyproject);
      if (!deps.isEmpty()) {
        List<String> cmd = new ArrayList<>(List.of(pip, "-m", "pip", "install", "-q"));
        cmd.addAll(deps);
        cmds.add(cmd);
      }
    }
    for (Path req : requirementFiles(dir)) {
      cmds.add(List.of(pip, "-m", "pip", "install", "-q", "-r", req.getFileName().toString()));
    }
    return cmds;
  }

  /** The test-relevant dependency groups and extras that pip itself would not install. */
  static final List<String> TEST_GROUPS = List.of("dev", "test", "tests");

  private static boolean buildable(Path pyproject) {
    return Files.exists(pyproject) && parse(pyproject).contains("build-system");
  }

  /** {@code project.dependencies} plus the dev/test dependency groups and extras. */
  static List<String> dependencies(Path pyproject) {
    TomlParseResult toml = parse(pyproject);
    List<String> deps = new ArrayList<>(strings(toml.getArray("project.dependencies")));
    for (String group : TEST_GROUPS) {
      deps.addAll(strings(toml.getArray(List.of("dependency-groups", group))));
      deps.addAll(strings(toml.getArray(List.of("project", "optional-dependencies", group))));
    }
    return deps;
  }

  private static TomlParseResult parse(Path pyproject) {
    return EnvCache.parse(pyproject);
  }

  private static List<String> strings(TomlArray array) {
    List<String> out = new ArrayList<>();
    for (int i = 0; array != null && i < array.size(); i++) {
      // Entries like {include-group = "x"} are tables, not requirements.
      if (array.get(i) instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<Path> requirementFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith("requirements") && n.endsWith(".txt");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<String> testCommand(List<String> configured, Path dir) {
    List<String> cmd = new ArrayList<>(configured);
    if (cmd.size() > 2 && cmd.get(0).equals("uv") && cmd.get(1).equals("run")) {
      cmd = new ArrayList<>(cmd.subList(2, cmd.size()));
    }
    String program = cmd.get(0);
    if (program.equals("pytest")) {
      List<String> rest = cmd.subList(1, cmd.size());
      List<String> viaPython =
          new ArrayList<>(List.of(bin(dir, "python").toString(), "-m", "pytest"));
      viaPython.addAll(rest);
      return viaPython;
    } else if (program.equals("python") || program.equals("python3")) {
      cmd.set(0, bin(dir, "python").toString());
    }
    return cmd;
  }

  @Override
  public Map<String, String> env(Path dir) {
    return cache.activation(venv(dir));
  }
}
