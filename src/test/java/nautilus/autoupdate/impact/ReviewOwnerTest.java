package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A behavior note on lower-case names reaches no local name or plain import of ours. */
class ReviewOwnerTest {
  @TempDir Path repo;

  @Test
  void aLowerCaseNameNoteReviewsNoLocalNameOrPlainImport() throws Exception {
    Files.writeString(
        repo.resolve("local.py"),
        "import pandas\nimport nautilus_trader\n"
            + "from nautilus_trader.trading.strategy import Strategy\n\n"
            + "def run(submit_order):\n    submit_order()\n    pandas.DataFrame()\n\n"
            + "class S(Strategy):\n    def go(self, order):\n        self.submit_order(order)\n");
    List<BreakingChange> changes =
        List.of(
            new BreakingChange(
                Version.parse("1.227.0"),
                "Changed `submit_order`, `pandas` and `nautilus_trader` to deny a custom position",
                ChangeKind.BEHAVIOR,
                ChangeScope.PYTHON,
                List.of("submit_order", "pandas", "nautilus_trader"),
                List.of(),
                false,
                null,
                "releases-md"));
    CodeBase code =
        new CodeScanner()
            .scan(
                repo,
                List.of("."),
                "nautilus_trader",
                repo.resolve(".cache"),
                ImpactMatcher.interest(changes, "nautilus_trader"));
    ImpactMatcher.MatchResult r = new ImpactMatcher().match(changes, code);
    assertThat(r.affectedFiles()).isEmpty();
    // The local parameter is no upstream member; the inherited method on the subclass may be.
    assertThat(r.reviews().stream().flatMap(v -> v.uses().stream()).map(Review.Use::line))
        .doesNotContain(1, 2, 6, 7);
  }
}
