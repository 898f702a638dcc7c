package nautilus.autoupdate.cli;

import java.util.Map;
import nautilus.autoupdate.config.Channel;
import picocli.CommandLine.Option;

/** The {@code --channel} option of detect, run and watch, as a config override. */
final class ChannelOption {
  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description =
          "Which builds to follow: stable, pre, nightly or develop (default: the channel setting).")
  String channel;

  /** The override for the configuration (no entry's value when the option is not given). */
  Map<String, Object> flags() {
    return DetectSupport.flags("channel", channel == null ? null : Channel.of(channel));
  }
}
