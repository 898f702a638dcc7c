package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code certain}: the use resolves to the changed upstream name; {@code possible}: it may. */
public enum Certainty {
  CERTAIN,
  POSSIBLE;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
