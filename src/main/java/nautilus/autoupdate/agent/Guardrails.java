package nautilus.autoupdate.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.Nesting;
import nautilus.autoupdate.git.Git;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The rules of the {@link Brief}, checked on what the agent changed in the worktree (its diff
 * against the branch head): a touched pin or lock, CI file or tool configuration, a deleted or
 * skipped test, or an assertion removed or changed in a test file is a violation.
 */
public final class Guardrails {
  /** One broken rule: the file and what was wrong with the edit. */
  public record Violation(String path, String rule) {
    @Override
    public String toString() {
      return path + ": " + rule;
    }
  }

  /** The pyproject.toml keys that pin, lock or configure: the agent may edit anything else. */
  static final List<String> GUARDED_KEYS =
      List.of(
          "project.dependencies",
          "project.optional-dependencies",
          "project.requires-python",
          "dependency-groups",
          "build-system",
          "tool.uv",
          "tool.poetry",
          "tool.pdm",
          "tool.pytest",
          "tool.nautilus-autoupdate");

  private static final List<String> CI_DIRS =
      List.of(
          ".github/", ".gitlab/", ".circleci/", ".buildkite/", ".woodpecker/", ".azure-pipelines/");

  private static final Set<String> CI_FILES =
      Set.of(
          ".gitlab-ci.yml",
          ".travis.yml",
          "azure-pipelines.yml",
          "bitbucket-pipelines.yml",
          "Jenkinsfile",
          ".drone.yml",
          ".woodpecker.yml",
          "appveyor.yml");

  private static final Set<String> LOCK_FILES =
      Set.of("uv.lock", "poetry.lock", "pdm.lock", "Pipfile", "Pipfile.lock", "pylock.toml");

  /** A test marked to be skipped or expected to fail, added by the agent. */
  private static final Pattern SKIP =
      Pattern.compile(
          "pytest\\.mark\\.(skip|skipif|xfail)|pytest\\.skip\\(|pytest\\.importorskip|unittest\\.skip"
              + "|@skip|collect_ignore|pytest\\.xfail\\(");

  /** A line that asserts something. */
  private static final Pattern ASSERTION =
      Pattern.compile(
          "\\bassert\\b|\\bassert[A-Z_]\\w*\\(|pytest\\.(raises|approx|warns|fail)\\b|\\.assert_\\w+\\(");

  private Guardrails() {}

  /** The paths changed in the worktree of {@code git} since HEAD, untracked ones included. */
  public static List<String> changedPaths(Git git) {
    Set<String> paths = new LinkedHashSet<>();
    for (String line : git.run("diff", "--name-only", "--no-renames", "HEAD").split("\\R")) {
      if (!line.isBlank()) {
        paths.add(line.strip());
      }
    }
    paths.addAll(untracked(git));
    return new ArrayList<>(paths);
  }

  /** Untracked files, not ignored ones. */
  public static Set<String> untracked(Git git) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : git.run("ls-files", "--others", "--exclude-standard").split("\\R")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /**
   * The rules {@code changed} breaks in the worktree of {@code git}.
   *
   * @param pyproject the repository-relative path of the project's pyproject.toml
   */
  public static List<Violation> check(Git git, List<String> changed, String pyproject) {
    List<Violation> out = new ArrayList<>();
    Set<String> deleted = new HashSet<>();
    for (String line :
        git.run("diff", "--name-only", "--no-renames", "--diff-filter=D", "HEAD").split("\\R")) {
      if (!line.isBlank()) {
        deleted.add(line.strip());
      }
    }
    for (String path : changed) {
      String name = Path.of(path).getFileName().toString();
      String lower = name.toLowerCase(Locale.ROOT);
      if (LOCK_FILES.contains(name)
          || (lower.startsWith("requirements") || lower.startsWith("constraints"))
              && lower.endsWith(".txt")) {
        out.add(new Violation(path, "a pin or lock file was changed"));
      } else if (CI_DIRS.stream().anyMatch(d -> path.startsWith(d) || path.contains("/" + d))
          || CI_FILES.contains(name)) {
        out.add(new Violation(path, "CI configuration was changed"));
      } else if (name.equals("nautilus-autoupdate.toml")) {
        out.add(new Violation(path, "this tool's configuration was changed"));
      } else if (path.equals(pyproject) || name.equals("pyproject.toml")) {
        pyprojectKeys(git, path, deleted.contains(path)).forEach(out::add);
      } else if (isTest(path)) {
        if (deleted.contains(path)) {
          out.add(new Violation(path, "a test file was deleted"));
        } else {
          out.addAll(testEdits(git, path));
        }
      }
    }
    return out;
  }

