package nautilus.autoupdate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nautilus.autoupdate.UserError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubRepoTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/acme/strategies.git",
        "https://github.com/acme/strategies",
        "https://token@github.example.com/acme/strategies/",
        "ssh://git@github.com:22/acme/strategies.git",
        "git@github.com:acme/strategies.git",
        "git@github.com:acme/strategies",
        "/srv/git/acme/strategies.git"
      })
  void ownerAndNameFromEveryRemoteUrlForm(String url) {
    GitHubRepo r = GitHubRepo.parse(url);
    assertThat(r).isEqualTo(new GitHubRepo("acme", "strategies"));
    assertThat(r.path()).isEqualTo("/repos/acme/strategies");
    assertThat(r).hasToString("acme/strategies");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "strategies", "https://github.com/"})
  void unreadableUrlsAreUserErrors(String url) {
    assertThatThrownBy(() -> GitHubRepo.parse(url))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("owner/name");
  }
}
