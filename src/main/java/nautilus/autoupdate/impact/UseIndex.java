package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.FileUses;
import nautilus.autoupdate.code.Kwarg;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.code.UseKind;

/**
 * The uses of a code base indexed by the names a breaking change can hit, so matching looks at a
 * handful of candidates per old identifier instead of every use in the tree.
 */
final class UseIndex {
  /** {@code order}: the use's place in the code base, so a subset keeps code-base order. */
  record Entry(FileUses file, Use use, int order) {}

  private final Map<String, List<Entry>> byLastSegment = new HashMap<>();
  private final Map<String, List<Entry>> byKwarg = new HashMap<>();
  private final Map<String, List<Entry>> byTarget = new java.util.LinkedHashMap<>();
  private final List<Entry> importLike = new ArrayList<>();

  /** The imports and config strings by the path they name, for a dotted name's range. */
  private final java.util.TreeMap<String, List<Entry>> importsByTarget = new java.util.TreeMap<>();

  UseIndex(CodeBase code) {
    int order = 0;
    for (FileUses f : code.files()) {
      for (Use u : f.uses()) {
        Entry e = new Entry(f, u, order++);
        String t = u.target();
        byLastSegment
            .computeIfAbsent(t.substring(t.lastIndexOf('.') + 1), k -> new ArrayList<>())
            .add(e);
        byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(e);
        if (u.kind() == UseKind.IMPORT || u.kind() == UseKind.CONFIG_STRING) {
          importLike.add(e);
          importsByTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(e);
        }
        for (Kwarg k : u.kwargs()) {
          byKwarg.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(e);
        }
      }
    }
  }

  /** Every use that could match {@code old}, each once, in code-base order. */
  List<Entry> candidates(OldName old) {
    Set<Use> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Entry> out = new ArrayList<>();
    if (old.qualified()) {
      // An import or config string matches a dotted name only at or under it (a wildcard's module
      // is judged by the matcher); taking just those saves every diff finding a pass over them all.
      add(old.wildcard() ? importLike : importsUnder(old.text()), seen, out);
      add(byTarget.getOrDefault(old.text(), List.of()), seen, out);
      if (old.wildcard()) {
        String under = old.text() + ".";
        byTarget.forEach(
            (t, entries) -> {
              if (t.startsWith(under)) {
                add(entries, seen, out);
              }
            });
      }
    } else {
      add(byLastSegment.getOrDefault(old.last(), List.of()), seen, out);
      add(byKwarg.getOrDefault(old.last(), List.of()), seen, out);
    }
    return out;
  }

  /**
   * Every use whose path passes through a segment named {@code segment} ({@code
   * pkg.common.clock.LiveClock} for {@code clock}), in code-base order of first use per path.
   */
  List<Entry> throughSegment(String segment) {
    String inside = "." + segment + ".";
    String last = "." + segment;
    List<Entry> out = new ArrayList<>();
    byTarget.forEach(
        (t, entries) -> {
          if (t.contains(inside) || t.endsWith(last)) {
            out.addAll(entries);
          }
        });
    return out;
  }

  /** Every call whose callee's last name passes {@code name}, in code-base order per name. */
  List<Entry> calls(java.util.function.Predicate<String> name) {
    List<Entry> out = new ArrayList<>();
    byLastSegment.forEach(
        (last, entries) -> {
          if (name.test(last)) {
            entries.stream().filter(e -> e.use().kind() == UseKind.CALL).forEach(out::add);
          }
        });
    return out;
  }

  /** The imports and config strings naming {@code path} or a path under it, in code-base order. */
  private List<Entry> importsUnder(String path) {
    List<Entry> out = new ArrayList<>(importsByTarget.getOrDefault(path, List.of()));
    // '/' follows '.': the range holds exactly the keys starting with "path.".
    importsByTarget.subMap(path + ".", path + "/").values().forEach(out::addAll);
    out.sort(java.util.Comparator.comparingInt(Entry::order));
    return out;
  }

  private static void add(List<Entry> from, Set<Use> seen, List<Entry> out) {
    for (Entry e : from) {
      if (seen.add(e.use())) {
        out.add(e);
      }
    }
  }
}
