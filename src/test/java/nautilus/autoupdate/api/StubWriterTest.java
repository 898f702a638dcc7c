package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.api.ApiSnapshot.Param;
import nautilus.autoupdate.api.ApiSnapshot.ParamKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StubWriterTest {
  private static final String ANY = "_typing.Any";

  @Test
  void stubsReadBackAsTheSameApi(@TempDir Path dir) {
    // The strongest check that a stub says what the model says: the project's own extractors read
    // the stubs back, and the API diff of the two finds nothing.
    for (String version : List.of("1.220.0", "1.221.0")) {
      ApiSnapshot original = TestModels.snapshot(version);
      Path root = dir.resolve(version);
      int files = StubWriter.write(original, root);
      assertThat(files).isGreaterThan(5);
      ApiSnapshot back =
          new SnapshotBuilder("nautilus_trader")
              .build(version, DistContents.read(root), List.of("stubs"));
      assertThat(back.modules().keySet()).containsAll(original.modules().keySet());
      // Only a default that is no plain literal reads back as another value (a stub writes `...`).
      assertThat(ApiDiff.diff(original, back))
          .allSatisfy(
              c -> {
                assertThat(c.type()).isEqualTo(ApiChange.Type.DEFAULT_CHANGED);
                assertThat(c.evidence()).endsWith("=...)");
              });
    }
    // ... and the diff of the stubs of two versions is the diff of the versions.
    ApiSnapshot a =
        new SnapshotBuilder("nautilus_trader")
            .build("1.220.0", DistContents.read(dir.resolve("1.220.0")), List.of());
    ApiSnapshot b =
        new SnapshotBuilder("nautilus_trader")
            .build("1.221.0", DistContents.read(dir.resolve("1.221.0")), List.of());
    assertThat(ApiDiff.diff(a, b).stream().map(c -> c.change().text()).sorted().toList())
        .isEqualTo(
            ApiDiff.diff(TestModels.snapshot("1.220.0"), TestModels.snapshot("1.221.0")).stream()
                .map(c -> c.change().text())
                .sorted()
                .toList());
  }

  @Test
  void classesCarryBasesMembersAndConstructors() {
    Map<String, String> stubs = StubWriter.render(TestModels.snapshot("1.221.0"));
    assertThat(stubs).containsKeys("nautilus_trader/__init__.pyi", "nautilus_trader/config.pyi");
    assertThat(stubs.get("nautilus_trader/indicators/__init__.pyi"))
        .contains(
            "from nautilus_trader.indicators.averages import ExponentialMovingAverage as"
                + " ExponentialMovingAverage\n");
    String averages = stubs.get("nautilus_trader/indicators/averages.pyi");
    // A base is bound before the class that extends it.
    assertThat(averages.indexOf("class MovingAverage:"))
        .isLessThan(averages.indexOf("class ExponentialMovingAverage(MovingAverage):"))
        .isPositive();
    assertThat(averages)
        .contains(
            "    def __init__(self, period: " + ANY + ", price_type: " + ANY + " = None) -> None:")
        .contains("    @property\n    def alpha(self) -> " + ANY + ": ...");
    String strategy = stubs.get("nautilus_trader/trading/strategy.pyi");
    assertThat(strategy)
        .contains(
            "def request_bars(self, bar_type: "
                + ANY
                + ", start: "
                + ANY
                + ", end: "
                + ANY
                + " = None, **kwargs: "
                + ANY
                + ")");
    // A msgspec Struct is called with its fields, its bases' included, as keywords.
    String binance = stubs.get("nautilus_trader/adapters/binance/config.pyi");
    assertThat(binance)
        .contains("import nautilus_trader.common.config\n")
        .contains("class BinanceDataClientConfig(nautilus_trader.common.config.NautilusConfig):")
        .contains(
            "def __init__(self, *, api_key: "
                + ANY
                + " = ..., instrument_provider: "
                + ANY
                + " = ...) -> None: ...")
        .contains("    api_key: " + ANY + "\n");
    assertThat(stubs.get("nautilus_trader/model/enums.pyi"))
        .contains("class AssetClass(_enum.Enum):\n")
        .contains("    DEBT = ...\n");
  }

  @Test
  void whatTheModelCannotSeeStaysPermissive() {
    ApiSnapshot s = TestModels.snapshot("1.221.0");
    Map<String, String> stubs = StubWriter.render(s);
    // A compiled module read without source answers any name.
    String pyo3 =
        stubs.entrySet().stream()
            .filter(e -> e.getKey().contains("nautilus_pyo3"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseThrow();
    assertThat(pyo3).contains("def __getattr__(name: str) -> " + ANY + ": ...");
    // No module of the package answers everything.
    assertThat(stubs.get("nautilus_trader/indicators/averages.pyi")).doesNotContain("__getattr__");
  }

  @Test
  void parameterListsAreValidPythonOrTakeAnything() {
    Param req = new Param("a", ParamKind.POSITIONAL_OR_KEYWORD, false, null);
    Param opt = new Param("b", ParamKind.POSITIONAL_OR_KEYWORD, true, "1");
    Param call = new Param("c", ParamKind.KEYWORD_ONLY, true, "Config(x=1)");
    Param only = new Param("p", ParamKind.POSITIONAL_ONLY, false, null);
    Param kw = new Param("k", ParamKind.KEYWORD_ONLY, false, null);
    Param args = new Param("args", ParamKind.VAR_POSITIONAL, false, null);
    Param kwargs = new Param("kw", ParamKind.VAR_KEYWORD, false, null);
    assertThat(StubWriter.params(List.of(only, req, kw)))
        .isEqualTo("p: " + ANY + ", /, a: " + ANY + ", *, k: " + ANY);
    assertThat(StubWriter.params(List.of(req, args, kw, kwargs)))
        .isEqualTo("a: " + ANY + ", *args: " + ANY + ", k: " + ANY + ", **kw: " + ANY);
    // A required parameter after a defaulted one is not Python: it is given a default too.
    assertThat(StubWriter.params(List.of(opt, req)))
        .isEqualTo("b: " + ANY + " = 1, a: " + ANY + " = ...");
    // A default that is no plain literal is not allowed in a stub.
    assertThat(StubWriter.params(List.of(call))).isEqualTo("*, c: " + ANY + " = ...");
    String anything = "*args: " + ANY + ", **kwargs: " + ANY;
    assertThat(StubWriter.params(null)).isEqualTo(anything);
    assertThat(StubWriter.params(List.of(kw, req))).isEqualTo(anything);
    assertThat(StubWriter.params(List.of(req, req))).isEqualTo(anything);
    assertThat(StubWriter.params(List.of(new Param("class", ParamKind.KEYWORD_ONLY, false, null))))
        .isEqualTo(anything);
  }

  @Test
  void writingReplacesAnEarlierSet(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("stubs");
    Files.createDirectories(root.resolve("nautilus_trader/gone"));
    Files.writeString(root.resolve("nautilus_trader/gone/__init__.pyi"), "X: int\n");
    StubWriter.write(TestModels.snapshot("1.221.0"), root);
    assertThat(root.resolve("nautilus_trader/gone")).doesNotExist();
    assertThat(root.resolve("nautilus_trader/config.pyi")).exists();
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("stubs");
    }
  }
}
