package nautilus.autoupdate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModel;
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

/**
 * The proof on the small 1.221.0 tree: an edit is written only when its code resolves there. The
 * file mixes the wrong Polymarket rename (an import and a keyword that do not exist on the
 * target) with two right fixes.
 */
class ModelProofTest {
  private static final String BEFORE =
      "from nautilus_trader.config import InstrumentProviderConfig\n"
          + "from nautilus_trader.adapters.binance.config import BinanceDataClientConfig\n"
          + "from nautilus_trader.analysis.statistics.win_rate import WinRate\n"
          + "from nautilus_trader.model.enums import AssetClass\n"
          + "\n"
          + "CONFIG = BinanceDataClientConfig(instrument_provider=InstrumentProviderConfig())\n"
          + "STATS = [WinRate()]\n"
          + "KIND = AssetClass.BOND\n";

  @TempDir Path repo;

  private static BreakingChange change(ChangeKind kind, String text, String old, String neu) {
    return new BreakingChange(
        Version.parse("1.221.0"),
        text,
        kind,
        ChangeScope.PYTHON,
        List.of(old),
        List.of(neu),
        true,
        null,
        "releases-md");
  }

  private static Site site(int line, int column, String code, MatchKind kind, int change) {
    return new Site(line, column, null, code, kind, Certainty.CERTAIN, change, null, null);
  }

  private ImpactReport report() throws Exception {
    Files.createDirectories(repo.resolve("strategies"));
    Files.writeString(repo.resolve("strategies/binance.py"), BEFORE);
    List<BreakingChange> changes =
        List.of(
            change(
                ChangeKind.RENAME,
                "Use `PolymarketInstrumentProviderConfig` instead of `InstrumentProviderConfig`",
                "nautilus_trader.config.InstrumentProviderConfig",
                "nautilus_trader.config.PolymarketInstrumentProviderConfig"),
            change(
                ChangeKind.RENAME,
                "Renamed `instrument_provider` to `instrument_config`",
                "BinanceDataClientConfig.instrument_provider",
                "BinanceDataClientConfig.instrument_config"),
            change(
                ChangeKind.MOVE,
                "Removed `nautilus_trader.analysis.statistics` subpackage - import from"
                    + " `nautilus_trader.analysis`",
                "nautilus_trader.analysis.statistics",
                "nautilus_trader.analysis"),
            change(
                ChangeKind.RENAME,
                "Renamed `AssetClass.BOND` to `AssetClass.DEBT`",
                "AssetClass.BOND",
                "AssetClass.DEBT"));
    List<Site> sites =
        List.of(
            site(1, 36, "InstrumentProviderConfig", MatchKind.IMPORT, 0),
            site(6, 54, "InstrumentProviderConfig", MatchKind.CALL, 0),
            site(6, 34, "instrument_provider", MatchKind.KWARG, 1),
            site(3, 6, "nautilus_trader.analysis.statistics", MatchKind.IMPORT, 2),
            site(8, 8, "AssetClass.BOND", MatchKind.ATTRIBUTE, 3));
    return TestReport.of("1.221.0", "1.220.0")
        .changes(changes)
        .files(List.of(new AffectedFile("strategies/binance.py", Severity.CRITICAL, sites)))
        .lines(4)
        .score(50)
        .recommendation(Recommendation.MANUAL)
        .generatedAt(Instant.EPOCH)
        .build();
  }

  private static ApiDiffSource models(Optional<ApiModel> model) {
    return new ApiDiffSource() {
      @Override
      public Found diff(String packageName, Version from, Version to) {
        return Found.none("not asked");
      }

      @Override
      public Optional<ApiModel> model(String packageName, Version version) {
        return model.filter(m -> m.version().equals(version.toString()));
      }

      @Override
      public String noModel(String packageName, Version version) {
        return "no cached API model of " + packageName + " " + version;
      }
    };
  }

  private FixRun plan(Optional<ApiModel> model) throws Exception {
    ImpactReport report = report();
    return new FixEngine(new ModelProof(models(model), "nautilus_trader", List.of(".")))
        .plan(repo, report);
  }

