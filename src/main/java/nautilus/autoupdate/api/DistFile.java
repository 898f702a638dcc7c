package nautilus.autoupdate.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of a release on a package index: a wheel or an sdist. {@code size} is -1 when the index
 * does not say.
 */
public record DistFile(String filename, String url, long size) {
  private static final Pattern WHEEL =
      Pattern.compile("^([^-]+)-([^-]+)(?:-\\d[^-]*)?-([^-]+)-([^-]+)-([^-]+)\\.whl$");
  private static final Pattern SDIST = Pattern.compile("^(.+)-([^-]+)\\.(?:tar\\.gz|zip)$");

  public boolean isWheel() {
    return filename.endsWith(".whl");
  }

  public boolean isSdist() {
    return filename.endsWith(".tar.gz") || (filename.endsWith(".zip") && !isWheel());
  }

  /** The project name (normalized) and version the file name carries, if it is a distribution. */
  public Optional<String[]> nameAndVersion() {
    Matcher m = WHEEL.matcher(filename);
    if (m.matches()) {
      return Optional.of(new String[] {normalize(m.group(1)), m.group(2)});
    }
    m = SDIST.matcher(filename);
    if (m.matches()) {
      return Optional.of(new String[] {normalize(m.group(1)), m.group(2)});
    }
    return Optional.empty();
  }

  /**
   * Whether this is a distribution of {@code project} (any spelling) at exactly {@code version}.
   */
  public boolean isOf(String project, nautilus.autoupdate.version.Version version) {
    String want = normalize(project);
    return nameAndVersion()
        .filter(nv -> nv[0].equals(want))
        .flatMap(nv -> nautilus.autoupdate.version.Version.tryParse(nv[1]))
        .map(version::equals)
        .orElse(false);
  }

  /** Wheel tags: python, abi, platform (empty for sdists). */
  public List<String> tags() {
    Matcher m = WHEEL.matcher(filename);
    return m.matches() ? List.of(m.group(3), m.group(4), m.group(5)) : List.of();
  }

  /** PEP 503 normalization: lower case, runs of {@code -_.} become one {@code -}. */
  public static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
