package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.TestReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets planted in the tool's environment, and two real children of {@code update}: the test
 * command (a Python script, standing in for the release's code) and a git pre-commit hook. Each
 * writes what it sees to a file.
 */
class ChildSecretsTest {
  static final Map<String, String> PLANTED =
      Map.of(
          "GITHUB_TOKEN", "ghp_planted_github_token",
          "GH_TOKEN", "gho_planted_gh_token",
          "DISCORD_WEBHOOK_URL", "https://discord.example/api/webhooks/planted",
          "SMTP_USERNAME", "planted-smtp-user",
          "SMTP_PASSWORD", "planted-smtp-password",
          "MY_SERVICE_API_KEY", "planted-api-key",
          "PIP_INDEX_URL", "https://user:planted-index-password@pypi.example/simple",
          "UV_INDEX_PRIVATE_PASSWORD", "planted-uv-password");

  /** Shared by both tests: the venvs of the two pins are built once. */
  @TempDir static Path shared;

  @TempDir Path dir;
  GitRepos repos;
  Path testSaw;
  Path hookSaw;
  Path lockSaw;

  @BeforeEach
  void setUp() throws Exception {
    repos =
        GitRepos.create(
            dir, "[project]\nname = \"s\"\ndependencies = [\"nautilus_trader==1.220.0\"]\n");
    testSaw = dir.resolve("test-saw.txt");
    hookSaw = dir.resolve("hook-saw.txt");
    Path dump = dir.resolve("dump_env.py");
    Files.writeString(
        dump,
        "import os\n"
            + "import sys\n"
            + "with open(sys.argv[1], 'a') as f:\n"
            + "    for k, v in sorted(os.environ.items()):\n"
            + "        f.write(k + '=' + v + '\\n')\n");
    // A uv.lock makes update run lock_command, a third child.
    repos.pushFile("uv.lock", "version = 1\n");
    lockSaw = dir.resolve("lock-saw.txt");
    Path hook = repos.user.resolve(".git/hooks/pre-commit");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\nenv >> '" + hookSaw + "'\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Two tiny wheels of nautilus_trader, the versions before and after the update. */
  static Path wheels() throws IOException {
    Path dir = shared.resolve("wheels");
    Files.createDirectories(dir);
    for (String v : List.of("1.220.0", "1.221.0")) {
      Path whl = dir.resolve("nautilus_trader-" + v + "-py3-none-any.whl");
      if (Files.exists(whl)) {
        continue;
      }
      String info = "nautilus_trader-" + v + ".dist-info/";
      Map<String, String> files = new LinkedHashMap<>();
      files.put("nautilus_trader/__init__.py", "");
      files.put(
          info + "METADATA", "Metadata-Version: 2.1\nName: nautilus_trader\nVersion: " + v + "\n");
      files.put(
          info + "WHEEL",
          "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
      files.put(info + "RECORD", "");
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(whl))) {
        for (Map.Entry<String, String> f : files.entrySet()) {
          zip.putNextEntry(new ZipEntry(f.getKey()));
          zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return dir;
  }

  CliRunner.Result update(Map<String, String> extra) throws Exception {
    ImpactReport r = TestReport.of("1.221.0", "1.220.0").build();
    Path rep = dir.resolve("report.json");
    Files.writeString(rep, Json.mapper().writeValueAsString(r));
    // The environment of a real run: this process's, with the secrets on top.
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(PLANTED);
    Path dump = dir.resolve("dump_env.py");
    env.put("NAUTILUS_AUTOUPDATE_TEST_COMMAND", "python3 " + dump + " " + testSaw);
    env.put("NAUTILUS_AUTOUPDATE_LOCK_COMMAND", "python3 " + dump + " " + lockSaw);
    env.put("NAUTILUS_AUTOUPDATE_ENV_CACHE_DIR", shared.resolve("envs").toString());
    // The test environments install the pinned package from local wheels, never from the network.
    env.put("PIP_NO_INDEX", "1");
    env.put("PIP_FIND_LINKS", wheels().toString());
    env.putAll(extra);
    return CliRunner.run(repos.user, env, "update", "--report", rep.toString(), "--no-push");
  }

  @Test
  void theTestCommandAndGitHooksSeeNoneOfTheToolsSecrets() throws Exception {
    var r = update(Map.of("SOME_HARMLESS_SETTING", "1"));
    assertThat(testSaw).as(r.out() + r.err()).exists();
    assertThat(hookSaw).as(r.out() + r.err()).exists();
    assertThat(lockSaw).as(r.out() + r.err()).exists();
    for (Path saw : List.of(testSaw, hookSaw, lockSaw)) {
      String seen = Files.readString(saw);
      for (String secret : PLANTED.values()) {
        assertThat(seen).as(saw.getFileName() + " must not hold " + secret).doesNotContain(secret);
      }
      // What programs need to run is still there; what is not asked for is not.
      assertThat(seen).contains("PATH=").doesNotContain("SOME_HARMLESS_SETTING");
    }
    assertThat(r.out() + r.err()).doesNotContain("planted");
  }

  @Test
  void childEnvLetsNamedVariablesThrough() throws Exception {
    update(
        Map.of(
            "SOME_HARMLESS_SETTING",
            "1",
            "NAUTILUS_AUTOUPDATE_CHILD_ENV",
            "SOME_HARMLESS_SETTING,SMTP_PASSWORD"));
    for (Path saw : List.of(testSaw, hookSaw, lockSaw)) {
      String seen = Files.readString(saw);
      assertThat(seen)
          .contains("SOME_HARMLESS_SETTING=1")
          .contains("SMTP_PASSWORD=planted-smtp-password")
          .doesNotContain("ghp_planted_github_token")
          .doesNotContain("planted-api-key");
    }
  }
}
