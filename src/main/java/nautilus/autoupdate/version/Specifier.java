package nautilus.autoupdate.version;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One PEP 440 version clause such as {@code >=1.220.0}, {@code ~=1.2}, {@code ==1.2.*}. */
public record Specifier(String operator, String versionText) {

  private static final Pattern PATTERN =
      Pattern.compile("^\\s*(===|==|!=|~=|<=|>=|<|>)\\s*([^\\s,;]+)\\s*$");

  public Specifier {
    if (!Arrays.asList("===", "==", "!=", "~=", "<=", ">=", "<", ">").contains(operator)) {
      throw new InvalidVersionException("unknown version operator '" + operator + "'");
    }
  }

  public static Specifier parse(String text) {
    Matcher m = PATTERN.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new InvalidVersionException(
          "not a version specifier: '" + text + "' (expected e.g. >=1.220.0 or ==1.221.0)");
    }
    String op = m.group(1);
    String v = m.group(2);
    boolean wildcard = v.endsWith(".*");
    if (wildcard && !op.equals("==") && !op.equals("!=")) {
      throw new InvalidVersionException("'.*' is only allowed with == and != in '" + text + "'");
    }
    if (!op.equals("===")) {
      Version parsed =
          Version.tryParse(wildcard ? v.substring(0, v.length() - 2) : v)
              .orElseThrow(
                  () ->
                      new InvalidVersionException(
                          "not a version specifier: '"
                              + text
                              + "' ('"
                              + v
                              + "' is not a PEP 440 version)"));
      if (op.equals("~=") && parsed.release().length < 2) {
        throw new InvalidVersionException(
            "~= needs at least two release segments in '" + text + "'");
      }
    }
    return new Specifier(op, v);
  }

  public boolean isWildcard() {
    return versionText.endsWith(".*");
  }

  /** The version this clause names (without a trailing {@code .*}). */
  public Version version() {
    return Version.parse(
        isWildcard() ? versionText.substring(0, versionText.length() - 2) : versionText);
  }

  /** Whether this clause itself names a pre-release, which lets pre-releases match. */
  public boolean namesPreRelease() {
    return !operator.equals("===") && !operator.equals("!=") && version().isPreRelease();
  }

  public boolean contains(Version candidate) {
    switch (operator) {
      case "===":
        return candidate.toString().equalsIgnoreCase(versionText);
      case "==":
        return isWildcard() ? prefixMatch(candidate, version()) : equalMatch(candidate, version());
      case "!=":
        return isWildcard()
            ? !prefixMatch(candidate, version())
            : !equalMatch(candidate, version());
      case ">=":
        return candidate.withoutLocal().compareTo(version()) >= 0;
      case "<=":
        return candidate.withoutLocal().compareTo(version()) <= 0;
      case ">":
        return greaterThan(candidate, version());
      case "<":
        return lessThan(candidate, version());
      case "~=":
        return compatible(candidate, version());
      default:
        return false;
    }
  }

  private static boolean equalMatch(Version candidate, Version spec) {
    Version c = spec.hasLocal() ? candidate : candidate.withoutLocal();
    return c.compareTo(spec) == 0;
  }

  private static boolean prefixMatch(Version candidate, Version prefix) {
    if (candidate.epoch() != prefix.epoch()) {
      return false;
    }
    long[] p = prefix.release();
    for (int i = 0; i < p.length; i++) {
      if (candidate.segment(i) != p[i]) {
        return false;
      }
    }
    // ==1.2rc1.* is unusual; compare the pre/post/dev parts only when the prefix has them.
    if (prefix.preType().isPresent() || prefix.post().isPresent() || prefix.dev().isPresent()) {
      return candidate.withoutLocal().baseRelease().equals(prefix.baseRelease())
          && candidate.preType().equals(prefix.preType())
          && candidate.preNumber() == prefix.preNumber();
    }
    return true;
  }

  // Mirrors pip's "packaging": >V excludes post-releases and local versions of V itself.
  private static boolean greaterThan(Version candidate, Version spec) {
    if (candidate.compareTo(spec) <= 0) {
      return false;
    }
    boolean sameBase = candidate.baseRelease().equals(spec.baseRelease());
    if (!spec.isPostRelease() && candidate.isPostRelease() && sameBase) {
      return false;
    }
    return !(candidate.hasLocal() && sameBase);
  }

  private static boolean lessThan(Version candidate, Version spec) {
    if (candidate.compareTo(spec) >= 0) {
      return false;
    }
    // <V excludes pre-releases of V unless V itself is a pre-release.
    return spec.isPreRelease()
        || !candidate.isPreRelease()
        || !candidate.baseRelease().equals(spec.baseRelease());
  }

  private static boolean compatible(Version candidate, Version spec) {
    if (candidate.withoutLocal().compareTo(spec) < 0) {
      return false;
    }
    long[] r = spec.release();
    long[] prefix = Arrays.copyOf(r, r.length - 1);
    for (int i = 0; i < prefix.length; i++) {
      if (candidate.segment(i) != prefix[i]) {
        return false;
      }
    }
    return candidate.epoch() == spec.epoch();
  }

  @Override
  public String toString() {
    return operator + versionText;
  }
}
