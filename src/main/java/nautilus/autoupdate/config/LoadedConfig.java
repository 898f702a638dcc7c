package nautilus.autoupdate.config;

import java.util.Map;

/**
 * The effective configuration and, for every key (snake_case, as in the files), where its value
 * came from.
 */
public record LoadedConfig(AutoUpdateConfig config, Map<String, Origin> origins) {
  public LoadedConfig {
    origins = Map.copyOf(origins);
  }

  public Origin originOf(String key) {
    return origins.getOrDefault(key, Origin.DEFAULT);
  }
}
