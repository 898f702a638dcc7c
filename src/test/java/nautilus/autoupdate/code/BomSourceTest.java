package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file saved with a UTF-8 byte-order mark reads like any other (its offsets are not shifted). */
class BomSourceTest {
  @TempDir Path tmp;

  @Test
  void importsOfAFileWithAByteOrderMarkResolve() throws Exception {
    byte[] text =
        "from nautilus_trader.analysis.statistics import WinRate\n\nrate = WinRate()\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);
    Files.write(tmp.resolve("bom.py"), withBom);
    for (Interest interest :
        List.of(Interest.ALL, Interest.of(java.util.Set.of("statistics"), java.util.Set.of()))) {
      FileUses f =
          new CodeScanner(1)
              .scan(tmp, List.of("."), "nautilus_trader", null, interest)
              .files()
              .get(0);
      assertThat(f.uses())
          .extracting(Use::kind, Use::target)
          .contains(
              org.assertj.core.groups.Tuple.tuple(
                  UseKind.IMPORT, "nautilus_trader.analysis.statistics.WinRate"));
      assertThat(f.uses().get(0).at().line()).isEqualTo(1);
    }
  }
}
