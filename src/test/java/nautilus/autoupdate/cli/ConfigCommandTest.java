package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path dir;

  @Test
  void textShowsEveryValueWithItsOriginAndNeverASecret() throws Exception {
    Path repo = Files.createDirectory(dir.resolve("repo"));
    Files.writeString(
        repo.resolve("pyproject.toml"), "[tool.nautilus-autoupdate]\nchannel = \"nightly\"\n");
    var r =
        CliRunner.run(
            dir,
            Map.of(
                "NAUTILUS_AUTOUPDATE_DRY_RUN", "true",
                "DISCORD_WEBHOOK_URL", "https://discord.example/secret-token"),
            "config",
            "--repo",
            "repo");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("channel +\\= nightly +\\[pyproject.toml\\]")
        .containsPattern("dry_run +\\= true +\\[env NAUTILUS_AUTOUPDATE_DRY_RUN\\]")
        .containsPattern("remote +\\= origin +\\[default\\]")
        .contains("discord_webhook_env")
        .contains("DISCORD_WEBHOOK_URL (set)")
        .contains("SMTP_PASSWORD (not set)")
        .doesNotContain("secret-token")
        .doesNotContain("\u001b[");
  }

  @Test
  void jsonHasConfigAndOrigins() throws Exception {
    Files.writeString(dir.resolve("nautilus-autoupdate.toml"), "source_dirs = [\"src\"]\n");
    var r = CliRunner.run(dir, "config", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(doc.at("/config/package").asText()).isEqualTo("nautilus_trader");
    assertThat(doc.at("/config/channel").asText()).isEqualTo("stable");
    assertThat(doc.at("/config/source_dirs/0").asText()).isEqualTo("src");
    assertThat(doc.at("/origins/source_dirs").asText()).isEqualTo("nautilus-autoupdate.toml");
    assertThat(doc.at("/origins/package").asText()).isEqualTo("default");
    assertThat(doc.at("/config/base_branch").isNull()).isTrue();
  }

  @Test
  void errorsAreOneLineWithExitCodeOne() throws Exception {
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.nautilus-autoupdate]\nremot = \"x\"\n");
    var r = CliRunner.run(dir, "config");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err().strip())
        .isEqualTo(
            "error: pyproject.toml:2: unknown key 'remot' in [tool.nautilus-autoupdate] (did you"
                + " mean 'remote'?)");
  }

  @Test
  void missingRepoDirectoryIsAUserError() {
    var r = CliRunner.run(dir, "config", "--repo", "nope");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("--repo nope: not a directory");
  }

  @Test
  void helpDescribesPrecedence() {
    var r = CliRunner.run(dir, "config", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--repo=DIR").contains("--format").contains("Precedence");
  }
}
