package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * The sites of one cause ({@link Cause}): a release note, or what many API-diff findings share (the
 * names that moved to one module, the members one class lost). A big upgrade reaches thousands of
 * sites through hundreds of findings; grouped, it is a short list a person can act on. {@code
 * change} is the group's first change and {@code changes} all of them (indexes into the report's
 * breaking changes); {@code cause} the kind of cause; {@code names} the names, members or
 * parameters it covers (empty for a note); {@code replacement} what the change names instead (null
 * when none); {@code withFix} counts the sites that carry a suggested edit (the fixer still proves
 * each one against the target's model before writing it); {@code examples} are a few {@code
 * file:line} locations, in file order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteGroup(
    int change,
    List<Integer> changes,
    String cause,
    String version,
    String text,
    String source,
    @JsonInclude(JsonInclude.Include.ALWAYS) String replacement,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> names,
    Severity severity,
    int sites,
    int files,
    int withFix,
    List<String> examples) {

  /** How many example locations a group keeps. */
  public static final int EXAMPLES = 3;

  public SiteGroup {
    changes = List.copyOf(changes);
    names = List.copyOf(names);
    examples = List.copyOf(examples);
  }

  /** The report's sites grouped by cause, most sites first (then most files, then note order). */
  public static List<SiteGroup> of(List<BreakingChange> changes, List<AffectedFile> affectedFiles) {
    Map<String, Acc> byCause = new LinkedHashMap<>();
    Map<Integer, Cause> causes = new LinkedHashMap<>();
    for (AffectedFile f : affectedFiles) {
      for (Site s : f.sites()) {
        Cause cause =
            causes.computeIfAbsent(
                s.change(),
                i ->
                    i >= 0 && i < changes.size()
                        ? Cause.of(i, changes.get(i))
                        : new Cause("unknown:" + i, "change", "change #" + i, null, null, null));
        Acc a = byCause.computeIfAbsent(cause.key(), k -> new Acc(cause));
        a.add(s.change(), cause);
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
    for (Acc a : byCause.values()) {
      int first = a.changes.stream().min(Integer::compare).orElseThrow();
      BreakingChange c = first >= 0 && first < changes.size() ? changes.get(first) : null;
      List<Integer> all = a.changes.stream().sorted().toList();
      out.add(
          new SiteGroup(
              first,
              all,
              a.cause.kind(),
              c == null ? null : c.version().toString(),
              a.cause.single()
                  ? a.cause.subject()
                  : a.cause.text(List.copyOf(a.names), List.copyOf(a.froms), a.renames),
              c == null ? null : c.source(),
              a.replacement(),
              List.copyOf(a.names),
              a.severity,
              a.sites,
              a.files.size(),
              a.withFix,
              a.examples));
    }
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
    final Cause cause;
    int sites;
    int withFix;
    Severity severity = Severity.LOW;
    final Set<String> files = new HashSet<>();
    final List<String> examples = new ArrayList<>();
    final Set<Integer> changes = new LinkedHashSet<>();
    final Set<String> names = new LinkedHashSet<>();
    final Set<String> froms = new LinkedHashSet<>();
    final List<String> renames = new ArrayList<>();
    final Set<String> replacements = new LinkedHashSet<>();

    Acc(Cause cause) {
      this.cause = cause;
    }

    /** The change's part of the cause: its name, its old module, its replacement. */
    void add(int index, Cause own) {
      if (!changes.add(index)) {
        return;
      }
      if (own.name() != null) {
        names.add(own.name());
      }
      if (own.from() != null) {
        froms.add(own.from());
      }
      if (own.replacement() != null) {
        replacements.add(own.replacement());
        if (own.kind().equals("members") || own.kind().equals("parameters")) {
          String to = own.replacement();
          renames.add(own.name() + " → " + to.substring(to.lastIndexOf('.', to.length() - 2) + 1));
        }
      }
    }

    String replacement() {
      return replacements.isEmpty() ? null : String.join(", ", replacements);
    }
  }
}
