package nautilus.autoupdate.state;

import java.util.Locale;

/**
 * The steps of one run for a target version, in order. A run resumes after the last one recorded;
 * from {@code updated} on, each ends the handling of a version ({@code updated} may still move on
 * to {@code merged}, {@code pr-closed} or {@code needs-person} when the merge gate is done with its
 * pull request).
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
  /**
   * The recommendation asks a person to do it (manual or blocked), or GitHub refused the merge of
   * its PR (branch protection): the message says which.
   */
  NEEDS_PERSON,
  /**
   * The update step failed (the message says why); runs leave it to a person, {@code update}
   * retries.
   */
  FAILED,
  /**
   * The coding agent's change is committed on the update branch ({@code run} dispatched it); a
   * person reviews the pull request: the merge gate does not merge the agent's work by itself.
   */
  DISPATCHED,
  /** Analyzed but no update step is available in this build; recorded as handled. */
  REPORTED,
  /** GitHub's auto-merge was enabled on the PR (written by earlier versions of this tool). */
  AUTO_MERGE,
  /** The merge came due but the PR was no longer open (closed, merged by a person, superseded). */
  PR_CLOSED,
  /** The merge gate merged the PR (its window passed, its checks were green, nobody objected). */
  MERGED;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static UpdateStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Whether the run loop is done with a version in this state. */
  public boolean isFinal() {
    return this != DETECTED && this != CHECKED && this != UPDATING;
  }
}
