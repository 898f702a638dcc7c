package nautilus.autoupdate.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.impact.AffectedFile;
import nautilus.autoupdate.impact.Certainty;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.MatchKind;
import nautilus.autoupdate.impact.Recommendation;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.impact.Site;
import nautilus.autoupdate.impact.TestReport;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixEngineTest {
  @TempDir Path repo;

  private static BreakingChange rename(String old, String neu) {
    return new BreakingChange(
        Version.parse("1.221.0"),
        "Renamed `" + old + "` to `" + neu + "`",
        ChangeKind.RENAME,
        ChangeScope.PYTHON,
        List.of(old),
        List.of(neu),
        true,
        null,
        "releases-md");
  }

  private static Site site(int line, int column, MatchKind kind, int change) {
    return new Site(line, column, null, "", kind, Certainty.CERTAIN, change, null, null);
  }

  private static ImpactReport report(List<BreakingChange> changes, AffectedFile... files) {
    return TestReport.of("1.221.0", "1.220.0")
        .changes(changes)
        .files(List.of(files))
        .lines(1)
        .score(50)
        .recommendation(Recommendation.MANUAL)
        .generatedAt(Instant.EPOCH)
        .build();
  }

  private FixRun plan(ImpactReport report) {
    return new FixEngine(PlannerOnly.ACCEPT_ALL).plan(repo, report);
  }

  @Test
  void anEditThatWouldBreakTheParseIsNotMade() throws Exception {
    Files.writeString(repo.resolve("a.py"), "x = obj.foo\n");
    FixRun run =
        plan(
            report(
                List.of(rename("Thing.foo", "Thing.class")),
                new AffectedFile(
                    "a.py", Severity.HIGH, List.of(site(1, 9, MatchKind.ATTRIBUTE, 0)))));
    assertThat(run.changes()).isEmpty();
    assertThat(run.result().skipped())
        .singleElement()
        .extracting(FixResult.Skipped::reason)
        .asString()
        .contains("parse error");
  }

  @Test
  void whenTheRecheckStillFindsASiteTheFileIsLeftAlone() throws Exception {
    Files.writeString(repo.resolve("a.py"), "x = obj.foo\n");
    Recheck stubborn = (root, edited, fixed, changes) -> fixed;
    FixRun run =
        new FixEngine(stubborn, PlannerOnly.ACCEPT_ALL)
            .plan(
                repo,
                report(
                    List.of(rename("Thing.foo", "Thing.bar")),
                    new AffectedFile(
                        "a.py", Severity.HIGH, List.of(site(1, 9, MatchKind.ATTRIBUTE, 0)))));
    assertThat(run.changes()).isEmpty();
    assertThat(run.result().skipped().get(0).reason()).contains("re-analysis still finds");
    assertThat(run.result().filesChanged()).isZero();
  }

  @Test
  void pathsOutsideTheRepoMissingFilesAndNonUtf8AreSkipped() throws Exception {
    Files.write(
        repo.resolve("latin1.py"),
        "x = obj.foo  # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    FixRun run =
        plan(
            report(
                List.of(rename("Thing.foo", "Thing.bar")),
                new AffectedFile(
                    "../outside.py", Severity.HIGH, List.of(site(1, 1, MatchKind.NAME, 0))),
                new AffectedFile("gone.py", Severity.HIGH, List.of(site(1, 1, MatchKind.NAME, 0))),
                new AffectedFile(
                    "latin1.py", Severity.HIGH, List.of(site(1, 9, MatchKind.ATTRIBUTE, 0)))));
    assertThat(run.changes()).isEmpty();
    assertThat(run.result().skipped())
        .extracting(FixResult.Skipped::reason)
        .containsExactly(
            "the path leaves the repository",
            "the file no longer exists",
            "the file is not UTF-8 text");
  }

  @Test
  void sitesOfUnknownOrNonMechanicalChangesAreSkippedWithReasons() throws Exception {
    Files.writeString(repo.resolve("a.py"), "x = obj.foo\ny = obj.foo\nz = obj.foo\n");
    BreakingChange behavior =
        new BreakingChange(
            Version.parse("1.221.0"),
            "Changed `Thing.foo` semantics",
            ChangeKind.BEHAVIOR,
            ChangeScope.PYTHON,
            List.of("Thing.foo"),
            List.of(),
            false,
            null,
            "releases-md");
    BreakingChange noReplacement =
        new BreakingChange(
            Version.parse("1.221.0"),
            "Removed `Thing.foo`",
            ChangeKind.REMOVE,
            ChangeScope.PYTHON,
            List.of("Thing.foo"),
            List.of(),
            true,
            null,
            "releases-md");
    FixRun run =
        plan(
            report(
                List.of(behavior, noReplacement),
                new AffectedFile(
                    "a.py",
                    Severity.HIGH,
                    List.of(
                        site(1, 9, MatchKind.ATTRIBUTE, 0),
                        site(2, 9, MatchKind.ATTRIBUTE, 1),
                        site(3, 9, MatchKind.ATTRIBUTE, 7)))));
    assertThat(run.result().skipped())
        .extracting(FixResult.Skipped::reason)
        .containsExactly(
            "a behavior change is not a mechanical rewrite",
            "the note names no replacement",
            "the site names change #7, which the report does not have");
  }

  @Test
  void writeReplacesFilesAtomicallyKeepingPermissions() throws Exception {
    Path file = repo.resolve("run.py");
    Files.writeString(file, "x = obj.foo\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
    FixRun run =
        plan(
            report(
                List.of(rename("Thing.foo", "Thing.bar")),
                new AffectedFile(
                    "run.py", Severity.HIGH, List.of(site(1, 9, MatchKind.ATTRIBUTE, 0)))));
    FixEngine.write(repo, run);
    assertThat(Files.readString(file)).isEqualTo("x = obj.bar\n");
    assertThat(FixEngine.permissions(file)).isEqualTo("rwxr-x---");
    try (var files = Files.list(repo)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void writeIntoAMissingFolderIsAUserError() {
    FixRun run =
        new FixRun(
            new FixResult(List.of(), List.of(), 1),
            List.of(new FileChange("nope/a.py", new byte[0], new byte[] {'x'})));
    assertThatThrownBy(() -> FixEngine.write(repo, run))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("nope/a.py");
  }

  @Test
  void aMalformedNotebookIsSkippedWithWhere() throws Exception {
    Files.writeString(
        repo.resolve("n.ipynb"),
        "{\n \"cells\": [\n  {\"cell_type\": \"code\", \"source\": [\"x\"\n");
    FixRun run =
        plan(
            report(
                List.of(rename("Thing.foo", "Thing.bar")),
                new AffectedFile(
                    "n.ipynb",
                    Severity.HIGH,
                    List.of(
                        new Site(
                            1, 1, 0, "x", MatchKind.NAME, Certainty.CERTAIN, 0, null, null)))));
    assertThat(run.result().skipped().get(0).reason())
        .startsWith("not a valid notebook")
        .contains("line");
  }
}
