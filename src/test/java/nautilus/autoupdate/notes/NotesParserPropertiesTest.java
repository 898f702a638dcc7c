package nautilus.autoupdate.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.version.Version;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** parseItem is total: random and mutated note lines always give a change, never an exception. */
class NotesParserPropertiesTest {
  private static final Version V = Version.parse("1.222.0");
  private final NotesParser parser = new NotesParser();

  @Property(tries = 2000)
  void randomTextNeverThrows(@ForAll @StringLength(max = 300) String text) {
    check(text);
  }

  @Property(tries = 2000)
  void mutatedNoteLinesNeverThrow(@ForAll("mutatedLines") String text) {
    check(text);
  }

  @Provide
  Arbitrary<String> mutatedLines() {
    List<String> lines =
        List.of(
            "Renamed `ExecTesterConfig.enable_buys` to `enable_limit_buys`",
            "Moved `OrderBook` from `model.orderbook.book` to `model.book`",
            "Removed `prob_fill_on_stop` parameter from `FillModel` and `FillModelConfig`",
            "Changed `TradingNode.is_built` from a property to a method `.is_built()`",
            "Changed indicator imports (e.g., `from a.b import C` becomes `from a import C`)",
            "Replaced `is_sandbox: bool` with `environment: AxEnvironment` on `AxConfig`");
    List<String> noise =
        List.of("`", "(", ")", " to ", " from ", "::", ".", "`x`", ";", " - ", "e.g.", "", "*");
    return Arbitraries.of(lines)
        .flatMap(
            line ->
                Arbitraries.integers()
                    .between(0, line.length())
                    .flatMap(
                        at ->
                            Arbitraries.of(noise)
                                .list()
                                .ofMaxSize(3)
                                .map(
                                    ins ->
                                        line.substring(0, at)
                                            + String.join("", ins)
                                            + line.substring(at))));
  }

  private void check(String text) {
    for (String source : List.of("releases-md", "commit")) {
      // The strict entry point: no rule may throw, not even behind parseItem's safety net.
      BreakingChange c = parser.parseStrict(V, new NoteItem(text, null, 0), source);
      assertThat(c.text()).isEqualTo(text);
      assertThat(c.replacements()).hasSizeGreaterThanOrEqualTo(c.old().size());
    }
  }
}
