package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonActionsTest {
  @TempDir Path repo;

  @Test
  void dataChangesSayWhatToMigrate() {
    assertThat(PersonActions.dataAction("Renamed `order_book_delta/` -> `order_book_deltas/`"))
        .startsWith("rename order_book_delta/ to order_book_deltas/ in your data");
    assertThat(PersonActions.dataAction("Changed `Bar`\n  Arrow schema"))
        .isEqualTo("migrate stored data: Changed `Bar` Arrow schema");
  }

  @Test
  void platformChangesReadRequiresPythonFromPep621OrPoetry() throws IOException {
    String note = "Removed support for Python 3.10";
    assertThat(PersonActions.platformAction(note, repo))
        .hasValue("Python 3.10 no longer supported: make sure you do not run on it");
    Files.writeString(
        repo.resolve("pyproject.toml"), "[tool.poetry.dependencies]\npython = \"^3.10\"\n");
    assertThat(PersonActions.platformAction(note, repo))
        .hasValue("Python 3.10 no longer supported: your requires-python says ^3.10");
    Files.writeString(repo.resolve("pyproject.toml"), "[project]\nrequires-python = \">=3.10\"\n");
    assertThat(PersonActions.platformAction(note, repo))
        .hasValue("Python 3.10 no longer supported: your requires-python says >=3.10");
    assertThat(PersonActions.platformAction("Upgraded Cython to v3.1", repo))
        .hasValue("check your environment: Upgraded Cython to v3.1");
  }

  @Test
  void aMalformedPyprojectIsAOneLineErrorNamingTheFile() throws IOException {
    String note = "Removed support for Python 3.10";
    Path pyproject = repo.resolve("pyproject.toml");
    // The second one makes tomlj throw instead of reporting: it must not escape as a crash.
    for (String text : new String[] {"[project]\nrequires-python = \n", "[\"a\\[b\"] = 1\n"}) {
      Files.writeString(pyproject, text);
      assertThatThrownBy(() -> PersonActions.platformAction(note, repo))
          .isInstanceOf(UserError.class)
          .hasMessageStartingWith(pyproject.toString())
          .hasMessageContaining("malformed TOML")
          .hasMessageNotContaining("\n");
    }
  }
}
