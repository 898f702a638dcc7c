package nautilus.autoupdate.update;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.deps.LockRefresher;
import nautilus.autoupdate.deps.UvLockReader;

/** Refreshes {@code uv.lock} with {@code lock_command} after the pin moved; no lock, no step. */
public final class LockStep implements WorkspaceStep {
  private final AutoUpdateConfig config;
  private final LockRefresher refresher;
  private final Path project;

  /**
   * @param project the project folder relative to the repository top
   */
  public LockStep(AutoUpdateConfig config, LockRefresher refresher, Path project) {
    this.config = config;
    this.refresher = refresher;
    this.project = project;
  }

  @Override
  public String name() {
    return "lock";
  }

  @Override
  public List<String> preview(Path checkout) {
    if (!Files.isRegularFile(checkout.resolve(project).resolve(UvLockReader.FILE))) {
      return List.of();
    }
    return List.of("would run: " + config.lockCommand().replace("{package}", config.packageName()));
  }

  @Override
  public List<String> apply(Path checkout) {
    return refresher
        .refresh(checkout.resolve(project), config)
        .map(r -> List.of(PinStep.repoPath(project, r.lockFile())))
        .orElse(List.of());
  }
}
