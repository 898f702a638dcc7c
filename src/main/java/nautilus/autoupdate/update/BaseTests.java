package nautilus.autoupdate.update;

import java.util.function.Consumer;
import nautilus.autoupdate.git.Worktree;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.verify.BaselineCache;
import nautilus.autoupdate.verify.TestResult;
import nautilus.autoupdate.verify.TestRunner;

/**
 * The base commit's test results, which a branch's are compared with: from the cache when this
 * commit and test command ran before, else run in a detached worktree of the commit and cached
 * (when they reached a verdict). Update and dispatch share it, so both say the same and one's run
 * serves the other.
 */
public final class BaseTests {
  private BaseTests() {}

  public static TestResult of(
      String baseSha,
      String testCommand,
      BaselineCache baselines,
      Worktrees worktrees,
      TestRunner tests,
      Consumer<String> log) {
    var cached = baselines.get(baseSha, testCommand);
    if (cached.isPresent()) {
      log.accept("base tests: cached for " + baseSha.substring(0, Math.min(12, baseSha.length())));
      return cached.get();
    }
    log.accept("base tests: running " + testCommand + " (" + tests.environment().name() + ")");
    try (Worktree wt = worktrees.detached(baseSha)) {
      TestResult r = tests.run(wt.dir(), testCommand);
      baselines.put(baseSha, testCommand, r);
      log.accept("base tests: " + Updater.summary(r));
      return r;
    }
  }
}
