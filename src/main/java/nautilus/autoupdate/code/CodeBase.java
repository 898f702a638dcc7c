package nautilus.autoupdate.code;

import java.nio.file.Path;
import java.util.List;

/**
 * The downstream code as the matcher sees it: every scanned file with its uses of {@code
 * packageName}, sorted by path, plus scan figures.
 */
public record CodeBase(
    Path root, String packageName, List<FileUses> files, int scannedFiles, long scannedBytes) {
  public CodeBase {
    files = List.copyOf(files);
  }
}
