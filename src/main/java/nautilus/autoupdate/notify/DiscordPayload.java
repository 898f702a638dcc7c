package nautilus.autoupdate.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nautilus.autoupdate.Json;

/**
 * The webhook body for a message: one embed per event, within Discord's limits (which reject the
 * whole message with a 400 when exceeded), every upstream text escaped so it cannot format, link or
 * mention, and {@code allowed_mentions} empty so nothing pings whatever the text says.
 */
final class DiscordPayload {
  static final int MAX_EMBEDS = 10;
  static final int MAX_TOTAL = 6000;
  static final int MAX_TITLE = 256;
  static final int MAX_DESCRIPTION = 4096;
  static final int MAX_FIELDS = 25;
  static final int MAX_FIELD_NAME = 256;
  static final int MAX_FIELD_VALUE = 1024;
  static final int MAX_FOOTER = 2048;
  static final int MAX_AUTHOR = 256;
  static final int MAX_CONTENT = 2000;
  static final String MARKER = " …(truncated)";
  static final String SHORT_MARKER = "…";

  private static final Pattern EVERYONE =
      Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);
  // Characters that format anywhere in a line; '<' also starts mentions (<@id>, <@&role>, <#chan>).
  private static final Pattern INLINE = Pattern.compile("([\\\\*_~`|<\\[\\]])");
  // Characters that format only at the start of a line: headers, lists, quotes.
  private static final Pattern LINE_START = Pattern.compile("(?m)^(\\s*)([#>\\-])");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

  private DiscordPayload() {}

  /** A mutable embed while it is fitted into the limits. */
  static final class Embed {
    String title;
    String description;
    String url;
    int color;
    final List<String[]> fields = new ArrayList<>();
    String footer;
    String author;
    String timestamp;

    int length() {
      int n = len(title) + len(description) + len(footer) + len(author);
      for (String[] f : fields) {
        n += f[0].length() + f[1].length();
      }
      return n;
    }
  }

  static ObjectNode build(Message m) {
    List<Embed> embeds = embeds(m);
    fitTotal(embeds);
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("username", "nautilus-autoupdate");
    if (m.heading() != null) {
      body.put("content", truncate(escape(m.heading()), MAX_CONTENT));
    }
    body.putObject("allowed_mentions").putArray("parse");
    ArrayNode arr = body.putArray("embeds");
    for (Embed e : embeds) {
      ObjectNode o = arr.addObject();
      o.put("title", e.title);
      if (e.url != null) {
        o.put("url", e.url);
      }
      if (e.description != null && !e.description.isEmpty()) {
        o.put("description", e.description);
      }
      o.put("color", e.color);
      if (!e.fields.isEmpty()) {
        ArrayNode fs = o.putArray("fields");
        for (String[] f : e.fields) {
          fs.addObject().put("name", f[0]).put("value", f[1]).put("inline", f[1].length() < 40);
        }
      }
      if (e.author != null) {
        o.putObject("author").put("name", e.author);
      }
      o.putObject("footer").put("text", e.footer);
      if (e.timestamp != null) {
        o.put("timestamp", e.timestamp);
      }
    }
    return body;
  }

  private static List<Embed> embeds(Message m) {
    List<Event> events = m.events();
    List<Embed> out = new ArrayList<>();
    int direct = events.size() <= MAX_EMBEDS ? events.size() : MAX_EMBEDS - 1;
    for (int i = 0; i < direct; i++) {
      out.add(embed(events.get(i)));
    }
    if (direct < events.size()) {
      // The rest as one list, so a long digest still fits in one message.
      Embed rest = new Embed();
      rest.title = (events.size() - direct) + " more events";
      StringBuilder sb = new StringBuilder();
      for (Event e : events.subList(direct, events.size())) {
        sb.append("• ").append(escape(e.title())).append('\n');
      }
      rest.description = truncate(sb.toString().strip(), MAX_DESCRIPTION);
      rest.color = 0x95a5a6;
      rest.footer = "nautilus-autoupdate";
      out.add(rest);
    }
    return out;
  }

  private static Embed embed(Event e) {
    Embed x = new Embed();
    x.title = truncate(nonEmpty(escape(e.title()), e.type().meaning()), MAX_TITLE);
    x.description = truncate(escape(e.detail()), MAX_DESCRIPTION);
    x.url = linkable(e.url());
    x.color = e.type().failure() ? 0xe74c3c : e.type() == EventType.MERGED ? 0x2ecc71 : 0x3498db;
    List<Event.Field> fs = e.fields();
    // A URL that cannot be the title's link is shown as the last field.
    boolean linkField = e.url() != null && x.url == null;
    int room = MAX_FIELDS - (linkField ? 1 : 0);
    int shown = fs.size() <= room ? fs.size() : room - 1;
    for (int i = 0; i < shown; i++) {
      Event.Field f = fs.get(i);
      x.fields.add(
          new String[] {
            truncate(nonEmpty(escape(f.name()), "-"), MAX_FIELD_NAME),
            truncate(nonEmpty(escape(f.value()), "-"), MAX_FIELD_VALUE)
          });
    }
    if (shown < fs.size()) {
      x.fields.add(new String[] {"more", (fs.size() - shown) + " more fields not shown"});
    }
    if (linkField) {
      x.fields.add(new String[] {"link", truncate(escape(e.url()), MAX_FIELD_VALUE)});
    }
    x.footer = truncate("nautilus-autoupdate · " + e.type().id(), MAX_FOOTER);
    x.timestamp = e.at() == null ? null : e.at().toString();
    return x;
  }

  /**
   * Cuts the texts (titles, descriptions, field names and values) to one common cap, the largest
   * that lets all embeds together fit {@link #MAX_TOTAL}: short facts stay whole, only what is
   * longer than the cap is cut.
   */
  private static void fitTotal(List<Embed> embeds) {
    if (embeds.stream().mapToInt(Embed::length).sum() <= MAX_TOTAL) {
      return;
    }
    int lo = 1;
    int hi = MAX_DESCRIPTION;
    while (lo < hi) {
      int mid = (lo + hi + 1) / 2;
      if (cappedTotal(embeds, mid) <= MAX_TOTAL) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int cap = lo;
    for (Embed e : embeds) {
      e.title = truncate(e.title, cap);
      e.description = truncate(e.description, cap);
      for (String[] f : e.fields) {
        f[0] = truncate(f[0], cap);
        f[1] = truncate(f[1], cap);
      }
    }
    while (embeds.size() > 1 && embeds.stream().mapToInt(Embed::length).sum() > MAX_TOTAL) {
      // Only footers are left to count (cannot happen within the limits above).
      embeds.remove(embeds.size() - 1);
    }
  }

  private static int cappedTotal(List<Embed> embeds, int cap) {
    int n = 0;
    for (Embed e : embeds) {
      n += Math.min(len(e.title), cap) + Math.min(len(e.description), cap);
      n += len(e.footer) + len(e.author);
      for (String[] f : e.fields) {
        n += Math.min(f[0].length(), cap) + Math.min(f[1].length(), cap);
      }
    }
    return n;
  }

  /**
   * Upstream text made inert: no {@code @everyone}/{@code @here}, no mention, link or markdown; no
   * control characters but newline and tab.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    String s = CONTROL.matcher(text).replaceAll("");
    s = INLINE.matcher(s).replaceAll("\\\\$1");
    s = LINE_START.matcher(s).replaceAll("$1\\\\$2");
    // A zero-width space after '@' keeps the word readable and never a mass mention.
    s = EVERYONE.matcher(s).replaceAll("@\u200b$1");
    return s;
  }

  /** {@code s} cut to {@code max} UTF-16 units (Discord's count) with a marker at the cut. */
  static String truncate(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    String marker = max >= MARKER.length() * 4 ? MARKER : SHORT_MARKER;
    int cut = Math.max(0, max - marker.length());
    if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--;
    }
    String head = s.substring(0, cut);
    if (head.endsWith("\\")) {
      // Half of an escape would escape the marker.
      head = head.substring(0, head.length() - 1);
    }
    return head + marker;
  }

  private static String linkable(String url) {
    if (url == null || url.length() > 2048) {
      return null;
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme();
      return ("https".equals(scheme) || "http".equals(scheme)) && u.getHost() != null ? url : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String nonEmpty(String s, String fallback) {
    return s == null || s.isBlank() ? fallback : s;
  }

  private static int len(String s) {
    return s == null ? 0 : s.length();
  }
}
