package nautilus.autoupdate.update;

import java.util.ArrayList;
import java.util.List;

/** A small unified-style diff for previews: pin edits change a few lines in place. */
public final class Diffs {
  private Diffs() {}

  public static List<String> unified(String path, String before, String after) {
    List<String> out = new ArrayList<>();
    if (before.equals(after)) {
      return out;
    }
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    out.add("--- a/" + path);
    out.add("+++ b/" + path);
    int start = 0;
    while (start < a.length && start < b.length && a[start].equals(b[start])) {
      start++;
    }
    int endA = a.length - 1;
    int endB = b.length - 1;
    while (endA >= start && endB >= start && a[endA].equals(b[endB])) {
      endA--;
      endB--;
    }
    out.add(
        "@@ -"
            + (start + 1)
            + ","
            + (endA - start + 1)
            + " +"
            + (start + 1)
            + ","
            + (endB - start + 1)
            + " @@");
    for (int i = start; i <= endA; i++) {
      out.add("-" + a[i]);
    }
    for (int i = start; i <= endB; i++) {
      out.add("+" + b[i]);
    }
    return out;
  }
}
