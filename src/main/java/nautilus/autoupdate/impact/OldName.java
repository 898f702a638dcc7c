package nautilus.autoupdate.impact;

import java.util.List;
import java.util.Locale;

/**
 * One old identifier of a breaking change, split for matching: {@code qualified} when it starts
 * with the upstream package ({@code nautilus_trader.analysis.statistics}), {@code moduleLike} when
 * every segment is lower case (a module or a module-level function), else an owner-relative name
 * ({@code Strategy.on_tick}, {@code Config.field}, {@code Owner.method.param}) or a bare one.
 */
record OldName(String text, List<String> segments, boolean qualified, boolean moduleLike) {

  /** Null when the identifier is not a Python one (Rust paths, prose, file names). */
  static OldName parse(String raw, String packageName) {
    if (raw == null) {
      return null;
    }
    String t = raw.strip().replace("`", "");
    if (t.endsWith("()")) {
      t = t.substring(0, t.length() - 2);
    }
    if (t.startsWith(".")) {
      t = t.substring(1);
    }
    if (t.isEmpty() || !t.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
      return null;
    }
    List<String> segs = List.of(t.split("\\."));
    boolean qualified = t.equals(packageName) || t.startsWith(packageName + ".");
    boolean moduleLike =
        qualified && segs.stream().allMatch(s -> s.equals(s.toLowerCase(Locale.ROOT)));
    return new OldName(t, segs, qualified, moduleLike);
  }

  boolean bare() {
    return segments.size() == 1;
  }

  String last() {
    return segments.get(segments.size() - 1);
  }

  /** All but the last segment. */
  List<String> owner() {
    return segments.subList(0, segments.size() - 1);
  }
}
