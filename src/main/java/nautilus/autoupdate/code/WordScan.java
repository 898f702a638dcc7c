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

  /** A trigger word that counts only past its gate ({@link Interest#gates}). */
  static final byte GATED = 8;

  /** One of a gated word's gate words. */
  static final byte GATE = 16;

  /** The top-level name of one of our own modules: its import may hand on anything. */
  static final byte OWN = 32;

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

  /** For the substring search: the table slots of the words of 1-2 bytes by their first byte. */
  private final int[][] byFirstByte;

  /**
   * For the substring search: an open-addressing table from the first three bytes of the longer
   * words ({@link #firstThree}, never 0) to their slots.
   */
  private final int[] byFirstThree;

  private final int[][] slotsByFirstThree;
  private final int firstThreeMask;

  /**
   * Words written {@code request_*}: any identifier starting with the prefix ("data request
   * methods" name no method), with their roles. Few, so they are compared one by one.
   */
  private final byte[][] prefixes;

  private final byte[] prefixRoles;

  /** Per table slot of a gated word, the slots of its gate words; null elsewhere. */
  private final int[][] gateSlots;

  /** Per table slot, whether a gated word there counts written as an attribute ({@code .x}). */
  private final boolean[] dotted;

  private final boolean gating;

  /**
   * Gate words written {@code Polymarket*}: any capitalized identifier that starts with the prefix,
   * whatever its case ({@code PolymarketDataClient}, {@code POLYMARKET_VENUE}), lower-cased here;
   * their gate ids follow the table's slots.
   */
  private final byte[][] gatePrefixes;

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
    this(triggers, focus, keywords, java.util.Map.of(), java.util.Set.of(), java.util.Set.of());
  }

  /**
   * With {@code gates}: each of its words (also in {@code triggers}) triggers only in a source that
   * holds one of its gate words or one of {@code ownModules} (or a relative import), or, if in
   * {@code dotted}, where written as an attribute; elsewhere it is no occurrence at all.
   */
  WordScan(
      Collection<String> triggers,
      Collection<String> focus,
      Collection<String> keywords,
      java.util.Map<String, ? extends Collection<String>> gates,
      Collection<String> dotted,
      Collection<String> ownModules) {
    int gateWords = gates.values().stream().mapToInt(Collection::size).sum();
    int n =
        Math.max(
            4,
            Integer.highestOneBit(
                    Math.max(
                        1,
                        (triggers.size()
                                + focus.size()
                                + keywords.size()
                                + gateWords
                                + ownModules.size())
                            * 4))
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
        lens |= add(w, gates.containsKey(w) ? GATED : TRIGGER);
      }
    }
    List<String> capitalized = new ArrayList<>();
    for (Collection<String> g : gates.values()) {
      for (String w : g) {
        if (w.endsWith("*")) {
          String p = gatePrefix(w);
          if (!capitalized.contains(p)) {
            capitalized.add(p);
          }
        } else {
          lens |= add(w, GATE);
        }
      }
    }
    gatePrefixes =
        capitalized.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    // Our modules' names matter only to a gate: without one they stay out of the table.
    for (String w : gates.isEmpty() ? List.<String>of() : ownModules) {
      lens |= add(w, OWN);
    }
    lengths = lens;
    gateSlots = new int[table.length][];
    this.dotted = new boolean[table.length];
    gates.forEach(
        (w, g) -> {
          int slot = slotOf(w);
          if (slot < 0 || (roles[slot] & (GATED | KEYWORD)) == 0 || (roles[slot] & TRIGGER) != 0) {
            return;
          }
          gateSlots[slot] =
              g.stream()
                  .mapToInt(
                      x ->
                          x.endsWith("*")
                              ? table.length + capitalized.indexOf(gatePrefix(x))
                              : slotOf(x))
                  .filter(x -> x >= 0)
                  .toArray();
          this.dotted[slot] = dotted.contains(w);
        });
    gating = !gates.isEmpty();
    prefixes = pre.toArray(byte[][]::new);
    prefixRoles = new byte[preRoles.size()];
    for (int k = 0; k < prefixRoles.length; k++) {
      prefixRoles[k] = preRoles.get(k);
    }
    byFirstByte = new int[256][];
    int longWords = 0;
    for (int slot = 0; slot < table.length; slot++) {
      if (table[slot] != null && table[slot].length > 0 && table[slot].length < 3) {
        int first = table[slot][0] & 0xff;
        byFirstByte[first] = appended(byFirstByte[first], slot);
      } else if (table[slot] != null && table[slot].length >= 3) {
        longWords++;
      }
    }
    // Words of three bytes or more by their first three: a position meets a handful of candidates,
    // not every word starting with its byte (thousands of words for a v1 -> v2 diff).
    int size = Integer.highestOneBit(Math.max(1, longWords) * 2) * 2;
    byFirstThree = new int[size];
    slotsByFirstThree = new int[size][];
    firstThreeMask = size - 1;
    for (int slot = 0; slot < table.length; slot++) {
      if (table[slot] != null && table[slot].length >= 3) {
        int key = firstThree(table[slot], 0);
        int at = mix(key) & firstThreeMask;
        while (byFirstThree[at] != 0 && byFirstThree[at] != key) {
          at = (at + 1) & firstThreeMask;
        }
        byFirstThree[at] = key;
        slotsByFirstThree[at] = appended(slotsByFirstThree[at], slot);
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

  private static int[] appended(int[] old, int slot) {
    int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
    grown[grown.length - 1] = slot;
    return grown;
  }

  /** The three bytes at {@code at}, plus one, so that no key is 0 (an empty entry). */
  private static int firstThree(byte[] b, int at) {
    return (((b[at] & 0xff) << 16) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] & 0xff)) + 1;
  }

  private static int mix(int key) {
    int h = key * 0x9E3779B1;
    return h ^ (h >>> 15);
  }

  private int slotOf(String word) {
    byte[] b = word.getBytes(StandardCharsets.UTF_8);
    return slot(b, 0, b.length);
  }

  /** A gate word written {@code Polymarket*}: its prefix, lower-cased. */
  private static String gatePrefix(String word) {
    return word.substring(0, word.length() - 1).toLowerCase(java.util.Locale.ROOT);
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
    // Gated occurrences as (offset, slot) pairs, the gate words seen, and whether an own module is.
    int[] pending = new int[gating ? 8 : 0];
    int pendingCount = 0;
    boolean[] gatesSeen = null;
    boolean own = false;
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
      int slot = (lengths & (1L << Math.min(63, len))) == 0 ? -1 : slot(src, start, i);
      byte bits = slot < 0 ? 0 : roles[slot];
      if (gating) {
        if ((bits & GATE) != 0) {
          if (gatesSeen == null) {
            gatesSeen = new boolean[table.length + gatePrefixes.length];
          }
          gatesSeen[slot] = true;
        }
        if (gatePrefixes.length > 0 && src[start] >= 'A' && src[start] <= 'Z') {
          for (int k = 0; k < gatePrefixes.length; k++) {
            if (startsCaseless(src, start, i, gatePrefixes[k])) {
              if (gatesSeen == null) {
                gatesSeen = new boolean[table.length + gatePrefixes.length];
              }
              gatesSeen[table.length + k] = true;
            }
          }
        }
        if ((bits & OWN) != 0 || (len == 4 && relativeImport(src, start, i))) {
          own = true;
        }
      }
      byte role;
      // A gated occurrence is decided at the end, when the whole source has shown whether a gate
      // word is in it.
      boolean waits = false;
      if ((bits & TRIGGER) != 0) {
        role = TRIGGER;
      } else if ((bits & GATED) != 0) {
        role = TRIGGER;
        waits = !(dotted[slot] && afterDot(src, start));
      } else if ((bits & KEYWORD) != 0) {
        byte prefix = prefixes.length > 0 ? prefixRole(src, start, i) : 0;
        // Elsewhere a keyword word is no occurrence, unless it is a focus word too.
        role =
            prefix == TRIGGER || keywordArgument(src, start, i)
                ? TRIGGER
                : (bits & FOCUS) != 0 ? FOCUS : prefix;
        waits = role == TRIGGER && prefix != TRIGGER && gateSlots[slot] != null;
      } else {
        role = (byte) (bits & FOCUS);
      }
      if (waits) {
        if (pendingCount == pending.length) {
          pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = start;
        pending[pendingCount++] = slot;
        role = (byte) (bits & FOCUS);
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
    if (pendingCount > 0) {
      int kept = 0;
      for (int k = 0; k < pendingCount; k += 2) {
        if (own || seen(gatesSeen, gateSlots[pending[k + 1]])) {
          pending[kept++] = pending[k];
        }
      }
      if (kept > 0) {
        found = merged(found, count, pending, kept);
        count = found.length;
        triggers = merged(triggers, triggerCount, pending, kept);
        triggerCount = triggers.length;
      }
    }
    return new Hits(Arrays.copyOf(found, count), Arrays.copyOf(triggers, triggerCount));
  }

  /** Whether {@code src[from, to)} starts with {@code lower}, ASCII letters compared caseless. */
  private static boolean startsCaseless(byte[] src, int from, int to, byte[] lower) {
    if (to - from < lower.length) {
      return false;
    }
    for (int k = 0; k < lower.length; k++) {
      byte c = src[from + k];
      if (c >= 'A' && c <= 'Z') {
        c = (byte) (c + ('a' - 'A'));
      }
      if (c != lower[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean seen(boolean[] gatesSeen, int[] gates) {
    if (gatesSeen == null) {
      return false;
    }
    for (int g : gates) {
      if (gatesSeen[g]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The sorted union of {@code a[0, n)} and {@code b[0, m)}, both sorted (a gated focus word is in
   * both).
   */
  private static int[] merged(int[] a, int n, int[] b, int m) {
    int[] out = new int[n + m];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < n || j < m) {
      int next = j >= m || (i < n && a[i] < b[j]) ? a[i++] : b[j++];
      if (k == 0 || out[k - 1] != next) {
        out[k++] = next;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * Whether {@code src[from, to)} is {@code from} first on its line and followed by a dot: a
   * relative import (prose in a docstring may pass too, which only reads more).
   */
  private static boolean relativeImport(byte[] src, int from, int to) {
    if (src[from] != 'f' || src[from + 1] != 'r' || src[from + 2] != 'o' || src[from + 3] != 'm') {
      return false;
    }
    for (int k = from - 1; k >= 0 && src[k] != '\n'; k--) {
      if (src[k] != ' ' && src[k] != '\t') {
        return false;
      }
    }
    int j = to;
    while (j < src.length && (src[j] == ' ' || src[j] == '\t' || src[j] == '\\')) {
      j++;
    }
    return j < src.length && src[j] == '.';
  }

  /** Whether a {@code .} precedes the identifier at {@code from}, across blanks and newlines. */
  private static boolean afterDot(byte[] src, int from) {
    int k = from - 1;
    while (k >= 0
        && (src[k] == ' '
            || src[k] == '\t'
            || src[k] == '\n'
            || src[k] == '\r'
            || src[k] == '\\')) {
      k--;
    }
    return k >= 0 && src[k] == '.';
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

  /** The table slot of the word {@code src[from, to)}, or -1. */
  private int slot(byte[] src, int from, int to) {
    int slot = hash(src, from, to) & mask;
    while (table[slot] != null) {
      byte[] w = table[slot];
      if (w.length == to - from && Arrays.equals(w, 0, w.length, src, from, to)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The words of three bytes or more that start with the three bytes at {@code at}, or null. */
  private int[] longCandidates(byte[] src, int at) {
    if (at + 3 > src.length) {
      return null;
    }
    int key = firstThree(src, at);
    int i = mix(key) & firstThreeMask;
    while (byFirstThree[i] != 0) {
      if (byFirstThree[i] == key) {
        return slotsByFirstThree[i];
      }
      i = (i + 1) & firstThreeMask;
    }
    return null;
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
      for (int round = 0; round < 2; round++) {
        int[] candidates = round == 0 ? byFirstByte[src[at] & 0xff] : longCandidates(src, at);
        if (candidates == null) {
          continue;
        }
        for (int slot : candidates) {
          byte[] w = table[slot];
          // A gate or own-module name alone is no occurrence: there are no gates here.
          if ((roles[slot] & (TRIGGER | KEYWORD | GATED | FOCUS)) == 0
              || at + w.length > src.length
              || !Arrays.equals(w, 0, w.length, src, at, at + w.length)) {
            continue;
          }
          if (count == found.length) {
            found = Arrays.copyOf(found, count * 2);
          }
          found[count++] = at;
          if ((roles[slot] & (TRIGGER | KEYWORD | GATED)) != 0) {
            if (triggerCount == triggers.length) {
              triggers = Arrays.copyOf(triggers, triggerCount * 2);
            }
            triggers[triggerCount++] = at;
          }
        }
      }
    }
    return new Hits(Arrays.copyOf(found, count), Arrays.copyOf(triggers, triggerCount));
  }
}
