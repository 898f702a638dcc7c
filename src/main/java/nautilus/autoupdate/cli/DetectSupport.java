package nautilus.autoupdate.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.deps.CurrentVersion;
import nautilus.autoupdate.deps.Pins;
import nautilus.autoupdate.detect.Detector;
import nautilus.autoupdate.detect.NautechIndexSource;
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

  static Consumer<String> crashHook() {
    String at = System.getProperty(CRASH_PROPERTY);
    return step -> {
      if (step.equals(at)) {
        Runtime.getRuntime().halt(137);
      }
    };
  }

  /**
   * The version the downstream project is on (lock, exact pin or range floor), as check reads it.
   */
  static Optional<Version> pinned(Upstream up) {
    return Pins.current(up.repoRoot(), up.config()).map(CurrentVersion::version);
  }

  /** Warns when the pinned pre-release has vanished from the nightly index. */
  static void warnVanishedPin(
      Upstream up, Optional<Version> pin, Detector.Result result, Consumer<String> warn) {
    boolean indexRead = result.warnings().stream().noneMatch(w -> w.startsWith("nautech:"));
    if (pin.isPresent() && indexRead) {
      NautechIndexSource.vanishedPin(pin.get(), result.available(), up.nautech().projectUrl())
          .ifPresent(warn);
    }
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

  /** "done" in green or "not done" in red: how update and dispatch open their last line. */
  static String doneMark(boolean color, boolean success) {
    return success ? paint(color, "32", "done") : paint(color, "31", "not done");
  }

  static String paint(boolean color, String ansi, String text) {
    return color ? "\u001B[" + ansi + "m" + text + "\u001B[0m" : text;
  }
}
