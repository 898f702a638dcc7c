package nautilus.autoupdate.release;

import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.UserError;

/** Where release notes come from: a RELEASES.md file, an N8N changelog JSON, commit messages. */
public interface ReleaseSource {
  /** A short name for reports and errors, e.g. the file path. */
  String describe();

  /**
   * Every release this source knows, newest first.
   *
   * @throws nautilus.autoupdate.UserError naming the file (and line) when the input is malformed
   */
  List<Release> releases();

  /**
   * The notes of the file a user named: a RELEASES.md or else an N8N changelog JSON.
   *
   * @throws UserError when neither is given
   */
  static ReleaseSource ofFile(Path releasesMd, Path changelogJson) {
    if (releasesMd != null) {
      return new ReleasesMdSource(releasesMd);
    }
    if (changelogJson != null) {
      return new ChangelogJsonSource(changelogJson);
    }
    throw new UserError(
        "no release notes given: pass --releases-md FILE (NautilusTrader's RELEASES.md) or"
            + " --changelog-json FILE (the N8N changelog JSON)");
  }
}
