package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Examples;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.report.JsonSchemaCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code check} could not read never makes an update look safer: each case through the real
 * command on a copy of the demo repo, compared with the same repo without the damage.
 */
class FailClosedCheckTest {
  private static final String IMPORT =
      "from nautilus_trader.analysis.statistics.win_rate import WinRate\n";

  @TempDir Path wd;
  Path demo;

  @BeforeEach
  void copyDemo() throws IOException {
    Examples.copyTo(wd);
    demo = wd.resolve("examples/demo-strategy");
  }

  /** check --to 1.221.0 --offline on the demo copy, in this format, with more options. */
  String run(String format, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "--repo",
                demo.toString(),
                "--to",
                "1.221.0",
                "--offline",
                "--format",
                format));
    args.addAll(List.of(extra));
    CliRunner.Result r = CliRunner.run(wd, args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UPDATE_AVAILABLE);
    assertThat(r.err()).isEmpty();
    return r.out();
  }

  JsonNode check(String... extra) throws IOException {
    JsonNode json = Json.mapper().readTree(run("json", extra));
    JsonNode schema =
        Json.mapper().readTree(Files.readString(Path.of("docs/impact-report.schema.json")));
    assertThat(new JsonSchemaCheck(schema).violations(json)).isEmpty();
    return json;
  }

  static JsonNode unread(JsonNode report, String path) {
    for (JsonNode u : report.get("unread")) {
      if (u.get("path").asText().equals(path)) {
        return u;
      }
    }
    throw new AssertionError("not unread: " + path + " in " + report.get("unread"));
  }

  static List<String> caps(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("caps").forEach(c -> out.add(c.asText()));
    return out;
  }

  static List<String> files(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("affected_files").forEach(f -> out.add(f.get("path").asText()));
    return out;
  }

  /**
   * A copy of the project kept inside it (its own pyproject.toml) is another project: not scanned,
   * named in unread, and no cap (it is not our code that went unread).
   */
  @Test
  void aNestedCopyOfTheProjectIsNotScannedAndIsNamedInUnread() throws IOException {
    JsonNode alone = check();
    assertThat(files(alone)).isNotEmpty();

    // The copy sits inside a source dir (demo/), with the project's own pyproject.toml.
    GitRepos.copyTree(demo.resolve("demo"), wd.resolve("copy/demo"));
    Files.copy(demo.resolve("pyproject.toml"), wd.resolve("copy/pyproject.toml"));
    Files.move(wd.resolve("copy"), demo.resolve("demo/public-repo"));
    JsonNode withCopy = check();

    assertThat(files(withCopy)).isEqualTo(files(alone));
    assertThat(withCopy.get("recommendation")).isEqualTo(alone.get("recommendation"));
    assertThat(withCopy.get("unread")).hasSize(1);
    JsonNode u = withCopy.get("unread").get(0);
    assertThat(u.get("path").asText()).isEqualTo("demo/public-repo/");
    assertThat(u.get("reason").asText()).contains("separate project").contains("pyproject.toml");
    assertThat(u.get("may_use_package").asBoolean()).isFalse();
    assertThat(caps(withCopy)).isEqualTo(caps(alone));
    assertThat(run("text"))
        .contains("Not read in full:\n  - demo/public-repo/: a separate project (its own");

    // Named in source_dirs, the copy is scanned as ours: its files are reported too.
    Path py = demo.resolve("pyproject.toml");
    String text = Files.readString(py);
    String dirs = "source_dirs = [\"demo\", \"notebooks\", \"config\", \"tests\"]";
    assertThat(text).contains(dirs);
    Files.writeString(py, text.replace(dirs, "source_dirs = [\"demo\", \"demo/public-repo\"]"));
    assertThat(files(check())).anyMatch(p -> p.startsWith("demo/public-repo/"));
  }

  @Test
  void excludeLeavesOutWhatItNames() throws IOException {
    List<String> all = files(check());
    String first = all.get(0);
    setKey("exclude = [\"" + first + "\"]");
    assertThat(files(check())).isEqualTo(all.subList(1, all.size()));
  }

  /** Sets one key in the demo's own [tool.nautilus-autoupdate] table. */
  private void setKey(String line) throws IOException {
    Path py = demo.resolve("pyproject.toml");
    String text = Files.readString(py);
    assertThat(text).contains("[tool.nautilus-autoupdate]\n");
    Files.writeString(
        py,
        text.replace("[tool.nautilus-autoupdate]\n", "[tool.nautilus-autoupdate]\n" + line + "\n"));
  }

  /** Leaves the notebook as the only file holding a breaking site. */
  void onlyTheNotebookBreaks() throws IOException {
    Path perf = demo.resolve("demo/analysis/performance.py");
    Files.writeString(
        perf,
        Files.readString(perf)
            .replace("from nautilus_trader.analysis.statistics.expectancy import Expectancy\n", "")
            .replace(IMPORT, ""));
  }

  @Test
  void theUndamagedDemoIsCappedOnlyForWantOfAnApiDiff() throws IOException {
    JsonNode r = check();
    assertThat(r.get("unread")).isEmpty();
    assertThat(caps(r)).singleElement().asString().startsWith("delayed: no API diff: ");
    assertThat(r.get("recommendation").asText()).isEqualTo("delayed");
    // The score alone would merge it by itself: only the missing diff holds it back.
    assertThat(r.get("confidence_score").asInt())
        .isGreaterThanOrEqualTo(AutoUpdateConfig.defaults().autoMergeThreshold());
  }

  @Test
  void aBrokenNotebookHoldingTheOnlyBreakingSiteIsNamedAndNotRecommendedAuto() throws IOException {
    onlyTheNotebookBreaks();
    JsonNode intact = check();
    assertThat(intact.get("affected_files")).hasSize(1);
    assertThat(intact.get("recommendation").asText()).isNotEqualTo("manual");

    Path nb = demo.resolve("notebooks/research.ipynb");
    String json = Files.readString(nb);
    Files.writeString(nb, json.substring(0, json.length() / 2)); // cut off mid-file
    JsonNode broken = check();
    assertThat(broken.get("affected_files")).isEmpty();
    JsonNode u = unread(broken, "notebooks/research.ipynb");
    assertThat(u.get("reason").asText()).startsWith("not JSON: ");
    assertThat(u.get("may_use_package").asBoolean()).isTrue();
    assertThat(broken.get("recommendation").asText()).isEqualTo("manual");
    assertThat(broken.get("can_auto_update").asBoolean()).isFalse();
    assertThat(caps(broken))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("manual: 1 file or folder that may use nautilus_trader")
                    .contains("notebooks/research.ipynb"));
    assertThat(run("text"))
        .contains("capped at manual: 1 file or folder")
        .contains("Not read in full:\n  - notebooks/research.ipynb: not JSON: ")
        .contains("No breaking change reaches the code that was read.");
    assertThat(run("markdown"))
        .contains("| Capped at | manual\\: 1 file or folder")
        .contains("### Not read in full")
        .contains("| `notebooks/research.ipynb` | not JSON\\: ");
  }

  @Test
  void notebooksWithBadCellsOrDeepNestingAreUnread() throws IOException {
    // Each names what the breaking change is about (a scan reads in full only such files).
    String use = "\"" + IMPORT.strip() + "\\n\"";
    Files.writeString(
        demo.resolve("notebooks/cells.ipynb"),
        "{\"cells\": [{\"cell_type\": \"code\", \"source\": 42}, 7,"
            + " {\"cell_type\": \"code\", \"source\": ["
            + use
            + "]}]}");
    Files.writeString(
        demo.resolve("notebooks/deep.ipynb"),
        "{\"cells\": " + "[".repeat(5000) + "]".repeat(5000) + ", \"x\": " + use + "}");
    Files.writeString(demo.resolve("notebooks/nocells.ipynb"), "{\"cells\": {\"x\": " + use + "}}");
    JsonNode r = check();
    assertThat(unread(r, "notebooks/cells.ipynb").get("reason").asText())
        .isEqualTo("cell 0: source is not text; cell 1 is not an object");
    assertThat(unread(r, "notebooks/deep.ipynb").get("reason").asText())
        .startsWith("not JSON: ")
        .containsIgnoringCase("nesting depth");
    assertThat(unread(r, "notebooks/nocells.ipynb").get("reason").asText())
        .isEqualTo("not a notebook: no list of cells");
    assertThat(r.get("recommendation").asText()).isEqualTo("manual");
    // The readable notebook's site is still found.
    assertThat(r.get("affected_files").toString()).contains("notebooks/research.ipynb");
  }

  @Test
  void aNonUtf8StringLiteralNoLongerAbortsTheAnalysisAndIsNamed() throws IOException {
    // Before: "unexpected StringIndexOutOfBoundsException", no file named.
    byte[] bytes =
        ("x = \"\u00e9\u00e9\"\n" + IMPORT + "y = WinRate()\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(demo.resolve("demo/latin1.py"), bytes);
    JsonNode r = check();
    JsonNode u = unread(r, "demo/latin1.py");
    assertThat(u.get("reason").asText())
        .isEqualTo("not valid UTF-8 (byte 5): read with replacement characters");
    // Read with replacement characters: its import is still found, on the right line.
    JsonNode file = null;
    for (JsonNode f : r.get("affected_files")) {
      if (f.get("path").asText().equals("demo/latin1.py")) {
        file = f;
      }
    }
    assertThat(file).as("demo/latin1.py among %s", r.get("affected_files")).isNotNull();
    assertThat(file.at("/sites/0/line").asInt()).isEqualTo(2);
    assertThat(file.at("/sites/0/code").asText()).isEqualTo(IMPORT.strip());
    assertThat(r.get("recommendation").asText()).isEqualTo("manual");
  }

  @Test
  void aFileLargerThanTheCapIsUnreadWithItsSizeAndCapsOnlyIfItNamesThePackage() throws IOException {
    Path pyproject = demo.resolve("pyproject.toml");
    Files.writeString(
        pyproject,
        Files.readString(pyproject)
            .replace(
                "[tool.nautilus-autoupdate]\n",
                "[tool.nautilus-autoupdate]\nmax_source_file_mb = 1\n"));
    String filler = "x = 1  # " + "y".repeat(90) + "\n";
    Files.writeString(demo.resolve("demo/big_plain.py"), filler.repeat(15_000));
    JsonNode quiet = check();
    JsonNode plain = unread(quiet, "demo/big_plain.py");
    assertThat(plain.get("reason").asText()).isEqualTo("larger than 1 MB (1.4 MB): not read");
    assertThat(plain.get("may_use_package").asBoolean()).isFalse();
    assertThat(quiet.get("recommendation").asText()).isEqualTo("delayed");

    // The name at the very end, past the first chunks the stream reads.
    Files.writeString(demo.resolve("demo/big_use.py"), filler.repeat(15_000) + IMPORT);
    JsonNode r = check();
    assertThat(unread(r, "demo/big_use.py").get("may_use_package").asBoolean()).isTrue();
    assertThat(r.get("recommendation").asText()).isEqualTo("manual");
  }

  @Test
  void aSyntaxErrorInAFileThatNamesThePackageIsNoted() throws IOException {
    Files.writeString(demo.resolve("demo/broken.py"), IMPORT + "def f(:\n    return WinRate(\n");
    Files.writeString(demo.resolve("demo/broken_other.py"), "def g(:\n    pass\n");
    JsonNode r = check();
    assertThat(unread(r, "demo/broken.py").get("reason").asText()).startsWith("syntax errors");
    assertThat(r.get("unread").toString()).doesNotContain("broken_other.py");
    assertThat(r.get("recommendation").asText()).isEqualTo("manual");
  }

  @Test
  void aFolderThatCannotBeOpenedIsUnread() throws IOException {
    Path locked = demo.resolve("demo/locked");
    Files.createDirectories(locked);
    Files.writeString(locked.resolve("strategy.py"), IMPORT);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      // As root every folder stays readable; the git tests below cover that case.
      assumeFalse(Files.isReadable(locked), "running as root: every folder is readable");
      JsonNode r = check();
      JsonNode u = unread(r, "demo/locked/");
      assertThat(u.get("reason").asText()).isEqualTo("cannot read folder: permission denied");
      assertThat(r.get("recommendation").asText()).isEqualTo("manual");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void inAGitRepoAFileThatCannotBeStatedOrReadIsUnread() throws Exception {
    git("init", "-q");
    // A link to itself cannot be opened, whoever runs the scan.
    Files.createSymbolicLink(demo.resolve("demo/loop.py"), Path.of("loop.py"));
    Path mem = Path.of("/proc/self/mem");
    boolean proc = Files.exists(mem);
    if (proc) {
      // Readable by stat, but a read at offset 0 fails (EIO), even for root.
      Files.createSymbolicLink(demo.resolve("demo/mem.py"), mem);
    }
    git("add", "-A");
    JsonNode r = check();
    assertThat(unread(r, "demo/loop.py").get("reason").asText())
        .startsWith("cannot read: too many levels of symbolic links");
    if (proc) {
      assertThat(unread(r, "demo/mem.py").get("reason").asText()).startsWith("cannot read: ");
    }
    assertThat(r.get("recommendation").asText()).isEqualTo("manual");
    // The rest was read as before.
    assertThat(r.get("affected_files")).hasSize(2);
  }

  @Test
  void releaseNotesCutOffInsideTheTargetReleaseCapAtDelayed() throws IOException {
    Path notes = wd.resolve("examples/RELEASES.md");
    String md = Files.readString(notes);
    int start = md.indexOf("# NautilusTrader 1.221.0 Beta");
    int cut = md.indexOf("### Breaking Changes", start);
    assumeTrue(start >= 0 && cut > start);
    Files.writeString(notes, md.substring(0, md.indexOf('\n', cut + 30)));
    JsonNode r = check();
    assertThat(caps(r))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("delayed: ")
                    .contains("the 1.221.0 section has no closing '---'"));
    assertThat(r.get("recommendation").asText()).isIn("delayed", "manual", "blocked");
  }

  @Test
  void anN8nChangelogWithoutBreakingChangesCapsAtDelayed() throws IOException {
    Path changelog = wd.resolve("changelog.json");
    Files.writeString(
        changelog, "{\"stable_version\": \"v1.221.0\", \"timestamp\": \"2025-10-01T00:00:00Z\"}");
    JsonNode r = check("--changelog-json", changelog.toString());
    assertThat(r.get("breaking_changes")).isEmpty();
    assertThat(caps(r))
        .anySatisfy(c -> assertThat(c).contains("has no 'breaking_changes' for 1.221.0"))
        .anySatisfy(
            c -> assertThat(c).startsWith("delayed: the release notes in range say nothing"));
    assertThat(r.get("recommendation").asText()).isNotEqualTo("auto");
  }

  private void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", demo.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
  }
}
