package nautilus.autoupdate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelTest {
  @ParameterizedTest(name = "{0} accepts {1}: {2}")
  @CsvSource({
    "stable, 1.221.0, true",
    "stable, 1.222.0a20251229, false",
    "stable, 2.0.0rc1, false",
    "pre, 2.0.0rc1, true",
    "pre, 1.222.0a20251229, false",
    "pre, 1.208.0.dev20241212+7001, false",
    "nightly, 1.222.0a20251229, true",
    "nightly, 1.221.0, true",
    "nightly, 2.0.0rc1, false",
    "develop, 1.208.0.dev20241212+7001, true",
    "develop, 1.222.0a20251229, false",
    "DEVELOP, 1.221.0.post1, true",
  })
  void accepts(String channel, String version, boolean expected) {
    assertThat(Channel.of(channel).accepts(Version.parse(version))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"beta", "''"})
  void unknownChannelsListTheValidOnes(String text) {
    assertThatThrownBy(() -> Channel.of(text))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("expected one of: stable, pre, nightly, develop");
    assertThatThrownBy(() -> Channel.of(null)).isInstanceOf(UserError.class);
  }
}
