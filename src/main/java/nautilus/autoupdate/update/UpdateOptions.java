package nautilus.autoupdate.update;

/**
 * How an update runs, as the {@code update} and {@code run} commands ask for it.
 *
 * @param offline no fetch, no push, no pull request
 * @param push push the branch and open the pull request (unless offline)
 * @param runTests run the tests on the base and on the update
 * @param fix rewrite the code for the breaking changes (the {@code fix: adapt to ...} commit)
 */
public record UpdateOptions(boolean offline, boolean push, boolean runTests, boolean fix) {}
