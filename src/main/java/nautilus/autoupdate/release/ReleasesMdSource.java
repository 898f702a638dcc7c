package nautilus.autoupdate.release;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * Reads NautilusTrader's RELEASES.md: {@code # NautilusTrader 1.x.y Beta} headers, a {@code
 * Released on ...} line, {@code ### Section} titles and {@code -} bullets. Nested bullets and
 * continuation lines are joined into their parent item; a fenced code block after an item becomes
 * its {@code migration}.
 *
 * <p>Only {@code Released on TBD} marks a release as unreleased. Old releases that have no date
 * line (or a date without a year) get the date of the next newer dated release, an upper bound, so
 * they are never mistaken for unreleased ones.
 */
public final class ReleasesMdSource implements ReleaseSource {

  private static final Pattern HEADER = Pattern.compile("^#\\s+NautilusTrader\\s+(\\S+)(.*)$");
  private static final Pattern RELEASED = Pattern.compile("^Released on\\s+(.*?)\\s*$");
  private static final Pattern SECTION = Pattern.compile("^###\\s+(.+?)\\s*#*\\s*$");
  private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
  private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)(.*)$");
  private static final Pattern RULE = Pattern.compile("^\\s*-{3,}\\s*$");

  private final Path file;

  public ReleasesMdSource(Path file) {
    this.file = file;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public List<Release> releases() {
    String text = SourceFiles.read(file, "a RELEASES.md file");
    return parse(text, file.toString());
  }

  /** Parses RELEASES.md text fetched from elsewhere; {@code sourceName} appears in errors. */
  public static List<Release> parse(String text, String sourceName) {
    return new Parser(sourceName).parse(text == null ? "" : text);
  }

  /** A release while it is being read; sections and items are built up line by line. */
  private static final class Draft {
    final Version version;
    final int line;
    Optional<LocalDate> date = Optional.empty();
    boolean tbd;
    boolean dated;
    Integer monthDayOnly; // "2nd December" without a year: month * 100 + day
    boolean ended; // a '---' rule closed the section
    final List<NotesSection> sections = new ArrayList<>();

    Draft(Version version, int line) {
      this.version = version;
      this.line = line;
    }
  }

  private static final class Parser {
    private final String source;
    private final List<Draft> drafts = new ArrayList<>();
    private Draft release;
    private String sectionTitle;
    private List<NoteItem> sectionItems;
    private StringBuilder itemText;
    private int itemLine;
    private final List<String> migrations = new ArrayList<>();
    private boolean afterBlank;

    Parser(String source) {
      this.source = source;
    }

    List<Release> parse(String text) {
      String[] lines = text.split("\\r?\\n", -1);
      for (int i = 0; i < lines.length; i++) {
        int lineNo = i + 1;
        String line = lines[i];
        Matcher fence = FENCE.matcher(line);
        if (fence.matches()) {
          i = readFence(lines, i, fence.group(1).length(), fence.group(2));
          continue;
        }
        if (line.isBlank()) {
          afterBlank = true;
          continue;
        }
        if (release != null && RULE.matcher(line).matches()) {
          endItem();
          release.ended = true;
        } else if (line.startsWith("# ") || line.equals("#")) {
          startRelease(line, lineNo);
        } else if (release == null) {
          // A document title or preamble before the first release carries no notes.
          afterBlank = false;
          continue;
        } else if (line.startsWith("###")) {
          Matcher m = SECTION.matcher(line);
          startSection(m.matches() ? m.group(1) : line.substring(3).trim());
        } else if (line.startsWith("#")) {
          endItem(); // "## Release Notes" and similar sub-headers hold no items
        } else if (!release.dated && !release.tbd && RELEASED.matcher(line).matches()) {
          Matcher m = RELEASED.matcher(line);
          m.matches();
          readDate(m.group(1), lineNo);
        } else {
          readBody(line, lineNo);
        }
        if (release != null && !RULE.matcher(line).matches()) {
          release.ended = false; // text after a rule: the section goes on
        }
        afterBlank = false;
      }
      endRelease();
      if (drafts.isEmpty()) {
        throw new UserError(
            source
                + ": no release headers found (expected lines like '# NautilusTrader 1.221.0"
                + " Beta')");
      }
      return finish();
    }

    private void startRelease(String line, int lineNo) {
      endRelease();
      Matcher m = HEADER.matcher(line);
      if (!m.matches()) {
        throw new UserError(
            source
                + ":"
                + lineNo
                + ": unexpected header '"
                + abbreviate(line)
                + "' (expected '# NautilusTrader <version> Beta')");
      }
      Optional<Version> v = Version.tryParse(m.group(1));
      if (v.isEmpty()) {
        throw new UserError(
            source
                + ":"
                + lineNo
                + ": bad version '"
                + abbreviate(m.group(1))
                + "' in release header (expected a PEP 440 version such as 1.221.0)");
      }
      release = new Draft(v.get(), lineNo);
    }

    private void startSection(String title) {
      endSection();
      sectionTitle = title;
      sectionItems = new ArrayList<>();
    }

    private void readBody(String line, int lineNo) {
      Matcher bullet = BULLET.matcher(line);
      boolean indented = line.startsWith(" ") || line.startsWith("\t");
      if (bullet.matches() && bullet.group(1).isEmpty()) {
        if (sectionItems == null) {
          startSection("Notes"); // bullets before any ### title still belong to the release
        }
        endItem();
        itemText = new StringBuilder(bullet.group(2).trim());
        itemLine = lineNo;
      } else if (itemText != null && (indented || !afterBlank)) {
        String part = bullet.matches() ? bullet.group(2).trim() : line.trim();
        // Nested bullets are separate clauses of the parent; continuation lines are one sentence.
        itemText.append(bullet.matches() ? "; " : " ").append(part);
      } else {
        endItem(); // prose such as "None" or an introduction ends the current item
      }
    }

    /** Reads a fenced block starting at lines[start]; returns the index of its closing fence. */
    private int readFence(String[] lines, int start, int indent, String marker) {
      StringBuilder body = new StringBuilder();
      for (int j = start + 1; j < lines.length; j++) {
        String l = lines[j];
        if (l.trim().startsWith(marker) && l.trim().replace(marker.substring(0, 1), "").isEmpty()) {
          if (itemText != null) {
            migrations.add(body.toString());
          }
          afterBlank = false;
          return j;
        }
        body.append(stripIndent(l, indent)).append('\n');
      }
      throw new UserError(
          source
              + ":"
              + (start + 1)
              + ": unterminated code fence (expected a closing "
              + marker
              + " line)");
    }

    private void readDate(String text, int lineNo) {
      release.dated = true;
      String t = text.replaceAll("\\(UTC\\)", "").replaceAll("[.,]", " ").trim();
      if (t.toUpperCase(Locale.ROOT).startsWith("TBD")) {
        release.tbd = true;
        return;
      }
      Integer day = null;
      Month month = null;
      Integer year = null;
      for (String token : t.split("\\s+")) {
        String tok = token.toLowerCase(Locale.ROOT);
        Matcher d = Pattern.compile("^(\\d{1,2})(st|nd|rd|th)?$").matcher(tok);
        Month mo = monthOf(tok);
        if (tok.matches("\\d{4}")) {
          year = Integer.parseInt(tok);
        } else if (d.matches()) {
          day = Integer.parseInt(d.group(1));
        } else if (mo != null) {
          month = mo;
        }
      }
      if (day == null || month == null || day < 1 || day > 31) {
        throw new UserError(
            source
                + ":"
                + lineNo
                + ": cannot read the release date '"
                + abbreviate(text)
                + "' (expected e.g. 'Released on 29th June 2026 (UTC).' or 'Released on TBD')");
      }
      if (year == null) {
        release.monthDayOnly = month.getValue() * 100 + day;
        return;
      }
      try {
        release.date = Optional.of(LocalDate.of(year, month, day));
      } catch (DateTimeException e) {
        throw new UserError(
            source + ":" + lineNo + ": invalid release date '" + abbreviate(text) + "'", e);
      }
    }

    private void endItem() {
      if (itemText != null) {
        String migration = migrations.isEmpty() ? null : String.join("\n", migrations);
        sectionItems.add(new NoteItem(itemText.toString().trim(), migration, itemLine));
      }
      itemText = null;
      migrations.clear();
    }

    private void endSection() {
      endItem();
      if (sectionTitle != null) {
        release.sections.add(new NotesSection(sectionTitle, sectionItems));
      }
      sectionTitle = null;
      sectionItems = null;
    }

    private void endRelease() {
      if (release != null) {
        endSection();
        drafts.add(release);
      }
      release = null;
    }

    /** Fills in dates that the file leaves out, from the next newer dated release. */
    private List<Release> finish() {
      List<Release> out = new ArrayList<>();
      LocalDate newer = null;
      // Where the file closes its releases with '---' rules, one without its rule was cut off.
      boolean ruled = drafts.stream().anyMatch(d -> d.ended);
      for (Draft d : drafts) {
        Optional<LocalDate> date = d.date;
        if (date.isEmpty() && !d.tbd) {
          LocalDate bound = newer == null ? LocalDate.now(java.time.ZoneOffset.UTC) : newer;
          if (d.monthDayOnly != null) {
            int month = d.monthDayOnly / 100;
            int day = d.monthDayOnly % 100;
            int year = bound.getYear();
            LocalDate guess = safeDate(year, month, day);
            date = Optional.of(guess.isAfter(bound) ? safeDate(year - 1, month, day) : guess);
          } else {
            date = Optional.of(bound);
          }
        }
        if (date.isPresent()) {
          newer = date.get();
        }
        List<String> gaps =
            ruled && !d.ended
                ? List.of(
                    source
                        + ":"
                        + d.line
                        + ": the "
                        + d.version
                        + " section has no closing '---': the notes may be cut off")
                : List.<String>of();
        out.add(new Release(d.version, date, d.sections, source, gaps));
      }
      return List.copyOf(out);
    }
  }

  private static LocalDate safeDate(int year, int month, int day) {
    return LocalDate.of(
        year, month, Math.min(day, Month.of(month).length(java.time.Year.isLeap(year))));
  }

  private static Month monthOf(String token) {
    for (Month m : Month.values()) {
      String name = m.name().toLowerCase(Locale.ROOT);
      if (token.length() >= 3 && name.startsWith(token)) {
        return m;
      }
    }
    return null;
  }

  private static String stripIndent(String line, int indent) {
    int n = 0;
    while (n < indent && n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return line.substring(n);
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
