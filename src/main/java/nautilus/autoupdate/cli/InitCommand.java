package nautilus.autoupdate.cli;

import java.nio.file.Path;
import java.util.Map;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.setup.Init;
import nautilus.autoupdate.update.UpdaterFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code init}: the configuration table, a workflow and a systemd example, in a pull request. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Sets a repository up for nautilus-autoupdate in a pull request of its own: appends the"
          + " [tool.nautilus-autoupdate] table to pyproject.toml (the rest of the file is kept byte"
          + " for byte), writes .github/workflows/nautilus-autoupdate.yml (a schedule and"
          + " workflow_dispatch, the state and model caches kept, least permissions) and a"
          + " systemd timer example under docs/nautilus-autoupdate/systemd/.",
      "Works in a temporary git worktree on the branch nautilus-autoupdate/init, pushes it and"
          + " creates or updates one PR, as update does. Only what the base branch lacks is"
          + " added and nothing there is overwritten: run again, it changes nothing."
    })
final class InitCommand extends BaseCommand {
  @Mixin RepoOptions repo;

  @Option(names = "--no-push", description = "Commit on the local branch only: no push, no PR.")
  boolean noPush;

  @Option(names = "--dry-run", description = "Print what would be added and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Path root = repo.repoRoot(context());
    Git git = new Git(root);
    if (!git.tryRun("rev-parse", "--show-toplevel").ok()) {
      throw new UserError(root + " is not in a git repository: init works on a git checkout");
    }
    // As written in the repository: the workflow must name state_dir as CI will see it.
    AutoUpdateConfig config = ConfigLoader.load(root, context().env(), Map.of()).config();
    StepPrinter steps = new StepPrinter(context().out(), false, color());
    Init.Result r =
        new Init(
                config,
                git,
                new Worktrees(git, Worktrees.defaultRoot(git, context().env())),
                noPush || dryRun
                    ? null
                    : UpdaterFactory.pullRequests(config, git, context().env()).orElse(null),
                steps::line)
            .run(!noPush, dryRun);
    if (r.prUrl() != null) {
      context().out().println(r.prUrl());
    }
    return ExitCodes.OK;
  }
}
