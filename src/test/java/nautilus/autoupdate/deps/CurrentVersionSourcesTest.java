package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version we are on when no plain pin says it: git pins and the installed environment. */
class CurrentVersionSourcesTest {
  @TempDir Path repo;

  private void write(String rel, String text) throws IOException {
    Path p = repo.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** A dist-info folder as pip and uv write it; only METADATA's Version header is read. */
  private void installed(String venv, String python, String folderVersion, String version)
      throws IOException {
    write(
        venv
            + "/lib/"
            + python
            + "/site-packages/nautilus_trader-"
            + folderVersion
            + ".dist-info/METADATA",
        "Metadata-Version: 2.1\nName: nautilus_trader\nVersion: "
            + version
            + "\nSummary: x\n\nVersion: 0.0.1 in the description is not a header\n");
  }

  private Optional<CurrentVersion> current() {
    return Pins.current(repo, cfg());
  }

  private AutoUpdateConfig cfg() {
    return ConfigLoader.load(repo, Map.of(), Map.of()).config();
  }

  @Test
  void noPinAtAllReadsTheVersionInstalledInDotVenv() throws IOException {
    write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"nautilus_trader\"]\n");
    // The folder name and the header disagree on purpose: the header is the truth.
    installed(".venv", "python3.12", "1.0.0", "1.225.0a20260301");
    CurrentVersion v = current().orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.225.0a20260301"));
    assertThat(v.source()).isEqualTo(".venv (installed)");
    assertThat(v.origin())
        .isEqualTo(
            "installed in .venv (.venv/lib/python3.12/site-packages/"
                + "nautilus_trader-1.0.0.dist-info)");
    assertThat(v.commit()).isNull();
  }

  @Test
  void withoutAnyPinFileTheEnvironmentStillAnswers() throws IOException {
    installed("venv", "python3.11", "1.221.0", "1.221.0");
    assertThat(current().orElseThrow().version()).isEqualTo(Version.parse("1.221.0"));
    assertThat(current().orElseThrow().source()).isEqualTo("venv (installed)");
  }

  @Test
  void theTestCommandsInterpreterNamesItsEnvironment() throws IOException {
    write(
        "pyproject.toml",
        "[project]\nname = \"x\"\n[tool.nautilus-autoupdate]\n"
            + "test_command = \"./envs/py311/bin/python -m pytest -q\"\n");
    installed("envs/py311", "python3.11", "1.222.0", "1.222.0");
    assertThat(current().orElseThrow().source()).isEqualTo("envs/py311 (installed)");
    assertThat(InstalledVersion.venvOfCommand("C:\\p\\venv\\Scripts\\python.exe -m pytest"))
        .contains("C:/p/venv");
    assertThat(InstalledVersion.venvOfCommand("uv run pytest")).isEmpty();
  }

  @Test
  void aGitInstallRecordsItsCommit() throws IOException {
    installed(".venv", "python3.12", "1.223.0", "1.223.0");
    write(
        ".venv/lib/python3.12/site-packages/nautilus_trader-1.223.0.dist-info/direct_url.json",
        "{\"url\": \"https://github.com/nautechsystems/nautilus_trader\", \"vcs_info\":"
            + " {\"vcs\": \"git\", \"commit_id\": \"0123456789abcdef0123456789abcdef01234567\"}}");
    assertThat(current().orElseThrow().commit())
        .isEqualTo("0123456789abcdef0123456789abcdef01234567");
  }

  @Test
  void aRangeTakesTheInstalledVersionOnlyWhenItAllowsIt() throws IOException {
    write("requirements.txt", "nautilus_trader>=1.220.0,<1.224\n");
    installed(".venv", "python3.12", "1.222.0", "1.222.0");
    assertThat(current().orElseThrow().version()).isEqualTo(Version.parse("1.222.0"));
    write("requirements.txt", "nautilus_trader>=1.223.0,<1.224\n");
    CurrentVersion floor = current().orElseThrow();
    assertThat(floor.version()).isEqualTo(Version.parse("1.223.0"));
    assertThat(floor.source()).isEqualTo("requirements.txt");
  }

  @Test
  void anExactPinOrALockBeatsTheEnvironment() throws IOException {
    write("requirements.txt", "nautilus_trader==1.220.0\n");
    installed(".venv", "python3.12", "1.222.0", "1.222.0");
    assertThat(current().orElseThrow().version()).isEqualTo(Version.parse("1.220.0"));
    assertThat(current().orElseThrow().source()).isEqualTo("requirements.txt");
  }

  @Test
  void aMalformedOrMissingVersionHeaderIsNotAnInstall() throws IOException {
    write(
        ".venv/lib/python3.12/site-packages/nautilus_trader-1.2.dist-info/METADATA",
        "Name: nautilus_trader\nVersion: not-a-version\n");
    write(".venv/lib/python3.12/site-packages/nautilus_trader-1.3.dist-info/RECORD", "");
    write(".venv/lib/python3.12/site-packages/numpy-2.0.0.dist-info/METADATA", "Version: 2.0.0\n");
    assertThat(current()).isEmpty();
  }

