package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What to do with an update: merge it ({@code auto}), merge after the delay window ({@code
 * delayed}), hand it to a person ({@code manual}), or not start it ({@code blocked}).
 */
public enum Recommendation {
  AUTO,
  DELAYED,
  MANUAL,
  BLOCKED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
