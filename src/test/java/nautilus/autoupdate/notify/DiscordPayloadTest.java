package nautilus.autoupdate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscordPayloadTest {
  @Test
  void massMentionsAreDefusedAndMentionsAndMarkdownEscaped() {
    String s = DiscordPayload.escape("@everyone @Here <@123> <@&456> **bold** [x](http://e) `c`");
    assertThat(s)
        .doesNotContain("@everyone")
        .doesNotContainIgnoringCase("@here")
        .contains("@\u200beveryone")
        .contains("\\<@123>")
        .contains("\\<@&456>")
        .contains("\\*\\*bold\\*\\*")
        .contains("\\[x\\](http://e)")
        .contains("\\`c\\`");
  }

  @Test
  void lineStartsThatFormatAreEscaped() {
    assertThat(DiscordPayload.escape("# head\n> quote\n- item\nplain - dash"))
        .isEqualTo("\\# head\n\\> quote\n\\- item\nplain - dash");
  }

  @Test
  void controlCharactersAreDropped() {
    assertThat(DiscordPayload.escape("a\u0000b\u001bc\td\ne")).isEqualTo("abc\td\ne");
  }

  @Test
  void truncationMarksTheCutAndNeverSplitsASurrogatePair() {
    String s = "x".repeat(99) + "😀" + "y".repeat(100);
    String t = DiscordPayload.truncate(s, 100);
    assertThat(t).hasSizeLessThanOrEqualTo(100).endsWith("…(truncated)");
    assertThat(Character.isHighSurrogate(t.charAt(t.length() - "…(truncated)".length() - 1 - 1)))
        .isFalse();
    assertThat(DiscordPayload.truncate("abcdef", 3)).isEqualTo("ab…");
    assertThat(DiscordPayload.truncate("abc", 3)).isEqualTo("abc");
    // A cut inside an escape does not leave a backslash escaping the marker.
    assertThat(
            DiscordPayload.truncate(
                "aaaa\\*bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                5 + 1))
        .doesNotContain("\\…");
  }

  @Test
  void moreThanTenEventsBecomeNineEmbedsAndAList() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      events.add(
          Event.of(EventType.DETECTED, "1." + i, "version 1." + i + " @here", Instant.EPOCH));
    }
    var body = DiscordPayload.build(new Message("digest for 2026-12-02: 14 event(s)", events));
    assertThat(body.path("embeds")).hasSize(10);
    assertThat(body.path("embeds").get(9).path("title").asText()).isEqualTo("5 more events");
    assertThat(body.path("embeds").get(9).path("description").asText())
        .contains("version 1.13")
        .doesNotContain("@here");
    assertThat(body.path("content").asText()).startsWith("digest for 2026-12-02");
    assertThat(DiscordLimits.violations(body)).isEmpty();
  }

  @Test
  void aLinkIsTheTitleUrlOnlyWhenItIsHttp() {
    var ok =
        DiscordPayload.build(
            Message.of(
                Event.of(EventType.MERGED, "1", "t", Instant.EPOCH)
                    .withUrl("https://github.com/acme/strategies/pull/7")));
    assertThat(ok.path("embeds").get(0).path("url").asText())
        .isEqualTo("https://github.com/acme/strategies/pull/7");
    var bad =
        DiscordPayload.build(
            Message.of(
                Event.of(EventType.MERGED, "1", "t", Instant.EPOCH)
                    .withUrl("javascript:alert(1)")));
    assertThat(bad.path("embeds").get(0).has("url")).isFalse();
    assertThat(bad.path("embeds").get(0).path("fields").get(0).path("value").asText())
        .isEqualTo("javascript:alert(1)");
  }
}
