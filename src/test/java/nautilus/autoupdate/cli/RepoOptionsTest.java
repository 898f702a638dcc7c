package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nautilus.autoupdate.config.LoadedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoOptionsTest {
  @TempDir Path dir;

  private CliContext context(Map<String, String> env) {
    PrintWriter w = new PrintWriter(new StringWriter());
    return new CliContext(w, w, env, dir, false);
  }

  @Test
  void flagsBeatEnvironmentAndNullFlagsAreIgnored() throws Exception {
    Path repo = Files.createDirectory(dir.resolve("r"));
    Files.writeString(repo.resolve("nautilus-autoupdate.toml"), "remote = \"file\"\n");
    RepoOptions options = new RepoOptions();
    options.repo = Path.of("r");
    assertThat(options.repoRoot(context(Map.of()))).isEqualTo(repo);
    LoadedConfig loaded =
        options.load(
            context(Map.of("NAUTILUS_AUTOUPDATE_DRY_RUN", "false")),
            RepoOptions.flags(
                "dry_run", true, "remote", null, "releases_md", Path.of("notes/RELEASES.md")));
    assertThat(loaded.config().releasesMd()).isEqualTo(dir.resolve("notes/RELEASES.md").toString());
    assertThat(loaded.config().dryRun()).isTrue();
    assertThat(loaded.originOf("dry_run").toString()).isEqualTo("flag --dry-run");
    assertThat(loaded.config().remote()).isEqualTo("file");
  }

  @Test
  void defaultsToTheWorkingDirectory() {
    assertThat(new RepoOptions().repoRoot(context(Map.of()))).isEqualTo(dir);
  }

  @Test
  void flagsNeedPairs() {
    assertThatThrownBy(() -> RepoOptions.flags("dry_run"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
