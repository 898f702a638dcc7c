package nautilus.autoupdate;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths inside a repository, relative to its root with forward slashes. */
public final class RepoPaths {
  private RepoPaths() {}

  /**
   * Collapses "." and ".." segments ({@code ""} is the root); null when the path leaves the
   * repository or is absolute.
   */
  public static String normalize(String rel) {
    String path = rel.replace('\\', '/');
    if (path.startsWith("/") || path.matches("^[A-Za-z]:/.*")) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }
}
