package nautilus.autoupdate.verify;

import java.nio.file.Path;
import java.util.List;

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
}
