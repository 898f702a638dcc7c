package nautilus.autoupdate.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * No sync step: the test command prepares its own environment (tox, nox, make, a prepared venv).
 */
public final class ExistingEnvironment implements TestEnvironment {
  @Override
  public String name() {
    return "existing";
  }

  @Override
  public List<List<String>> syncCommands(Path dir) {
    return List.of();
  }

  @Override
  public List<String> testCommand(List<String> configured, Path dir) {
    return configured;
  }

  @Override
  public Map<String, String> env(Path dir) {
    return Map.of();
  }
}
