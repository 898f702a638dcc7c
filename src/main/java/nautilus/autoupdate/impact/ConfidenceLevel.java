package nautilus.autoupdate.impact;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Bands of the confidence score: very_high >= 85, high >= 65, neutral >= 40, low below. */
public enum ConfidenceLevel {
  VERY_HIGH,
  HIGH,
  NEUTRAL,
  LOW;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConfidenceLevel of(int score) {
    if (score >= 85) {
      return VERY_HIGH;
    }
    if (score >= 65) {
      return HIGH;
    }
    return score >= 40 ? NEUTRAL : LOW;
  }
}
