package nautilus.autoupdate.api;

import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.version.Version;

/**
 * Where {@code check} gets the API diff of the two versions it compares. It never fails the check:
 * when no diff can be made, {@link Found#unavailable} says why, and the check goes on with the
 * release notes alone.
 */
@FunctionalInterface
public interface ApiDiffSource {
  /**
   * The diff's findings (not yet linked to notes) and what was not read, or, when {@code
   * unavailable} is not null, why there is no diff at all; then {@code missing} names the versions
   * that had no model, and {@code targetModel} is the target's when it was read all the same.
   */
  record Found(
      List<ApiChange> changes,
      List<String> skipped,
      String unavailable,
      java.util.Map<String, String> sources,
      List<String> missing,
      ApiModel targetModel) {
    public Found {
      changes = List.copyOf(changes);
      skipped = List.copyOf(skipped);
      sources = sources == null ? java.util.Map.of() : new java.util.LinkedHashMap<>(sources);
      missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /** {@code sources}: where each version's model came from ({@link ApiSnapshots#origin}). */
    public Found(
        List<ApiChange> changes,
        List<String> skipped,
        String unavailable,
        java.util.Map<String, String> sources) {
      this(changes, skipped, unavailable, sources, List.of(), null);
    }

    public Found(List<ApiChange> changes, List<String> skipped, String unavailable) {
      this(changes, skipped, unavailable, java.util.Map.of());
    }

    public static Found none(String why) {
      return new Found(List.of(), List.of(), why);
    }

    /**
     * No diff because the versions {@code missing} have no model; {@code target}, when not null, is
     * the target's model, read all the same (its {@code origin} goes into {@code sources}), so a
     * caller need not ask the sources again.
     */
    public static Found lacking(
        String why, List<String> missing, String targetVersion, ApiModel target, String origin) {
      return new Found(
          List.of(),
          List.of(),
          why,
          target == null ? java.util.Map.of() : java.util.Map.of(targetVersion, origin),
          missing,
          target);
    }

    public boolean available() {
      return unavailable == null;
    }

    /**
     * The target's model when the diff is missing only because the version we are on has none (it
     * left every index): that model alone then judges the uses.
     */
    public Optional<ApiModel> targetOnly() {
      return available() || missing.isEmpty() ? Optional.empty() : Optional.ofNullable(targetModel);
    }
  }

  /** No diff at all (turned off, or a caller that has none). */
  static ApiDiffSource off(String why) {
    return (packageName, from, to) -> Found.none(why);
  }

  Found diff(String packageName, Version from, Version to);

  /**
   * The same diff with no warning when it cannot be made: for a caller that puts the reason in its
   * own error (a target past the notes that no diff can serve either).
   */
  default Found diffQuietly(String packageName, Version from, Version to) {
    return diff(packageName, from, to);
  }

  /**
   * The API model of one version, from where the diff's snapshots come from; empty when there is
   * none ({@link #noModel} says why). Never fails: a fix without a model is simply not proven.
   */
  default Optional<ApiModel> model(String packageName, Version version) {
    return Optional.empty();
  }

  /**
   * This source with {@code version} read at upstream {@code commit} (a git pin's), so its model is
   * that commit's code rather than the release's. A source that cannot read commits returns itself.
   */
  default ApiDiffSource atCommit(Version version, String commit) {
    return this;
  }

  /** Why {@link #model} has no model of {@code version} (only meaningful when it is empty). */
  default String noModel(String packageName, Version version) {
    return "no API model of " + packageName + " " + version + " is available here";
  }
}
