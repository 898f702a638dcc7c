package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.code.UseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge on the small 1.220.0 and 1.221.0 trees: a note site whose use resolves the same on both
 * is cleared and recorded; a use that breaks, a call whose signature changed, an owner of unknown
 * type and the diff's own sites stay.
 */
class ModelJudgeTest {
  static final String CODE =
      """
      from nautilus_trader.config import InstrumentProviderConfig
      from nautilus_trader.model.enums import AssetClass
      from nautilus_trader.trading.strategy import Strategy

      KIND = AssetClass.BOND
      CFG = InstrumentProviderConfig(load_all=True)


      class S(Strategy):
          def on_start(self):
              self.request_bars("b", start=1)
              thing.load_all
      """;

  @TempDir Path repo;

  private final ApiModel old = TestModels.model("1.220.0");
  private final ApiModel neu = TestModels.model("1.221.0");

  @Test
  void clearsOnlyWhatBothModelsShowUnchanged() throws Exception {
    Files.writeString(repo.resolve("s.py"), CODE);
    CodeBase code = new CodeScanner(1).scan(repo, List.of("."), "nautilus_trader", null);
    // One note site per use the notes could reach (changes 0-1), and one of the diff (change 2).
    List<Site> sites = new ArrayList<>();
    for (Use u : code.files().get(0).uses()) {
      boolean wanted =
          switch (u.kind()) {
            case IMPORT -> u.at().line() == 1 || u.at().line() == 2;
            case ATTRIBUTE, CALL -> true;
            default -> false;
          };
      if (wanted) {
        sites.add(site(u, 0));
      }
    }
    Use importLine = code.files().get(0).uses().get(0);
    sites.add(site(importLine, 2));
    ImpactMatcher.MatchResult found =
        new ImpactMatcher.MatchResult(
            List.of(new AffectedFile("s.py", Severity.HIGH, sites)), List.of());

    ModelJudge.Judged j = ModelJudge.judge(found, 2, code, old, neu);

    assertThat(j.cleared())
        .extracting(c -> c.line() + " " + c.change())
        // The import of AssetClass is fine on both; only its BOND member is gone.
        .containsExactlyInAnyOrder("1 0", "2 0", "6 0");
    assertThat(j.cleared())
        .filteredOn(c -> c.line() == 6)
        .singleElement()
        .extracting(ApiDiffSummary.Cleared::why)
        .asString()
        .startsWith("resolves the same on 1.220.0 and 1.221.0: ")
        .contains("keyword `load_all=`");
    List<String> kept =
        j.found().affectedFiles().get(0).sites().stream()
            .map(s -> s.line() + " " + s.change())
            .toList();
    // AssetClass.BOND is gone in 1.221.0; request_bars' `start` became required; `thing` is of
    // unknown type; the diff's own site is never judged.
    assertThat(kept).contains("5 0", "11 0", "1 2").doesNotContain("1 0", "2 0", "6 0");
    assertThat(kept).anyMatch(s -> s.startsWith("12 "));
    // Nothing vanishes: every site is kept or recorded.
    assertThat(kept.size() + j.cleared().size()).isEqualTo(sites.size());
  }

  @Test
  void aFileWhoseSitesAreAllClearedLeavesTheReport() throws Exception {
    Files.writeString(
        repo.resolve("s.py"), "from nautilus_trader.config import InstrumentProviderConfig\n");
    CodeBase code = new CodeScanner(1).scan(repo, List.of("."), "nautilus_trader", null);
    Use u = code.files().get(0).uses().get(0);
    ImpactMatcher.MatchResult found =
        new ImpactMatcher.MatchResult(
            List.of(new AffectedFile("s.py", Severity.CRITICAL, List.of(site(u, 0)))), List.of());
    ModelJudge.Judged j = ModelJudge.judge(found, 1, code, old, neu);
    assertThat(j.found().affectedFiles()).isEmpty();
    assertThat(j.cleared())
        .singleElement()
        .extracting(ApiDiffSummary.Cleared::path)
        .isEqualTo("s.py");
    // A site of the diff's own changes (index >= the note count) is never judged.
    assertThat(ModelJudge.judge(found, 0, code, old, neu).cleared()).isEmpty();
  }

