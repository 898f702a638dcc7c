package nautilus.autoupdate.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import nautilus.autoupdate.UserError;

/** Writes files atomically: a temporary file in the same folder, then an atomic move. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path file, String text) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UserError(file + ": cannot write (" + e.getMessage() + ")", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The move succeeded or the write already failed with a clearer message.
        }
      }
    }
  }
}
