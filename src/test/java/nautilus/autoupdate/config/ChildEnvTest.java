package nautilus.autoupdate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChildEnvTest {
  static final Map<String, String> ENV =
      Map.ofEntries(
          Map.entry("PATH", "/usr/bin"),
          Map.entry("HOME", "/home/u"),
          Map.entry("LC_ALL", "C.UTF-8"),
          Map.entry("UV_CACHE_DIR", "/cache/uv"),
          Map.entry("UV_PUBLISH_TOKEN", "pypi-secret-1234"),
          Map.entry("PIP_INDEX_URL", "https://u:hunter22@pypi.example/simple"),
          Map.entry("PIP_EXTRA_INDEX_URL", "https://pypi.example/simple"),
          Map.entry("GIT_AUTHOR_NAME", "Bot"),
          Map.entry("SSH_AUTH_SOCK", "/tmp/agent.sock"),
          Map.entry("GITHUB_TOKEN", "ghp_abcdefgh"),
          Map.entry("HOOK_URL", "https://hooks.example/x"),
          Map.entry("NOTIFY_HOOK", "https://hooks.example/x"),
          Map.entry("XDG_SECRET_THING", "s3cr3t-value"),
          Map.entry("PYTHON_COPY", "ghp_abcdefgh"),
          Map.entry("AWS_REGION", "eu-west-1"));

  @Test
  void keepsTheSafeSetAndDropsSecretsByNameValueAndCopy() {
    Map<String, String> out = ChildEnv.of(ENV, List.of(), Set.of("GITHUB_TOKEN", "HOOK_URL"));
    assertThat(out)
        .containsOnlyKeys(
            "PATH",
            "HOME",
            "LC_ALL",
            "UV_CACHE_DIR",
            "PIP_EXTRA_INDEX_URL",
            "GIT_AUTHOR_NAME",
            "SSH_AUTH_SOCK");
  }

  @Test
  void theTlsTrustSettingsPassSoChildrenCanReachTheIndex() {
    Map<String, String> env =
        Map.of(
            "SSL_CERT_FILE", "/etc/ssl/ca.pem",
            "REQUESTS_CA_BUNDLE", "/etc/ssl/ca.pem",
            "SSL_CERT_DIR", "/etc/ssl/certs",
            "CURL_CA_BUNDLE", "/etc/ssl/ca.pem");
    assertThat(ChildEnv.of(env, List.of(), Set.of())).isEqualTo(env);
  }

  @Test
  void childEnvPassesAnyNamedVariable() {
    Map<String, String> out =
        ChildEnv.of(ENV, List.of("AWS_REGION", "GITHUB_TOKEN"), Set.of("GITHUB_TOKEN"));
    assertThat(out)
        .containsEntry("AWS_REGION", "eu-west-1")
        .containsEntry("GITHUB_TOKEN", "ghp_abcdefgh");
    assertThat(out).doesNotContainKey("UV_PUBLISH_TOKEN");
  }

  @Test
  void theConfiguredSecretNamesAreTheTools() {
    AutoUpdateConfig c =
        AutoUpdateConfig.defaults()
            .with("discord_webhook_env", "MY_HOOK")
            .with("smtp_username_env", "MAIL_USER")
            .with("smtp_password_env", "MAIL_PASS");
    assertThat(ChildEnv.secretNames(c))
        .containsExactlyInAnyOrder("GITHUB_TOKEN", "GH_TOKEN", "MY_HOOK", "MAIL_USER", "MAIL_PASS");
    assertThat(ChildEnv.looksSecret("SLACK_WEBHOOK_URL")).isTrue();
    assertThat(ChildEnv.looksSecret("OPENAI_API_KEY")).isTrue();
    assertThat(ChildEnv.looksSecret("SSH_AUTH_SOCK")).isFalse();
    assertThat(ChildEnv.looksSecret("GIT_AUTHOR_EMAIL")).isFalse();
  }
}
