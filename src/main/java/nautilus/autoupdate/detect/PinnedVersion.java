package nautilus.autoupdate.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * The version the downstream project pins now, read from its dependency file: {@code
 * nautilus_trader==1.221.0} (or {@code nautilus-trader[extras]===...}). Empty when the file or an
 * exact pin is missing, so detection still works on projects that use ranges.
 */
public final class PinnedVersion {
  private PinnedVersion() {}

  public static Optional<Version> read(Path dependencyFile, String packageName) {
    if (!Files.isRegularFile(dependencyFile)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(dependencyFile);
    } catch (IOException e) {
      throw new UserError("cannot read " + dependencyFile + ": " + e.getMessage(), e);
    }
    String name = packageName.replaceAll("[-_.]+", "[-_.]+");
    Matcher m =
        Pattern.compile(
                "(?i)[\"'\\s]" + name + "\\s*(?:\\[[^\\]]*\\])?\\s*===?\\s*([0-9][^\"',;\\s]*)")
            .matcher(" " + text);
    return m.find() ? Version.tryParse(m.group(1)) : Optional.empty();
  }
}
