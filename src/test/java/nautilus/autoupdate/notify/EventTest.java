package nautilus.autoupdate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

/** The factories build the keys that make "once per event" work across callers and runs. */
class EventTest {
  static final Version V = Version.parse("1.222.0");
  static final Instant AT = Instant.parse("2026-12-03T09:00:00Z");

  @Test
  void eachFactoryMakesItsTypesKey() {
    assertThat(Event.detected(V, "stable", null, AT).key()).isEqualTo("detected:1.222.0");
    assertThat(Event.prOpened(V, "https://x/pr/7", null, AT).key()).isEqualTo("pr-opened:1.222.0");
    assertThat(Event.prUpdated(V, "https://x/pr/7", "abcdef0123456789", "ok", AT).key())
        .isEqualTo("pr-updated:1.222.0:abcdef0123456789");
    assertThat(Event.testsFailed(V, "1 failed", "x", null, AT).key())
        .isEqualTo("tests-failed:1.222.0");
    assertThat(Event.manual(V, "why", List.of(), AT).key()).isEqualTo("manual:1.222.0");
    assertThat(Event.blocked(V, "why", List.of(), AT).key()).isEqualTo("blocked:1.222.0");
    assertThat(Event.agentDone(V, "done", "https://x/pr/7", AT).key())
        .isEqualTo("agent-done:1.222.0");
    assertThat(Event.agentFailed(V, "3", "timed out", AT).key())
        .isEqualTo("agent-failed:1.222.0:3");
    assertThat(Event.merged(V, "https://x/pr/7", AT).key()).isEqualTo("merged:1.222.0");
  }

  @Test
  void factoriesCarryWhatAPersonNeeds() {
    Event updated = Event.prUpdated(V, "https://x/pr/7", "abcdef0123456789", "10 passed", AT);
    assertThat(updated.fields())
        .containsExactly(
            new Event.Field("head", "abcdef012345"), new Event.Field("tests", "10 passed"));
    Event blocked =
        Event.blocked(
            V,
            "blocked from 1.222.0 on: Python 3.11 dropped",
            List.of("raise requires-python to >=3.12", "drop 3.11 from CI"),
            AT);
    assertThat(blocked.detail()).contains("Python 3.11 dropped");
    assertThat(blocked.fields())
        .extracting(Event.Field::name)
        .containsExactly("to do 1", "to do 2");
    Event done = Event.agentDone(V, "adapted 3 sites", "https://x/pr/7", AT);
    assertThat(done.type().failure()).isFalse();
    assertThat(done.url()).isEqualTo("https://x/pr/7");
    Event failed = Event.agentFailed(V, "3", "the agent hung", AT);
    assertThat(failed.type().failure()).isTrue();
    assertThat(failed.detail()).isEqualTo("the agent hung");
    // A field without a value is left out rather than shown empty.
    assertThat(Event.detected(V, "stable", null, AT).fields())
        .containsExactly(new Event.Field("channel", "stable"));
  }

  @Test
  void eventsSurviveTheDigestQueuesJson() throws Exception {
    Event e = Event.manual(V, "why", List.of("do x"), AT).withUrl("https://x/pr/7");
    String json = new String(nautilus.autoupdate.Json.compactBytes(e), "UTF-8");
    assertThat(nautilus.autoupdate.Json.mapper().readValue(json, Event.class)).isEqualTo(e);
  }
}
