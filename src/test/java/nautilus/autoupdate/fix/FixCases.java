package nautilus.autoupdate.fix;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.Certainty;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.MatchKind;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * The golden cases under src/test/resources/fix/: {@code before.EXT}, {@code after.EXT} and {@code
 * case.json} (the breaking changes, and the sites as an analyzer reports them; a site's column is
 * where its {@code find} text starts on the line).
 */
final class FixCases {
  static final Path ROOT = Path.of("src/test/resources/fix");

  /** A site as the case file writes it; {@code expect} is "fixed" (default) or "skipped". */
  record SiteSpec(
      Integer cell,
      int line,
      String find,
      MatchKind match,
      Certainty certainty,
      int change,
      boolean expectFixed) {}

  record Case(
      String name,
      String file,
      byte[] before,
      byte[] after,
      List<BreakingChange> changes,
      List<SiteSpec> sites) {

    boolean isPython() {
      return file.endsWith(".py");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private FixCases() {}

  static List<Case> all() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(d -> Files.exists(d.resolve("case.json")))
          .sorted()
          .map(FixCases::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Case load(Path dir) {
    try {
      JsonNode json = Json.mapper().readTree(dir.resolve("case.json").toFile());
      String file = json.get("file").asText();
      String ext = file.substring(file.lastIndexOf('.') + 1);
      List<BreakingChange> changes = new ArrayList<>();
      for (JsonNode c : json.get("changes")) {
        changes.add(Json.mapper().convertValue(c, BreakingChange.class));
      }
      List<SiteSpec> sites = new ArrayList<>();
      for (JsonNode s : json.get("sites")) {
        sites.add(
            new SiteSpec(
                s.hasNonNull("cell") ? s.get("cell").asInt() : null,
                s.get("line").asInt(),
                s.hasNonNull("find") ? s.get("find").asText() : null,
                MatchKind.valueOf(s.get("match").asText().toUpperCase()),
                s.hasNonNull("certainty")
                    ? Certainty.valueOf(s.get("certainty").asText().toUpperCase())
                    : Certainty.CERTAIN,
                s.get("change").asInt(),
                !"skipped".equals(s.path("expect").asText("fixed"))));
      }
      return new Case(
          dir.getFileName().toString(),
          file,
          Files.readAllBytes(dir.resolve("before." + ext)),
          Files.readAllBytes(dir.resolve("after." + ext)),
          changes,
          sites);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sites of {@code c} located in {@code content} (lines shifted by {@code lineShift}). */
  static List<Site> sites(
      Case c, byte[] content, java.util.function.IntUnaryOperator lineShift, boolean strict) {
    List<Site> out = new ArrayList<>();
    for (SiteSpec s : c.sites()) {
      int line = lineShift.applyAsInt(s.line());
      String text = lineText(content, s.cell(), line, c.file().endsWith(".ipynb"));
      int column = 1;
      if (s.find() != null) {
        int at = text.indexOf(s.find());
        if (at < 0 && strict) {
          throw new IllegalStateException(c.name() + ": no '" + s.find() + "' on line " + line);
        }
        if (at < 0) {
          continue; // the analysis would no longer report it
        }
        column = at < 0 ? 1 : text.substring(0, at).getBytes(StandardCharsets.UTF_8).length + 1;
      }
      out.add(
          new Site(
              line,
              column,
              s.cell(),
              text.strip(),
              s.match(),
              s.certainty(),
              s.change(),
              null,
              null));
    }
    return out;
  }

  private static String lineText(byte[] content, Integer cell, int line, boolean notebook) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (notebook) {
      Notebook nb = Notebook.parse(text);
      text = nb.cells().get(cell).source();
    }
    String[] lines = text.split("\r?\n", -1);
    return lines[line - 1];
  }

  static ImpactReport report(List<BreakingChange> changes, String path, List<Site> sites) {
    return TestReport.of("1.221.0", "1.220.0")
        .changes(changes)
        .files(List.of(new AffectedFile(path, Severity.HIGH, sites)))
        .lines(sites.size())
        .score(80)
        .build();
  }

  /** Whether the run lists {@code s} as fixed. */
  static boolean wasFixed(FixRun run, Site s) {
    return run.result().applied().stream()
        .anyMatch(
            a ->
                a.line() == s.line()
                    && a.change() == s.change()
                    && java.util.Objects.equals(a.cell(), s.cell()));
  }

  /** Plans the fixes of {@code c}'s sites on {@code content} (lines mapped by {@code shift}). */
  static FixRun run(Path repo, Case c, byte[] content, java.util.function.IntUnaryOperator shift)
      throws IOException {
    return new FixEngine(PlannerOnly.ACCEPT_ALL)
        .plan(
            repoWith(repo, c, content),
            report(c.changes(), c.file(), sites(c, content, shift, true)));
  }

  /** The file's content after the run (the input when nothing changed). */
  static byte[] after(FixRun run, byte[] input) {
    return run.changes().isEmpty() ? input : run.changes().get(0).after();
  }

  /** Writes {@code content} as the case's file under a fresh repo dir and returns the dir. */
  static Path repoWith(Path tmp, Case c, byte[] content) throws IOException {
    Path file = tmp.resolve(c.file());
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return tmp;
  }
}
