package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.FieldTypeTrees;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.code.Interest;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes that can reach only a keyword argument (a keyword whose declared type changed, a method's
 * removed parameter) make a file interesting only where the keyword is passed: a file naming it
 * only as a local variable or an attribute is not parsed, and the sites found are those of a scan
 * of everything.
 */
class KeywordOnlyInterestTest {
  private static final String PKG = "nautilus_trader";

  /** Names the keyword only as an attribute and a local variable: nothing to judge there. */
  private static final String ELSEWHERE =
      """
      from nautilus_trader.adapters.polymarket import PolymarketDataClientConfig
      from nautilus_trader.trading.strategy import Strategy


      def show(cfg: PolymarketDataClientConfig):
          instrument_config = cfg.instrument_config
          return instrument_config


      class Quiet(Strategy):
          def on_start(self):
              await_partial = True
              self.subscribe_bars(self.bar_type)
              return await_partial
      """;

  @TempDir Path tmp;

  private Path repo(String... files) throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("live"));
    for (int i = 0; i < files.length; i += 2) {
      Files.writeString(repo.resolve(files[i]), files[i + 1]);
    }
    return repo;
  }

  @Test
  void aChangedFieldTypeReadsOnlyTheFilesPassingTheKeyword() throws Exception {
    Path repo = repo("live/config.py", FieldTypeBreaksTest.CODE, "live/elsewhere.py", ELSEWHERE);
    ApiModel old = FieldTypeTrees.model(tmp.resolve("trees"), FieldTypeTrees.OLD);
    ApiModel neu = FieldTypeTrees.model(tmp.resolve("trees"), FieldTypeTrees.NEW);
    List<BreakingChange> typed = FieldTypes.interest(old, neu);
    assertThat(typed)
        .extracting(c -> c.old().get(0))
        .contains("PolymarketDataClientConfig.instrument_config");
    CodeScanner scanner = new CodeScanner(2);
    CodeBase all = scanner.scan(repo, List.of("."), PKG, null, Interest.ALL);
    Interest interest = ImpactMatcher.interest(List.of(), typed, PKG);
    assertThat(interest.keywordWords()).contains("instrument_config");
    CodeBase focused = scanner.scan(repo, List.of("."), PKG, null, interest);
    assertThat(focused.parsedFiles()).isEqualTo(1);
    ImpactMatcher.MatchResult none = new ImpactMatcher.MatchResult(List.of(), List.of(), List.of());
    FieldTypes.Judged onFocused = FieldTypes.judge(List.of(), none, List.of(), focused, old, neu);
    FieldTypes.Judged onAll = FieldTypes.judge(List.of(), none, List.of(), all, old, neu);
    // The proven break and the review item of the Polymarket config are found either way.
    assertThat(onFocused.found().affectedFiles()).isNotEmpty();
    assertThat(onFocused.reviews()).isNotEmpty();
    assertThat(onFocused).isEqualTo(onAll);
  }

  @Test
  void aRemovedMethodParameterReadsOnlyTheFilesPassingIt() throws Exception {
    String passes =
        """
        from nautilus_trader.trading.strategy import Strategy


        class Loud(Strategy):
            def on_start(self):
                self.subscribe_bars(
                    self.bar_type,
                    # no longer taken
                    await_partial=True,
                )
        """;
    Path repo = repo("live/passes.py", passes, "live/elsewhere.py", ELSEWHERE);
    List<String> none = new ArrayList<>();
    none.add(null);
    BreakingChange removed =
        new BreakingChange(
            Version.parse("1.221.0"),
            "Parameter `await_partial` of `Actor.subscribe_bars` was removed",
            ChangeKind.SIGNATURE,
            ChangeScope.PYTHON,
            List.of("Actor.subscribe_bars.await_partial"),
            none,
            false,
            null,
            "api-diff",
            "nautilus_trader.common.actor.Actor");
    CodeScanner scanner = new CodeScanner(2);
    CodeBase all = scanner.scan(repo, List.of("."), PKG, null, Interest.ALL);
    CodeBase focused =
        scanner.scan(
            repo,
            List.of("."),
            PKG,
            null,
            ImpactMatcher.interest(List.of(), List.of(removed), PKG));
    assertThat(focused.parsedFiles()).isEqualTo(1);
    ImpactMatcher matcher = new ImpactMatcher();
    ImpactMatcher.MatchResult found = matcher.match(List.of(removed), focused);
    assertThat(found.affectedFiles())
        .extracting(AffectedFile::path)
        .containsExactly("live/passes.py");
    assertThat(found).isEqualTo(matcher.match(List.of(removed), all));
  }
}
