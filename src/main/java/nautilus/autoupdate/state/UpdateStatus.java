package nautilus.autoupdate.state;

import java.util.Locale;

/**
 * The steps of one run for a target version, in order. A run resumes after the last one recorded;
 * the last four end the handling of a version.
 */
public enum UpdateStatus {
  /** Picked as the target; nothing analyzed yet. */
  DETECTED,
  /** The impact report is stored. */
  CHECKED,
  /** The recommendation allows an update and the update step has started. */
  UPDATING,
  /** The update step finished: branch pushed, PR opened (as far as the update stage goes). */
  UPDATED,
  /** The recommendation asks a person to do it (manual or blocked); nothing changed. */
  NEEDS_PERSON,
  /** The update step failed; rerun with --retry after fixing the cause. */
  FAILED,
  /** Analyzed but no update step is available in this build; recorded as handled. */
  REPORTED;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static UpdateStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Whether the run loop is done with a version in this state. */
  public boolean isFinal() {
    return this == UPDATED || this == NEEDS_PERSON || this == FAILED || this == REPORTED;
  }
}
