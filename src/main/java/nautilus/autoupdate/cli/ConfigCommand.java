package nautilus.autoupdate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.config.ConfigKey;
import nautilus.autoupdate.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints the effective configuration and where each value came from. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Print the effective configuration of a repository and where each value came from.",
      "Precedence: command-line flags > NAUTILUS_AUTOUPDATE_* environment variables >"
          + " [tool.nautilus-autoupdate] in pyproject.toml (else nautilus-autoupdate.toml) >"
          + " defaults. Secrets are never shown: settings ending in _env hold the NAMES of the"
          + " environment variables that carry them."
    })
final class ConfigCommand extends BaseCommand {
  @Mixin RepoOptions repo;

  @Mixin FormatOption format = new FormatOption();

  @Override
  public Integer call() throws JsonProcessingException {
    LoadedConfig loaded = repo.load(context(), Map.of());
    PrintWriter out = context().out();
    if (format.json()) {
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, String> origins = new LinkedHashMap<>();
      for (ConfigKey k : ConfigKey.all()) {
        values.put(k.name(), k.valueIn(loaded.config()));
        origins.put(k.name(), loaded.originOf(k.name()).toString());
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("repo", repo.repoRoot(context()).toString());
      doc.put("config", values);
      doc.put("origins", origins);
      out.println(Json.mapper().writeValueAsString(doc));
    } else {
      printText(loaded, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void printText(LoadedConfig loaded, PrintWriter out) {
    out.println("Configuration of " + repo.repoRoot(context()));
    List<ConfigKey> keys = ConfigKey.all();
    int width = keys.stream().mapToInt(k -> k.name().length()).max().orElse(0);
    for (ConfigKey k : keys) {
      String value = show(k.valueIn(loaded.config()));
      if (k.namesEnvVar() && k.valueIn(loaded.config()) != null) {
        // Only whether the variable is set, never its content.
        boolean set = context().env().containsKey((String) k.valueIn(loaded.config()));
        value += set ? " (set)" : " (not set)";
      }
      String origin = "[" + loaded.originOf(k.name()) + "]";
      out.println(String.format("  %-" + width + "s = %s  %s", k.name(), value, dim(origin)));
    }
  }

  private static String show(Object value) {
    if (value == null) {
      return "(none)";
    }
    if (value instanceof List) {
      return String.join(", ", ((List<?>) value).stream().map(String::valueOf).toList());
    }
    if (value instanceof Channel) {
      return ((Channel) value).id();
    }
    return String.valueOf(value);
  }

  private String dim(String s) {
    return color() ? "\u001b[2m" + s + "\u001b[0m" : s;
  }
}
