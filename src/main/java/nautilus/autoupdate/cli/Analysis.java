package nautilus.autoupdate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModels;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.fix.ModelProof;
import nautilus.autoupdate.fix.Proof;
import nautilus.autoupdate.impact.ImpactAnalyzer;
import nautilus.autoupdate.release.ChangelogJsonSource;
import nautilus.autoupdate.release.ReleaseSource;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.report.ResultText;
import nautilus.autoupdate.version.Version;

/**
 * Runs the impact analyzer the way {@code check} does, so {@code check}, {@code fix} and {@code
 * update} agree on the versions, the release notes and the report.
 */
final class Analysis {
  private Analysis() {}

  /**
   * Analyzes {@code root} between {@code from} and {@code to} (null: the pin and the newest
   * release). {@code releasesMd}/{@code changelogJson} are command-line paths (null when not given,
   * then the configuration decides).
   */
  static ImpactAnalyzer.Outcome run(
      CliContext context,
      Path root,
      AutoUpdateConfig cfg,
      Path releasesMd,
      Path changelogJson,
      String from,
      String to,
      boolean offline,
      boolean verbose) {
    ImpactAnalyzer analyzer = ImpactAnalyzer.standard(Clock.systemUTC());
    return analyzer.analyze(
        new ImpactAnalyzer.Request(
            root,
            cfg,
            source(context, root, cfg, releasesMd, changelogJson),
            version("--from", from),
            version("--to", to),
            Optional.empty(),
            apiDiff(context, root, cfg, offline, verbose)));
  }

  /** {@link #run} with the release notes of {@code notes}. */
  static ImpactAnalyzer.Outcome run(
      CliContext context,
      Path root,
      AutoUpdateConfig cfg,
      ReleaseNotesOption notes,
      String from,
      String to,
      boolean offline,
      boolean verbose) {
    return run(
        context, root, cfg, notes.releasesMd(), notes.changelogJson(), from, to, offline, verbose);
  }

  /** The API diff as check uses it ({@link ApiModels#diffSource}). */
  static ApiDiffSource apiDiff(
      CliContext context, Path root, AutoUpdateConfig cfg, boolean offline, boolean verbose) {
    return ApiModels.diffSource(root, cfg, context.env(), context.err()::println, offline, verbose);
  }

  /**
   * The proof of fix, update and run: the target's model from the same models as the API diff, read
   * whether or not the diff is on (a proof cannot be turned off), from the cache only when offline,
   * in a dry run, or when {@code cacheOnly}.
   */
  static Proof proof(
      CliContext context,
      Path root,
      AutoUpdateConfig cfg,
      boolean offline,
      boolean cacheOnly,
      boolean verbose) {
    return ModelProof.of(
        ApiModels.lookup(
            root, cfg, context.env(), context.err()::println, offline, cacheOnly, verbose),
        cfg);
  }

  /** The line printed when the repository is already at or past the target. */
  static String upToDate(AutoUpdateConfig cfg, ImpactAnalyzer.Outcome outcome) {
    return ResultText.upToDate(cfg, outcome);
  }

  private static ReleaseSource source(
      CliContext context, Path root, AutoUpdateConfig cfg, Path releasesMd, Path changelogJson) {
    Path wd = context.workingDir();
    if (releasesMd != null) {
      return new ReleasesMdSource(existing(wd.resolve(releasesMd), "--releases-md"));
    }
    if (changelogJson != null) {
      return new ChangelogJsonSource(existing(wd.resolve(changelogJson), "--changelog-json"));
    }
    if (cfg.releasesMd() != null && !cfg.releasesMd().isBlank()) {
      return new ReleasesMdSource(existing(root.resolve(cfg.releasesMd()), "releases_md"));
    }
    if (cfg.changelogPath() != null && Files.isRegularFile(root.resolve(cfg.changelogPath()))) {
      return new ChangelogJsonSource(root.resolve(cfg.changelogPath()));
    }
    throw new UserError(
        "no release notes: pass --releases-md FILE or --changelog-json FILE, or set releases_md"
            + " in [tool.nautilus-autoupdate] of "
            + root.resolve(cfg.pyprojectPath()));
  }

  private static Path existing(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new UserError(what + " " + file + ": no such file");
    }
    return file.normalize();
  }

  static Optional<Version> version(String option, String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(
        Version.tryParse(text)
            .orElseThrow(
                () ->
                    new UserError(
                        option
                            + " '"
                            + text
                            + "': not a PEP 440 version (expected e.g. 1.221.0 or"
                            + " 1.222.0a20251229)")));
  }
}
