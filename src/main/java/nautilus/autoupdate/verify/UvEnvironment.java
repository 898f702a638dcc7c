package nautilus.autoupdate.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code uv sync}, then the test command as configured (default {@code uv run pytest}). */
public final class UvEnvironment implements TestEnvironment {
  @Override
  public String name() {
    return "uv";
  }

  @Override
  public List<List<String>> syncCommands(Path dir) {
    return Files.exists(dir.resolve("pyproject.toml")) ? List.of(List.of("uv", "sync")) : List.of();
  }
}
