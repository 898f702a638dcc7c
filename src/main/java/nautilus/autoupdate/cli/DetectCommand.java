package nautilus.autoupdate.cli;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.detect.DetectedVersion;
import nautilus.autoupdate.detect.Detector;
import nautilus.autoupdate.detect.Upstream;
import nautilus.autoupdate.report.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code detect}: poll the sources and say what is new since the last run. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Polls the package index, NautilusTrader's nightly index and GitHub, records every version in"
          + " the state database, and lists the versions no earlier run has seen.",
      "Exit codes: 0 nothing new, 2 something new for the channel, 1 error."
    })
final class DetectCommand extends BaseCommand {
  @Mixin ChannelOption channel;

  @Mixin FormatOption format;

  @Override
  public Integer call() {
    AutoUpdateConfig config = DetectSupport.config(context(), channel.flags());
    Channel ch = config.channel();
    try (Upstream up =
        Upstream.open(config, context().workingDir(), context().env(), Clock.systemUTC(), false)) {
      Detector.Result r = up.detector().detect(ch, true);
      List<String> warnings = new java.util.ArrayList<>(r.warnings());
      up.warnVanishedPin(up.pinned(), r, warnings::add);
      List<DetectedVersion> fresh =
          r.newVersions().stream().filter(d -> ch.accepts(d.version())).toList();
      if (format.json()) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channel", ch);
        out.put("new", fresh);
        out.put("target", r.target().orElse(null));
        out.put("warnings", warnings);
        context().out().println(Style.json(out));
      } else {
        warnings.forEach(w -> context().err().println("warning: " + w));
        if (fresh.isEmpty()) {
          context()
              .out()
              .println(
                  "nothing new"
                      + r.target()
                          .map(t -> " (newest " + ch.id() + ": " + t.version() + ")")
                          .orElse(""));
        }
        for (DetectedVersion d : fresh) {
          context()
              .out()
              .println(
                  "new "
                      + Style.paint(color(), "1;32", d.version().toString())
                      + "  "
                      + d.channel().id()
                      + "  published "
                      + Style.time(d.publishedAt())
                      + "  "
                      + d.url());
        }
      }
      if (verbose()) {
        var s = up.http().stats();
        context()
            .err()
            .println(
                "http: "
                    + s.requests()
                    + " requests, "
                    + s.conditional()
                    + " conditional, "
                    + s.notModified()
                    + " not modified");
      }
      return fresh.isEmpty() ? ExitCodes.OK : ExitCodes.UPDATE_AVAILABLE;
    }
  }
}
