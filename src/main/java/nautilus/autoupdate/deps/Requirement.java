package nautilus.autoupdate.deps;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 508 requirement such as {@code nautilus_trader[ib]>=1.220.0,<2 ; python_version>="3.11"},
 * with the position of its version specifier inside the string so it can be edited in place.
 *
 * @param specStart start of the specifier in the parsed text (or where it would go when empty)
 * @param specEnd end of the specifier (exclusive)
 * @param url true for {@code name @ https://...} requirements, which carry no version
 */
public record Requirement(
    String name, String extras, String specifier, int specStart, int specEnd, boolean url) {

  private static final Pattern HEAD =
      Pattern.compile("^\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[^\\]]*\\])?\\s*");

  /** Parses a requirement; empty when the text is not one. Never throws. */
  public static Optional<Requirement> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = HEAD.matcher(text);
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    String name = m.group(1);
    String extras = m.group(2) == null ? "" : m.group(2);
    int pos = m.end();
    if (pos < text.length() && text.charAt(pos) == '@') {
      return Optional.of(new Requirement(name, extras, "", pos, pos, true));
    }
    int end = text.indexOf(';', pos);
    if (end < 0) {
      end = text.length();
    }
    int start = pos;
    int stop = end;
    while (stop > start && Character.isWhitespace(text.charAt(stop - 1))) {
      stop--;
    }
    // PEP 508 allows "name (>=1.0)"; the specifier is what is inside.
    if (start < stop && text.charAt(start) == '(' && text.charAt(stop - 1) == ')') {
      start++;
      stop--;
      while (start < stop && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (stop > start && Character.isWhitespace(text.charAt(stop - 1))) {
        stop--;
      }
    }
    String spec = text.substring(start, stop);
    if (!spec.isEmpty() && "<>=!~".indexOf(spec.charAt(0)) < 0) {
      return Optional.empty();
    }
    return Optional.of(new Requirement(name, extras, spec, start, stop, false));
  }
}
