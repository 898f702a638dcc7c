package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which kind of use of the upstream package a site is. */
public enum MatchKind {
  IMPORT,
  NAME,
  ATTRIBUTE,
  OVERRIDE,
  CALL,
  KWARG,
  CONFIG_STRING;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
