package nautilus.autoupdate.fix;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one place edits meet bytes: validates, de-duplicates, sorts and applies byte-range edits, so
 * every byte outside the edited ranges (comments, quotes, spacing, CRLF, BOM) stays identical.
 */
public final class EditApplier {
  private EditApplier() {}

  /** Identical edits collapse to one; overlapping distinct edits are refused naming both. */
  public static byte[] apply(byte[] content, List<TextEdit> edits) {
    List<TextEdit> sorted = normalize(edits);
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 64);
    int pos = 0;
    for (TextEdit e : sorted) {
      if (e.endByte() > content.length) {
        throw new IllegalArgumentException(
            "edit ["
                + e.startByte()
                + ", "
                + e.endByte()
                + ") is past the end ("
                + content.length
                + ")");
      }
      out.write(content, pos, e.startByte() - pos);
      out.writeBytes(e.replacement().getBytes(StandardCharsets.UTF_8));
      pos = e.endByte();
    }
    out.write(content, pos, content.length - pos);
    return out.toByteArray();
  }

  /** Sorted by position without duplicates; throws when two distinct edits conflict. */
  public static List<TextEdit> normalize(List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(new LinkedHashSet<>(edits));
    sorted.sort(Comparator.comparingInt(TextEdit::startByte).thenComparingInt(TextEdit::endByte));
    // Sorted by start, an edit can only collide with the earlier range that reaches furthest.
    TextEdit furthest = null;
    for (TextEdit e : sorted) {
      if (furthest != null && furthest.conflictsWith(e)) {
        throw new IllegalArgumentException("overlapping edits: " + furthest + " and " + e);
      }
      if (e.startByte() < e.endByte() && (furthest == null || e.endByte() > furthest.endByte())) {
        furthest = e;
      }
    }
    return sorted;
  }

  /**
   * Where byte {@code offset} of the original content ends up after the edits (an offset inside a
   * replaced range maps to the start of its replacement).
   */
  public static int mapOffset(int offset, List<TextEdit> edits) {
    return mapSorted(offset, normalize(edits));
  }

  /** {@link #mapOffset} for edits already {@link #normalize normalized}. */
  static int mapSorted(int offset, List<TextEdit> sorted) {
    int shift = 0;
    for (TextEdit e : sorted) {
      int newLen = e.replacement().getBytes(StandardCharsets.UTF_8).length;
      if (e.endByte() <= offset && !(e.startByte() == e.endByte() && e.startByte() == offset)) {
        shift += newLen - (e.endByte() - e.startByte());
      } else if (e.startByte() < offset) {
        return e.startByte() + shift;
      }
    }
    return offset + shift;
  }
}
