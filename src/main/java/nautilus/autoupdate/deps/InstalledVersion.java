package nautilus.autoupdate.deps;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.version.Version;

/**
 * The upstream package as installed in the project's virtual environment: its {@code
 * <name>-<version>.dist-info} folder under {@code lib/python3.X/site-packages} (or {@code
 * Lib/site-packages} on Windows). Users who install nightlies with pip often pin nothing; the
 * environment is then the only record of the version they are on.
 *
 * @param venv the environment's folder as shown to people ({@code .venv})
 * @param distInfo the dist-info folder read, relative to the repository when inside it
 * @param commit the commit of a git install ({@code direct_url.json}), else null
 */
public record InstalledVersion(Version version, String venv, String distInfo, String commit) {

  /** What the report names as the version's source: {@code .venv (installed)}. */
  public String source() {
    return venv + " (installed)";
  }

  /**
   * The version installed in the first environment that has the package: {@code .venv} and {@code
   * venv} at the repository root and beside the pyproject, then the one the test command runs from
   * ({@code venv/bin/python -m pytest}). Unreadable or malformed metadata counts as not installed.
   */
  public static Optional<InstalledVersion> find(
      Path repoRoot, String pyprojectDir, String testCommand, String packageName) {
    Set<String> venvs = new LinkedHashSet<>();
    for (String dir : pyprojectDir.isEmpty() ? List.of("") : List.of(pyprojectDir, "")) {
      venvs.add(dir.isEmpty() ? ".venv" : dir + "/.venv");
      venvs.add(dir.isEmpty() ? "venv" : dir + "/venv");
    }
    venvOfCommand(testCommand).ifPresent(venvs::add);
    for (String v : venvs) {
      Optional<InstalledVersion> found = inVenv(repoRoot, v, packageName);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** {@code .tox/py311} of {@code .tox/py311/bin/pytest -q}: the first word's environment. */
  static Optional<String> venvOfCommand(String command) {
    if (command == null || command.isBlank()) {
      return Optional.empty();
    }
    String first = command.strip().split("\\s+")[0].replace('\\', '/');
    for (String bin : List.of("/bin/", "/Scripts/")) {
      int at = first.lastIndexOf(bin);
      if (at > 0) {
        String dir = first.substring(0, at);
        return Optional.of(dir.startsWith("./") ? dir.substring(2) : dir);
      }
    }
    return Optional.empty();
  }

  static Optional<InstalledVersion> inVenv(Path repoRoot, String venv, String packageName) {
    Path root = repoRoot.resolve(venv).normalize();
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    List<Path> sitePackages = new ArrayList<>();
    Path lib = root.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(lib, "python*")) {
        for (Path p : s) {
          sitePackages.add(p.resolve("site-packages"));
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    sitePackages.add(root.resolve("Lib").resolve("site-packages"));
    String wanted = PackageNames.normalize(packageName);
    InstalledVersion best = null;
    for (Path sp : sitePackages) {
      if (!Files.isDirectory(sp)) {
        continue;
      }
      try (DirectoryStream<Path> s = Files.newDirectoryStream(sp, "*.dist-info")) {
        for (Path d : s) {
          String folder = d.getFileName().toString();
          int dash = folder.indexOf('-');
          if (dash < 0 || !PackageNames.normalize(folder.substring(0, dash)).equals(wanted)) {
            continue;
          }
          Optional<Version> v = metadataVersion(d.resolve("METADATA"));
          if (v.isEmpty()) {
            continue;
          }
          // Two dist-info folders are a half-finished upgrade; the newer one is what imports.
          if (best == null || v.get().compareTo(best.version()) > 0) {
            best = new InstalledVersion(v.get(), venv, shown(repoRoot, d), commitOf(d));
          }
        }
      } catch (IOException e) {
        continue;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The {@code Version:} header of a core-metadata file (RFC 822 style, headers first). */
  static Optional<Version> metadataVersion(Path metadata) {
    if (!Files.isRegularFile(metadata)) {
      return Optional.empty();
    }
    try (var lines = Files.lines(metadata, StandardCharsets.UTF_8)) {
      return lines
          .takeWhile(l -> !l.isEmpty())
          .filter(l -> l.regionMatches(true, 0, "Version:", 0, 8))
          .findFirst()
          .flatMap(l -> Version.tryParse(l.substring(8).strip()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** PEP 610: a VCS install records the commit in {@code direct_url.json}. */
  private static String commitOf(Path distInfo) {
    Path f = distInfo.resolve("direct_url.json");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      JsonNode n = Json.mapper().readTree(Files.readAllBytes(f));
      JsonNode id = n.path("vcs_info").path("commit_id");
      return id.isTextual() ? id.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String shown(Path repoRoot, Path p) {
    Path root = repoRoot.toAbsolutePath().normalize();
    Path abs = p.toAbsolutePath().normalize();
    return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
  }
}
