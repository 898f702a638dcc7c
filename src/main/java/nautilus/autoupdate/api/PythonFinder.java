package nautilus.autoupdate.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds Python interpreters by version ("3.11") without running anything: real binaries under
 * {@code ~/.pyenv/versions/3.11*} first (pyenv shims on PATH may refuse inactive versions), then
 * {@code python3.11} on PATH.
 */
public final class PythonFinder {
  private final Map<String, String> env;

  public PythonFinder(Map<String, String> env) {
    this.env = env;
  }

  /** Every interpreter found, by "major.minor", best candidate first within a version. */
  public Map<String, List<Path>> all() {
    Map<String, List<Path>> out = new TreeMap<>();
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    String pyenvRoot = env.getOrDefault("PYENV_ROOT", home + "/.pyenv");
    Path versions = Path.of(pyenvRoot, "versions");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> s = Files.list(versions)) {
        for (Path v : s.sorted().toList()) {
          String name = v.getFileName().toString();
          Path bin = v.resolve("bin/python");
          if (name.matches("3\\.\\d+(\\.\\d+)?") && Files.isExecutable(bin)) {
            String mm = name.replaceAll("^(3\\.\\d+).*$", "$1");
            out.computeIfAbsent(mm, k -> new ArrayList<>()).add(bin);
          }
        }
      } catch (IOException e) {
        // An unreadable pyenv folder only means fewer candidates; PATH is still searched.
      }
    }
    for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      for (int minor = 8; minor <= 15; minor++) {
        Path p = Path.of(dir, "python3." + minor);
        if (Files.isExecutable(p)) {
          out.computeIfAbsent("3." + minor, k -> new ArrayList<>()).add(p);
        }
      }
    }
    return out;
  }

  public Optional<Path> find(String majorMinor) {
    List<Path> found = all().get(majorMinor);
    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }
}
