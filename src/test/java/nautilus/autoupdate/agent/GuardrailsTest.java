package nautilus.autoupdate.agent;

import static nautilus.autoupdate.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.git.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guardrails on a real repository's working tree, one rule at a time. */
class GuardrailsTest {
  @TempDir Path dir;
  Git git;

  static final String PYPROJECT =
      """
      [project]
      name = "s"
      description = "old"
      dependencies = ["nautilus_trader==1.221.0"]

      [tool.nautilus-autoupdate]
      test_command = "pytest"
      """;

  @BeforeEach
  void setUp() {
    GitRepos repos = GitRepos.create(dir, PYPROJECT);
    GitRepos.write(
        repos.user.resolve("tests/test_a.py"),
        "import pytest\n\n\ndef test_a():\n    assert f() == 1\n    with pytest.raises(KeyError):\n        g()\n");
    GitRepos.write(repos.user.resolve("src/app.py"), "x = 1\n");
    GitRepos.write(repos.user.resolve("uv.lock"), "version = 1\n");
    git(repos.user, "add", "-A");
    git(repos.user, "commit", "-qm", "files");
    git = new Git(repos.user);
  }

  List<String> violations() {
    return Guardrails.check(git, Guardrails.changedPaths(git), "pyproject.toml").stream()
        .map(Guardrails.Violation::toString)
        .toList();
  }

  void write(String path, String text) throws Exception {
    GitRepos.write(git.dir().resolve(path), text);
  }

  String read(String path) throws Exception {
    return Files.readString(git.dir().resolve(path));
  }

  @Test
  void codeEditsAndUnguardedPyprojectKeysAreAllowed() throws Exception {
    write("src/app.py", "x = 2\n");
    write("src/new.py", "y = 1\n");
    write("pyproject.toml", read("pyproject.toml").replace("\"old\"", "\"new\""));
    // An assertion moved unchanged, and a new import in a test, are fine.
    write(
        "tests/test_a.py",
        "import pytest\nimport os\n\n\ndef test_a():\n    with pytest.raises(KeyError):\n        g()\n    assert f() == 1\n");
    assertThat(Guardrails.changedPaths(git))
        .containsExactlyInAnyOrder("src/app.py", "src/new.py", "pyproject.toml", "tests/test_a.py");
    assertThat(violations()).isEmpty();
  }

  @Test
  void thePinTheLockAndTheToolsConfigAreGuarded() throws Exception {
    write(
        "pyproject.toml",
        read("pyproject.toml")
            .replace("==1.221.0", ">=1.220")
            .replace("test_command = \"pytest\"", "test_command = \"true\""));
    write("uv.lock", "version = 2\n");
    write("requirements-dev.txt", "nautilus_trader==1.220.0\n");
    write("nautilus-autoupdate.toml", "skip_tests = true\n");
    assertThat(violations())
        .containsExactlyInAnyOrder(
            "pyproject.toml: [project.dependencies] was changed (the pin, its constraints or the"
                + " build)",
            "pyproject.toml: [tool.nautilus-autoupdate] was changed (this tool's configuration)",
            "uv.lock: a pin or lock file was changed",
            "requirements-dev.txt: a pin or lock file was changed",
            "nautilus-autoupdate.toml: this tool's configuration was changed");
  }

  @Test
  void aPyprojectNestedPastTheCapIsAViolationNotAStackOverflow() throws Exception {
    write("pyproject.toml", read("pyproject.toml") + "x = " + "[".repeat(5000) + "]".repeat(5000));
    assertThat(violations())
        .containsExactly("pyproject.toml: nested deeper than 200 levels (max_nesting_depth)");
  }

  @Test
  void aBrokenPyprojectADeletedTestAndCiFilesAreGuarded() throws Exception {
    write("pyproject.toml", "[project\n");
    Files.delete(git.dir().resolve("tests/test_a.py"));
    write(".github/workflows/ci.yml", "on: push\n");
    write(".gitlab-ci.yml", "test: {}\n");
    assertThat(violations())
        .containsExactlyInAnyOrder(
            "pyproject.toml: no longer parses as TOML",
            "tests/test_a.py: a test file was deleted",
            ".github/workflows/ci.yml: CI configuration was changed",
            ".gitlab-ci.yml: CI configuration was changed");
  }

  @Test
  void weakenedAssertionsAndSkipsInTestsAreGuarded() throws Exception {
    write(
        "tests/test_a.py",
        "import pytest\n\n\n@pytest.mark.skip\ndef test_a():\n    assert f() >= 0\n    g()\n");
    write("tests/test_new.py", "import pytest\npytest.importorskip('x')\n");
    assertThat(violations())
        .containsExactlyInAnyOrder(
            "tests/test_a.py: an assertion was removed or changed: assert f() == 1",
            "tests/test_a.py: an assertion was removed or changed: with pytest.raises(KeyError):",
            "tests/test_a.py: a test was marked to be skipped: @pytest.mark.skip",
            "tests/test_new.py: a test was marked to be skipped: pytest.importorskip('x')");
  }

  @Test
  void testFilesAreKnownByTheirNameOrFolder() {
    assertThat(Guardrails.isTest("tests/helpers.py")).isTrue();
    assertThat(Guardrails.isTest("pkg/test/x.py")).isTrue();
    assertThat(Guardrails.isTest("src/test_x.py")).isTrue();
    assertThat(Guardrails.isTest("src/x_test.py")).isTrue();
    assertThat(Guardrails.isTest("conftest.py")).isTrue();
    assertThat(Guardrails.isTest("src/testing.py")).isFalse();
    assertThat(Guardrails.isTest("tests/data.json")).isFalse();
  }
}
