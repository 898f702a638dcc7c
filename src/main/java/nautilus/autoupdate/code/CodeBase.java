package nautilus.autoupdate.code;

import java.nio.file.Path;
import java.util.List;

/**
 * The downstream code as the matcher sees it: every scanned file with its uses of {@code
 * packageName}, sorted by path, plus scan figures: files and bytes looked at, and those this scan
 * parsed with tree-sitter (the rest came from the cache or held nothing of interest), and what it
 * could not read ({@code unread}, by path).
 */
public record CodeBase(
    Path root,
    String packageName,
    List<FileUses> files,
    int scannedFiles,
    long scannedBytes,
    int parsedFiles,
    long parsedBytes,
    List<UnreadFile> unread) {
  public CodeBase {
    files = List.copyOf(files);
    unread = unread == null ? List.of() : List.copyOf(unread);
  }
}
