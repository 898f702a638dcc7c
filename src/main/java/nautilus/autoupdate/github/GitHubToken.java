package nautilus.autoupdate.github;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;

/** Where the GitHub token comes from: {@code GITHUB_TOKEN}, else {@code gh auth token}. */
public final class GitHubToken {
  private GitHubToken() {}

  public static Optional<String> resolve(Map<String, String> env, CommandRunner runner, Path dir) {
    String fromEnv = env.get("GITHUB_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv.strip());
    }
    CommandResult gh = runner.run(List.of("gh", "auth", "token"), dir, Duration.ofSeconds(20));
    return gh.ok() && !gh.stdout().isBlank() ? Optional.of(gh.stdout().strip()) : Optional.empty();
  }
}
