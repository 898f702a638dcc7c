package nautilus.autoupdate.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;

/**
 * {@code uv sync}, then the test command as configured (default {@code uv run pytest}). The project
 * environment is the cached one for the checkout's dependencies ({@code UV_PROJECT_ENVIRONMENT}),
 * not a {@code .venv} inside the worktree, and it is activated, so {@code python -m pytest} works
 * as well as {@code uv run pytest}.
 */
public final class UvEnvironment implements TestEnvironment {
  private final EnvCache cache;

  public UvEnvironment(EnvCache cache) {
    this.cache = cache;
  }

  @Override
  public String name() {
    return "uv";
  }

  /** The project environment of a checkout. */
  public Path venv(Path dir) {
    return cache.dir("uv", dir);
  }

  @Override
  public List<List<String>> syncCommands(Path dir) {
    return Files.exists(dir.resolve("pyproject.toml")) ? List.of(List.of("uv", "sync")) : List.of();
  }

  @Override
  public CommandResult sync(Path dir, CommandRunner runner, Duration timeout) {
    return cache.prepare(
        venv(dir), () -> TestEnvironment.runAll(syncCommands(dir), dir, runner, timeout, env(dir)));
  }

  @Override
  public Map<String, String> env(Path dir) {
    Map<String, String> env = new HashMap<>(cache.activation(venv(dir)));
    env.put("UV_PROJECT_ENVIRONMENT", venv(dir).toString());
    return env;
  }
}
