package nautilus.autoupdate.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import nautilus.autoupdate.Json;

/** How the commands' output writes times, durations, colors and JSON, defined once. */
public final class Style {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  private Style() {}

  public static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  public static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02ds", s % 60);
    }
    if (s < 86400) {
      return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
    }
    return (s / 86400) + "d" + String.format("%02dh", (s % 86400) / 3600);
  }

  /** One line of JSON. */
  public static String json(Object o) {
    try {
      return Json.mapper().writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "done" in green or "not done" in red: how update and dispatch open their last line. */
  public static String doneMark(boolean color, boolean success) {
    return success ? paint(color, "32", "done") : paint(color, "31", "not done");
  }

  public static String paint(boolean color, String ansi, String text) {
    return color ? "\u001B[" + ansi + "m" + text + "\u001B[0m" : text;
  }
}
