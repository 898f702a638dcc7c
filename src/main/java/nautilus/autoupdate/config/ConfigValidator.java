package nautilus.autoupdate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;

/** Checks value ranges and formats; each error names the key, the value and where it came from. */
final class ConfigValidator {
  private static final Pattern PACKAGE_NAME =
      Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
  private static final Pattern REPO = Pattern.compile("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$");
  // git check-ref-format's forbidden characters and sequences.
  private static final Pattern BAD_REF = Pattern.compile("[\\s~^:?*\\[\\\\]|\\.\\.|@\\{|^/|//");

  private ConfigValidator() {}

  static void validate(LoadedConfig loaded) {
    AutoUpdateConfig c = loaded.config();
    check(loaded, c);
  }

  private static void check(LoadedConfig l, AutoUpdateConfig c) {
    require(
        l,
        "package",
        c.packageName() != null && PACKAGE_NAME.matcher(c.packageName()).matches(),
        "must be a Python package name such as nautilus_trader");
    for (String key :
        List.of(
            "changelog_path",
            "pyproject_path",
            "branch_prefix",
            "remote",
            "test_command",
            "lock_command",
            "agent_command",
            "state_dir")) {
      require(l, key, ConfigKey.byName(key).orElseThrow().valueIn(c) != null, "must not be empty");
    }
    require(
        l,
        "branch_prefix",
        !BAD_REF.matcher(c.branchPrefix()).find(),
        "must be usable in a git branch name (no spaces, '..', '~', '^', ':', '?', '*', '[')");
    range(l, "auto_merge_threshold", c.autoMergeThreshold(), 0, 100);
    range(l, "delayed_merge_threshold", c.delayedMergeThreshold(), 0, 100);
    require(
        l,
        "delayed_merge_threshold",
        c.delayedMergeThreshold() <= c.autoMergeThreshold(),
        "must not exceed auto_merge_threshold (" + c.autoMergeThreshold() + ")");
    range(l, "delayed_merge_hours", c.delayedMergeHours(), 0, 24 * 365);
    for (String key :
        List.of(
            "test_timeout_seconds",
            "agent_timeout_seconds",
            "http_timeout_seconds",
            "http_deadline_seconds")) {
      int v = (Integer) ConfigKey.byName(key).orElseThrow().valueIn(c);
      require(l, key, v > 0, "must be a positive number of seconds");
    }
    range(l, "smtp_port", c.smtpPort(), 1, 65535);
    range(l, "lock_wait_seconds", c.lockWaitSeconds(), 0, 24 * 3600);
    range(l, "max_body_mb", c.maxBodyMb(), 1, 64 * 1024);
    range(l, "max_source_file_mb", c.maxSourceFileMb(), 1, 64 * 1024);
    range(l, "max_nesting_depth", c.maxNestingDepth(), 10, 100_000);
    range(l, "auto_merge_quiet_hours", c.autoMergeQuietHours(), 0, 24 * 365);
    oneOf(
        l,
        "dispatch_threshold",
        c.dispatchThreshold(),
        List.of("LOW", "MEDIUM", "HIGH", "CRITICAL"));
    oneOf(l, "smtp_security", c.smtpSecurity(), List.of("starttls", "ssl", "none"));
    oneOf(l, "notify_mode", c.notifyMode(), List.of("each", "digest"));
    for (String event : c.notifyOn()) {
      oneOf(l, "notify_on", event, AutoUpdateConfig.NOTIFY_EVENTS);
    }
    require(
        l, "hold_label", c.holdLabel() != null && !c.holdLabel().isBlank(), "must not be empty");
    for (String key : List.of("child_env", "agent_env")) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) ConfigKey.byName(key).orElseThrow().valueIn(c);
      for (String name : names) {
        require(
            l,
            key,
            ENV_NAME.matcher(name).matches(),
            "must hold names of environment variables such as PATH, never values");
      }
    }
    for (String key : List.of("package_index_url", "nightly_index_url", "github_api_url")) {
      String url = (String) ConfigKey.byName(key).orElseThrow().valueIn(c);
      require(l, key, isHttpUrl(url), "must be an http(s) URL such as https://example.org/path");
    }
    require(
        l,
        "upstream_repo",
        c.upstreamRepo() != null && REPO.matcher(c.upstreamRepo()).matches(),
        "must be a GitHub repository as owner/name");
    require(l, "source_dirs", !c.sourceDirs().isEmpty(), "must list at least one folder");
    for (String dir : c.sourceDirs()) {
      require(
          l,
          "source_dirs",
          !dir.isBlank() && !dir.startsWith("/") && !dir.contains(".."),
          "must hold folders inside the repository, relative to its root");
    }
    for (String glob : c.exclude()) {
      require(
          l,
          "exclude",
          !glob.isBlank() && !glob.startsWith("!") && !glob.contains(".."),
          "must hold globs of paths inside the repository, such as 'examples/' or 'legacy/**'"
              + " (no '!' negation, no '..')");
    }
    for (String to : c.emailTo()) {
      require(l, "email_to", to.contains("@"), "must hold e-mail addresses");
    }
    for (ConfigKey k : ConfigKey.all()) {
      if (k.namesEnvVar()) {
        String v = (String) k.valueIn(c);
        if (v != null && !ENV_NAME.matcher(v).matches()) {
          // Never echo the value: it is probably a pasted secret.
          throw new UserError(
              k.name()
                  + " (from "
                  + l.originOf(k.name())
                  + ") must be the NAME of"
                  + " an environment variable such as "
                  + k.valueIn(AutoUpdateConfig.defaults())
                  + ", never the secret itself");
        }
      }
    }
  }

  private static boolean isHttpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI u = new URI(url);
      return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void oneOf(LoadedConfig l, String key, String value, List<String> allowed) {
    require(l, key, value != null && allowed.contains(value), "must be one of " + allowed);
  }

  private static void range(LoadedConfig l, String key, int value, int min, int max) {
    require(l, key, value >= min && value <= max, "must be between " + min + " and " + max);
  }

  private static void require(LoadedConfig l, String key, boolean ok, String what) {
    if (!ok) {
      Object value = ConfigKey.byName(key).orElseThrow().valueIn(l.config());
      throw new UserError(key + " = " + show(value) + " (from " + l.originOf(key) + ") " + what);
    }
  }

  private static String show(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
