package nautilus.autoupdate.code;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Finds whole-identifier occurrences of a set of words in source bytes, in one pass and without
 * allocating per identifier: the cheap test that decides which files and function bodies a scan
 * must read with tree-sitter. Bytes of multi-byte UTF-8 characters count as identifier characters,
 * as Python allows them in names.
 */
final class WordScan {
  /**
   * What a word is for, as bits (a word may be for several): making a file interesting (wins),
   * doing so only where written as a call's keyword, or only keeping a body in view.
   */
  static final byte TRIGGER = 4;

  static final byte KEYWORD = 2;

  static final byte FOCUS = 1;

  private static final boolean[] IDENT = new boolean[256];

  static {
    for (int c = 0; c < 256; c++) {
      IDENT[c] = c >= 0x80 || c == '_' || Character.isLetterOrDigit((char) c) && c < 0x80;
    }
  }

  /** Whether the byte can be part of a Python identifier (any byte of a multi-byte character). */
  static boolean identifierByte(byte b) {
    return IDENT[b & 0xff];
  }

  private final byte[][] table;
  private final byte[] roles;
  private final int mask;
  private final long lengths;

  /** For the substring search: the table slots of the words that start with each byte. */
  private final int[][] byFirstByte;

  /**
   * Words written {@code request_*}: any identifier starting with the prefix ("data request
   * methods" name no method), with their roles. Few, so they are compared one by one.
   */
  private final byte[][] prefixes;

  private final byte[] prefixRoles;

  /** The occurrences in one source: sorted start offsets, and those of trigger words. */
  record Hits(int[] offsets, int[] triggers) {
    static final Hits NONE = new Hits(new int[0], new int[0]);

    /** Whether a trigger word occurs: only then can the source hold a site. */
    boolean triggered() {
      return triggers.length > 0;
    }

    /** Whether any occurrence lies in {@code [start, end)}. */
    boolean within(int start, int end) {
      int i = Arrays.binarySearch(offsets, start);
      if (i < 0) {
        i = -i - 1;
      }
      return i < offsets.length && offsets[i] < end;
    }
  }

  WordScan(Collection<String> triggers, Collection<String> focus) {
    this(triggers, focus, List.of());
  }

  /**
   * {@code keywords} trigger only where written as a keyword argument ({@link #keywordArgument}),
   * and elsewhere are not looked for (unless also focus words, then they keep bodies in view); in
   * substring mode they trigger anywhere.
   */
  WordScan(Collection<String> triggers, Collection<String> focus, Collection<String> keywords) {
    int n =
        Math.max(
            4,
            Integer.highestOneBit(
                    Math.max(1, (triggers.size() + focus.size() + keywords.size()) * 4))
                * 2);
    table = new byte[n][];
    roles = new byte[n];
    mask = n - 1;
    long lens = 0;
    List<byte[]> pre = new ArrayList<>();
    List<Byte> preRoles = new ArrayList<>();
    for (String w : focus) {
      if (w.endsWith("*")) {
        pre.add(w.substring(0, w.length() - 1).getBytes(StandardCharsets.UTF_8));
        preRoles.add(FOCUS);
      } else {
        lens |= add(w, FOCUS);
      }
    }
    for (String w : keywords) {
      lens |= add(w, KEYWORD);
    }
    for (String w : triggers) {
      if (w.endsWith("*")) {
        pre.add(w.substring(0, w.length() - 1).getBytes(StandardCharsets.UTF_8));
        preRoles.add(TRIGGER);
      } else {
        lens |= add(w, TRIGGER);
      }
    }
    lengths = lens;
    prefixes = pre.toArray(byte[][]::new);
    prefixRoles = new byte[preRoles.size()];
    for (int k = 0; k < prefixRoles.length; k++) {
      prefixRoles[k] = preRoles.get(k);
    }
    byFirstByte = new int[256][];
    for (int slot = 0; slot < table.length; slot++) {
      if (table[slot] != null && table[slot].length > 0) {
        int first = table[slot][0] & 0xff;
        int[] old = byFirstByte[first];
        int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
        grown[grown.length - 1] = slot;
        byFirstByte[first] = grown;
      }
    }
  }

  private long add(String word, byte role) {
    byte[] b = word.getBytes(StandardCharsets.UTF_8);
    int slot = hash(b, 0, b.length) & mask;
    while (table[slot] != null && !Arrays.equals(table[slot], b)) {
      slot = (slot + 1) & mask;
    }
    table[slot] = b;
    roles[slot] |= role;
    return 1L << Math.min(63, b.length);
  }

