package nautilus.autoupdate.impact;

import java.util.List;
import java.util.Locale;

/**
 * One old identifier of a breaking change, split for matching: {@code qualified} when it starts
 * with the upstream package ({@code nautilus_trader.analysis.statistics}), {@code moduleLike} when
 * every segment is lower case (a module or a module-level function), else an owner-relative name
 * ({@code Strategy.on_tick}, {@code Config.field}, {@code Owner.method.param}) or a bare one.
 * {@code wildcard} marks every submodule of a package ({@code nautilus_trader.indicators.*}, the
 * notes' "nested modules to flat structure"): {@code text} is then the package itself.
 */
record OldName(
    String text, List<String> segments, boolean qualified, boolean moduleLike, boolean wildcard) {

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
    boolean wildcard = t.endsWith(".*");
    if (wildcard) {
      t = t.substring(0, t.length() - 2);
    }
    if (t.isEmpty() || !t.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
      return null;
    }
    List<String> segs = List.of(t.split("\\."));
    boolean qualified = t.equals(packageName) || t.startsWith(packageName + ".");
    boolean moduleLike =
        qualified && segs.stream().allMatch(s -> s.equals(s.toLowerCase(Locale.ROOT)));
    if (wildcard && !moduleLike) {
      return null; // `Owner.prefix_*` members: no module path to match by
    }
    return new OldName(t, segs, qualified, moduleLike, wildcard);
  }

  /**
   * The module a wildcard stands for in {@code module} ({@code pkg.indicators.atr} of {@code
   * pkg.indicators.atr.sub}): the package plus its first segment below; null when {@code module} is
   * not strictly inside the package.
   */
  String submoduleOf(String module) {
    if (module == null || !module.startsWith(text + ".")) {
      return null;
    }
    int next = module.indexOf('.', text.length() + 1);
    return next < 0 ? module : module.substring(0, next);
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
