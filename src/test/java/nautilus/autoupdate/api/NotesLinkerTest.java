package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nautilus.autoupdate.release.NoteItem;
import org.junit.jupiter.api.Test;

/** Diff findings linked to real 1.220.0 release-note wording, and left undocumented otherwise. */
class NotesLinkerTest {
  static final List<NoteItem> NOTES =
      List.of(
          new NoteItem(
              "Changed `start` parameter to required for `Actor` data request methods", null, 1),
          new NoteItem(
              "Renamed `BinanceAccountType.USDT_FUTURE` to `USDT_FUTURES` for more conventional terminology",
              null,
              2),
          new NoteItem(
              "Consolidated `backtest.exchange` into `backtest.engine` to reduce binary size",
              null,
              3),
          new NoteItem(
              "Changed indicator imports from nested modules to flat structure (e.g., `from nautilus_trader.indicators.atr import AverageTrueRange` becomes `from nautilus_trader.indicators import AverageTrueRange`)",
              null,
              4));

  @Test
  void linksFindingsToTheNotesThatNameThem() throws Exception {
    ApiSnapshot from = snapshot("1.0");
    ApiSnapshot to = snapshot("2.0");
    List<ApiChange> changes = ApiDiff.diff(from, to);
    assertThat(changes).isNotEmpty().allMatch(c -> !c.documented() && c.noteIndex() == null);
    List<NoteItem> notes =
        List.of(
            new NoteItem("Renamed `Mode.SLOW_MODE` to `SLOW`", null, 10),
            new NoteItem("Changed `start` to required for `Engine.run`", null, 11),
            new NoteItem("Moved indicators from `demo_pkg.old` to `demo_pkg`", null, 12));
    List<ApiChange> linked = NotesLinker.link(changes, notes);
    assertThat(linked)
        .filteredOn(c -> c.change().old().get(0).equals("Mode.SLOW_MODE"))
        .singleElement()
        .satisfies(c -> assertThat(c.noteIndex()).isEqualTo(0));
    assertThat(linked)
        .filteredOn(
            c ->
                c.type() == ApiChange.Type.PARAMETER_REQUIRED
                    && c.change().old().get(0).equals("Engine.run"))
        .singleElement()
        .satisfies(c -> assertThat(c.noteIndex()).isEqualTo(1));
    assertThat(linked)
        .filteredOn(c -> c.type() == ApiChange.Type.NAME_MOVED)
        .allMatch(c -> c.noteIndex() == 2);
    assertThat(linked)
        .filteredOn(c -> c.change().old().get(0).equals("Engine.legacy"))
        .singleElement()
        .satisfies(c -> assertThat(c.documented()).isFalse());
  }

  private static ApiSnapshot snapshot(String v) throws Exception {
    var files = Fixtures.demo(v);
    var dist = new DistContents("test", List.copyOf(files.keySet()), files);
    return new SnapshotBuilder("demo_pkg").build(v, dist, List.of("test"));
  }

  @Test
  void realNoteWordingCoversTheirFindings() {
    assertThat(
            covers(
                0,
                ApiChange.Type.PARAMETER_REQUIRED,
                "Actor.request_bars",
                "Parameter `start` of `Actor.request_bars` is now required"))
        .isTrue();
    assertThat(
            covers(
                0,
                ApiChange.Type.PARAMETER_REQUIRED,
                "Strategy.submit_order",
                "Parameter `start` of `Strategy.submit_order` is now required"))
        .isFalse();
    assertThat(
            covers(1, ApiChange.Type.MEMBER_RENAMED, "BinanceAccountType.USDT_FUTURE", "renamed"))
        .isTrue();
    assertThat(
            covers(1, ApiChange.Type.MEMBER_RENAMED, "BinanceAccountType.COIN_FUTURE", "renamed"))
        .isFalse();
    // The same member name on another class is another member.
    assertThat(
            NotesLinker.covers(
                "Removed `MarginBalance.instrument_id` (use the account's)",
                member("Order.instrument_id")))
        .isFalse();
    assertThat(
            NotesLinker.covers(
                "Removed `MarginBalance.instrument_id` (use the account's)",
                member("nautilus_trader.model.objects.MarginBalance.instrument_id")))
        .isTrue();
    // Alone, the member counts whatever class the note names (the notes shorten names: `OwnBook`
    // for `OwnOrderBook`); after a class, when the finding's class is or extends that name.
    assertThat(
            NotesLinker.covers(
                "Consolidated `OwnBook` `group_bids` and `group_asks` methods into `bid_quantity`",
                member("OwnOrderBook.group_asks")))
        .isTrue();
    assertThat(
            NotesLinker.covers(
                "Renamed `ParquetDataCatalog.reset_catalog_file_names` to `reset_all_file_names`",
                member("ParquetDataCatalogV2.reset_catalog_file_names")))
        .isTrue();
    assertThat(
            covers(
                2, ApiChange.Type.MODULE_REMOVED, "nautilus_trader.backtest.exchange", "removed"))
        .isTrue();
    assertThat(
            covers(
                2,
                ApiChange.Type.NAME_MOVED,
                "nautilus_trader.backtest.exchange.SimulatedExchange",
                "moved"))
        .isTrue();
    assertThat(
            covers(
                3,
                ApiChange.Type.MODULE_REMOVED,
                "nautilus_trader.indicators.average.ema",
                "removed"))
        .isTrue();
    assertThat(covers(3, ApiChange.Type.MODULE_REMOVED, "nautilus_trader.model.data", "removed"))
        .isFalse();
  }

