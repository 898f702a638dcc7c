package nautilus.autoupdate.deps;

/**
 * One kind of file that declares dependencies. Implementations are pure functions of a file's text
 * (no I/O), registered in {@link PinFiles#all()}.
 */
public interface PinFile {
  /** A short stable id, also the name of its fixture folder ({@code pyproject}). */
  String id();

  /** Whether this kind reads the file at {@code relPath} (forward slashes). */
  boolean handles(String relPath);

  /** Every dependency entry in the text. Never throws: unreadable text gives an error scan. */
  PinScan extract(String relPath, String text);

  /**
   * The text with {@code indexUrl} configured as the source of {@code packageName} (for nightly and
   * develop builds), or the same text when it already is.
   */
  String ensureIndex(String relPath, String text, String packageName, String indexUrl);
}
