package nautilus.autoupdate.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.detect.History;
import nautilus.autoupdate.report.Style;
import nautilus.autoupdate.state.StateDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code status}: the history of versions seen and what was done with each. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows every version seen, newest first: channel, when upstream published it, when it was"
            + " detected and the latency between the two, the recommendation, branch or PR, tests,"
            + " and its current state. Reads only the state database.")
final class StatusCommand extends BaseCommand {
  @Mixin FormatOption format;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Show at most N versions (default: ${DEFAULT-VALUE}; 0 for all).",
      defaultValue = "30")
  int limit;

  @Override
  public Integer call() {
    var config = DetectSupport.config(context(), DetectSupport.flags());
    List<History.Row> rows;
    try (StateDb db =
        StateDb.openSnapshot(
            context().workingDir().resolve(config.stateDir()), Clock.systemUTC())) {
      rows = History.rows(db);
    }
    if (limit > 0 && rows.size() > limit) {
      rows = rows.subList(0, limit);
    }
    if (format.json()) {
      context().out().println(Style.json(rows));
      return ExitCodes.OK;
    }
    if (rows.isEmpty()) {
      context().out().println("no versions seen yet: run 'nautilus-autoupdate detect' or 'run'");
      return ExitCodes.OK;
    }
    List<String[]> table = new ArrayList<>();
    table.add(
        new String[] {
          "VERSION",
          "CHANNEL",
          "PUBLISHED",
          "DETECTED",
          "LATENCY",
          "RECOMMENDATION",
          "BRANCH/PR",
          "TESTS",
          "STATE"
        });
    for (History.Row r : rows) {
      table.add(
          new String[] {
            r.version().toString(),
            r.channel().id(),
            Style.time(r.publishedAt()),
            Style.time(r.detectedAt()),
            Style.duration(r.latency()),
            dash(r.recommendation()),
            r.prUrl() != null ? r.prUrl() : dash(r.branch()),
            dash(r.tests()),
            r.state()
          });
    }
    int[] width = new int[table.get(0).length];
    for (String[] row : table) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int n = 0; n < table.size(); n++) {
      StringBuilder line = new StringBuilder();
      String[] row = table.get(n);
      for (int i = 0; i < row.length; i++) {
        String cell = i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]);
        line.append(n == 0 ? Style.paint(color(), "1", cell) : cell);
      }
      context().out().println(line.toString().stripTrailing());
    }
    return ExitCodes.OK;
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
