package nautilus.autoupdate;

/**
 * How one external command ended. {@code startError} is set (and {@code exitCode} is -1) when the
 * program could not be started at all, e.g. not installed.
 */
public record CommandResult(
    int exitCode,
    String stdout,
    String stderr,
    boolean timedOut,
    String startError,
    double seconds) {

  public boolean started() {
    return startError == null;
  }

  public boolean ok() {
    return started() && !timedOut && exitCode == 0;
  }

  /** The last non-blank line of stderr (else stdout): what a one-line error message should show. */
  public String lastLine() {
    if (!started()) {
      return startError;
    }
    String line = lastNonBlank(stderr);
    return line.isEmpty() ? lastNonBlank(stdout) : line;
  }

  private static String lastNonBlank(String text) {
    String[] lines = text == null ? new String[0] : text.split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return lines[i].strip();
      }
    }
    return "";
  }
}
