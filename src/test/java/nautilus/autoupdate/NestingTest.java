package nautilus.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NestingTest {
  @AfterEach
  void reset() {
    Nesting.limitTo(Nesting.DEFAULT);
  }

  @Test
  void bracketsInStringsAndCommentsDoNotCount() {
    Nesting.limitTo(3);
    assertThat(Nesting.tomlTooDeepAt("a = \"[[[[[\"\nb = '{{{{'\n# [[[[[[\n")).isEqualTo(-1);
    assertThat(Nesting.tomlTooDeepAt("a = \"\"\"\n[[[[[\n\"\"\"\nb = '''[[[[''' \n")).isEqualTo(-1);
    assertThat(Nesting.tomlTooDeepAt("a = \"\\\"[[[[\"\n")).isEqualTo(-1);
    assertThat(Nesting.tomlTooDeepAt("[[t]]\na = [[[1]]]\n")).isEqualTo(-1);
    assertThat(Nesting.tomlTooDeepAt("x = 1\n\na = [[[[1]]]]\n")).isEqualTo(3);
    assertThat(Nesting.tomlTooDeepAt("a = \"\"\"\n\"\"\"\nb = {c = {d = {e = {f = 1}}}}\n"))
        .isEqualTo(3);
  }

  @Test
  void theJsonMapperFollowsTheLimit() throws Exception {
    String deep = "[".repeat(40) + "]".repeat(40);
    assertThat(Json.mapper().readTree(deep).isArray()).isTrue();
    Nesting.limitTo(30);
    assertThatThrownBy(() -> Json.mapper().readTree(deep))
        .isInstanceOfSatisfying(
            JsonProcessingException.class,
            e ->
                assertThat(Nesting.tooDeep(e))
                    .isEqualTo("nested deeper than 30 levels (max_nesting_depth)"));
  }

  @Test
  void aStackOverflowInTomljPastAHighCapIsStillOneLine() {
    Nesting.limitTo(1_000_000);
    String deep = "a = " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";
    assertThatThrownBy(() -> nautilus.autoupdate.config.TomlFiles.parse(deep, "uv.lock"))
        .isInstanceOf(UserError.class)
        .hasMessage("uv.lock: nested deeper than 1000000 levels (max_nesting_depth)");
  }
}
