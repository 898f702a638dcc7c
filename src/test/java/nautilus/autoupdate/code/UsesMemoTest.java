package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsesMemoTest {
  private static final String PKG = "nautilus_trader";

  @TempDir Path tmp;

  @Test
  void theMemoOfARealScanReadsBackEqualUnderItsKeyOnly() throws IOException {
    // The scanner's own uses of a sample tree: imports, calls with kwargs and their types,
    // overrides, config strings, notebook cells, a file with syntax errors.
    CodeBase code =
        new CodeScanner().scan(Path.of("src/test/resources/code/sample"), List.of("."), PKG, null);
    assertThat(code.files()).hasSizeGreaterThan(3);
    List<UnreadFile> unread =
        List.of(new UnreadFile("big.py", "larger than 5 MB (6.1 MB): not read", true));
    byte[] bytes = UsesMemo.encode("key-1", code.files(), unread);

    UsesMemo.Memo memo = UsesMemo.decode(bytes, "key-1");
    assertThat(memo.files()).isEqualTo(code.files());
    assertThat(memo.unread()).isEqualTo(unread);
    assertThat(UsesMemo.decode(bytes, "key-2")).isNull();
  }

  @Test
  void everyKindOfFieldRoundTrips() {
    Location at = new Location(10, 20, 3, 5, null, "x = f(a=1)");
    Location inCell = new Location(0, 4, 1, 1, 2, "é ünïcode");
    Use call =
        new Use(
            UseKind.CALL,
            "nautilus_trader.a.f",
            true,
            at,
            List.of(new Kwarg("a", at, "nautilus_trader.a.T"), new Kwarg("b", inCell)),
            -1,
            null,
            null,
            null,
            new Span(15, 19));
    Use imp = new Use(UseKind.IMPORT, "?.x", false, inCell, List.of(), 0, "m", "n", "alias", null);
    List<FileUses> files =
        List.of(
            new FileUses("a.py", List.of(call, imp), true), new FileUses("b.py", List.of(), false));
    assertThat(UsesMemo.decode(UsesMemo.encode("k", files, List.of()), "k").files())
        .isEqualTo(files);
  }

  @Test
  void aMemoCutShortOrDamagedIsNeverUsed() throws IOException {
    Location at = new Location(1, 2, 1, 2, null, "import nautilus_trader");
    List<FileUses> files =
        List.of(
            new FileUses(
                "a.py", List.of(Use.of(UseKind.IMPORT, "nautilus_trader", true, at)), false));
    byte[] bytes = UsesMemo.encode("k", files, List.of());
    for (int n = 0; n < bytes.length; n++) {
      Files.write(UsesMemo.file(tmp, PKG), Arrays.copyOf(bytes, n));
      assertThat(UsesMemo.read(tmp, PKG, "k")).as("cut at %d", n).isNull();
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    Files.write(UsesMemo.file(tmp, PKG), longer);
    assertThat(UsesMemo.read(tmp, PKG, "k")).isNull();
    Files.write(UsesMemo.file(tmp, PKG), bytes);
    assertThat(UsesMemo.read(tmp, PKG, "k").files()).isEqualTo(files);
  }

  @Test
  void aStaleMemoIsNotUsedAfterAnEditOfTheSameSizeOrOtherWords() throws IOException {
    Path repo = tmp.resolve("repo");
    Path cache = tmp.resolve("cache");
    Path a = repo.resolve("a.py");
    Files.createDirectories(repo);
    Files.writeString(a, "from nautilus_trader.model.enums import OrderSide\nOrderSide.NONE\n");
    CodeScanner scanner = new CodeScanner();
    Interest none = Interest.of(Set.of("NONE"), Set.of());
    CodeBase first = scanner.scan(repo, List.of("."), PKG, cache, none);
    assertThat(targets(first)).contains("nautilus_trader.model.enums.OrderSide.NONE");
    assertThat(UsesMemo.file(cache, PKG)).exists();

    // Same size, another mtime: the memo's key changes, the file is read again.
    FileTime before = Files.getLastModifiedTime(a);
    Files.writeString(a, "from nautilus_trader.model.enums import OrderSide\nOrderSide.SELL\n");
    Files.setLastModifiedTime(a, FileTime.fromMillis(before.toMillis() + 2000));
    CodeBase edited = scanner.scan(repo, List.of("."), PKG, cache, Interest.ALL);
    assertThat(targets(edited))
        .contains("nautilus_trader.model.enums.OrderSide.SELL")
        .doesNotContain("nautilus_trader.model.enums.OrderSide.NONE");

    // Other words on the unchanged tree: the memo of Interest.ALL does not answer them.
    CodeBase focused = scanner.scan(repo, List.of("."), PKG, cache, none);
    assertThat(targets(focused)).doesNotContain("nautilus_trader.model.enums.OrderSide.SELL");
  }

  private static List<String> targets(CodeBase code) {
    return code.files().stream().flatMap(f -> f.uses().stream()).map(Use::target).toList();
  }
}
