package nautilus.autoupdate.notes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whose code a breaking change reaches, as defined in shared/labels/README.md. */
public enum ChangeScope {
  PYTHON,
  RUST,
  BOTH,
  DATA,
  UNKNOWN;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ChangeScope of(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }

  /** Whether downstream Python code can be affected. */
  public boolean reachesPython() {
    return this == PYTHON || this == BOTH || this == UNKNOWN;
  }
}
