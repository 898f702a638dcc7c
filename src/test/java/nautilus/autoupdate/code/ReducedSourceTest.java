package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reduced text a focused read parses must give exactly the facts the whole text gives, and be
 * valid Python wherever the whole text is.
 */
class ReducedSourceTest {
  private static final String PKG = "nautilus_trader";

  private static ReducedEquivalence check;

  @BeforeAll
  static void open() {
    check = new ReducedEquivalence();
  }

  @AfterAll
  static void close() {
    check.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static WordScan.Hits hits(byte[] src, Set<String> triggers, Set<String> focus) {
    return new WordScan(triggers, focus).scan(src, false);
  }

  private static void assertEquivalent(String what, byte[] src, WordScan.Hits hits) {
    check.assertEquivalent(what, src, hits);
  }

  private static final String SAMPLE =
      "\"\"\"Module docstring mentioning managed.\"\"\"\n"
          + "import os  # a comment\n"
          + "\n"
          + "def quiet(a, b=1) -> int:\n"
          + "    \"\"\"Doc.\"\"\"\n"
          + "    x = compute(a)\n"
          + "    return x\n"
          + "\n"
          + "def loud():\n"
          + "    return managed(2)\n"
          + "\n"
          + "class A(Base):\n"
          + "    def __init__(self, cache):\n"
          + "        self.cache = cache\n"
          + "        log(\"ready\")\n"
          + "        if cache:\n"
          + "            self.size = 1\n"
          + "        for i in range(3):\n"
          + "            print(i)\n";

  @Test
  void quietBodiesCommentsDocstringsAndNonAssigningStatementsGo() {
    byte[] src = utf8(SAMPLE);
    ReducedSource.Reduced r = ReducedSource.reduce(src, hits(src, Set.of("managed"), Set.of()));

    assertThat(new String(r.text(), StandardCharsets.UTF_8))
        .isEqualTo(
            "...\n"
                + "import os  \n"
                + "\n"
                + "def quiet():...\n"
                + "\n"
                + "def loud():\n"
                + "    return managed(2)\n"
                + "\n"
                + "class A(Base):\n"
                + "    def __init__(self, cache):\n"
                + "        self.cache = cache\n"
                + "        if cache:\n"
                + "            self.size = 1\n"
                + "        for i in range(3):\n"
                + "            ...\n");
    int loud = SAMPLE.indexOf("managed(2)");
    int inText = new String(r.text(), StandardCharsets.UTF_8).indexOf("managed(2)");
    assertThat(r.original(inText)).as("offsets map back").isEqualTo(loud);
    assertEquivalent("sample", src, hits(src, Set.of("managed"), Set.of()));
  }

  @Test
  void aFunctionWithAWordInItsCodeStaysWhole() {
    String src = "def f(cache):\n    cache.managed = 1\n    log(cache)\n";
    byte[] bytes = utf8(src);
    ReducedSource.Reduced r = ReducedSource.reduce(bytes, hits(bytes, Set.of("managed"), Set.of()));

    assertThat(new String(r.text(), StandardCharsets.UTF_8)).isEqualTo(src);
  }

  @Test
  void textTheTokenizerCannotFollowIsLeftWhole() {
    for (String src :
        List.of(
            "def f():\n    x = 'open\n    return x\n",
            "def f():\n    return g(1))\n",
            "def f():\n    return g(1,\n")) {
      byte[] bytes = utf8(src);
      assertThat(ReducedSource.reduce(bytes, WordScan.Hits.NONE).reduced()).as(src).isFalse();
      assertEquivalent(src, bytes, WordScan.Hits.NONE);
    }
  }

  @Test
  void hitsInCommentsAndDocstringsAreNotInCode() {
    String src =
        "# managed here\n"
            + "def f():\n"
            + "    \"\"\"managed in a docstring\"\"\"\n"
            + "    load(\"managed\")  # managed\n"
            + "    f\"{managed}\"\n";
    byte[] bytes = utf8(src);
    WordScan.Hits all = hits(bytes, Set.of("managed"), Set.of());
    WordScan.Hits inCode = ReducedSource.inCode(bytes, all);

    assertThat(all.offsets()).hasSize(5);
    assertThat(inCode.offsets())
        .as("the string argument and the f-string's expression stay")
        .containsExactly(src.indexOf("\"managed\")") + 1, src.indexOf("{managed}") + 1);
    assertThat(inCode.triggers()).isEqualTo(inCode.offsets());
    byte[] onlyComments = utf8("x = 1  # managed\n\"\"\"managed\"\"\"\n");
    assertThat(ReducedSource.inCode(onlyComments, hits(onlyComments, Set.of("managed"), Set.of())))
        .extracting(WordScan.Hits::triggered)
        .isEqualTo(false);
  }

  @Test
  void everyFixtureFileGivesTheSameFactsReduced() throws Exception {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/test/resources"), Path.of("examples"))) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".pyi"))
            .forEach(files::add);
      }
    }
    assertThat(files).hasSizeGreaterThan(30);
    int compared = 0;
    for (Path f : files) {
      byte[] src = CodeScanner.withoutBom(Files.readAllBytes(f));
      List<String> names = new ArrayList<>(identifiers(src));
      // Each name in turn as the only word (every third, to keep the test quick), then none.
      for (int i = 0; i < names.size(); i += 3) {
        assertEquivalent(
            f + " with " + names.get(i), src, hits(src, Set.of(names.get(i)), Set.of()));
        compared++;
      }
      assertEquivalent(f + " with no word", src, WordScan.Hits.NONE);
    }
    assertThat(compared).isGreaterThan(500);
  }

  private static Set<String> identifiers(byte[] src) {
    Set<String> names = new TreeSet<>();
    String text = new String(src, StandardCharsets.UTF_8);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{2,}").matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  // Generated programs: top-level pieces with the shapes the tokenizer must follow.
  private static final List<String> PIECES =
      List.of(
          "def plain(a, b=1) -> int:\n    x = compute(a)\n    return x\n",
          "@decorator(arg=1)\ndef decorated(self):\n    return self.value\n",
          "async def fetch(client):\n    data = await client.get()\n    return data\n",
          "def one_liner(): return 1\n",
          "def with_lambda(key=lambda item: item[0]):\n    return sorted(items, key=key)\n",
          "def strings():\n    a = 'it''s # not a comment'\n    b = \"def x(): pass\"\n"
              + "    c = '''multi\n# line\n  def\n'''\n    return a + b + c\n",
          "def continued():\n    total = 1 + \\\n        2\n    return total\n",
          "def brackets():\n    call(\n        a,  # comment in brackets\n        b=[1,\n   2],\n    )\n",
          "def nested():\n    def inner():\n        return managed()\n    return inner\n",
          "class Owner(Base):\n    \"\"\"Doc.\"\"\"\n\n    kind = 'x'\n\n"
              + "    def __init__(self, cache: Cache):\n        super().__init__()\n"
              + "        self.cache = cache\n        if cache:\n            log(cache)\n"
              + "        else:\n            self.other = None\n        try:\n            run()\n"
              + "        except ValueError:\n            pass\n        finally:\n            done()\n"
              + "        with lock:\n            self.n = 1\n"
              + "        for i in range(2):\n            print(i)\n        else:\n            pass\n",
          "class Matcher:\n    def handle(self, value):\n        match value:\n"
              + "            case 1:\n                self.one = True\n            case _:\n"
              + "                skip()\n",
          "def tabbed():\n\tx = managed\n\tif x:\n\t\treturn x\n",
          "# a comment with managed\nvalue = CONFIG  # trailing\n",
          "r'''raw docstring with USDT_FUTURE'''\n",
          "f\"{USDT_FUTURE}\"\n",
          "b'bytes'\n",
          "def uses_global():\n    global STATE\n    STATE = 1\n",
          "def words():\n    return USDT_FUTURE + Cache.managed\n",
          "def empty_after_cut(self):\n    self.a.b = c\n    if x:\n        y()\n",
          "if TYPE_CHECKING:\n    from nautilus_trader.cache import Cache\n",
          "x = [\n    1,\n    2,\n]\n");

  @Provide
  Arbitrary<String> programs() {
    Arbitrary<List<String>> pieces = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(8);
    return Combinators.combine(pieces, Arbitraries.of(false, true))
        .as(
            (list, crlf) -> {
              String text = String.join("\n", list);
              return crlf ? text.replace("\n", "\r\n") : text;
            });
  }

  @Provide
  Arbitrary<Set<String>> words() {
    return Arbitraries.of("managed", "Cache", "USDT_FUTURE", "cache", "self", "x", "global")
        .set()
        .ofMaxSize(3);
  }

  @Property(tries = 300)
  void generatedProgramsGiveTheSameFactsReduced(
      @ForAll("programs") String program, @ForAll("words") Set<String> words) {
    byte[] src = utf8(program);
    WordScan.Hits hits = hits(src, words, Set.of());
    // jqwik runs outside JUnit's lifecycle: each try opens its own parsers.
    try (ReducedEquivalence each = new ReducedEquivalence()) {
      each.assertEquivalent(words + " in\n" + program, src, hits);
      each.assertEquivalent(
          words + " in code of\n" + program, src, ReducedSource.inCode(src, hits));
    }
  }
}
