package nautilus.autoupdate.impact;

import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.code.UseKind;

/** Suggested replacement text for a site, when the change names the replacement. */
final class Fixes {
  private Fixes() {}

  /** The new attribute, method, parameter or name: the last segment of the replacement. */
  static String lastSegment(String replacement) {
    if (replacement == null || replacement.isBlank()) {
      return null;
    }
    String r = replacement.strip();
    if (r.endsWith("()")) {
      r = r.substring(0, r.length() - 2);
    }
    int dot = r.lastIndexOf('.');
    return dot < 0 ? r : r.substring(dot + 1);
  }

  /**
   * The import statement (or config string) to write instead, for a moved or renamed module or
   * module-level name. A replacement that is an ancestor of the old module ({@code
   * nautilus_trader.indicators} for {@code nautilus_trader.indicators.average}) flattens: names are
   * then imported from it directly.
   */
  static String forImport(Use u, OldName old, String replacement) {
    // A bare replacement renames the name, unless it is the package the old module sits in.
    boolean ancestor = replacement != null && old.text().startsWith(replacement + ".");
    if (replacement == null || (!replacement.contains(".") && !ancestor)) {
      return u.kind() == UseKind.IMPORT ? forRenamedImport(u, replacement) : null;
    }
    String target = u.target();
    if (u.kind() == UseKind.IMPORT
        && u.name() != null
        && !u.name().equals("*")
        && target.equals(old.text())
        && old.moduleLike()) {
      // `from pkg.a import mod` binds the module itself: import its new home under the old name.
      int dot = replacement.lastIndexOf('.');
      String last = replacement.substring(dot + 1);
      String bound = u.alias() != null ? u.alias() : u.name();
      if (dot < 0) {
        return "import " + replacement + (last.equals(bound) ? "" : " as " + bound);
      }
      return "from "
          + replacement.substring(0, dot)
          + " import "
          + last
          + (last.equals(bound) ? "" : " as " + bound);
    }
    String rest = target.substring(old.text().length());
    String newTarget;
    if (old.text().startsWith(replacement + ".") && old.moduleLike()) {
      // A config string's name is the whole string as written; the imported name is its last part.
      String name = u.kind() == UseKind.CONFIG_STRING ? lastSegment(target) : u.name();
      newTarget = name != null && !name.equals("*") ? replacement + "." + name : replacement;
    } else {
      newTarget = replacement + rest;
    }
    if (u.kind() == UseKind.CONFIG_STRING) {
      String written = u.name();
      if (written != null && written.contains(":")) {
        int dot = newTarget.lastIndexOf('.');
        return newTarget.substring(0, dot) + ":" + newTarget.substring(dot + 1);
      }
      return newTarget;
    }
    if (u.name() == null) {
      return "import " + newTarget + alias(u);
    }
    int dot = newTarget.lastIndexOf('.');
    if (u.name().equals("*")) {
      return "from " + newTarget + " import *";
    }
    return "from "
        + newTarget.substring(0, dot)
        + " import "
        + newTarget.substring(dot + 1)
        + alias(u);
  }

  /** {@code from m import Old} becomes {@code from m import New} when only the name changed. */
  static String forRenamedImport(Use u, String replacement) {
    String name = lastSegment(replacement);
    if (name == null || u.module() == null) {
      return null;
    }
    if (u.name() == null) {
      return "import " + u.module() + alias(u);
    }
    return "from " + u.module() + " import " + name + alias(u);
  }

  private static String alias(Use u) {
    return u.alias() == null ? "" : " as " + u.alias();
  }
}
