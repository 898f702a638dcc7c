package nautilus.autoupdate;

/**
 * Line lookup over a sorted array of line-start offsets (bytes or chars, as the caller keeps them).
 */
public final class LineStarts {
  private LineStarts() {}

  /** The 0-based index of the line that holds {@code offset}: the last start at or before it. */
  public static int indexOf(int[] lineStarts, int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