  @Test
  void uvLocksAGitSourceWithItsCommit() throws IOException {
    write(
        "pyproject.toml",
        "[project]\nname = \"x\"\ndependencies = [\"nautilus_trader\"]\n"
            + "[tool.uv.sources]\nnautilus_trader = { git ="
            + " \"https://github.com/nautechsystems/nautilus_trader\", rev = \"develop\" }\n");
    write(
        "uv.lock",
        "version = 1\n[[package]]\nname = \"nautilus-trader\"\nversion = \"1.226.0\"\n"
            + "source = { git = \"https://github.com/nautechsystems/nautilus_trader"
            + "?rev=develop#a1b2c3d4e5f60718293a4b5c6d7e8f9012345678\" }\n");
    CurrentVersion v = current().orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.226.0"));
    assertThat(v.source()).isEqualTo("git pin a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
    assertThat(v.commit()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
    assertThat(v.origin()).startsWith("locked in uv.lock at git commit a1b2c3d");
  }

  @Test
  void poetryLocksABranchPinToTheCommitItResolved() throws IOException {
    String sha = "c0ffee00112233445566778899aabbccddeeff00";
    write(
        "pyproject.toml",
        "[tool.poetry]\nname = \"x\"\n[tool.poetry.dependencies]\npython = \"^3.11\"\n"
            + "nautilus_trader = { git = \"https://github.com/nautechsystems/nautilus_trader.git\","
            + " branch = \"develop\" }\n");
    write(
        "poetry.lock",
        "[[package]]\nname = \"numpy\"\nversion = \"2.0.0\"\n\n"
            + "[[package]]\nname = \"nautilus-trader\"\nversion = \"1.227.0\"\n"
            + "optional = false\n\n[package.source]\ntype = \"git\"\n"
            + "url = \"https://github.com/nautechsystems/nautilus_trader.git\"\n"
            + "reference = \"develop\"\nresolved_reference = \""
            + sha
            + "\"\n");
    CurrentVersion v = current().orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.227.0"));
    // The resolved commit, not the branch name, which moves.
    assertThat(v.commit()).isEqualTo(sha);
    assertThat(v.source()).isEqualTo("git pin " + sha);
    assertThat(v.file()).isEqualTo("poetry.lock");
    assertThat(v.line()).isEqualTo(7);
    assertThat(v.origin()).isEqualTo("locked in poetry.lock at git commit " + sha);
  }

  @Test
  void aPoetryLockOfAReleaseFromAnIndexIsNotRead() throws IOException {
    write("requirements.txt", "nautilus_trader>=1.200.0\n");
    write(
        "poetry.lock",
        "[[package]]\nname = \"nautilus-trader\"\nversion = \"1.227.0\"\n\n"
            + "[package.source]\ntype = \"legacy\"\nurl = \"https://pypi.org/simple\"\n"
            + "reference = \"pypi\"\n");
    CurrentVersion v = current().orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.200.0"));
    assertThat(v.commit()).isNull();
  }

  @Test
  void aGitPinAtAReleaseTagIsThatVersion() throws IOException {
    write(
        "requirements.txt",
        "numpy\nnautilus-trader @ git+https://github.com/nautechsystems/nautilus_trader.git"
            + "@v1.221.0  # pinned to the tag\n");
    CurrentVersion v = current().orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.221.0"));
    assertThat(v.source()).isEqualTo("git pin v1.221.0");
    assertThat(v.file()).isEqualTo("requirements.txt");
    assertThat(v.line()).isEqualTo(2);
  }

  @Test
  void aPoetryGitDependencyAtATagIsThatVersion() throws IOException {
    write(
        "pyproject.toml",
        "[tool.poetry]\nname = \"x\"\n[tool.poetry.dependencies]\npython = \"^3.11\"\n"
            + "nautilus_trader = { git = \"https://github.com/nautechsystems/nautilus_trader.git\","
            + " tag = \"1.224.0\" }\n");
    CurrentVersion v = current().orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.224.0"));
    assertThat(v.source()).isEqualTo("git pin 1.224.0");
  }

  @Test
  void aGitPinAtACommitTakesTheVersionFromTheEnvironmentAndNamesTheCommit() throws IOException {
    String sha = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
    write(
        "pyproject.toml",
        "[project]\nname = \"x\"\ndependencies = [\n  \"nautilus_trader @"
            + " git+https://github.com/nautechsystems/nautilus_trader@"
            + sha
            + "\",\n]\n");
    assertThat(current()).isEmpty();
    assertThat(Pins.gitPins(repo, cfg()))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.isCommit()).isTrue();
              assertThat(g.url()).isEqualTo("https://github.com/nautechsystems/nautilus_trader");
              assertThat(g.location()).isEqualTo("pyproject.toml:4");
            });
    installed(".venv", "python3.13", "1.225.0.dev20260320", "1.225.0.dev20260320");
    CurrentVersion v = current().orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.225.0.dev20260320"));
    assertThat(v.source()).isEqualTo("git pin " + sha);
    assertThat(v.commit()).isEqualTo(sha);
    assertThat(v.origin()).contains("installed in .venv").contains("git pin " + sha);
  }

  @Test
  void anEggFragmentNamesThePackageOfAnEditableGitInstall() throws IOException {
    write(
        "requirements.txt",
        "-e git+ssh://git@github.com/nautechsystems/nautilus_trader.git@nightly"
            + "#egg=nautilus_trader\n");
    assertThat(Pins.gitPins(repo, cfg()))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.ref()).isEqualTo("nightly");
              assertThat(g.isCommit()).isFalse();
              assertThat(g.tagVersion()).isEmpty();
              assertThat(g.url())
                  .isEqualTo("ssh://git@github.com/nautechsystems/nautilus_trader.git");
            });
  }
}
