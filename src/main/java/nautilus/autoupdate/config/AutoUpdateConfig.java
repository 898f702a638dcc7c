package nautilus.autoupdate.config;

import java.util.List;
import nautilus.autoupdate.BoundedHttp;

/**
 * The effective configuration. Keys in files are the snake_case of these components (e.g. {@code
 * changelog_path}); secrets are never stored here, only the names of the environment variables that
 * hold them ({@code discord_webhook_env}, {@code smtp_password_env}, ...).
 */
public record AutoUpdateConfig(
    String packageName,
    Channel channel,
    String changelogPath,
    String releasesMd,
    List<String> sourceDirs,
    String pyprojectPath,
    String branchPrefix,
    String remote,
    String baseBranch,
    int autoMergeThreshold,
    int delayedMergeThreshold,
    int delayedMergeHours,
    String testCommand,
    int testTimeoutSeconds,
    String lockCommand,
    String agentCommand,
    int agentTimeoutSeconds,
    boolean dryRun,
    boolean skipTests,
    boolean apiDiff,
    String stateDir,
    String envCacheDir,
    String packageIndexUrl,
    String nightlyIndexUrl,
    String githubApiUrl,
    String upstreamRepo,
    int httpTimeoutSeconds,
    String gitAuthorName,
    String gitAuthorEmail,
    String discordWebhookEnv,
    String smtpHost,
    int smtpPort,
    String smtpUsernameEnv,
    String smtpPasswordEnv,
    String emailFrom,
    List<String> emailTo,
    // Limits and isolation (fail closed)
    int lockWaitSeconds,
    List<String> childEnv,
    int httpDeadlineSeconds,
    int maxBodyMb,
    int maxSourceFileMb,
    int maxNestingDepth,
    // API models shared across repositories
    String modelCacheDir,
    // Agent, merge gate and notifications
    String dispatchThreshold,
    List<String> agentEnv,
    int autoMergeQuietHours,
    String holdLabel,
    String smtpSecurity,
    List<String> notifyOn,
    String notifyMode,
    // What the code scan leaves out besides separate projects (globs as in .gitignore)
    List<String> exclude) {

  /**
   * The events {@code notify_on} may list (the notify stage's event ids; a test keeps them equal).
   */
  public static final List<String> NOTIFY_EVENTS =
      List.of(
          "detected",
          "pr-opened",
          "pr-updated",
          "tests-failed",
          "agent-done",
          "agent-failed",
          "manual",
          "blocked",
          "merged",
          "crash");

  public AutoUpdateConfig {
    sourceDirs = List.copyOf(sourceDirs);
    emailTo = List.copyOf(emailTo);
    childEnv = List.copyOf(childEnv);
    agentEnv = List.copyOf(agentEnv);
    notifyOn = List.copyOf(notifyOn);
    exclude = List.copyOf(exclude);
  }

  /** The HTTP limits of every client: http_timeout_seconds, http_deadline_seconds, max_body_mb. */
  public BoundedHttp.Limits httpLimits() {
    return BoundedHttp.Limits.of(httpTimeoutSeconds, httpDeadlineSeconds, maxBodyMb);
  }

  /**
   * A copy with one key changed, named as in files ({@code test_command}); so code and tests that
   * set a few keys do not spell out every component.
   */
  public AutoUpdateConfig with(String key, Object value) {
    List<ConfigKey> keys = ConfigKey.all();
    Object[] values = new Object[keys.size()];
    boolean found = false;
    for (int i = 0; i < keys.size(); i++) {
      ConfigKey k = keys.get(i);
      found |= k.name().equals(key);
      values[i] = k.name().equals(key) ? value : k.valueIn(this);
    }
    if (!found) {
      throw new IllegalArgumentException("no configuration key " + key);
    }
    return ConfigKey.construct(values);
  }

  /** The defaults of the user's plan; every field can be overridden by file, env or flag. */
  public static AutoUpdateConfig defaults() {
    return new AutoUpdateConfig(
        "nautilus_trader",
        Channel.STABLE,
        "docs/nautilus/nautilus-trader-changelog.json",
        null,
        List.of("."),
        "pyproject.toml",
        "update/v",
        "origin",
        null,
        85,
        65,
        24,
        "uv run pytest",
        600,
        "uv lock --upgrade-package {package}",
        "claude -p --output-format json --max-turns 30 --permission-mode acceptEdits",
        1800,
        false,
        false,
        true,
        ".nautilus-autoupdate",
        null,
        "https://pypi.org/pypi",
        "https://packages.nautechsystems.io/simple",
        "https://api.github.com",
        "nautechsystems/nautilus_trader",
        30,
        null,
        null,
        "DISCORD_WEBHOOK_URL",
        null,
        587,
        "SMTP_USERNAME",
        "SMTP_PASSWORD",
        null,
        List.of(),
        30,
        List.of(),
        300,
        64,
        5,
        200,
        null,
        "MEDIUM",
        List.of(),
        2,
        "hold",
        "starttls",
        List.of(),
        "each",
        List.of());
  }
}