  /** Whether {@code path} is a test module or test support (conftest). */
  static boolean isTest(String path) {
    String name = Path.of(path).getFileName().toString();
    if (!name.endsWith(".py")) {
      return false;
    }
    return name.startsWith("test_")
        || name.endsWith("_test.py")
        || name.equals("conftest.py")
        || ("/" + path).contains("/tests/")
        || ("/" + path).contains("/test/");
  }

  private static List<Violation> pyprojectKeys(Git git, String path, boolean deleted) {
    if (deleted) {
      return List.of(new Violation(path, "pyproject.toml was deleted"));
    }
    CommandResult before = git.tryRun("show", "HEAD:" + path);
    if (!before.ok()) {
      return List.of();
    }
    String after;
    try {
      after = java.nio.file.Files.readString(git.dir().resolve(path));
    } catch (java.io.IOException e) {
      return List.of(new Violation(path, "cannot be read after the agent: " + e.getMessage()));
    }
    // tomlj parses by recursion: a hostile nesting would end in a StackOverflowError.
    if (Nesting.tomlTooDeepAt(after) > 0 || Nesting.tomlTooDeepAt(before.stdout()) > 0) {
      return List.of(new Violation(path, Nesting.message()));
    }
    TomlParseResult a = Toml.parse(before.stdout());
    TomlParseResult b = Toml.parse(after);
    if (b.hasErrors()) {
      return List.of(new Violation(path, "no longer parses as TOML"));
    }
    List<Violation> out = new ArrayList<>();
    for (String key : GUARDED_KEYS) {
      if (!Objects.equals(json(a, key), json(b, key))) {
        out.add(
            new Violation(
                path,
                "["
                    + key
                    + "] was changed ("
                    + (key.startsWith("tool.pytest")
                        ? "test configuration"
                        : key.equals("tool.nautilus-autoupdate")
                            ? "this tool's configuration"
                            : "the pin, its constraints or the build")
                    + ")"));
      }
    }
    return out;
  }

  private static String json(TomlParseResult toml, String dotted) {
    Object v = toml.get(List.of(dotted.split("\\.")));
    if (v == null) {
      return null;
    }
    if (v instanceof TomlTable t) {
      return t.toJson();
    }
    if (v instanceof org.tomlj.TomlArray arr) {
      return arr.toJson();
    }
    return v.toString();
  }

  /** Skip markers added, assertions removed or changed (a line moved unchanged is fine). */
  private static List<Violation> testEdits(Git git, String path) {
    CommandResult diff = git.tryRun("diff", "-U0", "--no-renames", "HEAD", "--", path);
    List<String> removed = new ArrayList<>();
    Set<String> added = new HashSet<>();
    List<String> addedLines = new ArrayList<>();
    if (diff.ok() && !diff.stdout().isBlank()) {
      for (String line : diff.stdout().split("\\R")) {
        if (line.startsWith("---") || line.startsWith("+++")) {
          continue;
        }
        if (line.startsWith("-")) {
          removed.add(line.substring(1).strip());
        } else if (line.startsWith("+")) {
          added.add(line.substring(1).strip());
          addedLines.add(line.substring(1));
        }
      }
    } else {
      // Untracked: a new test file; only its skip markers matter.
      try {
        addedLines.addAll(java.nio.file.Files.readAllLines(git.dir().resolve(path)));
      } catch (java.io.IOException e) {
        return List.of();
      }
    }
    List<Violation> out = new ArrayList<>();
    for (String r : removed) {
      if (ASSERTION.matcher(r).find() && !added.contains(r)) {
        out.add(new Violation(path, "an assertion was removed or changed: " + r));
      }
    }
    for (String a : addedLines) {
      if (SKIP.matcher(a).find()) {
        out.add(new Violation(path, "a test was marked to be skipped: " + a.strip()));
      }
    }
    return out;
  }
}
