package nautilus.autoupdate.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A unified diff (as `git diff` prints it, 3 lines of context) of one file's two versions. */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff, or "" when the contents are equal. */
  public static String of(String path, byte[] before, byte[] after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    // Edits are local, so trimming the common ends keeps the quadratic LCS small.
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    if (prefix == a.size() && prefix == b.size()) {
      return "";
    }
    List<char[]> ops = new ArrayList<>(); // {op} per line: ' ', '-', '+'
    List<String> text = new ArrayList<>();
    for (int i = 0; i < prefix; i++) {
      ops.add(new char[] {' '});
      text.add(a.get(i));
    }
    middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), ops, text);
    for (int i = a.size() - suffix; i < a.size(); i++) {
      ops.add(new char[] {' '});
      text.add(a.get(i));
    }
    return "--- a/" + path + "\n+++ b/" + path + "\n" + hunks(ops, text);
  }

  private static void middle(List<String> a, List<String> b, List<char[]> ops, List<String> text) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        ops.add(new char[] {' '});
        text.add(a.get(i++));
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // Deletions first, as git prints them.
        ops.add(new char[] {'-'});
        text.add(a.get(i++));
      } else {
        ops.add(new char[] {'+'});
        text.add(b.get(j++));
      }
    }
  }

  private static String hunks(List<char[]> ops, List<String> text) {
    StringBuilder out = new StringBuilder();
    int n = ops.size();
    int k = 0;
    while (k < n) {
      if (ops.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // Extend while the next change is within 2*CONTEXT unchanged lines.
      int lastChange = k;
      for (int m = k; m < n; m++) {
        if (ops.get(m)[0] != ' ') {
          lastChange = m;
        } else if (m - lastChange > 2 * CONTEXT) {
          break;
        }
      }
      end = Math.min(n, lastChange + CONTEXT + 1);
      int oldStart = 1;
      int newStart = 1;
      for (int m = 0; m < start; m++) {
        if (ops.get(m)[0] != '+') {
          oldStart++;
        }
        if (ops.get(m)[0] != '-') {
          newStart++;
        }
      }
      int oldLen = 0;
      int newLen = 0;
      StringBuilder body = new StringBuilder();
      for (int m = start; m < end; m++) {
        char op = ops.get(m)[0];
        if (op != '+') {
          oldLen++;
        }
        if (op != '-') {
          newLen++;
        }
        body.append(op).append(text.get(m)).append('\n');
      }
      out.append("@@ -")
          .append(range(oldLen == 0 ? oldStart - 1 : oldStart, oldLen))
          .append(" +")
          .append(range(newLen == 0 ? newStart - 1 : newStart, newLen))
          .append(" @@\n")
          .append(body);
      k = end;
    }
    return out.toString();
  }

  private static String range(int start, int len) {
    return len == 1 ? String.valueOf(start) : start + "," + len;
  }

  /** Lines without their terminators (a CR of CRLF included), as a terminal shows them. */
  static List<String> lines(byte[] content) {
    String s = new String(content, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        int end = i > from && s.charAt(i - 1) == '\r' ? i - 1 : i;
        out.add(s.substring(from, end));
        from = i + 1;
      }
    }
    if (from < s.length()) {
      out.add(s.substring(from));
    }
    return out;
  }
}
