package nautilus.autoupdate.code;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.code.ModuleFacts.StringFact;

/**
 * Finds upstream import paths ({@code "pkg.module:Class"}) and keys in YAML, JSON and TOML text. A
 * line-based read on purpose: it needs no schema, survives templated files, and gives exact
 * locations.
 */
final class ConfigText {
  private static final Pattern KEY =
      Pattern.compile("^\\s*(?:-\\s+)?[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?\\s*[:=](?!:)");
  private static final Pattern JSON_KEY = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_]*)\"\\s*:");

  private ConfigText() {}

  /** {@code pkg.a.b}, {@code pkg.a.b:Name} or {@code pkg.a.b:Name.attr}, nothing else. */
  static Pattern upstreamPathPattern(String packageName) {
    String id = "[A-Za-z_][A-Za-z0-9_]*";
    return Pattern.compile(
        Pattern.quote(packageName) + "(?:\\." + id + ")+(?::" + id + "(?:\\." + id + ")*)?");
  }

  static ModuleFacts extract(byte[] bytes, String packageName, boolean json) {
    Pattern path = Pattern.compile("(?<![\\w.])" + upstreamPathPattern(packageName).pattern());
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<StringFact> strings = new ArrayList<>();
    List<StringFact> keys = new ArrayList<>();
    int lineStart = 0;
    int lineNo = 1;
    int byteOffset = 0;
    while (lineStart <= text.length()) {
      int nl = text.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? text.length() : nl;
      String line = text.substring(lineStart, lineEnd);
      String trimmed = line.strip();
      if (!trimmed.startsWith("#")) {
        Matcher m = path.matcher(line);
        while (m.find()) {
          strings.add(new StringFact(m.group(), at(line, m.start(), m.end(), lineNo, byteOffset)));
        }
        Matcher k = json ? JSON_KEY.matcher(line) : KEY.matcher(line);
        while (k.find()) {
          keys.add(new StringFact(k.group(1), at(line, k.start(1), k.end(1), lineNo, byteOffset)));
          if (!json) {
            break;
          }
        }
      }
      byteOffset += line.getBytes(StandardCharsets.UTF_8).length + 1;
      if (nl < 0) {
        break;
      }
      lineStart = nl + 1;
      lineNo++;
    }
    return new ModuleFacts(
        List.of(), List.of(), List.of(), strings, keysNear(text, strings, keys), List.of(), false);
  }

  /**
   * Keeps the keys in the same block as an upstream path: the lines around it indented at least as
   * deep, up to a TOML table header. So {@code stream} beside {@code config_path:
   * "...:MessageBusConfig"} counts, a {@code stream} key elsewhere in the file does not.
   */
  private static List<StringFact> keysNear(
      String text, List<StringFact> strings, List<StringFact> keys) {
    if (strings.isEmpty()) {
      return List.of();
    }
    String[] lines = text.split("\n", -1);
    boolean[] inBlock = new boolean[lines.length + 1];
    for (StringFact s : strings) {
      int at = s.at().line() - 1;
      int indent = indent(lines[at]);
      int from = at;
      while (from > 0 && inside(lines[from - 1], indent)) {
        from--;
      }
      int to = at;
      while (to + 1 < lines.length && inside(lines[to + 1], indent)) {
        to++;
      }
      for (int i = from; i <= to; i++) {
        inBlock[i] = true;
      }
    }
    List<StringFact> kept = new ArrayList<>();
    for (StringFact k : keys) {
      if (inBlock[k.at().line() - 1] && indent(lines[k.at().line() - 1]) >= 0) {
        kept.add(k);
      }
    }
    return kept;
  }

  private static boolean inside(String line, int indent) {
    String t = line.strip();
    if (t.startsWith("[")) {
      return false;
    }
    return t.isEmpty() || t.startsWith("#") || indent(line) >= indent && !t.startsWith("}");
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static Location at(String line, int start, int end, int lineNo, int lineByteOffset) {
    int startByte =
        lineByteOffset + line.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
    int endByte = startByte + line.substring(start, end).getBytes(StandardCharsets.UTF_8).length;
    return new Location(
        startByte, endByte, lineNo, startByte - lineByteOffset + 1, null, line.strip());
  }
}
