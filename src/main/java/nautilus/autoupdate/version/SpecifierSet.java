package nautilus.autoupdate.version;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A comma-separated set of PEP 440 clauses ({@code >=1.220,<2,!=1.221.0}); a version matches when
 * it matches every clause. Pre-releases match only when asked for or when a clause names one, as
 * pip does.
 */
public record SpecifierSet(List<Specifier> specifiers) {

  public SpecifierSet {
    specifiers = List.copyOf(specifiers);
  }

  public static SpecifierSet parse(String text) {
    List<Specifier> out = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      for (String part : text.split(",")) {
        // pip accepts empty clauses, e.g. a trailing comma.
        if (!part.isBlank()) {
          out.add(Specifier.parse(part));
        }
      }
    }
    return new SpecifierSet(out);
  }

  public boolean contains(Version v) {
    return contains(v, false);
  }

  public boolean contains(Version v, boolean allowPreReleases) {
    boolean preOk = allowPreReleases || specifiers.stream().anyMatch(Specifier::namesPreRelease);
    if (v.isPreRelease() && !preOk) {
      return false;
    }
    return specifiers.stream().allMatch(s -> s.contains(v));
  }

  /** The version pinned with {@code ==} or {@code ===}, when the set is an exact pin. */
  public java.util.Optional<Version> exactPin() {
    return specifiers.stream()
        .filter(s -> (s.operator().equals("==") && !s.isWildcard()) || s.operator().equals("==="))
        .findFirst()
        .flatMap(s -> Version.tryParse(s.versionText()));
  }

  @Override
  public String toString() {
    return specifiers.stream().map(Specifier::toString).collect(Collectors.joining(","));
  }
}
