package nautilus.autoupdate.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.notes.BreakingChange;

/**
 * A break found by diffing two API snapshots. {@code change} is an ordinary breaking change ({@code
 * source: "api-diff"}) so the rest of the pipeline treats it like one from the notes; {@code type}
 * is the precise diff finding; {@code evidence} says what each snapshot showed; {@code documented}
 * is whether a release note covers it, {@code noteIndex} which one (index into the notes given to
 * {@link NotesLinker}), null when undocumented.
 */
@JsonPropertyOrder({"type", "documented", "note_index", "evidence", "change"})
public record ApiChange(
    BreakingChange change, Type type, String evidence, boolean documented, Integer noteIndex) {
  /** How {@link ApiDiff} words the parameter of a parameter finding. */
  private static final Pattern RENAMED_TO = Pattern.compile("was renamed to `(\\w+)`");

  private static final Pattern PARAM =
      Pattern.compile("^Parameter `(\\w+)`|parameter `(\\w+)`|Default of `(\\w+)`");

  /** The findings of a diff. */
  public enum Type {
    MODULE_REMOVED,
    NAME_REMOVED,
    NAME_MOVED,
    MEMBER_REMOVED,
    MEMBER_RENAMED,
    PROPERTY_TO_METHOD,
    PARAMETER_REMOVED,
    PARAMETER_RENAMED,
    PARAMETER_REQUIRED,
    DEFAULT_CHANGED;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The same change linked to the release note at {@code index}. */
  public ApiChange documentedBy(int index) {
    return new ApiChange(change, type, evidence, true, index);
  }

  /**
   * Where the class or function a member or parameter finding is about is defined ({@code
   * nautilus_trader.core.nautilus_pyo3.BarType}); null for module and name findings, whose {@code
   * old} is already the full path.
   */
  public String owner() {
    return change.owner();
  }

  /** The parameter a parameter finding is about, read from the text {@link ApiDiff} wrote. */
  public Optional<String> parameter() {
    Matcher m = PARAM.matcher(change.text() == null ? "" : change.text());
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
  }

  /** The new name of a renamed parameter. */
  public Optional<String> newParameter() {
    if (type != Type.PARAMETER_RENAMED) {
      return Optional.empty();
    }
    Matcher m = RENAMED_TO.matcher(change.text() == null ? "" : change.text());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
