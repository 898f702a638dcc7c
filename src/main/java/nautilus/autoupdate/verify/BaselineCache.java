package nautilus.autoupdate.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;

/**
 * Test results of base commits, one JSON file per (commit, test command), so the base's tests run
 * once however often the update is retried. Only runs with a verdict are kept: a timeout may pass
 * next time.
 */
public final class BaselineCache {
  private final Path dir;

  public BaselineCache(Path dir) {
    this.dir = dir;
  }

  public Optional<TestResult> get(String commit, String testCommand) {
    Path f = file(commit, testCommand);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(f.toFile(), TestResult.class));
    } catch (IOException e) {
      throw new UserError(f + ": unreadable cached baseline (" + e.getMessage() + "); delete it");
    }
  }

  public void put(String commit, String testCommand, TestResult result) {
    if (!result.hasVerdict()) {
      return;
    }
    Path f = file(commit, testCommand);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".baseline", ".tmp");
      Files.writeString(tmp, Json.mapper().writeValueAsString(result), StandardCharsets.UTF_8);
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String commit, String testCommand) {
    return dir.resolve(commit + "-" + Digests.sha256(testCommand).substring(0, 12) + ".json");
  }
}
