package nautilus.autoupdate.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.detect.Detector;
import nautilus.autoupdate.detect.NautechIndexSource;
import nautilus.autoupdate.detect.PinnedVersion;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.version.Version;

/** What the detect, run, watch, status and changelog commands share: config, formatting. */
final class DetectSupport {
  /** Fault injection for the kill-and-rerun tests: halt the JVM right after the named step. */
  static final String CRASH_PROPERTY = "nautilus.autoupdate.crashAfter";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  private DetectSupport() {}

  /**
   * The configuration: defaults, then {@code NAUTILUS_AUTOUPDATE_<KEY>} variables, then flags
   * (config key to value; null means not given).
   */
  static AutoUpdateConfig config(CliContext ctx, Map<String, Object> flags) {
    @SuppressWarnings("unchecked")
    Map<String, Object> values =
        Json.mapper().convertValue(AutoUpdateConfig.defaults(), LinkedHashMap.class);
    for (String key : List.copyOf(values.keySet())) {
      String env = ctx.env().get("NAUTILUS_AUTOUPDATE_" + key.toUpperCase(Locale.ROOT));
      if (env != null) {
        values.put(key, env);
      }
    }
    flags.forEach(
        (k, v) -> {
          if (v != null) {
            values.put(k, v);
          }
        });
    try {
      return Json.mapper().convertValue(values, AutoUpdateConfig.class);
    } catch (IllegalArgumentException e) {
      throw new nautilus.autoupdate.UserError("invalid configuration: " + e.getMessage(), e);
    }
  }

  static Map<String, Object> flags(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  static Consumer<String> crashHook() {
    String at = System.getProperty(CRASH_PROPERTY);
    return step -> {
      if (step.equals(at)) {
        Runtime.getRuntime().halt(137);
      }
    };
  }

  /** The pinned version, and a warning when that pre-release vanished from the nightly index. */
  static Optional<Version> pinnedAndWarn(
      Upstream up, Detector.Result result, Consumer<String> warn) {
    AutoUpdateConfig c = up.config();
    Optional<Version> pin =
        PinnedVersion.read(up.repoRoot().resolve(c.pyprojectPath()), c.packageName());
    boolean indexRead = result.warnings().stream().noneMatch(w -> w.startsWith("nautech:"));
    if (pin.isPresent() && indexRead) {
      NautechIndexSource.vanishedPin(pin.get(), result.available(), up.nautech().projectUrl())
          .ifPresent(warn);
    }
    return pin;
  }

  static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02ds", s % 60);
    }
    if (s < 86400) {
      return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
    }
    return (s / 86400) + "d" + String.format("%02dh", (s % 86400) / 3600);
  }

  static String json(Object o) {
    try {
      return Json.mapper().writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String paint(boolean color, String ansi, String text) {
    return color ? "\u001B[" + ansi + "m" + text + "\u001B[0m" : text;
  }
}
