package nautilus.autoupdate.fix;

import java.util.Objects;

/**
 * Replaces the bytes {@code [startByte, endByte)} of a file's UTF-8 content with {@code
 * replacement}; an insertion when start equals end. Offsets are bytes because tree-sitter's are.
 */
public record TextEdit(int startByte, int endByte, String replacement) {
  public TextEdit {
    Objects.requireNonNull(replacement, "replacement");
    if (startByte < 0 || endByte < startByte) {
      throw new IllegalArgumentException(
          "invalid edit range [" + startByte + ", " + endByte + ") for '" + replacement + "'");
    }
  }

  public static TextEdit replace(int start, int end, String text) {
    return new TextEdit(start, end, text);
  }

  public static TextEdit insert(int at, String text) {
    return new TextEdit(at, at, text);
  }

  public static TextEdit delete(int start, int end) {
    return new TextEdit(start, end, "");
  }

  /**
   * Whether both touch the same bytes: their ranges overlap, or one inserts inside the other's
   * range. Insertions at one point do not conflict; they apply in the order given.
   */
  public boolean conflictsWith(TextEdit other) {
    if (equals(other) || startByte == endByte && other.startByte == other.endByte) {
      return false;
    }
    return startByte < other.endByte && other.startByte < endByte
        || startByte == endByte && startByte > other.startByte && startByte < other.endByte
        || other.startByte == other.endByte
            && other.startByte > startByte
            && other.startByte < endByte;
  }
}
