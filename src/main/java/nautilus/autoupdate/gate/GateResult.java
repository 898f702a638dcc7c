package nautilus.autoupdate.gate;

/** What the merge gate did with one update's pull request, and why, in one line. */
public record GateResult(Kind kind, String message) {

  /** The gate's verdicts; only {@link #MERGED}, {@link #REFUSED} and {@link #CLOSED} are final. */
  public enum Kind {
    /** The recommendation is manual or blocked: the tool never merges it. */
    NEVER,
    /** No open pull request for the branch any more (closed, merged by a person, superseded). */
    CLOSED,
    /** A person objected (hold label, changes requested, /hold), or nothing tested the head. */
    HOLD,
    /** The window has not passed, or checks are still running: a later run looks again. */
    WAIT,
    /** A status or check run on the head failed: not merged, and said so. */
    RED,
    /** Merged (and its branch deleted). */
    MERGED,
    /** GitHub refused the merge (405/409: branch protection, a moved head); left to a person. */
    REFUSED
  }

  /** Whether the gate is done with this pull request (a later run does not look again). */
  public boolean isFinal() {
    return kind == Kind.MERGED || kind == Kind.REFUSED || kind == Kind.CLOSED;
  }
}
