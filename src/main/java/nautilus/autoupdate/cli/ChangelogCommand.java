package nautilus.autoupdate.cli;

import java.time.Clock;
import nautilus.autoupdate.detect.ChangelogBuilder;
import nautilus.autoupdate.detect.Upstream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code changelog}: the N8N-format changelog file, built from GitHub. */
@Command(
    name = "changelog",
    mixinStandardHelpOptions = true,
    description = {
      "Builds the changelog the N8N workflow used to write: latest stable tag, commits on nightly"
          + " since then, their BREAKING lines, open issues.",
      "Without --write prints the markdown rendering; with --write replaces changelog_path and its"
          + " .md companion atomically (left alone when only the timestamp would change)."
    })
final class ChangelogCommand extends BaseCommand {
  @Option(
      names = "--write",
      description = "Write changelog_path (JSON) and the .md beside it instead of printing.")
  boolean write;

  @Override
  public Integer call() {
    var config = DetectSupport.config(context(), DetectSupport.flags());
    try (Upstream up =
        Upstream.open(config, context().workingDir(), context().env(), Clock.systemUTC(), !write)) {
      if (write) {
        context().out().println(up.writeChangelog(Clock.systemUTC(), warn()));
      } else {
        ChangelogBuilder.Changelog c = new ChangelogBuilder(up.github(), Clock.systemUTC()).build();
        c.warnings().forEach(warn());
        context().out().print(c.markdown());
      }
    }
    return ExitCodes.OK;
  }

  private java.util.function.Consumer<String> warn() {
    return w -> context().err().println("warning: " + w);
  }
}
