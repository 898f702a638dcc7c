package nautilus.autoupdate.deps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nautilus.autoupdate.version.Specifier;
import nautilus.autoupdate.version.Version;

/**
 * Moves a version constraint to a new version while keeping its style: {@code ==} stays exact,
 * {@code >=} moves its floor, {@code ~=} and Poetry's {@code ^}/{@code ~} keep their precision,
 * upper bounds widen only when the target is outside them. Only version texts change, never
 * operators, spacing or order.
 */
public final class SpecifierBump {
  /** One clause of a constraint with the range of its version text in the constraint string. */
  record Clause(String operator, String version, int versionStart, int versionEnd) {}

  private static final Pattern CLAUSE =
      Pattern.compile("\\s*(===|==|!=|~=|<=|>=|<|>|\\^|~|=)?\\s*([A-Za-z0-9.*!+_-]+)\\s*");

  private SpecifierBump() {}

  /** The clauses of a constraint, or empty when any part is not understood. */
  static Optional<List<Clause>> clauses(String spec, Pin.Syntax syntax) {
    List<Clause> out = new ArrayList<>();
    int pos = 0;
    for (String part : spec.split(",", -1)) {
      Matcher m = CLAUSE.matcher(part);
      if (!m.matches()) {
        return Optional.empty();
      }
      String op = m.group(1) == null ? "" : m.group(1);
      if (syntax == Pin.Syntax.PEP440
          && (op.isEmpty() || op.equals("^") || op.equals("~") || op.equals("="))) {
        return Optional.empty();
      }
      out.add(new Clause(op, m.group(2), pos + m.start(2), pos + m.end(2)));
      pos += part.length() + 1;
    }
    return Optional.of(out);
  }

  /** The lowest version a constraint allows, if it has a lower bound. */
  public static Optional<Version> lowest(String spec, Pin.Syntax syntax) {
    Optional<List<Clause>> parsed = clauses(spec, syntax);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Version low = null;
    for (Clause c : parsed.get()) {
      if (List.of("==", "===", ">=", "~=", "^", "~", "=", "").contains(c.operator)
          || c.operator.equals(">")) {
        Optional<Version> v = Version.tryParse(c.version.replace(".*", ""));
        if (v.isPresent() && (low == null || v.get().compareTo(low) > 0)) {
          low = v.get();
        }
      }
    }
    return Optional.ofNullable(low);
  }

  /**
   * Whether the constraint allows {@code v} (pre-releases included: a nightly in the environment is
   * still what the project runs). Poetry constraints are read as their floor.
   */
  public static boolean allows(String spec, Pin.Syntax syntax, Version v) {
    if (syntax == Pin.Syntax.POETRY) {
      return lowest(spec, syntax).map(low -> v.compareTo(low) >= 0).orElse(true);
    }
    try {
      return nautilus.autoupdate.version.SpecifierSet.parse(spec).contains(v, true);
    } catch (RuntimeException unreadable) {
      return lowest(spec, syntax).map(low -> v.compareTo(low) >= 0).orElse(true);
    }
  }

  /**
   * Whether the constraint is an exact pin ({@code ==1.2.3}, {@code ===x}, Poetry {@code 1.2.3}).
   */
  public static boolean isExact(String spec, Pin.Syntax syntax) {
    return clauses(spec, syntax)
        .map(
            cs ->
                cs.stream()
                    .anyMatch(
                        c ->
                            (c.operator.equals("==") && !c.version.endsWith(".*"))
                                || c.operator.equals("===")
                                || (syntax == Pin.Syntax.POETRY
                                    && (c.operator.isEmpty() || c.operator.equals("=")))))
        .orElse(false);
  }

  /**
   * The constraint moved to {@code to}, or empty when it is not understood. Returns the same text
   * when nothing needs to change.
   */
  public static Optional<String> bump(String spec, Pin.Syntax syntax, Version to) {
    Optional<List<Clause>> parsed = clauses(spec, syntax);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder(spec);
    List<Clause> cs = new ArrayList<>(parsed.get());
    // From the end, so earlier offsets stay valid.
    for (int i = cs.size() - 1; i >= 0; i--) {
      Clause c = cs.get(i);
      Optional<String> replacement = newVersionText(c, to);
      if (replacement.isEmpty()) {
        return Optional.empty();
      }
      sb.replace(c.versionStart, c.versionEnd, replacement.get());
    }
    return Optional.of(sb.toString());
  }

  private static Optional<String> newVersionText(Clause c, Version to) {
    boolean wildcard = c.version.endsWith(".*");
    Optional<Version> parsed =
        Version.tryParse(wildcard ? c.version.substring(0, c.version.length() - 2) : c.version);
    if (parsed.isEmpty() && !c.operator.equals("===")) {
      return Optional.empty();
    }
    Version old = parsed.orElse(null);
    Version target = to.withoutLocal();
    switch (c.operator) {
      case "==":
      case "===":
      case "=":
      case "":
        if (wildcard) {
          return Optional.of(prefix(to, old.release().length) + ".*");
        }
        return Optional.of(to.toString());
      case ">=":
        return Optional.of(shaped(target, old));
      case "~=":
      case "^":
      case "~":
        return Optional.of(withPrecision(target, old.release().length));
      case "<":
      case "<=":
      case ">":
      case "!=":
        if (wildcard || new Specifier(c.operator, c.version).contains(target)) {
          return Optional.of(c.version);
        }
        if (c.operator.equals("<")) {
          return Optional.of(widenedUpper(old, target));
        }
        if (c.operator.equals("<=")) {
          return Optional.of(shaped(target, old));
        }
        return Optional.of(c.version); // > and != that exclude the target: verified by caller
      default:
        return Optional.empty();
    }
  }

  /** {@code to} written with as many release segments as {@code like}, when that loses nothing. */
  private static String shaped(Version to, Version like) {
    String s = withPrecision(to, like.release().length);
    return Version.parse(s).equals(to) ? s : to.toString();
  }

  /** The first {@code n} release segments of {@code to} plus its pre/dev suffix. */
  static String withPrecision(Version to, int n) {
    String suffix = to.toString();
    String release = prefix(to, n);
    String full =
        Arrays.stream(to.release()).mapToObj(Long::toString).collect(Collectors.joining("."));
    String epoch = to.epoch() == 0 ? "" : to.epoch() + "!";
    int at = suffix.indexOf(full, epoch.length()) + full.length();
    return epoch + release + suffix.substring(at);
  }

  private static String prefix(Version v, int n) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.max(1, n); i++) {
      parts.add(Long.toString(v.segment(i)));
    }
    return (v.epoch() == 0 ? "" : v.epoch() + "!") + String.join(".", parts);
  }

  /**
   * An exclusive upper bound just above {@code to} at the bound's own precision: {@code <1.222} for
   * 1.223.0 becomes {@code <1.224}, {@code <2} for 2.1 becomes {@code <3}.
   */
  static String widenedUpper(Version bound, Version to) {
    long[] r = bound.release();
    int significant = r.length;
    while (significant > 1 && r[significant - 1] == 0) {
      significant--;
    }
    long[] out = new long[r.length];
    for (int i = 0; i < significant; i++) {
      out[i] = to.segment(i);
    }
    out[significant - 1]++;
    String epoch = bound.epoch() == 0 ? "" : bound.epoch() + "!";
    return epoch + Arrays.stream(out).mapToObj(Long::toString).collect(Collectors.joining("."));
  }
}