  @Test
  void onlyEditsWhoseCodeResolvesOnTheTargetAreWritten() throws Exception {
    // Unproven, the planner writes the wrong rename and keyword too (the 16 of 18).
    FixRun unproven = new FixEngine(PlannerOnly.ACCEPT_ALL).plan(repo, report());
    assertThat(
            new String(unproven.changes().get(0).after(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("PolymarketInstrumentProviderConfig", "instrument_config=");
    FixRun run = plan(Optional.of(TestModels.model("1.221.0")));
    String after =
        new String(run.changes().get(0).after(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(after)
        .contains("from nautilus_trader.analysis import WinRate\n")
        .contains("KIND = AssetClass.DEBT\n")
        // The wrong rename and keyword are not written: the file keeps what works.
        .contains("from nautilus_trader.config import InstrumentProviderConfig\n")
        .contains("BinanceDataClientConfig(instrument_provider=InstrumentProviderConfig())")
        .doesNotContain("Polymarket")
        .doesNotContain("instrument_config");
    assertThat(run.result().applied())
        .extracting(FixResult.Applied::change)
        .containsExactlyInAnyOrder(2, 3);
    assertThat(run.result().skipped())
        .extracting(FixResult.Skipped::change, FixResult.Skipped::reason)
        .anySatisfy(
            t -> {
              assertThat(t.toList().get(0)).isEqualTo(0);
              assertThat((String) t.toList().get(1))
                  .startsWith(
                      "unproven: from nautilus_trader.config import"
                          + " PolymarketInstrumentProviderConfig: ")
                  .contains("has no name `PolymarketInstrumentProviderConfig`");
            })
        .anySatisfy(
            t -> {
              assertThat(t.toList().get(0)).isEqualTo(1);
              assertThat((String) t.toList().get(1))
                  .startsWith("unproven: keyword `instrument_config=`")
                  .contains("takes no keyword `instrument_config`");
            });
    // Every site is accounted for.
    assertThat(run.result().applied().size() + run.result().skipped().size()).isEqualTo(5);
  }

  @Test
  void withoutAModelNothingIsWrittenAndTheSitesSayWhy() throws Exception {
    FixRun run = plan(Optional.empty());
    assertThat(run.changes()).isEmpty();
    assertThat(run.result().applied()).isEmpty();
    assertThat(run.result().skipped())
        .extracting(FixResult.Skipped::reason)
        .filteredOn(r -> r.startsWith("unproven: no cached API model of nautilus_trader 1.221.0"))
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aModelOfAnotherVersionDoesNotCount() throws Exception {
    // The model source is asked for the report's target version only.
    FixRun run = plan(Optional.of(ApiModel.of(relabeled("1.220.0"))));
    assertThat(run.changes()).isEmpty();
  }

  private static nautilus.autoupdate.api.ApiSnapshot relabeled(String version) {
    var s = TestModels.snapshot("1.221.0");
    return new nautilus.autoupdate.api.ApiSnapshot(
        s.packageName(), version, s.format(), s.sources(), s.skipped(), s.modules());
  }

  @Test
  void claimsTheCodeMadeBeforeTheEditAreNotTheEditsDoing() throws Exception {
    // A use that fails on the target but was there before is not blamed on an edit.
    Files.createDirectories(repo.resolve("strategies"));
    String before =
        "from nautilus_trader.model.enums import AssetClass\n"
            + "from nautilus_trader.trading.strategy import Strategy\n"
            + "\n"
            + "KIND = AssetClass.BOND\n"
            + "Strategy.gone_method()\n";
    Files.writeString(repo.resolve("strategies/s.py"), before);
    Proof.Verdict v = proveEdit(before, before.replace("AssetClass.BOND", "AssetClass.DEBT"));
    assertThat(v.proven()).as(v.toString()).isTrue();
    Proof.Verdict w = proveEdit(before, before.replace("AssetClass.BOND", "AssetClass.BONDS"));
    assertThat(w.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.line()).isEqualTo(4);
              assertThat(f.why()).contains("AssetClass has no member `BONDS`");
            });
  }

  @Test
  void aBrokenNameKeptOnALineTheEditWroteFailsTheEdit() throws Exception {
    // The fixer merging a fixed name into an import that is itself broken on the target
    // (`from nautilus_trader.core import nautilus_pyo3, UUID4` on 2.0.0rc7) writes a line that does
    // not resolve; the same broken import left untouched elsewhere is not the edit's doing.
    Files.createDirectories(repo.resolve("strategies"));
    String before =
        "from nautilus_trader.analysis.statistics.win_rate import WinRate\n"
            + "from nautilus_trader.model.enums import AssetClass\n";
    Files.writeString(repo.resolve("strategies/s.py"), before);
    String merged =
        "from nautilus_trader.analysis.statistics.win_rate import WinRate, AssetClass\n";
    Proof.Verdict v = proveEdit(before, merged);
    assertThat(v.failures())
        .extracting(Proof.Failure::line, Proof.Failure::claim)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                1, "from nautilus_trader.analysis.statistics.win_rate import WinRate"));
    String untouched = before + "KIND = AssetClass.DEBT\n";
    assertThat(proveEdit(before, untouched).proven()).isTrue();
  }

  private Proof.Verdict proveEdit(String before, String after) throws Exception {
    return new ModelProof(
            models(Optional.of(TestModels.model("1.221.0"))), "nautilus_trader", List.of("."))
        .prove(
            repo,
            report(),
            List.of(
                new FileChange(
                    "strategies/s.py",
                    before.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    after.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }
}
