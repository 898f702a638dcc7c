package nautilus.autoupdate.github;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;

/** owner/name of a GitHub repository, read from a git remote URL. */
public record GitHubRepo(String owner, String name) {
  // https://host/o/r(.git), ssh://git@host(:port)/o/r(.git), git@host:o/r(.git), /path/o/r(.git)
  private static final Pattern TAIL = Pattern.compile("([^/:]+)/([^/]+?)(?:\\.git)?/?$");

  /**
   * Parses https, ssh and scp-like URLs; for a local path (a test's bare remote) the last two
   * segments are taken as owner and name.
   */
  public static GitHubRepo parse(String remoteUrl) {
    Matcher m = TAIL.matcher(remoteUrl == null ? "" : remoteUrl.strip());
    if (!m.find()) {
      throw new UserError(
          "cannot read owner/name from remote URL '"
              + remoteUrl
              + "' (expected e.g. https://github.com/owner/name.git or git@github.com:owner/name)");
    }
    return new GitHubRepo(m.group(1), m.group(2));
  }

  public String path() {
    return "/repos/" + owner + "/" + name;
  }

  @Override
  public String toString() {
    return owner + "/" + name;
  }
}
