package nautilus.autoupdate.cli;

import java.nio.file.Path;
import nautilus.autoupdate.cycle.DispatchFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dispatch}: hand what the automatic fixes left on the update branch to the agent. */
@Command(
    name = "dispatch",
    mixinStandardHelpOptions = true,
    description = {
      "Hands what the automatic fixes leave on the update branch {branch_prefix}{version} to the"
          + " coding agent (agent_command), and keeps its work only when it is safe and better.",
      "Makes the branch as 'update' does when it is missing, else works in a git worktree of it"
          + " (your checkout is never touched). The agent runs there as an argument list, never"
          + " through a shell, with the brief on stdin, only the environment agent_env allows,"
          + " and agent_timeout_seconds as the limit (its process group is killed past it).",
      "Then its diff is checked: a touched pin or lock, CI file or this tool's config, a deleted"
          + " or skipped test, or a weakened assertion drops all its edits. The analysis and the"
          + " tests run again; 'fix: agent adaptation to <package> <version>' is committed and"
          + " pushed only when no test regressed and fewer breaks are left. Otherwise the PR"
          + " becomes a draft that says why.",
      "Each run and its outcome are stored; a second dispatch for the same version resumes, or"
          + " says that it is done.",
      "Exit codes: 0 done (or nothing left), 1 error or the agent's work not kept, 3 refused"
          + " (recommendation blocked)."
    })
final class DispatchCommand extends BaseCommand {
  @Mixin RepoOptions repo;

  @Option(
      names = "--to",
      paramLabel = "V",
      description = "The version of the update branch (default: the newest the notes know).")
  String to;

  @Option(
      names = "--dry-run",
      description = "Print the steps, the agent's command and environment names; change nothing.")
  boolean dryRun;

  @Mixin FormatOption format = new FormatOption();

  @Override
  public Integer call() {
    Path root = repo.repoRoot(context());
    var loaded = repo.load(context(), RepoOptions.flags()).config();
    DispatchFlow.Analysis analysis =
        (dir, config, from, version) ->
            Analysis.run(context(), dir, config, null, null, from, version, false, verbose());
    return ExitCodes.of(
        new DispatchFlow(io(format.json())).run(root, loaded, to, dryRun, analysis));
  }
}
