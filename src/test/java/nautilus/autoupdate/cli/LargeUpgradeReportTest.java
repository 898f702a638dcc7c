package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.report.JsonSchemaCheck;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year of notes (1.200.0 to 1.221.0 of the shared RELEASES.md) on a generated repository of
 * hundreds of files that import the modules those notes move: the text and Markdown reports lead
 * with one group per cause, biggest first, stay short, and the JSON report still has every site.
 */
class LargeUpgradeReportTest {
  static final int FILES = 300;
  static final Path RELEASES = CliRunner.shared().resolve("data/nautilus/RELEASES.md");

  @TempDir static Path wd;
  static Path repo;
  static List<BreakingChange> moves;

  /** path:line of every import the generator wrote. */
  static final Set<String> written = new HashSet<>();

  /** The notes' own module moves in the range, as parsed (not written by hand). */
  static List<BreakingChange> movedModules() {
    Version from = Version.parse("1.200.0");
    Version to = Version.parse("1.221.0");
    List<BreakingChange> out = new ArrayList<>();
    for (Release r : new ReleasesMdSource(RELEASES).releases()) {
      if (r.version().compareTo(from) <= 0 || r.version().compareTo(to) > 0) {
        continue;
      }
      for (BreakingChange c : new NotesParser().parse(r)) {
        if (c.old().size() == 1
            && c.old().get(0).startsWith("nautilus_trader.")
            && c.replacementFor(0) != null
            && c.replacementFor(0).startsWith("nautilus_trader.")) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** An import statement that the change's old name reaches. */
  static String importOf(String old, int k) {
    String last = old.substring(old.lastIndexOf('.') + 1);
    if (old.endsWith(".*")) {
      return "from " + old.substring(0, old.length() - 2) + ".mod" + k + " import Thing" + k;
    }
    if (Character.isUpperCase(last.charAt(0))) {
      return "from " + old.substring(0, old.lastIndexOf('.')) + " import " + last;
    }
    return "from " + old + " import Thing" + k;
  }

  @BeforeAll
  static void generate() throws Exception {
    moves = movedModules();
    assertThat(moves).as("module moves in 1.200.0..1.221.0").hasSizeGreaterThanOrEqualTo(4);
    repo = wd.resolve("big");
    Files.createDirectories(repo.resolve("strategies"));
    Files.writeString(
        repo.resolve("pyproject.toml"),
        "[project]\nname = \"big\"\nversion = \"0.1.0\"\n"
            + "dependencies = [\"nautilus_trader==1.200.0\"]\n\n[tool.nautilus-autoupdate]\n"
            + "releases_md = \""
            + RELEASES.toString().replace("\\", "/")
            + "\"\nsource_dirs = [\"strategies\"]\nstate_dir = \".nautilus-autoupdate\"\n"
            + "model_cache_dir = \""
            + wd.resolve("models").toString().replace("\\", "/")
            + "\"\n");
    // File i uses move j when i % (j + 1) == 0: group sizes fall with j, as in real code.
    for (int i = 0; i < FILES; i++) {
      StringBuilder src = new StringBuilder("\"\"\"Generated strategy " + i + ".\"\"\"\n");
      int line = 1;
      for (int j = 0; j < moves.size(); j++) {
        if (i % (j + 1) == 0) {
          src.append(importOf(moves.get(j).old().get(0), j)).append('\n');
          line++;
          written.add("strategies/s" + i + ".py:" + line);
        }
      }
      src.append("\n\ndef run():\n    return ").append(i).append('\n');
      Files.writeString(repo.resolve("strategies/s" + i + ".py"), src.toString());
    }
  }

  CliRunner.Result check(String format) {
    return CliRunner.run(
        wd,
        "check",
        "--repo",
        "big",
        "--from",
        "1.200.0",
        "--to",
        "1.221.0",
        "--offline",
        "--format",
        format);
  }

  @Test
  void jsonKeepsEverySiteAndGroupsThemBySize() throws Exception {
    var r = check("json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    JsonNode json = Json.mapper().readTree(r.out());
    JsonNode schema =
        Json.mapper().readTree(Files.readString(Path.of("docs/impact-report.schema.json")));
    assertThat(new JsonSchemaCheck(schema).violations(json)).isEmpty();

    Set<String> found = new HashSet<>();
    int sites = 0;
    for (JsonNode f : json.get("affected_files")) {
      for (JsonNode s : f.get("sites")) {
        found.add(f.get("path").asText() + ":" + s.get("line").asInt());
        sites++;
      }
    }
    assertThat(json.get("affected_files")).hasSize(FILES);
    assertThat(found).as("every generated import is a site").containsAll(written);

    int grouped = 0;
    int previous = Integer.MAX_VALUE;
    for (JsonNode g : json.get("groups")) {
      int n = g.get("sites").asInt();
      assertThat(n).as("groups biggest first").isLessThanOrEqualTo(previous);
      previous = n;
      grouped += n;
      assertThat(g.get("examples").size()).isBetween(1, 3);
    }
    assertThat(grouped).as("no site lost by grouping").isEqualTo(sites);
    for (BreakingChange move : moves) {
      JsonNode g = groupOf(json, move.text());
      assertThat(g).as(move.text()).isNotNull();
      assertThat(g.get("replacement").asText()).isEqualTo(move.replacementFor(0));
    }
  }

  @Test
  void theTextReportLeadsWithTheGroupsAndStaysShort() throws Exception {
    JsonNode json = Json.mapper().readTree(check("json").out());
    var r = check("text");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    String out = r.out();
    int sites = 0;
    for (JsonNode f : json.get("affected_files")) {
      sites += f.get("sites").size();
    }
    assertThat(sites).isGreaterThan(FILES);
    long lines = out.lines().count();
    assertThat(lines).as("a bounded report, not one line per site").isLessThan(200);
    assertThat(out).contains("… and " + (FILES - 10) + " more files, see the JSON report");

    // The groups come before the per-file detail, in the JSON's order, each with its replacement.
    int at = out.indexOf("By cause, biggest first: ");
    assertThat(at).isPositive().isLessThan(out.indexOf("strategies/s0.py  "));
    for (JsonNode g : json.get("groups")) {
      String head = g.get("sites").asInt() + " sites in " + g.get("files").asInt() + " file";
      int next = out.indexOf(head, at);
      assertThat(next).as(g.get("text").asText()).isGreaterThan(at);
      at = next;
      if (!g.get("replacement").isNull()) {
        assertThat(out.substring(at)).contains("replacement: " + g.get("replacement").asText());
      }
    }
    for (BreakingChange move : moves) {
      assertThat(out).contains("replacement: " + move.replacementFor(0));
    }
  }

  @Test
  void theMarkdownReportHasTheGroupTableAndCapsTheFileList() {
    var r = check("markdown");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(r.out())
        .contains("### Breaks by cause")
        .contains("| Cause | Replacement | Severity | Sites | Files | With a fix | For example |")
        .contains("… and " + (FILES - 10) + " more files, see the JSON report");
    assertThat(r.out().indexOf("### Breaks by cause"))
        .isLessThan(r.out().indexOf("### Affected files"));
    assertThat(r.out().lines().count()).isLessThan(400);
  }

  static JsonNode groupOf(JsonNode json, String text) {
    for (JsonNode g : json.get("groups")) {
      if (g.get("text").asText().equals(text)) {
        return g;
      }
    }
    return null;
  }
}
