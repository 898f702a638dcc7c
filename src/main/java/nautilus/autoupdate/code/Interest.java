package nautilus.autoupdate.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identifiers a scan is for, so it can skip what cannot matter. A file can hold a site of a
 * change only where one of the change's {@code words} occurs (a renamed member, a moved module's
 * last segment, a keyword); {@code focusWords} (the owner of a config field, say) do not make a
 * file interesting, but keep the function bodies that mention them in view. A word ending in {@code
 * *} ({@code request_*}) stands for every identifier it starts. {@link #ALL} reads everything.
 */
public record Interest(
    Set<String> words, Set<String> focusWords, boolean all, List<String> prefixes) {
  public static final Interest ALL = new Interest(Set.of(), Set.of(), true, null);

  /**
   * {@code prefixes} is always derived from {@code words} (the {@code x*} ones, without the star).
   */
  public Interest {
    words = Set.copyOf(words);
    focusWords = Set.copyOf(focusWords);
    prefixes =
        words.stream()
            .filter(w -> w.endsWith("*"))
            .map(w -> w.substring(0, w.length() - 1))
            .sorted()
            .toList();
  }

  public static Interest of(Set<String> words, Set<String> focusWords) {
    return new Interest(words, focusWords, false, null);
  }

  /** Whether {@code identifier} is one of the words, or starts with a {@code prefix*} word. */
  public boolean names(String identifier) {
    if (words.contains(identifier)) {
      return true;
    }
    for (String p : prefixes) {
      if (identifier.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** A short stable key for caches: the same words give the same key. */
  String fingerprint() {
    if (all) {
      return "all";
    }
    StringBuilder sb = new StringBuilder();
    new TreeSet<>(words).forEach(w -> sb.append(w).append('\n'));
    sb.append('|');
    new TreeSet<>(focusWords).forEach(w -> sb.append(w).append('\n'));
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
