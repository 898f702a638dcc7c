package nautilus.autoupdate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.config.LoadedConfig;
import nautilus.autoupdate.git.StateDirs;
import picocli.CommandLine.Option;

/**
 * The {@code --repo DIR} option and configuration loading shared by every command that works on a
 * downstream repository. Use it with {@code @Mixin RepoOptions repo;} and call {@link #load} with
 * the command's own flags as overrides, so every command resolves configuration the same way.
 */
public final class RepoOptions {
  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "The downstream repository to work on (default: the current directory).")
  Path repo;

  /** The repository root, absolute, resolved against the working directory. */
  public Path repoRoot(CliContext context) {
    Path root =
        repo == null
            ? context.workingDir()
            : context.workingDir().resolve(repo).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new UserError("--repo " + repo + ": not a directory");
    }
    return root;
  }

  /**
   * Loads the configuration: {@code flags} (config key to value, null meaning "not given") beat
   * {@code NAUTILUS_AUTOUPDATE_*} variables, which beat the file, which beats the defaults. {@link
   * Path} values are resolved against the working directory (file values stay relative to the
   * repository).
   */
  public LoadedConfig load(CliContext context, Map<String, Object> flags) {
    Map<String, Object> resolved = new HashMap<>();
    for (Map.Entry<String, Object> e : flags.entrySet()) {
      Object v = e.getValue();
      // A path typed on the command line is relative to where the user is, not to --repo.
      resolved.put(
          e.getKey(), v instanceof Path ? context.workingDir().resolve((Path) v).normalize() : v);
    }
    Path root = repoRoot(context);
    return placeStateDir(ConfigLoader.load(root, context.env(), resolved), root);
  }

  /**
   * The configuration with {@code state_dir} made absolute where every command keeps it (a relative
   * one inside the git dir, {@link StateDirs}), so check, detect, run and update share one state
   * and none of them writes into the working tree.
   */
  static LoadedConfig placeStateDir(LoadedConfig loaded, Path root) {
    AutoUpdateConfig c = loaded.config();
    return new LoadedConfig(
        c.with("state_dir", StateDirs.resolve(root, c.stateDir()).toString()), loaded.origins());
  }

  /** A flag map from key/value pairs, allowing null values for options not given. */
  public static Map<String, Object> flags(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("flags() needs key/value pairs");
    }
    Map<String, Object> out = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
