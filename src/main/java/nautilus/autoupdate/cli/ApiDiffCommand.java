package nautilus.autoupdate.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.Json;
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
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("package", packageName);
      out.put("from", v1.toString());
      out.put("to", v2.toString());
      out.put("sources", cmp.sources());
      out.put("skipped", cmp.skipped());
      out.put("changes", changes);
      out.put("notes", items);
      out.put("stats", stats(cmp, millis));
      if (!stubs.isEmpty()) {
        out.put("stubs", stubs);
      }
      try {
        ctx.out().println(Json.mapper().writeValueAsString(out));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot render the diff as JSON", e);
      }
    } else {
      printText(ctx, v1, v2, cmp, changes, items, millis);
      stubs.forEach((v, dir) -> ctx.out().println("stubs of " + v + ": " + dir));
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }

  private String stubs(ApiSnapshots snapshots, Version v, ApiSnapshots.Options options, Path root) {
    Path dir = root.resolve(v.toString());
    StubWriter.write(snapshots.snapshot(packageName, v, options).snapshot(), dir);
    return dir.toString();
  }

  private static Map<String, Object> stats(ApiSnapshots.Comparison c, long millis) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("cached", c.cached());
    s.put("bytes_downloaded", c.bytesDownloaded());
    s.put("bytes_full_files", c.bytesFullFiles());
    s.put("download_millis", c.downloadMillis());
    s.put("total_millis", millis);
    return s;
  }

  private void printText(
      CliContext ctx,
      Version v1,
      Version v2,
      ApiSnapshots.Comparison c,
      List<ApiChange> changes,
      List<NoteItem> items,
      long millis) {
    long undocumented = changes.stream().filter(x -> !x.documented()).count();
    ctx.out()
        .println(
            bold(
                "API diff "
                    + packageName
                    + " "
                    + v1
                    + " -> "
                    + v2
                    + ": "
                    + changes.size()
                    + " break(s), "
                    + undocumented
                    + " not in the release notes"
                    + (c.cached() ? " (cached)" : "")));
    c.sources()
        .forEach((v, s) -> ctx.out().println("  " + v + " read from: " + String.join("; ", s)));
    for (String s : c.skipped()) {
      ctx.out().println("  skipped: " + s);
    }
    ApiChange.Type current = null;
    for (ApiChange x :
        changes.stream().sorted(java.util.Comparator.comparing(ApiChange::type)).toList()) {
      if (x.type() != current) {
        current = x.type();
        ctx.out().println();
        ctx.out().println(bold(current.id().replace('_', ' ')));
      }
      String mark =
          x.documented()
              ? "[notes line " + items.get(x.noteIndex()).line() + "] "
              : color() ? "\u001b[33m[undocumented]\u001b[0m " : "[undocumented] ";
      ctx.out().println("  " + mark + x.change().text().replace("`", ""));
      if (x.change().migration() != null) {
        ctx.out().println("      fix: " + x.change().migration());
      }
      if (verbose()) {
        ctx.out().println("      evidence: " + x.evidence());
      }
    }
    ctx.out().println();
    ctx.out()
        .println(
            "fetched "
                + c.bytesDownloaded()
                + " bytes (whole files: "
                + c.bytesFullFiles()
                + " bytes) in "
                + c.downloadMillis()
                + " ms; total "
                + millis
                + " ms");
  }

  private String bold(String s) {
    return color() ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  private static Version parse(String option, String text) {
    return Version.tryParse(text)
        .orElseThrow(
            () ->
                new UserError(option + " '" + text + "' is not a PEP 440 version (e.g. 1.220.0)"));
  }
}
