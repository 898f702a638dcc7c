package nautilus.autoupdate.notes;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parameter that became required ("Changed `start` parameter to required for `Actor` data request
 * methods"): what breaks is a call that does not pass it, never one that does. {@code methods} is
 * the method the note names ({@code request_bars}), a prefix ending in {@code *} when it names a
 * family ("data request methods": {@code request_*}), or null for the owner's constructor.
 */
public record RequiredParameter(String owner, String methods, String param) {

  private static final Pattern REQUIRED =
      Pattern.compile(
          "\\b(?:to|now|is|are|becomes?|became|made|make|be) (?:a )?required\\b|\\brequired for\\b");
  private static final Pattern NOT_REQUIRED =
      Pattern.compile("\\b(?:no longer|not|never|optional|non-)\\s*required\\b");
  private static final Pattern FOR_OWNER =
      Pattern.compile(
          "\\bfor `([A-Z][A-Za-z0-9_]*)(?:\\.([a-z_][a-z0-9_]*))?`((?: [\\w-]+){0,3}) methods\\b");
  private static final Pattern FOR_OWNER_ONLY =
      Pattern.compile(
          "\\b(?:for|of|on|to) `([A-Z][A-Za-z0-9_]*)(?:\\.([a-z_][a-z0-9_]*))?(?:\\(\\))?`");

  /** The required parameter a change names, if it is that kind of change. */
  public static Optional<RequiredParameter> of(BreakingChange c) {
    String text = c.text() == null ? "" : c.text();
    String lower = text.toLowerCase(Locale.ROOT);
    if (c.kind() != ChangeKind.SIGNATURE
        || !REQUIRED.matcher(lower).find()
        || NOT_REQUIRED.matcher(lower).find()) {
      return Optional.empty();
    }
    String owner = null;
    String method = null;
    String param = null;
    for (String o : c.old()) {
      String[] seg = o.replace("()", "").split("\\.");
      String last = seg[seg.length - 1];
      if (!last.matches("[a-z_][a-z0-9_]*")) {
        continue;
      }
      param = last;
      if (seg.length >= 2 && seg[0].matches("[A-Z]\\w*")) {
        owner = seg[0];
        method = seg.length >= 3 ? seg[seg.length - 2] : null;
      }
      break;
    }
    if (param == null) {
      return Optional.empty();
    }
    Matcher family = FOR_OWNER.matcher(text);
    if (family.find() && (owner == null || owner.equals(family.group(1)))) {
      owner = family.group(1);
      if (method == null && family.group(2) != null) {
        method = family.group(2);
      } else if (method == null) {
        // "data request methods": the word before "methods" starts their names.
        String[] words = family.group(3).strip().split("\\s+");
        String word = words[words.length - 1].toLowerCase(Locale.ROOT);
        method = word.isEmpty() ? null : word + "_*";
      }
    } else if (owner == null) {
      Matcher m = FOR_OWNER_ONLY.matcher(text);
      if (m.find()) {
        owner = m.group(1);
        method = m.group(2);
      }
    }
    return owner == null
        ? Optional.empty()
        : Optional.of(new RequiredParameter(owner, method, param));
  }

  /**
   * Whether a callee named {@code name} is one of the methods (a constructor: the owner's name).
   */
  public boolean namesCallee(String name) {
    if (methods == null) {
      return name.equals(owner) || name.equals("__init__");
    }
    return methods.endsWith("*")
        ? name.startsWith(methods.substring(0, methods.length() - 1))
        : name.equals(methods);
  }

  /** Whether the note names the method itself, not a family of them or a constructor. */
  public boolean exactMethod() {
    return methods != null && !methods.endsWith("*");
  }
}
