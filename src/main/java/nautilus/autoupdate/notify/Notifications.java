package nautilus.autoupdate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.state.StateDb;

/**
 * The one door to the channels: picks the events {@code notify_on} asks for, sends each once (its
 * key in the state database), falls back from one channel to the other, and in {@code digest} mode
 * queues events for one message a day. Every text is scrubbed of the process's secrets before it is
 * sent, logged or stored.
 */
public final class Notifications {
  /** What {@link #send} did with an event. */
  public enum Delivery {
    /** Delivered now, on the first channel or the fallback. */
    SENT,
    /** Sent (or queued) by an earlier call or run: nothing new. */
    ALREADY_SENT,
    /** Waiting for the day's digest. */
    QUEUED,
    /** {@code notify_on} does not list its type. */
    FILTERED,
    /** Neither Discord nor e-mail is configured. */
    NO_CHANNEL,
    /** Every channel failed; the next run tries again. */
    FAILED,
    /** Notifications are off here (a dry run). */
    OFF
  }

  private final List<Notifier> channels;
  private final StateDb state;
  private final Set<EventType> enabled;
  private final boolean digest;
  private final Secrets secrets;
  private final Clock clock;
  private final Consumer<String> log;

  Notifications(
      List<Notifier> channels,
      StateDb state,
      Set<EventType> enabled,
      boolean digest,
      Secrets secrets,
      Clock clock,
      Consumer<String> log) {
    this.channels = List.copyOf(channels);
    this.state = state;
    this.enabled = enabled.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(enabled);
    this.digest = digest;
    this.secrets = secrets;
    this.clock = clock;
    this.log = line -> log.accept(secrets.scrub(line));
  }

  /** Sends nothing, records nothing: for dry runs and commands without state. */
  public static Notifications off() {
    return new Notifications(
        List.of(), null, Set.of(), false, Secrets.none(), Clock.systemUTC(), l -> {});
  }

  /**
   * The channels the configuration and environment set up: Discord when the variable named by
   * {@code discord_webhook_env} holds a URL, e-mail when {@code smtp_host} and {@code email_to} are
   * set.
   *
   * @param state where sent events are kept; null for {@link #test()} alone (then {@link #send}
   *     does nothing)
   * @param log receives one line per channel problem (already scrubbed)
   */
  public static Notifications from(
      AutoUpdateConfig config,
      Map<String, String> env,
      StateDb state,
      Clock clock,
      Consumer<String> log) {
    Secrets secrets = Secrets.of(config, env);
    List<Notifier> channels = new ArrayList<>();
    discordUri(config, env, log)
        .ifPresent(u -> channels.add(DiscordNotifier.of(u, config.httpLimits())));
    email(config, env).ifPresent(s -> channels.add(new EmailNotifier(s)));
    return new Notifications(
        channels,
        state,
        enabledEvents(config.notifyOn()),
        "digest".equals(config.notifyMode()),
        secrets,
        clock,
        log);
  }

  static Set<EventType> enabledEvents(List<String> notifyOn) {
    if (notifyOn.isEmpty()) {
      return EnumSet.copyOf(EventType.selectable());
    }
    Set<EventType> out = EnumSet.noneOf(EventType.class);
    for (String id : notifyOn) {
      EventType t =
          EventType.byId(id.strip())
              .filter(x -> x != EventType.TEST)
              .orElseThrow(
                  () ->
                      new UserError(
                          "notify_on: unknown event '"
                              + id
                              + "' (known: "
                              + String.join(
                                  ", ", EventType.selectable().stream().map(EventType::id).toList())
                              + ")"));
      out.add(t);
    }
    return out;
  }

