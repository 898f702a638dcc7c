package nautilus.autoupdate.deps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.config.TomlFiles;
import nautilus.autoupdate.version.Version;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads the locked version of a package from uv's {@code uv.lock}, or Poetry's {@code poetry.lock},
 * which has the same {@code [[package]]} tables.
 */
public final class UvLockReader {
  public static final String FILE = "uv.lock";
  public static final String POETRY = "poetry.lock";

  /**
   * A locked version and the line of its {@code version = "..."} entry; {@code gitCommit} is the
   * commit uv resolved a git source to ({@code source = { git = "...?rev=x#<sha>" }}), or Poetry
   * did ({@code [package.source]} {@code type = "git"}, {@code resolved_reference}), else null.
   */
  public record Locked(Version version, int line, String gitCommit) {}

  private UvLockReader() {}

  /**
   * The locked version of {@code packageName} in {@code lockFile}; empty when the file or the
   * package is absent. A malformed lock fails naming {@code shownAs}, line and column.
   */
  public static Optional<Locked> read(Path lockFile, String shownAs, String packageName) {
    if (!Files.isRegularFile(lockFile)) {
      return Optional.empty();
    }
    return parse(TomlFiles.readText(lockFile, shownAs), shownAs, packageName);
  }

  static Optional<Locked> parse(String text, String shownAs, String packageName) {
    TomlParseResult toml = TomlFiles.parse(text, shownAs);
    Object packages = toml.get("package");
    if (!(packages instanceof TomlArray)) {
      return Optional.empty();
    }
    Locked best = null;
    TomlArray array = (TomlArray) packages;
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof TomlTable)) {
        continue;
      }
      TomlTable p = (TomlTable) array.get(i);
      Object name = p.get(List.of("name"));
      Object version = p.get(List.of("version"));
      if (!(name instanceof String)
          || !(version instanceof String)
          || !PackageNames.same((String) name, packageName)) {
        continue;
      }
      Optional<Version> v = Version.tryParse((String) version);
      if (v.isEmpty()) {
        continue;
      }
      TomlPosition pos = p.inputPositionOf(List.of("version"));
      // Forked resolutions can lock several versions; the highest is the one to upgrade from.
      if (best == null || v.get().compareTo(best.version()) > 0) {
        best = new Locked(v.get(), pos == null ? 1 : pos.line(), gitCommit(p));
      }
    }
    return Optional.ofNullable(best);
  }

  private static String gitCommit(TomlTable pkg) {
    Object resolved = pkg.get(List.of("source", "resolved_reference"));
    if ("git".equals(pkg.get(List.of("source", "type")))
        && resolved instanceof String
        && !((String) resolved).isBlank()) {
      return ((String) resolved).strip();
    }
    Object git = pkg.get(List.of("source", "git"));
    if (!(git instanceof String)) {
      return null;
    }
    String url = (String) git;
    int hash = url.lastIndexOf('#');
    return hash < 0 || hash == url.length() - 1 ? null : url.substring(hash + 1);
  }
}
