package nautilus.autoupdate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints how long planning and proving takes for many sites (run with -Dgroups=bench). */
@Tag("bench")
class FixSpeedBench {
  @Test
  void manySitesInLargeFiles(@TempDir Path repo) throws Exception {
    int files = 20;
    int linesPerFile = 5_000;
    List<AffectedFile> affected = new ArrayList<>();
    long bytes = 0;
    for (int f = 0; f < files; f++) {
      StringBuilder src = new StringBuilder("from nautilus_trader.model.enums import AssetClass\n");
      List<Site> sites = new ArrayList<>();
      for (int i = 2; i <= linesPerFile; i++) {
        if (i % 10 == 0) {
          src.append("x").append(i).append(" = AssetClass.BOND  # use\n");
          sites.add(
              new Site(i, 6, null, "", MatchKind.ATTRIBUTE, Certainty.CERTAIN, 0, null, null));
        } else {
          src.append("y").append(i).append(" = 1\n");
        }
      }
      byte[] content = src.toString().getBytes(StandardCharsets.UTF_8);
      bytes += content.length;
      Files.write(repo.resolve("m" + f + ".py"), content);
      affected.add(new AffectedFile("m" + f + ".py", Severity.HIGH, sites));
    }
    ImpactReport report =
        TestReport.of("1.221.0", "1.220.0")
            .changes(
                List.of(
                    new BreakingChange(
                        Version.parse("1.221.0"),
                        "Renamed `AssetClass.BOND` to `AssetClass.DEBT`",
                        ChangeKind.RENAME,
                        ChangeScope.PYTHON,
                        List.of("AssetClass.BOND"),
                        List.of("AssetClass.DEBT"),
                        true,
                        null,
                        "releases-md")))
            .files(affected)
            .score(0)
            .recommendation(Recommendation.MANUAL)
            .generatedAt(Instant.EPOCH)
            .build();
    long t0 = System.nanoTime();
    FixRun run = new FixEngine(PlannerOnly.ACCEPT_ALL).plan(repo, report);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "fix speed: %d files, %d sites, %.1f MB in %.2f s (%.0f sites/s)%n",
        files,
        run.result().applied().size(),
        bytes / 1e6,
        seconds,
        run.result().applied().size() / seconds);
    assertThat(run.result().applied()).hasSize(files * (linesPerFile / 10));
  }
}
