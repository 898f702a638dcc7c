package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.detect.FakeUpstream;
import nautilus.autoupdate.github.GitHubStub;
import nautilus.autoupdate.notify.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code run} on a real git repository (bare remote, GitHub and Discord on WireMock,
 * GreenMail for SMTP), twice: every event reaches a channel exactly once, and known secret values
 * planted in the environment appear in no message, output or state file.
 */
class RunNotifyTest {
  static final String GITHUB_TOKEN = "ghp_pl4ntedRunNotifyToken0123456789";
  static final String SMTP_PASSWORD = "pl4nted-run-SMTP-password";
  static final String BRANCH = "update/v1.222.0";

  @TempDir Path tmp;
  FakeUpstream up;
  FakeDiscord discord;
  GreenMail mail;

  @BeforeEach
  void start() {
    up = new FakeUpstream();
    up.publishStable("1.221.0", Instant.now().minus(Duration.ofDays(40)));
    up.publishStable("1.222.0", Instant.now().minus(Duration.ofDays(20)));
    GitHubStub.pullsFor(up.server, "/api", BRANCH);
    discord = new FakeDiscord();
    mail =
        new GreenMail(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig().withUser("bot@example.org", "bot", SMTP_PASSWORD));
    mail.start();
  }

  @AfterEach
  void stop() {
    up.close();
    discord.close();
    mail.stop();
  }

