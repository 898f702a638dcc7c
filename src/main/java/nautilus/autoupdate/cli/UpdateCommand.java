package nautilus.autoupdate.cli;

import java.nio.file.Path;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.cycle.UpdateFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code update}: the version branch, tests against the base, commit, push and pull request. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Updates the pin to a new NautilusTrader version on its own branch and opens a pull request.",
      "Works in a temporary git worktree: your checkout, branch, index and uncommitted files are"
          + " never touched. Runs the tests on the base commit and on the update, commits through"
          + " your hooks, pushes {branch_prefix}{version} and creates or updates one PR.",
      "Takes the repository lock run takes; while another command holds it, waits up to"
          + " lock_wait_seconds, then fails naming it.",
      "The tests, lock_command and git hooks run without the tool's secrets (GITHUB_TOKEN,"
          + " GH_TOKEN, the webhook and SMTP variables, secret-looking names): list what your"
          + " tests need in child_env.",
      "Exit codes: 0 done, 1 error or new test failures, 3 refused (recommendation manual or"
          + " blocked; --force overrides)."
    })
final class UpdateCommand extends BaseCommand {
  @Mixin RepoOptions repo;

  @Option(
      names = "--from",
      paramLabel = "V",
      description = "The version updated from, as for check (default: the pinned version).")
  String from;

  @Mixin ReleaseNotesOption notes = new ReleaseNotesOption();

  @Mixin ApiDiffOption apiDiff = new ApiDiffOption();

  @Mixin UpdateRequestOptions run;

  @Mixin FormatOption format = new FormatOption();

  @Override
  public Integer call() {
    Path root = repo.repoRoot(context());
    UpdateFlow.requireGit(root);
    AutoUpdateConfig config =
        repo.load(
                context(),
                RepoOptions.flags(
                    "dry_run", run.dryRun ? Boolean.TRUE : null, "api_diff", apiDiff.value()))
            .config();
    return ExitCodes.of(
        new UpdateFlow(io(format.json()))
            .run(
                run.request(root, config, notes.releasesMd()),
                () ->
                    Analysis.run(
                        context(), root, config, notes, from, run.to, run.offline, verbose())));
  }
}
