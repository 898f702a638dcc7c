package nautilus.autoupdate.code;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A byte range of a file (of a notebook cell's source, like {@link Location}): {@code start}
 * inclusive, {@code end} exclusive. Written as an array in the scan caches.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"start", "end"})
public record Span(int start, int end) {
  /** Whether {@code at} starts inside this range (same cell assumed). */
  public boolean holds(Location at) {
    return at.startByte() >= start && at.startByte() < end;
  }
}