  Map<String, String> env(Path repo) {
    Map<String, String> env =
        new LinkedHashMap<>(up.env(repo.resolveSibling(repo.getFileName() + ".state"), "stable"));
    env.put("GITHUB_TOKEN", GITHUB_TOKEN);
    // Auto or delayed (the score depends on what the API diff can see): merge in the same run.
    env.put("NAUTILUS_AUTOUPDATE_AUTO_MERGE_QUIET_HOURS", "0");
    env.put("NAUTILUS_AUTOUPDATE_DELAYED_MERGE_HOURS", "0");
    env.put("DISCORD_WEBHOOK_URL", discord.url());
    env.put("NAUTILUS_AUTOUPDATE_SMTP_HOST", "127.0.0.1");
    env.put("NAUTILUS_AUTOUPDATE_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
    env.put("NAUTILUS_AUTOUPDATE_SMTP_SECURITY", "none");
    env.put("NAUTILUS_AUTOUPDATE_EMAIL_FROM", "bot@example.org");
    env.put("NAUTILUS_AUTOUPDATE_EMAIL_TO", "ops@example.org");
    env.put("SMTP_USERNAME", "bot");
    env.put("SMTP_PASSWORD", SMTP_PASSWORD);
    return env;
  }

  GitRepos repos(String name) throws IOException {
    return GitRepos.create(
        Files.createDirectories(tmp.resolve(name)),
        "[project]\nname = \"strategies\"\ndependencies = [\"nautilus-trader==1.221.0\"]\n");
  }

  List<String> discordTitles() {
    List<String> out = new ArrayList<>();
    discord.bodies().forEach(b -> b.path("embeds").forEach(e -> out.add(e.path("title").asText())));
    return out;
  }

  List<String> mailSubjects() throws Exception {
    List<String> out = new ArrayList<>();
    for (var m : mail.getReceivedMessages()) {
      out.add(m.getSubject());
    }
    return out;
  }

  @Test
  void eachEventOfARunIsToldOnceAcrossARerun() throws Exception {
    Path repo = repos("ok").user;
    List<CliRunner.Result> runs = new ArrayList<>();
    runs.add(CliRunner.run(repo, env(repo), "run", "--skip-tests"));
    runs.add(CliRunner.run(repo, env(repo), "run", "--skip-tests"));
    assertThat(runs.get(0).exitCode()).as(runs.get(0).out() + runs.get(0).err()).isZero();
    assertThat(runs.get(1).exitCode()).isZero();
    assertThat(discordTitles())
        .as(runs.get(0).out() + runs.get(0).err())
        .containsExactly(
            "nautilus\\_trader 1.222.0 is out",
            "Update to 1.222.0: pull request opened",
            "Update to 1.222.0 merged");
    assertThat(runs.get(1).out()).doesNotContain("notified:");
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertNoSecrets(repo, runs);
  }

  @Test
  void whenDiscordAnswers500EveryEventGoesByEmailOnce() throws Exception {
    discord.failing(500, "{}");
    Path repo = repos("fallback").user;
    List<CliRunner.Result> runs = new ArrayList<>();
    runs.add(CliRunner.run(repo, env(repo), "run", "--skip-tests"));
    runs.add(CliRunner.run(repo, env(repo), "run", "--skip-tests"));
    assertThat(runs.get(0).exitCode()).as(runs.get(0).out() + runs.get(0).err()).isZero();
    assertThat(mailSubjects())
        .containsExactly(
            "[nautilus-autoupdate] nautilus_trader 1.222.0 is out",
            "[nautilus-autoupdate] Update to 1.222.0: pull request opened",
            "[nautilus-autoupdate] Update to 1.222.0 merged");
    assertThat(runs.get(0).err())
        .contains("warning: notify: discord: Discord refused the message: HTTP 500");
    assertNoSecrets(repo, runs);
  }

  @Test
  void aCrashOfRunIsToldOnceByEmailFirst() throws Exception {
    GitRepos repos = repos("crash");
    Path repo = repos.user;
    // The remote is gone: the update step fails with an error, which ends the run.
    try (Stream<Path> files = Files.walk(repos.remote)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    List<CliRunner.Result> runs = new ArrayList<>();
    runs.add(CliRunner.run(repo, env(repo), "run", "--skip-tests"));
    runs.add(CliRunner.run(repo, env(repo), "run", "--skip-tests"));
    assertThat(runs.get(0).exitCode()).isEqualTo(1);
    assertThat(runs.get(0).err()).contains("\nerror: ");
    assertThat(mailSubjects())
        .containsExactly("[nautilus-autoupdate] nautilus-autoupdate run failed");
    String body = GreenMailUtil.getBody(mail.getReceivedMessages()[0]);
    String error =
        runs.get(0).err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
    assertThat(body).contains(error.substring("error: ".length(), Math.min(error.length(), 60)));
    assertThat(discordTitles()).containsExactly("nautilus\\_trader 1.222.0 is out");
    assertNoSecrets(repo, runs);
  }

  @Test
  void notifyShowsTheSetupAndTestsEachChannel() {
    Path repo = tmp;
    Map<String, String> env = env(repo);
    env.put("NAUTILUS_AUTOUPDATE_NOTIFY_ON", "manual,blocked,crash");
    CliRunner.Result show = CliRunner.run(repo, env, "notify");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out())
        .isEqualTo("channels: discord, email\nevents: manual, blocked, crash (mode each)\n");
    CliRunner.Result ok = CliRunner.run(repo, env, "notify", "--test");
    assertThat(ok.out()).isEqualTo("discord: ok\nemail: ok\n");
    assertThat(ok.exitCode()).isZero();
    assertThat(discord.bodies()).hasSize(1);
    assertThat(mail.getReceivedMessages()).hasSize(1);

    discord.failing(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}");
    CliRunner.Result bad = CliRunner.run(repo, env, "notify", "--test");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out())
        .isEqualTo(
            "discord: failed: Discord refused the message: HTTP 404 (Unknown Webhook, code 10015)\n"
                + "email: ok\n");
    assertThat(bad.out() + bad.err() + ok.out() + show.out()).doesNotContain(FakeDiscord.TOKEN);

    CliRunner.Result none = CliRunner.run(repo, Map.of(), "notify", "--test");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.out()).startsWith("no channel configured");
  }

  void assertNoSecrets(Path repo, List<CliRunner.Result> runs) throws Exception {
    StringBuilder all = new StringBuilder();
    runs.forEach(r -> all.append(r.out()).append(r.err()));
    discord.rawBodies().forEach(all::append);
    for (var m : mail.getReceivedMessages()) {
      all.append(GreenMailUtil.getWholeMessage(m));
    }
    Path state = repo.resolveSibling(repo.getFileName() + ".state");
    try (Stream<Path> files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(all.toString())
        .isNotEmpty()
        .doesNotContain(FakeDiscord.TOKEN)
        .doesNotContain(GITHUB_TOKEN)
        .doesNotContain(SMTP_PASSWORD);
  }
}
