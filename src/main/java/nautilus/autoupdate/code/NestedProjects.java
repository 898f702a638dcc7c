package nautilus.autoupdate.code;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import nautilus.autoupdate.RepoPaths;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.TomlFiles;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Finds the folders under the scan that hold a project of their own: a {@code pyproject.toml} with
 * a {@code [project]} or {@code [tool.poetry]} table or a pin of the package, a {@code setup.py}
 * that calls {@code setup(}, or a {@code setup.cfg} with {@code [metadata]} or {@code [options]}.
 * Such a folder has its own pin (a copy of the repository, an example, a sub-package released on
 * its own), so the update of our pin does not reach it and its code is not ours to check. Never a
 * separate project: the project's own folder and the folders above it, a folder the source dirs
 * name (or one above it), and a member of the project's uv workspace or one of its path
 * dependencies (they share its lock). Nothing is skipped when the project's folder holds no project
 * or requirements file: then there is no pin whose project could be told apart.
 */
final class NestedProjects {
  private static final List<String> PROJECT_FILES =
      List.of("pyproject.toml", "setup.py", "setup.cfg");
  private static final Pattern PROJECT_TABLE =
      Pattern.compile("^\\s*\\[\\s*(project|tool\\.poetry)\\s*\\]", Pattern.MULTILINE);
  private static final Pattern SETUP_CALL = Pattern.compile("\\bsetup\\s*\\(");
  private static final Pattern SETUP_CFG_SECTION =
      Pattern.compile("^\\s*\\[\\s*(metadata|options)\\s*\\]", Pattern.MULTILINE);

  /** Only the head of a project file is read: the tables it declares come first. */
  private static final int MAX_READ = 256 * 1024;

  private NestedProjects() {}

  /** Each separate project's folder (relative, no trailing slash) with why it is one. */
  static SortedMap<String, String> find(
      Path root, Collection<String> listed, ScanScope scope, String packageName) {
    SortedMap<String, String> out = new TreeMap<>();
    String project = scope.projectDir();
    if (!hasProject(root, project)) {
      return out;
    }
    List<String> kept = new ArrayList<>(workspace(root, project));
    for (String d : scope.sourceDirs()) {
      kept.add(SourceFiles.normalize(d));
    }
    List<String> candidates =
        listed.stream()
            .filter(f -> f.contains("/") && PROJECT_FILES.contains(name(f)))
            .sorted(Comparator.comparingInt((String f) -> depth(f)).thenComparing(f -> f))
            .toList();
    Pattern pin = packagePattern(packageName);
    for (String file : candidates) {
      String dir = file.substring(0, file.lastIndexOf('/'));
      if (within(project, dir)
          || kept.stream().anyMatch(k -> within(k, dir))
          || out.keySet().stream().anyMatch(o -> within(dir, o))) {
        continue;
      }
      String why = declares(root.resolve(file), name(file), pin);
      if (why != null) {
        out.put(dir, "a separate project (its own " + why + "): not scanned");
      }
    }
    vendoredCopies(root, listed, project, kept, packageName, out);
    return out;
  }

  /**
   * Adds each folder that is a copy of the package itself ({@code nautilus_trader/__init__.py}
   * checked in beside our code, a fork kept in the repository): it is upstream's code at some
   * version, not ours, and checking it against the release notes reports upstream's own internals.
   * Not when the project is the package (upstream's own repository), nor a folder the source dirs
   * name.
   */
  private static void vendoredCopies(
      Path root,
      Collection<String> listed,
      String project,
      List<String> kept,
      String packageName,
      SortedMap<String, String> out) {
    String importName = packageName.replace('-', '_');
    if (isThePackage(root, project, packageName)) {
      return;
    }
    for (String f : listed) {
      if (!(f.equals(importName + "/__init__.py")
          || f.endsWith("/" + importName + "/__init__.py"))) {
        continue;
      }
      String dir = f.substring(0, f.lastIndexOf('/'));
      if (kept.stream().anyMatch(k -> !k.isEmpty() && !k.equals(".") && within(k, dir))
          || out.keySet().stream().anyMatch(o -> within(dir, o))) {
        continue;
      }
      out.put(dir, "a copy of " + importName + " itself (upstream's code, not ours): not scanned");
    }
  }

  /** Whether the project's own pyproject names the package as the project (upstream's repo). */
  private static boolean isThePackage(Path root, String project, String packageName) {
    Path py = (project.isEmpty() ? root : root.resolve(project)).resolve("pyproject.toml");
    try {
      String text = Files.isRegularFile(py) ? Files.readString(py) : "";
      return Pattern.compile(
              "^\\s*name\\s*=\\s*[\"']" + packageName.replaceAll("[-_]", "[-_]") + "[\"']",
              Pattern.MULTILINE | Pattern.CASE_INSENSITIVE)
          .matcher(text)
          .find();
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code inner} is {@code outer} or lies inside it ({@code ""} is the repository). */
  static boolean within(String inner, String outer) {
    return outer.isEmpty() || inner.equals(outer) || inner.startsWith(outer + "/");
  }

  private static boolean hasProject(Path root, String project) {
    Path dir = project.isEmpty() ? root : root.resolve(project);
    for (String f : PROJECT_FILES) {
      if (Files.isRegularFile(dir.resolve(f))) {
        return true;
      }
    }
    for (Path d : List.of(dir, root)) {
      try (var s = Files.list(d)) {
        if (s.anyMatch(
            p -> name(p.getFileName().toString()).matches("requirements.*\\.(txt|in)"))) {
          return true;
        }
      } catch (IOException e) {
        // An unlistable folder holds no pin we could read.
      }
    }
    return false;
  }

  /**
   * The folders that belong to the project though they hold a pyproject of their own: its uv
   * workspace members (globs, minus the workspace's excludes) and its path dependencies (uv
   * sources, Poetry), as repository paths; a member glob stays a pattern.
   */
  private static List<String> workspace(Path root, String project) {
    Path py = (project.isEmpty() ? root : root.resolve(project)).resolve("pyproject.toml");
    if (!Files.isRegularFile(py)) {
      return List.of();
    }
    TomlParseResult toml;
    try {
      toml = TomlFiles.parse(TomlFiles.readText(py, "pyproject.toml"), "pyproject.toml");
    } catch (UserError e) {
      return List.of(); // the pin reader reports a broken pyproject; here it only adds nothing
    }
    List<String> members = new ArrayList<>();
    List<Pattern> excluded = new ArrayList<>();
    addStrings(toml.getArray("tool.uv.workspace.exclude"), g -> excluded.add(glob(project, g)));
    List<Pattern> memberGlobs = new ArrayList<>();
    addStrings(toml.getArray("tool.uv.workspace.members"), g -> memberGlobs.add(glob(project, g)));
    for (String table : List.of("tool.uv.sources", "tool.poetry.dependencies")) {
      TomlTable t = toml.getTable(table);
      if (t == null) {
        continue;
      }
      for (String key : t.keySet()) {
        Object v = t.get(List.of(key));
        if (v instanceof TomlTable dep && dep.get("path") instanceof String p) {
          String rel = resolve(project, p);
          if (rel != null) {
            members.add(rel);
          }
        }
      }
    }
    // Member globs match folders; list them by walking only where a glob can reach.
    if (!memberGlobs.isEmpty()) {
      try (var s = Files.walk(project.isEmpty() ? root : root.resolve(project), 4)) {
        s.filter(Files::isDirectory)
            .map(p -> root.relativize(p).toString().replace('\\', '/'))
            .filter(d -> memberGlobs.stream().anyMatch(g -> g.matcher(d).matches()))
            .filter(d -> excluded.stream().noneMatch(g -> g.matcher(d).matches()))
            .forEach(members::add);
      } catch (IOException | java.io.UncheckedIOException e) {
        // Members that cannot be listed are not kept apart; their folders are then skipped.
      }
    }
    return members;
  }

  private static void addStrings(TomlArray a, java.util.function.Consumer<String> to) {
    if (a == null) {
      return;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof String s) {
        to.accept(s);
      }
    }
  }

  private static Pattern glob(String project, String g) {
    String rel = resolve(project, g);
    return Pattern.compile(SourceFiles.globRegex(rel == null ? g : rel));
  }

  /** {@code p} relative to the project's folder as a repository path; null when it leaves it. */
  private static String resolve(String project, String p) {
    return RepoPaths.normalize(project.isEmpty() ? p : project + "/" + p);
  }

  /** What makes {@code file} a project file, in a few words, or null when it is not one. */
  private static String declares(Path file, String name, Pattern pin) {
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      text = new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null; // unreadable: scanning the folder reads more, never less
    }
    switch (name) {
      case "pyproject.toml":
        var table = PROJECT_TABLE.matcher(text);
        if (table.find()) {
          return "pyproject.toml with [" + table.group(1) + "]";
        }
        return pin.matcher(text).find() ? "pyproject.toml that pins the package" : null;
      case "setup.py":
        return SETUP_CALL.matcher(text).find() ? "setup.py" : null;
      default:
        return SETUP_CFG_SECTION.matcher(text).find() ? "setup.cfg" : null;
    }
  }

  /** The package's name as a requirement spells it: any of - _ . between its words, any case. */
  private static Pattern packagePattern(String packageName) {
    List<String> words = new ArrayList<>();
    for (String w : packageName.toLowerCase(Locale.ROOT).split("[-_.]+")) {
      words.add(Pattern.quote(w));
    }
    return Pattern.compile(
        "[\"'\\s]" + String.join("[-_.]+", words) + "\\s*[\\[=<>~!;\"',@]",
        Pattern.CASE_INSENSITIVE);
  }

  private static String name(String rel) {
    return rel.substring(rel.lastIndexOf('/') + 1);
  }

  private static int depth(String rel) {
    return (int) rel.chars().filter(c -> c == '/').count();
  }
}
