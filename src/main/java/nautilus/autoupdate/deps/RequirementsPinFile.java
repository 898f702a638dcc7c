package nautilus.autoupdate.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pip requirements files ({@code requirements*.txt}, {@code *.in}, files under {@code
 * requirements/}): one requirement per line with extras, environment markers, comments and per-line
 * options such as {@code --hash}. {@code -r}/{@code -c} includes are reported so the caller can
 * follow them. The nightly index is an {@code --extra-index-url} line.
 */
public final class RequirementsPinFile implements PinFile {
  private static final Pattern NAME = Pattern.compile("(^|.*/)[^/]*requirements[^/]*\\.(txt|in)$");
  private static final Pattern INCLUDE =
      Pattern.compile("^\\s*(?:-r|-c|--requirement|--constraint)(?:\\s*=\\s*|\\s+)(\\S+)");
  private static final Pattern INDEX =
      Pattern.compile("^\\s*(?:--extra-index-url|--index-url|-i)(?:\\s*=\\s*|\\s+)(\\S+)");
  // A comment starts with '#' at the line start or after whitespace (pip's rule).
  private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*$");
  // Per-requirement options such as --hash=... follow the requirement after whitespace.
  private static final Pattern OPTION = Pattern.compile("\\s+--?[A-Za-z].*$");

  @Override
  public String id() {
    return "requirements";
  }

  @Override
  public boolean handles(String relPath) {
    return NAME.matcher(relPath).matches()
        || (relPath.startsWith("requirements/") || relPath.contains("/requirements/"))
            && relPath.endsWith(".txt");
  }

  @Override
  public PinScan extract(String relPath, String text) {
    List<Pin> pins = new ArrayList<>();
    List<String> includes = new ArrayList<>();
    int lineStart = 0;
    int lineNo = 0;
    while (lineStart <= text.length()) {
      int nl = text.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? text.length() : nl;
      lineNo++;
      String line = text.substring(lineStart, lineEnd);
      scanLine(relPath, line, lineStart, lineNo, pins, includes);
      if (nl < 0) {
        break;
      }
      lineStart = nl + 1;
    }
    return new PinScan(pins, includes, Optional.empty());
  }

  private static void scanLine(
      String file, String line, int offset, int lineNo, List<Pin> pins, List<String> includes) {
    String content = COMMENT.matcher(line).replaceFirst("");
    content = content.replaceAll("[\\r\\\\]+$", "");
    if (content.isBlank()) {
      return;
    }
    Matcher inc = INCLUDE.matcher(content);
    if (inc.find()) {
      includes.add(inc.group(1));
      return;
    }
    if (content.stripLeading().startsWith("-")) {
      return; // other options: -e, --pre, --index-url, ...
    }
    Matcher opt = OPTION.matcher(content);
    String req = opt.find() ? content.substring(0, opt.start()) : content;
    Optional<Requirement> parsed = Requirement.parse(req);
    if (parsed.isEmpty()) {
      return;
    }
    Requirement r = parsed.get();
    Optional<SkipReason> skip =
        r.url()
            ? Optional.of(SkipReason.DIRECT_REFERENCE)
            : r.specifier().isEmpty() ? Optional.of(SkipReason.UNPINNED) : Optional.empty();
    pins.add(
        new Pin(
            file,
            lineNo,
            r.name(),
            r.specifier(),
            offset + r.specStart(),
            offset + r.specEnd(),
            Pin.Syntax.PEP440,
            "line " + lineNo,
            skip));
  }

  @Override
  public String ensureIndex(String relPath, String text, String packageName, String indexUrl) {
    for (String line : text.split("\n", -1)) {
      Matcher m = INDEX.matcher(COMMENT.matcher(line).replaceFirst(""));
      if (m.find() && PyprojectPinFile.sameUrl(m.group(1), indexUrl)) {
        return text;
      }
    }
    String nl = text.contains("\r\n") ? "\r\n" : "\n";
    // Options apply to the whole file wherever they are; the top is where people look.
    return "--extra-index-url " + indexUrl + nl + text;
  }
}
