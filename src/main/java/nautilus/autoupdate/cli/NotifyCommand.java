package nautilus.autoupdate.cli;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.notify.EventType;
import nautilus.autoupdate.notify.Notifications;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code notify}: which channels and events are set up; {@code --test} tries each channel. */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    description = {
      "Show the notification channels this configuration sets up (Discord: the variable named by"
          + " discord_webhook_env holds a webhook URL; e-mail: smtp_host and email_to are set) and"
          + " the events notify_on selects.",
      "With --test, send a test message to each channel (no fallback, nothing recorded) and print"
          + " one line per channel. Secrets are never printed. See docs/notifications.md."
    })
final class NotifyCommand extends BaseCommand {
  @Mixin RepoOptions repo;

  @Option(
      names = "--test",
      description = "Send a test message to each configured channel; exit 1 when any fails.")
  boolean test;

  @Override
  public Integer call() {
    AutoUpdateConfig config = repo.load(context(), Map.of()).config();
    // No state: a test message is not an event, and showing the setup records nothing.
    Notifications n =
        Notifications.from(
            config,
            context().env(),
            null,
            Clock.systemUTC(),
            w -> context().err().println("warning: " + w));
    if (!test) {
      List<String> channels = n.channels();
      context()
          .out()
          .println("channels: " + (channels.isEmpty() ? "none" : String.join(", ", channels)));
      context()
          .out()
          .println(
              "events: "
                  + String.join(
                      ", ",
                      EventType.selectable().stream()
                          .filter(n::selects)
                          .map(EventType::id)
                          .toList())
                  + " (mode "
                  + config.notifyMode()
                  + ")");
      return ExitCodes.OK;
    }
    List<String> lines = n.test();
    lines.forEach(context().out()::println);
    boolean ok = !n.channels().isEmpty() && lines.stream().noneMatch(l -> l.contains(": failed"));
    return ok ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
