package nautilus.autoupdate.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.version.Version;

/**
 * What {@code api-diff} does: compares two versions' models, optionally writes both as stubs and
 * links the breaks to the release notes of the range.
 */
public final class ApiDiffRun {
  private ApiDiffRun() {}

  /**
   * One comparison, paths already resolved.
   *
   * @param introspect true: always, false: never, null: only for compiled modules without source
   * @param source a source tree of the {@code to} release (null: none)
   * @param notes a RELEASES.md to link the breaks to (null: every break is undocumented)
   * @param stubsRoot write each model as stubs to {@code stubsRoot/V} (null: none)
   */
  public record Request(
      String packageName,
      Version from,
      Version to,
      Path distDir,
      Path source,
      Boolean introspect,
      Path notes,
      Path stubsRoot) {}

  /**
   * @param items the release-notes items the changes' {@code noteIndex} points into
   * @param millis how long it took in all
   * @param stubs version to the directory its stubs were written to (empty: none asked for)
   */
  public record Result(
      Request request,
      ApiSnapshots.Comparison comparison,
      List<ApiChange> changes,
      List<NoteItem> items,
      long millis,
      Map<String, Object> stubs) {}

  public static Result run(ApiSnapshots snapshots, Request r) {
    ApiSnapshots.Introspect mode =
        r.introspect() == null
            ? ApiSnapshots.Introspect.AUTO
            : r.introspect() ? ApiSnapshots.Introspect.FORCE : ApiSnapshots.Introspect.SKIP;
    long t0 = System.nanoTime();
    ApiSnapshots.Options fromOptions = new ApiSnapshots.Options(r.distDir(), null, mode, null);
    ApiSnapshots.Options toOptions = new ApiSnapshots.Options(r.distDir(), r.source(), mode, null);
    ApiSnapshots.Comparison cmp =
        snapshots.compare(r.packageName(), r.from(), r.to(), fromOptions, toOptions);
    List<ApiChange> changes = cmp.changes();
    Map<String, Object> stubs = new LinkedHashMap<>();
    if (r.stubsRoot() != null) {
      // Both models are cached by now (the comparison read them), unless the diff itself was.
      stubs.put(r.from().toString(), stubs(snapshots, r, r.from(), fromOptions));
      stubs.put(r.to().toString(), stubs(snapshots, r, r.to(), toOptions));
    }
    List<NoteItem> items = List.of();
    if (r.notes() != null) {
      items = ReleaseNotesItems.read(r.notes(), r.from(), r.to());
      changes = NotesLinker.link(changes, items);
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    return new Result(r, cmp, changes, items, millis, stubs);
  }

  private static String stubs(
      ApiSnapshots snapshots, Request r, Version v, ApiSnapshots.Options options) {
    Path dir = r.stubsRoot().resolve(v.toString());
    StubWriter.write(snapshots.snapshot(r.packageName(), v, options).snapshot(), dir);
    return dir.toString();
  }
}
