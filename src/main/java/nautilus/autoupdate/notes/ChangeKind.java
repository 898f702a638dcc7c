package nautilus.autoupdate.notes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a breaking change does, as defined in shared/labels/README.md. */
public enum ChangeKind {
  RENAME,
  MOVE,
  REMOVE,
  SIGNATURE,
  TYPE,
  DEFAULT,
  BEHAVIOR,
  DATA_FORMAT,
  PLATFORM,
  OTHER;

  /**
   * Whether the change names no API break a note or a model can see (a behavior or a default
   * changed, the names and signatures did not): our uses of what it names are for a person to
   * review, never broken sites.
   */
  public boolean review() {
    return this == BEHAVIOR || this == DEFAULT;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ChangeKind of(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }
}
