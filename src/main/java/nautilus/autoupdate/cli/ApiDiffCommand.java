package nautilus.autoupdate.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiChange;
import nautilus.autoupdate.api.ApiModels;
import nautilus.autoupdate.api.ApiSnapshots;
import nautilus.autoupdate.api.NotesLinker;
import nautilus.autoupdate.api.ReleaseNotesItems;
import nautilus.autoupdate.api.StubWriter;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.git.StateDirs;
import nautilus.autoupdate.release.NoteItem;
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

  @Option(
      names = "--package",
      paramLabel = "NAME",
      description = "The distribution to compare (default: ${DEFAULT-VALUE}).",
      defaultValue = "nautilus_trader")
  String packageName;

  @Option(
      names = "--dist-dir",
      paramLabel = "DIR",
      description =
          "Read wheels/sdists from this folder instead of the package index (offline use);"
              + " files are named as on PyPI, e.g. nautilus_trader-1.220.0-cp311-...whl.")
  Path distDir;

  @Option(
      names = "--source",
      paramLabel = "DIR",
      description =
          "A source tree of the --to release (e.g. the unpacked tag archive); its .py/.pyx/.pxd"
              + " add to what the distribution shows.")
  Path source;

  @Option(
      names = "--introspect",
      negatable = true,
      description =
          "--introspect installs each version into a virtualenv under the state directory and"
              + " reads its runtime API; --no-introspect never does. Default: only for compiled"
              + " modules that ship no source.")
  Boolean introspect;

  @Mixin FormatOption format = new FormatOption();

  @Option(
      names = "--index-url",
      paramLabel = "URL",
      description =
          "The package index (PEP 691/503 simple index or PyPI JSON base). Default: UV_INDEX_URL,"
              + " PIP_INDEX_URL, else https://pypi.org/simple.")
  String indexUrl;

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

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where distributions, snapshots and virtualenvs are cached (default: the state_dir"
              + " default, .nautilus-autoupdate inside the git dir of the current directory).")
  Path stateDir;

  @Override
  public Integer call() {
    boolean json = format.json();
    Version v1 = parse("--from", from);
    Version v2 = parse("--to", to);
    AutoUpdateConfig config = AutoUpdateConfig.defaults();
    CliContext ctx = context();
    Path state =
        stateDir != null
            ? ctx.workingDir().resolve(stateDir)
            : StateDirs.resolve(ctx.workingDir(), config.stateDir());
    ApiSnapshots snapshots =
        ApiModels.snapshots(state, config, indexUrl, ctx.env(), ctx.err()::println, verbose());
    ApiSnapshots.Introspect mode =
        introspect == null
            ? ApiSnapshots.Introspect.AUTO
            : introspect ? ApiSnapshots.Introspect.FORCE : ApiSnapshots.Introspect.SKIP;
    Path dist = distDir == null ? null : ctx.workingDir().resolve(distDir);
    Path src = source == null ? null : ctx.workingDir().resolve(source);
    long t0 = System.nanoTime();
    ApiSnapshots.Options fromOptions = new ApiSnapshots.Options(dist, null, mode, null);
    ApiSnapshots.Options toOptions = new ApiSnapshots.Options(dist, src, mode, null);
    ApiSnapshots.Comparison cmp = snapshots.compare(packageName, v1, v2, fromOptions, toOptions);
    List<ApiChange> changes = cmp.changes();
    Map<String, Object> stubs = new LinkedHashMap<>();
    if (writeStubs != null) {
      Path root = ctx.workingDir().resolve(writeStubs);
      // Both models are cached by now (the comparison read them), unless the diff itself was.
      stubs.put(v1.toString(), stubs(snapshots, v1, fromOptions, root));
      stubs.put(v2.toString(), stubs(snapshots, v2, toOptions, root));
    }
    List<NoteItem> items = List.of();
    if (notes != null) {
      items = ReleaseNotesItems.read(ctx.workingDir().resolve(notes), v1, v2);
      changes = NotesLinker.link(changes, items);
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    ApiDiffReport report =
        new ApiDiffReport(packageName, v1, v2, cmp, changes, items, millis, stubs);
    ctx.out().print(json ? report.json() : report.text(color(), verbose()));
    ctx.out().flush();
    return ExitCodes.OK;
  }

  private String stubs(ApiSnapshots snapshots, Version v, ApiSnapshots.Options options, Path root) {
    Path dir = root.resolve(v.toString());
    StubWriter.write(snapshots.snapshot(packageName, v, options).snapshot(), dir);
    return dir.toString();
  }

  private static Version parse(String option, String text) {
    return Version.tryParse(text)
        .orElseThrow(
            () ->
                new UserError(option + " '" + text + "' is not a PEP 440 version (e.g. 1.220.0)"));
  }
}
