package nautilus.autoupdate.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.config.AutoUpdateConfig;

/**
 * The secret values of this process (webhook URL and its token, SMTP credentials, the GitHub
 * token), so every text that leaves a channel, a log line or a state row can be scrubbed of them:
 * an upstream error echoing a URL, say, must not carry the webhook's token along.
 */
public final class Secrets {
  static final String MASK = "[redacted]";
  private final List<String> values;

  Secrets(List<String> values) {
    // Longest first, so a URL is masked whole before its token is looked for.
    this.values =
        values.stream()
            .filter(v -> v != null && v.length() >= 4)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  public static Secrets none() {
    return new Secrets(List.of());
  }

  public static Secrets of(AutoUpdateConfig config, Map<String, String> env) {
    List<String> v = new ArrayList<>();
    String webhook = env.get(config.discordWebhookEnv());
    if (webhook != null) {
      v.add(webhook.strip());
      // The token is the last path segment; mask it also when quoted alone.
      String[] parts = webhook.strip().split("[/?#]");
      for (String p : parts) {
        if (p.length() >= 16) {
          v.add(p);
        }
      }
    }
    v.add(env.get(config.smtpPasswordEnv()));
    v.add(env.get("GITHUB_TOKEN"));
    v.add(env.get("GH_TOKEN"));
    return new Secrets(v);
  }

  /** The text with every secret value replaced by {@value #MASK}. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : values) {
      out = out.replace(s, MASK);
    }
    return out;
  }
}
