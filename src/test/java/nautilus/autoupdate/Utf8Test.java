package nautilus.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class Utf8Test {
  /** The JDK's strict decoder: the one tree-sitter's input is decoded with. */
  private static boolean jdkAccepts(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Property(tries = 3000)
  void agreesWithTheJdkDecoderAndReplacementAlwaysGivesValidUtf8(@ForAll byte[] bytes) {
    assertThat(Utf8.firstInvalid(bytes) < 0).isEqualTo(jdkAccepts(bytes));
    assertThat(Utf8.firstInvalid(Utf8.replaced(bytes))).isEqualTo(-1);
    int bad = Utf8.firstInvalid(bytes);
    if (bad >= 0) {
      // Everything before the first bad byte is valid on its own.
      assertThat(Utf8.firstInvalid(java.util.Arrays.copyOf(bytes, bad))).isEqualTo(-1);
    }
  }

  @Property(tries = 500)
  void validTextIsValid(@ForAll String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.firstInvalid(b)).isEqualTo(jdkAccepts(b) ? -1 : Utf8.firstInvalid(b));
    assertThat(Utf8.firstInvalid(Utf8.replaced(b))).isEqualTo(-1);
  }
}
