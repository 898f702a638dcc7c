package nautilus.autoupdate.notes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.version.Version;

/**
 * Scores {@link NotesParser} against a labels file in the format of shared/labels/dev_gold.json,
 * the way shared/labels/README.md says: kind accuracy over {@code confidence: high} lines, scope
 * accuracy and old-identifier F1 over all lines (an identifier matches when equal or when one ends
 * with "." + the other).
 */
record NotesScore(
    double kindAccuracy,
    int kindLines,
    double scopeAccuracy,
    double oldF1,
    int lines,
    List<String> misses) {

  static NotesScore of(Path labels) throws IOException {
    JsonNode root = Json.mapper().readTree(Files.readString(labels));
    NotesParser parser = new NotesParser();
    int kindOk = 0;
    int kindN = 0;
    int scopeOk = 0;
    int tp = 0;
    int predicted = 0;
    int gold = 0;
    List<String> misses = new ArrayList<>();
    for (JsonNode line : root) {
      String text = line.path("text").asText();
      BreakingChange c =
          parser.parseItem(
              Version.parse(line.path("version").asText()),
              new NoteItem(text, null, 0),
              "releases-md");
      List<String> want = new ArrayList<>();
      line.path("old").forEach(n -> want.add(n.asText()));
      boolean high = "high".equals(line.path("confidence").asText());
      boolean kindMatch = c.kind().id().equals(line.path("kind").asText());
      if (high) {
        kindN++;
        kindOk += kindMatch ? 1 : 0;
      }
      boolean scopeMatch = c.scope().id().equals(line.path("scope").asText());
      scopeOk += scopeMatch ? 1 : 0;
      int hits = matches(c.old(), want);
      tp += hits;
      predicted += c.old().size();
      gold += want.size();
      if ((high && !kindMatch) || !scopeMatch || hits != want.size() || hits != c.old().size()) {
        misses.add(
            line.path("id").asText()
                + " | "
                + text
                + "\n    kind "
                + c.kind().id()
                + (kindMatch
                    ? ""
                    : " (want " + line.path("kind").asText() + (high ? "" : ", low") + ")")
                + ", scope "
                + c.scope().id()
                + (scopeMatch ? "" : " (want " + line.path("scope").asText() + ")")
                + ", old "
                + c.old()
                + (hits == want.size() && hits == c.old().size() ? "" : " (want " + want + ")"));
      }
    }
    double p = predicted == 0 ? 1 : (double) tp / predicted;
    double r = gold == 0 ? 1 : (double) tp / gold;
    double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
    int n = root.size();
    return new NotesScore(
        kindN == 0 ? 1 : (double) kindOk / kindN,
        kindN,
        n == 0 ? 1 : (double) scopeOk / n,
        f1,
        n,
        misses);
  }

  /** One-to-one matches between predicted and labeled identifiers. */
  static int matches(List<String> predicted, List<String> gold) {
    List<String> left = new ArrayList<>(gold);
    int hits = 0;
    for (String p : predicted) {
      for (int i = 0; i < left.size(); i++) {
        String g = left.get(i);
        if (p.equals(g) || p.endsWith("." + g) || g.endsWith("." + p)) {
          left.remove(i);
          hits++;
          break;
        }
      }
    }
    return hits;
  }

  void print(PrintStream out, boolean details) {
    if (details) {
      misses.forEach(out::println);
    }
    out.printf(
        "lines %d: kind accuracy %.3f (over %d high-confidence lines), scope accuracy %.3f,"
            + " old-identifier F1 %.3f%n",
        lines, kindAccuracy, kindLines, scopeAccuracy, oldF1);
  }

  /** Usage: NotesScore LABELS.json [--details]. */
  public static void main(String[] args) throws IOException {
    NotesScore s = of(Path.of(args[0]));
    s.print(System.out, args.length > 1);
  }
}