  /** A note's words are looked up in a set read once: the answer is the whole-word regex's. */
  @net.jqwik.api.Property(tries = 400)
  void aWordIsNamedExactlyWhereTheWholeWordRegexFindsIt(
      @net.jqwik.api.ForAll
          @net.jqwik.api.constraints.Chars({'a', 'b', '_', '.', ' ', '`', '1'})
          @net.jqwik.api.constraints.StringLength(max = 30)
          String note,
      @net.jqwik.api.ForAll
          @net.jqwik.api.constraints.Chars({'a', 'b', '_', '1'})
          @net.jqwik.api.constraints.StringLength(min = 1, max = 3)
          String word) {
    boolean regex =
        java.util.regex.Pattern.compile(
                "(?<!\\w)" + java.util.regex.Pattern.quote(word) + "(?!\\w)")
            .matcher(note)
            .find();
    ApiChange c = change(ApiChange.Type.NAME_REMOVED, "pkg.mod." + word, "removed");
    assertThat(NotesLinker.covers(note, c)).as(note + " / " + word).isEqualTo(regex);
  }

  private static ApiChange member(String old) {
    return change(ApiChange.Type.MEMBER_REMOVED, old, "removed");
  }

  private static boolean covers(int note, ApiChange.Type type, String old, String text) {
    return NotesLinker.covers(NOTES.get(note).text(), change(type, old, text));
  }

  private static ApiChange change(ApiChange.Type type, String old, String text) {
    var change =
        new nautilus.autoupdate.notes.BreakingChange(
            null,
            text,
            nautilus.autoupdate.notes.ChangeKind.OTHER,
            nautilus.autoupdate.notes.ChangeScope.PYTHON,
            List.of(old),
            null,
            false,
            null,
            "api-diff");
    return new ApiChange(change, type, "", false, null);
  }

  @Test
  void readsTheBulletsOfTheReleasesInRangeBreakingFirst(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path md = tmp.resolve("RELEASES.md");
    java.nio.file.Files.writeString(
        md,
        String.join(
            "\n",
            "# NautilusTrader 3.0.0 Beta",
            "### Enhancements",
            "- Added `x`",
            "### Breaking Changes",
            "- Renamed `A.b` to `c`",
            "# NautilusTrader 2.0.0 Beta",
            "### Fixes",
            "- Fixed `y`",
            "# NautilusTrader 1.0.0 Beta",
            "### Breaking Changes",
            "- Too old",
            ""));
    var items =
        ReleaseNotesItems.read(
            md,
            nautilus.autoupdate.version.Version.parse("1.0.0"),
            nautilus.autoupdate.version.Version.parse("3.0.0"));
    assertThat(items)
        .extracting(NoteItem::text)
        .containsExactly("Renamed `A.b` to `c`", "Added `x`", "Fixed `y`");
    assertThat(items.get(0).line()).isEqualTo(5);
    java.nio.file.Files.writeString(md, "no headings\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ReleaseNotesItems.read(
                    md,
                    nautilus.autoupdate.version.Version.parse("1.0.0"),
                    nautilus.autoupdate.version.Version.parse("3.0.0")))
        .isInstanceOf(nautilus.autoupdate.UserError.class)
        .hasMessageContaining("RELEASES.md have no '# NautilusTrader <version>' headings");
  }
}
