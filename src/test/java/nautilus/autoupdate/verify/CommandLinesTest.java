package nautilus.autoupdate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;

class CommandLinesTest {
  @Test
  void splitsWordsAndKeepsQuotedSpaces() {
    assertThat(CommandLines.split("uv run  pytest -k \"a and b\" 'x y' z\\\"q"))
        .containsExactly("uv", "run", "pytest", "-k", "a and b", "x y", "z\"q");
    assertThat(CommandLines.split("pytest \"say \\\"hi\\\"\" ''"))
        .containsExactly("pytest", "say \"hi\"", "");
  }

  @Test
  void unbalancedQuotesAndEmptyCommandsAreUserErrors() {
    assertThatThrownBy(() -> CommandLines.split("pytest 'oops"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> CommandLines.split("   ")).isInstanceOf(UserError.class);
  }
}
