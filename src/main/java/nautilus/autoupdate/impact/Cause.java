package nautilus.autoupdate.impact;

import java.util.List;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;

/**
 * What one breaking change is an instance of, so that the sites of many changes with one cause
 * group together. A release note is its own cause. The API diff lists one finding per name (a v1 →
 * v2 diff has thousands), which a person reads as a few causes: names that moved to one module
 * ({@code Bar}, {@code BarType} and {@code OrderSide} now in {@code nautilus_trader.model}, and the
 * removed modules whose names that module holds), names removed from one module, members of one
 * class removed or renamed, parameters of one callable removed or renamed. Read from the change
 * alone (the report's JSON keeps no diff type), by the shapes {@code api.ApiDiff} writes.
 *
 * @param key equal for changes of one cause
 * @param kind {@code note}, {@code moved}, {@code module_removed}, {@code names_removed}, {@code
 *     members}, {@code parameters}, or {@code change} (a diff finding of no shared cause)
 * @param subject the module, class or callable the cause is about (the note's text for a note)
 * @param from the module a moved name or removed module was in (null otherwise)
 * @param name the name, member or parameter this change is about (null for notes and modules)
 * @param replacement what this change names instead (null when none)
 */
record Cause(
    String key, String kind, String subject, String from, String name, String replacement) {

  static Cause of(int index, BreakingChange c) {
    if (!"api-diff".equals(c.source()) || c.old().size() != 1) {
      return own("note", index, c);
    }
    String old = c.old().get(0);
    String neu = c.replacementFor(0);
    String text = c.text() == null ? "" : c.text();
    int dot = old.lastIndexOf('.');
    String head = dot < 0 ? null : old.substring(0, dot);
    String leaf = old.substring(dot + 1);
    boolean qualified = dot > 0 && Character.isLowerCase(old.charAt(0));
    if (c.kind() == ChangeKind.REMOVE && text.startsWith("Module `")) {
      // A removed module whose names one module now holds is the same cause as their moves.
      return neu == null
          ? new Cause("module_removed:" + old, "module_removed", text, old, null, null)
          : new Cause("moved:" + neu, "moved", neu, old, null, neu);
    }
    if (head == null) {
      return own("change", index, c);
    }
    if (c.kind() == ChangeKind.MOVE && qualified && neu != null && neu.endsWith("." + leaf)) {
      String home = neu.substring(0, neu.length() - leaf.length() - 1);
      return new Cause("moved:" + home, "moved", home, head, leaf, home);
    }
    if (c.kind() == ChangeKind.REMOVE && qualified) {
      return new Cause("names_removed:" + head, "names_removed", head, null, leaf, null);
    }
    // One class's findings are one cause, and the same-named class of another module another: the
    // key is where the owner is defined; the subject names that module where the text does (the
    // short name is ambiguous there, see api.ApiDiff).
    String owned = ownedHead(head, c.owner());
    String subject = text.contains("`" + owned) ? owned : head;
    if (!qualified
        && (c.kind() == ChangeKind.REMOVE
            || c.kind() == ChangeKind.RENAME
            || text.contains("is now a method"))) {
      return new Cause("members:" + owned, "members", subject, null, leaf, neu);
    }
    if (c.kind() == ChangeKind.SIGNATURE && text.startsWith("Parameter `")) {
      // The matcher's form of a parameter finding is Owner.method.param (see ApiEvidence).
      return new Cause("parameters:" + owned, "parameters", subject, null, leaf, neu);
    }
    return own("change", index, c);
  }

  /**
   * {@code head} ({@code Owner} or {@code Owner.method}) with its first segment put where {@code
   * owner} is defined; {@code head} itself when the owner is not known.
   */
  private static String ownedHead(String head, String owner) {
    if (owner == null) {
      return head;
    }
    int dot = head.indexOf('.');
    return owner + (dot < 0 ? "" : head.substring(dot));
  }

  private static Cause own(String kind, int index, BreakingChange c) {
    return new Cause(kind + ":" + index, kind, c.text(), null, null, SiteGroup.replacement(c));
  }

  /** Whether this cause stands for one change only (its text is the change's own). */
  boolean single() {
    return kind.equals("note") || kind.equals("change") || kind.equals("module_removed");
  }

  /** How many names a group's text lists before it counts the rest ({@code names} has all). */
  static final int NAMED = 6;

  /**
   * The text of a group of this cause: "Moved to `nautilus_trader.model` (from
   * `nautilus_trader.model.data`, `nautilus_trader.model.enums`): Bar, BarType, OrderSide".
   */
  String text(List<String> names, List<String> froms, List<String> renames) {
    String named = list(names, "");
    switch (kind) {
      case "moved":
        return "Moved to `"
            + subject
            + "`"
            + (froms.isEmpty() ? "" : " (from " + list(froms, "`") + ")")
            + (names.isEmpty() ? "" : ": " + named);
      case "names_removed":
        return "Removed from `" + subject + "`, importable from no module: " + named;
      case "members":
      case "parameters":
        return "`"
            + subject
            + "`: "
            + count(names.size(), kind.equals("members") ? "member" : "parameter")
            + " removed or changed: "
            + named
            + (renames.isEmpty() ? "" : " (renamed: " + list(renames, "") + ")");
      default:
        return subject;
    }
  }

  private static String list(List<String> items, String quote) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(items.size(), NAMED); i++) {
      sb.append(i == 0 ? "" : ", ").append(quote).append(items.get(i)).append(quote);
    }
    if (items.size() > NAMED) {
      sb.append(" and ").append(items.size() - NAMED).append(" more");
    }
    return sb.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
