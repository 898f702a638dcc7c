package nautilus.autoupdate.notes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nautilus.autoupdate.version.Version;

/**
 * One breaking change, structured. {@code old} holds identifiers as downstream code contains them
 * (dotted where the owner is known: {@code Strategy.on_tick}, {@code
 * nautilus_trader.analysis.statistics}); {@code replacements} (JSON {@code new}) is aligned with
 * {@code old}, an entry null where the note names no replacement. {@code source} says where the
 * item came from: {@code releases-md}, {@code n8n}, {@code commit}, {@code api-diff}. {@code owner}
 * is where the class or callable that {@code old} names is defined ({@code
 * nautilus_trader.core.nautilus_pyo3.BarType} for {@code BarType.bar_spec}), when the source knows
 * it (the API diff does; notes do not): the package has same-named classes in several modules (the
 * Cython {@code nautilus_trader.model.data.BarType} and the PyO3 one), and a use reaches the change
 * only through that class. Null (and absent from JSON) otherwise.
 */
@JsonPropertyOrder({
  "version",
  "text",
  "kind",
  "scope",
  "old",
  "new",
  "auto_fixable",
  "migration",
  "source",
  "owner"
})
public record BreakingChange(
    Version version,
    String text,
    ChangeKind kind,
    ChangeScope scope,
    List<String> old,
    @JsonProperty("new") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> replacements,
    boolean autoFixable,
    @JsonInclude(JsonInclude.Include.ALWAYS) String migration,
    String source,
    @JsonInclude(JsonInclude.Include.NON_NULL) String owner) {

  /** A change whose owner's module is not known (every source but the API diff). */
  public BreakingChange(
      Version version,
      String text,
      ChangeKind kind,
      ChangeScope scope,
      List<String> old,
      List<String> replacements,
      boolean autoFixable,
      String migration,
      String source) {
    this(version, text, kind, scope, old, replacements, autoFixable, migration, source, null);
  }

  public BreakingChange {
    old = old == null ? List.of() : List.copyOf(old);
    // Aligned with old; null entries are allowed, so List.copyOf cannot be used.
    List<String> r = new ArrayList<>(replacements == null ? List.of() : replacements);
    while (r.size() < old.size()) {
      r.add(null);
    }
    replacements = Collections.unmodifiableList(r);
  }

  /** The replacement for {@code old.get(i)}, or null. */
  public String replacementFor(int i) {
    return i < replacements.size() ? replacements.get(i) : null;
  }
}
