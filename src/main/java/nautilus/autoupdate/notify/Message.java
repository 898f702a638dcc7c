package nautilus.autoupdate.notify;

import java.util.List;

/**
 * What one delivery carries: a single event, or a day's digest of several. {@code heading} is null
 * for a single event (its title says it all).
 */
public record Message(String heading, List<Event> events) {
  public Message {
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a message carries at least one event");
    }
  }

  public static Message of(Event e) {
    return new Message(null, List.of(e));
  }

  /** The subject line: the heading, or the single event's title. */
  public String subject() {
    return heading != null ? heading : events.get(0).title();
  }
}
