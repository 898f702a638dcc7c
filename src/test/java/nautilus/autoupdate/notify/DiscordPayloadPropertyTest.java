package nautilus.autoupdate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the events hold (huge, empty, full of markdown, mentions and astral characters, any
 * number of fields), the payload stays within every Discord limit and pings nobody.
 */
class DiscordPayloadPropertyTest {

  @Property(tries = 300)
  void everyPayloadIsWithinDiscordsLimits(
      @ForAll("events") @Size(min = 1, max = 30) List<Event> events, @ForAll boolean digest) {
    Message m =
        digest || events.size() > 1
            ? new Message("digest " + events.size(), events)
            : Message.of(events.get(0));
    var body = DiscordPayload.build(m);
    assertThat(DiscordLimits.violations(body)).isEmpty();
    String json = body.toString();
    assertThat(json).doesNotContain("@everyone").doesNotContainIgnoringCase("@here");
    for (var e : body.path("embeds")) {
      // Every '<' is escaped, so no text can form a mention.
      assertThat(e.path("description").asText("")).doesNotContainPattern("(^|[^\\\\])<@");
    }
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(50),
            Arbitraries.strings().withChars("@everyone<>*_`#-\\[]|~\n😀").ofMaxLength(9000),
            Arbitraries.strings().all().ofMinLength(0).ofMaxLength(7000),
            Arbitraries.of("@everyone", "@here", "<@123456789>", "", " ", "\\"));
    Arbitrary<Event.Field> field = Combinators.combine(text, text).as(Event.Field::new);
    Arbitrary<Event> event =
        Combinators.combine(
                Arbitraries.of(EventType.values()),
                text,
                text,
                field.list().ofMaxSize(40),
                Arbitraries.of("https://github.com/acme/strategies/pull/7", null, "not a url"))
            .as(
                (type, title, detail, fields, url) ->
                    new Event(
                        type,
                        type.id() + ":k",
                        title,
                        detail,
                        url,
                        new ArrayList<>(fields),
                        Instant.EPOCH));
    return event.list().ofMinSize(1).ofMaxSize(30);
  }
}
