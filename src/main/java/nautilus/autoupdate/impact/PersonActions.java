package nautilus.autoupdate.impact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.config.TomlFiles;
import nautilus.autoupdate.version.SpecifierSet;
import nautilus.autoupdate.version.Version;
import org.tomlj.TomlParseResult;

/** Data-format and platform changes: no code edit covers them, so a person gets a to-do. */
final class PersonActions {
  private static final Pattern ARROW = Pattern.compile("`([^`]+)`\\s*(?:->|→|to)\\s*`([^`]+)`");
  private static final Pattern DROPPED_PYTHON =
      Pattern.compile(
          "(?:drop|dropped|remove|removed|no longer support\\w*)[^.]*?python\\s+(3\\.\\d+)",
          Pattern.CASE_INSENSITIVE);

  private PersonActions() {}

  static String dataAction(String text) {
    String t = oneLine(text);
    Matcher m = ARROW.matcher(t);
    if (m.find() && m.group(1).endsWith("/")) {
      return "rename " + m.group(1) + " to " + m.group(2) + " in your data (" + t + ")";
    }
    return "migrate stored data: " + t;
  }

  /**
   * For "Dropped support for Python 3.11": an action only when our requires-python still admits
   * that version (or cannot be read); other platform changes always become an action.
   */
  static Optional<String> platformAction(String text, Path repoRoot) {
    String t = oneLine(text);
    Matcher m = DROPPED_PYTHON.matcher(t);
    if (!m.find()) {
      return Optional.of("check your environment: " + t);
    }
    String dropped = m.group(1);
    Optional<String> requires = requiresPython(repoRoot.resolve("pyproject.toml"));
    if (requires.isEmpty()) {
      return Optional.of(
          "Python " + dropped + " no longer supported: make sure you do not run on it");
    }
    SpecifierSet spec;
    try {
      spec = SpecifierSet.parse(requires.get());
    } catch (RuntimeException e) {
      return Optional.of(
          "Python "
              + dropped
              + " no longer supported: your requires-python says "
              + requires.get());
    }
    if (!spec.contains(Version.parse(dropped))) {
      return Optional.empty();
    }
    return Optional.of(
        "Python " + dropped + " no longer supported: your requires-python says " + requires.get());
  }

  static Optional<String> requiresPython(Path pyproject) {
    if (!Files.isRegularFile(pyproject)) {
      return Optional.empty();
    }
    TomlParseResult toml =
        TomlFiles.parse(TomlFiles.readText(pyproject, pyproject.toString()), pyproject.toString());
    String v = toml.getString("project.requires-python");
    if (v == null) {
      v = toml.getString("tool.poetry.dependencies.python");
    }
    return Optional.ofNullable(v).map(String::strip);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
  }
}