  private static int hash(byte[] b, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16);
  }

  /**
   * Occurrences as whole identifiers; with {@code substrings}, anywhere (for JSON notebooks, where
   * an escaped newline runs into the next name).
   */
  Hits scan(byte[] src, boolean substrings) {
    return substrings ? scanSubstrings(src) : scanIdentifiers(src);
  }

  private Hits scanIdentifiers(byte[] src) {
    int[] found = new int[8];
    int count = 0;
    int[] triggers = new int[4];
    int triggerCount = 0;
    int i = 0;
    int n = src.length;
    while (i < n) {
      if (!IDENT[src[i] & 0xff]) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && IDENT[src[i] & 0xff]) {
        i++;
      }
      int len = i - start;
      byte bits = (lengths & (1L << Math.min(63, len))) == 0 ? 0 : lookup(src, start, i);
      byte role;
      if ((bits & TRIGGER) != 0) {
        role = TRIGGER;
      } else if ((bits & KEYWORD) != 0) {
        byte prefix = prefixes.length > 0 ? prefixRole(src, start, i) : 0;
        // Elsewhere a keyword word is no occurrence, unless it is a focus word too.
        role =
            prefix == TRIGGER || keywordArgument(src, start, i)
                ? TRIGGER
                : (bits & FOCUS) != 0 ? FOCUS : prefix;
      } else {
        role = bits;
      }
      if (role == 0 && prefixes.length > 0) {
        role = prefixRole(src, start, i);
      }
      if (role != 0) {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = start;
        if (role == TRIGGER) {
          if (triggerCount == triggers.length) {
            triggers = Arrays.copyOf(triggers, triggerCount * 2);
          }
          triggers[triggerCount++] = start;
        }
      }
    }
    return new Hits(Arrays.copyOf(found, count), Arrays.copyOf(triggers, triggerCount));
  }

  /**
   * Whether the identifier at {@code src[from, to)} may be a keyword argument: {@code =} (not
   * {@code ==}) follows it and {@code (} or {@code ,} precedes it, across whitespace, line
   * continuations and (after it) comments. A comment before it, on an earlier line, cannot be told
   * from code without reading the line's strings: a line holding a {@code #} counts as one. Some
   * other names pass too ({@code a, name = f()}, a parameter's default), never a keyword fails.
   */
  static boolean keywordArgument(byte[] src, int from, int to) {
    int n = src.length;
    int j = to;
    while (j < n) {
      byte c = src[j];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\\') {
        j++;
      } else if (c == '#') {
        while (j < n && src[j] != '\n') {
          j++;
        }
      } else {
        break;
      }
    }
    if (j >= n || src[j] != '=' || (j + 1 < n && src[j + 1] == '=')) {
      return false;
    }
    int k = from - 1;
    boolean newline = false;
    while (k >= 0) {
      byte c = src[k];
      if (c == '\n') {
        newline = true;
        k--;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\\') {
        k--;
      } else {
        break;
      }
    }
    if (k < 0) {
      return false;
    }
    if (src[k] == '(' || src[k] == ',') {
      return true;
    }
    if (newline) {
      for (int i = k; i >= 0 && src[i] != '\n'; i--) {
        if (src[i] == '#') {
          return true;
        }
      }
    }
    return false;
  }

  /** The strongest role of a prefix word that {@code src[from, to)} starts with, else 0. */
  private byte prefixRole(byte[] src, int from, int to) {
    byte best = 0;
    for (int k = 0; k < prefixes.length; k++) {
      byte[] p = prefixes[k];
      if (p.length <= to - from && Arrays.equals(p, 0, p.length, src, from, from + p.length)) {
        best = (byte) Math.max(best, prefixRoles[k]);
      }
    }
    return best;
  }

  private byte lookup(byte[] src, int from, int to) {
    int slot = hash(src, from, to) & mask;
    while (table[slot] != null) {
      byte[] w = table[slot];
      if (w.length == to - from && Arrays.equals(w, 0, w.length, src, from, to)) {
        return roles[slot];
      }
      slot = (slot + 1) & mask;
    }
    return 0;
  }

  /** One pass over the bytes: at each one, the words that start with it are compared. */
  private Hits scanSubstrings(byte[] src) {
    int[] found = new int[8];
    int count = 0;
    int[] triggers = new int[4];
    int triggerCount = 0;
    for (int at = 0; at < src.length; at++) {
      if (prefixes.length > 0) {
        byte role = prefixRole(src, at, src.length);
        if (role != 0) {
          if (count == found.length) {
            found = Arrays.copyOf(found, count * 2);
          }
          found[count++] = at;
          if (role == TRIGGER) {
            if (triggerCount == triggers.length) {
              triggers = Arrays.copyOf(triggers, triggerCount * 2);
            }
            triggers[triggerCount++] = at;
          }
        }
      }
      int[] candidates = byFirstByte[src[at] & 0xff];
      if (candidates == null) {
        continue;
      }
      for (int slot : candidates) {
        byte[] w = table[slot];
        if (at + w.length > src.length || !Arrays.equals(w, 0, w.length, src, at, at + w.length)) {
          continue;
        }
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = at;
        if ((roles[slot] & (TRIGGER | KEYWORD)) != 0) {
          if (triggerCount == triggers.length) {
            triggers = Arrays.copyOf(triggers, triggerCount * 2);
          }
          triggers[triggerCount++] = at;
        }
      }
    }
    return new Hits(Arrays.copyOf(found, count), Arrays.copyOf(triggers, triggerCount));
  }
}
