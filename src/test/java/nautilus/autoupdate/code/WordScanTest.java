package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class WordScanTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void findsWholeIdentifiersOnly() {
    WordScan scan = new WordScan(Set.of("managed", "Price"), Set.of());
    String src = "unmanaged = managed_x\nx.managed(1)  # Price\nPrices = 1\n";
    WordScan.Hits hits = scan.scan(utf8(src), false);
    assertThat(hits.triggered()).isTrue();
    assertThat(hits.offsets()).containsExactly(src.indexOf("managed("), src.indexOf("Price\n"));
  }

  @Test
  void aStarWordMatchesEveryIdentifierItStarts() {
    WordScan scan = new WordScan(Set.of("request_*"), Set.of("Act*"));
    String src = "self.request_bars(x)\nmy_request_bars = Actor\nrequest_ = 1\n";
    WordScan.Hits hits = scan.scan(utf8(src), false);
    assertThat(hits.triggers())
        .containsExactly(src.indexOf("request_bars"), src.indexOf("request_ ="));
    assertThat(hits.offsets()).contains(src.indexOf("Actor"));
    // In a notebook's JSON a name may run into the previous one: anywhere counts there.
    assertThat(scan.scan(utf8("\\nrequest_bars"), true).triggers()).containsExactly(2);
    Interest interest = Interest.of(Set.of("request_*", "on_bar"), Set.of());
    assertThat(interest.names("request_quote_ticks")).isTrue();
    assertThat(interest.names("on_bar")).isTrue();
    assertThat(interest.names("subscribe_bars")).isFalse();
  }

  @Test
  void aTriggerWordThatIsAlsoAFocusWordStillTriggers() {
    WordScan scan = new WordScan(Set.of("Price"), Set.of("Price", "Config"));
    assertThat(scan.scan(utf8("Price(1)"), false).triggered()).isTrue();
    assertThat(scan.scan(utf8("Config(1)"), false).triggered()).isFalse();
    assertThat(scan.scan(utf8("Config(1)"), false).offsets()).containsExactly(0);
  }

  @Test
  void aKeywordWordTriggersOnlyWhereWrittenAsAKeywordArgument() {
    WordScan scan = new WordScan(Set.of(), Set.of(), Set.of("result"));
    for (String kw :
        List.of(
            "f(result=1)",
            "f(a, result = 1)",
            "f(\n    result=1,\n)",
            "f(a,  \\\n result=1)",
            "f(a,  # why\n    result=1)",
            "f(result  # why\n  = 1)",
            // Not keywords, but not told apart by the bytes alone: they pass too.
            "a, result = g()",
            "def g(x, result=None): pass")) {
      assertThat(scan.scan(utf8(kw), false).triggered()).as(kw).isTrue();
    }
    for (String other :
        List.of(
            "result = g()",
            "x = 1\nresult = 2",
            "return result",
            "r.result",
            "f(result)",
            "f(result == 1)",
            "if result: pass",
            "x.result: int = 1")) {
      // Elsewhere it is not even an occurrence: no body is read for it.
      assertThat(scan.scan(utf8(other), false).offsets()).as(other).isEmpty();
    }
    // One that is also another change's focus word keeps bodies in view elsewhere.
    assertThat(
            new WordScan(Set.of(), Set.of("result"), Set.of("result"))
                .scan(utf8("r.result"), false)
                .offsets())
        .containsExactly(2);
    // A word that is also a trigger triggers anywhere; in a notebook's JSON, anywhere too.
    assertThat(
            new WordScan(Set.of("result"), Set.of(), Set.of("result"))
                .scan(utf8("r.result"), false)
                .triggered())
        .isTrue();
    assertThat(scan.scan(utf8("\"r.result\""), true).triggered()).isTrue();
    Interest interest = Interest.of(Set.of("count"), Set.of(), Set.of("result", "count"));
    assertThat(interest.keywordWords()).containsExactly("result");
    assertThat(interest.names("result")).isTrue();
    assertThat(interest.fingerprint())
        .isNotEqualTo(Interest.of(Set.of("count", "result"), Set.of()).fingerprint());
  }

  private static WordScan gated(Set<String> words, Set<String> keywords) {
    return new WordScan(
        words,
        Set.of("global"),
        keywords,
        java.util.Map.of(
            "precision", Set.of("LongRatio", "Cache"),
            "asset_id", Set.of("PolymarketQuotes"),
            "quote_quantity", Set.of("polymarket", "polymarket*"),
            "count", Set.of("Bar")),
        Set.of("asset_id"),
        Set.of("strategies"));
  }

  @Test
  void aGatedWordCountsOnlyPastItsGate() {
    WordScan scan = gated(Set.of("precision", "asset_id", "quote_quantity", "Order"), Set.of());
    // Without its gate a gated word is no occurrence at all: no body stays in view for it.
    String alone = "def f(x):\n    precision = 2\n    return x.precision\n";
    WordScan.Hits none = scan.scan(utf8(alone), false);
    assertThat(none.triggered()).isFalse();
    assertThat(none.offsets()).isEmpty();
    // Any of its gate words, before or after it, opens it; the offsets stay sorted.
    String after = "global g\nx = y.precision\nz = LongRatio()\n";
    WordScan.Hits open = scan.scan(utf8(after), false);
    assertThat(open.triggers()).containsExactly(after.indexOf("precision"));
    assertThat(open.offsets()).containsExactly(0, after.indexOf("precision"));
    assertThat(scan.scan(utf8("c = Cache()\nc.precision\n"), false).triggered()).isTrue();
    // An ungated word triggers as ever, and a gate word alone triggers nothing.
    assertThat(scan.scan(utf8("Order(1)"), false).triggered()).isTrue();
    assertThat(scan.scan(utf8("LongRatio()"), false).triggered()).isFalse();
    // A gate belongs to its word: LongRatio opens precision, not asset_id.
    assertThat(scan.scan(utf8("LongRatio()\nasset_id = 1\n"), false).triggers()).isEmpty();
  }

  @Test
  void anImportOfOurOwnCodeOrARelativeImportOpensEveryGate() {
    WordScan scan = gated(Set.of("precision"), Set.of());
    assertThat(
            scan.scan(utf8("from strategies.base import Mine\nMine().precision\n"), false)
                .triggered())
        .isTrue();
    assertThat(scan.scan(utf8("from .base import Mine\nMine().precision\n"), false).triggered())
        .isTrue();
    assertThat(scan.scan(utf8("from ..base import Mine\nMine().precision\n"), false).triggered())
        .isTrue();
    // Prose that reads "from." is not an import.
    assertThat(scan.scan(utf8("x = 'a list to read from. '\ny.precision\n"), false).triggered())
        .isFalse();
  }

  @Test
  void aDottedWordCountsAsAnAttributeWithoutItsGate() {
    WordScan scan = gated(Set.of("asset_id"), Set.of());
    assertThat(scan.scan(utf8("a = quote.asset_id"), false).triggered()).isTrue();
    assertThat(scan.scan(utf8("a = (quote\n    .asset_id)"), false).triggered()).isTrue();
    assertThat(scan.scan(utf8("asset_id = 1\nf(asset_id=asset_id)"), false).triggered()).isFalse();
  }

  @Test
  void aPrefixGateMatchesCapitalizedNamesWhateverTheirCase() {
    WordScan scan = gated(Set.of("quote_quantity"), Set.of());
    for (String opens :
        List.of("PolymarketExecClient(quote_quantity=True)", "POLYMARKET_VENUE\nquote_quantity")) {
      assertThat(scan.scan(utf8(opens), false).triggered()).as(opens).isTrue();
    }
    assertThat(scan.scan(utf8("polymarket.x\nquote_quantity"), false).triggered()).isTrue();
    for (String shut : List.of("polymarketish = 1\nquote_quantity", "Poly(quote_quantity=True)")) {
      assertThat(scan.scan(utf8(shut), false).triggered()).as(shut).isFalse();
    }
  }

  @Test
  void aGatedKeywordWordCountsAsAKeywordPastItsGate() {
    WordScan scan = gated(Set.of(), Set.of("count"));
    assertThat(scan.scan(utf8("Bar(count=1)"), false).triggered()).isTrue();
    assertThat(scan.scan(utf8("other(count=1)"), false).triggered()).isFalse();
    assertThat(scan.scan(utf8("Bar()\ncount = 1"), false).triggered()).isFalse();
    // In a notebook's JSON a gate cannot be told from the text around it: no gate there.
    assertThat(scan.scan(utf8("\\nx.precision"), true).triggered()).isFalse();
    assertThat(gated(Set.of("precision"), Set.of()).scan(utf8("\\nx.precision"), true).triggered())
        .isTrue();
  }

  @Test
  void nonAsciiLettersBelongToTheIdentifier() {
    WordScan scan = new WordScan(Set.of("average"), Set.of());
    // "é" is two bytes: the second "average" starts at byte 12.
    assertThat(scan.scan(utf8("éaverage = average"), false).offsets()).containsExactly(12);
  }

  @Test
  void substringModeFindsWordsRunTogetherByJsonEscapes() {
    WordScan scan = new WordScan(Set.of("import"), Set.of());
    byte[] json = utf8("\"source\": [\"x = 1\\nimport os\"]");
    assertThat(scan.scan(json, false).triggered()).isFalse();
    assertThat(scan.scan(json, true).triggered()).isTrue();
  }

  @Test
  void withinTellsWhetherARangeHoldsAnOccurrence() {
    WordScan.Hits hits = new WordScan.Hits(new int[] {10, 20}, new int[] {10});
    assertThat(hits.within(0, 10)).isFalse();
    assertThat(hits.within(0, 11)).isTrue();
    assertThat(hits.within(11, 20)).isFalse();
    assertThat(hits.within(15, 25)).isTrue();
    assertThat(hits.within(21, 99)).isFalse();
  }

  /** The scan agrees with a plain tokenizer on any text and any word set. */
  @Property(tries = 500)
  void agreesWithANaiveTokenizer(
      @ForAll @StringLength(max = 200) String text, @ForAll("words") List<String> words) {
    String src = text.replaceAll("[^a-zA-Z0-9_ .()\\n]", " ");
    WordScan scan = new WordScan(Set.copyOf(words), Set.of());
    List<Integer> expected = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z0-9_]+").matcher(src);
    while (m.find()) {
      if (words.contains(m.group())) {
        expected.add(m.start());
      }
    }
    int[] found = scan.scan(utf8(src), false).offsets();
    assertThat(found).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Substring mode finds every occurrence of every word, overlapping ones included. */
  @Property(tries = 500)
  void substringModeAgreesWithIndexOf(
      @ForAll @StringLength(max = 60) @Chars({'a', 'b', 'A', 'B', '_', '1', ' ', '\\'}) String src,
      @ForAll("words") List<String> words) {
    List<Integer> expected = new ArrayList<>();
    for (int at = 0; at < src.length(); at++) {
      for (String w : Set.copyOf(words)) {
        if (src.startsWith(w, at)) {
          expected.add(at);
        }
      }
    }
    WordScan.Hits hits = new WordScan(Set.copyOf(words), Set.of()).scan(utf8(src), true);
    assertThat(hits.offsets())
        .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    assertThat(hits.triggers()).isEqualTo(hits.offsets());
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<String>> words() {
    return net.jqwik.api.Arbitraries.strings()
        .withChars("abAB_1")
        .ofMinLength(1)
        .ofMaxLength(5)
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }
}
