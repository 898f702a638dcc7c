package nautilus.autoupdate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeSelector;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.ReleaseSource;
import nautilus.autoupdate.report.ChangesReport;
import nautilus.autoupdate.report.Format;
import nautilus.autoupdate.version.ReleaseRange;
import nautilus.autoupdate.version.Version;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the breaking changes of every release in (--from, --to], structured. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = {
      "List the breaking changes of every NautilusTrader release after --from up to --to, each"
          + " with its kind, scope, old and new identifiers.",
      "A nightly, develop or rc target (1.225.0a20260323) includes its base release's notes."
    })
final class ChangesCommand extends BaseCommand {

  enum Scope {
    python,
    all
  }

  @Option(
      names = "--from",
      required = true,
      paramLabel = "V1",
      description = "The version upgraded from (exclusive), e.g. 1.219.0.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "V2",
      description = "The version upgraded to (inclusive), e.g. 1.222.0 or 1.223.0a20260101.")
  String to;

  static final class Source {
    @Option(
        names = "--releases-md",
        paramLabel = "FILE",
        description = "NautilusTrader's RELEASES.md to read the notes from.")
    Path releasesMd;

    @Option(
        names = "--changelog-json",
        paramLabel = "FILE",
        description = "The N8N changelog JSON (docs/nautilus/nautilus-trader-changelog.json).")
    Path changelogJson;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(
      names = "--scope",
      defaultValue = "all",
      paramLabel = "SCOPE",
      description =
          "python: only changes that can reach Python code (python, both, unknown); all: every"
              + " change (default: ${DEFAULT-VALUE}).")
  Scope scope;

  @Mixin FormatOption format = FormatOption.of(Format.TEXT, Format.JSON, Format.MARKDOWN);

  @Override
  public Integer call() {
    ReleaseRange range =
        new ReleaseRange(Version.parseOption("--from", from), Version.parseOption("--to", to));
    CliContext ctx = context();
    Source s = source == null ? new Source() : source;
    ReleaseSource notes =
        ReleaseSource.ofFile(ctx.resolve(s.releasesMd), ctx.resolve(s.changelogJson));
    boolean python = scope == Scope.python;
    List<BreakingChange> changes =
        new ChangeSelector(new NotesParser()).select(notes.releases(), range, python);
    print(
        new ChangesReport(range.from(), range.to(), changes, python)
            .render(format.value(), color()));
    return ExitCodes.OK;
  }

  @Override
  public String toString() {
    return "changes " + from + ".." + to + " " + scope.name().toLowerCase(Locale.ROOT);
  }
}
