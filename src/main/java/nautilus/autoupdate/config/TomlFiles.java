package nautilus.autoupdate.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.Nesting;
import nautilus.autoupdate.UserError;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads TOML files with errors that name the file, line and column, and a nesting cap ({@link
 * Nesting}).
 */
public final class TomlFiles {
  private TomlFiles() {}

  /** Reads a UTF-8 text file or fails with a one-line error naming {@code shownAs}. */
  public static String readText(Path file, String shownAs) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new UserError(shownAs + ": not valid UTF-8 text", e);
    } catch (IOException e) {
      throw new UserError(shownAs + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** Parses TOML text; malformed input fails with {@code file:line:column: message}. */
  public static TomlParseResult parse(String text, String shownAs) {
    int deep = Nesting.tomlTooDeepAt(text);
    if (deep > 0) {
      throw new UserError(shownAs + ":" + deep + ": " + Nesting.message());
    }
    TomlParseResult result;
    try {
      result = Toml.parse(text);
    } catch (StackOverflowError e) {
      // Past the pre-scan (a nesting it does not see): still one line, never a trace.
      throw new UserError(shownAs + ": " + Nesting.message());
    } catch (RuntimeException e) {
      // tomlj throws instead of reporting some errors (an invalid escape inside a quoted key).
      throw new UserError(
          shownAs
              + ": malformed TOML: "
              + (e.getMessage() == null ? "syntax error" : e.getMessage()),
          e);
    }
    if (result.hasErrors()) {
      TomlParseError first = result.errors().get(0);
      throw new UserError(
          shownAs
              + ":"
              + first.position().line()
              + ":"
              + first.position().column()
              + ": malformed TOML: "
              + messageOf(first));
    }
    return result;
  }

  // tomlj appends " (line x, column y)"; the position is already in front.
  private static String messageOf(TomlParseError e) {
    String m = e.getMessage() == null ? "syntax error" : e.getMessage();
    int cut = m.lastIndexOf(" (line ");
    return cut > 0 ? m.substring(0, cut) : m;
  }
}
