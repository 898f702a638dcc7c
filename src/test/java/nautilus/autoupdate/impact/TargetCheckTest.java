package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.code.UseKind;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.ReleasesMdSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target's model alone, on the small 1.221.0 tree: every use that fails there is a certain site
 * with the model's words, whatever the notes say; a class the target defines in one other module is
 * the replacement; what resolves, and a member some class still has, is left alone.
 */
class TargetCheckTest {
  static final String CODE =
      """
      from nautilus_trader.analysis.statistics.win_rate import WinRate
      from nautilus_trader.model.enums import AssetClass
      from nautilus_trader.config import InstrumentProviderConfig
      from nautilus_trader.trading.strategy import Strategy

      STATS = [WinRate()]
      KIND = AssetClass.BOND
      GOOD = AssetClass.DEBT
      CFG = InstrumentProviderConfig(load_all=True, no_such_field=1)


      class S(Strategy):
          def on_start(self, order: Strategy):
              self.request_bars("b", start=1)
              # A member some other class has, in the middle of the chain: the value may be one.
              order.update_raw.real
      """;

  @TempDir Path repo;

  private final ApiModel neu = TestModels.model("1.221.0");

  private TargetCheck.Result check() throws Exception {
    Files.writeString(repo.resolve("s.py"), CODE);
    CodeBase code = new CodeScanner(1).scan(repo, List.of("."), "nautilus_trader", null);
    return TargetCheck.check(
        new ImpactMatcher.MatchResult(List.of(), List.of()), List.of(), code, neu);
  }

  @Test
  void everyUseThatFailsOnTheTargetIsACertainSiteWithTheModelsWords() throws Exception {
    TargetCheck.Result r = check();
    assertThat(r.found().affectedFiles())
        .singleElement()
        .extracting(AffectedFile::path)
        .isEqualTo("s.py");
    List<Site> sites = r.found().affectedFiles().get(0).sites();
    assertThat(sites).extracting(Site::line).containsExactlyInAnyOrder(1, 7, 9);
    assertThat(sites).allMatch(s -> s.certainty() == Certainty.CERTAIN);
    assertThat(sites).allMatch(s -> s.evidence().startsWith("on 1.221.0, "));
    Site kw = sites.stream().filter(s -> s.line() == 9).findFirst().orElseThrow();
    assertThat(kw.match()).isEqualTo(MatchKind.KWARG);
    assertThat(r.changes().get(kw.change()).kind()).isEqualTo(ChangeKind.SIGNATURE);
    assertThat(r.changes().get(kw.change()).old())
        .containsExactly("nautilus_trader.config.InstrumentProviderConfig.no_such_field");
    assertThat(r.changes()).allMatch(c -> c.source().equals("target-model"));
  }

  @Test
  void aClassTheTargetDefinesInOneOtherModuleIsTheReplacementAndItsUsesNeedNoSite()
      throws Exception {
    TargetCheck.Result r = check();
    Site imp =
        r.found().affectedFiles().get(0).sites().stream()
            .filter(s -> s.line() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(r.changes().get(imp.change()).kind()).isEqualTo(ChangeKind.MOVE);
    assertThat(r.changes().get(imp.change()).replacements())
        .containsExactly("nautilus_trader.analysis.win_rate.WinRate");
    assertThat(r.changes().get(imp.change()).autoFixable()).isTrue();
    assertThat(imp.fix()).isEqualTo("from nautilus_trader.analysis.win_rate import WinRate");
    // Line 6 calls WinRate: fixed by the moved import, so it is no site of its own.
    assertThat(r.found().affectedFiles().get(0).sites()).noneMatch(s -> s.line() == 6);
  }

  @Test
  void aNoteSiteIsNotCountedTwice() throws Exception {
    Files.writeString(repo.resolve("s.py"), CODE);
    CodeBase code = new CodeScanner(1).scan(repo, List.of("."), "nautilus_trader", null);
    Use first = code.files().get(0).uses().get(0);
    assertThat(first.kind()).isEqualTo(UseKind.IMPORT);
    Site note =
        new Site(
            first.at().line(),
            first.at().column(),
            null,
            first.at().lineText(),
            MatchKind.IMPORT,
            Certainty.CERTAIN,
            0,
            null,
            null);
    var found =
        new ImpactMatcher.MatchResult(
            List.of(new AffectedFile("s.py", Severity.CRITICAL, List.of(note))), List.of());
    // The note as the parser reads it from the shared RELEASES.md.
    List<BreakingChange> changes =
        new ReleasesMdSource(CliRunner.shared().resolve("data/nautilus/RELEASES.md"))
            .releases().stream()
                .filter(rel -> rel.version().toString().equals("1.221.0"))
                .flatMap(rel -> new NotesParser().parse(rel).stream())
                .filter(c -> c.text().contains("`nautilus_trader.analysis.statistics` subpackage"))
                .toList();
    assertThat(changes).hasSize(1);
    TargetCheck.Result r = TargetCheck.check(found, changes, code, neu);
    assertThat(r.found().affectedFiles().get(0).sites())
        .filteredOn(s -> s.line() == 1)
        .singleElement()
        .extracting(Site::change)
        .isEqualTo(0);
  }
}
