package nautilus.autoupdate.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ConfigLoader;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinsTest {
  @TempDir Path repo;

  private void write(String rel, String text) throws IOException {
    Path p = repo.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private AutoUpdateConfig cfg() {
    return ConfigLoader.load(repo, Map.of(), Map.of()).config();
  }

  private static final String LOCK =
      """
      version = 1
      requires-python = ">=3.11"

      [[package]]
      name = "numpy"
      version = "2.1.0"

      [[package]]
      name = "nautilus-trader"
      version = "1.221.0"
      source = { registry = "https://pypi.org/simple" }
      """;

  @Test
  void theLockedVersionWins() throws IOException {
    write(
        "pyproject.toml",
        "[project]\nname = \"x\"\ndependencies = [\"nautilus_trader>=1.220.0\"]\n");
    write("uv.lock", LOCK);
    CurrentVersion v = Pins.current(repo, cfg()).orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.221.0"));
    assertThat(v.file()).isEqualTo("uv.lock");
    assertThat(v.line()).isEqualTo(10);
    assertThat(v.specifier()).isEqualTo(">=1.220.0");
    assertThat(v.origin()).isEqualTo("locked in uv.lock");
  }

  @Test
  void anExactPinIsTheCurrentVersion() throws IOException {
    write(
        "pyproject.toml",
        "[project]\nname = \"x\"\ndependencies = [\n  \"numpy\",\n  \"nautilus-trader==1.220.0\",\n]\n");
    CurrentVersion v = Pins.current(repo, cfg()).orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.220.0"));
    assertThat(v.file()).isEqualTo("pyproject.toml");
    assertThat(v.line()).isEqualTo(5);
    assertThat(v.origin()).contains("pinned with ==1.220.0");
  }

  @Test
  void aRangeWithoutLockGivesItsLowestVersionAndSaysSo() throws IOException {
    write("requirements.txt", "nautilus_trader>=1.220.0,<1.222  # range\n");
    CurrentVersion v = Pins.current(repo, cfg()).orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.220.0"));
    assertThat(v.file()).isEqualTo("requirements.txt");
    assertThat(v.line()).isEqualTo(1);
    assertThat(v.origin())
        .contains("lowest version allowed by >=1.220.0,<1.222")
        .contains("no lock");
  }

  @Test
  void anExactPinBeatsARangeElsewhere() throws IOException {
    write(
        "pyproject.toml",
        "[project]\nname = \"x\"\ndependencies = [\"nautilus_trader>=1.219.0\"]\n");
    write("requirements/prod.txt", "nautilus_trader==1.221.0\n");
    CurrentVersion v = Pins.current(repo, cfg()).orElseThrow();
    assertThat(v.version()).isEqualTo(Version.parse("1.221.0"));
    assertThat(v.file()).isEqualTo("requirements/prod.txt");
  }

  /** The spellings detect's own pin reader (now merged into this one) accepted. */
  @Test
  void exactPinsInTheirCommonSpellingsIncludingPreReleases() throws IOException {
    String[][] cases = {
      {"\"nautilus_trader==1.221.0\"", "1.221.0"},
      {"\n  'nautilus-trader[ib] == 1.222.0a20251229',\n", "1.222.0a20251229"},
      {"\"Nautilus.Trader===1.208.0.dev20241212+7001\"", "1.208.0.dev20241212+7001"},
    };
    for (String[] c : cases) {
      write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [" + c[0] + "]\n");
      assertThat(Pins.current(repo, cfg()).orElseThrow().version())
          .as(c[0])
          .isEqualTo(Version.parse(c[1]));
    }
    write(
        "pyproject.toml",
        "[project]\nname = \"x\"\ndependencies = [\"nautilus_trader_extras==1.0\"]\n");
    assertThat(Pins.current(repo, cfg())).as("another package").isEmpty();
  }

  @Test
  void unpinnedOrAbsentGivesNothing() throws IOException {
    assertThat(Pins.current(repo, cfg())).isEmpty();
    write("requirements.txt", "nautilus_trader\n");
    assertThat(Pins.current(repo, cfg())).isEmpty();
  }

  @Test
  void includesAreFollowedAndBumpedInTheirOwnFile() throws IOException {
    write("requirements.txt", "-r requirements/base.txt\nrequests\n");
    write("requirements/base.txt", "-c ../constraints.txt\nnautilus_trader==1.220.0\n");
    write("constraints.txt", "numpy<3\n");
    List<FileEdit> edits = Pins.bump(repo, cfg(), Version.parse("1.221.0"));
    assertThat(edits).extracting(FileEdit::path).containsExactly("requirements/base.txt");
    assertThat(edits.get(0).after()).isEqualTo("-c ../constraints.txt\nnautilus_trader==1.221.0\n");
    assertThat(Files.readString(repo.resolve("requirements/base.txt")))
        .as("bump only plans")
        .contains("1.220.0");
    Pins.apply(repo, edits);
    assertThat(Files.readString(repo.resolve("requirements/base.txt"))).contains("==1.221.0");
    assertThat(Pins.current(repo, cfg()).orElseThrow().version())
        .isEqualTo(Version.parse("1.221.0"));
  }

  @Test
  void applyRefusesAFileChangedMeanwhile() throws IOException {
    write("requirements.txt", "nautilus_trader==1.220.0\n");
    List<FileEdit> edits = Pins.bump(repo, cfg(), Version.parse("1.221.0"));
    write("requirements.txt", "nautilus_trader==1.220.1\n");
    assertThatThrownBy(() -> Pins.apply(repo, edits)).hasMessageContaining("changed since");
  }

  @Test
  void missingIncludeOrEscapingIncludeIsAnError() throws IOException {
    write("requirements.txt", "-r base.txt\n");
    assertThatThrownBy(() -> Pins.current(repo, cfg()))
        .hasMessage("requirements.txt: includes 'base.txt', which does not exist");
    write("requirements.txt", "-r ../../etc/passwd\n");
    assertThatThrownBy(() -> Pins.current(repo, cfg()))
        .hasMessageContaining("outside the repository");
  }

  @Test
  void anIncludeThatExistsOutsideTheRepositoryIsNotCalledMissing() throws IOException {
    Path outside = repo.resolveSibling(repo.getFileName() + "-outside.txt");
    Files.writeString(outside, "numpy\n");
    outside.toFile().deleteOnExit();
    for (String include : List.of(outside.toString(), "/etc/shadow", "~/secrets.txt")) {
      write("requirements.txt", "-r " + include + "\n");
      assertThatThrownBy(() -> Pins.current(repo, cfg()))
          .as(include)
          .hasMessage(
              "requirements.txt: includes '"
                  + include
                  + "', which is outside the repository (only files inside it are read)");
    }
    Files.createSymbolicLink(repo.resolve("linked.txt"), outside);
    write("requirements.txt", "-r linked.txt\n");
    assertThatThrownBy(() -> Pins.current(repo, cfg()))
        .hasMessageContaining("includes 'linked.txt', which links to ")
        .hasMessageContaining("outside the repository");
    Files.createDirectories(repo.resolve("reqs"));
    write("requirements.txt", "-r reqs\n");
    assertThatThrownBy(() -> Pins.current(repo, cfg()))
        .hasMessage(
            "requirements.txt: includes 'reqs', which is a folder, not a requirements file");
  }

  @Test
  void missingPinIsAnErrorNamingTheFilesRead() throws IOException {
    assertThatThrownBy(() -> Pins.bump(repo, cfg(), Version.parse("1.2")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no dependency on nautilus_trader")
        .hasMessageContaining("no pyproject.toml or requirements*.txt found");
    write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"numpy\"]\n");
    assertThatThrownBy(() -> Pins.bump(repo, cfg(), Version.parse("1.2")))
        .hasMessageContaining("read pyproject.toml");
  }

  @Test
  void unreadableTomlNamesFileLineAndColumn() throws IOException {
    write("pyproject.toml", "[project]\ndependencies = [\"nautilus_trader==1.0\"\nname = 3\n");
    assertThatThrownBy(() -> Pins.current(repo, cfg())).hasMessageStartingWith("pyproject.toml:3:");
    write("pyproject.toml", "[project]\nname = \"x\"\n");
    write("uv.lock", "[[package]\nname = 1\n");
    assertThatThrownBy(() -> Pins.current(repo, cfg())).hasMessageStartingWith("uv.lock:1:");
  }

  @Test
  void constraintsThatCannotBeEditedNameTheLine() throws IOException {
    write(
        "pyproject.toml",
        "[project]\nname = \"x\"\ndependencies = [\"nautilus_trader\\u003d=1.0\"]\n");
    assertThatThrownBy(() -> Pins.bump(repo, cfg(), Version.parse("1.221.0")))
        .hasMessageStartingWith("pyproject.toml:3: cannot edit the constraint");
    write("pyproject.toml", "[tool.poetry.dependencies]\nnautilus_trader = \">=1.0 <2\"\n");
    assertThatThrownBy(() -> Pins.bump(repo, cfg(), Version.parse("1.221.0")))
        .hasMessageStartingWith("pyproject.toml:2: cannot read the version constraint '>=1.0 <2'");
    write("requirements.txt", "nautilus_trader!=1.221.0\n");
    write("pyproject.toml", "[project]\nname = \"x\"\n");
    assertThatThrownBy(() -> Pins.bump(repo, cfg(), Version.parse("1.221.0")))
        .hasMessageStartingWith("requirements.txt:1: nautilus_trader!=1.221.0 still excludes");
  }

  @Test
  void unpinnedAndDirectReferencesAreLeftAlone() throws IOException {
    write(
        "pyproject.toml",
        """
        [project]
        name = "x"
        dependencies = ["nautilus_trader"]
        [project.optional-dependencies]
        git = ["nautilus_trader @ git+https://github.com/nautechsystems/nautilus_trader"]
        [tool.poetry.dependencies]
        nautilus_trader = { git = "https://github.com/nautechsystems/nautilus_trader" }
        """);
    assertThat(Pins.bump(repo, cfg(), Version.parse("1.221.0"))).isEmpty();
  }

  @Test
  void pyprojectPathMayPointIntoASubfolderWithItsLock() throws IOException {
    write(
        "svc/pyproject.toml",
        "[project]\nname = \"x\"\ndependencies = [\"nautilus_trader==1.0\"]\n");
    write("svc/uv.lock", LOCK);
    AutoUpdateConfig cfg =
        ConfigLoader.load(
                repo, Map.of("NAUTILUS_AUTOUPDATE_PYPROJECT_PATH", "svc/pyproject.toml"), Map.of())
            .config();
    CurrentVersion v = Pins.current(repo, cfg).orElseThrow();
    assertThat(v.file()).isEqualTo("svc/uv.lock");
    assertThat(Pins.bump(repo, cfg, Version.parse("1.221.0")))
        .extracting(FileEdit::path)
        .containsExactly("svc/pyproject.toml");
  }

  @Test
  void packageNamesAreComparedPerPep503() {
    assertThat(PackageNames.same("Nautilus_Trader", "nautilus-trader")).isTrue();
    assertThat(PackageNames.same("nautilus.trader", "nautilus__trader")).isTrue();
    assertThat(PackageNames.same("nautilus_trader", "nautilus_traders")).isFalse();
    assertThat(PackageNames.normalize(" A-_.b ")).isEqualTo("a-b");
  }
}
