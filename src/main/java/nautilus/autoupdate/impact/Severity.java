package nautilus.autoupdate.impact;

/**
 * How badly a site breaks: CRITICAL fails at import, HIGH at run time, MEDIUM relies on a
 * deprecation or changed default, LOW otherwise. Declared worst first.
 */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  public static Severity worst(Severity a, Severity b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }
}
