package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.api.ApiChange;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.report.ReportFile;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade that starts on a nightly or pre-release of a release takes that release's notes as
 * review items: the section lists the whole cycle, part of which the start already holds. Notes
 * from the shared RELEASES.md; the 1.222.0 note "Removed `prob_fill_on_stop` parameter from
 * `FillModel`" reaches the call below.
 */
class PartialNotesTest {
  static final Path RELEASES = CliRunner.shared().resolve("data/nautilus/RELEASES.md");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-11T12:00:00Z"), ZoneOffset.UTC);
  static final String NOTE = "Removed `prob_fill_on_stop` parameter from `FillModel`";

  @TempDir Path repo;

  @BeforeEach
  void tree() {
    GitRepos.write(
        repo.resolve("strategy/fills.py"),
        "from nautilus_trader.backtest.models import FillModel\n\n"
            + "model = FillModel(prob_fill_on_limit=0.2, prob_fill_on_stop=0.5)\n");
  }

  ImpactReport check(String from, String to, ApiDiffSource diff) {
    ImpactAnalyzer.Request req =
        new ImpactAnalyzer.Request(
            repo,
            AutoUpdateConfig.defaults(),
            new ReleasesMdSource(RELEASES),
            Optional.of(Version.parse(from)),
            Optional.of(Version.parse(to)),
            Optional.empty(),
            diff);
    return ImpactAnalyzer.standard(CLOCK).withoutParseCache().analyze(req).report().orElseThrow();
  }

  static List<String> breaks(ImpactReport r) {
    return r.affectedFiles().stream()
        .flatMap(
            f ->
                f.sites().stream()
                    .filter(s -> r.breakingChanges().get(s.change()).text().contains(NOTE))
                    .map(s -> f.path() + ":" + s.line()))
        .toList();
  }

  static Optional<Review> review(ImpactReport r) {
    return r.reviews().stream()
        .filter(v -> r.breakingChanges().get(v.change()).text().contains(NOTE))
        .findFirst();
  }

  @Test
  void fromAFinalReleaseTheNoteIsABreak() {
    ImpactReport r = check("1.221.0", "1.222.0", null);
    assertThat(breaks(r)).containsExactly("strategy/fills.py:3");
    assertThat(review(r)).isEmpty();
  }

  @Test
  void nightlyToNightlyAndNightlyToFinalInOneCycleGiveAReviewThatSaysWhy() {
    for (String to : List.of("1.222.0a20251229", "1.222.0")) {
      ImpactReport r = check("1.222.0a20251210", to, null);
      assertThat(breaks(r)).as(to).isEmpty();
      Review v = review(r).orElseThrow();
      assertThat(v.uses()).extracting(Review.Use::line).containsExactly(3);
      assertThat(v.why())
          .isEqualTo(
              "notes of 1.222.0 only partly apply: from 1.222.0a20251210 is a nightly of that"
                  + " release (what changed before it is already in it)");
    }
    // The saved report keeps why (fix and update read it back).
    ImpactReport r = check("1.222.0a20251210", "1.222.0", null);
    Path state = repo.resolve(".state");
    ReportFile.write(state, r);
    assertThat(ReportFile.read(state).reviews()).isEqualTo(r.reviews());
    // A release candidate is a pre-release of its release just the same.
    assertThat(breaks(check("1.222.0rc1", "1.222.0", null))).isEmpty();
  }

  @Test
  void aBreakTheApiDiffConfirmsStaysABreakWithItsEvidence() {
    // As ApiDiff words it: the diff of both versions' models shows the parameter is gone.
    BreakingChange found =
        new BreakingChange(
            Version.parse("1.222.0a20251229"),
            "Parameter `prob_fill_on_stop` of `FillModel` was removed",
            ChangeKind.SIGNATURE,
            ChangeScope.PYTHON,
            List.of("FillModel"),
            null,
            false,
            null,
            "api-diff");
    ApiChange removed =
        new ApiChange(
            found,
            ApiChange.Type.PARAMETER_REMOVED,
            "nautilus_trader.backtest.models: FillModel(prob_fill_on_limit, prob_fill_on_stop)"
                + " -> (prob_fill_on_limit)",
            false,
            null);
    ApiDiffSource diff =
        (pkg, from, to) -> new ApiDiffSource.Found(List.of(removed), List.of(), null);

    ImpactReport r = check("1.222.0a20251210", "1.222.0a20251229", diff);

    assertThat(breaks(r)).containsExactly("strategy/fills.py:3");
    Site s = r.affectedFiles().get(0).sites().get(0);
    assertThat(s.evidence()).startsWith("the API diff agrees: ").contains("prob_fill_on_stop");
    assertThat(review(r)).isEmpty();
  }
}
