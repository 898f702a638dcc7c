package nautilus.autoupdate.code;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a file's bytes name the package: what decides if a file the scan could not read may still
 * use it.
 */
final class Mentions {
  private static final int CHUNK = 1 << 16;

  private Mentions() {}

  static boolean in(byte[] bytes, String packageName) {
    byte[] needle = packageName.getBytes(StandardCharsets.UTF_8);
    return indexOf(bytes, bytes.length, needle, 0) >= 0;
  }

  /**
   * Streams through the file in fixed chunks (it may be too large to hold). A file that cannot be
   * read may use the package: no one can tell.
   */
  static boolean inFile(Path file, String packageName) {
    byte[] needle = packageName.getBytes(StandardCharsets.UTF_8);
    byte[] buf = new byte[CHUNK + needle.length];
    int kept = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        int n = in.readNBytes(buf, kept, CHUNK);
        if (n <= 0) {
          return false;
        }
        int len = kept + n;
        if (indexOf(buf, len, needle, 0) >= 0) {
          return true;
        }
        // Keep the tail: the name may straddle two chunks.
        kept = Math.min(needle.length - 1, len);
        System.arraycopy(buf, len - kept, buf, 0, kept);
      }
    } catch (IOException e) {
      return true;
    }
  }

  private static int indexOf(byte[] hay, int len, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= len; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
