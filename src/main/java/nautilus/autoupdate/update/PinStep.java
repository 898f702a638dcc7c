package nautilus.autoupdate.update;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.deps.FileEdit;
import nautilus.autoupdate.deps.Pins;
import nautilus.autoupdate.version.Version;

/** Moves every pin of the package to the new version ({@link Pins#bump}), keeping each style. */
public final class PinStep implements WorkspaceStep {
  private final AutoUpdateConfig config;
  private final Version version;
  private final Path project;

  /**
   * @param project the project folder relative to the repository top (empty path when they are the
   *     same), so a project in a subfolder of the repository is bumped there
   */
  public PinStep(AutoUpdateConfig config, Version version, Path project) {
    this.config = config;
    this.version = version;
    this.project = project;
  }

  @Override
  public String name() {
    return "pin";
  }

  @Override
  public List<String> preview(Path checkout) {
    List<String> out = new ArrayList<>();
    for (FileEdit e : Pins.bump(checkout.resolve(project), config, version)) {
      out.addAll(Diffs.unified(repoPath(project, e.path()), e.before(), e.after()));
    }
    return out;
  }

  @Override
  public List<String> apply(Path checkout) {
    List<FileEdit> edits = Pins.bump(checkout.resolve(project), config, version);
    Pins.apply(checkout.resolve(project), edits);
    return edits.stream().map(e -> repoPath(project, e.path())).toList();
  }

  /** {@code path} (relative to the project) as a path relative to the repository top. */
  static String repoPath(Path project, String path) {
    return project.resolve(path).normalize().toString().replace('\\', '/');
  }
}
