package nautilus.autoupdate;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 checks on raw bytes, agreeing with the JDK's decoder (no overlong forms, no
 * surrogates, nothing above U+10FFFF): tree-sitter is handed a decoded string, so bytes the decoder
 * replaces would shift every byte offset after them.
 */
public final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte that is not part of valid UTF-8, or -1 when all of it is. */
  public static int firstInvalid(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) {
          lo = 0xA0; // overlong
        } else if (c == 0xED) {
          hi = 0x9F; // surrogates
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) {
          lo = 0x90; // overlong
        } else if (c == 0xF4) {
          hi = 0x8F; // above U+10FFFF
        }
      } else {
        return i;
      }
      if (i + len > n) {
        return i;
      }
      int second = b[i + 1] & 0xFF;
      if (second < lo || second > hi) {
        return i;
      }
      for (int k = 2; k < len; k++) {
        int cont = b[i + k] & 0xFF;
        if (cont < 0x80 || cont > 0xBF) {
          return i;
        }
      }
      i += len;
    }
    return -1;
  }

  /** The bytes with each malformed sequence replaced by U+FFFD, as the JDK decodes them. */
  public static byte[] replaced(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
  }
}
