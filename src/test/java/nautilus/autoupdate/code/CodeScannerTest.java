package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeScannerTest {
  private static final Path SAMPLE = Path.of("src/test/resources/code/sample");
  private static final String PKG = "nautilus_trader";

  @TempDir Path tmp;

  private static Map<String, FileUses> byPath(CodeBase code) {
    return code.files().stream().collect(Collectors.toMap(FileUses::path, Function.identity()));
  }

  private static Optional<Use> find(FileUses f, UseKind kind, String target, int line) {
    return f.uses().stream()
        .filter(u -> u.kind() == kind && u.target().equals(target) && u.at().line() == line)
        .findFirst();
  }

  @Test
  void resolvesImportsChainsCallsAndOverridesAcrossFiles() throws IOException {
    CodeBase code = new CodeScanner(2).scan(SAMPLE, List.of("."), PKG, null);
    FileUses strat = byPath(code).get("mypkg/strat.py");
    String parquet = "nautilus_trader.persistence.catalog.parquet.ParquetDataCatalog";
    // self.catalog was assigned a ParquetDataCatalog in __init__.
    assertThat(find(strat, UseKind.CALL, parquet + ".reset_catalog_file_names", 17)).isPresent();
    // The override is found through OurBase (another file) and compat's re-export.
    assertThat(
            find(strat, UseKind.OVERRIDE, "nautilus_trader.trading.strategy.Strategy.on_tick", 14))
        .isPresent();
    // helper() is ours (defined in OurBase), submit_order() is inherited from upstream.
    assertThat(strat.uses()).noneMatch(u -> u.target().endsWith(".helper"));
    assertThat(
            find(strat, UseKind.CALL, "nautilus_trader.trading.strategy.Strategy.submit_order", 16))
        .isPresent();
    Use fill = find(strat, UseKind.CALL, "nautilus_trader.backtest.models.FillModel", 20).get();
    assertThat(fill.kwargs())
        .extracting(Kwarg::name)
        .containsExactly("prob_fill_on_stop", "prob_slippage");
    // Line 26 reads AssetClass.BOND on a local that shadows the import: not a use.
    assertThat(strat.uses()).noneMatch(u -> u.at().line() == 26);
    // An annotated parameter is typed; an unannotated one is an unknown owner.
    assertThat(find(strat, UseKind.CALL, parquet + ".reset_catalog_file_names", 30)).isPresent();
    Use unknown = find(strat, UseKind.CALL, "?.reset_catalog_file_names", 31).get();
    assertThat(unknown.resolved()).isFalse();
    // Comments and the docstring mention AssetClass.BOND: only the real use on line 18 counts.
    assertThat(strat.uses())
        .filteredOn(u -> u.target().endsWith("AssetClass.BOND"))
        .extracting(u -> u.at().line())
        .containsExactly(18);
    // Byte ranges point at the text they describe.
    byte[] bytes = Files.readAllBytes(SAMPLE.resolve("mypkg/strat.py"));
    Use bond =
        find(strat, UseKind.ATTRIBUTE, "nautilus_trader.model.enums.AssetClass.BOND", 18).get();
    assertThat(
            new String(
                bytes,
                bond.at().startByte(),
                bond.at().endByte() - bond.at().startByte(),
                StandardCharsets.UTF_8))
        .isEqualTo("BOND");
    assertThat(bond.at().lineText()).isEqualTo("x = AssetClass.BOND");
  }

  @Test
  void starImportsGiveUnresolvedUsesAndConfigStringsAreFound() {
    Map<String, FileUses> files = byPath(new CodeScanner().scan(SAMPLE, List.of("."), PKG, null));
    Use side =
        find(
                files.get("mypkg/star.py"),
                UseKind.ATTRIBUTE,
                "nautilus_trader.model.enums.OrderSide.NONE",
                3)
            .get();
    assertThat(side.resolved()).isFalse();
    FileUses yaml = files.get("config.yaml");
    assertThat(
            find(
                yaml,
                UseKind.CONFIG_STRING,
                "nautilus_trader.examples.strategies.ema_cross.EMACross",
                1))
        .isPresent();
    assertThat(find(yaml, UseKind.CONFIG_KEY, "prob_fill_on_stop", 3)).isPresent();
  }

  @Test
  void aModuleNameATestMocksIsNoConfigString() throws IOException {
    write(
        "test_s.py",
        String.join(
            "\n",
            "import sys",
            "from unittest.mock import MagicMock",
            "mocks = {",
            "    \"nautilus_trader.model.data\": MagicMock(),",
            "    \"nautilus_trader.model.enums\": mock.MagicMock(),",
            "    \"nautilus_trader.config\": real_config,",
            "}",
            "strategy = sys.modules[\"nautilus_trader.trading.strategy\"]",
            "path = \"nautilus_trader.examples.strategies.ema_cross:EMACross\"",
            ""));
    FileUses f = new CodeScanner().scan(tmp, List.of("."), PKG, null).files().get(0);
    assertThat(f.uses())
        .filteredOn(u -> u.kind() == UseKind.CONFIG_STRING)
        .extracting(u -> u.at().line())
        // The mocked module names (lines 4, 5 and 8) are not references; a key whose value is no
        // mock (line 6) and a plain path string (line 9) are.
        .containsExactly(6, 9);
  }

  @Test
  void aCbindgenSettingsFileIsNotScanned() throws IOException {
    write(
        "nautilus_core/model/cbindgen_cython.toml",
        "[cython.cimports]\n\"nautilus_trader.core.rust.core\" = [\"CVec\"]\n");
    write(
        "config/strategy.toml",
        "strategy_path = \"nautilus_trader.examples.strategies.ema_cross:EMACross\"\n");
    assertThat(new CodeScanner().scan(tmp, List.of("."), PKG, null).files())
        .extracting(FileUses::path)
        .containsExactly("config/strategy.toml");
  }

  @Test
  void byteOffsetsCountUtf8Bytes() throws IOException {
    write(
        "m.py",
        "s = 'é€'; from nautilus_trader.model.enums import OrderSide\nx = 'ü'; OrderSide.NONE\n");
    FileUses f = new CodeScanner().scan(tmp, List.of("."), PKG, null).files().get(0);
    Use none = find(f, UseKind.ATTRIBUTE, "nautilus_trader.model.enums.OrderSide.NONE", 2).get();
    byte[] bytes = Files.readAllBytes(tmp.resolve("m.py"));
    assertThat(new String(bytes, none.at().startByte(), 4, StandardCharsets.UTF_8))
        .isEqualTo("NONE");
  }

  @Test
  void walkHonorsGitignoreAndSkipsVirtualenvsAndBuildOutput() throws IOException {
    String use = "from nautilus_trader.model.enums import OrderSide\n";
    write(".gitignore", "ignored/\n*.gen.py\n");
    write("pkg/a.py", use);
    write("pkg/b.gen.py", use);
    write("ignored/c.py", use);
    write(".venv/lib/d.py", use);
    write("myenv/pyvenv.cfg", "home = /usr\n");
    write("myenv/lib/e.py", use);
    write("build/lib/f.py", use);
    write("notes.txt", use);
    CodeBase code = new CodeScanner().scan(tmp, List.of("."), PKG, null);
    assertThat(code.files()).extracting(FileUses::path).containsExactly("pkg/a.py");
    assertThat(code.scannedFiles()).isEqualTo(1);
  }

  @Test
  void gitRepoListsTrackedAndUntrackedButNotIgnoredFiles() throws Exception {
    String use = "import nautilus_trader.model.enums\n";
    write(".gitignore", "secret/\n");
    write("src/a.py", use);
    write("src/secret/b.py", use);
    write("other/c.py", use);
    git("init", "-q");
    git("add", "src/a.py", ".gitignore");
    write("src/new.py", use);
    CodeBase code = new CodeScanner().scan(tmp, List.of("src"), PKG, null);
    assertThat(code.files()).extracting(FileUses::path).containsExactly("src/a.py", "src/new.py");
  }

  @Test
  void notebookUsesCarryCellIndexAndLineWithinCell() throws IOException {
    write(
        "nb.ipynb",
        "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"AssetClass.BOND\"]},"
            + "{\"cell_type\": \"code\", \"source\": [\"%time\\n\", \"from nautilus_trader.model.enums import AssetClass\\n\"]},"
            + "{\"cell_type\": \"code\", \"source\": \"x = 1\\nAssetClass.BOND\"}], \"nbformat\": 4}");
    write("broken.ipynb", "{not json");
    Map<String, FileUses> files = byPath(new CodeScanner().scan(tmp, List.of("."), PKG, null));
    Use bond =
        find(
                files.get("nb.ipynb"),
                UseKind.ATTRIBUTE,
                "nautilus_trader.model.enums.AssetClass.BOND",
                2)
            .get();
    assertThat(bond.at().cell()).isEqualTo(1);
    assertThat(bond.at().column()).isEqualTo(12);
    assertThat(files.get("broken.ipynb").parseErrors()).isTrue();
  }

  @Test
  void cacheServesUnchangedFilesAndNoticesEdits() throws IOException {
    write("a.py", "from nautilus_trader.model.enums import OrderSide\nOrderSide.NONE\n");
    Path cache = tmp.resolve(".state/cache/code");
    CodeScanner scanner = new CodeScanner();
    CodeBase first = scanner.scan(tmp, List.of("."), PKG, cache);
    assertThat(Files.list(cache)).isNotEmpty();
    CodeBase again = scanner.scan(tmp, List.of("."), PKG, cache);
    assertThat(again.files()).isEqualTo(first.files());
    write("a.py", "from nautilus_trader.model.enums import OrderSide\n\nOrderSide.BUY\n");
    CodeBase edited = scanner.scan(tmp, List.of("."), PKG, cache);
    assertThat(edited.files().get(0).uses())
        .extracting(Use::target)
        .contains("nautilus_trader.model.enums.OrderSide.BUY")
        .doesNotContain("nautilus_trader.model.enums.OrderSide.NONE");
    // A damaged cache is rebuilt, not trusted.
    Files.writeString(FactsCache.file(cache, PKG), "{truncated");
    assertThat(scanner.scan(tmp, List.of("."), PKG, cache).files()).isEqualTo(edited.files());
  }

  @Test
  void missingSourceDirIsAUserError() {
    assertThatThrownBy(() -> new CodeScanner().scan(tmp, List.of("nope"), PKG, null))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("source dir 'nope'");
  }

  private void write(String rel, String text) throws IOException {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void git(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", tmp.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }
}
