package nautilus.autoupdate.update;

import java.time.Instant;
import nautilus.autoupdate.verify.TestResult;

/**
 * What one {@code update} run did. {@code success}: the branch (and PR, unless skipped) is in place
 * and the update introduced no test failure. {@code commitSha} is the branch's head (null when no
 * branch was built); {@code prUrl} is null when no PR was opened.
 */
public record UpdateResult(
    boolean success,
    String version,
    String branchName,
    String commitSha,
    String prUrl,
    TestResult testResult,
    String errorMessage,
    Instant createdAt) {}
