package nautilus.autoupdate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path repo;

  private void write(String name, String text) throws IOException {
    Files.writeString(repo.resolve(name), text);
  }

  private LoadedConfig load() {
    return ConfigLoader.load(repo, Map.of(), Map.of());
  }

  @Test
  void withoutAnyFileEveryValueIsTheDefault() {
    LoadedConfig loaded = load();
    assertThat(loaded.config()).isEqualTo(AutoUpdateConfig.defaults());
    assertThat(loaded.origins()).hasSize(ConfigKey.all().size());
    assertThat(loaded.origins().values()).containsOnly(Origin.DEFAULT);
  }

  @Test
  void readsTheToolTableOfPyproject() throws IOException {
    write(
        "pyproject.toml",
        """
        [project]
        name = "strategies"
        dependencies = ["nautilus_trader==1.220.0"]

        [tool.nautilus-autoupdate]
        package = "nautilus-trader"
        channel = "nightly"
        source_dirs = ["src", "research"]
        auto_merge_threshold = 90
        dry_run = true
        test_timeout_seconds = 120
        """);
    LoadedConfig loaded = load();
    AutoUpdateConfig c = loaded.config();
    assertThat(c.packageName()).isEqualTo("nautilus-trader");
    assertThat(c.channel()).isEqualTo(Channel.NIGHTLY);
    assertThat(c.sourceDirs()).containsExactly("src", "research");
    assertThat(c.autoMergeThreshold()).isEqualTo(90);
    assertThat(c.dryRun()).isTrue();
    assertThat(c.testTimeoutSeconds()).isEqualTo(120);
    assertThat(loaded.originOf("channel")).isEqualTo(Origin.file("pyproject.toml"));
    assertThat(loaded.originOf("remote")).isEqualTo(Origin.DEFAULT);
  }

  @Test
  void pyprojectWithoutTheTableFallsBackToTheStandaloneFileAtTopLevel() throws IOException {
    write("pyproject.toml", "[project]\nname = \"x\"\n");
    write("nautilus-autoupdate.toml", "remote = \"upstream\"\nskip_tests = true\n");
    LoadedConfig loaded = load();
    assertThat(loaded.config().remote()).isEqualTo("upstream");
    assertThat(loaded.config().skipTests()).isTrue();
    assertThat(loaded.originOf("remote").toString()).isEqualTo("nautilus-autoupdate.toml");
  }

  @Test
  void standaloneFileMayUseTheToolTableToo() throws IOException {
    write("nautilus-autoupdate.toml", "[tool.nautilus-autoupdate]\nbranch_prefix = \"deps/nt-\"\n");
    assertThat(load().config().branchPrefix()).isEqualTo("deps/nt-");
  }

  @Test
  void standaloneFileMixingTopLevelAndTableIsRejected() throws IOException {
    write(
        "nautilus-autoupdate.toml",
        "remote = \"x\"\n[tool.nautilus-autoupdate]\nbranch_prefix = \"deps/nt-\"\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(UserError.class)
        .hasMessageContaining("nautilus-autoupdate.toml")
        .hasMessageContaining("not both");
  }

  @Test
  void twoConfigFilesAreAmbiguous() throws IOException {
    write("pyproject.toml", "[tool.nautilus-autoupdate]\nremote = \"a\"\n");
    write("nautilus-autoupdate.toml", "remote = \"b\"\n");
    assertThatThrownBy(this::load).hasMessageContaining("keep one");
  }

  @Test
  void precedenceIsFlagsOverEnvOverFileOverDefaults() throws IOException {
    write(
        "pyproject.toml",
        """
        [tool.nautilus-autoupdate]
        remote = "from-file"
        base_branch = "from-file"
        test_command = "from-file"
        """);
    Map<String, String> env =
        Map.of(
            "NAUTILUS_AUTOUPDATE_BASE_BRANCH", "from-env",
            "NAUTILUS_AUTOUPDATE_TEST_COMMAND", "from-env",
            "PATH", "/usr/bin");
    Map<String, Object> flags = new HashMap<>();
    flags.put("test_command", "from-flag");
    flags.put("remote", null); // an option not given on the command line
    LoadedConfig loaded = ConfigLoader.load(repo, env, flags);
    AutoUpdateConfig c = loaded.config();
    assertThat(c.remote()).isEqualTo("from-file");
    assertThat(c.baseBranch()).isEqualTo("from-env");
    assertThat(c.testCommand()).isEqualTo("from-flag");
    assertThat(c.stateDir()).isEqualTo(".nautilus-autoupdate");
    assertThat(loaded.originOf("remote").layer()).isEqualTo(Origin.Layer.FILE);
    assertThat(loaded.originOf("base_branch").toString())
        .isEqualTo("env NAUTILUS_AUTOUPDATE_BASE_BRANCH");
    assertThat(loaded.originOf("test_command").toString()).isEqualTo("flag --test-command");
    assertThat(loaded.originOf("state_dir")).isEqualTo(Origin.DEFAULT);
  }

  @Test
  void environmentValuesAreParsedByType() {
    Map<String, String> env =
        Map.of(
            "NAUTILUS_AUTOUPDATE_DRY_RUN", "true",
            "NAUTILUS_AUTOUPDATE_SKIP_TESTS", "yes",
            "NAUTILUS_AUTOUPDATE_SOURCE_DIRS", "src, notebooks ,,",
            "NAUTILUS_AUTOUPDATE_AGENT_TIMEOUT_SECONDS", "60",
            "NAUTILUS_AUTOUPDATE_CHANNEL", "Develop",
            "NAUTILUS_AUTOUPDATE_RELEASES_MD", "");
    AutoUpdateConfig c = ConfigLoader.load(repo, env, Map.of()).config();
    assertThat(c.dryRun()).isTrue();
    assertThat(c.skipTests()).isTrue();
    assertThat(c.sourceDirs()).containsExactly("src", "notebooks");
    assertThat(c.agentTimeoutSeconds()).isEqualTo(60);
    assertThat(c.channel()).isEqualTo(Channel.DEVELOP);
    assertThat(c.releasesMd()).isNull();
  }

  @Test
  void typedFlagsAreAccepted() {
    Map<String, Object> flags =
        Map.of(
            "dry_run",
            true,
            "channel",
            Channel.PRE,
            "test_timeout_seconds",
            5L,
            "releases_md",
            Path.of("notes/RELEASES.md"),
            "email_to",
            List.of("a@b.c"),
            "skip_tests",
            "on");
    AutoUpdateConfig c = ConfigLoader.load(repo, Map.of(), flags).config();
    assertThat(c.dryRun()).isTrue();
    assertThat(c.channel()).isEqualTo(Channel.PRE);
    assertThat(c.testTimeoutSeconds()).isEqualTo(5);
    assertThat(c.releasesMd()).isEqualTo("notes/RELEASES.md");
    assertThat(c.emailTo()).containsExactly("a@b.c");
    assertThat(c.skipTests()).isTrue();
  }

  @Test
  void aFlagThatIsNoKeyIsAProgrammingError() {
    assertThatThrownBy(() -> ConfigLoader.load(repo, Map.of(), Map.of("dryrun", true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dryrun");
  }

  @Test
  void unknownKeyNamesFileLineKeyAndClosestKey() throws IOException {
    write(
        "pyproject.toml", "[project]\nname = \"x\"\n\n[tool.nautilus-autoupdate]\ndryrun = true\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(UserError.class)
        .hasMessage(
            "pyproject.toml:5: unknown key 'dryrun' in [tool.nautilus-autoupdate] (did you mean"
                + " 'dry_run'?)");
  }

  @Test
  void notifyOnNamesKnownEvents() throws IOException {
    write("nautilus-autoupdate.toml", "notify_on = [\"manual\", \"crash\"]\n");
    assertThat(load().config().notifyOn()).containsExactly("manual", "crash");
    write("nautilus-autoupdate.toml", "notify_on = [\"manual\", \"pr\"]\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("notify_on = [manual, pr] (from nautilus-autoupdate.toml")
        .hasMessageContaining("must be one of [detected, pr-opened");
  }

  @Test
  void wrongTypeNamesFileKeyAndExpectedType() throws IOException {
    write("nautilus-autoupdate.toml", "\ntest_timeout_seconds = \"600\"\n");
    assertThatThrownBy(this::load)
        .hasMessage(
            "nautilus-autoupdate.toml:2: key 'test_timeout_seconds' expects an integer, got a"
                + " string (600)");
  }

  @Test
  void wrongTypesOfEveryKind() throws IOException {
    write("nautilus-autoupdate.toml", "source_dirs = \"src\"\n");
    assertThatThrownBy(this::load).hasMessageContaining("expects a list of strings, got a string");
    write("nautilus-autoupdate.toml", "source_dirs = [1, 2]\n");
    assertThatThrownBy(this::load).hasMessageContaining("got an array");
    write("nautilus-autoupdate.toml", "dry_run = 1\n");
    assertThatThrownBy(this::load).hasMessageContaining("expects a boolean");
    write("nautilus-autoupdate.toml", "remote = true\n");
    assertThatThrownBy(this::load).hasMessageContaining("expects a string, got a boolean");
    write("nautilus-autoupdate.toml", "remote = { a = 1 }\n");
    assertThatThrownBy(this::load).hasMessageContaining("got a table");
    write("nautilus-autoupdate.toml", "smtp_port = 99999999999\n");
    assertThatThrownBy(this::load).hasMessageContaining("expects an integer");
    write("nautilus-autoupdate.toml", "channel = \"beta\"\n");
    assertThatThrownBy(this::load)
        .hasMessageContaining("nautilus-autoupdate.toml:1")
        .hasMessageContaining("channel")
        .hasMessageContaining("stable, pre, nightly, develop");
  }

  @Test
  void aPastedSecretIsNeverEchoed() throws IOException {
    String secret = "https://discord.com/api/webhooks/123/abc";
    write("nautilus-autoupdate.toml", "discord_webhook_env = \"" + secret + "\"\n");
    assertThatThrownBy(this::load)
        .hasMessageContaining("discord_webhook_env")
        .hasMessageContaining("NAME of an environment variable")
        .hasMessageNotContaining(secret);
    write("nautilus-autoupdate.toml", "smtp_password_env = 1234\n");
    assertThatThrownBy(this::load).hasMessageNotContaining("1234");
  }

  @Test
  void malformedTomlNamesFileLineAndColumn() throws IOException {
    write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"a\",\n[tool.x]\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("pyproject.toml:4:")
        .hasMessageContaining("malformed TOML")
        .hasMessageNotContaining("(line");
  }

  @Test
  void toolTableThatIsNotATableIsRejected() throws IOException {
    write("pyproject.toml", "[tool]\n\"nautilus-autoupdate\" = 3\n");
    assertThatThrownBy(this::load).hasMessageContaining("must be a table");
  }

  @Test
  void unknownEnvironmentVariableSuggestsTheClosestOne() {
    assertThatThrownBy(
            () -> ConfigLoader.load(repo, Map.of("NAUTILUS_AUTOUPDATE_DRYRUN", "1"), Map.of()))
        .hasMessage(
            "environment variable NAUTILUS_AUTOUPDATE_DRYRUN is not a known setting (did you mean"
                + " NAUTILUS_AUTOUPDATE_DRY_RUN?)");
  }

  @Test
  void theLaunchersJavaOptionsAreNotASetting() {
    assertThat(
            ConfigLoader.load(
                    repo,
                    Map.of(
                        "NAUTILUS_AUTOUPDATE_JAVA_OPTS", "-Xmx2g", "NAUTILUS_AUTOUPDATE_CDS", "0"),
                    Map.of())
                .config())
        .isEqualTo(ConfigLoader.load(repo, Map.of(), Map.of()).config());
  }

  @Test
  void badEnvironmentValuesNameTheVariable() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    repo, Map.of("NAUTILUS_AUTOUPDATE_TEST_TIMEOUT_SECONDS", "ten"), Map.of()))
        .hasMessage(
            "environment variable NAUTILUS_AUTOUPDATE_TEST_TIMEOUT_SECONDS: expected an integer,"
                + " got 'ten'");
    assertThatThrownBy(
            () -> ConfigLoader.load(repo, Map.of("NAUTILUS_AUTOUPDATE_DRY_RUN", "maybe"), Map.of()))
        .hasMessageContaining("expected true or false");
  }

  @Test
  void validationNamesKeyValueAndOrigin() throws IOException {
    write("nautilus-autoupdate.toml", "auto_merge_threshold = 120\n");
    assertThatThrownBy(this::load)
        .hasMessage(
            "auto_merge_threshold = 120 (from nautilus-autoupdate.toml) must be between 0 and 100");
    write("nautilus-autoupdate.toml", "auto_merge_threshold = 50\ndelayed_merge_threshold = 60\n");
    assertThatThrownBy(this::load)
        .hasMessageContaining("must not exceed auto_merge_threshold (50)");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    repo, Map.of(), Map.of("test_timeout_seconds", 0, "auto_merge_threshold", 90)))
        .hasMessage(
            "test_timeout_seconds = 0 (from flag --test-timeout-seconds) must be a positive"
                + " number of seconds");
  }

  @Test
  void validationOfFormats() throws IOException {
    String[][] cases = {
      {"github_api_url = \"ftp://x\"", "http(s) URL"},
      {"nightly_index_url = \"not a url\"", "http(s) URL"},
      {"package = \"nautilus trader\"", "Python package name"},
      {"upstream_repo = \"nautilus\"", "owner/name"},
      {"source_dirs = []", "at least one folder"},
      {"source_dirs = [\"../elsewhere\"]", "inside the repository"},
      {"email_to = [\"ops\"]", "e-mail"},
      {"branch_prefix = \"update v\"", "git branch name"},
      {"remote = \"\"", "must not be empty"},
      {"smtp_port = 0", "between 1 and 65535"},
      {"delayed_merge_hours = -1", "between 0"},
      {"smtp_security = \"tls\"", "one of [starttls, ssl, none]"},
      {"notify_mode = \"hourly\"", "one of [each, digest]"},
      {"dispatch_threshold = \"medium-ish\"", "one of [LOW"},
      {"child_env = [\"A=B\"]", "names of environment variables"},
      {"agent_env = [\"sk-123 456\"]", "names of environment variables"},
      {"max_nesting_depth = 1", "between 10"},
      {"http_deadline_seconds = 0", "positive number of seconds"},
    };
    for (String[] c : cases) {
      write("nautilus-autoupdate.toml", c[0] + "\n");
      assertThatThrownBy(this::load).as(c[0]).hasMessageContaining(c[1]);
    }
  }

  @Test
  void withChangesOneKeyAndRejectsUnknownOnes() {
    AutoUpdateConfig d = AutoUpdateConfig.defaults();
    AutoUpdateConfig changed = d.with("child_env", java.util.List.of("HOME"));
    assertThat(changed.childEnv()).containsExactly("HOME");
    assertThat(changed.with("child_env", d.childEnv())).isEqualTo(d);
    assertThatThrownBy(() -> d.with("child_envs", java.util.List.of()))
        .hasMessageContaining("child_envs");
  }

  @Test
  void closestKeyUsesEditDistance() {
    assertThat(nautilus.autoupdate.EditDistance.levenshtein("kitten", "sitting")).isEqualTo(3);
    assertThat(nautilus.autoupdate.EditDistance.levenshtein("", "abc")).isEqualTo(3);
    assertThat(ConfigKey.closest("pakage")).isEqualTo("package");
    assertThat(ConfigKey.closest("TEST_COMAND")).isEqualTo("test_command");
  }

  @Test
  void keyNamesAreSnakeCaseWithPackageRenamed() {
    assertThat(ConfigKey.all())
        .extracting(ConfigKey::name)
        .contains("package", "changelog_path", "auto_merge_threshold", "discord_webhook_env")
        .doesNotContain("package_name");
    assertThat(ConfigKey.byName("dry_run").orElseThrow().envVar())
        .isEqualTo("NAUTILUS_AUTOUPDATE_DRY_RUN");
  }
}
