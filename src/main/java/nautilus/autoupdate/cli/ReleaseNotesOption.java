package nautilus.autoupdate.cli;

import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --releases-md FILE | --changelog-json FILE} of check, fix and update: where the release
 * notes come from, one of the two at most (neither: the configuration decides).
 */
final class ReleaseNotesOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @ArgGroup(exclusive = true)
  Files files;

  static final class Files {
    @Option(
        names = "--releases-md",
        paramLabel = "FILE",
        description = "Read NautilusTrader's RELEASES.md from FILE (default: releases_md setting).")
    Path releasesMd;

    @Option(
        names = "--changelog-json",
        paramLabel = "FILE",
        description = "Read an N8N changelog JSON from FILE (default: changelog_path setting).")
    Path changelogJson;
  }

  /** The --releases-md path as typed (null: not given). */
  Path releasesMd() {
    return files == null ? null : files.releasesMd;
  }

  /** The --changelog-json path as typed (null: not given). */
  Path changelogJson() {
    return files == null ? null : files.changelogJson;
  }

  /**
   * Fails as picocli fails for an exclusive group when {@code other} (e.g. fix's {@code --report})
   * is given with a release-notes file: the notes would be read by nothing.
   */
  void exclusiveWith(String other, boolean otherGiven) {
    if (otherGiven && files != null) {
      String mine = releasesMd() != null ? "--releases-md=FILE" : "--changelog-json=FILE";
      throw new ParameterException(
          mixee.commandLine(),
          "Error: " + mine + ", " + other + " are mutually exclusive (specify only one)");
    }
  }
}