  private static Optional<URI> discordUri(
      AutoUpdateConfig config, Map<String, String> env, Consumer<String> log) {
    String raw = env.get(config.discordWebhookEnv());
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      URI u = new URI(raw.strip());
      if (("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (URISyntaxException e) {
      // reported below, without the value
    }
    log.accept(
        "discord: the variable "
            + config.discordWebhookEnv()
            + " does not hold an http(s) webhook URL; Discord is off");
    return Optional.empty();
  }

  private static Optional<EmailNotifier.Settings> email(
      AutoUpdateConfig config, Map<String, String> env) {
    if (config.smtpHost() == null || config.emailTo().isEmpty()) {
      return Optional.empty();
    }
    String user = emptyToNull(env.get(config.smtpUsernameEnv()));
    String from =
        config.emailFrom() != null
            ? config.emailFrom()
            : user != null && user.contains("@")
                ? user
                : "nautilus-autoupdate@" + config.smtpHost();
    return Optional.of(
        new EmailNotifier.Settings(
            config.smtpHost(),
            config.smtpPort(),
            config.smtpSecurity(),
            user,
            env.get(config.smtpPasswordEnv()),
            from,
            config.emailTo(),
            Duration.ofSeconds(config.httpTimeoutSeconds())));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Whether {@code notify_on} selects events of this type. */
  public boolean selects(EventType type) {
    return enabled.contains(type);
  }

  /** The configured channels' names, in the order ordinary events try them. */
  public List<String> channels() {
    return channels.stream().map(Notifier::channel).toList();
  }

  /** Whether an event with this key went out (alone or in a digest). */
  public boolean wasSent(String key) {
    return state != null
        && state.notificationOutcome(key).filter(o -> !o.startsWith("failed")).isPresent();
  }

  /**
   * Sends the event unless it was sent before, {@code notify_on} leaves it out, or no channel is
   * configured; in digest mode it is queued for the next day's digest instead. Never throws for a
   * channel's failure: that is logged, recorded and retried by the next run.
   */
  public Delivery send(Event event) {
    if (state == null) {
      return Delivery.OFF;
    }
    if (!enabled.contains(event.type())) {
      return Delivery.FILTERED;
    }
    if (wasSent(event.key())) {
      return Delivery.ALREADY_SENT;
    }
    if (channels.isEmpty()) {
      return Delivery.NO_CHANNEL;
    }
    Event clean = scrub(event);
    if (digest) {
      if (state.isQueued(clean.key())) {
        return Delivery.ALREADY_SENT;
      }
      state.queueNotification(clean.key(), day(), toJson(clean));
      return Delivery.QUEUED;
    }
    Attempt a = deliver(Message.of(clean));
    state.recordNotification(clean.key(), a.channel(), a.outcome());
    return a.sent() ? Delivery.SENT : Delivery.FAILED;
  }

  /**
   * In digest mode, sends one message with every event queued on earlier days (the first run of a
   * day sends the day before's); returns what it did, or empty when there was nothing to send.
   */
  public Optional<String> flushDigest() {
    if (!digest || state == null || channels.isEmpty()) {
      return Optional.empty();
    }
    List<StateDb.QueuedNotification> queued = state.queuedBefore(day());
    if (queued.isEmpty()) {
      return Optional.empty();
    }
    List<Event> events = new ArrayList<>();
    for (StateDb.QueuedNotification q : queued) {
      events.add(fromJson(q.eventJson()));
    }
    String first = queued.get(0).day();
    String last = queued.get(queued.size() - 1).day();
    String days = first.equals(last) ? first : first + " to " + last;
    Message m =
        new Message(
            "nautilus-autoupdate digest for " + days + ": " + events.size() + " event(s)", events);
    Attempt a = deliver(m);
    if (!a.sent()) {
      return Optional.of(
          "digest for " + days + " not sent (" + a.outcome() + "); kept for the next run");
    }
    state.digestSent(
        queued.stream().map(StateDb.QueuedNotification::eventKey).toList(),
        a.channel(),
        "sent in digest " + days);
    return Optional.of(
        "digest for " + days + " sent via " + a.channel() + " (" + events.size() + " events)");
  }

  /**
   * {@code notify --test}: one test message on each configured channel, no fallback, nothing
   * recorded; one line per channel.
   */
  public List<String> test() {
    List<String> lines = new ArrayList<>();
    if (channels.isEmpty()) {
      lines.add(
          "no channel configured: set the variable named by discord_webhook_env, or smtp_host and email_to");
      return lines;
    }
    Event e =
        Event.of(EventType.TEST, "test", "nautilus-autoupdate test message", clock.instant())
            .withDetail("If you can read this, this channel works.");
    for (Notifier n : channels) {
      try {
        n.send(Message.of(e));
        lines.add(n.channel() + ": ok");
      } catch (NotifyException x) {
        lines.add(n.channel() + ": failed: " + secrets.scrub(x.getMessage()));
      }
    }
    return lines;
  }

  /** The result of trying the channels in order. */
  private record Attempt(boolean sent, String channel, String outcome) {}

  /**
   * Tries the channels in order until one delivers. Failures go to e-mail first when it is
   * configured (a person reads mail; a busy Discord channel scrolls by), everything else to Discord
   * first; either falls back to the other.
   */
  private Attempt deliver(Message m) {
    boolean failure = m.events().stream().anyMatch(e -> e.type().failure());
    List<Notifier> order = new ArrayList<>(channels);
    if (failure) {
      order.sort(
          (a, b) -> Boolean.compare(!a.channel().equals("email"), !b.channel().equals("email")));
    }
    List<String> failed = new ArrayList<>();
    for (Notifier n : order) {
      try {
        n.send(m);
        String outcome =
            failed.isEmpty() ? "sent" : "sent (after " + String.join("; ", failed) + ")";
        return new Attempt(true, n.channel(), secrets.scrub(outcome));
      } catch (NotifyException e) {
        String why = n.channel() + ": " + secrets.scrub(e.getMessage());
        log.accept(
            "notify: "
                + why
                + (order.indexOf(n) < order.size() - 1 ? "; trying the next channel" : ""));
        failed.add(why);
      }
    }
    return new Attempt(
        false,
        String.join(",", order.stream().map(Notifier::channel).toList()),
        secrets.scrub("failed: " + String.join("; ", failed)));
  }

  private Event scrub(Event e) {
    List<Event.Field> fields =
        e.fields().stream()
            .map(f -> new Event.Field(secrets.scrub(f.name()), secrets.scrub(f.value())))
            .toList();
    return new Event(
        e.type(),
        e.key(),
        secrets.scrub(e.title()),
        secrets.scrub(e.detail()),
        secrets.scrub(e.url()),
        fields,
        e.at());
  }

  private String day() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
  }

  private static String toJson(Event e) {
    return new String(Json.compactBytes(e), StandardCharsets.UTF_8);
  }

  private Event fromJson(String json) {
    try {
      return Json.mapper().readValue(json, Event.class);
    } catch (JsonProcessingException e) {
      throw new UserError(
          "a queued notification in "
              + state.file()
              + " is unreadable ("
              + e.getOriginalMessage()
              + ")",
          e);
    }
  }
}
