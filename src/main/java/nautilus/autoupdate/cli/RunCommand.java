package nautilus.autoupdate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: one full cycle for cron or CI. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "One full cycle for cron or CI: detect new versions, then for the newest version the channel"
          + " follows and no run has handled yet: check, decide, update when the recommendation"
          + " allows (auto or delayed: branch, tests, commit, push, pull request, as 'update'"
          + " does), and record the outcome in the state database.",
      "When the fixes leave sites at or above dispatch_threshold (a manual recommendation, never"
          + " blocked) or an update broke tests, what is left goes to the coding agent as"
          + " 'dispatch' does; its committed work is recorded as dispatched, for a person to"
          + " review (the gate does not merge it).",
      "Each updated pull request then goes through the merge gate, on this and later runs: auto"
          + " merges after auto_merge_quiet_hours, delayed after delayed_merge_hours, once every"
          + " status and check run on its head is green, never while it has the hold_label label,"
          + " a review requesting changes or a /hold comment; its branch is then deleted. GitHub's"
          + " refusal (branch protection) is recorded and left to a person. Outside a git"
          + " repository the update step is left out.",
      "Tells people on Discord and by e-mail (discord_webhook_env, smtp_*): the version detected,"
          + " the pull request opened or updated, failed tests, a person needed (manual), blocked,"
          + " merged, and the run's own crash; each event once, notify_on picks them, notify_mode"
          + " = digest sends one message a day (docs/notifications.md). A dry run tells nobody.",
      "When the newest version is blocked (e.g. it drops a Python that requires-python still"
          + " allows), the newest version below the block is handled instead, and the run says"
          + " what blocks the rest and the change that lifts it.",
      "Safe to rerun: a run that crashed continues where it stopped. A second run started while"
          + " one is working exits 0 at once."
    })
final class RunCommand extends BaseCommand {
  @Mixin ChannelOption channel;

  @Mixin UpdateFlags update;

  @Option(
      names = "--dry-run",
      description =
          "Detect, check and decide, and print the update's steps, but change nothing: no state,"
              + " no branch, no files, no pull request.")
  boolean dryRun;

  @Option(
      names = "--changelog",
      description = "Also write changelog_path and its .md companion (replaces the N8N workflow).")
  boolean changelog;

  @Override
  public Integer call() {
    var config = DetectSupport.config(context(), channel.flags());
    cycleRunner(update.options(false)).runOnce(config, dryRun, changelog);
    return ExitCodes.OK;
  }
}
