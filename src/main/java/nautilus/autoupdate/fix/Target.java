package nautilus.autoupdate.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;

/**
 * One old -> new pair of a breaking change, in the forms the rules need. {@code old} is as the
 * notes write it: a module ({@code nautilus_trader.analysis.statistics}), a qualified name ({@code
 * pkg.mod.Class}), an owner-qualified member ({@code AssetClass.BOND}) or a bare name; a trailing
 * {@code ()} marks a method.
 */
record Target(
    int change,
    String old,
    String replacement,
    boolean propertyToMethod,
    boolean methodToProperty) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern DOTTED =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private static final Pattern TO_METHOD =
      Pattern.compile(
          "propert(y|ies)\\b.{0,40}\\bto (a |regular )?methods?", Pattern.CASE_INSENSITIVE);
  private static final Pattern TO_PROPERTY =
      Pattern.compile("methods?\\b.{0,40}\\bto (a )?propert(y|ies)", Pattern.CASE_INSENSITIVE);

  /** The kinds whose old -> new pairs are mechanical rewrites of identifiers. */
  static boolean mechanical(ChangeKind kind) {
    return kind == ChangeKind.RENAME
        || kind == ChangeKind.MOVE
        || kind == ChangeKind.REMOVE
        || kind == ChangeKind.SIGNATURE;
  }

  /** The pairs of a change that name a replacement and are plain (dotted) identifiers. */
  static List<Target> of(int index, BreakingChange c) {
    List<Target> out = new ArrayList<>();
    String text = c.text() == null ? "" : c.text();
    for (int i = 0; i < c.old().size(); i++) {
      String o = strip(c.old().get(i));
      String n = strip(c.replacementFor(i));
      String path = o != null && o.endsWith(".*") ? o.substring(0, o.length() - 2) : o;
      if (o == null
          || n == null
          || !DOTTED.matcher(path).matches()
          || !DOTTED.matcher(n).matches()) {
        continue;
      }
      boolean oldCall = c.old().get(i).trim().endsWith("()");
      boolean newCall = c.replacementFor(i).trim().endsWith("()");
      boolean toMethod =
          (!oldCall && newCall) || (!oldCall && !newCall && TO_METHOD.matcher(text).find());
      boolean toProperty =
          (oldCall && !newCall) || (!oldCall && !newCall && TO_PROPERTY.matcher(text).find());
      if (o.equals(n) && !toMethod && !toProperty) {
        continue;
      }
      out.add(new Target(index, o, n, toMethod, toProperty));
    }
    return out;
  }

  private static String strip(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.endsWith("()") ? t.substring(0, t.length() - 2) : t;
  }

  String oldLast() {
    return last(old);
  }

  String newLast() {
    return last(replacement);
  }

  /** Everything before the last dot, or "" for a bare name. */
  String oldOwner() {
    return owner(old);
  }

  String newOwner() {
    return owner(replacement);
  }

  static String last(String dotted) {
    return dotted.substring(dotted.lastIndexOf('.') + 1);
  }

  static String owner(String dotted) {
    int i = dotted.lastIndexOf('.');
    return i < 0 ? "" : dotted.substring(0, i);
  }

  /** Whether the note names a module path (all segments lower case, at least two). */
  boolean looksLikeModule() {
    String path = wildcard() ? wildcardPackage() : old;
    return path.contains(".")
        && path.equals(path.toLowerCase(Locale.ROOT))
        && isIdentifierPath(path);
  }

  /** {@code pkg.indicators.*}: every submodule of the package. */
  boolean wildcard() {
    return old.endsWith(".*");
  }

  private String wildcardPackage() {
    return old.substring(0, old.length() - 2);
  }

  private static boolean isIdentifierPath(String s) {
    for (String part : s.split("\\.")) {
      if (!IDENTIFIER.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The new module for {@code module} when this pair moves it or a package above it; null if it
   * does not. A move to the old package's own parent (a flattened package, "must be imported from
   * nautilus_trader.analysis") takes the nested submodules with it, since they no longer exist.
   */
  String movedModule(String module) {
    if (!looksLikeModule()) {
      return null;
    }
    if (wildcard()) {
      String pkg = wildcardPackage();
      if (!module.startsWith(pkg + ".")) {
        return null;
      }
      return flattens() ? replacement : replacement + module.substring(pkg.length());
    }
    if (module.equals(old)) {
      return replacement;
    }
    if (module.startsWith(old + ".")) {
      return flattens() ? replacement : replacement + module.substring(old.length());
    }
    return null;
  }

  /** The new package is an ancestor of the old one: nested modules collapse into it. */
  boolean flattens() {
    return wildcard()
        ? wildcardPackage().equals(replacement) || wildcardPackage().startsWith(replacement + ".")
        : old.startsWith(replacement + ".");
  }

  /** Whether the pair renames only the last segment (same owner, or both bare). */
  boolean renamesMember() {
    return oldOwner().equals(newOwner()) && !oldLast().equals(newLast());
  }
}
