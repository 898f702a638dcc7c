package nautilus.autoupdate.fix;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.fix.FixOutcome.Edits;
import nautilus.autoupdate.fix.FixOutcome.Skipped;
import org.treesitter.TSNode;

/**
 * Rewrites an import path written as text ({@code "pkg.mod:Class"} or {@code "pkg.mod.Class"}) in
 * YAML, JSON, TOML or a Python string, as NautilusTrader's {@code Importable*Config} reads them.
 */
final class ConfigStringRule {
  private static final Pattern REF =
      Pattern.compile(
          "(?<![\\w.])[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+(?::[A-Za-z_][A-Za-z0-9_.]*)?"
              + "|(?<![\\w.])[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_.]*");

  private final PySource src;
  private final boolean python;

  /**
   * @param python whether {@code src} is parsed Python (then only string contents are edited)
   */
  ConfigStringRule(PySource src, boolean python) {
    this.src = src;
    this.python = python;
  }

  FixOutcome plan(int offset, Target t) {
    return best(offset, REF, t, ref -> rewrite(ref, t), true, "import path");
  }

  /**
   * A config key ({@code stream:} in YAML, {@code stream =} in TOML, {@code "stream":} in JSON) or,
   * for a bare old name, an exact string value such as an environment variable name.
   */
  FixOutcome planKey(int offset, Target t) {
    if (!t.renamesMember()) {
      return new Skipped("`" + t.old() + "` moved to another owner; needs restructuring");
    }
    Pattern key =
        Pattern.compile("(?<![\\w.\\-])" + Pattern.quote(t.oldLast()) + "(?=[\"']?\\s*[:=])");
    return best(offset, key, t, k -> t.newLast(), !python, "config key");
  }

  /** An exact string value naming the old (bare) name: `os.environ["OLD_NAME"]`. */
  FixOutcome planValue(int offset, Target t) {
    if (t.old().contains(".") || t.replacement().contains(".")) {
      return new Skipped("no string value equal to `" + t.old() + "` here");
    }
    Pattern value = Pattern.compile("(?<=[\"'])" + Pattern.quote(t.old()) + "(?=[\"'])");
    return best(offset, value, t, v -> t.replacement(), true, "string value");
  }

  private FixOutcome best(
      int offset,
      Pattern pattern,
      Target t,
      java.util.function.UnaryOperator<String> rewriter,
      boolean stringsOnly,
      String what) {
    int from = src.lineStart(offset);
    String line = src.text(from, src.lineEnd(offset));
    Matcher m = pattern.matcher(line);
    TextEdit best = null;
    int bestDistance = Integer.MAX_VALUE;
    while (m.find()) {
      String rewritten = rewriter.apply(m.group());
      if (rewritten == null) {
        continue;
      }
      int start =
          from
              + line.substring(0, m.start())
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                  .length;
      int end = start + m.group().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (python && stringsOnly && !insideString(start)) {
        continue;
      }
      int distance = Math.abs(start - offset);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = TextEdit.replace(start, end, rewritten);
      }
    }
    return best == null
        ? new Skipped("no " + what + " matching `" + t.old() + "` on this line")
        : new Edits(List.of(best));
  }

  private boolean insideString(int offset) {
    TSNode n = src.nodeAt(offset);
    return PySource.ancestor(n, "string") != null;
  }

  /** The reference rewritten for {@code t}, or null when it does not name the changed thing. */
  static String rewrite(String ref, Target t) {
    int colon = ref.indexOf(':');
    String module = colon < 0 ? Target.owner(ref) : ref.substring(0, colon);
    String attr = colon < 0 ? Target.last(ref) : ref.substring(colon + 1);
    String sep = colon < 0 ? "." : ":";
    if (module.isEmpty()) {
      return null;
    }
    String moved = t.movedModule(module);
    if (moved != null) {
      return moved + sep + attr;
    }
    if (colon < 0 && t.movedModule(ref) != null && !t.flattens()) {
      return t.movedModule(ref);
    }
    if (t.old().equals(module + "." + attr)) {
      String owner = t.newOwner();
      return (owner.isEmpty() ? module : owner) + sep + t.newLast();
    }
    if (!t.old().contains(".") && attr.equals(t.old()) && !t.replacement().contains(".")) {
      return module + sep + t.replacement();
    }
    return null;
  }
}
