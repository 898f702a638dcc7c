package nautilus.autoupdate.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.Trees;
import nautilus.autoupdate.fix.FileChange;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.fix.FixResult;
import nautilus.autoupdate.fix.FixRun;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.github.PrBody;
import nautilus.autoupdate.impact.AffectedFile;
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
    applied = run.changes().isEmpty() ? earlierFixes(checkout).orElse(run.result()) : run.result();
    return run.changes().stream()
        .map(FileChange::path)
        .map(p -> PinStep.repoPath(project, p))
        .toList();
  }

  /**
   * On a branch reused from an earlier (maybe killed) run the fixes are already committed, so this
   * run's plan finds nothing: what they were, planned again on the files as they were before that
   * commit, so the PR keeps listing them.
   */
  private Optional<FixResult> earlierFixes(Path checkout) {
    Git git = new Git(checkout);
    String commit = git.run("log", "-1", "--format=%H", "--fixed-strings", "--grep=" + subject);
    if (commit.isEmpty()) {
      return Optional.empty();
    }
    Path before = null;
    try {
      before = Files.createTempDirectory("nautilus-autoupdate-fixed");
      for (AffectedFile f : report.affectedFiles()) {
        CommandResult shown =
            git.tryRun("show", commit + "^:" + PinStep.repoPath(project, f.path()));
        if (shown.ok()) {
          Path file = before.resolve(f.path());
          Files.createDirectories(file.getParent());
          Files.writeString(file, shown.stdout(), StandardCharsets.UTF_8);
        }
      }
      return Optional.of(engine.plan(before, report).result());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Trees.delete(before);
    }
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
