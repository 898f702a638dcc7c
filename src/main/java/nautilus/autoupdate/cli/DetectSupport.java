package nautilus.autoupdate.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;

/** What the detect, run, watch, status and changelog commands share: the config and its flags. */
final class DetectSupport {
  private DetectSupport() {}

  /**
   * The configuration of the repository in the working directory, as every command loads it: flags
   * (config key to value; null means not given), then {@code NAUTILUS_AUTOUPDATE_<KEY>} variables,
   * then the file ({@code pyproject.toml} or {@code nautilus-autoupdate.toml}), then the defaults.
   */
  static AutoUpdateConfig config(CliContext ctx, Map<String, Object> flags) {
    return RepoOptions.placeStateDir(
            ConfigLoader.load(ctx.workingDir(), ctx.env(), flags), ctx.workingDir())
        .config();
  }

  static Map<String, Object> flags(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
