package nautilus.autoupdate.version;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;

/**
 * A PEP 440 version: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}, parsed leniently the way
 * pip does ({@code v1.2}, {@code 1.0-alpha1}, {@code 1.0.post-1}) and ordered as PEP 440 says.
 * Nightlies ({@code 1.222.0a20251229}) are alpha pre-releases, develop builds ({@code
 * 1.208.0.dev20241212+7001}) are dev releases with a local segment.
 */
public final class Version implements Comparable<Version> {

  // The regex from PEP 440 Appendix B, case-insensitive.
  private static final Pattern PATTERN =
      Pattern.compile(
          "^\\s*v?"
              + "(?:(?<epoch>[0-9]+)!)?"
              + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
              + "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?"
              + "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
              + "\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** Pre-release phases in PEP 440 order. */
  public enum PreType {
    A("a"),
    B("b"),
    RC("rc");

    private final String text;

    PreType(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final long epoch;
  private final long[] release;
  private final PreType preType;
  private final long preNumber;
  private final Long post;
  private final Long dev;
  private final List<String> local;

  private Version(
      long epoch,
      long[] release,
      PreType preType,
      long preNumber,
      Long post,
      Long dev,
      List<String> local) {
    this.epoch = epoch;
    this.release = release;
    this.preType = preType;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = local;
  }

  /** Parses a version or throws {@link InvalidVersionException} naming the text. */
  @JsonCreator
  public static Version parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new InvalidVersionException(
                    "not a PEP 440 version: '"
                        + text
                        + "' (expected e.g. 1.221.0, 1.222.0a20251229, 1.208.0.dev20241212+7001,"
                        + " 2.0.0rc1)"));
  }

  /** Parses the value of a command-line option; the error names the option. */
  public static Version parseOption(String option, String text) {
    try {
      return parse(text);
    } catch (InvalidVersionException e) {
      throw new UserError(option + ": " + e.getMessage(), e);
    }
  }

  /** Parses a version, or returns empty when the text is not PEP 440. Never throws. */
  public static Optional<Version> tryParse(String text) {
    if (text == null || text.length() > 256) {
      return Optional.empty();
    }
    Matcher m = PATTERN.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long epoch = m.group("epoch") == null ? 0 : Long.parseLong(m.group("epoch"));
      String[] parts = m.group("release").split("\\.");
      long[] release = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        release[i] = Long.parseLong(parts[i]);
      }
      PreType preType = null;
      long preNumber = 0;
      if (m.group("preL") != null) {
        preType = preTypeOf(m.group("preL"));
        preNumber = m.group("preN") == null ? 0 : Long.parseLong(m.group("preN"));
      }
      Long post = null;
      if (m.group("postN1") != null) {
        post = Long.parseLong(m.group("postN1"));
      } else if (m.group("postL") != null) {
        post = m.group("postN2") == null ? 0L : Long.parseLong(m.group("postN2"));
      }
      Long dev = null;
      if (m.group("devL") != null) {
        dev = m.group("devN") == null ? 0L : Long.parseLong(m.group("devN"));
      }
      List<String> local = List.of();
      if (m.group("local") != null) {
        List<String> segments = new ArrayList<>();
        for (String part : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
          // PEP 440 compares numeric local segments as integers: "007" is "7".
          segments.add(isNumeric(part) ? new java.math.BigInteger(part).toString() : part);
        }
        local = List.copyOf(segments);
      }
      return Optional.of(new Version(epoch, release, preType, preNumber, post, dev, local));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private static PreType preTypeOf(String label) {
    switch (label.toLowerCase(Locale.ROOT)) {
      case "a":
      case "alpha":
        return PreType.A;
      case "b":
      case "beta":
        return PreType.B;
      default:
        return PreType.RC;
    }
  }

  public long epoch() {
    return epoch;
  }

  /** The release segments as written, e.g. [1, 222, 0]. */
  public long[] release() {
    return release.clone();
  }

  public Optional<PreType> preType() {
    return Optional.ofNullable(preType);
  }

  public long preNumber() {
    return preNumber;
  }

  public Optional<Long> post() {
    return Optional.ofNullable(post);
  }

  public Optional<Long> dev() {
    return Optional.ofNullable(dev);
  }

  public List<String> local() {
    return local;
  }

  /** A pre-release in PEP 440's sense: an a/b/rc or a dev release. */
  public boolean isPreRelease() {
    return preType != null || dev != null;
  }

  public boolean isPostRelease() {
    return post != null;
  }

  public boolean isDevRelease() {
    return dev != null;
  }

  public boolean hasLocal() {
    return !local.isEmpty();
  }

  /** NautilusTrader's nightly builds: an alpha whose number is a date, {@code 1.222.0a20251229}. */
  public boolean isNightly() {
    return preType == PreType.A && preNumber >= 20000101L && dev == null;
  }

  /** NautilusTrader's develop builds: {@code 1.208.0.dev20241212+7001}. */
  public boolean isDevelop() {
    return dev != null && dev >= 20000101L;
  }

  /** The final release this version leads to or follows: {@code 1.225.0a20260323} -> 1.225.0. */
  public Version baseRelease() {
    return new Version(epoch, release, null, 0, null, null, List.of());
  }

  /** The same version without its local segment. */
  public Version withoutLocal() {
    return new Version(epoch, release, preType, preNumber, post, dev, List.of());
  }

  /** Release segment i, 0 when the version has fewer segments (PEP 440 zero padding). */
  public long segment(int i) {
    return i < release.length ? release[i] : 0;
  }

  @Override
  public int compareTo(Version o) {
    int c = Long.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    int n = Math.max(release.length, o.release.length);
    for (int i = 0; i < n; i++) {
      c = Long.compare(segment(i), o.segment(i));
      if (c != 0) {
        return c;
      }
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c != 0) {
      return c;
    }
    if (preType != null) {
      c = Long.compare(preNumber, o.preNumber);
      if (c != 0) {
        return c;
      }
    }
    c = compareNullableLow(post, o.post);
    if (c != 0) {
      return c;
    }
    c = compareNullableHigh(dev, o.dev);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  // A dev release of a final (1.0.dev1) sorts before its pre-releases; a final sorts after them.
  private int preRank() {
    if (preType == null) {
      return (post == null && dev != null) ? -1 : 3;
    }
    return preType.ordinal();
  }

  private static int compareNullableLow(Long a, Long b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return Long.compare(a, b);
  }

  private static int compareNullableHigh(Long a, Long b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return Long.compare(a, b);
  }

  private static int compareLocal(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNum = isNumeric(x);
      boolean yNum = isNumeric(y);
      int c;
      if (xNum && yNum) {
        c = new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
      } else if (xNum != yNum) {
        c = xNum ? 1 : -1; // numeric segments sort after alphanumeric ones
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version && compareTo((Version) o) == 0;
  }

  @Override
  public int hashCode() {
    int n = release.length;
    while (n > 1 && release[n - 1] == 0) {
      n--;
    }
    return Objects.hash(
        epoch, Arrays.hashCode(Arrays.copyOf(release, n)), preType, preNumber, post, dev, local);
  }

  /** The normalized PEP 440 form: {@code 1.0a1}, {@code 1.0.post2.dev3+abc.7}. */
  @JsonValue
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (epoch != 0) {
      sb.append(epoch).append('!');
    }
    List<String> parts = new ArrayList<>();
    for (long r : release) {
      parts.add(Long.toString(r));
    }
    sb.append(String.join(".", parts));
    if (preType != null) {
      sb.append(preType.text()).append(preNumber);
    }
    if (post != null) {
      sb.append(".post").append(post);
    }
    if (dev != null) {
      sb.append(".dev").append(dev);
    }
    if (!local.isEmpty()) {
      sb.append('+').append(String.join(".", local));
    }
    return sb.toString();
  }
}
