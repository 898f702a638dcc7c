package nautilus.autoupdate.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nautilus.autoupdate.version.Version;

/**
 * One thing to tell people about. {@code key} identifies it across runs: an event whose key was
 * sent before is not sent again. {@code title}, {@code detail} and the fields may hold upstream
 * text; each channel escapes them for its own format. {@code url} is a link (a pull request, a
 * release), shown as a link and never as text to be parsed.
 */
public record Event(
    EventType type,
    String key,
    String title,
    String detail,
    String url,
    List<Field> fields,
    Instant at) {

  /** A name and a value, shown as a Discord embed field or an e-mail line. */
  public record Field(String name, String value) {
    public Field {
      name = name == null ? "" : name;
      value = value == null ? "" : value;
    }
  }

  public Event {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    title = title == null ? "" : title;
    detail = detail == null ? "" : detail;
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** An event with no detail yet; {@code subject} makes the key unique within the type. */
  public static Event of(EventType type, String subject, String title, Instant at) {
    return new Event(type, type.id() + ":" + subject, title, "", null, List.of(), at);
  }

  public Event withDetail(String detail) {
    return new Event(type, key, title, detail, url, fields, at);
  }

  public Event withUrl(String url) {
    return new Event(type, key, title, detail, url, fields, at);
  }

  public Event withField(String name, Object value) {
    if (value == null) {
      return this;
    }
    List<Field> f = new ArrayList<>(fields);
    f.add(new Field(name, value.toString()));
    return new Event(type, key, title, detail, url, f, at);
  }

  // ---- the events of the cycle, one factory each, so every caller builds the same key

  public static Event detected(Version v, String channel, Instant publishedAt, Instant at) {
    return of(EventType.DETECTED, v.toString(), "nautilus_trader " + v + " is out", at)
        .withField("channel", channel)
        .withField("published", publishedAt);
  }

  public static Event prOpened(Version v, String prUrl, String tests, Instant at) {
    return of(EventType.PR_OPENED, v.toString(), "Update to " + v + ": pull request opened", at)
        .withUrl(prUrl)
        .withField("tests", tests);
  }

  /** New commits on an update's pull request; the head commit makes each push its own event. */
  public static Event prUpdated(Version v, String prUrl, String headSha, String tests, Instant at) {
    return of(
            EventType.PR_UPDATED,
            v + ":" + headSha,
            "Update to " + v + ": pull request updated",
            at)
        .withUrl(prUrl)
        .withField(
            "head", headSha == null ? null : headSha.substring(0, Math.min(12, headSha.length())))
        .withField("tests", tests);
  }

  public static Event testsFailed(Version v, String tests, String why, String prUrl, Instant at) {
    return of(EventType.TESTS_FAILED, v.toString(), "Update to " + v + ": tests failed", at)
        .withDetail(why)
        .withUrl(prUrl)
        .withField("tests", tests);
  }

  /** A person is needed ({@code manual}); {@code actions} are what they must do. */
  public static Event manual(Version v, String why, List<String> actions, Instant at) {
    return withActions(
        of(EventType.MANUAL, v.toString(), "Update to " + v + " needs a person", at)
            .withDetail(why),
        actions);
  }

  public static Event blocked(Version v, String why, List<String> actions, Instant at) {
    return withActions(
        of(EventType.BLOCKED, v.toString(), "Update to " + v + " is blocked", at).withDetail(why),
        actions);
  }

  public static Event agentDone(Version v, String summary, String prUrl, Instant at) {
    return of(EventType.AGENT_DONE, v.toString(), "Agent adapted the code to " + v, at)
        .withDetail(summary)
        .withUrl(prUrl);
  }

  /** {@code attempt} tells one failed agent run from the next (its agent_runs id, say). */
  public static Event agentFailed(Version v, String attempt, String why, Instant at) {
    return of(EventType.AGENT_FAILED, v + ":" + attempt, "Agent failed on " + v, at)
        .withDetail(why);
  }

  public static Event merged(Version v, String prUrl, Instant at) {
    return of(EventType.MERGED, v.toString(), "Update to " + v + " merged", at).withUrl(prUrl);
  }

  /**
   * A crash of {@code run}; the same error on the same day is one event, so an hourly cron that
   * keeps failing the same way says so once a day.
   */
  public static Event crash(String message, Instant at) {
    String day = at.toString().substring(0, 10);
    String subject = day + ":" + Integer.toHexString(message.hashCode());
    return of(EventType.CRASH, subject, "nautilus-autoupdate run failed", at).withDetail(message);
  }

  private static Event withActions(Event e, List<String> actions) {
    Event out = e;
    int i = 1;
    for (String a : actions) {
      out = out.withField("to do " + i++, a);
    }
    return out;
  }
}
