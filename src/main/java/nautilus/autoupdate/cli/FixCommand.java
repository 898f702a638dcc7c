package nautilus.autoupdate.cli;

import java.nio.file.Path;
import java.util.Optional;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.cycle.RepoLock;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.fix.FixResult;
import nautilus.autoupdate.fix.FixRun;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.report.Format;
import nautilus.autoupdate.report.ReportFile;
import nautilus.autoupdate.state.RunLock;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `fix`: rewrites the working tree for the breaking changes a machine can fix. */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrites our code for the breaking changes a machine can fix: moved and renamed imports,"
          + " names, attributes, methods, enum members, keyword arguments, property/method"
          + " changes, import paths in config strings and notebook cells.",
      "Only certain sites are edited; each edit changes only the bytes it must, is proved by a"
          + " re-parse, a re-check and the target version's API model (its imports, names and"
          + " keywords must exist there; no model, no edit), and the rest is listed for the agent"
          + " or a person with the reason.",
      "Takes the repository lock (as update and run do), waiting up to lock_wait_seconds."
    })
final class FixCommand extends BaseCommand {
  static final class Source {
    @Option(
        names = "--releases-md",
        paramLabel = "FILE",
        description = "Read the release notes from this RELEASES.md instead of the package index.")
    Path releasesMd;

    @Option(
        names = "--changelog-json",
        paramLabel = "FILE",
        description = "Read the release notes from this N8N changelog JSON file.")
    Path changelogJson;

    @Option(
        names = "--report",
        paramLabel = "FILE",
        description = "Fix the sites of this impact report (saved by `check --format json`).")
    Path report;
  }

  @Mixin RepoOptions repo;

  @Option(
      names = "--from",
      paramLabel = "V",
      description = "The version we are on (default: the pin or lock in the repository).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "V",
      description = "The version to adapt to (default: the newest release the notes know).")
  String to;

  @ArgGroup(exclusive = true)
  Source source = new Source();

  @Option(names = "--offline", description = "Use only local files; no network.")
  boolean offline;

  @Mixin ApiDiffOption apiDiff = new ApiDiffOption();

  @Option(
      names = "--dry-run",
      description = "Change nothing; print the unified diff of what would change.")
  boolean dryRun;

  @Mixin FormatOption format = FormatOption.of(Format.TEXT, Format.JSON, Format.DIFF);

  @Override
  public Integer call() throws Exception {
    if (dryRun) {
      return fix();
    }
    // Fix edits the working tree: never while update, run or dispatch work on the repository.
    AutoUpdateConfig cfg = repo.load(context(), RepoOptions.flags()).config();
    try (RunLock lock = RepoLock.take(context().workingDir(), context().err(), cfg, "fix")) {
      return fix();
    }
  }

  private int fix() throws Exception {
    Path root = repo.repoRoot(context());
    Optional<ImpactReport> analyzed = report(root);
    if (analyzed.isEmpty()) {
      return ExitCodes.OK;
    }
    ImpactReport report = analyzed.get();
    AutoUpdateConfig cfg = repo.load(context(), RepoOptions.flags()).config();
    // The proof is not optional: without the target's model no edit is written.
    FixRun run =
        new FixEngine(Analysis.proof(context(), root, cfg, offline, dryRun, verbose()))
            .plan(root, report);
    if (!dryRun) {
      FixEngine.write(root, run);
    }
    var out = context().out();
    switch (format.value()) {
      case JSON -> out.println(Json.mapper().writeValueAsString(run.result()));
      case DIFF -> out.print(run.diff());
      default -> {
        if (dryRun) {
          out.print(run.diff());
        }
        out.print(FixText.render(run.result(), report, dryRun, color()));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The report of --report, else the analysis as check runs it; empty when already current. */
  private Optional<ImpactReport> report(Path root) {
    if (source.report != null) {
      return Optional.of(ReportFile.readFile(context().workingDir().resolve(source.report)));
    }
    AutoUpdateConfig cfg =
        repo.load(context(), RepoOptions.flags("api_diff", apiDiff.value())).config();
    ImpactAnalyzer.Outcome outcome =
        Analysis.run(
            context(),
            root,
            cfg,
            source.releasesMd,
            source.changelogJson,
            from,
            to,
            offline,
            verbose());
    if (!outcome.updateAvailable()) {
      // Keep stdout a clean diff or JSON document for the machine formats.
      (format.value() == Format.TEXT ? context().out() : context().err())
          .println(Analysis.upToDate(cfg, outcome));
    }
    return outcome.report();
  }

  /** The text format: one line per fix and per site left over, then a summary. */
  static final class FixText {
    private FixText() {}

    static String render(FixResult r, ImpactReport report, boolean dryRun, boolean color) {
      StringBuilder sb = new StringBuilder();
      for (FixResult.Applied a : r.applied()) {
        sb.append(paint(color, "32", "fixed   "))
            .append(where(a.path(), a.cell(), a.line()))
            .append("  ")
            .append(oneLine(a.before()))
            .append(" -> ")
            .append(oneLine(a.after()))
            .append("  (")
            .append(note(report, a.change()))
            .append(")\n");
      }
      for (FixResult.Skipped s : r.skipped()) {
        sb.append(paint(color, "33", "left    "))
            .append(where(s.path(), s.cell(), s.line()))
            .append("  ")
            .append(s.reason())
            .append("  (")
            .append(note(report, s.change()))
            .append(")\n");
      }
      sb.append(r.applied().size())
          .append(" site(s) fixed in ")
          .append(r.filesChanged())
          .append(" file(s)")
          .append(dryRun ? " (dry run: nothing written)" : "")
          .append("; ")
          .append(r.skipped().size())
          .append(" left for the agent or a person\n");
      return sb.toString();
    }

    private static String where(String path, Integer cell, int line) {
      return path + (cell == null ? "" : "[cell " + cell + "]") + ":" + line;
    }

    private static String note(ImpactReport report, int change) {
      if (change < 0 || change >= report.breakingChanges().size()) {
        return "change #" + change;
      }
      String text = report.breakingChanges().get(change).text();
      String v = String.valueOf(report.breakingChanges().get(change).version());
      // Release notes are upstream text: one line, no control characters, bounded length.
      String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
      return v + ": " + (clean.length() > 100 ? clean.substring(0, 97) + "..." : clean);
    }

    private static String oneLine(String s) {
      return s == null || s.isEmpty() ? "(removed)" : s.strip().replaceAll("\\s*\\n\\s*", " | ");
    }

    private static String paint(boolean color, String code, String text) {
      return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
  }
}
