package nautilus.autoupdate.notify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What happened. The ids are the words {@code notify_on} lists; {@link #failure()} events go to
 * e-mail first when it is configured, the others to Discord first.
 */
public enum EventType {
  DETECTED("a new version was detected", false),
  PR_OPENED("an update's pull request was opened", false),
  PR_UPDATED("an update's pull request got new commits", false),
  TESTS_FAILED("an update made tests fail", true),
  AGENT_DONE("the coding agent finished an adaptation", false),
  AGENT_FAILED("the coding agent failed", true),
  MANUAL("an update needs a person", false),
  BLOCKED("an update is blocked", false),
  MERGED("an update was merged", false),
  CRASH("a run stopped with an error", true),
  /** Sent by {@code notify --test}; never filtered, never recorded. */
  TEST("a test message from notify --test", false);

  private final String meaning;
  private final boolean failure;

  EventType(String meaning, boolean failure) {
    this.meaning = meaning;
    this.failure = failure;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String meaning() {
    return meaning;
  }

  public boolean failure() {
    return failure;
  }

  /** The events {@code notify_on} may name (all but the test event). */
  public static List<EventType> selectable() {
    return Stream.of(values()).filter(t -> t != TEST).toList();
  }

  public static Optional<EventType> byId(String id) {
    return Stream.of(values()).filter(t -> t.id().equals(id)).findFirst();
  }
}