  @Test
  void aKeywordThatBindsOnBothIsClearedThoughTheRestOfTheSignatureChanged() throws Exception {
    Files.writeString(repo.resolve("s.py"), CODE);
    CodeBase code = new CodeScanner(1).scan(repo, List.of("."), "nautilus_trader", null);
    Use requestBars =
        code.files().get(0).uses().stream()
            .filter(u -> u.kind() == UseKind.CALL && u.target().endsWith(".request_bars"))
            .findFirst()
            .orElseThrow();
    var start = requestBars.kwargs().get(0).at();
    Site atKeyword =
        new Site(
            start.line(),
            start.column(),
            start.cell(),
            start.lineText(),
            MatchKind.KWARG,
            Certainty.CERTAIN,
            0,
            null,
            null);
    ImpactMatcher.MatchResult found =
        new ImpactMatcher.MatchResult(
            List.of(
                new AffectedFile("s.py", Severity.HIGH, List.of(site(requestBars, 0), atKeyword))),
            List.of());

    ModelJudge.Judged j = ModelJudge.judge(found, 1, code, old, neu);

    // `start` became required on 1.221.0: the call is judged on its whole signature and stays,
    // while passing `start=` binds on both versions.
    assertThat(j.cleared())
        .singleElement()
        .extracting(ApiDiffSummary.Cleared::why)
        .asString()
        .contains("keyword `start=`");
    assertThat(j.found().affectedFiles().get(0).sites())
        .extracting(Site::column)
        .containsExactly(requestBars.at().column());
  }

  @Test
  void aCertainKeywordSiteTheTargetTakesOnlyThroughKwargsIsLeftPossibleAndUnfixed()
      throws Exception {
    Files.writeString(
        repo.resolve("s.py"),
        """
        from nautilus_trader.trading.strategy import Strategy


        class S(Strategy):
            def on_start(self):
                self.request_bars("b", limit=5, end=2)
        """);
    CodeBase code = new CodeScanner(1).scan(repo, List.of("."), "nautilus_trader", null);
    Use call =
        code.files().get(0).uses().stream()
            .filter(u -> u.kind() == UseKind.CALL && u.target().endsWith(".request_bars"))
            .findFirst()
            .orElseThrow();
    // A note renaming `limit` to `count`, and one about `end`: both certain, with a fix.
    List<Site> atKeywords =
        call.kwargs().stream()
            .map(
                k ->
                    new Site(
                        k.at().line(),
                        k.at().column(),
                        k.at().cell(),
                        k.at().lineText(),
                        MatchKind.KWARG,
                        Certainty.CERTAIN,
                        0,
                        k.name().equals("limit") ? "count" : "end_time",
                        null))
            .toList();
    ImpactMatcher.MatchResult found =
        new ImpactMatcher.MatchResult(
            List.of(new AffectedFile("s.py", Severity.HIGH, atKeywords)), List.of());

    for (ModelJudge.Judged j :
        List.of(
            ModelJudge.judge(found, 1, code, old, neu),
            ModelJudge.judgeOnTarget(found, 1, code, neu))) {
      List<Site> kept = j.found().affectedFiles().get(0).sites();
      // `limit=` reaches only `**kwargs` of request_bars: kept, but not proven, and not fixed.
      assertThat(kept)
          .filteredOn(s -> s.column() == atKeywords.get(0).column())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.certainty()).isEqualTo(Certainty.POSSIBLE);
                assertThat(s.fix()).isNull();
                assertThat(s.evidence()).contains("`limit=` binds only through", "(**kwargs)");
              });
      // `end=` binds by name on both versions: the judge clears it instead.
      assertThat(kept).noneMatch(s -> s.column() == atKeywords.get(1).column());
      assertThat(j.cleared()).extracting(ApiDiffSummary.Cleared::why).asString().contains("end=");
    }
  }

  private static Site site(Use u, int change) {
    MatchKind kind = u.kind() == UseKind.IMPORT ? MatchKind.IMPORT : MatchKind.ATTRIBUTE;
    return new Site(
        u.at().line(),
        u.at().column(),
        u.at().cell(),
        u.at().lineText(),
        kind,
        u.resolved() ? Certainty.CERTAIN : Certainty.POSSIBLE,
        change,
        null,
        null);
  }
}
