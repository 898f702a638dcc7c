package nautilus.autoupdate.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identifiers a scan is for, so it can skip what cannot matter. A file can hold a site of a
 * change only where one of the change's {@code words} occurs (a renamed member, a moved module's
 * last segment, a keyword); {@code focusWords} (the owner of a config field, say) do not make a
 * file interesting, but keep the function bodies that mention them in view. {@code keywordWords}
 * count only where written as a call's keyword ({@code result=} after {@code (} or {@code ,}): a
 * change that can reach only a keyword argument (a keyword whose declared type changed, a method's
 * removed parameter) needs no file, nor function body, where the name is only a local variable or
 * an attribute. A word ending in {@code *} ({@code request_*}) stands for every identifier it
 * starts. {@link #ALL} reads everything.
 *
 * <p>A word in {@code gates} can be matched only through names a file writes (a member through its
 * owner: {@code precision} of {@code LongRatio}; a dotted path through its parent segment; a scoped
 * note through its adapter): it makes a file interesting only where the file also holds one of its
 * gate words ({@code Polymarket*}: a capitalized name starting so, whatever its case) or imports a
 * module of our own (which may hand on an alias or a subclass), or, for a word in {@code dotted},
 * where it is written as an attribute ({@code x.asset_id}: a note's distinctive member is matched
 * on values of unknown type). A JSON notebook, searched as plain text, has no gates.
 */
public record Interest(
    Set<String> words,
    Set<String> focusWords,
    Set<String> keywordWords,
    boolean all,
    List<String> prefixes,
    Map<String, Set<String>> gates,
    Set<String> dotted) {
  public static final Interest ALL =
      new Interest(Set.of(), Set.of(), Set.of(), true, null, Map.of(), Set.of());

  /**
   * {@code prefixes} is always derived from {@code words} (the {@code x*} ones, without the star);
   * a keyword word that is also a word, or a prefix, is a word.
   */
  public Interest {
    Set<String> w = new java.util.HashSet<>(words);
    keywordWords.stream().filter(k -> k.endsWith("*")).forEach(w::add);
    words = Set.copyOf(w);
    focusWords = Set.copyOf(focusWords);
    keywordWords =
        keywordWords.stream()
            .filter(k -> !w.contains(k))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    Set<String> finalKeywords = keywordWords;
    prefixes =
        words.stream()
            .filter(x -> x.endsWith("*"))
            .map(x -> x.substring(0, x.length() - 1))
            .sorted()
            .toList();
    gates =
        gates.entrySet().stream()
            .filter(
                e ->
                    (w.contains(e.getKey()) || finalKeywords.contains(e.getKey()))
                        && !e.getKey().endsWith("*"))
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    dotted =
        dotted.stream()
            .filter(gates::containsKey)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public static Interest of(Set<String> words, Set<String> focusWords) {
    return of(words, focusWords, Set.of());
  }

  public static Interest of(Set<String> words, Set<String> focusWords, Set<String> keywordWords) {
    return new Interest(words, focusWords, keywordWords, false, null, Map.of(), Set.of());
  }

  /** This interest with {@code gates} and {@code dotted} (see the class comment). */
  public Interest gated(Map<String, Set<String>> gates, Set<String> dotted) {
    return all ? this : new Interest(words, focusWords, keywordWords, false, null, gates, dotted);
  }

  /** The same interest with more words, none of them gated (an alias our code binds, say). */
  Interest withWords(Set<String> more) {
    Set<String> w = new java.util.HashSet<>(words);
    w.addAll(more);
    Map<String, Set<String>> g = new java.util.HashMap<>(gates);
    g.keySet().removeAll(more);
    return new Interest(w, focusWords, keywordWords, all, null, g, dotted);
  }

  /**
   * Whether {@code identifier} is one of the words or keyword words, or starts with a {@code
   * prefix*} word.
   */
  public boolean names(String identifier) {
    if (words.contains(identifier) || keywordWords.contains(identifier)) {
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
    if (!keywordWords.isEmpty()) {
      sb.append('|');
      new TreeSet<>(keywordWords).forEach(w -> sb.append(w).append('\n'));
    }
    if (!gates.isEmpty()) {
      sb.append("|gates");
      new java.util.TreeMap<>(gates)
          .forEach(
              (w, g) -> {
                sb.append(w).append(dotted.contains(w) ? ".=" : "=");
                new TreeSet<>(g).forEach(x -> sb.append(x).append(','));
                sb.append('\n');
              });
    }
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
