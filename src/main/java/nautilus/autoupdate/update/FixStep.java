package nautilus.autoupdate.update;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.fix.FileChange;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.fix.FixResult;
import nautilus.autoupdate.fix.FixRun;
import nautilus.autoupdate.github.PrBody;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.version.Version;

/**
 * Rewrites the code for the mechanically fixable sites of the impact report ({@link FixEngine}),
 * committed on its own as {@code fix: adapt to <package> <version>}.
 */
public final class FixStep implements WorkspaceStep {
  private final FixEngine engine;
  private final ImpactReport report;
  private final String subject;
  private final Path project;
  private FixResult applied;

  /**
   * @param project the project folder relative to the repository top
   */
  public FixStep(
      FixEngine engine, ImpactReport report, String packageName, Version version, Path project) {
    this.engine = engine;
    this.report = report;
    this.subject = "fix: adapt to " + packageName + " " + version;
    this.project = project;
  }

  @Override
  public String name() {
    return "fix";
  }

  @Override
  public List<String> preview(Path checkout) {
    String diff = engine.plan(checkout.resolve(project), report).diff();
    return diff.isEmpty() ? List.of() : List.of(diff.split("\n"));
  }

  @Override
  public List<String> apply(Path checkout) {
    Path dir = checkout.resolve(project);
    FixRun run = engine.plan(dir, report);
    FixEngine.write(dir, run);
    applied = run.result();
    return run.changes().stream()
        .map(FileChange::path)
        .map(p -> PinStep.repoPath(project, p))
        .toList();
  }

  /** Each fix of the last apply with its note, and what was left, for the PR body. */
  @Override
  public String prSection() {
    return applied == null ? "" : PrBody.fixes(applied, report);
  }

  @Override
  public Optional<String> ownCommit() {
    return Optional.of(subject);
  }
}
