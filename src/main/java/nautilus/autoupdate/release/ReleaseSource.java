package nautilus.autoupdate.release;

import java.util.List;

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
}
