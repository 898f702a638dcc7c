package nautilus.autoupdate.impact;

/** What the downstream test suite said about a candidate upgrade, when it has been run. */
public record TestOutcome(int passed, int failed) {
  public TestOutcome {
    if (passed < 0 || failed < 0) {
      throw new IllegalArgumentException("test counts cannot be negative");
    }
  }

  public boolean green() {
    return failed == 0 && passed > 0;
  }
}
