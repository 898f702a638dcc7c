package nautilus.autoupdate.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;

class TomlFilesTest {
  @Test
  void anErrorTomljThrowsInsteadOfReportingStillNamesTheFile() {
    // Found by PinFileContractTest's garbage property: tomlj throws on this invalid escape.
    String text = "[\"nautilus_traderdependencies = [dependencies = [\\[project] ";
    assertThatThrownBy(() -> TomlFiles.parse(text, "pyproject.toml"))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("pyproject.toml: malformed TOML: ")
        .hasMessageContaining("escape");
  }

  @Test
  void aReportedErrorNamesTheFileLineAndColumn() {
    assertThatThrownBy(() -> TomlFiles.parse("a = \n", "pyproject.toml"))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("pyproject.toml:1:")
        .hasMessageContaining("malformed TOML");
  }
}
