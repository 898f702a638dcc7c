package nautilus.autoupdate.cli;

import java.nio.file.Path;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiDiffRun;
import nautilus.autoupdate.api.ApiModels;
import nautilus.autoupdate.api.ApiSnapshots;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.report.ApiDiffReport;
import nautilus.autoupdate.version.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code api-diff}: what really changed between two versions, read from the packages. */
@Command(
    name = "api-diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the public API of two versions of the upstream package, read from the"
          + " distributions themselves (wheel or sdist, Cython sources, optionally runtime"
          + " introspection), and lists the breaks: removed or moved modules and names, removed or"
          + " renamed members, changed signatures. Snapshots are cached under the state directory."
    })
final class ApiDiffCommand extends BaseCommand {
  @Option(
      names = "--from",
      required = true,
      paramLabel = "V1",
      description = "The version you are on, e.g. 1.219.0.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "V2",
      description = "The version to compare with, e.g. 1.220.0.")
  String to;

  @Mixin DistOptions dist = new DistOptions();

  @Mixin FormatOption format = new FormatOption();

  @Option(
      names = "--notes",
      paramLabel = "FILE",
      description =
          "A RELEASES.md to check the breaks against: breaks no note of the releases in the range"
              + " mentions are marked [undocumented]. Without it every break is undocumented.")
  Path notes;

  @Option(
      names = "--write-stubs",
      paramLabel = "DIR",
      description =
          "Also write each version's API model as .pyi stubs to DIR/V1 and DIR/V2 (each holds"
              + " nautilus_trader/...; unknown types are Any), to run a type checker against.")
  Path writeStubs;

  @Override
  public Integer call() {
    CliContext ctx = context();
    AutoUpdateConfig config = AutoUpdateConfig.defaults();
    ApiDiffRun.Request request =
        new ApiDiffRun.Request(
            dist.packageName,
            parse("--from", from),
            parse("--to", to),
            ctx.resolve(dist.distDir),
            ctx.resolve(dist.source),
            dist.introspect,
            ctx.resolve(notes),
            ctx.resolve(writeStubs));
    ApiSnapshots snapshots =
        ApiModels.snapshots(
            dist.stateDir(ctx.workingDir(), config),
            config,
            dist.indexUrl,
            ctx.env(),
            ctx.err()::println,
            verbose());
    ApiDiffReport report = ApiDiffReport.of(ApiDiffRun.run(snapshots, request));
    print(format.json() ? report.json() : report.text(color(), verbose()));
    return ExitCodes.OK;
  }

  private static Version parse(String option, String text) {
    return Version.tryParse(text)
        .orElseThrow(
            () ->
                new UserError(option + " '" + text + "' is not a PEP 440 version (e.g. 1.220.0)"));
  }
}
