package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * The sites of one cause: one breaking change (a note, or an API-diff change such as a moved module
 * or a removed class). A big upgrade reaches thousands of sites; grouped, it is a short list a
 * person can act on. {@code replacement} is what the change names instead (null when none); {@code
 * withFix} counts the sites that carry a suggested edit (the fixer still proves each one against
 * the target's model before writing it); {@code examples} are a few {@code file:line} locations, in
 * file order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteGroup(
    int change,
    String version,
    String text,
    String source,
    @JsonInclude(JsonInclude.Include.ALWAYS) String replacement,
    Severity severity,
    int sites,
    int files,
    int withFix,
    List<String> examples) {

  /** How many example locations a group keeps. */
  public static final int EXAMPLES = 3;

  public SiteGroup {
    examples = List.copyOf(examples);
  }

  /** The report's sites grouped by change, most sites first (then most files, then note order). */
  public static List<SiteGroup> of(List<BreakingChange> changes, List<AffectedFile> affectedFiles) {
    Map<Integer, Acc> byChange = new LinkedHashMap<>();
    for (AffectedFile f : affectedFiles) {
      for (Site s : f.sites()) {
        Acc a = byChange.computeIfAbsent(s.change(), k -> new Acc());
        a.sites++;
        a.severity = Severity.worst(a.severity, f.severity());
        if (s.fix() != null) {
          a.withFix++;
        }
        if (a.files.add(f.path()) && a.examples.size() < EXAMPLES) {
          String where = s.cell() == null ? "" : "cell " + s.cell() + ", ";
          a.examples.add(f.path() + ":" + where + s.line());
        }
      }
    }
    List<SiteGroup> out = new ArrayList<>();
    byChange.forEach(
        (i, a) -> {
          BreakingChange c = i >= 0 && i < changes.size() ? changes.get(i) : null;
          out.add(
              new SiteGroup(
                  i,
                  c == null ? null : c.version().toString(),
                  c == null ? "change #" + i : c.text(),
                  c == null ? null : c.source(),
                  c == null ? null : replacement(c),
                  a.severity,
                  a.sites,
                  a.files.size(),
                  a.withFix,
                  a.examples));
        });
    out.sort(
        Comparator.comparingInt(SiteGroup::sites)
            .reversed()
            .thenComparing(Comparator.comparingInt(SiteGroup::files).reversed())
            .thenComparingInt(SiteGroup::change));
    return List.copyOf(out);
  }

  /** The change's named replacements, joined; null when it names none. */
  static String replacement(BreakingChange c) {
    List<String> named = new ArrayList<>();
    for (int i = 0; i < c.old().size(); i++) {
      String r = c.replacementFor(i);
      if (r != null && !r.isBlank() && !named.contains(r)) {
        named.add(r);
      }
    }
    return named.isEmpty() ? null : String.join(", ", named);
  }

  private static final class Acc {
    int sites;
    int withFix;
    Severity severity = Severity.LOW;
    final Set<String> files = new HashSet<>();
    final List<String> examples = new ArrayList<>();
  }
}
