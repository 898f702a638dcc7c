package nautilus.autoupdate.agent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coding agent's environment: a minimal safe set (where programs are, who and where the user
 * is, locale and temp dirs) plus the variables {@code agent_env} names. Nothing else of the tool's
 * environment reaches it, so GITHUB_TOKEN, SMTP and webhook secrets stay out unless the user names
 * them. (A small helper of the agent's own: no shared child-environment helper exists yet.)
 */
public final class AgentEnv {
  /** Variables any program needs to start and find its config; none of them holds a secret. */
  static final List<String> SAFE =
      List.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "SHELL",
          "LANG",
          "LANGUAGE",
          "TERM",
          "TZ",
          "TMPDIR",
          "TMP",
          "TEMP",
          "XDG_CONFIG_HOME",
          "XDG_CACHE_HOME",
          "XDG_DATA_HOME",
          "XDG_STATE_HOME",
          "XDG_RUNTIME_DIR",
          "SYSTEMROOT",
          "COMSPEC",
          "PATHEXT");

  private AgentEnv() {}

  /** The variables of {@code env} the agent may see: {@link #SAFE}, LC_*, and {@code allowed}. */
  public static Map<String, String> of(Map<String, String> env, List<String> allowed) {
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (SAFE.contains(k) || k.startsWith("LC_") || allowed.contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }
}
