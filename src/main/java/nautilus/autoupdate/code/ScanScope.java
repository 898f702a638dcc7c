package nautilus.autoupdate.code;

import java.util.List;
import nautilus.autoupdate.config.AutoUpdateConfig;

/**
 * What the scan covers: the {@code sourceDirs} (relative to the repository), minus what {@code
 * exclude} names (globs as in {@code .gitignore}), minus folders holding a separate project. {@code
 * projectDir} is the folder of the project whose pin is updated (the folder of {@code
 * pyproject_path}, as the pin reader takes it): a folder below it with its own project file is
 * another project, with its own pin, and is not read as our code.
 */
public record ScanScope(List<String> sourceDirs, String projectDir, List<String> exclude) {
  public ScanScope {
    sourceDirs = List.copyOf(sourceDirs);
    projectDir = SourceFiles.normalize(projectDir == null ? "" : projectDir);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }

  /** The source dirs of a project at the repository root, nothing excluded. */
  public static ScanScope of(List<String> sourceDirs) {
    return new ScanScope(sourceDirs, "", List.of());
  }

  /** The scope the configuration gives: its source dirs, pyproject's folder and exclude globs. */
  public static ScanScope of(AutoUpdateConfig cfg) {
    String py = cfg.pyprojectPath().replace('\\', '/');
    int slash = py.lastIndexOf('/');
    return new ScanScope(cfg.sourceDirs(), slash < 0 ? "" : py.substring(0, slash), cfg.exclude());
  }

  /** What the scan's cache key must hold so a change of scope is never answered from the memo. */
  String fingerprint() {
    return String.join(",", sourceDirs) + "|" + projectDir + "|" + String.join(",", exclude);
  }
}
