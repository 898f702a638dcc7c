package nautilus.autoupdate.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/** Which upstream builds a team follows. */
public enum Channel {
  /** Final releases only: 1.221.0. */
  STABLE,
  /** Release candidates and other PEP 440 pre-releases from the package index: 2.0.0rc1. */
  PRE,
  /** Nightly wheels from NautilusTrader's own index: 1.222.0a20251229. */
  NIGHTLY,
  /** Develop wheels from NautilusTrader's own index: 1.208.0.dev20241212+7001. */
  DEVELOP;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Channel of(String text) {
    for (Channel c : values()) {
      if (c.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return c;
      }
    }
    throw new UserError(
        "unknown channel '" + text + "' (expected one of: stable, pre, nightly, develop)");
  }

  /**
   * Whether a version is a build this channel follows (stable versions belong to every channel).
   */
  public boolean accepts(Version v) {
    if (!v.isPreRelease()) {
      return true;
    }
    switch (this) {
      case PRE:
        return !v.isNightly() && !v.isDevelop();
      case NIGHTLY:
        return v.isNightly();
      case DEVELOP:
        return v.isDevelop();
      default:
        return false;
    }
  }
}
