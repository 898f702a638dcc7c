package nautilus.autoupdate.config;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment of the processes the tool starts but does not control: the test command (which
 * runs the new upstream release's code), the lock command, git and its hooks, the agent. It starts
 * from a small safe set (paths, locale, terminal, Python/uv/pip and git settings, the SSH agent)
 * and adds what {@code child_env} names. The tool's secrets never pass unless named there: {@code
 * GITHUB_TOKEN}, {@code GH_TOKEN}, the variables named by {@code discord_webhook_env}, {@code
 * smtp_username_env} and {@code smtp_password_env}, any name that looks like a secret, any value
 * that is a URL with a password in it, and any copy of a secret's value under another name.
 */
public final class ChildEnv {
  private static final Set<String> SAFE =
      Set.of(
          "PATH",
          "HOME",
          "LANG",
          "LANGUAGE",
          "TMPDIR",
          "TEMP",
          "TMP",
          "TERM",
          "COLORTERM",
          "NO_COLOR",
          "USER",
          "LOGNAME",
          "SHELL",
          "TZ",
          "VIRTUAL_ENV",
          "SSH_AUTH_SOCK",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY",
          "http_proxy",
          "https_proxy",
          "no_proxy",
          "ALL_PROXY",
          "all_proxy",
          // Where TLS trust lives: without these, uv and pip on a machine with its own CA (a
          // corporate proxy, a sandbox) cannot reach the index at all.
          "SSL_CERT_FILE",
          "SSL_CERT_DIR",
          "REQUESTS_CA_BUNDLE",
          "CURL_CA_BUNDLE",
          "NIX_SSL_CERT_FILE",
          // Windows needs these to start anything at all.
          "SYSTEMROOT",
          "SystemRoot",
          "WINDIR",
          "COMSPEC",
          "PATHEXT",
          "USERPROFILE",
          "APPDATA",
          "LOCALAPPDATA");

  private static final List<String> SAFE_PREFIXES =
      List.of("LC_", "PYTHON", "UV_", "PIP_", "GIT_", "XDG_");

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|WEBHOOK|CREDENTIAL|PRIVATE_KEY",
          Pattern.CASE_INSENSITIVE);

  /** {@code scheme://user:password@host}: an index or proxy URL carrying a credential. */
  private static final Pattern URL_WITH_PASSWORD = Pattern.compile("://[^/@\\s:]*:[^/@\\s]+@");

  private ChildEnv() {}

  /**
   * The child environment for the tests, lock command and git: {@code child_env} passes. {@code
   * env} is read over this process's own environment, as children inherited it before (the same map
   * in production; in-process tests pass only the variables they set).
   */
  public static Map<String, String> of(AutoUpdateConfig config, Map<String, String> env) {
    Map<String, String> all = new TreeMap<>(System.getenv());
    all.putAll(env);
    return of(all, config.childEnv(), secretNames(config));
  }

  /** The names of the tool's own secrets in {@code config}. */
  public static Set<String> secretNames(AutoUpdateConfig config) {
    Set<String> names = new HashSet<>(Set.of("GITHUB_TOKEN", "GH_TOKEN"));
    for (String n :
        new String[] {
          config.discordWebhookEnv(), config.smtpUsernameEnv(), config.smtpPasswordEnv()
        }) {
      if (n != null && !n.isBlank()) {
        names.add(n.strip());
      }
    }
    return names;
  }

  /**
   * @param allowed names passed whatever they hold (the user's {@code child_env})
   * @param secrets names of the tool's secrets; their values are not passed under any other name
   */
  public static Map<String, String> of(
      Map<String, String> env, Collection<String> allowed, Collection<String> secrets) {
    Set<String> secretValues = new HashSet<>();
    for (String name : secrets) {
      String v = env.get(name);
      // Short values ("1", "true") are too common to stand for a secret.
      if (v != null && v.strip().length() >= 8) {
        secretValues.add(v.strip());
      }
    }
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (allowed.contains(name)) {
            out.put(name, value);
          } else if (isSafe(name)
              && !secrets.contains(name)
              && !looksSecret(name)
              && !URL_WITH_PASSWORD.matcher(value).find()
              && !secretValues.contains(value.strip())) {
            out.put(name, value);
          }
        });
    return out;
  }

  /** A name such as {@code API_TOKEN}, {@code UV_INDEX_X_PASSWORD} or {@code SLACK_WEBHOOK_URL}. */
  public static boolean looksSecret(String name) {
    return SECRET_NAME.matcher(name).find();
  }

  private static boolean isSafe(String name) {
    if (SAFE.contains(name)) {
      return true;
    }
    String upper = name.toUpperCase(Locale.ROOT);
    return SAFE_PREFIXES.stream().anyMatch(upper::startsWith);
  }
}
