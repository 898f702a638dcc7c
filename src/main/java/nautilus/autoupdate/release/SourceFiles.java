package nautilus.autoupdate.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import nautilus.autoupdate.UserError;

/** Reads a release-notes file, turning I/O failures into one-line errors that name it. */
public final class SourceFiles {
  private SourceFiles() {}

  /**
   * The file's UTF-8 text.
   *
   * @param expected what the file should be, for the error message ("a RELEASES.md file")
   */
  public static String read(Path file, String expected) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": file not found (expected " + expected + ")", e);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }
}
